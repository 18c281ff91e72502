"""Large indexes: an approximate (IVF) index chosen by size, its recall against exact search, the memory-mapped
binary passage store, and checksums verified at build and by `index verify` rather than at every load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import claimcheck.index as index_mod
from claimcheck.cli import app
from claimcheck.errors import IndexNotReadyError
from claimcheck.index import build_index, load_index, read_manifest, recall_at, verify_index
from claimcheck.index_store import STORE_DIR, StringTable
from tests.fakes import HashEmbedder

CLAIMS = Path(__file__).resolve().parents[1] / "corpus" / "claims" / "dev_a.jsonl"


@pytest.fixture(scope="module")
def ivf_index(small_index, small_docs, embedder, tmp_path_factory) -> Path:
    """The small index's own (real) vectors in an IVF index: every vector is reused, nothing re-embedded."""
    from claimcheck.corpus import corpus_hash

    target = tmp_path_factory.mktemp("ivf") / "index"
    build_index(
        small_docs, embedder, target, corpus_hash(small_docs), reuse=load_index(small_index), vector_index="ivf"
    )
    return target


def test_shipped_size_keeps_the_exact_flat_index(small_index):
    manifest = read_manifest(small_index)
    assert manifest.vector_index == "flat" and manifest.format_version == 2 and manifest.search == {}
    assert manifest.passages < index_mod.APPROX_MIN_SENTENCES
    assert set(manifest.sizes) == set(manifest.files)


def test_auto_switches_to_ivf_above_the_threshold(small_docs, tmp_path, monkeypatch):
    from claimcheck.corpus import corpus_hash

    docs = small_docs[:3]
    monkeypatch.setattr(index_mod, "APPROX_MIN_SENTENCES", 50)
    manifest = build_index(docs, HashEmbedder(), tmp_path / "index", corpus_hash(docs))
    assert manifest.vector_index == "ivf" and manifest.format_version == index_mod.SCALE_FORMAT
    assert manifest.passages >= 50 and {"nlist", "nprobe", "recall_at_10"} <= set(manifest.search)
    assert not (tmp_path / "index" / "passages.json").exists() and (tmp_path / "index" / STORE_DIR).is_dir()


def test_a_larger_flat_index_uses_the_memory_mapped_store(small_docs, small_index, embedder, tmp_path, monkeypatch):
    from claimcheck.corpus import corpus_hash

    monkeypatch.setattr(index_mod, "STORE_MIN_SENTENCES", 100)
    target = tmp_path / "index"
    manifest = build_index(small_docs, embedder, target, corpus_hash(small_docs), reuse=load_index(small_index))
    assert manifest.vector_index == "flat" and manifest.format_version == index_mod.SCALE_FORMAT
    flat, mapped = load_index(small_index), load_index(target)
    assert mapped.texts == flat.texts and mapped.passages == flat.passages
    queries = flat.vectors.reconstruct_n(0, 20)
    assert np.array_equal(mapped.vectors.search(queries, 10)[1], flat.vectors.search(queries, 10)[1])


def test_ivf_index_reads_back_exactly_what_the_flat_one_holds(ivf_index, small_index):
    flat, ivf = load_index(small_index), load_index(ivf_index)
    assert ivf.manifest.corpus_hash == flat.manifest.corpus_hash
    assert ivf.texts == flat.texts and list(ivf.texts) == list(flat.texts)
    assert ivf.passages == flat.passages
    assert all(ivf.quote(r) == flat.quote(r) for r in range(0, len(flat.passages), 7))
    assert set(ivf.documents) == set(flat.documents)
    assert all(ivf.documents[k] == flat.documents[k] for k in flat.documents)
    n = flat.vectors.ntotal
    assert np.array_equal(ivf.vectors.reconstruct_n(0, n), flat.vectors.reconstruct_n(0, n))
    assert np.array_equal(ivf.bm25_scores(["antidepress", "stop"]), flat.bm25_scores(["antidepress", "stop"]))


