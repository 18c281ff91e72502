"""Build, verify and load the on-disk index: FAISS vectors, BM25 terms, passage metadata, manifest."""

from __future__ import annotations

import io
import json
import os
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.corpus import CorpusError, read_snapshot, snapshot_bytes
from claimcheck.embed import Embedder, sha256_file
from claimcheck.errors import IndexNotReadyError
from claimcheck.files import FolderKind, current_version, publish_version
from claimcheck.lexical import bm25_tokens
from claimcheck.models import Document, Passage
from claimcheck.passages import corpus_passages, retrieval_text

INDEX_FORMAT = 2
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
PASSAGES = "passages.json"
DOCUMENTS = "documents.jsonl.gz"
BM25_DIR = "bm25"
REBUILD = "rebuild it with `claimcheck index build`"
SWAP_RETRIES = 5  # loads that start over because a build swapped in a new index while they read

BM25_FILES = ("vocab.index.json", "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")
# Read on first use, so opened (pinned) at load: a version removed by later builds stays readable to its readers.
LAZY_FILES = (VECTORS, *(f"{BM25_DIR}/{name}" for name in BM25_FILES))

Progress = Callable[[int, int], None]


class IndexManifest(BaseModel):
    """What an index was built from; loading refuses an index whose manifest does not match."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    model_id: str
    weights_sha256: str
    dimension: int
    normalised: bool
    corpus_hash: str
    documents: int
    passages: int
    created: str
    versions: dict[str, str]
    files: dict[str, str]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _hash_files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def holds_index(folder: Path) -> bool:
    """Whether `folder` holds an index manifest (any format version): the only folder a build may replace."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("format_version"), int)
        and isinstance(data.get("model_id"), str)
        and isinstance(data.get("corpus_hash"), str)
        and isinstance(data.get("files"), dict)
    )


INDEX_FOLDER = FolderKind(
    label="claimcheck index",
    holds=holds_index,
    fix="choose another --index (or CLAIMCHECK_INDEX), or move it away; nothing was changed",
    error=IndexNotReadyError,
    legacy_prefix=".index-build-",
)


def build_index(
    docs: Sequence[Document],
    embedder: Embedder,
    out_dir: Path,
    corpus_hash: str,
    progress: Progress | None = None,
    batch: int = 256,
    reuse: Index | None = None,
) -> IndexManifest:
    """Embed every sentence and write a complete index beside `out_dir`, then swap it in atomically.

    `out_dir` must be absent, empty or an index (a folder with an index manifest): anything else is refused
    before any work, so a mistyped path cannot delete someone's files. A crash at any point leaves the
    previous index untouched: the new one is written into its own version folder, and `out_dir` (a symlink
    to the current version) is switched by one rename once every file and the manifest are complete, so
    readers always find an index (see `claimcheck.files.publish_version`).

    `reuse`, a previous index built with the same model (id and weights hash), supplies the vectors of
    sentences whose retrieval text is unchanged; only new or changed sentences are embedded.
    """
    import bm25s
    import faiss

    if not docs:
        raise IndexNotReadyError("the corpus is empty: nothing to index")
    with publish_version(Path(out_dir), INDEX_FOLDER) as tmp:
        pairs = corpus_passages(docs)
        texts = [retrieval_text(d, p) for d, p in pairs]
        vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
        todo = _copy_reused(reuse, embedder, texts, vectors)
        # Shortest first across the whole corpus, so an embedder that batches pads each batch little.
        order = sorted(todo, key=lambda i: len(texts[i]))
        for lo in range(0, len(order), batch):
            rows = order[lo : lo + batch]
            vectors[rows] = embedder.embed_batch([texts[i] for i in rows])
            if progress:
                progress(min(lo + batch, len(order)), len(order))
        index = faiss.IndexFlatIP(embedder.dimension)
        index.add(vectors)
        faiss.write_index(index, str(tmp / VECTORS))
        # Columnar JSON: one parse at start-up instead of one per sentence.
        columns = {
            "doc_id": [p.doc_id for _, p in pairs],
            "start": [p.start for _, p in pairs],
            "end": [p.end for _, p in pairs],
            "heading": [p.heading for _, p in pairs],
            "text": texts,
        }
        (tmp / PASSAGES).write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
        (tmp / DOCUMENTS).write_bytes(snapshot_bytes(docs))  # the snapshot format, read back by read_snapshot
        retriever = bm25s.BM25()
        retriever.index([bm25_tokens(t) for t in texts], show_progress=False)
        retriever.save(str(tmp / BM25_DIR), show_progress=False)
        manifest = IndexManifest(
            format_version=INDEX_FORMAT,
            model_id=embedder.model_id,
            weights_sha256=embedder.weights_sha256,
            dimension=embedder.dimension,
            normalised=True,
            corpus_hash=corpus_hash,
            documents=len(docs),
            passages=len(texts),
            created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            versions={
                "claimcheck": _version("claimcheck"),
                "faiss-cpu": _version("faiss-cpu"),
                "bm25s": _version("bm25s"),
                "onnxruntime": _version("onnxruntime"),
            },
            files=_hash_files(tmp),
        )
        (tmp / MANIFEST).write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return manifest


