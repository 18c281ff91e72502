"""Quotes fit to be read: glued words split at display only, repeats and fragments left out, no split words."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimcheck.models import Evidence, StanceScores
from claimcheck.quotes import display_quote, distinct_quotes

FLAGSHIP = "once you feel better on antidepressants just stop taking them"


def _sentence(docs, needle: str) -> str:
    """The real snapshot sentence (the line around `needle`) that carries a glued word."""
    for doc in docs:
        at = doc.text.find(needle)
        if at >= 0:
            start = doc.text.rfind("\n", 0, at) + 1
            end = doc.text.find("\n", at)
            return doc.text[start : end if end >= 0 else len(doc.text)]
    pytest.fail(f"the snapshot no longer has {needle!r}")


@pytest.mark.parametrize(
    ("needle", "fixed", "gone"),
    [
        ("Usingcaffeine, other", "Using caffeine, other", "Usingcaffeine"),
        ("Lifelineat988", "Lifeline at 988", "Lifelineat988"),
        ("regular exercise.A", "regular exercise. A", "exercise.A"),
        ("chat at988lifeline.org", "chat at 988lifeline.org", "at988"),
        ("theFindTreatment.gov", "the FindTreatment.gov", "theFindTreatment"),
        ("SAMHSA\u2019sBehavioral", "SAMHSA\u2019s Behavioral", "sBehavioral"),
        ("Call or text1-800-985-5990", "Call or text 1-800-985-5990", "text1-800"),
        ("TheNAMI", "The NAMI", "TheNAMI"),
    ],
)
def test_glued_words_in_real_sentences_are_split_at_display(snapshot_docs, needle, fixed, gone):
    sentence = _sentence(snapshot_docs, needle)
    shown = display_quote(sentence)
    assert fixed in shown and gone not in shown
    # nothing but spaces is added: the words are the same
    assert shown.replace(" ", "") == "".join(sentence.split())


@pytest.mark.parametrize(
    "name", ["MedlinePlus", "PubMed", "OxyContin", "iTunes", "www.ClinicalTrials.gov", "HealTorture.org", "homeless",
             "overnight", "stillbirth", "underactive"],
)
def test_names_and_compounds_stay_whole(snapshot_docs, name):
    sentence = _sentence(snapshot_docs, name)
    assert name in display_quote(sentence)


def _ev(quote: str, heading: str = "h") -> Evidence:
    return Evidence(
        quote=quote, url="https://www.nhs.uk/x/", title="T", publisher="NHS", source_id="nhs", licence="OGL",
        heading=heading, start=0, end=len(quote), retrieval_score=0.01, relevance=0.5,
        stance=StanceScores(entail=0.1, contradict=0.1, neutral=0.8),
    )


def test_repeats_collapsed_first_kept():
    a = _ev("It's important that you do not stop taking antidepressants suddenly.", "first")
    b = _ev("It\u2019s important that you  do not stop taking\nantidepressants suddenly", "second")
    c = _ev("IT'S IMPORTANT THAT YOU DO NOT STOP TAKING ANTIDEPRESSANTS SUDDENLY!", "third")
    d = _ev("A course of treatment usually lasts for at least 6 months.")
    assert distinct_quotes([a, b, c, d]) == [a, d]


def test_fragments_left_out_when_a_sentence_is_there():
    frag, drug = _ev("panic disorder"), _ev("sertraline")
    full = _ev("Panic disorder is treated with talking therapies and medicines.")
    assert distinct_quotes([frag, full, drug]) == [full]
    assert distinct_quotes([frag, drug]) == [frag, drug]  # nothing better: keep them
    assert distinct_quotes([frag, full], keep_first=True) == [frag, full]  # the first is cited above


def _cli(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    res = subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True, env=env,
                         timeout=120)
    if res.returncode == 1 and "index" in res.stderr:
        pytest.skip("no default index here")
    assert res.returncode == 0, res.stderr
    return res


@pytest.mark.slow
def test_terminal_lines_fit_80_columns_and_quotes_read_well():
    claims = [FLAGSHIP, "caffeine makes anxiety worse", "St John's wort is safe to take with the contraceptive pill",
              "exercise helps depression"]
    out = "".join(_cli("check", c).stdout for c in claims)
    for line in out.splitlines():
        if len(line) > 80:
            assert line.strip().startswith("https://") and " " not in line.strip(), line
    assert "Using caffeine" in out and "Usingcaffeine" not in out
    assert "\u203a Coming off antidepressants" in out  # the heading travels with its quote
    quotes = [line.strip() for line in out.splitlines() if line.strip().startswith("\u201c")]
    assert len(quotes) == len(set(quotes))


@pytest.mark.slow
def test_json_keeps_the_verbatim_quote(snapshot_docs):
    by_url = {d.url: d for d in snapshot_docs}
    data = json.loads(_cli("check", "caffeine makes anxiety worse", "--format", "json").stdout)
    evidence = [ev for claim in data["claims"] for ev in claim["evidence"]]
    assert any("Usingcaffeine" in ev["quote"] for ev in evidence)  # the display fix never reaches JSON
    for ev in evidence:
        assert ev["quote"] == by_url[ev["url"]].text[ev["start"] : ev["end"]]


def test_shipped_vocabulary_is_the_snapshots_word_counts(snapshot_docs, tmp_path):
    """The display reads stored counts (cold start); they must be exactly what the snapshot holds."""
    from pathlib import Path

    import claimcheck
    from claimcheck.quotes import VOCABULARY_FILE, count_words, vocabulary, write_vocabulary

    shipped = Path(claimcheck.__file__).parent / "data" / VOCABULARY_FILE
    assert vocabulary() == count_words(d.text for d in snapshot_docs)
    rebuilt = tmp_path / VOCABULARY_FILE
    write_vocabulary(snapshot_docs, rebuilt)
    assert rebuilt.read_bytes() == shipped.read_bytes(), "rebuild the snapshot (scripts/build_snapshot.py)"
