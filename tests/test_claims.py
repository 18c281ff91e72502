"""Claim splitting: what is checkable, offsets that slice back, conservative compound splits, 1 MB speed."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pydantic import ValidationError

from claimcheck.claims import (
    REASON_ADVICE,
    REASON_EMOJI,
    REASON_FEELING,
    REASON_GREETING,
    REASON_QUESTION,
    REASON_SHORT,
    REASON_STATEMENT,
    ClaimSpan,
    plain_decoded,
    plain_reading,
    plain_typed,
    split_claims,
)
from claimcheck.textspeak import spelled_out

FLAGSHIP = "once you feel better on antidepressants just stop taking them"
EVAL_FILE = Path(__file__).resolve().parents[1] / "corpus" / "eval" / "claims.jsonl"


def only(text: str) -> ClaimSpan:
    spans = split_claims(text)
    assert len(spans) == 1, spans
    return spans[0]


def assert_offsets(text: str, spans: list[ClaimSpan]) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("should I stop?", REASON_QUESTION),
        ("has anyone tried sertraline", REASON_QUESTION),
        ("Is it safe to drink on sertraline", REASON_QUESTION),
        ("does anyone know if CBT works for panic", REASON_QUESTION),
        ("how do you come off venlafaxine", REASON_QUESTION),
        ("I feel so alone", REASON_FEELING),
        ("I'm exhausted today", REASON_FEELING),
        ("I stopped mine last year", REASON_FEELING),
        ("my meds are making me feel sick", REASON_FEELING),
        # chat drops the "I"
        ("missed two doses and feel awful", REASON_FEELING),
        ("started citalopram last week", REASON_FEELING),
        ("been on sertraline for a month and feel worse", REASON_FEELING),
        ("been on sertraline 6 months", REASON_FEELING),
        ("thanks everyone", REASON_GREETING),
        ("hugs x", REASON_GREETING),
        ("sending love to you all", REASON_GREETING),
        ("😊😊", REASON_EMOJI),
        ("ok", REASON_SHORT),
        ("just quit", REASON_SHORT),
    ],
)
def test_not_checkable(text, reason):
    span = only(text)
    assert not span.checkable
    assert span.reason == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (FLAGSHIP, REASON_ADVICE),
        ("stop taking your sertraline", REASON_ADVICE),
        ("just quit them, you don't need them", REASON_ADVICE),
        ("don't bother with therapy", REASON_ADVICE),
        ("you should never mix alcohol with diazepam", REASON_ADVICE),
        ("You must see a GP if it lasts two weeks", REASON_ADVICE),
        ("you need to come off them slowly", REASON_ADVICE),
        ("never stop lithium without your doctor", REASON_ADVICE),
        ("try running every morning for your mood", REASON_ADVICE),
        ("St John's wort won't affect the pill", REASON_STATEMENT),
        ("antidepressants are addictive", REASON_STATEMENT),
        ("CBT doesn't work for anxiety", REASON_STATEMENT),
        ("panic attacks can damage your heart", REASON_STATEMENT),
        ("stopping antidepressants suddenly can cause withdrawal", REASON_STATEMENT),
        ("been proven that ssris dont work", REASON_STATEMENT),
        # abbreviations, brand names and remedies people post with
        ("PND can creep up slowly over months", REASON_STATEMENT),
        ("rTMS is stronger than ECT", REASON_STATEMENT),
        ("ashwagandha sorts out exam nerves", REASON_STATEMENT),
    ],
)
def test_checkable(text, reason):
    span = only(text)
    assert span.checkable
    assert span.reason == reason
    assert span.text == text


@pytest.mark.parametrize("text", ["", " ", "   \n\t  \r\n", "\n\n\n"])
def test_empty_and_blank_input_give_nothing(text):
    assert split_claims(text) == []


def test_offsets_slice_back_on_messy_paste():
    text = (
        "hi all, has anyone tried sertraline? I feel awful.\n"
        "> tbh my GP said don't drink on benzos 😊 Thanks! \n"
        "- St. John's wort is fine with the pill, e.g. mine was fine\n"
        "  * 2) honestly just stop taking them lol\n"
        "I stopped mine last year but you should never stop suddenly; it's dangerous"
    )
    spans = split_claims(text)
    assert_offsets(text, spans)
    texts = [s.text for s in spans]
    assert "has anyone tried sertraline?" in texts
    assert "don't drink on benzos" in texts  # "> tbh my GP said" trimmed, emoji left out
    assert "just stop taking them" in texts  # bullet, number, "honestly" and "lol" trimmed
    assert "St. John's wort is fine with the pill, e.g. mine was fine" in texts  # no split after "St." or "e.g."
    # "it's dangerous" is too short to stand alone, so the ";" does not split it off.
    assert "you should never stop suddenly; it's dangerous" in texts
    checkable = {s.text for s in spans if s.checkable}
    assert {
        "don't drink on benzos",
        "just stop taking them",
        "you should never stop suddenly; it's dangerous",
    } <= checkable
    assert "I stopped mine last year" not in checkable


def test_a_sign_off_before_the_full_stop_is_trimmed_too():
    """ "whatever works lol." is a two-word aside, not a claim to check against the index."""
    text = "whatever works lol. also st johns wort is fine with the pill lol!"
    spans = split_claims(text)
    assert_offsets(text, spans)
    assert [(s.text, s.checkable) for s in spans] == [
        ("whatever works", False),
        ("st johns wort is fine with the pill", True),
    ]


@pytest.mark.parametrize("text", ["Do what you need to.", "Just keep going x", "don't give up!", "hang in there"])
def test_encouragement_with_nothing_to_check_is_not_checked(text):
    """ "Do what you need to." was checked, and a question on a help page once supported it (a harmful post of the
    eighth fresh set). Encouragement made only of such words is not a claim; advice with content still is."""
    assert [s.checkable for s in split_claims(text)] == [False]


@pytest.mark.parametrize("text", ["talk to someone", "give up on them", "just take it one day at a time"])
def test_short_advice_with_content_is_still_checked(text):
    assert [s.checkable for s in split_claims(text)] == [True]


def test_filler_is_trimmed_but_offsets_stay_true():
    text = "tbh honestly, my doctor told me you should taper slowly 🙏"
    span = only(text)
    assert span.text == "you should taper slowly"
    assert span.start == text.index("you should")
    assert text[span.start : span.end] == span.text
    assert span.checkable


def test_greeting_prefix_does_not_hide_a_question_or_advice():
    assert only("hi all, has anyone tried sertraline").reason == REASON_QUESTION
    span = only("thanks everyone, but you should never stop antidepressants suddenly")
    assert span.checkable and span.text == "you should never stop antidepressants suddenly"


def test_story_carrying_advice_keeps_advice_checkable():
    spans = split_claims("I stopped mine last year but you should never stop them suddenly")
    assert [(s.text, s.checkable) for s in spans] == [
        ("I stopped mine last year", False),
        ("you should never stop them suddenly", True),
    ]
    # Elliptical advice stays attached to the story it refers to, and the whole is checkable advice.
    span = only("I stopped mine cold turkey and you should too")
    assert span.checkable and span.reason == REASON_ADVICE


def test_compound_splitting_is_conservative():
    assert only("stop your meds and drink water").text == "stop your meds and drink water"
    assert only("stop your meds and you'll feel better in a week").checkable
    # A pronoun clause needs its left side, so it is not split off.
    assert only("panic attacks feel awful but they're not dangerous").checkable
    spans = split_claims("stop taking them; they don't work anyway")
    assert [s.text for s in spans] == ["stop taking them", "they don't work anyway"]
    assert all(s.checkable for s in spans)


def test_lines_bullets_and_sentences_split():
    text = "- take your meds\n- don't drink on them\n1. you must see a GP\nStop now. Then rest!"
    spans = split_claims(text)
    assert [s.text for s in spans] == [
        "take your meds",
        "don't drink on them",
        "you must see a GP",
        "Stop now.",
        "Then rest!",
    ]
    assert_offsets(text, spans)


def test_a_wrapped_paragraph_is_read_as_its_sentences():
    """Wrapped at a width by an email client or a forum (on dev wrapped at 40 characters, 81 of 418 labels moved;
    read so, 40): one line cut after "the" shows the paragraph was wrapped, so "get" / "withdrawal" joins too."""
    text = (
        "Most people who stop antidepressants suddenly get\n"
        "withdrawal symptoms, so you should talk about the\n"
        "plan with your GP and reduce the dose slowly over\n"
        "weeks.\n\n"
        "Exercise can help with mild depression."
    )
    spans = split_claims(text)
    assert [s.text.split() for s in spans] == [
        "Most people who stop antidepressants suddenly get withdrawal symptoms, so you should talk about the plan "
        "with your GP and reduce the dose slowly over weeks.".split(),
        "Exercise can help with mild depression.".split(),
    ]
    assert_offsets(text, spans)
    lines = "antidepressants usually take a few weeks to work\nyou can stop them the day you feel better now\n"
    assert len(split_claims(lines + "exercise helps with mild depression a lot")) == 3  # one width, no line cut


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "you can stop your\nantidepressants once you feel better",
            "you can stop your antidepressants once you feel better",
        ),
        ("stop your meds,\nthey do nothing for you", "stop your meds, they do nothing for you"),
        (
            "exercise works better\nthan antidepressants for mild depression",
            "exercise works better than antidepressants for mild depression",
        ),
    ],
)
def test_a_line_cut_mid_phrase_goes_on_into_the_next(text, claim):
    (span,) = split_claims(text)
    assert " ".join(span.text.split()) == claim and span.checkable


@pytest.mark.parametrize(
    "text",
    [
        # a sentence a line, no full stops: a myth after a true post must not be read as part of it
        "antidepressants usually take a few weeks to work\nyou can stop them the day you feel better",
        "it takes about an hour to kick in\nzopiclone is fine to take every night for years",
        "- take your meds\nyou can stop them when you feel better",  # a list item, then text
        "you can stop your\n\nantidepressants whenever",  # a blank line ends a paragraph
    ],
)
def test_lines_that_stand_alone_stay_apart(text):
    assert len(split_claims(text)) == 2


def test_claim_span_is_frozen():
    span = only(FLAGSHIP)
    with pytest.raises(ValidationError):
        span.text = "something else"  # type: ignore[misc]


def test_max_claims_caps_and_keeps_order():
    text = "Stop your meds now. " * 50
    full = split_claims(text)
    assert len(full) == 50
    capped = split_claims(text, max_claims=7)
    assert capped == full[:7]
    assert split_claims(text, max_claims=0) == []
    assert len(split_claims(text, max_claims=500)) == 50
    with pytest.raises(ValueError):
        split_claims(text, max_claims=-1)


def test_every_eval_text_yields_a_checkable_claim():
    """The labelled set is advice by construction, so each line must give the checker something to check."""
    for line in EVAL_FILE.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        spans = split_claims(text)
        assert_offsets(text, spans)
        assert any(s.checkable for s in spans), text


@contextmanager
def _heap_set_aside() -> Iterator[None]:
    """Time the splitter, not the test session's heap: the cyclic collector walks every object the suite holds
    (models, indexes, fixtures) each time the splitter's new objects trigger it. A megabyte split in a process
    holding three million small objects took 1.41 s against 1.21 s, and 1.18 s with them set aside; the suite's
    run in a clean clone took 2.31 s where a lone run takes 1.25 s."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def test_one_megabyte_paste_is_fast_and_capped():
    para = "I feel so tired lately. " + FLAGSHIP + ". Has anyone tried CBT? thanks all x 😊\n"
    text = para * (1_000_000 // len(para) + 1)
    assert len(text) >= 1_000_000
    with _heap_set_aside():
        t0 = time.perf_counter()
        spans = split_claims(text)
        elapsed = time.perf_counter() - t0
    assert elapsed < 2.0, f"1 MB took {elapsed:.2f}s"
    assert len(spans) >= 3 * (1_000_000 // len(para))
    assert_offsets(text, spans[:300])
    t0 = time.perf_counter()
    capped = split_claims(text, max_claims=100)
    assert time.perf_counter() - t0 < 0.5
    assert len(capped) == 100


@pytest.mark.parametrize(
    "unit", ["cats and dogs and ", "a" + " " * 60, "e.g. ", "lol ", "😊 ", "with 😊 ", "&amp;", ". ", "x" * 999 + " "]
)
def test_pathological_megabyte_stays_linear(unit):
    text = unit * (1_000_000 // len(unit) + 1)
    with _heap_set_aside():
        t0 = time.perf_counter()
        spans = split_claims(text)
        elapsed = time.perf_counter() - t0
    assert elapsed < 2.0
    assert_offsets(text, spans)


@pytest.mark.parametrize(
    "text",
    [
        "why would u need treatment for BPD when it just goes away by itself in a few weeks??",
        "isn't it obvious light boxes fix SAD for basically everybody?",
        "lithium's only for really severe cases, isn't it?",
        "no point taking a mood stabiliser every day when im fine, right?",
        "who needs meds when you've got yoga",
        "self harm is always a suicide attempt??",
        "Anyone who goes through something traumatic ends up with PTSD, it's inevitable",
        "anyone who stops antidepressants cold turkey gets withdrawal, right?",
    ],
)
def test_a_claim_put_as_a_question_is_checked(text):
    span = only(text)
    assert span.checkable, span


@pytest.mark.parametrize(
    "text",
    [
        "why do ssris take weeks to work?",
        "is it normal to feel worse the first week, right?",
        "does mirtazapine make u hungry all the time",
        "anyone tried lions mane for anxiety",
        "can you drink on mirtazapine",
        "is sertraline ok in pregnancy??",
        "has anyone stopped antidepressants cold turkey, right?",
    ],
)
def test_a_question_that_asserts_nothing_stays_a_question(text):
    span = only(text)
    assert not span.checkable and span.reason == REASON_QUESTION, span


def test_fresh_sentences_checked_by_what_they_do():
    """Sentences written apart from the rules (tests/data/CLAIM_KINDS.md): claims put as questions are checked,
    genuine questions are not (before the rhetorical-question rules: 11 of 55 and 10 of 70 checked)."""
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "claim_kinds_fresh.jsonl").open()]
    checked: dict[str, list[bool]] = {}
    for r in rows:
        plain = r["form"] in ("statement", "imperative")
        kind = "claim-as-question" if r["kind"] == "claim" and not plain else r["kind"]
        checked.setdefault(kind, []).append(any(s.checkable for s in split_claims(r["text"])))
    rate = {k: sum(v) / len(v) for k, v in checked.items()}
    assert rate["claim-as-question"] >= 0.8, rate
    assert rate["claim"] >= 0.95, rate
    assert rate["question"] <= 0.1, rate


def test_plain_typed_straightens_what_phones_type_character_for_character():
    typed = "I\u2019m told \u201cdon\u2019t\u201d stop, it\u00b4s `fine` \u2018really\u2019\u00a0ok"
    plain = plain_typed(typed)
    assert plain == "I'm told \"don't\" stop, it's 'fine' 'really' ok"
    assert len(plain) == len(typed)  # offsets into the pasted text still hold


def test_text_with_no_break_spaces_splits_as_with_plain_ones_and_keeps_its_characters():
    """Copied from a web page or a chat export, "but" sits between no-break spaces; it still splits."""
    text = "been stable on my bipolar meds for a year but I'm not coming off them unless the doctor says so"
    pasted = text.replace(" ", "\u00a0").replace("'", "\u2019")
    plain, spans = split_claims(text), split_claims(pasted)
    assert len(spans) == len(plain) == 2
    assert [(s.start, s.end, s.checkable, s.reason) for s in spans] == [
        (s.start, s.end, s.checkable, s.reason) for s in plain
    ]
    assert all(pasted[s.start : s.end] == s.text for s in spans)


def test_links_handles_and_closing_hashtags_are_left_out_of_claims():
    """Social-media furniture says nothing a page could settle; the claim span is the advice itself."""
    text = "@jess_m stop your antidepressants once you feel better #mentalhealth #anxiety 🙏\nsee https://x.co/a"
    spans = split_claims(text)
    assert spans[0].text == "stop your antidepressants once you feel better"
    assert spans[0].reason == REASON_ADVICE
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert plain_reading("my #anxiety got better with CBT, ask @mindcharity https://mind.org.uk") == (
        "my anxiety got better with CBT, ask"
    )
    assert plain_reading("email me at a@b.com, rehab #1 was rough") == "email me at a@b.com, rehab #1 was rough"
    assert plain_reading("https://example.com") == "https://example.com"  # nothing else to read
    assert plain_reading("**Never** stop your meds &amp; pills!!! 😤 u/throwaway123") == "Never stop your meds & pills."
    (bold,) = split_claims("**never** stop your meds suddenly")
    assert bold.reason == REASON_ADVICE and plain_reading(bold.text) == "never stop your meds suddenly"


@pytest.mark.parametrize(
    "text",
    [
        "St John's wort 🌿 won't affect the pill",  # the word after can only go on
        "Exercise 💪 is great for anxiety and low mood",  # a lone word before
        "mixing sertraline with 🍷 wine is totally fine",  # a sentence never ends on "with"
    ],
)
def test_an_emoji_inside_a_sentence_does_not_cut_it(text):
    """An emoji halfway through a post used to end the sentence there: on dev so typed, 120 of 418 labels moved."""
    (span,) = split_claims(text)
    assert span.text == text


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("stopped i couldnt sleep for like a week 😩 anyway my advice is dont start young", "stopped i couldnt sleep"),
        ("feel a bit better 🙌 is it safe to stop now", "feel a bit better"),  # a question in lower case
        ("GAD isn't just in your head 🫀 it can give you physical stuff too", "GAD isn't just in your head"),
    ],
)
def test_an_emoji_in_place_of_a_full_stop_still_ends_the_sentence(text, first):
    spans = split_claims(text)
    assert len(spans) == 2 and spans[0].text.startswith(first) and "🙌" not in spans[1].text


