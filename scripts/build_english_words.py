"""Regenerate claimcheck/data/english_words.txt.gz, the words the spelling mender leaves as they are.

The 80,000 most frequent English words of wordfreq 3.1.1 (word list data CC BY-SA 4.0, Robyn Speer and
contributors), letters only, five or more (the mender reads no shorter word). The list stops where everyday
misspellings of health words begin ("withdrawl", "seratonin" and "docter" are rarer than the 80,000th word,
"definately" and "recieve" are not: those are left as typed, and they decide nothing). Generated once and
shipped, so wordfreq is not needed at run time.

    pip install wordfreq==3.1.1   # the `build` extra; not needed at run time
    python scripts/build_english_words.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "claimcheck" / "data" / "english_words.txt.gz"
HEADER = (
    "# The 80,000 most frequent English words of wordfreq 3.1.1 (top_n_list('en', 80000); word list data\n"
    "# CC BY-SA 4.0, Robyn Speer and contributors), letters only, five or more: scripts/build_english_words.py\n"
)


def main() -> None:
    from wordfreq import top_n_list

    words = sorted({w for w in top_n_list("en", 80_000) if w.isascii() and w.isalpha() and len(w) >= 5})
    body = (HEADER + "\n".join(words) + "\n").encode()
    tmp = OUT.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(body)
    tmp.replace(OUT)
    print(f"{len(words)} words -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
