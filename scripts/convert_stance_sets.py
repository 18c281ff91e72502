"""Convert public stance sets to `claimcheck eval stance` JSONL: {"claim", "evidence", "label"} per line.

Usage: python scripts/convert_stance_sets.py healthver --split test [--shared ../shared] [--out FILE]
Labels map to claimcheck's three: Supports -> supported, Refutes -> contradicted, Neutral -> unverified.
Only HealthVer's pair-level CSV is handled so far; the other sets of ../shared/datasets (SciFact,
Check-COVID, HealthFC) need their own readers (the stance-model issue adds them).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = {"supports": "supported", "refutes": "contradicted", "neutral": "unverified"}


def healthver(shared: Path, split: str) -> list[dict[str, str]]:
    path = shared / "datasets" / "healthver" / f"healthver_{split}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return [
            {"claim": row["claim"], "evidence": row["evidence"], "label": LABELS[row["label"].strip().lower()]}
            for row in csv.DictReader(f)
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=["healthver"])
    parser.add_argument("--split", choices=["dev", "test"], required=True)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="default: standard output")
    args = parser.parse_args()
    rows = healthver(args.shared, args.split)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    with out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
