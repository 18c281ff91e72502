"""Misspelt health words are read as the sources spell them, and nothing else is "corrected"."""

from __future__ import annotations

import pytest

from claimcheck.claims import plain_reading
from claimcheck.spelling import mended


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("stop your antidepressents once you feel better", "stop your antidepressants once you feel better"),
        ("my GP said lithum needs blood tests", "my GP said lithium needs blood tests"),
        ("Perscribed diazepam is fine with wine", "Prescribed diazepam is fine with wine"),
        ("sertraline withdrawl is overblown", "sertraline withdrawal is overblown"),
        ("ask your docter about seratonin", "ask your doctor about serotonin"),
        ("xanex and beer are fine together", "xanax and beer are fine together"),
    ],
)
def test_a_misspelt_health_word_is_read_as_the_pages_spell_it(typed, read):
    """On the dev split with one such slip a post, 55 of 418 labels moved; read mended, 16."""
    assert mended(typed) == read


@pytest.mark.parametrize(
    "text",
    [
        "got my bloods done and tapered off slowly",  # a form of a known word, not a slip
        "stayed in Builth Wells with my Nan",  # a name inside a sentence
        "la sertralina me hizo sentir mejor que nada",  # another language's words are not slips
        "definately recieve",  # everyday misspellings that are frequent words in their own right
        "see https://www.nhs.uk/depresion for more",  # a link stays as typed
        "starve halving weeping forearm topping",  # English words the pages do not use
        "my kipping and smoko",  # no page word one slip away with the same first letter and length enough
    ],
)
def test_words_nobody_misspelt_are_left_alone(text):
    assert mended(text) == text


def test_the_models_read_the_mended_spelling():
    assert plain_reading("dont stop ur antidepressents, withdrawl is real") == (
        "don't stop your antidepressants, withdrawal is real"
    )


def test_a_misspelt_claim_gets_the_verdict_of_the_spelt_one(checker):
    spelt = checker.check("It's fine to stop taking antidepressants suddenly once you feel better.")
    typed = checker.check("Its fine to stop takin antidepressents suddenly once you feel better.")
    (a,), (b,) = spelt.claims, typed.claims
    assert a.label == "contradicted"
    assert (b.label, b.harmful_family) == (a.label, a.harmful_family)
    assert [e.quote for e in b.evidence] == [e.quote for e in a.evidence]
