"""Index build, manifest checks, refusal of foreign or damaged indexes, atomic replacement."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from fakes import HashEmbedder

from claimcheck.errors import IndexNotReadyError
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
    with pytest.raises(IndexNotReadyError) as exc:
        load_index(small_index, _OtherModel())
    message = str(exc.value)
    assert "claimcheck-retrieval-minilm" in message and "some-other-model" in message
    assert "claimcheck index build" in message and "\n" not in message


def test_damaged_vector_file_is_refused(small_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    data = bytearray((copy / VECTORS).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / VECTORS).write_bytes(bytes(data))
    with pytest.raises(IndexNotReadyError, match="damaged.*claimcheck index build"):
        load_index(copy)


def test_damaged_manifest_is_refused(small_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    (copy / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexNotReadyError, match="manifest .* damaged"):
        load_index(copy)


def test_missing_index_names_the_fix(tmp_path):
    with pytest.raises(IndexNotReadyError, match="claimcheck index build"):
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


class _Counting:
    """Wraps an embedder and keeps every text it was asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.model_id, self.weights_sha256, self.dimension = inner.model_id, inner.weights_sha256, inner.dimension
        self.seen: list[str] = []

    def embed_batch(self, texts):
        self.seen.extend(texts)
        return self.inner.embed_batch(texts)


def _vectors(index_dir):
    index = load_index(index_dir)
    return index, index.vectors.reconstruct_n(0, index.vectors.ntotal)


def _changed(docs):
    from claimcheck.corpus import content_hash

    old = docs[0]
    changed = old.model_copy(update={"title": old.title + " (updated)", "content_hash": content_hash(old.text)})
    return changed, [changed, *docs[1:]]


def test_rebuild_reuses_vectors_of_unchanged_sentences(small_index, small_docs, embedder, tmp_path):
    from claimcheck.corpus import corpus_hash
    from claimcheck.passages import corpus_passages, retrieval_text

    previous = load_index(small_index, embedder)
    same = _Counting(embedder)
    build_index(small_docs, same, tmp_path / "same", corpus_hash(small_docs), reuse=previous)
    assert same.seen == []  # no-change rebuild: 0 sentences re-embedded
    assert load_index(tmp_path / "same").texts == previous.texts

    changed, docs = _changed(small_docs)
    counting = _Counting(embedder)
    build_index(docs, counting, tmp_path / "inc", corpus_hash(docs), reuse=previous)
    own = [retrieval_text(d, p) for d, p in corpus_passages([changed])]
    assert sorted(counting.seen) == sorted(own)  # only the changed document's sentences, each once
    assert len(own) < previous.manifest.passages / 5


def test_incremental_index_equals_a_from_scratch_build(small_docs, tmp_path):
    from claimcheck.corpus import corpus_hash

    hasher = HashEmbedder()
    build_index(small_docs, hasher, tmp_path / "inc", corpus_hash(small_docs))
    _, docs = _changed(small_docs)
    docs = docs[:-1]  # and one document removed
    build_index(docs, hasher, tmp_path / "inc", corpus_hash(docs), reuse=load_index(tmp_path / "inc"))
    build_index(docs, hasher, tmp_path / "full", corpus_hash(docs))
    inc, inc_vec = _vectors(tmp_path / "inc")
    full, full_vec = _vectors(tmp_path / "full")
    assert inc.passages == full.passages and inc.texts == full.texts
    assert inc.manifest.corpus_hash == full.manifest.corpus_hash
    assert np.abs(inc_vec - full_vec).max() <= 1e-6
    assert inc.bm25_scores(["sleep"]).tolist() == full.bm25_scores(["sleep"]).tolist()


def test_rebuild_ignores_an_index_from_another_model(small_index, small_docs, embedder, tmp_path):
    from claimcheck.corpus import corpus_hash

    previous = load_index(small_index)
    other = _Counting(_OtherModel())
    build_index(small_docs[:2], other, tmp_path / "other", corpus_hash(small_docs[:2]), reuse=previous)
    assert len(other.seen) == read_manifest(tmp_path / "other").passages


def test_embedding_of_a_text_does_not_depend_on_its_batch(embedder):
    text = "It's important that you do not stop taking antidepressants suddenly."
    alone = embedder.embed_batch([text])[0]
    with_others = embedder.embed_batch(["A much longer neighbouring sentence " * 8, text, "short"])[1]
    assert np.allclose(alone, with_others, atol=1e-6)


def test_parallel_sessions_embed_exactly_as_one_session(small_docs):
    """The index build spreads texts over side-by-side sessions; every vector equals one session's."""
    import numpy as np

    from claimcheck.embed import PARALLEL_MIN_TEXTS, OnnxEmbedder, resolve_model_dir

    texts = [s for d in small_docs[:3] for s in d.text.split(". ") if s.strip()][: PARALLEL_MIN_TEXTS * 3]
    assert len(texts) >= PARALLEL_MIN_TEXTS
    parallel = OnnxEmbedder(resolve_model_dir(None))
    alone = OnnxEmbedder(resolve_model_dir(None), threads=1)
    assert len(parallel._workers) == 2
    assert np.array_equal(parallel.embed_batch(texts), alone.embed_batch(texts))