def test_html_entities_are_read_decoded_and_spans_keep_the_pasted_characters():
    """X's API and scrapers hand over "&amp;" and "&#39;"; the ";" is not a clause joint."""
    text = "don&#39;t stop your meds &amp; drink water. it&#39;s fine to ask your GP &lt;3"
    spans = split_claims(text)
    assert [s.text for s in spans] == ["don&#39;t stop your meds &amp; drink water.", "it&#39;s fine to ask your GP"]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert [(s.checkable, s.reason) for s in spans] == [
        (s.checkable, s.reason) for s in split_claims("don't stop your meds & drink water. it's fine to ask your GP <3")
    ]
    assert plain_decoded("don&#39;t &amp; then") == "don't & then"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Unpopular opinion: PTSD can happen to anyone, even kids", "PTSD can happen to anyone, even kids"),
        ("PSA you can stop your sertraline any day you like", "you can stop your sertraline any day you like"),
        ("Reminder that addiction is not a phase", "addiction is not a phase"),
        ("stop your meds once you feel better, trust me", "stop your meds once you feel better"),
        ("CBT works for anxiety ngl", "CBT works for anxiety"),
        ("Tip: drink plenty of water on lithium 100%", "drink plenty of water on lithium"),
    ],
)
def test_framing_and_closing_asides_are_not_part_of_the_claim(text, claim):
    """On dev with "Fun fact: "-style openings 45 of 418 labels moved ("Fun fact: never ask someone ... if
    they're thinking of killing themselves" stopped reading as advice); with closing asides 25 moved."""
    (span,) = split_claims(text)
    assert span.text == claim and span.checkable


