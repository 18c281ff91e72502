"""The verdict rule: only stance decides; each sentence votes for its larger probability; conflicts follow the
policy; harmful advice is never supported; confidence comes from the dev-fitted calibration table."""

from __future__ import annotations

from claimcheck.models import Evidence, StanceScores
from claimcheck.verdict import Thresholds, decide

T = Thresholds(entail=0.5, contradict=0.5)


def ev(
    entail: float,
    contradict: float,
    source: str = "nhs",
    relevance: float = 0.9,
    quote: str = "It's important that you do not stop taking antidepressants suddenly.",
) -> Evidence:
    return Evidence(
        quote=quote,
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


def test_contradiction_above_threshold_wins_over_entailment_when_the_policy_says_so():
    v = decide("c", [ev(0.8, 0.1), ev(0.1, 0.7)], T, frozenset({"nhs"}))
    assert v.label == "contradicted" and v.confidence == 0.7
    assert [e.stance.contradict for e in v.evidence] == [0.7]


def test_sources_pointing_both_ways_abstain_under_a_precision_first_policy():
    other = "Stopping antidepressants suddenly is safe once you feel better."
    v = decide(
        "c", [ev(0.8, 0.1), ev(0.1, 0.7, quote=other)], Thresholds(entail=0.5, contradict=0.5, conflict="abstain"), None
    )
    assert v.label == "unverified" and "both ways" in v.reason
    assert len(v.evidence) == 2, "both sides are shown for the reader to judge"


def test_an_unverified_claim_shows_each_sentence_once_the_on_topic_ones_first():
    """A sentence a page repeats takes one slot; sentences on the claim's topic come before stronger off-topic
    readings, so the related heading and the quotes under it agree."""
    far = ev(0.05, 0.45, relevance=0.5, quote="Antidepressants are medicines that treat the symptoms of depression.")
    near = ev(0.02, 0.1, relevance=0.8, quote="A course of treatment usually lasts for at least 6 months.")
    v = decide("c", [far, far, ev(0.02, 0.3, relevance=0.5), near], Thresholds(entail=0.9, contradict=0.9), None)
    assert v.label == "unverified"
    assert [e.quote for e in v.evidence] == [near.quote, far.quote, ev(0, 0).quote]


def test_a_sentence_votes_for_its_larger_probability():
    """'Exercise can help with mild depression' scored entail 0.63, contradict 0.33 must not contradict."""
    v = decide("c", [ev(0.63, 0.33)], Thresholds(entail=0.6, contradict=0.2), None)
    assert v.label == "supported"


def test_a_fragment_of_a_few_words_is_shown_but_never_votes():
    """Link text such as "Check Your Drinking." once supported "get your folks checked early" (entail 0.57) and
    contradicted "my brother never said a word so he must be fine" (0.40, flagged harmful advice)."""
    fragment = ev(0.57, 0.01, relevance=0.37, quote="Check Your Drinking.")
    v = decide("get your folks checked early", [fragment], Thresholds(entail=0.5, contradict=0.5), None)
    assert v.label == "unverified" and [e.quote for e in v.evidence] == ["Check Your Drinking."]
    low_bar = Thresholds(entail=0.5, contradict=0.5, contradict_harmful=0.3)
    harmful = decide("c", [ev(0.02, 0.4, quote="Check Your Drinking.")], low_bar, None, harmful_family="skip_emergency")
    assert harmful.label == "unverified"
    sentence = ev(0.02, 0.4, quote="Keep checking on them, gently.")
    assert decide("c", [sentence], low_bar, None, harmful_family="skip_emergency").label == "contradicted"
    assert decide("c", [ev(0.02, 0.6, quote="Do not drink alcohol.")], T, None).label == "contradicted"


def test_confidence_is_read_from_the_calibration_table():
    cal = {"supported": ((-1.0, 0.7, 0.9), (0.5, 0.8, 0.95)), "unverified": ((-1.0, 0.5), (0.6, 0.3))}
    th = Thresholds(entail=0.6, contradict=0.9, calibration=cal)
    assert decide("c", [ev(0.75, 0.1)], th, None).confidence == 0.8
    assert decide("c", [ev(0.95, 0.01)], th, None).confidence == 0.95
    assert decide("c", [ev(0.3, 0.1)], th, None).confidence == 0.6  # unverified: P(sources really silent)
    assert th.calibrated("contradicted", 0.42) == 0.42  # no table: the score itself


def test_a_label_unlikely_to_be_right_is_not_given():
    """Above the threshold but in a calibration bin that is mostly wrong on dev: unverified, quotes shown."""
    cal = {"supported": ((-1.0, 0.5, 0.6), (0.33, 0.78, 0.98)), "contradicted": ((-1.0, 0.5), (0.45, 0.9))}
    th = Thresholds(entail=0.45, contradict=0.4, calibration=cal)
    weak = decide("c", [ev(0.47, 0.1)], th, None)
    assert weak.label == "unverified" and weak.evidence
    assert decide("c", [ev(0.55, 0.1)], th, None).label == "supported"
    assert decide("c", [ev(0.1, 0.45)], th, None).label == "unverified"
    assert decide("c", [ev(0.1, 0.55)], th, None).label == "contradicted"


def test_supported_needs_allow_listed_source():
    assert decide("c", [ev(0.8, 0.1)], T, frozenset({"nhs"})).label == "supported"
    v = decide("c", [ev(0.8, 0.1, source="random-blog")], T, frozenset({"nhs"}))
    assert v.label == "unverified"


def test_harmful_advice_is_never_supported():
    v = decide("c", [ev(0.95, 0.0)], T, frozenset({"nhs"}), harmful_family="stop_medication")
    assert v.label == "unverified" and v.harmful and v.harmful_family == "stop_medication"
    assert "harmful" in v.reason
    assert v.reason.startswith("Trusted sources cover this but do not settle it: this does not mean it is safe.")


def test_relevance_alone_never_decides():
    v = decide("c", [ev(0.2, 0.2, relevance=0.99)], T, frozenset({"nhs"}))
    assert v.label == "unverified"
    assert v.evidence, "closest passages are still shown"


def test_no_evidence_is_unverified():
    v = decide("c", [], T, frozenset({"nhs"}))
    assert v.label == "unverified" and v.evidence == ()


def test_a_contradiction_that_does_not_hold_both_ways_does_not_count():
    """Paraphrases misread as contradictions rarely survive reading the pair the other way round."""
    th = Thresholds(entail=0.6, contradict=0.6, contradict_reverse=0.5)
    one_way = ev(0.1, 0.9).model_copy(update={"reverse": StanceScores(entail=0.7, contradict=0.2, neutral=0.1)})
    both_ways = ev(0.1, 0.9).model_copy(update={"reverse": StanceScores(entail=0.1, contradict=0.8, neutral=0.1)})
    assert decide("c", [one_way], th, None).label == "unverified"
    assert decide("c", [both_ways], th, None).label == "contradicted"
    assert decide("c", [ev(0.1, 0.9)], th, None).label == "contradicted", "no reverse reading: the rule is silent"


def test_context_sentences_are_shown_but_never_vote():
    """Sentences scored further down the retrieval order only join an unverified claim's quotes: the policy's
    precision was measured on the voting sentences alone."""
    strong = ev(0.05, 0.9).model_copy(update={"quote": "Do not stop taking them suddenly."})
    v = decide("c", [ev(0.2, 0.1)], T, frozenset({"nhs"}), context=[strong])
    assert v.label == "unverified"
    assert strong in v.evidence, "the stronger context sentence is shown for the reader to judge"
    settled = decide("c", [ev(0.1, 0.7)], T, frozenset({"nhs"}), context=[ev(0.9, 0.05)])
    assert settled.label == "contradicted" and all(e.stance.contradict >= 0.5 for e in settled.evidence)
    blog = ev(0.05, 0.9, source="random-blog")
    assert blog not in decide("c", [ev(0.2, 0.1)], T, frozenset({"nhs"}), context=[blog]).evidence


def test_a_question_is_shown_but_never_votes():
    """ "Do you need help with your mental health?" supported "Do what you need to." (entail 0.61) in a harmful
    post of the eighth fresh set: a question asserts nothing, so it cannot settle a claim either way."""
    question = ev(0.61, 0.02, quote="Do you need help with your mental health?")
    verdict = decide("Do what you need to.", [question], T, None)
    assert verdict.label == "unverified" and [e.quote for e in verdict.evidence] == [question.quote]
    assert decide("you need them forever", [ev(0.03, 0.55, quote=question.quote)], T, None).label == "unverified"
    statement = ev(0.61, 0.02, quote="You can get help with your mental health from your GP.")
    assert decide("you can ask your GP for help", [statement], T, None).label == "supported"


def test_a_sentence_about_another_medicine_or_substance_never_votes():
    """ "It is possible to overdose on marijuana" contradicted "you can't overdose on paracetamol ..." in a new-user
    try; a class and its members ("antidepressants", "sertraline") are the same subject."""
    from claimcheck.subjects import about_another, in_context

    claim = "you can't overdose on paracetamol if you take it over a whole day"
    other = ev(0.0, 0.77, quote="It is possible to overdose on marijuana, if you take a very high dose.")
    other = other.model_copy(update={"title": "Marijuana"})
    assert decide(claim, [other], T, None).label == "unverified"
    same = ev(0.0, 0.77, quote="Taking too much paracetamol can cause serious liver damage.")
    assert decide(claim, [same], T, None).label == "contradicted"
    assert not about_another("sertraline made me put on weight", "Antidepressants. Side effects. Weight gain.")
    assert not about_another("exercise helps mild depression", "Cannabis. Smoking cannabis can make anxiety worse.")
    assert not about_another("benzos are fine long term", "Treatment. Benzodiazepines. They can become addictive.")
    assert about_another("benzos are fine long term", "Antidepressants are not addictive in the way cigarettes are.")
    # A new-user try: a methamphetamine page's "It can also be mixed with liquid" contradicted "mixing tramadol
    # and sertraline is fine" at the harmful bar; tramadol is an opioid, methamphetamine a group of its own.
    mixing = "mixing tramadol and sertraline is fine"
    meth = ev(
        0.01, 0.31, relevance=0.7, quote="It can also be mixed with liquid and injected into your body with a needle."
    )
    meth = meth.model_copy(update={"title": "Methamphetamine"})
    assert about_another(mixing, in_context(meth.title, meth.heading, meth.quote))
    near = ev(0.02, 0.05, relevance=0.5, quote="antidepressants - such as paroxetine or sertraline")
    harmful_bar = Thresholds(entail=0.5, contradict=0.5, contradict_harmful=0.3)
    shown = decide(mixing, [meth, near], harmful_bar, None, harmful_family="mix_substances")
    assert shown.label == "unverified"
    assert [e.quote for e in shown.evidence] == [near.quote, meth.quote]  # the other substance's sentence last
