"""The user corpus on disk, the guard that keeps non-redistributable pages out of the shipped snapshot, and
the combined index."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.corpus import content_hash, default_snapshot_path, doc_id, read_snapshot, write_snapshot
from claimcheck.models import Document
from claimcheck.scrape.store import (
    SnapshotGuardError,
    build_user_index,
    check_shippable,
    combined_documents,
    read_user_documents,
    source_corpus_path,
    write_shipped_snapshot,
    write_source_corpus,
)
from claimcheck.sources import load_sources


def make_doc(url: str, source_id: str, redistributable: bool, text: str = "Talking therapies can help.") -> Document:
    return Document(
        id=doc_id(url),
        url=url,
        title="A page",
        publisher="Publisher",
        source_id=source_id,
        licence="licence",
        redistributable=redistributable,
        retrieved="2025-01-01",
        content_hash=content_hash(text),
        text=text,
    )


def test_non_redistributable_documents_never_enter_the_shipped_snapshot(tmp_path: Path) -> None:
    mind = make_doc("https://www.mind.org.uk/information-support/x/", "mind", False)
    with pytest.raises(SnapshotGuardError, match="not redistributable"):
        write_shipped_snapshot([mind], tmp_path / "snapshot.jsonl.gz")
    assert not (tmp_path / "snapshot.jsonl.gz").exists()
    # a document that claims to be redistributable from a source the registry says is not: refused too
    lying = make_doc("https://www.nami.org/about-mental-illness/x/", "nami", True)
    with pytest.raises(SnapshotGuardError):
        check_shippable([lying])
    nhs = make_doc("https://www.nhs.uk/mental-health/x/", "nhs", True)
    write_shipped_snapshot([nhs], tmp_path / "snapshot.jsonl.gz")
    assert read_snapshot(tmp_path / "snapshot.jsonl.gz") == [nhs]


def test_crawled_documents_are_never_written_into_the_package(tmp_path: Path) -> None:
    doc = make_doc("https://www.mind.org.uk/information-support/x/", "mind", False)
    shipped = default_snapshot_path()
    before = shipped.read_bytes()
    for target in (shipped, shipped.parent / "mind.jsonl.gz"):
        with pytest.raises(SnapshotGuardError, match="package data folder"):
            write_source_corpus([doc], target)
    assert shipped.read_bytes() == before
    write_source_corpus([doc], source_corpus_path("mind", tmp_path))
    assert read_user_documents(tmp_path) == [doc]


def test_the_shipped_snapshot_holds_only_redistributable_sources(snapshot_docs) -> None:
    check_shippable(snapshot_docs, load_sources())
    assert all(d.redistributable for d in snapshot_docs)


def test_combined_documents_prefer_the_fresh_crawl() -> None:
    old = make_doc("https://www.nhs.uk/mental-health/a/", "nhs", True, "Old text.")
    new = make_doc("https://www.nhs.uk/mental-health/a/", "nhs", True, "New text.")
    other = make_doc("https://www.nhs.uk/mental-health/b/", "nhs", True)
    merged = combined_documents([old, other], [new])
    assert len(merged) == 2 and new in merged and old not in merged


def test_build_user_index_adds_crawled_documents(tmp_path: Path, small_docs, embedder) -> None:
    from claimcheck.index import read_manifest

    snapshot = tmp_path / "snap.jsonl.gz"
    write_snapshot(small_docs[:2], snapshot)
    crawled = make_doc(
        "https://www.mind.org.uk/information-support/x/",
        "mind",
        False,
        "Talking therapies can help with anxiety. They are available on the NHS.",
    )
    write_source_corpus([crawled], source_corpus_path("mind", tmp_path / "home"))
    manifest = build_user_index(tmp_path / "index", snapshot=snapshot, home=tmp_path / "home", embedder=embedder)
    assert manifest.documents == 3
    assert read_manifest(tmp_path / "index").documents == 3


def test_build_user_index_reembeds_only_changes(tmp_path: Path, small_docs, embedder) -> None:
    class Counting:
        def __init__(self) -> None:
            self.model_id, self.weights_sha256, self.dimension = (
                embedder.model_id,
                embedder.weights_sha256,
                embedder.dimension,
            )
            self.texts = 0

        def embed_batch(self, texts):  # noqa: ANN001, ANN202
            self.texts += len(texts)
            return embedder.embed_batch(texts)

    snapshot = tmp_path / "snap.jsonl.gz"
    write_snapshot(small_docs[:2], snapshot)
    home = tmp_path / "home"
    first, second, third = Counting(), Counting(), Counting()
    manifest = build_user_index(tmp_path / "index", snapshot=snapshot, home=home, embedder=first)
    assert first.texts == manifest.passages > 0
    build_user_index(tmp_path / "index", snapshot=snapshot, home=home, embedder=second)
    assert second.texts == 0  # nothing changed: nothing re-embedded
    crawled = make_doc("https://www.mind.org.uk/information-support/x/", "mind", False, "Sleep helps mood. Walk daily.")
    write_source_corpus([crawled], source_corpus_path("mind", home))
    (tmp_path / "index" / "vectors.faiss").write_bytes(b"damaged")  # a damaged index is ignored, not trusted
    rebuilt = build_user_index(tmp_path / "index", snapshot=snapshot, home=home, embedder=third)
    assert third.texts == rebuilt.passages > manifest.passages
