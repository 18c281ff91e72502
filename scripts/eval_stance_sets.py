"""Score a stance model on every public benchmark at once: the figures of the model card and the README.

Usage: python scripts/eval_stance_sets.py [--stance NAME] [--shared ../shared] [--json OUT]
       python scripts/eval_stance_sets.py --stance claimcheck-stance-minilm-int8   # the model alone (README)
                                          [--sets healthver-dev healthver-test ...]

Each set is converted in memory by scripts/convert_stance_sets.py's readers (HealthFC is never written
anywhere: CC BY-NC-ND) and scored by the same code as `claimcheck eval stance`. Dev sets are for model
selection; test sets and HealthFC are evaluation only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_stance_sets import READERS  # noqa: E402

SETS = {
    "healthver-dev": ("healthver", "dev"),
    "healthver-test": ("healthver", "test"),
    "scifact-dev": ("scifact", "dev"),
    "scifact-test": ("scifact", "test"),
    "check-covid-test": ("check-covid", "test"),
    "healthfc": ("healthfc", "all"),
    "negation-hossain": ("negation-hossain", "all"),
}


def main() -> None:
    from claimcheck.evaluate import StanceItem, evaluate_stance
    from claimcheck.pipeline import Checker

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--stance",
        default=None,
        help="stance model name or folder (default: the default scorer, the shipped model mixed with the lexical "
        "baseline; claimcheck-stance-minilm-int8 for the model alone)",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    parser.add_argument("--json", type=Path, default=None, help="write {set: report} here")
    args = parser.parse_args()
    checker = Checker(stance=args.stance)
    results = {}
    for name in args.sets:
        dataset, split = SETS[name]
        rows = READERS[dataset](args.shared, split)
        items = [StanceItem(claim=r["claim"], evidence=r["evidence"], label=r["label"]) for r in rows]
        t0 = time.perf_counter()
        report = evaluate_stance(checker, items)
        secs = time.perf_counter() - t0
        results[name] = report
        per = "  ".join(
            f"{k} P/R/F1 {v['precision']:.3f}/{v['recall']:.3f}/{v['f1']:.3f}" for k, v in report["per_label"].items()
        )
        print(
            f"{name:<17} n={report['n']:<5} acc {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}  {per}"
            f"  ({len(items) / secs:.0f} pairs/s)",
            flush=True,
        )
    print(f"stance model: {checker.stance.model_id}")
    if args.json:
        args.json.write_text(json.dumps({"stance_model": checker.stance.model_id, **results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
