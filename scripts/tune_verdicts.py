"""Choose the verdict policy on the claim bank's dev split, calibrate its confidence, report dev and test.

  python scripts/tune_verdicts.py                       # cache dev+test stance scores, tune on dev, write policy
  python scripts/tune_verdicts.py --report-only         # re-print figures for the written policy
  python scripts/tune_verdicts.py --splits dev test cold --report-only   # the cold split: once, at the end

What is chosen, on dev only: the stance mix (weight of the trained model against the lexical baseline), how
many retrieved sentences are stance-scored, how many matching bank claims lend their deciding sentences and
from what cosine, the supported / contradicted thresholds and how a conflict resolves. The rule: the most
accurate policy whose supported and contradicted precision are each >= 0.9 on dev with no harmful item
called supported. Then `confidence` is calibrated on dev by isotonic regression (pool adjacent violators,
Laplace-smoothed): per label, the probability that the label is right given the deciding score.

Every claim's candidates and stance probabilities are computed once and cached (build/verdicts/), so the
grid is a numpy pass. The claim matcher holds the bank's train split only, so no evaluated claim finds
itself. The policy is written into the stance model's folder (verdict_policy.json) under "ensemble".
Each claim is read alone here, as the policy was chosen; `check` also reads a claim of a short text after the
text before it (`pipeline.span_leads`), so `claimcheck eval claims` differs from this report on multi-claim
posts (dev 0.589 there against 0.572 here when that reading was added).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.evaluate import classification_report, isotonic_steps  # noqa: E402
from claimcheck.verdict import may_vote, more_than_that  # noqa: E402

K_MAX = 8  # reranked sentences cached per claim
MATCH_MAX = 3  # bank claims cached per claim
WEIGHTS = (0.25, 0.5, 0.75, 1.0)
KS = (2, 3, 4)
MATCH_TOPS = (0, 1, 2, 3)
MATCH_MINS = (0.6, 0.7, 0.8)
REVERSE_MINS = (0.0, 0.3, 0.5, 0.7)
# Retrieval fusion: the dense ranking's weight against BM25's (claimcheck.retrieve); each has its own rank key.
DENSE_WEIGHTS = {1.0: "rank", 4.0: "rank4"}
CACHE_FORMAT = 5  # 2: candidates of both fusion weights; 3: their retrieval cosine; 4-5: claim text, title, heading
CACHED_BY = (
    "claims.py", "passages.py", "pipeline.py", "retrieve.py", "lexical.py", "claim_match.py", "safety/harmful.py"
)
GRID = tuple(round(x, 2) for x in np.arange(0.3, 0.96, 0.05))
TARGET_PRECISION = 0.9
# The precision target is met when the Wilson lower bound at this z clears it (0: the point estimate). A bound
# rather than the point estimate, because the grid holds about a million policies and the best of them on 418
# dev items is partly luck: with z=0, two-fold cross-validation within dev (`--cv`) put the chosen policies'
# out-of-fold contradicted precision at 0.74-0.93.
PRECISION_Z = 0.0


def precise(gold: np.ndarray, pred: np.ndarray, label: int, z: float = PRECISION_Z) -> bool:
    """Whether the items predicted `label` (mask `pred`) meet the precision target (vacuously, if none are)."""
    n = int(pred.sum())
    if not n:
        return True
    p = float(np.mean(gold[pred] == label))
    if z <= 0:
        return p >= TARGET_PRECISION
    low = (p + z * z / (2 * n) - z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    return low >= TARGET_PRECISION


def cache_split(split: str, stance_dir: Path, index_dir: Path | None, out: Path, scope: str = "train") -> list[dict]:
    """Per bank item: its checkable claims, each with candidates and model + baseline stance probabilities.

    `scope` is what the claim matcher holds: "train" (the bank's train split: how every reported figure is
    measured) or "cross-writer" (the same split's claims by *other* writing passes: what a new post meets
    when the bank already holds other people's wording of its claim, as the shipped bank does).
    """
    from claimcheck.claim_match import ClaimMatcher
    from claimcheck.pipeline import Checker
    from claimcheck.retrieve import retrieve
    from claimcheck.safety import harmful_family
    from claimcheck.stance import PolarityBaseline
    from claimcheck.stance_model import OnnxStanceScorer

    items = [c for c in read_bank(bank_files(ROOT / "corpus" / "claims")) if c.split == split]
    model_sha = hashlib.sha256((stance_dir / "model.onnx").read_bytes()).hexdigest()[:16]
    emb_sha = hashlib.sha256((ROOT / "claimcheck" / "data" / "claim_bank" / "vectors.npy").read_bytes()).hexdigest()[:8]
    # the code that decides what is cached (claim splitting, sentence cutting, retrieval, ranking, the harmful
    # rules), so a cache built before a change to it is not read after
    code = hashlib.sha256(b"".join((ROOT / "claimcheck" / f).read_bytes() for f in CACHED_BY)).hexdigest()[:8]
    path = out / f"{split}-{scope}-{model_sha}-{emb_sha}-{code}-{len(items)}-v{CACHE_FORMAT}.json"
    if path.exists():
        return json.loads(path.read_text())
    checker = Checker(index_dir=index_dir, stance="baseline")
    index, embedder = checker.index, checker.embedder
    model = OnnxStanceScorer(stance_dir)
    baseline = PolarityBaseline(idf=index.term_idf())
    full = ClaimMatcher.load(
        weights_sha256=embedder.weights_sha256, splits=("train",) if scope == "train" else (split,)
    )
    if full is None:
        raise SystemExit("the shipped claim bank was embedded with another model: run scripts/ship_bank.py")
    doc_rows: dict[str, list[tuple[int, str]]] = {}
    for row, p in enumerate(index.passages):
        doc_rows.setdefault(p.doc_id, []).append((row, index.quote(row)))
    matchers: dict[str, ClaimMatcher] = {}

    def matcher_for(source: str) -> ClaimMatcher:
        if source not in matchers:
            keep = range(len(full.entries))
            if scope == "cross-writer":
                keep = [i for i, e in enumerate(full.entries) if e.source != source]
            matchers[source] = full.subset(keep)
            matchers[source].bind(doc_rows)
        return matchers[source]

    allowed = checker.allowed_sources
    records = []
    for item in items:
        claims = [s.text for s in checker.claim_spans(item.text, 101) if s.checkable][:100]
        rec = {"id": item.id, "gold": item.label, "harmful": item.harmful, "quotes": list(item.quotes), "claims": []}
        if claims:
            vecs = embedder.embed_batch(claims)
            fused = {
                w: retrieve(index, embedder, claims, k=30, query_vectors=vecs, dense_weight=w) for w in DENSE_WEIGHTS
            }
            for ci, (claim, vec) in enumerate(zip(claims, vecs, strict=True)):
                ranks = {key: checker.rerank(claim, fused[w][ci])[:K_MAX] for w, key in DENSE_WEIGHTS.items()}
                ranked = [h for hs in ranks.values() for h in hs]
                matched, bank_rank, seen_bank = [], {}, []
                for row, cos, bank_id in matcher_for(item.source).match(vec, -1.0, MATCH_MAX):
                    if bank_id not in seen_bank:
                        seen_bank.append(bank_id)
                    matched.append((row, cos, len(seen_bank) - 1))
                    bank_rank[row] = len(seen_bank) - 1
                rows = [r for r, _, _ in matched]
                rows += list(dict.fromkeys(h.row for h in ranked if h.row not in bank_rank))
                dense = {h.row: h.dense for h in ranked}
                rank_of = {key: {h.row: i for i, h in enumerate(hs)} for key, hs in ranks.items()}
                for r in rows:
                    if r not in dense:
                        dense[r] = float(index.vectors.reconstruct(r) @ vec)
                pairs = [(claim, f"{index.document(index.passages[r]).title}. {index.quote(r)}") for r in rows]
                m = model.score(pairs)
                b = baseline.score(pairs, [dense[r] for r in rows])
                # The reversed reading, wherever some mix could make the sentence a contradicting vote.
                flip = [
                    i for i, (ms, bs) in enumerate(zip(m, b, strict=True)) if max(ms.contradict, bs.contradict) >= 0.3
                ]
                rev = dict(zip(flip, model.score([(pairs[i][1], pairs[i][0]) for i in flip]), strict=True))
                rec["claims"].append(
                    {
                        "text": claim,
                        "harmful": harmful_family(claim) is not None,
                        "cands": [
                            {
                                "row": r,
                                "quote": index.quote(r),
                                "title": index.document(index.passages[r]).title,
                                "heading": index.passages[r].heading,
                                "trusted": index.document(index.passages[r]).source_id in allowed,
                                "bank_rank": bank_rank.get(r, -1),
                                **{key: rank_of[key].get(r, -1) for key in ranks},
                                "cos": next((c for rr, c, _ in matched if rr == r), 0.0),
                                "rel": dense[r],
                                "me": ms.entail,
                                "mc": ms.contradict,
                                "be": bs.entail,
                                "bc": bs.contradict,
                                "rc": rev[i].contradict if i in rev else None,
                            }
                            for i, (r, ms, bs) in enumerate(zip(rows, m, b, strict=True))
                        ],
                    }
                )
        records.append(rec)
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records))
    return records


def claim_tops(
    records: list[dict], w: float, k: int, mtop: int, mmin: float, rmin: float = 0.0, dense_weight: float = 1.0
) -> tuple[np.ndarray, ...]:
    """For one candidate/mixing setting, per claim: top entail vote, top contradict vote (two-way checked),
    harmful flag, message id, and the top contradict vote without the two-way check (flagged harmful advice
    skips it, as `claimcheck.verdict.decide` does)."""
    te, tc, tc0, harm, msg = [], [], [], [], []
    for mi, rec in enumerate(records):
        for cl in rec["claims"]:
            bank = [c for c in cl["cands"] if 0 <= c["bank_rank"] < mtop and c["cos"] >= mmin]
            rows = {c["row"] for c in bank}
            key = DENSE_WEIGHTS[dense_weight]
            rest = sorted((c for c in cl["cands"] if c[key] >= 0 and c["row"] not in rows), key=lambda c: c[key])
            rest = rest[:k]
            e_best = c_best = c_any = 0.0
            for c in bank + rest:
                if not c["trusted"] or not may_vote(cl["text"], c["title"], c["heading"], c["quote"]):
                    continue  # as claimcheck.verdict.votes
                e = w * c["me"] + (1 - w) * c["be"]
                x = w * c["mc"] + (1 - w) * c["bc"]
                if e > x:
                    if not more_than_that(cl["text"], c["quote"]):  # as claimcheck.verdict.votes
                        e_best = max(e_best, e)
                    continue
                c_any = max(c_any, x)
                if rmin <= 0 or c["rc"] is None or c["rc"] >= rmin:
                    c_best = max(c_best, x)
            te.append(e_best)
            tc.append(c_best)
            tc0.append(c_any)
            harm.append(cl["harmful"])
            msg.append(mi)
    return np.array(te), np.array(tc), np.array(harm, dtype=bool), np.array(msg, dtype=int), np.array(tc0)


def message_labels(
    tops: tuple[np.ndarray, ...], n: int, t_e: float, t_c: float, conflict: str, t_ch: float = 1.0
) -> tuple:
    """Message labels (0 supported, 1 contradicted, 2 unverified) and the deciding score of each."""
    te, tc, harm, msg, tc0 = tops
    tc = np.where(harm, tc0, tc)
    yes, no = te >= t_e, np.where(harm, tc >= min(t_c, t_ch), tc >= t_c)
    con = no & (~yes | (conflict == "contradict"))
    sup = yes & ~no & ~harm
    any_con = np.bincount(msg, weights=con, minlength=n) > 0
    any_sup = np.bincount(msg, weights=sup, minlength=n) > 0
    labels = np.where(any_con, 1, np.where(any_sup, 0, 2))
    score_c = np.zeros(n)
    score_s = np.zeros(n)
    score_u = np.zeros(n)
    np.maximum.at(score_c, msg, np.where(con, tc, 0.0))
    np.maximum.at(score_s, msg, np.where(sup, te, 0.0))
    np.maximum.at(score_u, msg, np.maximum(te, tc))
    score = np.where(labels == 1, score_c, np.where(labels == 0, score_s, score_u))
    return labels, score


LAB = ("supported", "contradicted", "unverified")


def metrics(gold: np.ndarray, labels: np.ndarray, harmful: np.ndarray) -> dict:
    rep = classification_report([LAB[g] for g in gold], [LAB[p] for p in labels], list(harmful))
    decidable = gold != 2
    rep["decided"] = float(np.mean(labels[decidable] == gold[decidable])) if decidable.any() else 0.0
    rep["coverage"] = float(np.mean(labels != 2))
    return rep


def fit_calibration(gold: np.ndarray, labels: np.ndarray, score: np.ndarray) -> dict:
    table = {}
    for li, name in enumerate(LAB):
        sel = labels == li
        if sel.sum() < 3:
            continue
        cuts, probs = isotonic_steps(score[sel], (gold[sel] == li).astype(float), increasing=name != "unverified")
        table[name] = {"cuts": [round(c, 4) for c in cuts], "probability": [round(p, 4) for p in probs]}
    return table


def apply_calibration(table: dict, labels: np.ndarray, score: np.ndarray) -> np.ndarray:
    from claimcheck.verdict import Thresholds

    th = Thresholds.from_card({"calibration": table})
    return np.array([th.calibrated(LAB[lab], s) for lab, s in zip(labels, score, strict=True)])


def _setting(policy: dict) -> tuple:
    return (
        policy["weight"],
        policy["candidates"],
        policy["match_top"],
        policy["match_min"],
        policy.get("contradict_reverse", 0.0),
        policy.get("dense_weight", 1.0),
    )


def choose(records: list[dict], z: float = PRECISION_Z) -> tuple[dict, dict]:
    gold = np.array([LAB.index(r["gold"]) for r in records])
    harmful = np.array([r["harmful"] for r in records], dtype=bool)
    n = len(records)
    best: tuple | None = None
    for w, k, mtop, mmin, rmin, dw in itertools.product(
        WEIGHTS, KS, MATCH_TOPS, MATCH_MINS, REVERSE_MINS, DENSE_WEIGHTS
    ):
        if mtop == 0 and mmin != MATCH_MINS[0]:
            continue
        tops = claim_tops(records, w, k, mtop, mmin, rmin, dw)
        for t_e, t_c, conflict in itertools.product(GRID, GRID, ("abstain", "contradict")):
            labels, _ = message_labels(tops, n, t_e, t_c, conflict)
            ok = precise(gold, labels == 0, 0, z) and precise(gold, labels == 1, 1, z)
            if not ok or np.any(harmful & (labels == 0)):
                continue
            acc = float(np.mean(labels == gold))
            # Ties: fewer stance calls (speed), then higher thresholds (more margin), then equal fusion.
            key = (round(acc, 6), -k - mtop, t_e + t_c, -dw)
            if best is None or key > best[0]:
                best = (
                    key,
                    {
                        "weight": w,
                        "candidates": k,
                        "match_top": mtop,
                        "match_min": mmin,
                        "entail": t_e,
                        "contradict": t_c,
                        "conflict": conflict,
                        "contradict_reverse": rmin,
                        "dense_weight": dw,
                    },
                )
    if best is None:
        raise SystemExit("no policy reaches the precision target on dev")
    policy = best[1]
    tops = claim_tops(records, *_setting(policy))
    # Second stage: the lower bar for flagged harmful advice, on the same rule, the rest held fixed.
    best_h = (
        float(np.mean(message_labels(tops, n, policy["entail"], policy["contradict"], policy["conflict"])[0] == gold)),
        1.0,
    )
    for t_ch in GRID:
        labels, _ = message_labels(tops, n, policy["entail"], policy["contradict"], policy["conflict"], t_ch)
        if not precise(gold, labels == 1, 1, z):
            continue
        acc = float(np.mean(labels == gold))
        if acc >= best_h[0]:
            best_h = (acc, t_ch)
    policy["contradict_harmful"] = best_h[1]
    labels, score = message_labels(tops, n, policy["entail"], policy["contradict"], policy["conflict"], best_h[1])
    policy["calibration"] = fit_calibration(gold, labels, score)
    return policy, metrics(gold, labels, harmful)


def report(records: list[dict], policy: dict) -> dict:
    from claimcheck.evaluate import reliability

    gold = np.array([LAB.index(r["gold"]) for r in records])
    harmful = np.array([r["harmful"] for r in records], dtype=bool)
    tops = claim_tops(records, *_setting(policy))
    labels, score = message_labels(
        tops,
        len(records),
        policy["entail"],
        policy["contradict"],
        policy["conflict"],
        policy.get("contradict_harmful", 1.0),
    )
    rep = metrics(gold, labels, harmful)
    conf = apply_calibration(policy["calibration"], labels, score)
    rep["calibration"] = reliability(list(conf), list(labels == gold))
    return rep


def cross_validate(records: list[dict], repeats: int = 2, z: float = PRECISION_Z) -> dict:
    """Two-fold cross-validation of the whole tuning procedure within one split, folds by document.

    The in-sample figure of the chosen policy is optimistic (the best of a large grid on a few hundred
    items); the out-of-fold figures say what a policy chosen this way does on documents it was not chosen on.
    """
    import random

    doc = {c.id: c.doc_id or c.id for c in read_bank(bank_files(ROOT / "corpus" / "claims"))}
    docs = sorted({doc[r["id"]] for r in records})
    right = total = 0
    folds = []
    for rep in range(repeats):
        order = docs[:]
        random.Random(rep).shuffle(order)
        half = set(order[: len(order) // 2])
        a = [r for r in records if doc[r["id"]] in half]
        b = [r for r in records if doc[r["id"]] not in half]
        for fit, held in ((a, b), (b, a)):
            out = report(held, choose(fit, z)[0])
            right += round(out["accuracy"] * len(held))
            total += len(held)
            pl = out["per_label"]
            folds.append((len(held), out["accuracy"], pl["supported"]["precision"], pl["contradicted"]["precision"]))
    return {"accuracy": right / total, "folds": folds}


def pair_report(records: list[dict], k: int = 4) -> dict:
    """The trained model alone on each claim's first `k` retrieved sentences, with no policy to tune.

    A sentence matching one of the item's gold quotes (`same_sentence`, the rule of `eval claims`) carries the
    item's label, any other sentence "unverified"; the prediction is the model's argmax. `direction` is the
    share of gold pairs whose larger of entail and contradict is the right one. Models are compared on this
    first: tuned-policy accuracy on dev moved by up to 0.16 between checkpoints whose pair figures were within
    0.013 of each other.
    """
    from claimcheck.evaluate import same_sentence

    gold, pred, direction = [], [], []
    for r in records:
        for cl in r["claims"]:
            for c in cl["cands"]:
                if not 0 <= c["rank"] < k:
                    continue
                hit = r["gold"] != "unverified" and any(same_sentence(q, c["quote"]) for q in r["quotes"])
                label = r["gold"] if hit else "unverified"
                probs = (c["me"], c["mc"], 1 - c["me"] - c["mc"])
                gold.append(label)
                pred.append(LAB[int(np.argmax(probs))])
                if hit:
                    direction.append((c["mc"] > c["me"]) == (label == "contradicted"))
    rep = classification_report(gold, pred)
    return {"pairs": len(gold), "macro_f1": rep["macro_f1"], "direction": float(np.mean(direction or [0.0]))}


def brief(rep: dict) -> str:
    pl = rep["per_label"]
    return (
        f"n={rep['n']} acc {rep['accuracy']:.3f} macro-F1 {rep['macro_f1']:.3f} "
        f"sup P/R {pl['supported']['precision']:.3f}/{pl['supported']['recall']:.3f} "
        f"con P/R {pl['contradicted']['precision']:.3f}/{pl['contradicted']['recall']:.3f} "
        f"decided {rep['decided']:.3f} coverage {rep['coverage']:.3f} harmful-supported {rep['harmful_supported']}"
        + (f" ECE {rep['calibration']['ece']:.3f}" if "calibration" in rep else "")
    )


def main() -> None:
    from claimcheck.stance_model import POLICY_FILE, resolve_stance_dir

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["dev", "test"])
    ap.add_argument("--stance-dir", type=Path, default=None, help="exported stance model (default: the shipped one)")
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "verdicts")
    ap.add_argument("--report-only", action="store_true", help="use the policy already written")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cv", type=int, default=0, help="also cross-validate the tuning on dev (N repeats of 2 folds)")
    ap.add_argument("--pairs", action="store_true", help="also print the model's pair-level figures per split")
    ap.add_argument("--precision-z", type=float, default=PRECISION_Z, help="Wilson bound for the precision target")
    ap.add_argument(
        "--match-scope",
        choices=["train", "cross-writer"],
        default="train",
        help="what the claim matcher holds while tuning (reported figures always use train)",
    )
    args = ap.parse_args()
    stance_dir = args.stance_dir or resolve_stance_dir()
    data = {s: cache_split(s, stance_dir, args.index, args.cache, args.match_scope) for s in args.splits}
    policy_path = stance_dir / POLICY_FILE
    if args.report_only:
        policy = json.loads(policy_path.read_text())["ensemble"]
    else:
        if "dev" not in data:
            raise SystemExit("tuning needs the dev split")
        policy, _ = choose(data["dev"], args.precision_z)
        policies = json.loads(policy_path.read_text()) if policy_path.exists() else {}
        policies["ensemble"] = policy | {
            "chosen_on": "corpus/claims dev split (scripts/tune_verdicts.py)",
            "rule": f"max dev accuracy with supported and contradicted precision >= {TARGET_PRECISION}, "
            "no harmful item supported",
        }
        policy_path.write_text(json.dumps(policies, indent=1) + "\n")
        print(f"policy written to {policy_path}")
    shown = {k: v for k, v in policy.items() if k != "calibration"}
    print(json.dumps(shown))
    out = {}
    for split, records in data.items():
        rep = report(records, policy)
        out[split] = rep
        print(f"{split:5} {brief(rep)}")
        if args.pairs:
            pr = pair_report(records)
            figures = f"macro-F1 {pr['macro_f1']:.3f}, direction {pr['direction']:.3f}"
            print(f"{split:5} pairs={pr['pairs']} model alone: {figures}")
    if args.cv and "dev" in data:
        cv = cross_validate(data["dev"], args.cv, args.precision_z)
        folds = " ".join(f"[n={n} acc {a:.3f} supP {sp:.3f} conP {cp:.3f}]" for n, a, sp, cp in cv["folds"])
        print(f"dev cross-validated (policy chosen on one half, scored on the other): acc {cv['accuracy']:.3f} {folds}")
    if args.json:
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