def test_chat_spellings_are_read_written_out():
    """The models were trained on written English: "u r", "w/" and "dont" are read as the words they stand for."""
    assert spelled_out("ask ur GP, u r not alone w/ this bc ppl care") == (
        "ask your GP, you are not alone with this because people care"
    )
    assert spelled_out("never drink while ur on benzos, its not safe") == (
        "never drink while you're on benzos, it's not safe"
    )
    assert spelled_out("dont stop, im ok on its own") == "don't stop, I'm ok on its own"
    assert spelled_out("Surely you know your own mind") == "Surely you know your own mind"  # nothing to write out
    assert spelled_out("stop takin ur meds w/o tellin anyone, nothin' happens") == (
        "stop taking your meds without telling anyone, nothing happens"
    )
    assert spelled_out("begin within insulin serotonin vitamin") == "begin within insulin serotonin vitamin"
    assert spelled_out("sooo goood, neverrr stop, tooo much") == "so good, never stop, too much"
    assert plain_reading("if ur pregnant dont drink") == "if you're pregnant don't drink"
    (advice,) = split_claims("u can ask work for reasonable adjustments for ADHD")
    assert advice.reason == REASON_ADVICE  # the classifier reads it written out too
    assert len(split_claims("stable on my meds for a year but im not coming off them unless my GP says")) == 2


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Is it true that St John's wort won't affect the pill?", "St John's wort won't affect the pill"),
        ("is it true you can stop antidepressants when better", "you can stop antidepressants when better"),
        ("Is it a myth that antidepressants are addictive?", "antidepressants are addictive"),
        ("True or false: antidepressants are addictive", "antidepressants are addictive"),
    ],
)
def test_asking_whether_a_claim_is_true_checks_the_claim(text, claim):
    """What claimcheck is for: on dev asked as "Is it true that ...?", 123 of 418 labels moved (accuracy 0.59 ->
    0.32), every such post set aside as a question."""
    (span,) = split_claims(text)
    assert span.text == claim and span.checkable
    assert not split_claims("Is it true that?")[0].checkable  # nothing asked about


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Did you know antidepressants are addictive?", "antidepressants are addictive"),
        ("did u know that you can stop sertraline any time?", "you can stop sertraline any time"),
        ("Didn't you know lithium needs blood tests??", "lithium needs blood tests"),
        ("sertraline makes you put on weight?", "sertraline makes you put on weight"),
        ("so St John's wort is fine with the pill? 😂", "St John's wort is fine with the pill"),
        ('My GP said "you can stop sertraline once you feel better"', "you can stop sertraline once you feel better"),
        ('my mum always says "a drink helps you sleep".', "a drink helps you sleep"),
    ],
)
def test_a_claim_asked_about_or_quoted_is_the_claim_checked(text, claim):
    """On dev so typed, labels moved from the text as written: "Did you know X?" 89 of 418 (every post set
    aside as a question), "X?" 68, 'My GP said "X"' 35; after, 16, 18 and 15."""
    span = split_claims(text)[0]
    assert span.text == claim and span.checkable


