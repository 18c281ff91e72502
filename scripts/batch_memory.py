"""Bounded-memory check for `claimcheck batch`: generate a large export in /tmp, stream it through the parsers.

Measures the memory-relevant path only: parsing, the privacy pseudonymiser and claim splitting with the crisis
check (`outcome_of`), not the checker (which sees only unique claims, in batches of 64). Prints records/s and
the peak RSS of the process (resource.getrusage), then deletes the generated file.

    python scripts/batch_memory.py --mb 1024 --format facebook
    python scripts/batch_memory.py --mb 1024 --format whatsapp
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

TEXTS = [
    "Don't stop your antidepressants suddenly, talk to your GP first.",
    "alcohol helps you sleep better, a nightcap every night sorted me",
    "Exercise helps with depression, even a short walk. Call me on +44 7700 900123 if you want a buddy.",
    "how are you all feeling today?",
    "Magnesium before bed helped my anxiety a lot. Also drink more water during the day.",
]


def generate(path: Path, fmt: str, mb: int) -> int:
    target, n = mb * 1024 * 1024, 0
    with open(path, "w", encoding="utf-8") as f:
        if fmt == "facebook":
            f.write('{\n  "group_posts_v2": [\n')
        while f.tell() < target:
            text = f"{TEXTS[n % len(TEXTS)]} ({n})"
            author = f"Member Number{n % 997}"
            if fmt == "facebook":
                item = {"timestamp": 1710234000 + n, "data": [{"post": text}], "title": f"{author} posted in Calm."}
                f.write(("    " if n == 0 else ",\n    ") + json.dumps(item))
            else:
                day, minute = 1 + n // 1440 % 28, n % 1440
                f.write(f"{day:02d}/03/2024, {minute // 60:02d}:{minute % 60:02d} - {author}: {text}\n")
            n += 1
        if fmt == "facebook":
            f.write("\n  ]\n}\n")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=64)
    ap.add_argument("--format", choices=("facebook", "whatsapp"), default="facebook")
    ap.add_argument("--parse-only", action="store_true", help="skip privacy and claim splitting")
    args = ap.parse_args()

    from claimcheck.batch.parsers import read_export
    from claimcheck.batch.privacy import Pseudonyms
    from claimcheck.batch.run import outcome_of

    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        path = Path(tmp) / ("group_posts.json" if args.format == "facebook" else "chat.txt")
        t0 = time.perf_counter()
        made = generate(path, args.format, args.mb)
        print(f"generated {path.stat().st_size / 2**20:.0f} MB, {made} messages, in {time.perf_counter() - t0:.0f} s")
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        export = read_export([path])
        names = Pseudonyms()
        t0, n = time.perf_counter(), 0
        for record in export.records():
            if not args.parse_only:
                names.add(record.author)
                outcome_of(record, None)
            n += 1
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{args.format}: {n} records in {dt:.1f} s = {n / dt:,.0f} records/s "
          f"({args.mb / dt:.1f} MB/s); peak RSS {peak / 1024:.0f} MB (before reading: {base / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
