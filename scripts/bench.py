"""Print claimcheck's speed figures against the targets: cold start, claims/s, passages/s, peak memory.

Usage: python scripts/bench.py [--index DIR] [--format json]
       python scripts/bench.py --scale N [--index DIR]    (the corpus at 1x, 4x, 16x ... Nx; 118x is ~1M sentences)
       python scripts/bench.py --workers 1,2 [--index DIR] (claimcheck batch on local Dask clusters vs one process)
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

# The stricter of the project brief's targets and issue 14's (cold start 0.8 s, 100 claims/s, 300 messages/s).
TARGETS = {
    "cold_start_s": ("<=", 0.8),
    "claims_per_s": (">=", 100.0),
    "passages_per_s": (">=", 500.0),
    "peak_rss_mb": ("<=", 300.0),
    "safety_ms_median": ("<=", 20.0),
    "batch_messages_per_s": (">=", 300.0),
}
CLAIM = "once you feel better on antidepressants just stop taking them"


# `claimcheck check` with Checker.matcher bound to Index.document_rows() (a lazy mapping) instead of a dict built
# over every indexed sentence: the change to claimcheck/pipeline.py that a large index needs (see --scale).
MATCHER_HOOK = """
import sys
from functools import cached_property
from claimcheck import pipeline
from claimcheck.claim_match import ClaimMatcher
def matcher(self):
    if not self.policy.get("match_top"):
        return None
    m = ClaimMatcher.load(weights_sha256=self.embedder.weights_sha256, splits=self.bank_splits)
    if m is not None:
        m.bind(self.index.document_rows())
    return m
if not hasattr(pipeline.Checker, "uses_document_rows"):
    pipeline.Checker.matcher = cached_property(matcher)
    pipeline.Checker.matcher.__set_name__(pipeline.Checker, "matcher")
from claimcheck.cli import main
sys.argv[0] = "claimcheck"
main()
"""


def cold_start(index: Path, runs: int, hook: bool = False) -> tuple[float, float]:
    """Median wall time and max RSS of `claimcheck check` in a fresh process."""
    start = ["-c", MATCHER_HOOK] if hook else ["-m", "claimcheck.cli"]
    exe = [sys.executable, *start, "check", CLAIM, "--format", "json", "--index", str(index)]
    times, rss = [], 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(exe, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"check failed: {proc.stderr.strip()}")
        rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return statistics.median(times), rss


WARM_CLAIMS = 32  # enough that every model's side-by-side sessions are loaded before timing


def throughput(index: Path, n: int, runs: int = 3) -> float:
    """Claims per second of `Checker.verdicts` on `n` distinct claims (median of `runs`): the labelled set's
    claims, then the claim bank's posts split as a check splits them; no claim repeats and the vector and
    safety caches are emptied before each run, so no cache flatters the rate."""
    from claimcheck.claims import split_claims
    from claimcheck.evaluate import load_claims_file
    from claimcheck.pipeline import Checker

    texts = [i.text for i in load_claims_file(ROOT / "corpus" / "eval" / "claims.jsonl")]
    texts += [s.text for post in labelled_claims() for s in split_claims(post) if s.checkable]
    claims = list(dict.fromkeys(texts))[: n + WARM_CLAIMS]
    if len(claims) < n + WARM_CLAIMS:
        raise SystemExit(f"only {len(claims)} distinct claims to time")
    checker = Checker(index_dir=index)
    checker.verdicts(claims[:WARM_CLAIMS])  # load models and index first, on claims not timed
    rates = []
    for _ in range(max(1, runs)):
        checker._vectors.clear()  # noqa: SLF001 - a benchmark measures the work, not the memory of a run
        if checker.safety_model is not None:
            checker.safety_model.forget()
        t0 = time.perf_counter()
        checker.verdicts(claims[WARM_CLAIMS:])
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


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


def batch_throughput(index: Path, n: int = 3000, runs: int = 3, path: Path | None = None):  # noqa: ANN201
    """Messages per second of `claimcheck batch` work (parse, safety check, claims, verdicts) on a realistic
    n-message WhatsApp export (`realistic_export`: about 700 distinct labelled claims among chat lines), median
    of `runs`, each with a fresh Checker so no verdict is carried between runs; models and index are loaded
    before the clock starts. Returns (median rate, rates, the last run's result)."""
    from claimcheck.batch import read_export
    from claimcheck.batch.run import run_batch
    from claimcheck.pipeline import Checker

    with tempfile.TemporaryDirectory() as tmp:
        if path is None:
            path = Path(tmp) / "WhatsApp Chat with Bench.txt"
            realistic_export(path, n)
        rates = []
        for _ in range(runs):
            checker = Checker(index_dir=index)
            checker.verdicts([CLAIM])
            if checker.safety_model is not None:
                checker.safety_model.forget()  # shared by every Checker of the process: no reading carried over
            t0 = time.perf_counter()
            result = run_batch(read_export([path]), checker)
            rates.append(n / (time.perf_counter() - t0))
            assert result.read == n
    return statistics.median(rates), rates, result


def labelled_claims(held_out: bool = False) -> list[str]:
    """Every distinct labelled claim text of corpus/claims, in file order; `held_out`: none of the train split
    (the IVF build calibrates nprobe on train claims)."""
    texts: list[str] = []
    for path in sorted((ROOT / "corpus" / "claims").glob("*.jsonl")):
        if held_out and path.name.startswith(("train", "seed")):
            continue
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(texts))


