"""Convert public stance sets to `claimcheck eval stance` JSONL: {"claim", "evidence", "label"} per line.

Usage: python scripts/convert_stance_sets.py {healthver,scifact,check-covid,healthfc} --split test
                                              [--shared ../shared] [--out FILE]
Labels map to claimcheck's three: Supports -> supported, Refutes -> contradicted, Neutral -> unverified.

- healthver: the pair-level CSV as published (evidence snippet, claim, label); dev or test.
- scifact: rationale sentences of each cited abstract with evidence; for a cited abstract without
  evidence, the two consecutive sentences sharing most words with the claim (unverified). dev or test.
- check-covid: the annotated evidence sentences of the paired abstract; dev or test.
- healthfc: the question-style claim against the article's top sentences (label 0/1/2). HealthFC has no
  split and is CC BY-NC-ND: evaluation only, write it outside the repository (--split all).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_data import check_covid, scifact_format  # noqa: E402

LABELS = {"supports": "supported", "refutes": "contradicted", "neutral": "unverified"}


def healthver(shared: Path, split: str) -> list[dict[str, str]]:
    path = shared / "datasets" / "healthver" / f"healthver_{split}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return [
            {"claim": row["claim"], "evidence": row["evidence"], "label": LABELS[row["label"].strip().lower()]}
            for row in csv.DictReader(f)
        ]


class _FixedWindow(random.Random):
    """Evaluation pairs must not depend on a seed: always pick two-sentence windows."""

    def choice(self, seq):  # noqa: ANN001, ANN201
        return 2


def scifact(shared: Path, split: str) -> list[dict[str, str]]:
    d = shared / "datasets" / "scifact"
    pairs = scifact_format(d / f"claims_{split}.jsonl", d / "corpus.jsonl", "scifact", _FixedWindow(0), False)
    return [{k: p[k] for k in ("claim", "evidence", "label")} for p in pairs]


def checkcovid(shared: Path, split: str) -> list[dict[str, str]]:
    return [{k: p[k] for k in ("claim", "evidence", "label")} for p in check_covid(shared, split)]


def healthfc(shared: Path, split: str) -> list[dict[str, str]]:
    names = {"0": "supported", "1": "unverified", "2": "contradicted"}
    with open(shared / "datasets" / "healthfc" / "Datensatz.csv", encoding="utf-8-sig", newline="") as f:
        return [
            {"claim": r["en_claim"].strip(), "evidence": r["en_top_sentences"].strip(), "label": names[r["label"]]}
            for r in csv.DictReader(f)
        ]


def negation_hossain(shared: Path, split: str) -> list[dict[str, str]]:
    """Hossain et al. 2020 negation benchmark, MNLI and SNLI parts (3-way; RTE's 2-way part is left out).

    Evaluation only: never trained on (scripts/bank_pairs.py and stance_data.py do not read it).
    """
    import csv

    rows = []
    for name in ("MNLI.txt", "SNLI.txt"):
        path = shared / "datasets" / "more_training" / "negation_nli_hossain2020" / name
        with open(path, encoding="cp1252", errors="replace", newline="") as f:  # the files are Windows-1252
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                label = {"entailment": "supported", "contradiction": "contradicted", "neutral": "unverified"}
                if r["gold_label"] in label:
                    rows.append({"claim": r["Hypothesis"], "evidence": r["Text"], "label": label[r["gold_label"]]})
    return rows


READERS = {
    "healthver": healthver,
    "scifact": scifact,
    "check-covid": checkcovid,
    "healthfc": healthfc,
    "negation-hossain": negation_hossain,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=sorted(READERS))
    parser.add_argument("--split", choices=["dev", "test", "all"], required=True)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="default: standard output")
    args = parser.parse_args()
    if (args.dataset in ("healthfc", "negation-hossain")) != (args.split == "all"):
        parser.error("healthfc and negation-hossain have no splits: use --split all (and only for them)")
    rows = READERS[args.dataset](args.shared, args.split)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    with out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
