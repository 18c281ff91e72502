"""The verdict rule: only stance decides; contradiction wins; harmful advice is never supported."""

from __future__ import annotations

from claimcheck.models import Evidence, StanceScores
from claimcheck.verdict import Thresholds, decide

T = Thresholds(entail=0.5, contradict=0.5)


def ev(entail: float, contradict: float, source: str = "nhs", relevance: float = 0.9) -> Evidence:
    return Evidence(
        quote="It's important that you do not stop taking antidepressants suddenly.",
        url="https://www.nhs.uk/x",
        title="Antidepressants",
        publisher="NHS",
        source_id=source,
        licence="OGL-3.0",
        start=0,
        end=10,
        retrieval_score=0.03,
        relevance=relevance,
        stance=StanceScores(entail=entail, contradict=contradict, neutral=round(1 - entail - contradict, 4)),
    )


def test_contradiction_above_threshold_wins_over_entailment():
    v = decide("c", [ev(0.8, 0.1), ev(0.1, 0.7)], T, frozenset({"nhs"}))
    assert v.label == "contradicted" and v.confidence == 0.7
    assert [e.stance.contradict for e in v.evidence] == [0.7]


def test_supported_needs_allow_listed_source():
    assert decide("c", [ev(0.8, 0.1)], T, frozenset({"nhs"})).label == "supported"
    v = decide("c", [ev(0.8, 0.1, source="random-blog")], T, frozenset({"nhs"}))
    assert v.label == "unverified"


def test_harmful_advice_is_never_supported():
    v = decide("c", [ev(0.95, 0.0)], T, frozenset({"nhs"}), harmful_family="stop_medication")
    assert v.label == "unverified" and v.harmful and v.harmful_family == "stop_medication"
    assert "harmful" in v.reason
    assert v.reason.startswith("No trusted source found: this does not mean it is safe.")


def test_relevance_alone_never_decides():
    v = decide("c", [ev(0.2, 0.2, relevance=0.99)], T, frozenset({"nhs"}))
    assert v.label == "unverified"
    assert v.evidence, "closest passages are still shown"


def test_no_evidence_is_unverified():
    v = decide("c", [], T, frozenset({"nhs"}))
    assert v.label == "unverified" and v.evidence == ()
