"""Index build, manifest checks, refusal of foreign or damaged indexes, atomic replacement."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from claimcheck.errors import IndexError_
from claimcheck.index import MANIFEST, VECTORS, build_index, load_index, read_manifest


def test_manifest_records_model_corpus_and_files(small_index, embedder, small_docs):
    manifest = read_manifest(small_index)
    assert manifest.model_id == embedder.model_id
    assert manifest.weights_sha256 == embedder.weights_sha256
    assert manifest.dimension == 384 and manifest.normalised
    assert manifest.documents == len(small_docs)
    assert manifest.passages > 200
    assert {"vectors.faiss", "passages.json", "documents.jsonl.gz"} <= set(manifest.files)
    assert all(len(h) == 64 for h in manifest.files.values())


def test_every_indexed_sentence_is_the_documents_own_text(small_index, embedder):
    index = load_index(small_index, embedder)
    for p, text in zip(index.passages, index.texts, strict=True):
        quote = index.document(p).text[p.start : p.end]
        assert quote and quote == quote.strip()
        assert "\n" not in quote
        assert text.endswith(quote), "the retrieval text must end with the quoted sentence"


class _OtherModel:
    model_id = "some-other-model"
    weights_sha256 = "0" * 64
    dimension = 384

    def embed_batch(self, texts):
        return np.zeros((len(texts), 384), dtype=np.float32)


def test_index_from_another_model_is_refused(small_index):
    with pytest.raises(IndexError_) as exc:
        load_index(small_index, _OtherModel())
    message = str(exc.value)
    assert "all-MiniLM-L6-v2" in message and "some-other-model" in message
    assert "claimcheck index build" in message and "\n" not in message


def test_damaged_vector_file_is_refused(small_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    data = bytearray((copy / VECTORS).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / VECTORS).write_bytes(bytes(data))
    with pytest.raises(IndexError_, match="damaged.*claimcheck index build"):
        load_index(copy)


def test_damaged_manifest_is_refused(small_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    (copy / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexError_, match="manifest .* damaged"):
        load_index(copy)


def test_missing_index_names_the_fix(tmp_path):
    with pytest.raises(IndexError_, match="claimcheck index build"):
        load_index(tmp_path / "nowhere")


class _FailingEmbedder(_OtherModel):
    def __init__(self):
        self.calls = 0

    def embed_batch(self, texts):
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("disk full")
        return np.zeros((len(texts), 384), dtype=np.float32)


def test_failed_rebuild_leaves_previous_index_intact(small_index, small_docs, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    before = (copy / MANIFEST).read_text(encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(small_docs, _FailingEmbedder(), copy, "hash", batch=64)
    assert (copy / MANIFEST).read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["index"], "temporary build folder left behind"
    json.loads(before)
