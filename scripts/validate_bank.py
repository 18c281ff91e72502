"""Validate claim-bank files: verbatim quotes, document splits, twin links; print counts.

  python scripts/validate_bank.py                   # the whole bank (corpus/claims/*.jsonl)
  python scripts/validate_bank.py FILE.jsonl ...    # some files only (twins must be inside them)
Exit 1 when a problem is found, listing each.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claimcheck.bank import BankError, bank_files, bank_summary, read_bank, validate_bank
from claimcheck.corpus import read_snapshot

BANK = Path(__file__).resolve().parents[1] / "corpus" / "claims"


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or bank_files(BANK)
    try:
        claims = read_bank(files)
    except BankError as exc:
        print(f"error: {exc}")
        return 1
    splits = json.loads((BANK / "doc_splits.json").read_text())
    problems = validate_bank(claims, read_snapshot(), splits)
    for p in problems:
        print(p)
    print(json.dumps(bank_summary(claims), indent=1))
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
