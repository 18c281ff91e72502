"""Run a batch (and an index build's embedding) on Dask distributed: the crisis check and claim verdicts on
workers, one `Checker` per worker process.

The client reads the export and keeps the whole `run_batch` loop (deduplication, checkpoint, report); workers
get chunks of records (for the crisis check and claim splitting) and chunks of unique claims (for verdicts),
and the results come back in input order. Every worker runs the same deterministic code on the same index and
models as a single-process run (checked before the first task), so the report is byte-identical to it.

dask and distributed are imported here only, and only when a distributed run starts.
"""

from __future__ import annotations

import math
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from claimcheck.batch.records import Record
from claimcheck.batch.run import BATCH_SIZE, outcome_of
from claimcheck.errors import ClaimcheckError
from claimcheck.models import ClaimVerdict, Models

RECORDS_PER_TASK = 64  # records sent to a worker in one task: big enough to hide a round trip (~1 ms)
CLAIMS_PER_TASK = 16  # fewest unique claims worth a task of their own
TASKS_AHEAD = 4  # record tasks in flight per worker, so workers keep busy while the client waits on verdicts
CONNECT_TIMEOUT = "20s"


class ClusterError(ClaimcheckError):
    """The Dask cluster cannot be reached, or its workers disagree on the index or models."""


@dataclass(frozen=True)
class CheckerSpec:
    """What a worker needs to build its `Checker`: paths are the workers' (the same folders on every machine).

    `sessions` caps the single-thread ONNX sessions a worker runs side by side (None: the worker's default),
    so several workers on one machine do not oversubscribe its cores.
    """

    index_dir: str | None = None
    model: str | None = None
    stance: str | None = None
    sessions: int | None = None


_checkers: dict[CheckerSpec, Any] = {}
_lock = threading.Lock()  # one task at a time uses a worker's Checker (it caches as it goes)


def _checker(spec: CheckerSpec) -> Any:
    """This worker process's `Checker` for `spec`, built on first use and kept for the life of the process."""
    checker = _checkers.get(spec)
    if checker is None:
        from claimcheck.pipeline import Checker

        if spec.sessions is not None:
            import claimcheck.embed

            claimcheck.embed.PARALLEL_SESSIONS = spec.sessions
        checker = _checkers[spec] = Checker(index_dir=spec.index_dir, model=spec.model, stance=spec.stance)
    return checker


def worker_outcomes(spec: CheckerSpec, records: list[Record], country: str | None) -> list[dict[str, Any]]:
    """Task: `outcome_of` for each record, with the worker checker's crisis assessment."""
    with _lock:
        checker = _checker(spec)
        return [outcome_of(record, country, checker.assess, families=checker.span_families) for record in records]


def worker_verdicts(
    spec: CheckerSpec, claims: list[str], families: list[str | None] | None = None
) -> list[ClaimVerdict]:
    """Task: verdicts for unique claims, exactly as `Checker.verdicts` gives them in one process."""
    with _lock:
        return _checker(spec).verdicts(claims, families)


def worker_models(spec: CheckerSpec) -> Models:
    """What this worker checks with (loads its index and models, so the first tasks start warm)."""
    with _lock:
        return _checker(spec).models()


class DaskChecker:
    """Stands in for a `Checker` in `run_batch`: verdicts and per-record outcomes are computed on the cluster."""

    def __init__(self, client: Any, spec: CheckerSpec) -> None:
        self.client = client
        self.spec = spec
        self._models: Models | None = None

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))

    def warm_up(self) -> Models:
        """Build a Checker on every worker now and refuse workers that disagree on index or models."""
        addresses = list(self.client.scheduler_info(n_workers=-1)["workers"])
        if not addresses:
            raise ClusterError("the Dask cluster has no workers: start some with `dask worker ADDRESS`")
        futures = [
            self.client.submit(worker_models, self.spec, workers=[a], allow_other_workers=False, pure=False)
            for a in addresses
        ]
        found = dict(zip(addresses, self.client.gather(futures), strict=True))
        distinct = {m.model_dump_json() for m in found.values()}
        if len(distinct) > 1:
            listing = "; ".join(f"{w}: {m.embedder}, {m.stance}, corpus {m.corpus_hash[:12]}" for w, m in found.items())
            raise ClusterError(f"the workers check with different indexes or models ({listing}): give them the same")
        self._models = next(iter(found.values()))
        return self._models

    def models(self) -> Models:
        if self._models is None:
            self._models = self.client.submit(worker_models, self.spec, pure=False).result()
        return self._models

    def verdicts(self, claims: list[str], families: list[str | None] | None = None) -> list[ClaimVerdict]:
        """Verdicts for unique claims, split across the workers and put back in order."""
        claims = list(claims)
        if not claims:
            return []
        size = max(CLAIMS_PER_TASK, math.ceil(len(claims) / self.workers))
        chunks = [claims[lo : lo + size] for lo in range(0, len(claims), size)]
        fams = [None if families is None else list(families[lo : lo + size]) for lo in range(0, len(claims), size)]
        futures = self.client.map(worker_verdicts, [self.spec] * len(chunks), chunks, fams, pure=False)
        return [v for chunk in self.client.gather(futures) for v in chunk]

    def outcomes(
        self, records: Iterator[Record], country: str | None, replayed: Callable[[Record], bool]
    ) -> Iterator[tuple[Record, Callable[[], dict[str, Any]]]]:
        """`run_batch`'s OutcomeMap: records go to workers in chunks, a few chunks ahead; results come back in
        order. A record the loop rebuilds from the checkpoint is not sent (if rebuilding fails, it is sent alone).
        """
        in_flight: deque[tuple[list[Record], list[bool], Any]] = deque()
        limit = TASKS_AHEAD * self.workers

        def submit(chunk: list[Record], skip: list[bool]) -> None:
            todo = [r for r, s in zip(chunk, skip, strict=True) if not s]
            future = self.client.submit(worker_outcomes, self.spec, todo, country, pure=False) if todo else None
            in_flight.append((chunk, skip, future))

        def drain() -> Iterator[tuple[Record, Callable[[], dict[str, Any]]]]:
            chunk, skip, future = in_flight.popleft()
            done = iter(future.result() if future is not None else ())
            for record, s in zip(chunk, skip, strict=True):
                if s:
                    yield record, self._alone(record, country)
                else:
                    item = next(done)
                    yield record, lambda item=item: item

        chunk: list[Record] = []
        skip: list[bool] = []
        for record in records:
            chunk.append(record)
            skip.append(replayed(record))
            if len(chunk) >= RECORDS_PER_TASK:
                submit(chunk, skip)
                chunk, skip = [], []
                while len(in_flight) > limit:
                    yield from drain()
        if chunk:
            submit(chunk, skip)
        while in_flight:
            yield from drain()

    def run_options(self) -> dict[str, Any]:
        """The `run_batch` keywords for this cluster: outcomes on the workers, flushes that feed every worker."""
        return {"outcomes": self.outcomes, "batch_size": batch_size_for(self.workers)}

    def _alone(self, record: Record, country: str | None) -> Callable[[], dict[str, Any]]:
        def compute() -> dict[str, Any]:
            return self.client.submit(worker_outcomes, self.spec, [record], country, pure=False).result()[0]

        return compute


