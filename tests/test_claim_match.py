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
    bound = [(e, rows) for i, e in enumerate(matcher.entries) if (rows := matcher.rows_of(i))]
    assert len(bound) >= 20, "the small index should hold some bank claims' pages"
    for entry, rows in bound:
        for row in rows:
            assert index.passages[row].doc_id == entry.doc_id
            sentence = _norm(index.quote(row))
            assert any(sentence == _norm(q) or sentence in _norm(q) or _norm(q) in sentence for q in entry.quotes)


def test_a_bank_claim_finds_its_own_deciding_sentence_first(small, checker):
    matcher, _ = small
    i = next(i for i in range(len(matcher.entries)) if matcher.rows_of(i))
    vector = checker.embedder.embed_batch([matcher.entries[i].text])[0]
    found = matcher.match(vector, min_cosine=0.6, top=1)
    assert found and found[0][2] == matcher.entries[i].id and found[0][0] in matcher.rows_of(i)
    assert found[0][1] > 0.95
    assert matcher.match(-np.asarray(vector), min_cosine=0.6, top=3) == []  # nothing close: nothing lent


def test_bank_claims_whose_pages_are_not_indexed_are_passed_over(small, checker):
    """Rows are resolved lazily as matches reach an entry; an entry with no indexed quote neither lends a
    sentence nor takes one of the `top` places (as when every entry was resolved up front)."""
    matcher, _ = small
    fresh = matcher.subset(range(len(matcher.entries)))
    fresh.bind(checker.index.document_rows())
    missing = next(i for i in range(len(fresh.entries)) if not matcher.rows_of(i))
    vector = checker.embedder.embed_batch([fresh.entries[missing].text])[0]
    found = fresh.match(vector, min_cosine=-1.0, top=2)
    assert missing in fresh._rows  # reached, resolved, skipped
    assert fresh.entries[missing].id not in {bank_id for _, _, bank_id in found}
    assert len({bank_id for _, _, bank_id in found}) == 2
    assert len(fresh._rows) < len(fresh.entries)  # only the entries the search reached were resolved
