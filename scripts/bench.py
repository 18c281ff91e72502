"""Print claimcheck's speed figures against the targets: cold start, claims/s, passages/s, peak memory.

Usage: python scripts/bench.py [--index DIR] [--format json]
Cold start and peak memory are measured on a real `claimcheck check` subprocess (process start to
verdict, max RSS); throughput and index build are measured in-process on the shipped corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {
    "cold_start_s": ("<=", 1.0),
    "claims_per_s": (">=", 50.0),
    "passages_per_s": (">=", 500.0),
    "peak_rss_mb": ("<=", 300.0),
    "safety_ms_median": ("<=", 20.0),
}
CLAIM = "once you feel better on antidepressants just stop taking them"


def cold_start(index: Path, runs: int) -> tuple[float, float]:
    """Median wall time and max RSS of `claimcheck check` in a fresh process."""
    exe = [sys.executable, "-m", "claimcheck.cli", "check", CLAIM, "--format", "json", "--index", str(index)]
    times, rss = [], 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(exe, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"check failed: {proc.stderr.strip()}")
        rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return statistics.median(times), rss


def throughput(index: Path, n: int) -> float:
    from claimcheck.evaluate import load_claims_file
    from claimcheck.pipeline import Checker

    texts = [i.text for i in load_claims_file(ROOT / "corpus" / "eval" / "claims.jsonl")]
    claims = (texts * (n // len(texts) + 1))[:n]
    checker = Checker(index_dir=index)
    checker.verdicts(claims[:8])  # load models and index first
    t0 = time.perf_counter()
    checker.verdicts(claims)
    return n / (time.perf_counter() - t0)


def safety_cost(index: Path) -> float:
    """Median milliseconds the safety layer (rules + learned model, as `Checker.check` runs it) adds per input,
    over the probe set's texts; the model is loaded before the clock starts."""
    from claimcheck.claims import split_claims
    from claimcheck.pipeline import Checker

    rows = (ROOT / "tests" / "data" / "safety_probe.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in rows if line.strip()]
    checker = Checker(index_dir=index)
    checker.assess("warm up")
    times = []
    for text in texts:
        parts = [s.text for s in split_claims(text, max_claims=100)]
        t0 = time.perf_counter()
        checker.assess(text, parts=parts)
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def build_rate() -> tuple[float, int]:
    from claimcheck.corpus import corpus_hash, default_snapshot_path, read_snapshot
    from claimcheck.embed import load_embedder
    from claimcheck.index import build_index

    docs = read_snapshot(default_snapshot_path())
    embedder = load_embedder()
    embedder.embed_batch(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        manifest = build_index(docs, embedder, Path(tmp) / "index", corpus_hash(docs))
        elapsed = time.perf_counter() - t0
    return manifest.passages / elapsed, manifest.passages


def batch_throughput(index: Path, n: int = 10_000) -> float:
    """Messages per second of `claimcheck batch` work (parse, safety check, claims, verdicts) on a generated
    n-message WhatsApp export; models and index are loaded before the clock starts."""
    import random

    from claimcheck.batch import read_export
    from claimcheck.batch.run import run_batch
    from claimcheck.pipeline import Checker

    rng = random.Random(6)
    lines = [
        "once you feel better on antidepressants just stop taking them", "exercise helps with anxiety",
        "Morning all x", "<Media omitted>", "you should never stop antidepressants suddenly",
        "anyone tried CBT?", "alcohol helps you sleep better", "caffeine makes anxiety worse",
        "thanks, that makes sense", "St John's wort won't affect the pill",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "WhatsApp Chat with Bench.txt"
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                text = rng.choice(lines) + (f" (day {i % 97})" if rng.random() < 0.3 else "")
                f.write(f"{1 + i % 28:02d}/03/2024, {i % 24:02d}:{i % 60:02d} - member {i % 40}: {text}\n")
        checker = Checker(index_dir=index)
        checker.verdicts([CLAIM])
        t0 = time.perf_counter()
        result = run_batch(read_export([path]), checker)
        elapsed = time.perf_counter() - t0
    assert result.read == n
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()
    from claimcheck.paths import default_index_dir

    index = args.index or default_index_dir()
    cold, rss = cold_start(index, args.runs)
    rate, passages = build_rate()
    figures = {
        "cold_start_s": round(cold, 3),
        "claims_per_s": round(throughput(index, args.claims), 1),
        "passages_per_s": round(rate, 1),
        "peak_rss_mb": round(rss, 1),
        "safety_ms_median": round(safety_cost(index), 1),
    }
    batch_rate = round(batch_throughput(index), 1)
    meta = {"cpus": os.cpu_count(), "passages_indexed": passages, "python": sys.version.split()[0]}
    if args.format == "json":
        print(json.dumps({**figures, "batch_messages_per_s": batch_rate, **meta}, indent=2))
        return
    for key, value in figures.items():
        op, target = TARGETS[key]
        ok = value <= target if op == "<=" else value >= target
        print(f"{key:<16} {value:>9}   target {op} {target:<6} {'met' if ok else 'MISSED'}")
    print(f"{'batch_messages_per_s':<16} {batch_rate:>9}   (10,000-message WhatsApp export, no target yet)")
    print(f"({meta['cpus']} CPUs, {passages} sentences indexed, Python {meta['python']})")


if __name__ == "__main__":
    main()
