"""The baseline stance scorer (kept for comparison) on real corpus sentences and their negations."""

from __future__ import annotations

from claimcheck.stance import PolarityBaseline, load_stance_scorer

NHS_STOP = "It's important that you do not stop taking antidepressants suddenly."


def test_negated_advice_is_contradicted_and_its_twin_is_not():
    scorer = PolarityBaseline()
    bad, good = scorer.score(
        [
            ("just stop taking your antidepressants suddenly", NHS_STOP),
            ("do not stop taking your antidepressants suddenly", NHS_STOP),
        ],
        [0.8, 0.8],
    )
    assert bad.contradict > 0.5 > bad.entail
    assert good.entail > 0.5 > good.contradict


def test_unrelated_pair_is_neutral():
    (s,) = PolarityBaseline().score([("cats are mammals that purr", NHS_STOP)], [0.05])
    assert s.neutral > 0.9


def test_low_relevance_keeps_it_neutral_even_with_word_overlap():
    (s,) = PolarityBaseline().score([("stop taking antidepressants", NHS_STOP)], [0.2])
    assert s.neutral == 1.0


def test_probabilities_sum_to_one():
    for s in PolarityBaseline().score([("stop antidepressants", NHS_STOP), ("", NHS_STOP)], [0.7, 0.7]):
        assert abs(s.entail + s.contradict + s.neutral - 1) < 1e-3


def test_baseline_is_loaded_by_name():
    assert load_stance_scorer("baseline").model_id == PolarityBaseline.model_id


THERAPY = (
    "If you have mild to moderate depression that is not improving, or moderate depression, "
    "you may find a talking therapy helpful."
)


def test_negation_only_counts_where_it_governs_shared_words():
    (s,) = PolarityBaseline().score([("Exercise can help with mild depression.", THERAPY)], [0.7])
    assert s.contradict < 0.1, "'not improving' says nothing about exercise"


def test_rare_claim_words_must_be_covered_for_entailment():
    idf = {"exercis": 5.0, "help": 1.0, "mild": 2.0, "depress": 0.5}
    claim = "Exercise can help with mild depression."
    (weighted,) = PolarityBaseline(idf=idf).score([(claim, THERAPY)], [0.7])
    (unweighted,) = PolarityBaseline().score([(claim, THERAPY)], [0.7])
    from claimcheck.verdict import Thresholds

    assert weighted.entail < Thresholds().entail < unweighted.entail
