"""Run the hostile corpus through the CLI (`check`, `batch`) and print one row per run against its bounds.

Usage: python scripts/redteam.py [--index DIR] [--only SUBSTRING] [--timeout S]

The corpus is tests/test_hostile.py's CORPUS: the committed files under tests/data/hostile/ and the big files
it generates (into a temporary folder, deleted afterwards). Each run is a fresh `python -m claimcheck.cli`
subprocess, timed, with its peak RSS taken from os.wait4. A row is within its bounds when it took at most
MAX_SECONDS and MAX_PEAK_MB, exited as expected, showed the crisis help for an input holding a crisis
sentence, left its input byte for byte as it was, and printed no traceback. Exit status 1 if any row is not.
Controls (ordinary inputs of the same size class) are judged on all but memory: with the full index an ordinary
chat of a few dozen distinct claims peaks near 320 MB, which is the models' cost, not the input's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_hostile import CORPUS, MAX_PEAK_MB, MAX_SECONDS, Case, Run, banner_shown, run_case  # noqa: E402


def problems(case: Case, run: Run, intact: bool, banner: bool) -> list[str]:
    """Why a row is over its bounds (empty when it is within them)."""
    out = []
    if run.seconds > MAX_SECONDS:
        out.append(f"time>{MAX_SECONDS:.0f}s")
    if run.peak_mb > MAX_PEAK_MB and not case.control:
        out.append(f"memory>{MAX_PEAK_MB:.0f}MB")
    if run.rc not in case.expect_rc:
        out.append(f"rc!={'/'.join(map(str, case.expect_rc))}")
    if case.crisis and not banner:
        out.append("no banner")
    if not intact:
        out.append("input changed")
    if "Traceback" in run.stderr:
        out.append("traceback")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, default=None, help="index folder (default: claimcheck's default)")
    ap.add_argument("--only", default="", help="run only the inputs whose name holds this")
    ap.add_argument("--timeout", type=float, default=60.0, help="kill a run after this many seconds")
    args = ap.parse_args()

    from claimcheck.paths import default_index_dir

    index = args.index or default_index_dir()
    if not (index / "manifest.json").is_file():
        print(f"no index at {index}: run `claimcheck index build` or pass --index", file=sys.stderr)
        return 2
    cases = [c for c in CORPUS if args.only in c.name]
    header = ("input", "command", "attack", "rc", "time s", "peak MB", "banner", "intact", "within bounds")
    rows: list[tuple[str, ...]] = []
    over = 0
    with tempfile.TemporaryDirectory(prefix="claimcheck-redteam-") as tmp:
        for case in cases:
            run, intact = run_case(case, Path(tmp), index, timeout=args.timeout)
            banner = banner_shown(case, run)
            bad = problems(case, run, intact, banner)
            over += bool(bad)
            command = case.command + (" -" if case.stdin else "") + (" " + " ".join(case.args) if case.args else "")
            rows.append((
                case.name, command.replace("{input}", "INPUT"), case.attack, str(run.rc), f"{run.seconds:.1f}",
                f"{run.peak_mb:.0f}", ("yes" if banner else "NO") if case.crisis else "-", "yes" if intact else "NO",
                ("ok" if not bad else "OVER: " + ", ".join(bad)) + (" (control)" if case.control else ""),
            ))
            print(f"  {case.name}: {rows[-1][-1]}", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for n, row in enumerate((header, *rows)):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\n{len(rows) - over} of {len(rows)} within bounds (<= {MAX_SECONDS:.0f} s, <= {MAX_PEAK_MB:.0f} MB, "
          f"expected exit, banner where a crisis is written, input unchanged); index {index}")
    print("A control is an ordinary input run for comparison: its memory is shown, not judged.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
