"""Plain-language verdicts: words for confidence, why the quote decides, a next step, honest unverified wording."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimcheck import cli, plain
from claimcheck.batch import read_export
from claimcheck.batch.report import render
from claimcheck.batch.run import run_batch
from claimcheck.cli import app
from claimcheck.models import ClaimVerdict, Evidence, StanceScores
from claimcheck.next_steps import FAMILY_STEPS, next_step
from claimcheck.render import print_claim
from claimcheck.safety.harmful import FAMILIES
from claimcheck.safety.messaging import UNVERIFIED_NOTE
from claimcheck.verdict import RELATED_NOTE, RELATED_RELEVANCE

runner = CliRunner()
FLAGSHIP = "once you feel better on antidepressants just stop taking them"
ADVICE = [
    FLAGSHIP,
    "Exercise can help with mild depression.",
    "Eating three bananas a day stops panic attacks forever.",
    "Drinking alcohol helps you sleep better.",
    "Cognitive behavioural therapy can help with anxiety.",
]
JARGON = ("entails", "contradicts", "relevance")


def flat(text: str) -> str:
    """Terminal text with its line wrapping undone, so assertions do not depend on where lines break."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def check80(small_index, monkeypatch):
    """`claimcheck check` at 80 columns on the small index; returns stdout."""

    def run(*args: str) -> str:
        monkeypatch.setattr(cli, "out", Console(width=80, soft_wrap=False, color_system=None))
        res = runner.invoke(app, ["check", *args, "--index", str(small_index), "--country", "GB"],
                            env={"COLUMNS": "80"})
        assert res.exit_code == 0, res.stderr
        return res.stdout

    return run


def test_no_score_jargon_without_verbose(check80):
    text = check80(" ".join(ADVICE))
    assert not any(word in text for word in JARGON)
    assert "confidence 0." not in text and "Next step: " in text


def test_verbose_shows_the_scores(check80):
    text = check80(FLAGSHIP, "--verbose")
    assert all(word in text for word in JARGON)


def test_flagship_in_plain_words(check80):
    text = flat(check80(FLAGSHIP))
    assert "CONTRADICTED" in text and "harmful advice pattern" in text
    assert re.search(r"this verdict is (very likely right|likely right|uncertain|doubtful) \(0\.\d\d\)", text)
    assert re.search(r"(NHS|NIMH)[\w ]* says? the opposite: \u201c", text)
    assert "Next step: " + FAMILY_STEPS["stop_medication"] in text
    assert UNVERIFIED_NOTE not in text


def test_not_a_claim_is_not_called_unverified(check80):
    text = flat(check80("https://www.nhs.uk/mental-health/ thanks everyone. please call 999 or Samaritans 116 123"))
    assert text.count("NOT A CLAIM") == 2
    assert "No trusted source found" not in text and "UNVERIFIED" not in text


def _ev(relevance: float) -> Evidence:
    return Evidence(
        quote="St John's wort can interact with the contraceptive pill, reducing its effectiveness.",
        url="https://www.nhs.uk/x", title="Treatment", publisher="NHS", source_id="nhs", licence="OGL",
        start=0, end=10, retrieval_score=0.1, relevance=relevance,
        stance=StanceScores(entail=0.2, contradict=0.1, neutral=0.7),
    )


def _unverified(relevance: float) -> ClaimVerdict:
    from claimcheck.verdict import Thresholds, decide

    return decide("St John's wort is fine with the pill.", [_ev(relevance)], Thresholds(), None)


def _terminal(verdict: ClaimVerdict, verbose: bool = False) -> str:
    console = Console(record=True, width=80, force_terminal=True, color_system="truecolor")
    print_claim(verdict, console, verbose=verbose, country="GB")
    return console.export_text(styles=False)


def test_related_sources_are_shown_and_not_called_missing():
    v = _unverified(RELATED_RELEVANCE + 0.05)
    assert v.label == "unverified" and v.reason.startswith(RELATED_NOTE)
    text = flat(_terminal(v))
    assert RELATED_NOTE in text and "What trusted sources say (they do not settle it):" in text
    assert "No trusted source found" not in text and "contraceptive pill" in text
    assert "\u2713" not in text and "\u2714" not in text


def test_silent_sources_keep_the_caution_and_show_the_nearest_sentences_as_such():
    """Informal wording often sits far from the sentence that settles it, so the nearest sentences are shown,
    under a heading that says they may not be about the claim."""
    v = _unverified(RELATED_RELEVANCE - 0.1)
    assert v.reason.startswith(UNVERIFIED_NOTE)
    text = flat(_terminal(v))
    assert UNVERIFIED_NOTE in text and plain.CLOSEST_HEADING in text and "contraceptive pill" in text
    assert "What trusted sources say" not in text


def test_unverified_is_never_green():
    console = Console(record=True, width=80, force_terminal=True, color_system="truecolor")
    print_claim(_unverified(0.9), console)
    styled = console.export_html(inline_styles=True)
    assert "#00ff00" not in styled.lower() and "#008000" not in styled.lower()


@pytest.mark.parametrize(
    ("confidence", "words"),
    [(0.95, "very likely right"), (0.9, "very likely right"), (0.75, "likely right"), (0.55, "uncertain"),
     (0.23, "doubtful")],
)
def test_confidence_words(confidence, words):
    assert plain.confidence_words(confidence) == f"{words} ({confidence:.2f})"


def test_every_harmful_family_has_a_next_step_with_the_right_emergency_number():
    assert {f.id for f in FAMILIES} <= set(FAMILY_STEPS)
    v = ClaimVerdict(text="no need for A&E after an overdose", checkable=True, label="contradicted",
                     confidence=0.9, reason="r", harmful=True, harmful_family="skip_emergency")
    assert "call 999 or go to A&E" in next_step(v, "GB")
    assert "call 911" in next_step(v, "US") and "999" not in next_step(v, "US")
    plain_v = v.model_copy(update={"harmful": False, "harmful_family": None})
    assert next_step(plain_v) and next_step(plain_v.model_copy(update={"label": "not_checkable"})) == ""


def test_html_and_markdown_reports_carry_the_plain_line_and_next_step(checker, crisis_chat):
    result = run_batch(read_export([crisis_chat()]), checker, country="GB")
    page = render(result, "html")
    assert re.search(r"<p class='why'>(NHS|NIMH)[\w ]* says? the opposite: \u201c", page)
    assert "<b>Next step:</b> " + FAMILY_STEPS["stop_medication"].replace("'", "&#x27;") in page
    assert re.search(r"this verdict is (very likely right|likely right|uncertain|doubtful) \(0\.\d\d\)", page)
    md = render(result, "md")
    assert "**Next step:** Talk to your GP" in md and "says the opposite" in md