_embedders: dict[tuple[str | None, int | None], Any] = {}


def worker_embed(model: str | None, sessions: int | None, weights_sha256: str, texts: list[str]) -> Any:
    """Task: one shard of an index build's texts embedded by this worker's embedder (one text per call, so
    each vector is exactly the one a single process computes)."""
    with _lock:
        embedder = _embedders.get((model, sessions))
        if embedder is None:
            from claimcheck.embed import load_embedder

            if sessions is not None:
                import claimcheck.embed

                claimcheck.embed.PARALLEL_SESSIONS = sessions
            embedder = _embedders[(model, sessions)] = load_embedder(model)
        if embedder.weights_sha256 != weights_sha256:
            raise ClusterError(
                f"a worker's embedding model {embedder.model_id} ({embedder.weights_sha256[:12]}) is not the "
                f"client's ({weights_sha256[:12]}): give every worker the same model"
            )
        return embedder.embed_batch(texts)


class DaskEmbedder:
    """An `Embedder` for `build_index` whose batches are split into shards embedded on the workers; the vectors
    come back in order and the one FAISS index is written by the client, atomically, as always."""

    def __init__(self, client: Any, local: Any, model: str | None, sessions: int | None = None) -> None:
        self.client, self.model, self.sessions = client, model, sessions
        self.model_id: str = local.model_id
        self.weights_sha256: str = local.weights_sha256
        self.dimension: int = local.dimension

    def embed_batch(self, texts: list[str]) -> Any:
        import numpy as np

        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        size = math.ceil(len(texts) / workers)
        shards = [texts[lo : lo + size] for lo in range(0, len(texts), size)]
        futures = [
            self.client.submit(worker_embed, self.model, self.sessions, self.weights_sha256, shard, pure=False)
            for shard in shards
        ]
        return np.concatenate(self.client.gather(futures)).astype(np.float32, copy=False)


def batch_size_for(workers: int) -> int:
    """Unique claims per flush: enough for every worker to get a task of CLAIMS_PER_TASK or more."""
    return max(BATCH_SIZE, 2 * CLAIMS_PER_TASK * workers)


class Cluster:
    """A Dask client: on the scheduler at `address`, or on a local cluster of `workers` processes.

    Use as a context manager; a local cluster is shut down at exit, a remote one is only disconnected from.
    """

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        if (address is None) == (workers is None):
            raise ValueError("give a scheduler address or a number of local workers, not both")
        self.address = address
        self.n_workers = workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Cluster:
        import logging

        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterError("running on Dask needs dask and distributed: pip install 'claimcheck[cluster]'") from exc
        try:
            if self.address is not None:
                self.client = Client(self.address, timeout=CONNECT_TIMEOUT)
            else:
                self.cluster = LocalCluster(
                    n_workers=self.n_workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            where = f"the Dask scheduler at {self.address}" if self.address else "a local Dask cluster"
            raise ClusterError(f"cannot reach {where} ({type(exc).__name__}: {exc})") from exc
        return self

    def sessions(self) -> int | None:
        """ONNX sessions per worker: a local cluster shares this machine's cores; a remote worker decides."""
        if self.n_workers is None:
            return None
        return max(1, (os.cpu_count() or 1) // self.n_workers)

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
