"""Quotes fit to be read: glued words split at display, near-duplicate and fragment quotes dropped.

Only the human renderings use this; `Evidence.quote` stays exactly `document.text[start:end]` in JSON.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from claimcheck.models import Evidence

# A quote this short ("panic disorder", "sertraline") cannot carry a verdict when a longer one is there.
MIN_WORDS = 4

# Words that captures glue onto a phone number or a 988 link: "Lifelineat988", "text1-800-985-5990".
_NUMBER_LEAD = ("at", "text", "call", "chat")

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# lowercase then a capitalised word: "Usingcaffeine" is not caught, "useSAMHSA" neither; "theFindTreatment" is.
_LOWER_UPPER = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[a-z]['\u2019]s)(?=[A-Z])")
# a sentence end with no space after it: "exercise.A 30-minute", "988lifeline.org.The Lifeline"
_DOT_CAPITAL = re.compile(r"(?<=[a-z0-9)])\.(?=[A-Z])")
# letters directly before a digit: "Lifelineat988", "at988lifeline.org", "Call1-800"
_LETTERS_DIGIT = re.compile(r"(?<![A-Za-z])([A-Za-z]+)(?=\d)")


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Lower-cased words that stand alone (between spaces) at least twice in the shipped corpus snapshot."""
    from claimcheck.corpus import CorpusError, read_snapshot

    try:
        docs = read_snapshot()
    except CorpusError:
        return frozenset()
    counts: Counter[str] = Counter()
    for doc in docs:
        for token in doc.text.split():
            word = token.strip(".,;:!?()[]\"'\u201c\u201d\u2018\u2019-\u2013\u2014")
            if word.isalpha():
                counts[word.lower()] += 1
    return frozenset(w for w, n in counts.items() if n >= 2 and (len(w) > 1 or w in ("a", "i")))


def _known(word: str, words: frozenset[str]) -> bool:
    return word.lower() in words


def _split_lower_upper(token: str, words: frozenset[str]) -> str:
    """'theFindTreatment.gov' -> 'the FindTreatment.gov', 'SAMHSA’sBehavioral' -> 'SAMHSA’s Behavioral', but
    'MedlinePlus', 'PubMed', 'iTunes' and 'OxyContin' stay: both sides must be words that stand alone."""
    if "/" in token or token.lower().startswith("www."):
        return token
    out, last = [], 0
    for m in _LOWER_UPPER.finditer(token):
        i = m.start()
        left = _WORD.findall(token[last:i])
        right = _WORD.match(token, i)
        if not left or right is None:
            continue
        lw, rw = left[-1], right.group()
        lw_base = re.sub(r"['\u2019]s$", "", lw)
        if len(lw_base) < 2 or not _known(lw_base, words) or not _known(rw, words):
            continue
        out.append(token[last:i])
        last = i
    out.append(token[last:])
    return " ".join(out)


def _split_letters_digit(token: str, words: frozenset[str]) -> str:
    """'Lifelineat988' -> 'Lifeline at 988', 'text1-800-985-5990' -> 'text 1-800-985-5990'."""

    def fix(m: re.Match[str]) -> str:
        letters = m.group(1)
        low = letters.lower()
        if low in _NUMBER_LEAD:
            return letters + " "
        for lead in _NUMBER_LEAD:
            if low.endswith(lead) and _known(letters[: -len(lead)], words) and len(letters) > len(lead) + 2:
                return f"{letters[: -len(lead)]} {letters[-len(lead):]} "
        return letters

    return _LETTERS_DIGIT.sub(fix, token)


def _split_dot_capital(token: str) -> str:
    """'exercise.A' -> 'exercise. A'; a domain ('www.ClinicalTrials.gov') stays whole."""
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return token

    def fix(m: re.Match[str]) -> str:
        rest = token[m.end():]
        # 'ClinicalTrials.gov': what follows is itself a domain, so the dot is part of it
        if re.match(r"[A-Za-z]+\.(?:gov|org|com|net|uk|edu|nhs)\b", rest):
            return "."
        return ". "

    return _DOT_CAPITAL.sub(fix, token)


def unglue(text: str) -> str:
    """`text` with words the page captures glued together split again (display only, never for offsets)."""
    words = vocabulary()
    out = []
    for token in text.split(" "):
        if not token:
            out.append(token)
            continue
        token = _split_letters_digit(token, words)
        token = " ".join(_split_dot_capital(t) for t in token.split(" "))
        token = " ".join(_split_lower_upper(t, words) for t in token.split(" "))
        out.append(token)
    return " ".join(out)


def display_quote(text: str) -> str:
    """A quote as a person reads it: glued words split, runs of whitespace made one space."""
    return " ".join(unglue(" ".join(text.split())).split())


def _key(text: str) -> str:
    """What two near-identical quotes share: the words, whatever their case, spacing and punctuation."""
    folded = unicodedata.normalize("NFKC", display_quote(text)).casefold()
    return " ".join(re.findall(r"\w+", folded))


def word_count(text: str) -> int:
    return len(display_quote(text).split())


def distinct_quotes(evidence: Sequence[Evidence], keep_first: bool = False) -> list[Evidence]:
    """The quotes worth showing, in order: exact and near-exact repeats dropped (the first kept), and quotes of
    fewer than MIN_WORDS words dropped when a longer one is there. `keep_first`: the first is always kept (a
    plain-language line above cites it)."""
    seen: set[str] = set()
    unique: list[Evidence] = []
    for i, ev in enumerate(evidence):
        key = _key(ev.quote)
        if key in seen and not (keep_first and i == 0):
            continue
        seen.add(key)
        unique.append(ev)
    if any(word_count(ev.quote) >= MIN_WORDS for ev in unique):
        unique = [
            ev for i, ev in enumerate(unique)
            if word_count(ev.quote) >= MIN_WORDS or (keep_first and i == 0 and ev is evidence[0])
        ]
    return unique
