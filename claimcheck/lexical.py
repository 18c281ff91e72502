"""Shared lexical normalisation: content-word stems with informal words mapped to the pages' words."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a an the and or but if then so to of in on at for by with from as is are was were be been being it its
    this that these those you your yours i me my we our they them their he she his her him there here what which
    who whom when where why how all any each some such can could may might will would shall should must do does
    did done have has had having just really very also only even still about into over after before up down out
    off again than too s t ll re ve d m get got getting go going make makes made lot lots thing things people
    person someone anyone everyone usually often sometimes important way ways one ones like well
    dont doesnt didnt wont wouldnt shouldnt isnt arent wasnt werent hasnt havent hadnt cant cannot not no
    never nothing none without nor neither avoid once""".split()
)
# Informal words people use, mapped to the words health pages use.
SYNONYMS = {
    "meds": "medicine",
    "med": "medicine",
    "medication": "medicine",
    "medications": "medicine",
    "medicines": "medicine",
    "pills": "medicine",
    "pill": "medicine",
    "tablets": "medicine",
    "tablet": "medicine",
    "drugs": "drug",
    "gp": "doctor",
    "doc": "doctor",
    "doctors": "doctor",
    "physician": "doctor",
    "psychiatrist": "doctor",
    "quit": "stop",
    "quitting": "stop",
    "discontinue": "stop",
    "ditch": "stop",
    "booze": "alcohol",
    "drinking": "alcohol",
    "drink": "alcohol",
    "drinks": "alcohol",
    "weed": "cannabis",
    "marijuana": "cannabis",
    "pot": "cannabis",
    "ssri": "antidepressant",
    "ssris": "antidepressant",
    "antidepressants": "antidepressant",
    "counselling": "therapy",
    "counseling": "therapy",
    "therapist": "therapy",
    "talking": "therapy",
    "workout": "exercise",
    "exercising": "exercise",
    "gym": "exercise",
    "kids": "children",
    "kid": "child",
}


@lru_cache(maxsize=1)
def stemmer():  # noqa: ANN202 - PyStemmer object
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with apostrophes dropped ("don't" -> "dont")."""
    return [w.replace("'", "") for w in WORD.findall(text.lower().replace("\u2019", "'"))]


def content_stems(text: str, exclude: frozenset[str] = frozenset()) -> set[str]:
    """Stems of the words that carry meaning, for overlap between a claim and a sentence."""
    return set(bm25_tokens(text, exclude))


def bm25_tokens(text: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    """Terms for BM25, the same at index and query time: content stems, informal words mapped."""
    stem = stemmer().stemWord
    return [stem(SYNONYMS.get(t, t)) for t in tokens(text) if t not in STOPWORDS and t not in exclude and len(t) > 1]
