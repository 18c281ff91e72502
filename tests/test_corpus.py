"""The snapshot on disk: ids, canonical URLs, hashes, atomic writes, damage checks, and the shipped file."""

from __future__ import annotations

import gzip
import os
from functools import lru_cache
from urllib.parse import urlsplit

import pytest

from claimcheck.corpus import (
    CorpusError,
    canonical_url,
    content_hash,
    corpus_hash,
    default_snapshot_path,
    doc_id,
    read_snapshot,
    snapshot_bytes,
    write_snapshot,
)
from claimcheck.models import Document, Section
from claimcheck.sources import load_sources


@lru_cache(maxsize=1)
def shipped() -> tuple[Document, ...]:
    return tuple(read_snapshot())


def make_doc(url: str, text: str, **extra: object) -> Document:
    fields: dict[str, object] = {
        "id": doc_id(url),
        "url": canonical_url(url),
        "title": "Panic disorder",
        "publisher": "NHS",
        "source_id": "nhs",
        "licence": "Open Government Licence v3.0",
        "redistributable": True,
        "retrieved": "2023-01-01",
        "content_hash": content_hash(text),
        "text": text,
    }
    fields.update(extra)
    return Document.model_validate(fields)


DOCS = [
    make_doc(
        "https://www.nhs.uk/mental-health/conditions/panic-disorder/",
        "Treatments for panic disorder\nTreatment aims to reduce the number of panic attacks you have.",
        sections=(Section(heading="Treatments for panic disorder", start=30, end=92),),
    ),
    make_doc("https://medlineplus.gov/anxiety.html", "Anxiety is a feeling of fear, dread, and uneasiness."),
]


# ------------------------------------------------------------------------------------ ids and hashes


def test_canonical_url():
    assert canonical_url("http://WWW.NHS.UK/mental-health/#symptoms") == "https://www.nhs.uk/mental-health/"
    assert (
        canonical_url("https://www.nlm.nih.gov/medlineplus/anxiety.html")
        == "https://medlineplus.gov/anxiety.html"
    )
    assert canonical_url("https://www.nhs.uk:443/Conditions/X?a=1") == "https://www.nhs.uk/Conditions/X?a=1"
    assert canonical_url("https://example.org") == "https://example.org/"


def test_doc_id_is_short_stable_and_follows_the_canonical_url():
    a = doc_id("https://www.nhs.uk/mental-health/conditions/panic-disorder/")
    assert a == doc_id("http://www.NHS.uk/mental-health/conditions/panic-disorder/#causes")
    assert a != doc_id("https://www.nhs.uk/mental-health/conditions/social-anxiety/")
    assert len(a) == 16 and int(a, 16) >= 0
    assert doc_id("https://www.nlm.nih.gov/medlineplus/anxiety.html") == doc_id(
        "https://medlineplus.gov/anxiety.html"
    )


def test_content_and_corpus_hash():
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert corpus_hash(DOCS) == corpus_hash(list(reversed(DOCS)))
    changed = [DOCS[0], make_doc("https://medlineplus.gov/anxiety.html", "Anxiety is a feeling.")]
    assert corpus_hash(changed) != corpus_hash(DOCS)


# ------------------------------------------------------------------------------------ writing and reading


def test_round_trip_sorted_and_deterministic(tmp_path):
    path = tmp_path / "snap.jsonl.gz"
    write_snapshot(DOCS, path)
    first = path.read_bytes()
    write_snapshot(list(reversed(DOCS)), path)
    assert path.read_bytes() == first == snapshot_bytes(DOCS)
    back = read_snapshot(path)
    assert back == sorted(DOCS, key=lambda d: d.id)
    lines = gzip.decompress(first).decode().splitlines()
    assert len(lines) == 2 and [d.id for d in back] == sorted(d.id for d in DOCS)
    assert first[4:8] == b"\0\0\0\0"  # gzip mtime 0: same bytes on every build


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "snap.jsonl.gz"
    write_snapshot(DOCS[:1], path)
    before = path.read_bytes()

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_snapshot(DOCS, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["snap.jsonl.gz"]  # no temporary file left behind


def test_missing_and_damaged_snapshots_raise_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="no corpus snapshot"):
        read_snapshot(tmp_path / "absent.jsonl.gz")
    good = tmp_path / "good.jsonl.gz"
    write_snapshot(DOCS, good)
    data = good.read_bytes()

    not_gzip = tmp_path / "plain.jsonl.gz"
    not_gzip.write_bytes(b"this is not gzip")
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(data[: len(data) // 2])
    bad_json = tmp_path / "json.jsonl.gz"
    bad_json.write_bytes(gzip.compress(b'{"id": "x", "url": \n'))
    tampered = tmp_path / "hash.jsonl.gz"
    tampered.write_bytes(gzip.compress(gzip.decompress(data).replace(b"uneasiness", b"calmness")))
    for path in (not_gzip, truncated, bad_json, tampered):
        with pytest.raises(CorpusError, match="damaged") as info:
            read_snapshot(path)
        assert "\n" not in str(info.value)


# ------------------------------------------------------------------------------------ the shipped snapshot


def test_shipped_snapshot_is_in_the_package():
    path = default_snapshot_path()
    assert path.parts[-3:] == ("claimcheck", "data", "snapshot.jsonl.gz")
    assert len(shipped()) >= 100


def test_shipped_snapshot_holds_only_redistributable_publishers():
    sources = {s.id: s for s in load_sources()}
    banned_hosts = {h for s in sources.values() if not s.redistributable for h in s.allowed_hosts}
    assert {"www.mind.org.uk", "www.nami.org", "www.samaritans.org", "www.who.int"} <= banned_hosts
    for d in shipped():
        assert d.redistributable and sources[d.source_id].redistributable, d.url
        assert urlsplit(d.url).hostname not in banned_hosts, d.url
        assert urlsplit(d.url).hostname in sources[d.source_id].allowed_hosts, d.url
        assert d.publisher not in {"Mind", "NAMI", "Samaritans", "WHO", "World Health Organization"}
        assert "Checking if the site connection is secure" not in d.text
        assert "nhs.uk/conditions/" not in d.url or "Pages/Introduction.aspx" not in d.url  # no 2016 pages
    publishers = {d.publisher for d in shipped()}
    assert {"NHS", "NIMH", "MedlinePlus", "CDC", "SAMHSA"} <= publishers


def test_shipped_documents_are_consistent():
    docs = shipped()
    assert len({d.id for d in docs}) == len(docs)
    assert len({d.url for d in docs}) == len(docs)
    for d in docs:
        assert d.id == doc_id(d.url) and d.url == canonical_url(d.url)
        assert d.content_hash == content_hash(d.text)
        assert len(d.text) >= 200, d.url
        assert d.title and not d.title.endswith(" - NHS")
        assert len(d.retrieved) == 10 and d.retrieved[:2] == "20"
        assert "](" not in d.text and "Skip to main content" not in d.text, d.url
        lines = d.text.split("\n")
        assert all(line.strip() == line and line for line in lines), d.url
        assert not any(line.startswith("#") for line in lines), d.url


def test_shipped_sections_lie_inside_the_text_after_their_heading():
    for d in shipped():
        last_end = 0
        for s in d.sections:
            assert 0 <= s.start <= s.end <= len(d.text), d.url
            assert s.start >= last_end, d.url
            assert d.text[: s.start].rstrip("\n").endswith(s.heading), (d.url, s.heading)
            assert s.end == len(d.text) or d.text[s.end] == "\n", (d.url, s.heading)
            last_end = s.end
