"""The claim bank: every quote verbatim in its page, twins linked both ways, splits disjoint by document."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from claimcheck.bank import BankClaim, BankError, bank_files, read_bank, validate_bank

BANK = Path(__file__).resolve().parents[1] / "corpus" / "claims"


@pytest.fixture(scope="module")
def bank() -> list[BankClaim]:
    return read_bank(bank_files(BANK))


@pytest.fixture(scope="module")
def doc_splits() -> dict[str, str]:
    return json.loads((BANK / "doc_splits.json").read_text())


def test_the_shipped_bank_is_sound(bank, snapshot_docs, doc_splits):
    assert validate_bank(bank, snapshot_docs, doc_splits) == []


def test_the_bank_is_big_and_balanced_enough(bank, snapshot_docs, doc_splits):
    main = [c for c in bank if c.split != "cold"]
    cold = [c for c in bank if c.split == "cold"]
    assert len(main) >= 1200 and len(cold) >= 250
    labels = Counter(c.label for c in main)
    assert labels["supported"] / len(main) > 0.3 and labels["contradicted"] / len(main) > 0.3
    decided = [c for c in bank if c.label != "unverified"]
    assert sum(1 for c in decided if c.twin) / len(decided) >= 1 / 3
    assert len({c.doc_id for c in bank if c.doc_id}) >= 120
    assert set(doc_splits) == {d.id for d in snapshot_docs}, "every document has exactly one split"


def test_cold_documents_are_quoted_by_cold_items_only(bank, doc_splits):
    cold_docs = {d for d, s in doc_splits.items() if s == "cold"}
    assert cold_docs
    assert all(c.split == "cold" for c in bank if c.doc_id in cold_docs)


def _item(**kw) -> BankClaim:
    base = {"id": "x-1", "text": "dont stop antidepressants", "label": "supported", "topic": "t", "split": "dev"}
    return BankClaim.model_validate(base | kw)


def test_validator_catches_each_kind_of_problem(snapshot_docs):
    doc = next(d for d in snapshot_docs if "antidepressants" in d.url)
    sentence = doc.text[:200].split("\n")[0]
    good = _item(quotes=(sentence,), url=doc.url, doc_id=doc.id)
    assert validate_bank([good], snapshot_docs, {doc.id: "dev"}) == []
    problems = validate_bank([good.model_copy(update={"quotes": (sentence + " (not on the page)",)})], snapshot_docs)
    assert any("not verbatim" in p for p in problems)
    assert any("is in test" in p for p in validate_bank([good], snapshot_docs, {doc.id: "test"}))
    one_way = [good.model_copy(update={"twin": "x-2"}), good.model_copy(update={"id": "x-2", "label": "contradicted"})]
    assert any("does not link back" in p for p in validate_bank(one_way, snapshot_docs))
    same = [good.model_copy(update={"twin": "x-2"}), good.model_copy(update={"id": "x-2", "twin": "x-1"})]
    assert any("same label" in p for p in validate_bank(same, snapshot_docs))
    two_splits = [good, good.model_copy(update={"id": "x-3", "split": "train"})]
    assert any("several splits" in p for p in validate_bank(two_splits, snapshot_docs))
    harmful = good.model_copy(update={"harmful": True, "harmful_family": "stop_medication"})
    assert any("cannot be supported" in p for p in validate_bank([harmful], snapshot_docs))
    assert any(
        "carry no quotes" in p for p in validate_bank([good.model_copy(update={"label": "unverified"})], snapshot_docs)
    )


def test_a_bad_line_is_named(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"id": "a"}\n')
    with pytest.raises(BankError, match=r"b\.jsonl:1"):
        read_bank([f])


def test_eval_reads_the_bank_folder_with_its_quotes_as_gold(bank):
    from claimcheck.evaluate import gold_sentences, load_claims_file

    items = load_claims_file(BANK)
    assert len(items) == len(bank)
    by_id = {c.id: c for c in bank}
    sample = next(i for i in items if by_id[i.id].quotes)
    assert gold_sentences(sample) == list(by_id[sample.id].quotes)
    assert {i.extra["split"] for i in items} == {"train", "dev", "test", "cold"}