@pytest.mark.parametrize(
    "text",
    [
        "Not a doctor but you can stop sertraline once you feel better",
        "I'm no expert, but you can stop sertraline once you feel better",
        "not medical advice but you can stop sertraline once you feel better",
        "you can stop sertraline once you feel better (source: NHS website)",
        "you can stop sertraline once you feel better - source: my GP",
        "you can stop sertraline once you feel better, according to the NHS",
    ],
)
def test_a_disclaimer_or_a_source_around_a_claim_is_not_part_of_it(text):
    """On dev so written, labels moved from the text as written: "Not a doctor but X" 38 of 418 (four harmful
    posts supported), "X (source: NHS website)" 34; after, 0 and 3."""
    (span,) = split_claims(text)
    assert span.text == "you can stop sertraline once you feel better" and span.checkable


def test_a_disclaimer_word_inside_a_claim_stays():
    assert split_claims("No doctor would prescribe benzos long term")[0].text == (
        "No doctor would prescribe benzos long term"
    )
    assert split_claims("exercise helps, never mind what people say")[0].text == (
        "exercise helps, never mind what people say"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Did you know about the new NHS app?",
        "do you know if sertraline makes you tired?",
        "do antidepressants show up on a drug test?",
        "what helped you sleep after coming off zopiclone?",
        "sertraline or citalopram for anxiety?",
        "anyone tried sertraline?",
    ],
)
def test_questions_that_ask_stay_questions(text):
    (span,) = split_claims(text)
    assert span.text == text and not span.checkable and span.reason == REASON_QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "Someone in my group said you can stop antidepressants once you feel better",
        "Saw a post saying you can stop antidepressants once you feel better",
        "I read online that you can stop antidepressants once you feel better",
    ],
)
def test_hearsay_in_front_of_a_claim_is_trimmed(text):
    """On dev so introduced, 26 labels moved and three harmful posts came out supported."""
    (span,) = split_claims(text)
    assert span.text == "you can stop antidepressants once you feel better" and span.reason == REASON_ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "stop your meds once you feel better - my GP",
        "stop your meds once you feel better (my nurse told me this)",
        "stop your meds once you feel better, according to my psychiatrist",
        "stop your meds once you feel better -- my aunt, who is a pharmacist",
    ],
)
def test_who_said_it_after_the_claim_is_not_part_of_it(text):
    """On dev so signed, 53 of 418 labels moved and supported precision fell from 0.95 to 0.90."""
    (span,) = split_claims(text)
    assert span.text == "stop your meds once you feel better"
    assert split_claims("never stop without asking my GP")[0].text == "never stop without asking my GP"


def test_an_emoji_that_stands_for_a_word_is_read_as_it():
    (span,) = split_claims("its fine to drink 🍺 on antidepressants")
    assert plain_reading(span.text) == "it's fine to drink beer on antidepressants"
    assert plain_reading("stop ur 💊 when u feel better") == "stop your pills when you feel better"
    assert len(split_claims("feel so much better now 😴 goodnight all")) == 2  # still a full stop here
