"""Misspelt health words read as the sources spell them ("antidepressents", "lithum", "perscribed").

Posts are typed fast: on the dev split with one misspelling a post (a common one such as "withdrawl" where the
post has one, else a slipped letter in a longer word) 55 of 418 labels moved, 34 right ones lost, because the
embedder and the stance model read "lithum" as pieces of a word they do not know; read mended, 16 moved. A
word is mended only when nobody could mean it as written: it is not in the snapshot's vocabulary, among the
80,000 most frequent English words (`scripts/build_english_words.py`), a form of one ("bloods") or a chat
spelling; it is one slip (a letter dropped, added, changed or two swapped, the first letter kept) from a word
the snapshot uses, the most frequent such word winning; five letters or more, six unless the word it becomes
is a medicine or health word ("xanex"). A capitalised word inside a sentence is a name, and text with the
function words of another language is not English. So a drug or slang word the pages never use is left as it
is, and nothing is mended towards a word that would not help retrieval.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from claimcheck.regex_cache import cached_compile, save_compiled

__all__ = ["mended"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SENTENCE_START = ("", ".", "!", "?", ":", '"', "“")
# a word of letters only: not part of a URL, a handle, a hyphenated or apostrophised word
_CANDIDATE = cached_compile(r"(?<![\w'’@#/.-])[A-Za-z][a-z]{4,}(?![\w'’@/-]|\.\w)")


# Function words of the other languages people post in that English never uses: two of them and the text is not
# English ("la sertralina me hizo sentir mejor", "ich nehme Sertralin und").
_FOREIGN = cached_compile(
    r"(?<![\w'’])(?:que|el|los|las|una|por|pero|porque|muy|estoy|tengo|je|j'ai|les|des|une|est|pour|avec|mes|dans|qui"
    r"|ich|und|das|ist|nicht|mein|meine|ein|eine|mit|der|dem|auch|wir|nao|não|uma|com|meu|minha|voce|você|muito"
    r"|che|gli|della|sono|mio|ik|een|niet|het|maar|ook|de|la|le|il|di|del|du|et)(?![\w'’])",
    re.IGNORECASE,
)


@cache
def _targets() -> tuple[dict[str, int], frozenset[str]]:
    """The words mended towards (the snapshot's and the medicine names, with counts), and the medicine and
    health words among them (which five-letter slips may become)."""
    from claimcheck.claims import HEALTH_WORDS
    from claimcheck.quotes import vocabulary

    targets = {w: n for w, n in vocabulary().items() if w.isalpha() and len(w) >= 5}
    for w in HEALTH_WORDS:  # medicine names the pages may not use ("seroquil" is Seroquel all the same)
        if w.isalpha() and len(w) >= 5:
            targets.setdefault(w, 1)
    return targets, frozenset(w for w in HEALTH_WORDS if w in targets)


@cache
def _known() -> frozenset[str]:
    """Every word left alone as written; read only for a word one slip from a target (cold start: most posts
    have none, and the list costs a few tens of milliseconds)."""
    from claimcheck.quotes import vocabulary
    from claimcheck.textspeak import known_spellings

    raw = gzip.decompress((Path(__file__).parent / "data" / "english_words.txt.gz").read_bytes()).decode()
    english = frozenset(w for w in raw.split() if w.isalpha())  # the "#" header's words are English anyway
    return english | frozenset(vocabulary()) | known_spellings()


def _one_slip(word: str) -> set[str]:
    """Every string one letter dropped, swapped with the next, changed or added away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = [a + b[1:] for a, b in splits if b]
    swapped = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    changed = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    added = [a + c + b for a, b in splits for c in _LETTERS]
    return set(dropped + swapped + changed + added)


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "y")


def _inflected(low: str, known: frozenset[str]) -> bool:
    """Whether `low` is a known word with an ending ("bloods", "tapered"): a form the lists miss, not a slip."""
    for end in _ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[: -len(end)]
            if stem in known or stem + "e" in known:
                return True
    return False


# What each word read so far mends to (None: nothing); a plain dict, looked up for every word of every claim.
_SEEN: dict[str, str | None] = {}
_SEEN_MAX = 65_536


def _mended_word(low: str) -> str | None:
    """The snapshot's word one slip from lower-case `low` (the most frequent, same first letter), if `low` is
    no word in its own right; five-letter words only towards a medicine or health word ("xanex")."""
    targets, health = _targets()
    if low in targets:
        return None
    near = [w for w in _one_slip(low) if w in targets and w[0] == low[0] and (len(low) >= 6 or w in health)]
    if not near:
        return None
    known = _known()
    if low in known or _inflected(low, known):
        return None
    return max(near, key=lambda w: (targets[w], w))


def _reading(low: str) -> str | None:
    """`_mended_word(low)`, remembered in `_SEEN`."""
    if low not in _SEEN:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN[low] = _mended_word(low)
    return _SEEN[low]


def _mend(m: re.Match[str]) -> str:
    word = m.group()
    if word[0].isupper() and m.string[max(0, m.start() - 12) : m.start()].rstrip()[-1:] not in _SENTENCE_START:
        return word  # a capital inside a sentence: a name ("Builth Wells"), not a slip
    best = _reading(word.lower())
    if best is None:
        return word
    return best.capitalize() if word[0].isupper() else best


def mended(text: str) -> str:
    """`text` with misspelt words the snapshot knows written as it spells them; other text as it was.

    Text in another language is left alone: its words are not slips ("mejor" is not "major")."""
    if all(_reading(word.lower()) is None for word in _CANDIDATE.findall(text)):
        return text  # no word to mend: most texts stop here
    if len(_FOREIGN.findall(text)) >= 2:
        return text
    return _CANDIDATE.sub(_mend, text)


save_compiled()
