"""Claim matching: bank claims lend the sentences that decided them, and evaluation never matches a claim to itself."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.claim_match import ClaimMatcher, _norm


@pytest.fixture(scope="module")
def small(checker):
    index = checker.index
    matcher = ClaimMatcher.load(weights_sha256=checker.embedder.weights_sha256)
    assert matcher is not None, "the shipped claim bank was embedded with another model"
    matcher.bind(index.document_rows())
    return matcher, index


def test_train_only_matcher_holds_no_evaluated_claim():
    everything = ClaimMatcher.load()
    train = ClaimMatcher.load(splits=("train",))
    assert everything is not None and train is not None
    assert {e.split for e in train.entries} == {"train"}
    held = {e.id for e in everything.entries if e.split in ("dev", "test", "cold")}
    assert held and not held & {e.id for e in train.entries}


def test_bound_rows_are_the_entries_own_deciding_sentences(small):
    matcher, index = small
    bound = [(e, rows) for e, rows in zip(matcher.entries, matcher._rows, strict=True) if rows]
    assert len(bound) >= 20, "the small index should hold some bank claims' pages"
    for entry, rows in bound:
        for row in rows:
            assert index.passages[row].doc_id == entry.doc_id
            sentence = _norm(index.quote(row))
            assert any(sentence == _norm(q) or sentence in _norm(q) or _norm(q) in sentence for q in entry.quotes)


def test_a_bank_claim_finds_its_own_deciding_sentence_first(small, checker):
    matcher, _ = small
    i = next(i for i, rows in enumerate(matcher._rows) if rows)
    vector = checker.embedder.embed_batch([matcher.entries[i].text])[0]
    found = matcher.match(vector, min_cosine=0.6, top=1)
    assert found and found[0][2] == matcher.entries[i].id and found[0][0] in matcher._rows[i]
    assert found[0][1] > 0.95
    assert matcher.match(-np.asarray(vector), min_cosine=0.6, top=3) == []  # nothing close: nothing lent
