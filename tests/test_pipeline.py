"""The library API end to end on real pages: verdicts, evidence offsets, safety first, failures."""

from __future__ import annotations

import json

from rich.console import Console
from typer.testing import CliRunner

from claimcheck import CheckResult, check
from claimcheck.cli import app
from claimcheck.index import load_index
from claimcheck.render import STYLE, render_result
from claimcheck.safety.messaging import UNVERIFIED_NOTE
from claimcheck.verdict import RELATED_NOTE

FLAGSHIP = "once you feel better on antidepressants just stop taking them"
CRISIS = "I can't do this anymore, I am going to kill myself tonight. My friend says just stop your meds."
runner = CliRunner()


def test_flagship_is_contradicted_by_the_nhs_sentence(small_index):
    result = check(FLAGSHIP, index_dir=small_index)
    assert isinstance(result, CheckResult)
    (claim,) = result.claims
    assert claim.label == "contradicted" and claim.checkable
    assert claim.harmful and claim.harmful_family == "stop_medication"
    quotes = [e.quote for e in claim.evidence]
    assert "It's important that you do not stop taking antidepressants suddenly." in quotes
    nhs = next(e for e in claim.evidence if "suddenly" in e.quote)
    assert nhs.publisher == "NHS" and nhs.url.startswith("https://www.nhs.uk/")
    assert nhs.stance.contradict > nhs.stance.entail


def test_every_quote_is_the_documents_exact_characters(checker, small_index):
    index = load_index(small_index)
    by_url = {d.url: d for d in index.documents.values()}
    result = checker.check(FLAGSHIP + ". Regular exercise can help with mild depression.")
    for claim in result.claims:
        for ev in claim.evidence:
            assert by_url[ev.url].text[ev.start : ev.end] == ev.quote


def test_feelings_and_questions_get_no_verdict(checker):
    result = checker.check("I feel so alone tonight. Has anyone here tried sertraline?")
    assert [c.label for c in result.claims] == ["not_checkable", "not_checkable"]
    assert all(not c.evidence and not c.checkable for c in result.claims)
    assert result.input.checkable == 0


def test_stories_and_unlisted_words_get_a_second_look_against_the_index(checker):
    """Word lists call these a story / off topic; the pages speak to them, so they are checked."""
    spans = checker.claim_spans(
        "my brother takes sertraline with a few beers every weekend and he is totally fine with it. "
        "my cat knocked the coffee off the table again this morning which was funny.",
        10,
    )
    assert [s.checkable for s in spans] == [True, False]
    assert spans[0].reason == "statement on a topic the trusted pages cover"


def test_unverified_always_says_it_is_not_safe(checker):
    result = checker.check("Rubbing lavender oil on your feet every night cures schizophrenia for good.")
    (claim,) = result.claims
    assert claim.label != "supported"
    if claim.label == "unverified":
        assert claim.reason.startswith((UNVERIFIED_NOTE, RELATED_NOTE))


def test_unverified_is_never_styled_as_success(checker):
    assert "green" not in STYLE["unverified"][0]
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    render_result(checker.check("Eating three bananas a day stops panic attacks forever."), console)
    text = console.export_text(styles=False)
    assert "\u2713" not in text and "\u2714" not in text
    if "UNVERIFIED" in text:
        assert "this does not mean it is safe" in text


def test_crisis_text_gets_safety_first(checker):
    result = checker.check(CRISIS, country="GB")
    assert result.safety.tier == "urgent" and "suicide" in result.safety.categories
    assert any(r.phone and "116 123" in r.phone for r in result.safety.resources)
    data = json.loads(result.model_dump_json())
    assert data["safety"]["tier"] == "urgent"


def test_crisis_banner_survives_a_missing_index(tmp_path):
    res = runner.invoke(app, ["check", CRISIS, "--index", str(tmp_path / "none"), "--country", "GB"])
    assert res.exit_code == 1
    assert "116 123" in res.stdout and "claimcheck index build" in res.stderr


