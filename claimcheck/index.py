"""Build, verify and load the on-disk index: FAISS vectors, BM25 terms, passage metadata, manifest."""

from __future__ import annotations

import io
import json
import os
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.corpus import CorpusError, read_snapshot, snapshot_bytes
from claimcheck.embed import Embedder, sha256_file
from claimcheck.errors import IndexNotReadyError
from claimcheck.files import FolderKind, current_version, publish_version
from claimcheck.index_store import STORE_FILES, IndexedSentence, load_array, open_store, write_store
from claimcheck.lexical import bm25_tokens
from claimcheck.models import Document, Passage
from claimcheck.passages import corpus_passages, retrieval_text

INDEX_FORMAT = 2  # flat vectors, passages.json, the documents' snapshot: read whole at load
SCALE_FORMAT = 3  # memory-mapped vectors (flat or IVF) and the binary passage store (index_store.py)
FORMATS = (INDEX_FORMAT, SCALE_FORMAT)
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

# From this many sentences an index is approximate: exact (flat) search costs ~65 ms a query at 1M sentences on
# one thread and grows linearly, IVF costs a few ms; below it flat search is a few ms and exact, so the shipped
# corpus (8,464 sentences) keeps its flat index and its verdicts.
APPROX_MIN_SENTENCES = 200_000
# From this many sentences (or with IVF vectors) the index is written in SCALE_FORMAT: parsing passages.json and
# validating every document at start-up cost 0.6-1.1 s more at 135,000 sentences than at 8,465.
STORE_MIN_SENTENCES = 50_000
VECTOR_KINDS = ("auto", "flat", "ivf")
TARGET_RECALL = 0.995  # recall@10 against exact search that the build tunes nprobe to reach on its calibration set
# Calibration queries: claims of the shipped claim bank's train split, embedded by the build's embedder. Claims sit
# farther from the corpus than perturbed sentences: on the shipped corpus (IVF128) 600 labelled claims needed twice
# the probes (nprobe 16: 0.970 vs 0.993), and on copies of it perturbed sentences found every neighbour at nprobe 8
# where claims found 0.92. Perturbed sentences are kept as a second set; nprobe must reach the target on both.
CALIBRATION_QUERIES = 256
KMEANS_SEED = 1234
# Checksums are verified at load only while that is cheap (sha256 runs ~300 MB/s here); larger indexes are
# checked by size at load and in full at build and by `claimcheck index verify`.
VERIFY_ON_LOAD_BYTES = 64 << 20

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
    sizes: dict[str, int] = {}  # bytes of each file in `files` (absent in indexes built before it was recorded)
    vector_index: str = "flat"  # "flat" (exact) or "ivf" (approximate, see `search`)
    search: dict[str, float] = {}  # ivf: nlist, nprobe and the recall@10 measured at build


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _index_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST]


def _hash_files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256_file(p) for p in _index_files(folder)}


