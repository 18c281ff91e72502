"""Session fixtures: the real embedding model and one small index built from real shipped pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Pages the pipeline tests cite; a dozen real documents keep the index build to a few seconds.
SMALL_CORPUS_URL_PARTS = (
    "antidepressants",
    "clinical-depression",
    "generalised-anxiety",
    "panic-disorder",
    "exercise",
    "how-to-get-to-sleep",
    "alcohol-misuse",
    "nimh.nih.gov/health/topics/depression",
    "medlineplus.gov/depression",
    "cognitive-behavioural-therapy",
)


@pytest.fixture(scope="session")
def snapshot_docs():
    from claimcheck.corpus import default_snapshot_path, read_snapshot

    return read_snapshot(default_snapshot_path())


@pytest.fixture(scope="session")
def small_docs(snapshot_docs):
    docs = [d for d in snapshot_docs if any(part in d.url for part in SMALL_CORPUS_URL_PARTS)]
    assert len(docs) >= 8, "the small test corpus lost its pages"
    return docs


@pytest.fixture(scope="session")
def embedder():
    from claimcheck.embed import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory, small_docs, embedder) -> Path:
    from claimcheck.corpus import corpus_hash
    from claimcheck.index import build_index

    target = tmp_path_factory.mktemp("idx") / "index"
    build_index(small_docs, embedder, target, corpus_hash(small_docs))
    return target


@pytest.fixture(scope="session")
def checker(small_index):
    from claimcheck.pipeline import Checker

    return Checker(index_dir=small_index)


CRISIS_MESSAGE = "i am going to kill myself tonight"


@pytest.fixture
def crisis_chat(tmp_path):
    """Writes a 60-message WhatsApp export (Android) with one crisis message at `crisis_at`; returns its path."""

    def make(crisis_at: int = 40) -> Path:
        lines = []
        for i in range(60):
            if i == crisis_at:
                text = CRISIS_MESSAGE
            elif i % 3 == 0:
                text = "once you feel better on antidepressants just stop taking them"
            elif i % 3 == 1:
                text = f"Jade Brown here, thanks all, message {i}"
            else:
                text = "exercise can help with mild depression"
            author = "Jade Brown" if i % 2 else "+44 7700 900123"
            lines.append(f"12/03/2024, 09:{i:02d} - {author}: {text}")
        path = tmp_path / f"chat-{crisis_at}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return make