def _copy_reused(reuse: Index | None, embedder: Embedder, texts: Sequence[str], vectors: np.ndarray) -> list[int]:
    """Fill `vectors` rows from a compatible previous index; the rows still to embed."""
    if reuse is None:
        return list(range(len(texts)))
    m = reuse.manifest
    if (m.model_id, m.weights_sha256, m.dimension) != (embedder.model_id, embedder.weights_sha256, embedder.dimension):
        return list(range(len(texts)))
    try:
        old = reuse.vectors.reconstruct_n(0, reuse.vectors.ntotal)
    except (IndexNotReadyError, RuntimeError):
        return list(range(len(texts)))
    rows = {t: r for r, t in enumerate(reuse.texts)}
    todo: list[int] = []
    for i, text in enumerate(texts):
        r = rows.get(text)
        if r is None:
            todo.append(i)
        else:
            vectors[i] = old[r]
    return todo


def read_manifest(index_dir: Path) -> IndexManifest:
    """The manifest of the index at `index_dir`, refused when missing, damaged or of another format."""
    return _read_manifest(Path(index_dir), Path(index_dir))


def _read_manifest(folder: Path, shown: Path) -> IndexManifest:
    path = folder / MANIFEST
    if not path.is_file():
        raise IndexNotReadyError(f"no index at {shown}: build one with `claimcheck index build`")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # removed since the check above (a build swapped in a new version)
        raise IndexNotReadyError(f"no index at {shown}: build one with `claimcheck index build`") from None
    except OSError as exc:
        raise IndexNotReadyError(
            f"cannot read index manifest {path} ({exc.strerror or exc}): check its permissions"
        ) from exc
    try:
        manifest = IndexManifest.model_validate_json(text)
    except (ValidationError, ValueError, UnicodeDecodeError) as exc:
        raise IndexNotReadyError(
            f"index manifest {path} is damaged: delete {shown}, then rebuild it with `claimcheck index build`"
        ) from exc
    if manifest.format_version != INDEX_FORMAT:
        raise IndexNotReadyError(
            f"index format {manifest.format_version} is not supported (want {INDEX_FORMAT}): {REBUILD}"
        )
    return manifest


class IndexedSentence(NamedTuple):
    """A `Passage` as held in a loaded index: same fields, without per-row validation cost."""

    doc_id: str
    start: int
    end: int
    heading: str


@dataclass
class Hit:
    """One retrieved sentence with its scores."""

    row: int
    score: float
    dense: float
    lexical_rank: int | None
    dense_rank: int | None


