"""Chat spellings read as the words they stand for ("u r", "w/", "dont", "ppl").

The claim bank's text-speak is a small part of it, and the models were trained on written English: on the dev
split retyped in text-speak ("you" as "u", "with" as "w/"...) 25 of 418 labels moved, and with apostrophes
left out ("dont", "theyre") 26 moved, a harmful post coming out supported each time. The classifier and the
models read `spelled_out(text)`; the splitter keeps the pasted characters, so nothing here needs offsets.
Only spellings that stand for one word are listed: "its", "were", "ill", "well" and "cant"/"wont" as nouns
are ordinary words, and "2"/"4" are numbers more often than not.
"""

from __future__ import annotations

import re

from claimcheck.regex_cache import cached_compile, save_compiled

__all__ = ["spelled_out"]

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

_SPEAK = cached_compile(
    r"(?<![\w'’/])(?:"
    + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))
    + r"|(?P<word>ur|its)(?:\s+(?P<next>[a-z]+))?)(?![\w'’/])",
    re.IGNORECASE,
)


def _spell(m: re.Match[str]) -> str:
    if m.group("word") is None:
        return _WORDS[m.group().lower()]
    word, after = m.group("word"), m.group("next")
    its = word.lower() == "its"
    if after is None:
        return word if its else "your"
    low = after.lower()
    if low in _IS_NEXT or low.endswith("ing"):
        return ("it's " if its else "you're ") + after
    return (word if its else "your") + " " + after


def spelled_out(text: str) -> str:
    """`text` with chat spellings written out; text with none comes back as it was."""
    return _SPEAK.sub(_spell, text)


save_compiled()