def test_crisis_banner_survives_a_broken_model(small_index, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_MODEL", "no-such-model")
    res = runner.invoke(app, ["check", CRISIS, "--index", str(small_index), "--country", "US", "--format", "json"])
    assert res.exit_code == 1
    assert json.loads(res.stdout)["safety"]["tier"] == "urgent"
    assert "988" in res.stdout and "no-such-model" in res.stderr


def test_method_details_are_not_echoed(checker):
    result = checker.check("I have 40 pills saved up for tonight. Just stop your antidepressants suddenly.")
    dumped = result.model_dump_json()
    assert "40 pills" not in dumped
    assert result.safety.tier == "urgent"


def test_no_obsolete_helpline_number_in_any_output(checker):
    from claimcheck.safety import find_obsolete

    for country in ("GB", "US", "IE", "CA", "AU", "NZ", None):
        result = checker.check(
            "I want to end my life. Call the suicide prevention lifeline, they said.", country=country
        )
        console = Console(record=True, width=100)
        render_result(result, console)
        assert result.safety.tier != "none"
        assert find_obsolete(result.model_dump_json()) == []
        assert find_obsolete(console.export_text()) == []


def test_context_sentences_change_what_is_shown_never_the_verdict(small_index, monkeypatch):
    """An unverified claim has the next retrieved sentences scored for display; labels and confidence stay
    exactly what the voting sentences alone give (the policy was tuned on those)."""
    import claimcheck.pipeline as pipeline

    claims = [
        FLAGSHIP,
        "St John's wort won't affect the pill",
        "you can't get addicted to antidepressants",
        "bananas stop panic attacks",
        "talking therapy is only for people with mild problems",
    ]
    monkeypatch.setattr(pipeline, "CONTEXT_SENTENCES", 0)
    plain = pipeline.Checker(index_dir=small_index).verdicts(claims)
    monkeypatch.setattr(pipeline, "CONTEXT_SENTENCES", 2)
    shown = pipeline.Checker(index_dir=small_index).verdicts(claims)
    assert [(v.label, v.confidence) for v in plain] == [(v.label, v.confidence) for v in shown]
    for a, b in zip(plain, shown, strict=True):
        if a.label != "unverified":
            assert a.evidence == b.evidence
    assert any(a.evidence != b.evidence for a, b in zip(plain, shown, strict=True) if a.label == "unverified")


ADVICE_ACROSS_SENTENCES = (
    "My doctor put me on sertraline 2 weeks ago and I feel worse. My mum says I should just stop them and try "
    "St John's wort instead."
)


def test_harmful_advice_spread_over_sentences_is_read_whole(checker):
    """"stop them" names no medicine and "Stopped my sertraline" alone is a story: read whole, the text is
    advice to stop a medicine, and the span that carries it gets the family (so it is never supported)."""
    result = checker.check(ADVICE_ACROSS_SENTENCES)
    flagged = [v for v in result.claims if v.harmful_family == "stop_medication"]
    assert [v.text for v in flagged] == ["I should just stop them"]
    assert all(v.label != "supported" for v in flagged)
    story = "Stopped my sertraline last week. Best decision I ever made, feel amazing."
    assert [v.harmful_family for v in checker.check(story).claims][0] == "stop_medication"
    calm = "I take my lithium every day and go for my blood tests. It's boring but it keeps me well."
    assert checker.span_families(calm, [s.text for s in checker.claim_spans(calm, 10)]) == [None, None]


def test_a_question_does_not_carry_the_advice_the_post_gives(checker):
    """The family found in the whole post goes to the sentence that gives the advice, not to the question."""
    post = (
        "Honestly I've been thinking about ending things since my wife left. Anyway, does anyone know if it's ok "
        "to drink on mirtazapine? My mate says a few beers is fine."
    )
    result = checker.check(post)
    assert result.safety.tier != "none"
    families = {v.text: (v.label, v.harmful_family) for v in result.claims}
    assert families["a few beers is fine."][1] == "mix_substances"
    assert families["does anyone know if it's ok to drink on mirtazapine?"] == ("not_checkable", None)


LEANS_ON_THE_QUESTION = "restless, can't concentrate and can't sleep from worrying? those can all be GAD symptoms"


def test_a_claim_that_leans_on_the_text_before_it_is_read_with_it(checker):
    """'those can all be GAD symptoms' settles nothing alone; read after the question before it, a page on GAD
    supports it, and the verdict says it was read that way."""
    from claimcheck.plain import why

    last = checker.check(LEANS_ON_THE_QUESTION).claims[-1]
    assert last.text == "those can all be GAD symptoms"
    assert checker.verdicts([last.text])[0].label == "unverified"
    assert last.label == "supported" and last.evidence[0].with_previous
    assert "read with the sentence before it" in why(last)


def test_a_myth_after_a_true_post_does_not_borrow_its_support(checker, monkeypatch):
    """Read after a true post, a myth can take the support of the sentence that settles the post. A sentence
    votes on the joined reading only if the claim alone leans the same way and the lead alone does not."""
    import claimcheck.pipeline as pipeline

    text = (
        "feeling anxious now and then doesn't mean you've got GAD, most people feel anxious sometimes\n"
        "had a stressful fortnight so my GP diagnosed me with GAD, that's all it takes"
    )
    assert checker.check(text).claims[-1].label != "supported"
    monkeypatch.setattr(pipeline, "LEAD_CLAIM_MIN", -1.0)
    monkeypatch.setattr(pipeline, "LEAD_OWN_MAX", 2.0)
    assert checker.check(text).claims[-1].label == "supported"  # the two checks are what keep it out


def test_only_short_texts_are_read_with_the_text_before(checker):
    from claimcheck.pipeline import WHOLE_TEXT_CHARS, span_leads

    assert span_leads("a. b. c.", ["a.", "b.", "c."]) == [None, "a.", "b."]
    assert span_leads("x" * (WHOLE_TEXT_CHARS + 1), ["a.", "b."]) == [None, None]
    assert checker.verdicts(["those can all be GAD symptoms"]) == checker.verdicts(
        ["those can all be GAD symptoms"], leads=[None]
    )


def test_a_sentence_saying_more_than_that_never_supports_a_claim_that_plays_it_down(checker, snapshot_docs):
    """'Depression is just sadness' was supported by 'Depression is more than just feeling blue or sad.': the
    model reads the shared words as agreement. Such a sentence may not support a claim that plays it down."""
    from claimcheck.models import Evidence
    from claimcheck.verdict import votes

    quote = "Depression is more than just feeling blue or sad."
    doc = next(d for d in snapshot_docs if quote in d.text)
    start = doc.text.index(quote)
    claim = "Depression is just sadness."
    [stance] = checker.stance.score([(claim, f"{doc.title}. {quote}")], [0.8])
    assert stance.entail > stance.contradict  # the misreading this guards against
    evidence = Evidence(
        quote=quote, url=doc.url, title=doc.title, publisher=doc.publisher, source_id=doc.source_id,
        licence=doc.licence, start=start, end=start + len(quote), retrieval_score=0.03, relevance=0.8, stance=stance,
    )
    assert votes([evidence], claim=claim)[0] == []
    assert votes([evidence], claim="Depression isn't just sadness.")[0] == [evidence]


def test_curly_apostrophes_read_as_straight_ones_and_are_shown_as_typed(checker):
    """Phones type "don’t"; the models learned "don't" and read the other as other tokens, and on the dev split
    typed that way a harmful post came out supported. The verdict must not depend on the keyboard."""
    straight = "Don't worry, it's fine to stop your antidepressants once you feel better. You won't get withdrawal."
    curly = straight.replace("'", "\u2019")
    a, b = checker.check(straight), checker.check(curly)
    assert [c.text for c in b.claims] == [c.text.replace("'", "\u2019") for c in a.claims]
    assert [(c.label, c.confidence, c.harmful_family) for c in b.claims] == [
        (c.label, c.confidence, c.harmful_family) for c in a.claims
    ]
    assert [[(e.quote, e.stance) for e in c.evidence] for c in b.claims] == [
        [(e.quote, e.stance) for e in c.evidence] for c in a.claims
    ]
    assert b.safety.tier == a.safety.tier
    (claim,) = checker.verdicts(["you don\u2019t need to taper off sertraline"])
    assert claim.text == "you don\u2019t need to taper off sertraline"
    assert claim.evidence == checker.verdicts(["you don't need to taper off sertraline"])[0].evidence


def test_a_handle_hashtags_and_a_link_do_not_change_a_verdict(checker):
    """As posted on X: "@someone" in front, hashtags and a link after. On dev they had moved 46-63 labels."""
    plain = "It's fine to stop your antidepressants once you feel better."
    posted = f"@jess_m {plain} #mentalhealth #anxiety https://t.co/x1y2"
    (a,), (b,) = checker.check(plain).claims, checker.check(posted).claims
    assert b.text == plain
    assert (b.label, b.confidence, b.harmful_family) == (a.label, a.confidence, a.harmful_family)
    assert [(e.quote, e.stance) for e in b.evidence] == [(e.quote, e.stance) for e in a.evidence]