class Index:
    """A verified index on disk; heavy parts (FAISS, BM25) load on first use, from files opened at load time."""

    def __init__(self, index_dir: Path, manifest: IndexManifest) -> None:
        self.dir = Path(index_dir)
        self.manifest = manifest
        try:
            cols = json.loads((self.dir / PASSAGES).read_text(encoding="utf-8"))
            self.texts: list[str] = cols["text"]
            self.passages: list[IndexedSentence] = [
                IndexedSentence(*row)
                for row in zip(cols["doc_id"], cols["start"], cols["end"], cols["heading"], strict=True)
            ]
            self.documents = {d.id: d for d in read_snapshot(self.dir / DOCUMENTS)}
        except (OSError, ValueError, KeyError, TypeError, ValidationError, EOFError, CorpusError) as exc:
            raise IndexNotReadyError(f"index at {self.dir} is damaged ({type(exc).__name__}): {REBUILD}") from exc
        if len(self.passages) != manifest.passages:
            raise IndexNotReadyError(f"index at {self.dir} is incomplete: {REBUILD}")
        self._pinned = _pin(self.dir)
        weakref.finalize(self, _unpin, list(self._pinned.values()))

    def _read(self, name: str) -> bytes:
        """The bytes of a lazily loaded file, through its pinned descriptor where there is one."""
        fd = self._pinned.get(name)
        if fd is None:
            return (self.dir / name).read_bytes()
        size, chunks, done = os.fstat(fd).st_size, [], 0
        while done < size:
            chunk = os.pread(fd, size - done, done)
            if not chunk:
                break
            chunks.append(chunk)
            done += len(chunk)
        return b"".join(chunks)

    @cached_property
    def vectors(self):  # noqa: ANN201 - faiss index
        import faiss

        try:
            index = faiss.deserialize_index(np.frombuffer(self._read(VECTORS), dtype=np.uint8))
        except (OSError, RuntimeError) as exc:
            raise IndexNotReadyError(f"index vectors at {self.dir} are damaged: {REBUILD}") from exc
        if index.ntotal != len(self.passages) or index.d != self.manifest.dimension:
            raise IndexNotReadyError(f"index vectors at {self.dir} do not match its manifest: {REBUILD}")
        return index

    @cached_property
    def _bm25(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """bm25s's saved sparse score matrix, read with numpy alone (no scipy import at query time)."""
        vocab_file, *array_files = (f"{BM25_DIR}/{name}" for name in BM25_FILES)
        try:
            vocab = json.loads(self._read(vocab_file).decode("utf-8"))
            arrays = [np.load(io.BytesIO(self._read(name)), allow_pickle=False) for name in array_files]
        except (OSError, ValueError) as exc:
            raise IndexNotReadyError(f"lexical index at {self.dir} is damaged: {REBUILD}") from exc
        return vocab, arrays[0], arrays[1], arrays[2]

    def term_idf(self) -> dict[str, float]:
        """Inverse document frequency of every lexical term, over sentences (BM25's own formula)."""
        vocab, _, _, indptr = self._bm25
        n = len(self.passages)
        df = np.diff(indptr).astype(np.float64)
        return {t: float(np.log(1 + (n - df[c] + 0.5) / (df[c] + 0.5))) for t, c in vocab.items() if c < len(df)}

    def bm25_scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every sentence for a bag of query terms (each distinct term counted once)."""
        vocab, data, indices, indptr = self._bm25
        scores = np.zeros(len(self.passages), dtype=np.float32)
        for term in set(terms):
            col = vocab.get(term)
            if col is not None and col + 1 < len(indptr):
                lo, hi = indptr[col], indptr[col + 1]
                scores[indices[lo:hi]] += data[lo:hi]
        return scores

    def document(self, passage: Passage | IndexedSentence) -> Document:
        return self.documents[passage.doc_id]

    def quote(self, row: int) -> str:
        """The sentence at `row`, exactly as its document has it."""
        p = self.passages[row]
        return self.documents[p.doc_id].text[p.start : p.end]


def _pin(folder: Path) -> dict[str, int]:
    """Open the files `Index` reads on first use; none where the system cannot read by descriptor (Windows).

    A missing one is an IndexNotReadyError, so a load whose version a build removed meanwhile starts over.
    """
    if not hasattr(os, "pread"):
        return {}
    fds: dict[str, int] = {}
    for name in LAZY_FILES:
        try:
            fds[name] = os.open(folder / name, os.O_RDONLY)
        except OSError as exc:
            _unpin(list(fds.values()))
            raise IndexNotReadyError(f"index file {folder / name} is missing or unreadable: {REBUILD}") from exc
    return fds


def _unpin(fds: list[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def load_index(index_dir: Path, embedder: Embedder | None = None, verify_files: bool = True) -> Index:
    """Open an index, refusing one built with another model or whose files do not match the manifest.

    Every file of one load comes from one version (`index_dir` resolved once), so a build swapping in a new
    index part-way cannot mix two; if the version read was replaced and removed meanwhile, the load starts
    over on the new one instead of reporting a damaged index.
    """
    index_dir = Path(index_dir)
    version = current_version(index_dir)
    for _ in range(SWAP_RETRIES - 1):
        try:
            return _load_version(version, index_dir, embedder, verify_files)
        except IndexNotReadyError:
            now = current_version(index_dir)
            if now == version:
                raise  # really missing or damaged, not swapped
            version = now
    return _load_version(version, index_dir, embedder, verify_files)


def _load_version(version: Path, shown: Path, embedder: Embedder | None, verify_files: bool) -> Index:
    manifest = _read_manifest(version, shown)
    if embedder is not None and (
        manifest.model_id != embedder.model_id or manifest.weights_sha256 != embedder.weights_sha256
    ):
        raise IndexNotReadyError(
            f"index at {shown} was built with model {manifest.model_id} "
            f"({manifest.weights_sha256[:12]}), not {embedder.model_id} ({embedder.weights_sha256[:12]}): {REBUILD}"
        )
    if verify_files:
        for name, digest in manifest.files.items():
            try:
                intact = sha256_file(version / name) == digest
            except OSError:
                intact = False
            if not intact:
                raise IndexNotReadyError(f"index file {shown / name} is missing or damaged: {REBUILD}")
    return Index(version, manifest)