class ReplayedEmbedder:
    """The shipped index's real vectors, looked up by text; a text's later occurrences (the corpus's copies) get the
    same vector moved by noise of norm NOISE (cosine ~0.9 to it), so copies are near, not equal, to the original.
    Deterministic: build_index asks for texts in a fixed order."""

    NOISE = 0.5

    def __init__(self, manifest, vectors, texts, seed: int, real) -> None:  # noqa: ANN001
        self.real = real  # embeds what is not a sentence of the index (the build's calibration claims)
        self.model_id, self.weights_sha256 = manifest.model_id, manifest.weights_sha256
        self.dimension = manifest.dimension
        self.vectors = vectors
        self.row = {t: i for i, t in reversed(list(enumerate(texts)))}
        self.seen: dict[str, int] = {}
        self.rng = __import__("numpy").random.default_rng(seed)

    def embed_batch(self, texts):  # noqa: ANN001, ANN201
        import numpy as np

        if any(t not in self.row for t in texts):
            return self.real.embed_batch(texts)
        out = self.vectors[[self.row[t] for t in texts]].copy()
        again = []
        for j, t in enumerate(texts):
            n = self.seen.get(t, 0)
            self.seen[t] = n + 1
            if n:
                again.append(j)
        if again:
            noise = self.rng.standard_normal((len(again), self.dimension)).astype(np.float32)
            out[again] += self.NOISE * noise / np.linalg.norm(noise, axis=1, keepdims=True)
            out[again] /= np.linalg.norm(out[again], axis=1, keepdims=True)
        return out


def scale_steps(factor: int) -> list[int]:
    steps, k = [], 1
    while k < factor:
        steps.append(k)
        k *= 4
    return [*steps, factor]


