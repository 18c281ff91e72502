"""The learned safety layer's training text (corpus/safety) never contains a text of a set that measures it.

Fresh sets are written blind to measure the layer; once one has been scored and looked at, it may be retired
into a training batch (its rows name it in `source`), and from then on it is training text, not a measure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRAINING = sorted((ROOT / "corpus" / "safety").glob("*_train*.jsonl"))
TEST_SETS = sorted(p for pat in ("safety_*.jsonl", "harmful_*.jsonl") for p in (ROOT / "tests" / "data").glob(pat))
# The probe is a regression set written with the rules in view, not a measure; three of its everyday sentences
# were also written into the first training batches ("i'm so hungry i could eat a horse", "je meurs de faim,
# on mange quand ?", "a few drinks on sertraline is fine"). No other overlap may appear.
KNOWN_OVERLAP = {"tests/data/safety_probe.jsonl": {"look-45", "look-b2-07", "harm-mix_substances-01"}}
CARD = ROOT / "claimcheck" / "data" / "models" / "claimcheck-safety-minilm-int8" / "model_card.json"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def training() -> list[dict]:
    return [r for path in TRAINING for r in _rows(path)]


@pytest.fixture(scope="module")
def retired(training) -> set[str]:
    return {r["source"] for r in training if r.get("source")}


def test_retired_sets_exist_and_their_rows_name_them(retired):
    assert retired, "no fresh set retired into training"
    for source in retired:
        assert (ROOT / source).is_file(), source
        assert source.startswith("tests/data/")


def test_no_measuring_set_text_is_in_the_training_batches(training, retired):
    taught = {_norm(r["text"]) for r in training}
    for path in TEST_SETS:
        name = str(path.relative_to(ROOT))
        if name in retired:
            continue
        leaked = {r["id"] for r in _rows(path) if _norm(r["text"]) in taught}
        assert leaked <= KNOWN_OVERLAP.get(name, set()), f"{name}: {sorted(leaked)[:5]}"


def test_twins_link_both_ways_in_one_split(training):
    by_id = {r["id"]: r for r in training}
    for r in training:
        twin = r.get("twin")
        if twin:
            assert by_id[twin]["twin"] == r["id"], r["id"]
            assert by_id[twin]["split"] == r["split"], r["id"]


def test_the_shipped_model_card_names_what_it_never_read():
    card = json.loads(CARD.read_text(encoding="utf-8"))["training_data"]
    retired = set(card.get("retired_into_training", []))
    assert "tests/data/safety_heldout.jsonl" in card["never_read"]
    assert not retired & set(card["never_read"])
