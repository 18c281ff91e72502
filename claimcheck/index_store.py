"""The binary passage store of a large index: read through memory maps, a row at a time, so opening an index of a
million sentences costs milliseconds instead of parsing and validating everything at start-up.

Layout, inside the index's `passages/` folder (all written once by the build, never changed):
- `rows.npy`: int32 (n, 4): document ordinal, start, end, heading ordinal of each sentence;
- `text`, `heading`, `doc_id`, `doc`: string tables, each `NAME.bin` (UTF-8, concatenated) with
  `NAME.offsets.npy` (int64, one more than its strings): the retrieval texts, the distinct headings, the
  document ids and each document as one JSON object (the snapshot's line), in document-ordinal order.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from claimcheck.models import Document

STORE_DIR = "passages"
TABLES = ("text", "heading", "doc_id", "doc")
STORE_FILES = (
    f"{STORE_DIR}/rows.npy",
    *(f"{STORE_DIR}/{name}{suffix}" for name in TABLES for suffix in (".bin", ".offsets.npy")),
)


class IndexedSentence(NamedTuple):
    """A `Passage` as held in a loaded index: same fields, without per-row validation cost."""

    doc_id: str
    start: int
    end: int
    heading: str


def _write_strings(folder: Path, name: str, strings: Sequence[str]) -> None:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    (folder / f"{name}.bin").write_bytes(b"".join(encoded))
    np.save(folder / f"{name}.offsets.npy", offsets, allow_pickle=False)


def write_store(folder: Path, pairs: Sequence[tuple[Document, Any]], texts: Sequence[str]) -> None:
    """Write the store of (document, passage) `pairs` and their retrieval `texts` into `folder/passages`."""
    import json

    store = folder / STORE_DIR
    store.mkdir()
    doc_ord: dict[str, int] = {}
    docs: list[Document] = []
    heading_ord: dict[str, int] = {}
    rows = np.zeros((len(pairs), 4), dtype=np.int32)
    for i, (doc, p) in enumerate(pairs):
        d = doc_ord.get(doc.id)
        if d is None:
            d = doc_ord[doc.id] = len(docs)
            docs.append(doc)
        h = heading_ord.setdefault(p.heading, len(heading_ord))
        rows[i] = (d, p.start, p.end, h)
    np.save(store / "rows.npy", rows, allow_pickle=False)
    _write_strings(store, "text", texts)
    _write_strings(store, "heading", list(heading_ord))
    _write_strings(store, "doc_id", [d.id for d in docs])
    docs_json = [
        json.dumps(d.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":")) for d in docs
    ]
    _write_strings(store, "doc", docs_json)


def _map(fd: int | None, path: Path) -> memoryview:
    """A read-only memory map of a file, through its pinned descriptor where there is one."""
    if fd is None:
        with open(path, "rb") as f:
            return _map(f.fileno(), path)
    if os.fstat(fd).st_size == 0:
        return memoryview(b"")
    return memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))


def load_array(fd: int | None, path: Path) -> np.ndarray:
    """A `.npy` file as a read-only array over a memory map (no copy, pages read on first touch)."""
    from numpy.lib import format as npformat

    buf = _map(fd, path)
    if not len(buf):
        raise ValueError(f"{path.name} is empty")
    stream = _BufferReader(buf)
    major, _minor = npformat.read_magic(stream)
    read_header = npformat.read_array_header_1_0 if major == 1 else npformat.read_array_header_2_0
    shape, fortran, dtype = read_header(stream)
    if dtype.hasobject or fortran:
        raise ValueError(f"{path.name} is not a plain array")
    count = int(np.prod(shape, dtype=np.int64))
    return np.frombuffer(buf, dtype=dtype, count=count, offset=stream.pos).reshape(shape)


class _BufferReader:
    """Just enough of a file over a buffer for numpy's header reader."""

    def __init__(self, buf: memoryview) -> None:
        self.buf, self.pos = buf, 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.buf) if n < 0 else min(len(self.buf), self.pos + n)
        data = bytes(self.buf[self.pos : end])
        self.pos = end
        return data


