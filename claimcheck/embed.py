"""Sentence embeddings on the query path: onnxruntime + tokenizers, no torch."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from claimcheck.errors import ModelError

MODEL_CARD = "model_card.json"
# Single-thread sessions run side by side when no thread count is given: one short text gains nothing from a
# second intra-op thread, two texts at once on 2 cores gave 1.3-1.9x the throughput with identical outputs.
PARALLEL_SESSIONS = 2
PARALLEL_MIN_TEXTS = 16  # fewer texts than this run on the one session


def parallel_sessions() -> int:
    """How many single-thread sessions run side by side when a model is given no thread count."""
    return max(1, min(PARALLEL_SESSIONS, os.cpu_count() or 1))
DEFAULT_MODEL_NAME = "claimcheck-retrieval-minilm-int8"
# The other packaged models, named here (a light module) so the CLI can start loading them before importing
# the modules that use them.
DEFAULT_STANCE_MODEL = "claimcheck-stance-minilm-int8"
SAFETY_MODEL = "claimcheck-safety-minilm-int8"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    model_id: str
    weights_sha256: str
    dimension: int

    def embed_batch(self, texts: list[str]) -> np.ndarray: ...


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def packaged_models_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "models"


def resolve_model_dir(model: str | None = None) -> Path:
    """Find an exported model folder: an explicit path, `CLAIMCHECK_MODEL`, or the packaged default.

    A bare name is looked up among the packaged models, then under `CLAIMCHECK_HOME/models`.
    """
    name = model or os.environ.get("CLAIMCHECK_MODEL") or DEFAULT_MODEL_NAME
    found = find_model_dir(name, ("model.onnx", "tokenizer.json"))
    if found is None:
        raise ModelError(
            f"embedding model {name!r} not found: export one with `claimcheck model export --source PATH --name {name}`"
        )
    return found


def find_model_dir(name: str, required: tuple[str, ...]) -> Path | None:
    """The first of: `name` as a folder, a packaged model, a model under `CLAIMCHECK_HOME/models`, that
    holds every `required` file (the embedder and the stance model share this lookup)."""
    from claimcheck.paths import home_dir

    for cand in (Path(name), packaged_models_dir() / name, home_dir() / "models" / name):
        if all((cand / f).is_file() for f in required):
            return cand
    return None


_preloading: dict[tuple[str, int | None], Future] = {}


def spread(items: Sequence, sessions: Sequence, run: Callable, pool: Executor) -> list:
    """`run(item, session)` for every item, the items dealt round the sessions (item i to session i mod n), each
    session working through its share on a pool thread; results in the items' order. Each item still runs alone
    on one session, so the results are exactly those of a single session (the models' tests check it)."""
    n = len(sessions)
    chunks = list(pool.map(lambda k: [run(item, sessions[k]) for item in items[k::n]], range(n)))
    return [chunks[i % n][i // n] for i in range(len(items))]


def side_sessions(first, path: Path, n: int) -> list:  # noqa: ANN001 - onnxruntime session
    """`first` and n-1 more single-thread sessions of the graph at `path`, for `spread` to run side by side."""
    return [first] + [onnx_session(path, 1) for _ in range(n - 1)]


def default_threads() -> int | None:
    """Intra-op threads of a model given no thread count: one where sessions run side by side."""
    return 1 if parallel_sessions() > 1 else None


def preload_sessions(specs: Sequence[tuple[str, int | None]]) -> None:
    """Start loading the sessions of these models (name or folder, threads) on a background thread.

    onnxruntime releases the GIL while it reads and prepares a graph, so a cold `claimcheck check` loads its
    three models while the main thread imports, runs the crisis rules and splits the claims. The next
    `onnx_session` call with the same arguments takes the loaded session; a failure here is left for that
    call to meet and report.
    """
    jobs = []
    for name, threads in specs:
        folder = find_model_dir(name, ("model.onnx", MODEL_CARD))
        if folder is None:
            continue
        key = (str(folder / "model.onnx"), threads)
        if key not in _preloading:
            _preloading[key] = future = Future()
            jobs.append((key, future))

    def load() -> None:
        for (path, threads), future in jobs:  # the futures themselves: a caller may pop them
            try:
                future.set_result(_new_session(Path(path), threads))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the session
                future.set_exception(exc)

    if jobs:
        threading.Thread(target=load, name="claimcheck-preload").start()  # not a daemon: never cut off mid-load


def onnx_session(path: Path, threads: int | None = None):  # noqa: ANN201 - onnxruntime type
    """A CPU inference session with claimcheck's settings: a few intra-op threads, quiet logs; a session
    `preload_sessions` started for the same graph and threads is taken instead of loading a second one."""
    pending = _preloading.pop((str(path), threads), None)
    if pending is not None:
        try:
            return pending.result()
        except Exception:  # noqa: BLE001 - load it here instead, so the error is reported as usual
            pass
    return _new_session(path, threads)


def graph_preoptimised(path: Path) -> bool:
    """Whether the graph at `path` was optimised at export (`claimcheck.export.optimise_graph`), as the model
    card beside it records; loading such a graph skips that work, about 40 ms per model at every start."""
    try:
        return bool(json.loads((Path(path).parent / MODEL_CARD).read_text(encoding="utf-8")).get("graph_optimisation"))
    except (OSError, ValueError, AttributeError):
        return False


def _new_session(path: Path, threads: int | None):  # noqa: ANN202 - onnxruntime type
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    if graph_preoptimised(path):
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    try:
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ModelError(f"cannot load {path}: {exc}") from exc


class OnnxEmbedder:
    """Mean-pooled, normalised sentence embeddings from an exported int8 ONNX graph."""

    def __init__(self, model_dir: Path, threads: int | None = None, batch_size: int = 1) -> None:
        """`batch_size` stays 1 by default: dynamic int8 quantisation scales activations per call, so in a
        batch a text's vector would depend on its neighbours (cosine down to 0.976 measured); one text
        per call makes every embedding reproducible and, measured on 2 cores, costs no throughput."""
        self.model_dir = Path(model_dir)
        card_path = self.model_dir / MODEL_CARD
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
            self.model_id: str = card["model_id"]
            self.weights_sha256: str = card["weights_sha256"]
            self.dimension: int = int(card["dimension"])
            self.max_seq_length: int = int(card.get("max_seq_length", 256))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"model card {card_path} is missing or damaged: re-export the model") from exc
        self.threads = threads
        self.batch_size = batch_size

    @cached_property
    def _session(self):  # noqa: ANN202 - onnxruntime type
        return onnx_session(self.model_dir / "model.onnx", self.threads or default_threads())

    @cached_property
    def _tokenizer(self):  # noqa: ANN202 - tokenizers type
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_seq_length)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        return tok

    @cached_property
    def _workers(self) -> list:
        """Single-thread sessions run side by side for long lists (the index build): each text is still
        embedded alone, so the vectors are exactly those of one session (tests/test_index.py checks)."""
        return side_sessions(self._session, self.model_dir / "model.onnx", 1 if self.threads else parallel_sessions())

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Embed texts in length-sorted batches (less padding, same results)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        input_names = frozenset(i.name for i in self._session.get_inputs())
        batches = [order[lo : lo + self.batch_size] for lo in range(0, len(order), self.batch_size)]
        workers = self._workers if len(batches) >= PARALLEL_MIN_TEXTS else [self._session]
        if len(workers) == 1:
            for idx in batches:
                out[idx] = self._run(workers[0], [texts[i] for i in idx], input_names)
            return out
        def embed(idx: list[int], session) -> np.ndarray:  # noqa: ANN001 - onnxruntime session
            return self._run(session, [texts[i] for i in idx], input_names)

        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            for idx, emb in zip(batches, spread(batches, workers, embed, pool), strict=True):
                out[idx] = emb
        return out

    def _run(self, session, batch: list[str], input_names: frozenset[str]) -> np.ndarray:  # noqa: ANN001
        encs = self._tokenizer.encode_batch(batch)
        feed = {
            "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
        }
        (emb,) = session.run(None, {k: v for k, v in feed.items() if k in input_names})
        return emb


def load_embedder(model: str | None = None) -> OnnxEmbedder:
    return OnnxEmbedder(resolve_model_dir(model))