def scale_table(index: Path, factor: int, runs: int, latency_claims: int = 40) -> list[dict]:
    """The shipped corpus copied k times (real text, real vectors perturbed for the copies) for k in 1, 4, 16 ...
    factor: build time and rate, disk, cold start, per-claim latency and recall@10 of the index against exact
    search, on labelled claims and on perturbed sentences. Embedding is not repeated for the copies (it would take
    hours): the rate with embedding is projected from the embedder's measured rate on this machine."""
    import numpy as np

    import claimcheck.index as index_mod
    from claimcheck.corpus import corpus_hash, default_snapshot_path, read_snapshot
    from claimcheck.embed import load_embedder
    from claimcheck.index import build_index, calibration_queries, load_index, recall_at
    from claimcheck.passages import corpus_passages
    from claimcheck.pipeline import Checker

    base = load_index(index)
    vectors = base.vectors.reconstruct_n(0, base.vectors.ntotal)
    docs = read_snapshot(default_snapshot_path())
    if corpus_hash(docs) != base.manifest.corpus_hash:
        raise SystemExit(f"{index} was not built from the shipped snapshot: build it with `claimcheck index build`")
    embedder = load_embedder()
    sample = list(base.texts[:512])
    embedder.embed_batch(sample[:8])
    t0 = time.perf_counter()
    embedder.embed_batch(sample)
    embed_rate = len(sample) / (time.perf_counter() - t0)
    claims = labelled_claims(held_out=True)
    rng = np.random.default_rng(7)
    picked = [claims[i] for i in rng.choice(len(claims), size=min(300, len(claims)), replace=False)]
    claim_vectors = embedder.embed_batch(picked)
    timed = picked[:latency_claims]
    pairs = corpus_passages(docs)
    rows = []
    for k in scale_steps(factor):
        copies = [[d.model_copy(update={"id": f"{d.id}~{c}"}) for d in docs] for c in range(1, k)]
        docs_k = docs + [d for batch in copies for d in batch]
        by_id = {d.id: d for d in docs_k}
        pairs_k = pairs + [
            (by_id[f"{d.id}~{c}"], p.model_copy(update={"doc_id": f"{d.id}~{c}"}))
            for c in range(1, k)
            for d, p in pairs
        ]
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "index"
            real_passages = index_mod.corpus_passages
            index_mod.corpus_passages = lambda _docs, pairs_k=pairs_k: pairs_k  # copies: passages already cut
            try:
                fake = ReplayedEmbedder(base.manifest, vectors, base.texts, seed=k, real=embedder)
                t0 = time.perf_counter()
                manifest = build_index(docs_k, fake, target, f"scale-{k}")
                build_s = time.perf_counter() - t0
            finally:
                index_mod.corpus_passages = real_passages
            n = manifest.passages
            cold, _ = cold_start(target, runs)
            cold_hook, _ = cold_start(target, runs, hook=True)
            checker = Checker(index_dir=target)
            checker.verdicts([CLAIM])
            times = []
            for claim in timed:
                t0 = time.perf_counter()
                checker.verdicts([claim])
                times.append(time.perf_counter() - t0)
            recall_claims = recall_perturbed = 1.0
            if manifest.vector_index != "flat":
                import faiss

                built = load_index(target)
                exact = faiss.IndexFlatIP(manifest.dimension)
                exact.add(built.vectors.reconstruct_n(0, n))
                queries = calibration_queries(exact.reconstruct_n(0, n), 200, np.random.default_rng(99))
                for q, name in ((claim_vectors, "claims"), (queries, "perturbed")):
                    _, truth = exact.search(q, 10)
                    _, found = built.vectors.search(q, 10)
                    value = recall_at(found, truth)
                    if name == "claims":
                        recall_claims = value
                    else:
                        recall_perturbed = value
                del exact, built
            del checker
            rows.append(
                {
                    "scale": k,
                    "sentences": n,
                    "index": manifest.vector_index
                    + (
                        f" nlist {manifest.search['nlist']:.0f} nprobe {manifest.search['nprobe']:.0f}"
                        if manifest.search
                        else ""
                    ),
                    "build_s": round(build_s, 1),
                    "build_per_s_no_embed": round(n / build_s),
                    "build_per_s_projected": round(n / (n / embed_rate + build_s)),
                    "disk_mb": round(sum(manifest.sizes.values()) / 1e6, 1),
                    "cold_start_s": round(cold, 3),
                    "cold_start_hook_s": round(cold_hook, 3),
                    "p50_ms": round(1000 * statistics.median(times), 1),
                    "p95_ms": round(1000 * float(np.percentile(times, 95)), 1),
                    "recall10_claims": round(recall_claims, 4),
                    "recall10_perturbed": round(recall_perturbed, 4),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(f"embedding on this machine: {embed_rate:.0f} sentences/s (used for the projected build rate)")
    return rows


def print_table(rows: list[dict]) -> None:
    keys = list(rows[0])
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in keys}
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for r in rows:
        print("  ".join(str(r[k]).ljust(widths[k]) for k in keys))


def realistic_export(path: Path, n: int, distinct: int = 700, seed: int = 6) -> None:
    """A WhatsApp export of n messages: labelled claims (`distinct` of them, repeated), chat and media lines."""
    import random

    rng = random.Random(seed)
    claims = labelled_claims()[:distinct]
    chat = ["Morning all x", "<Media omitted>", "anyone tried CBT?", "thanks, that makes sense", "same here", "lol"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = rng.choice(claims) if rng.random() < 0.7 else rng.choice(chat)
            f.write(f"{1 + i % 28:02d}/03/2024, {i % 24:02d}:{i % 60:02d} - member {i % 40}: {text}\n")


def cluster_batch(index: Path, workers: list[int], n: int, runs: int) -> list[dict]:
    """Messages per second of `claimcheck batch` work on a realistic export: one process, then local Dask clusters
    of each size (cluster start-up and model loading excluded: measured once the workers are warm)."""
    from claimcheck.batch import read_export
    from claimcheck.batch.distributed import CheckerSpec, Cluster, DaskChecker, worker_verdicts
    from claimcheck.batch.report import render
    from claimcheck.batch.run import run_batch

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "WhatsApp Chat with Bench.txt"
        realistic_export(path, n)
        reference = None
        for size in [0, *workers]:
            rates = []
            if size == 0:
                _, rates, result = batch_throughput(index, n, runs, path)
                reference = render(result, "jsonl")
                same = True
            else:
                with Cluster(workers=size) as cluster:
                    client = cluster.client
                    spec = CheckerSpec(index_dir=str(index), sessions=cluster.sessions())
                    for _ in range(runs):
                        client.run(_forget_checkers)  # each worker builds a fresh Checker: no cache between runs
                        dask_checker = DaskChecker(client, spec)
                        dask_checker.warm_up()
                        addresses = list(client.scheduler_info(n_workers=-1)["workers"])
                        client.gather(
                            [
                                client.submit(
                                    worker_verdicts, spec, [CLAIM], workers=[a], allow_other_workers=False, pure=False
                                )
                                for a in addresses
                            ]
                        )  # sessions started, as the one-process run's are
                        t0 = time.perf_counter()
                        result = run_batch(read_export([path]), dask_checker, **dask_checker.run_options())
                        rates.append(n / (time.perf_counter() - t0))
                same = render(result, "jsonl") == reference
            rows.append(
                {
                    "workers": size or "none (one process)",
                    "messages": n,
                    "unique_claims": len(result.claims),
                    "messages_per_s": round(statistics.median(rates), 1),
                    "runs": [round(r, 1) for r in rates],
                    "same_report": same,
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _forget_checkers() -> None:
    from claimcheck.batch import distributed
    from claimcheck.safety.learned import load_model

    distributed._checkers.clear()
    if (model := load_model()) is not None:
        model.forget()  # the learned safety model is shared by a worker's checkers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--scale", type=int, default=None, help="corpus copies at the largest step (118: ~1M)")
    parser.add_argument("--workers", default=None, help="comma list of local Dask cluster sizes, e.g. 1,2")
    parser.add_argument("--messages", type=int, default=3000, help="messages in the realistic batch export")
    args = parser.parse_args()
    from claimcheck.paths import default_index_dir

    index = args.index or default_index_dir()
    if args.scale or args.workers:
        rows = (
            scale_table(index, args.scale, min(args.runs, 3))
            if args.scale
            else cluster_batch(index, [int(w) for w in args.workers.split(",")], args.messages, min(args.runs, 3))
        )
        if args.format == "json":
            print(json.dumps(rows, indent=2))
        else:
            print_table(rows)
        print(f"({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
        return
    cold, rss = cold_start(index, args.runs)
    rate, passages = build_rate()
    figures = {
        "cold_start_s": round(cold, 3),
        "claims_per_s": round(throughput(index, args.claims, min(args.runs, 3)), 1),
        "passages_per_s": round(rate, 1),
        "peak_rss_mb": round(rss, 1),
        "safety_ms_median": round(safety_cost(index), 1),
    }
    figures["batch_messages_per_s"] = round(batch_throughput(index, args.messages, min(args.runs, 3))[0], 1)
    meta = {"cpus": os.cpu_count(), "passages_indexed": passages, "python": sys.version.split()[0]}
    if args.format == "json":
        print(json.dumps({**figures, **meta}, indent=2))
        return
    for key, value in figures.items():
        op, target = TARGETS[key]
        ok = value <= target if op == "<=" else value >= target
        print(f"{key:<20} {value:>9}   target {op} {target:<6} {'met' if ok else 'MISSED'}")
    print(f"(batch: {args.messages}-message WhatsApp export, ~700 distinct claims; {meta['cpus']} CPUs, "
          f"{passages} sentences indexed, Python {meta['python']})")


if __name__ == "__main__":
    main()