def test_ivf_recall_at_10_on_labelled_claims(ivf_index, small_index, embedder):
    claims = [json.loads(line)["text"] for line in CLAIMS.read_text(encoding="utf-8").splitlines()[:60]]
    queries = embedder.embed_batch(claims)
    _, truth = load_index(small_index).vectors.search(queries, 10)
    _, found = load_index(ivf_index).vectors.search(queries, 10)
    assert recall_at(found, truth) >= 0.99
    assert read_manifest(ivf_index).search["recall_at_10"] >= index_mod.TARGET_RECALL


def test_checker_runs_on_an_ivf_index(ivf_index):
    from claimcheck.pipeline import Checker

    result = Checker(index_dir=ivf_index).check("once you feel better on antidepressants just stop taking them")
    assert result.claims and result.claims[0].label == "contradicted"


def test_a_removed_version_stays_readable_to_its_readers(ivf_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(ivf_index, copy)
    index = load_index(copy)
    shutil.rmtree(copy)  # a later build removed this version while it was loaded
    assert index.vectors.ntotal == len(index.texts) and index.texts[-1]
    assert index.document(index.passages[0]).text


def test_large_index_checks_sizes_at_load_and_checksums_on_verify(ivf_index, tmp_path, monkeypatch):
    copy = tmp_path / "index"
    shutil.copytree(ivf_index, copy)
    blob = copy / STORE_DIR / "text.bin"
    data = bytearray(blob.read_bytes())
    data[10] ^= 0x01  # same size, other bytes
    blob.write_bytes(bytes(data))
    monkeypatch.setattr(index_mod, "VERIFY_ON_LOAD_BYTES", 0)  # as for a large index: no checksums at load
    load_index(copy)
    with pytest.raises(IndexNotReadyError, match="damaged"):
        load_index(copy, verify_files=True)
    report = verify_index(copy)
    assert not report.ok and report.damaged == [f"{STORE_DIR}/text.bin"]
    res = CliRunner().invoke(app, ["index", "verify", "--index", str(copy)])
    assert res.exit_code == 1 and "passages/text.bin" in res.stderr and "claimcheck index build" in res.stderr
    (copy / STORE_DIR / "rows.npy").write_bytes(b"short")  # another size: refused at load, no checksum needed
    with pytest.raises(IndexNotReadyError, match="rows.npy is missing or damaged"):
        load_index(copy)


def test_index_verify_passes_an_intact_index(ivf_index, small_index):
    for target in (ivf_index, small_index):
        res = CliRunner().invoke(app, ["index", "verify", "--index", str(target)])
        assert res.exit_code == 0 and "intact" in res.stdout, res.output
    res = CliRunner().invoke(app, ["index", "verify", "--index", str(ivf_index), "--format", "json"])
    assert json.loads(res.stdout)["ok"] is True


def test_string_table_round_trip(tmp_path):
    from claimcheck.index_store import _map, _write_strings, load_array

    strings = ["", "plain", "Zoë’s – ünïcode ✓", "", "x" * 1000]
    _write_strings(tmp_path, "t", strings)
    table = StringTable(_map(None, tmp_path / "t.bin"), load_array(None, tmp_path / "t.offsets.npy"))
    assert len(table) == 5 and list(table) == strings and table == strings and table[-1] == strings[-1]
    assert table[1:3] == strings[1:3]
    with pytest.raises(IndexError):
        table[5]


def test_document_rows_equal_a_pass_over_every_sentence(small_index, ivf_index):
    for target in (small_index, ivf_index):
        index = load_index(target)
        expected: dict[str, list[tuple[int, str]]] = {}
        for row, p in enumerate(index.passages):
            expected.setdefault(p.doc_id, []).append((row, index.quote(row)))
        rows = index.document_rows()
        assert rows.get("no-such-document") is None and len(rows) == len(expected)
        assert {doc_id: rows[doc_id] for doc_id in rows} == expected