class StringTable(Sequence[str]):
    """Strings decoded one at a time from a memory-mapped blob."""

    def __init__(self, blob: memoryview, offsets: np.ndarray) -> None:
        if offsets.ndim != 1 or len(offsets) < 1 or int(offsets[-1]) != len(blob):
            raise ValueError("string table offsets do not match its data")
        self._blob, self._offsets = blob, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - int or slice, as a list
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        lo, hi = int(self._offsets[i]), int(self._offsets[i + 1])
        return str(self._blob[lo:hi], "utf-8")

    def __iter__(self) -> Iterator[str]:
        offsets = self._offsets.tolist()
        blob = self._blob
        for lo, hi in zip(offsets, offsets[1:], strict=False):
            yield str(blob[lo:hi], "utf-8")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class PassageTable(Sequence[IndexedSentence]):
    """Each sentence's document, offsets and heading, built on access from the store's rows."""

    def __init__(self, rows: np.ndarray, doc_ids: StringTable, headings: StringTable) -> None:
        if rows.ndim != 2 or rows.shape[1] != 4:
            raise ValueError("passage rows have the wrong shape")
        self._rows, self._doc_ids, self._headings = rows, doc_ids, headings

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - int or slice, as a list
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        d, start, end, h = (int(v) for v in self._rows[i])
        return IndexedSentence(self._doc_ids[d], start, end, self._headings[h])

    def __iter__(self) -> Iterator[IndexedSentence]:
        doc_ids, headings = list(self._doc_ids), list(self._headings)
        for d, start, end, h in self._rows.tolist():
            yield IndexedSentence(doc_ids[d], start, end, headings[h])

    def rows_of(self, ordinal: int) -> range:
        """The rows of the document with this ordinal (the build writes each document's sentences together)."""
        column = self._rows[:, 0]
        return range(int(np.searchsorted(column, ordinal, "left")), int(np.searchsorted(column, ordinal, "right")))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class DocumentStore(Mapping[str, Document]):
    """Documents by id, each parsed and checked (content hash) the first time it is asked for."""

    def __init__(self, doc_ids: StringTable, docs: StringTable) -> None:
        if len(doc_ids) != len(docs):
            raise ValueError("document ids and documents do not match")
        self._ids, self._docs = doc_ids, docs
        self._ordinal: dict[str, int] | None = None
        self._cache: dict[str, Document] = {}

    def _ordinals(self) -> dict[str, int]:
        if self._ordinal is None:
            self._ordinal = {doc_id: i for i, doc_id in enumerate(self._ids)}
        return self._ordinal

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._cache.get(doc_id)
        if doc is None:
            from claimcheck.corpus import content_hash
            from claimcheck.errors import IndexNotReadyError

            i = self._ordinals()[doc_id]  # KeyError for an unknown id, as a dict
            try:
                doc = Document.model_validate_json(self._docs[i])
            except ValueError as exc:
                raise IndexNotReadyError(f"document {doc_id} in the index is damaged: rebuild the index") from exc
            if doc.id != doc_id or doc.content_hash != content_hash(doc.text):
                raise IndexNotReadyError(f"document {doc_id} in the index is damaged: rebuild the index")
            self._cache[doc_id] = doc
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ordinals()

    def ordinal(self, doc_id: str) -> int:
        return self._ordinals()[doc_id]


class Store(NamedTuple):
    texts: StringTable
    passages: PassageTable
    documents: DocumentStore


def open_store(folder: Path, fds: Mapping[str, int]) -> Store:
    """Open the store in `folder` through the pinned descriptors `fds` (by file name relative to the index)."""

    def table(name: str) -> StringTable:
        blob_name, offsets_name = f"{STORE_DIR}/{name}.bin", f"{STORE_DIR}/{name}.offsets.npy"
        return StringTable(
            _map(fds.get(blob_name), folder / blob_name), load_array(fds.get(offsets_name), folder / offsets_name)
        )

    rows_name = f"{STORE_DIR}/rows.npy"
    rows = load_array(fds.get(rows_name), folder / rows_name)
    doc_ids = table("doc_id")
    texts = table("text")
    if len(texts) != len(rows):
        raise ValueError("passage texts and rows do not match")
    return Store(texts, PassageTable(rows, doc_ids, table("heading")), DocumentStore(doc_ids, table("doc")))
