"""Quotes fit to be read: glued words split at display, near-duplicate and fragment quotes dropped.

Only the human renderings use this; `Evidence.quote` stays exactly `document.text[start:end]` in JSON.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from claimcheck.models import Document, Evidence
from claimcheck.regex_cache import cached_compile, save_compiled

# A quote this short ("panic disorder", "sertraline") cannot carry a verdict when a longer one is there.
MIN_WORDS = 4
# The shortest parts a glued word is split into ('Usingcaffeine'): shorter ones split compounds ('homeless',
# 'overnight', 'stillbirth', 'undertaken').
MIN_LEFT, MIN_RIGHT = 5, 6
_PREFIXES = frozenset({"under", "after", "inter", "super", "multi", "counter", "cross", "other"})
# ... and it is split only when it is rare in the corpus and both parts are common there.
GLUED_MAX, PART_MIN = 2, 20

# Words that captures glue onto a phone number or a 988 link: "Lifelineat988", "text1-800-985-5990".
_NUMBER_LEAD = ("at", "text", "call", "chat")

# words a capture glues onto a site name: 'theFindTreatment.gov', 'visitFindTreatment.gov'
_DOMAIN_LEAD = frozenset({"the", "use", "visit", "at", "or", "and", "to", "contact", "see", "call", "chat"})
_WORD = cached_compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# lowercase then a capitalised word: "Usingcaffeine" is not caught, "useSAMHSA" neither; "theFindTreatment" is.
_LOWER_UPPER = cached_compile(r"(?<=[a-z])(?=[A-Z][a-z]|[A-Z]{2,}(?![a-z]))")
_CAPITAL_WORD = cached_compile(r"[A-Z][a-z]+|[A-Z]{2,}(?![a-z])")
# a sentence end with no space after it: "exercise.A 30-minute", "988lifeline.org.The Lifeline"
_DOT_CAPITAL = cached_compile(r"(?<=[a-z0-9)])\.(?=[A-Z])")
# letters directly before a digit: "Lifelineat988", "at988lifeline.org", "Call1-800"
_LETTERS_DIGIT = cached_compile(r"(?<![A-Za-z])([A-Za-z]+)(?=\d)")


# The vocabulary of the shipped snapshot, counted once when the snapshot is built (`write_vocabulary`):
# counting it at display time cost a tenth of a second of every `check`'s cold start.
VOCABULARY_FILE = "vocabulary.json.gz"


def count_words(texts: Iterable[str]) -> dict[str, int]:
    """How often each word (lower-cased, possessive 's dropped) occurs in `texts`."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text):
            counts[re.sub(r"['\u2019]s$", "", word).lower()] += 1
    return {w: n for w, n in sorted(counts.items()) if len(w) > 1 or w in ("a", "i")}


def write_vocabulary(docs: Iterable[Document], path: Path) -> None:
    """Store the snapshot's word counts beside it (byte-stable: sorted keys, no gzip timestamp)."""
    body = json.dumps(count_words(d.text for d in docs), ensure_ascii=False, separators=(",", ":")).encode()
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(body)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    """How often each word occurs in the shipped corpus snapshot: the stored counts, else counted now."""
    stored = Path(__file__).parent / "data" / VOCABULARY_FILE
    try:
        with gzip.open(stored, "rb") as f:
            return json.loads(f.read())
    except (OSError, ValueError):
        pass
    from claimcheck.corpus import CorpusError, read_snapshot

    try:
        return count_words(d.text for d in read_snapshot())
    except CorpusError:
        return {}


def _known(word: str, words: dict[str, int]) -> bool:
    return word.lower() in words


def _split_lower_upper(token: str, words: dict[str, int]) -> str:
    """'theFindTreatment.gov' -> 'the FindTreatment.gov', 'SAMHSA’sBehavioral' -> 'SAMHSA’s Behavioral', but
    'MedlinePlus', 'PubMed', 'iTunes' and 'OxyContin' stay: both sides must be words that stand alone."""
    if "/" in token or token.lower().startswith("www."):
        return token
    domain = re.search(r"[A-Za-z]\.(?:gov|org|com|net|uk|edu)\b", token) is not None
    out, last = [], 0
    for m in _LOWER_UPPER.finditer(token):
        i = m.start()
        left = _WORD.findall(token[last:i])
        right = _CAPITAL_WORD.match(token, i)
        if not left or right is None:
            continue
        lw, rw = left[-1], right.group()
        lw_base = re.sub(r"['\u2019]s$", "", lw)
        run = _WORD.match(token, i)
        # 'TheNAMI': an acronym after a known word; 'thePubMed': a camel-case name the corpus has standing alone
        right_known = rw.isupper() or _known(rw, words) or (run is not None and _known(run.group(), words))
        if domain and lw_base.lower() not in _DOMAIN_LEAD:  # 'HealTorture.org' is one name
            continue
        if len(lw_base) < 2 or not _known(lw_base, words) or not right_known:
            continue
        out.append(token[last:i])
        last = i
    out.append(token[last:])
    return " ".join(out)


def _split_two_words(token: str, words: dict[str, int]) -> str:
    """'Usingcaffeine' -> 'Using caffeine': a word the corpus never has standing alone that is exactly two words
    it does have, long enough (MIN_LEFT, MIN_RIGHT), in only one way."""
    m = re.fullmatch(r"([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)", token)
    if not words or m is None or len(m.group(2)) < MIN_LEFT + MIN_RIGHT or words.get(m.group(2).lower(), 0) > GLUED_MAX:
        return token
    word = m.group(2)
    if not word[1:].islower():
        return token
    cuts = [
        i for i in range(MIN_LEFT, len(word) - MIN_RIGHT + 1)
        if words.get(word[:i].lower(), 0) >= PART_MIN and words.get(word[i:].lower(), 0) >= PART_MIN
    ]
    if len(cuts) != 1 or word[: cuts[0]].lower() in _PREFIXES:
        return token
    return f"{m.group(1)}{word[:cuts[0]]} {word[cuts[0]:]}{m.group(3)}"


def _split_letters_digit(token: str, words: dict[str, int]) -> str:
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
        token = " ".join(_split_two_words(t, words) for t in token.split(" "))
        out.append(token)
    return " ".join(out)


@lru_cache(maxsize=16384)
def display_quote(text: str) -> str:
    """A quote as a person reads it: glued words split, runs of whitespace made one space (remembered: the
    same corpus sentences are shown again and again, and splitting glued words is the slow part)."""
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


save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
