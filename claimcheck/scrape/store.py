"""The user's crawled corpus (`CLAIMCHECK_HOME/corpus/<source>.jsonl.gz`) and the guard on the shipped snapshot."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from claimcheck.corpus import CorpusError, corpus_hash, default_snapshot_path, read_snapshot, write_snapshot
from claimcheck.models import Document, Source


class SnapshotGuardError(CorpusError):
    """A write would put documents of a non-redistributable publisher into the shipped snapshot."""


def user_corpus_dir(home: Path | None = None) -> Path:
    """`<CLAIMCHECK_HOME>/corpus`: where crawled documents live, never inside the package."""
    from claimcheck.paths import home_dir

    return (Path(home) if home is not None else home_dir()) / "corpus"


def state_path(home: Path | None = None) -> Path:
    return user_corpus_dir(home) / "crawl-state.sqlite"


def source_corpus_path(source_id: str, home: Path | None = None) -> Path:
    return user_corpus_dir(home) / f"{source_id}.jsonl.gz"


def check_shippable(docs: Iterable[Document], sources: Sequence[Source] | None = None) -> None:
    """Raise SnapshotGuardError if any document may not be redistributed (by its own flag or its registry entry)."""
    from claimcheck.sources import load_sources

    registry = {s.id: s for s in (sources if sources is not None else load_sources())}
    for doc in docs:
        source = registry.get(doc.source_id)
        if not doc.redistributable or (source is not None and not source.redistributable):
            raise SnapshotGuardError(
                f"{doc.url} ({doc.source_id}) is not redistributable: it may not enter the shipped snapshot"
            )


def _is_shipped_snapshot(path: Path) -> bool:
    data_dir = default_snapshot_path().resolve().parent
    return data_dir in Path(path).resolve().parents


def write_source_corpus(docs: Sequence[Document], path: Path) -> None:
    """Write one source's crawled documents atomically; refuses to write anywhere in the package's data folder."""
    if _is_shipped_snapshot(path):
        raise SnapshotGuardError(f"refusing to write crawled documents into the package data folder ({path})")
    write_snapshot(docs, path)


def write_shipped_snapshot(docs: Sequence[Document], path: Path | None = None) -> None:
    """The only sanctioned way to write the shipped snapshot: every document must be redistributable."""
    docs = list(docs)
    check_shippable(docs)
    write_snapshot(docs, Path(path) if path is not None else default_snapshot_path())


def read_user_documents(home: Path | None = None) -> list[Document]:
    """Every document the user has crawled, all sources, in file-name order."""
    folder = user_corpus_dir(home)
    docs: list[Document] = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        docs.extend(read_snapshot(path))
    return docs


def combined_documents(shipped: Iterable[Document], crawled: Iterable[Document]) -> list[Document]:
    """The shipped snapshot plus the user's crawled pages; a crawled copy of a shipped page replaces it."""
    merged = {d.id: d for d in shipped}
    for doc in crawled:
        merged[doc.id] = doc
    return sorted(merged.values(), key=lambda d: d.id)


def build_user_index(
    index_dir: Path,
    *,
    model: str | None = None,
    snapshot: Path | None = None,
    home: Path | None = None,
    embedder=None,  # noqa: ANN001 - claimcheck.embed.Embedder; loaded from `model` when None
    progress: Callable[[int, int], None] | None = None,
):  # noqa: ANN201 - claimcheck.index.IndexManifest (imported lazily: faiss)
    """Index the shipped snapshot plus the user's crawled documents.

    Only new or changed sentences are embedded: the vectors of the rest come from the index already at
    `index_dir` when it loads cleanly with the same model (a missing, damaged or foreign one is ignored).
    """
    from claimcheck.errors import IndexNotReadyError
    from claimcheck.index import build_index, load_index

    docs = combined_documents(read_snapshot(snapshot or default_snapshot_path()), read_user_documents(home))
    if embedder is None:
        from claimcheck.embed import load_embedder

        embedder = load_embedder(model)
    try:
        previous = load_index(Path(index_dir), embedder)
    except IndexNotReadyError:
        previous = None
    return build_index(docs, embedder, Path(index_dir), corpus_hash(docs), progress=progress, reuse=previous)
