"""Chat spellings read as the words they stand for ("u r", "w/", "dont", "ppl").

The claim bank's text-speak is a small part of it, and the models were trained on written English: on the dev
split retyped in text-speak ("you" as "u", "with" as "w/"...) 25 of 418 labels moved, and with apostrophes
left out ("dont", "theyre") 26 moved, a harmful post coming out supported each time. The claim classifier, the
models and the harmful rules read `spelled_out(text)`; the splitter keeps the pasted characters, so nothing
here needs offsets. Only spellings that stand for one word are listed ("were", "ill", "well" and "id" are
words of their own, "2" and "4" are numbers more often than not); "ur" and "its" are read by the word after
them. Dropped g's, letters held for emphasis and emoji that stand for a word are read too, and misspelt health
words are mended last (`claimcheck.spelling`).
"""

from __future__ import annotations

import re

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.spelling import mended

__all__ = ["WORD_EMOJI", "known_spellings", "spelled_out"]

_WORDS = {
    "u": "you", "ya": "you", "r": "are", "ppl": "people", "bc": "because", "b/c": "because", "cos": "because",
    "coz": "because", "cuz": "because", "bcos": "because", "bcuz": "because", "w/": "with", "w/o": "without",
    "rly": "really", "smth": "something", "sth": "something", "pls": "please", "plz": "please", "tho": "though",
    "thru": "through", "prolly": "probably", "b4": "before", "abt": "about", "def": "definitely",
    "defo": "definitely", "obv": "obviously", "obvs": "obviously", "esp": "especially", "ofc": "of course",
    "srsly": "seriously", "gonna": "going to", "wanna": "want to", "gotta": "got to", "kinda": "kind of",
    "sorta": "sort of", "dunno": "don't know", "idk": "I don't know", "wat": "what", "wot": "what",
    "govt": "government", "hrs": "hours", "mins": "minutes", "wks": "weeks", "yrs": "years", "dr": "doctor",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
    "couldnt": "couldn't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "cant": "can't",
    "wont": "won't", "aint": "ain't", "im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've",
    "youll": "you'll", "theyre": "they're", "theyve": "they've", "thats": "that's", "whats": "what's",
    "theres": "there's", "shes": "she's", "hes": "he's", "theyll": "they'll", "itll": "it'll",
    "thatll": "that'll", "wouldve": "would've", "shouldve": "should've", "couldve": "could've",
}  # fmt: skip

# "ur" is "your" before a noun ("ur meds") and "you're" before most else ("ur on benzos", "ur pregnant"); "its"
# is "it's" before these words and "-ing" ("its not", "its caused by") and stays "its" before a noun.
_IS_NEXT = frozenset(
    """on not in at a an the so too just still already really probably literally actually always never only
    pregnant fine ok okay better worse sick ill depressed anxious sad tired allowed supposed meant gonna off over
    under with without from like right wrong safe addicted dependent young old able done weak lazy good bad lucky
    stuck alone being going doing mostly caused called normal common rare one all still basically been got
    important worth true false real easy hard possible likely more less no totally completely definitely
    perfectly""".split()
)

# Dropped g's ("takin'", "feelin"): with the apostrophe any word; without it, these verbs only ("begin", "within",
# "insulin" and "serotonin" end in -in too). On dev so typed, 21 of 418 labels moved.
_DROPPED_G = frozenset(
    """tak go do feel tell say try gett mak look think talk work sleep drink smok eat stopp start com mix us hav
    liv wait runn cry struggl cop quitt skipp miss ask call see keep putt sitt noth someth anyth everyth taper
    doubl pay buy los hurt cutt spend"""
    .split()
)
# Letters held for emphasis ("sooo", "neverrr", "reallyyy"): one letter when that makes one of these words,
# else two ("goood" is "good", not "god").
_HELD = cached_compile(r"\b[A-Za-z]*([A-Za-z])\1{2,}[A-Za-z]*\b")
_HELD_RUN = cached_compile(r"([A-Za-z])\1{2,}")
_HELD_WORDS = frozenset(
    """so no never always totally really very please yes yeah yep nope omg wow love hate bad sad mad much stop help
    fine sure ok what why""".split()
)


def _trie(words: list[str]) -> str:
    """An alternation of `words` as a prefix tree, so the engine tries one branch per letter, not every word."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 and not ends else "(?:" + "|".join(parts) + ")"
        return body + "?" if ends else body

    return emit(tree)


# The spellings above, "ur", "its" and the dropped-g verbs, found in one pass (a prefix tree: the engine tries
# one branch per letter at each position instead of every spelling); each match is looked up in `_word`.
_SPELLINGS = frozenset({*_WORDS, "ur", "its", *(stem + "in" for stem in _DROPPED_G)})
_SPEAK = cached_compile(
    r"(?<![\w'’/])"
    + _trie(sorted(_SPELLINGS))
    + r"(?![\w'’/])",
    re.IGNORECASE,
)
_G_APOSTROPHE = cached_compile(r"(?<![\w'’/])([A-Za-z]{2,}in)['’](?![\w'’/])")
_NEXT_WORD = cached_compile(r"\s+([A-Za-z]+)")


def _word(m: re.Match[str]) -> str:
    word = m.group()
    low = word.lower()
    found = _WORDS.get(low)
    if found is not None:
        return found
    if low in ("ur", "its"):
        after = _NEXT_WORD.match(m.string, m.end())
        nxt = after.group(1).lower() if after else ""
        if nxt in _IS_NEXT or nxt.endswith("ing"):
            return "it's" if low == "its" else "you're"
        return word if low == "its" else "your"
    return word + "g"  # a dropped-g verb: the only other thing `_SPEAK` matches


# Emoji that stand for a word ("stop ur 💊 when u feel better", "xanax + 🍷 is fine"): the models read the word.
WORD_EMOJI = {
    "💊": "pills", "💉": "injection", "🍷": "wine", "🍺": "beer", "🍻": "beers", "🥃": "whisky", "🍸": "cocktail",
    "🍹": "cocktail", "🍾": "champagne", "🚬": "cigarette", "☕": "coffee", "🍃": "weed", "🍄": "mushrooms",
    "😴": "sleep", "💤": "sleep", "🏥": "hospital", "🚑": "ambulance", "🧘": "meditation", "🏃": "running",
}  # fmt: skip
_WORD_EMOJI = cached_compile("(?:" + "|".join(WORD_EMOJI) + ")\ufe0f?")


def _held(m: re.Match[str]) -> str:
    one = _HELD_RUN.sub(r"\1", m.group())
    return one if one.lower() in _HELD_WORDS else _HELD_RUN.sub(r"\1\1", m.group())


def known_spellings() -> frozenset[str]:
    """The chat spellings read here (lower case), so the spelling mender leaves them to `spelled_out`."""
    return _SPELLINGS


def spelled_out(text: str) -> str:
    """`text` with chat spellings and misspelt health words written out; other text comes back as it was."""
    if _HELD_RUN.search(text):
        text = _HELD.sub(_held, text)
    if not text.isascii():
        text = _WORD_EMOJI.sub(lambda m: f" {WORD_EMOJI[m.group()[0]]} ", text)
    if "in'" in text or "in’" in text:
        text = _G_APOSTROPHE.sub(r"\1g", text)
    return mended(_SPEAK.sub(_word, text))


save_compiled()
