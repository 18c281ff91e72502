"""Choose the verdict thresholds on the dev split of the labelled claims, then report them on test.

Usage: python scripts/tune_thresholds.py [--stance NAME] [--index DIR] [--file corpus/eval/claims.jsonl]
                                        [--json OUT]
Evidence and stance scores are computed once per claim; only the verdict rule is re-applied per grid
point. The objective is dev macro-F1 with hard constraints: supported precision >= 0.9 and no harmful
item called supported (a wrong "supported" is the worst failure this product can have).
It also prints the coverage-accuracy curve: with one threshold t for both labels, the share of claims that
get a verdict other than "unverified" (coverage) and how many of those verdicts are right (accuracy).
`--json` writes the chosen thresholds, the dev/test reports and the curve (for the model card).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A wrong "supported" is the worst failure this product can have: precision first, then macro-F1.
MIN_SUPPORTED_PRECISION = 0.9
sys.path.insert(0, str(ROOT))


def main() -> None:
    from claimcheck.claims import split_claims
    from claimcheck.evaluate import classification_report, load_claims_file, most_severe
    from claimcheck.pipeline import Checker
    from claimcheck.verdict import Thresholds, decide

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--file", type=Path, default=ROOT / "corpus" / "eval" / "claims.jsonl")
    parser.add_argument("--stance", default=None, help="stance model name or folder (default: the shipped one)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here as JSON")
    parser.add_argument(
        "--candidates", type=int, default=None, help="sentences scored per claim (default: the scorer's)"
    )
    args = parser.parse_args()
    checker = Checker(index_dir=args.index, stance=args.stance, candidates=args.candidates)
    items = load_claims_file(args.file)
    spans = {i.id: [s.text for s in split_claims(i.text) if s.checkable] for i in items}
    flat = sorted({t for ts in spans.values() for t in ts})
    evidence = dict(zip(flat, checker.evidence_for(flat), strict=True))
    from claimcheck.safety import harmful_family

    harmful = {t: harmful_family(t) for t in flat}

    def predict(split: str, th: Thresholds) -> tuple[list, list[str]]:
        """The split's items and each one's most severe verdict under `th` (evidence is scored once)."""
        sel = [i for i in items if i.extra.get("split") == split]
        pred = [
            most_severe(
                [
                    decide(t, evidence[t], th, checker.allowed_sources, harmful_family=harmful[t]).label
                    for t in spans[i.id]
                ]
            )
            for i in sel
        ]
        return sel, pred

    def report(split: str, th: Thresholds) -> dict:
        sel, pred = predict(split, th)
        return classification_report([i.label for i in sel], pred, [i.harmful for i in sel])

    grid = [x / 20 for x in range(4, 20)]
    reports = {(e, c): report("dev", Thresholds(entail=e, contradict=c)) for e in grid for c in grid}

    def meets(e: float, c: float) -> bool:
        r = reports.get((e, c))
        return r is None or (
            r["per_label"]["supported"]["precision"] >= MIN_SUPPORTED_PRECISION and r["harmful_supported"] == 0
        )

    # A point qualifies only if its grid neighbours meet the constraints too: dev is small, and a
    # threshold that is safe only at one exact value will not be safe on new claims.
    step = 0.05
    best: tuple[float, Thresholds] | None = None
    for (e, c), r in reports.items():
        near = [(round(e + de, 2), round(c + dc, 2)) for de in (-step, 0, step) for dc in (-step, 0, step)]
        if all(meets(*p) for p in near) and (best is None or r["macro_f1"] > best[0]):
            best = (r["macro_f1"], Thresholds(entail=e, contradict=c))
    if best is None:
        raise SystemExit("no threshold pair meets the constraints on dev")
    th = best[1]
    print(f"stance model: {checker.stance.model_id}")
    print(f"chosen on dev: entail >= {th.entail}, contradict >= {th.contradict}")
    results: dict = {
        "stance_model": checker.stance.model_id,
        "entail": th.entail,
        "contradict": th.contradict,
        "candidates": checker.candidates,
    }
    for split in ("dev", "test"):
        r = report(split, th)
        results[split] = r
        sup = r["per_label"]["supported"]
        print(
            f"{split:<5} n={r['n']:<4} accuracy {r['accuracy']:.3f}  macro-F1 {r['macro_f1']:.3f}  "
            f"supported precision {sup['precision']:.3f} recall {sup['recall']:.3f}  "
            f"harmful supported {r['harmful_supported']}"
        )
    print("coverage-accuracy (one threshold t for both labels; decided = not unverified)")
    results["coverage_accuracy"] = {}
    for split in ("dev", "test"):
        curve = []
        for t in [x / 20 for x in range(6, 20)]:
            sel, pred = predict(split, Thresholds(entail=t, contradict=t))
            decided = [(p, i.label) for p, i in zip(pred, sel, strict=True) if p in ("supported", "contradicted")]
            acc = sum(1 for p, g in decided if p == g) / len(decided) if decided else 0.0
            curve.append({"t": t, "coverage": round(len(decided) / len(sel), 3), "accuracy": round(acc, 3)})
        results["coverage_accuracy"][split] = curve
        print(
            f"  {split}: " + "  ".join(f"t={c['t']:.2f} cov {c['coverage']:.2f} acc {c['accuracy']:.2f}" for c in curve)
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
