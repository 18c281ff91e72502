"""The document corpus on disk: stable ids, canonical URLs, hashes, and the gzip JSON Lines snapshot."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from claimcheck.errors import ClaimcheckError
from claimcheck.files import write_atomic
from claimcheck.models import Document

SNAPSHOT_NAME = "snapshot.jsonl.gz"


class CorpusError(ClaimcheckError):
    """The corpus snapshot is missing or damaged."""


def content_hash(text: str) -> str:
    """sha256 hex of the UTF-8 text: what a Document's `content_hash` must equal."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """One spelling per page: https, lower-case host, no default port, no fragment.

    Old MedlinePlus addresses (www.nlm.nih.gov/medlineplus/x.html, as in MedQuAD) map to
    https://medlineplus.gov/x.html, where the same page lives now. Paths keep their case: servers may care.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if host in {"www.nlm.nih.gov", "nlm.nih.gov"} and path.startswith("/medlineplus/"):
        host, path = "medlineplus.gov", path[len("/medlineplus") :]
    return urlunsplit(("https", host, path, parts.query, ""))


def doc_id(url: str) -> str:
    """A stable short id for a page: the first 16 hex digits of the sha256 of its canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def corpus_hash(docs: Iterable[Document]) -> str:
    """sha256 over the sorted (id, content hash) pairs: changes whenever any document's text changes."""
    h = hashlib.sha256()
    for ident, chash in sorted((d.id, d.content_hash) for d in docs):
        h.update(f"{ident}\t{chash}\n".encode())
    return h.hexdigest()


def default_snapshot_path() -> Path:
    """The snapshot shipped inside the package (`claimcheck/data/snapshot.jsonl.gz`)."""
    return Path(str(resources.files("claimcheck") / "data" / SNAPSHOT_NAME))


def snapshot_bytes(docs: Iterable[Document]) -> bytes:
    """The snapshot file's exact bytes: same documents, same bytes (sorted by id, gzip mtime 0)."""
    lines = [
        json.dumps(d.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for d in sorted(docs, key=lambda d: d.id)
    ]
    raw = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def write_snapshot(docs: Iterable[Document], path: Path) -> None:
    """Write the snapshot atomically: a temporary file in the same folder, then `os.replace`.

    A crash or error part-way leaves the old file as it was; readers never see a half-written file.
    """
    path = Path(path)
    docs = list(docs)
    ids = [d.id for d in docs]
    if len(ids) != len(set(ids)):
        raise CorpusError(f"cannot write {path}: duplicate document ids")
    # Keep the file readable like any other package file (mkstemp alone would make it 0600).
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    write_atomic(path, snapshot_bytes(docs), mode=mode)


def read_snapshot(path: Path | None = None) -> list[Document]:
    """The documents of a snapshot (default: the shipped one); CorpusError for a missing or damaged file."""
    path = Path(path) if path is not None else default_snapshot_path()
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise CorpusError(f"no corpus snapshot at {path}: run `python scripts/build_snapshot.py`") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise CorpusError(f"corpus snapshot {path} is damaged ({exc}): rebuild or reinstall it") from None
    docs: list[Document] = []
    for n, line in enumerate(raw.decode("utf-8", errors="strict").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = Document.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            reason = str(exc).splitlines()[0]
            raise CorpusError(f"corpus snapshot {path} is damaged at line {n}: {reason}") from None
        if doc.content_hash != content_hash(doc.text):
            raise CorpusError(f"corpus snapshot {path} is damaged: content hash mismatch for {doc.id}")
        docs.append(doc)
    return docs