def _file_sizes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in _index_files(folder)}


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
    vector_index: str = "auto",
) -> IndexManifest:
    """Embed every sentence and write a complete index beside `out_dir`, then swap it in atomically.

    `vector_index` "auto" builds an exact flat index below APPROX_MIN_SENTENCES sentences and an approximate
    IVF index from there; "flat" or "ivf" forces one. From STORE_MIN_SENTENCES, or with IVF, vectors are
    memory-mapped and passages go to the binary store (SCALE_FORMAT), so start-up reads no more at 1M sentences.

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
    if vector_index not in VECTOR_KINDS:
        raise ValueError(f"vector_index must be one of {', '.join(VECTOR_KINDS)}, not {vector_index!r}")
    with publish_version(Path(out_dir), INDEX_FOLDER) as tmp:
        pairs = corpus_passages(docs)
        texts = [retrieval_text(d, p) for d, p in pairs]
        kind = vector_index if vector_index != "auto" else "ivf" if len(texts) >= APPROX_MIN_SENTENCES else "flat"
        scale = kind == "ivf" or len(texts) >= STORE_MIN_SENTENCES
        vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
        todo = _copy_reused(reuse, embedder, texts, vectors)
        # Shortest first across the whole corpus, so an embedder that batches pads each batch little.
        order = sorted(todo, key=lambda i: len(texts[i]))
        for lo in range(0, len(order), batch):
            rows = order[lo : lo + batch]
            vectors[rows] = embedder.embed_batch([texts[i] for i in rows])
            if progress:
                progress(min(lo + batch, len(order)), len(order))
        claims = embedder.embed_batch(calibration_claims(CALIBRATION_QUERIES)) if kind == "ivf" else None
        index, search = vector_search_index(vectors, kind, claims)
        faiss.write_index(index, str(tmp / VECTORS))
        del index
        if not scale:
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
        else:
            write_store(tmp, pairs, texts)  # read row by row through memory maps: no parse at start-up
        retriever = bm25s.BM25()
        retriever.index([bm25_tokens(t) for t in texts], show_progress=False)
        retriever.save(str(tmp / BM25_DIR), show_progress=False)
        manifest = IndexManifest(
            format_version=SCALE_FORMAT if scale else INDEX_FORMAT,
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
            sizes=_file_sizes(tmp),
            vector_index=kind,
            search=search,
        )
        (tmp / MANIFEST).write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return manifest


def vector_search_index(vectors: np.ndarray, kind: str, claims: np.ndarray | None = None):  # noqa: ANN201
    """The FAISS index of L2-normalised `vectors` (inner product = cosine) and its search settings.

    "ivf": an inverted file of about sqrt(n) lists (a power of two), k-means seeded so the same vectors give the
    same index; nprobe is the smallest that reaches TARGET_RECALL recall@10 against exact search on the `claims`
    (query vectors) and on perturbed stored vectors, and is stored in the index. A direct map lets retrieval read
    any sentence's vector back.
    """
    import faiss

    n, dim = vectors.shape
    if kind == "flat" or n < 2:
        index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        return index, {}
    nlist = ivf_lists(n)
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = KMEANS_SEED
    rng = np.random.default_rng(KMEANS_SEED)
    sample = np.sort(rng.choice(n, size=min(n, 64 * nlist), replace=False))
    index.train(np.ascontiguousarray(vectors[sample]))
    index.add(vectors)
    index.make_direct_map()
    sets = [calibration_queries(vectors, CALIBRATION_QUERIES, rng)]
    if claims is not None and len(claims):
        sets.insert(0, np.ascontiguousarray(claims, dtype=np.float32))
    queries = np.concatenate(sets)
    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    _, truth = exact.search(queries, 10)
    del exact
    bounds = np.cumsum([0, *(len(q) for q in sets)])

    def recalls() -> list[float]:
        _, found = index.search(queries, 10)
        return [recall_at(found[lo:hi], truth[lo:hi]) for lo, hi in zip(bounds, bounds[1:], strict=False)]

    for probe in (2**i for i in range(nlist.bit_length() + 1)):
        index.nprobe = min(probe, nlist)
        measured = recalls()
        if min(measured) >= TARGET_RECALL or probe >= nlist:
            break
    search = {"nlist": nlist, "nprobe": index.nprobe, "recall_at_10": round(min(measured), 4)}
    if claims is not None and len(claims):
        search["recall_at_10_claims"] = round(measured[0], 4)
    return index, search


def calibration_claims(count: int) -> list[str]:
    """Up to `count` claims of the shipped claim bank's train split (none if it is not installed)."""
    from claimcheck.claim_match import BANK_DIR, CLAIMS_FILE

    try:
        lines = (BANK_DIR / CLAIMS_FILE).read_text(encoding="utf-8").splitlines()
        texts = [item["text"] for item in map(json.loads, lines) if item.get("split") == "train"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    texts = sorted(dict.fromkeys(texts))
    rng = np.random.default_rng(KMEANS_SEED)
    return [texts[i] for i in sorted(rng.choice(len(texts), size=min(count, len(texts)), replace=False))]


def ivf_lists(n: int) -> int:
    """Inverted lists for n vectors: a power of two near sqrt(n), with 39+ training points a list."""
    nlist = 1 << max(4, round(np.log2(max(n, 1)) / 2))
    while nlist > 16 and n < 39 * nlist:
        nlist //= 2
    return min(nlist, 65536)


def calibration_queries(vectors: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Stored vectors with as much noise again added (cosine ~0.7 to where they started, as a claim is to its
    best sentence), normalised."""
    rows = rng.choice(len(vectors), size=min(count, len(vectors)), replace=False)
    noise = rng.standard_normal((len(rows), vectors.shape[1])).astype(np.float32)
    queries = vectors[rows] + noise / np.linalg.norm(noise, axis=1, keepdims=True)
    return np.ascontiguousarray(queries / np.linalg.norm(queries, axis=1, keepdims=True), dtype=np.float32)


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of each query's true top-k found in its returned top-k (row ids)."""
    if not len(truth):
        return 1.0
    k = truth.shape[1]
    return float(np.mean([len(set(f.tolist()) & set(t.tolist())) / k for f, t in zip(found, truth, strict=True)]))


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
    if manifest.format_version not in FORMATS:
        raise IndexNotReadyError(
            f"index format {manifest.format_version} is not supported (want {' or '.join(map(str, FORMATS))}): "
            f"{REBUILD}"
        )
    return manifest


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
        self.scale = manifest.format_version == SCALE_FORMAT
        self._pinned = _pin(self.dir, LAZY_FILES + STORE_FILES if self.scale else LAZY_FILES)
        weakref.finalize(self, _unpin, list(self._pinned.values()))
        self.texts: Sequence[str]
        self.passages: Sequence[IndexedSentence]
        self.documents: Mapping[str, Document]
        try:
            if self.scale:
                self.texts, self.passages, self.documents = open_store(self.dir, self._pinned)
            else:
                cols = json.loads((self.dir / PASSAGES).read_text(encoding="utf-8"))
                self.texts = cols["text"]
                self.passages = [
                    IndexedSentence(*row)
                    for row in zip(cols["doc_id"], cols["start"], cols["end"], cols["heading"], strict=True)
                ]
                self.documents = {d.id: d for d in read_snapshot(self.dir / DOCUMENTS)}
        except (OSError, ValueError, KeyError, TypeError, ValidationError, EOFError, CorpusError) as exc:
            raise IndexNotReadyError(f"index at {self.dir} is damaged ({type(exc).__name__}): {REBUILD}") from exc
        if len(self.passages) != manifest.passages:
            raise IndexNotReadyError(f"index at {self.dir} is incomplete: {REBUILD}")

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

    def _mapped_path(self, name: str) -> str:
        """A path that opens the pinned file (Linux's /proc/self/fd), else the file's own path."""
        fd = self._pinned.get(name)
        proc = f"/proc/self/fd/{fd}"
        return proc if fd is not None and os.path.exists(proc) else str(self.dir / name)

    @cached_property
    def vectors(self):  # noqa: ANN201 - faiss index
        import faiss

        try:
            if self.scale:  # memory-mapped: pages are read as searches touch them, not at start-up
                index = faiss.read_index(self._mapped_path(VECTORS), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
            else:
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
            if self.scale:
                arrays = [load_array(self._pinned.get(name), self.dir / name) for name in array_files]
            else:
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

    def document_rows(self) -> Mapping[str, list[tuple[int, str]]]:
        """Each document's sentences as (row, quote) in row order, by document id, built for a document when it
        is first asked for: what the claim matcher binds to, without reading a large index's every sentence."""
        return _DocumentRows(self)


class _DocumentRows(Mapping[str, list[tuple[int, str]]]):
    def __init__(self, index: Index) -> None:
        self.index = index
        self._rows: dict[str, list[int]] | None = None  # the JSON layout's, from one pass over its passages
        self._quoted: dict[str, list[tuple[int, str]]] = {}

    def _rows_of(self, doc_id: str) -> Sequence[int]:
        index = self.index
        if index.scale:
            try:
                ordinal = index.documents.ordinal(doc_id)  # type: ignore[attr-defined]
            except KeyError:
                return ()
            return index.passages.rows_of(ordinal)  # type: ignore[attr-defined]
        if self._rows is None:
            self._rows = {}
            for row, p in enumerate(index.passages):
                self._rows.setdefault(p.doc_id, []).append(row)
        return self._rows.get(doc_id, ())

    def __getitem__(self, doc_id: str) -> list[tuple[int, str]]:
        found = self._quoted.get(doc_id)
        if found is None:
            rows = self._rows_of(doc_id)
            if not rows:
                raise KeyError(doc_id)
            found = self._quoted[doc_id] = [(row, self.index.quote(row)) for row in rows]
        return found

    def __iter__(self) -> Iterator[str]:
        return (doc_id for doc_id in self.index.documents if self._rows_of(doc_id))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _pin(folder: Path, names: Sequence[str]) -> dict[str, int]:
    """Open the files `Index` reads on first use; none where the system cannot read by descriptor (Windows).

    A missing one is an IndexNotReadyError, so a load whose version a build removed meanwhile starts over.
    """
    if not hasattr(os, "pread"):
        return {}
    fds: dict[str, int] = {}
    for name in names:
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


def load_index(index_dir: Path, embedder: Embedder | None = None, verify_files: bool | None = None) -> Index:
    """Open an index, refusing one built with another model or whose files do not match the manifest.

    `verify_files`: True checks every file's sha256 against the manifest; False only that they are there;
    None (default) checks the sha256 of an index up to VERIFY_ON_LOAD_BYTES (a few ms for the shipped one)
    and only the sizes of a larger one (its checksums are checked at build and by `verify_index`).

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


def _load_version(version: Path, shown: Path, embedder: Embedder | None, verify_files: bool | None) -> Index:
    manifest = _read_manifest(version, shown)
    if embedder is not None and (
        manifest.model_id != embedder.model_id or manifest.weights_sha256 != embedder.weights_sha256
    ):
        raise IndexNotReadyError(
            f"index at {shown} was built with model {manifest.model_id} "
            f"({manifest.weights_sha256[:12]}), not {embedder.model_id} ({embedder.weights_sha256[:12]}): {REBUILD}"
        )
    if verify_files is None:
        verify_files = not manifest.sizes or sum(manifest.sizes.values()) <= VERIFY_ON_LOAD_BYTES
    damaged = _damaged_files(version, manifest, checksums=verify_files, stop_at_first=True)
    if damaged:
        raise IndexNotReadyError(f"index file {shown / damaged[0]} is missing or damaged: {REBUILD}")
    return Index(version, manifest)


def _damaged_files(version: Path, manifest: IndexManifest, checksums: bool, stop_at_first: bool) -> list[str]:
    """Files of the manifest that are missing, of another size or (with `checksums`) of another sha256."""
    damaged: list[str] = []
    for name, digest in manifest.files.items():
        path = version / name
        try:
            size = manifest.sizes.get(name)
            intact = size is None or path.stat().st_size == size
            if intact and checksums:
                intact = sha256_file(path) == digest
            elif intact and size is None:
                intact = path.is_file()
        except OSError:
            intact = False
        if not intact:
            damaged.append(name)
            if stop_at_first:
                break
    return damaged


class VerifyReport(BaseModel):
    """What `claimcheck index verify` found."""

    path: str
    ok: bool
    files: int
    bytes: int
    damaged: list[str]
    unlisted: list[str]
    passages: int
    vector_index: str
    problems: list[str]


def verify_index(index_dir: Path) -> VerifyReport:
    """Check every file of the index against the manifest's sha256 and size, that no file was added, and that
    the vectors and passages open and agree with the manifest (the full check `load_index` skips when large)."""
    index_dir = Path(index_dir)
    version = current_version(index_dir)
    manifest = _read_manifest(version, index_dir)
    damaged = _damaged_files(version, manifest, checksums=True, stop_at_first=False)
    unlisted = sorted(set(_file_sizes(version)) - set(manifest.files))
    problems: list[str] = []
    if not damaged:
        try:
            index = Index(version, manifest)
            vectors = index.vectors
            if vectors.ntotal != manifest.passages:
                problems.append("the vectors and the passages differ in number")
            index.quote(len(index.passages) - 1)
            index.document(index.passages[0])
        except (IndexNotReadyError, KeyError, IndexError, ValueError) as exc:
            problems.append(f"{type(exc).__name__}: {exc}")
    size = sum(manifest.sizes.values()) if manifest.sizes else sum(_file_sizes(version).values())
    return VerifyReport(
        path=str(index_dir),
        ok=not (damaged or unlisted or problems),
        files=len(manifest.files),
        bytes=size,
        damaged=damaged,
        unlisted=unlisted,
        passages=manifest.passages,
        vector_index=manifest.vector_index,
        problems=problems,
    )
