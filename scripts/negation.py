"""Rule-based negation of plain-English health sentences, for training data and the negation test.

Why rules: no generator model is available offline, and health pages state advice in a few regular
shapes ("do not stop ...", "X is safe", "Talk to your GP ..."), so flipping the first auxiliary, the
first imperative or one antonym turns most sentences into their opposite. Sentences the rules cannot
flip safely (hedged "may"/"might" claims, questions, sentences led by "if"/"when" whose first verb
sits in the condition) return None rather than a doubtful rewrite.
"""

from __future__ import annotations

import re

# Removing a negation: first match wins. "do not stop" -> "stop" reads better than "do stop".
_UNNEGATE = [
    (r"\bdo not\s+", ""),
    (r"\bdon['\u2019]t\s+", ""),
    (r"\bdoes not\b", "does"),
    (r"\bdoesn['\u2019]t\b", "does"),
    (r"\bdid not\b", "did"),
    (r"\bdidn['\u2019]t\b", "did"),
    (r"\bis not\b", "is"),
    (r"\bisn['\u2019]t\b", "is"),
    (r"\bare not\b", "are"),
    (r"\baren['\u2019]t\b", "are"),
    (r"\bwas not\b", "was"),
    (r"\bwere not\b", "were"),
    (r"\bcannot\b", "can"),
    (r"\bcan['\u2019]t\b", "can"),
    (r"\bshould not\b", "should"),
    (r"\bshouldn['\u2019]t\b", "should"),
    (r"\bwill not\b", "will"),
    (r"\bwon['\u2019]t\b", "will"),
    (r"\bmust not\b", "must"),
    (r"\bhas not\b", "has"),
    (r"\bhave not\b", "have"),
    (r"\bnever\b", "always"),
    (r"\bno longer\b", "still"),
]
# Adding a negation to the first auxiliary.
_NEGATE_AUX = [
    (r"\b(is|are|was|were|can|should|will|must|does|do|has|have)\b(?! not\b)", None),
]
_AUX_NEG = {"can": "cannot", "do": "do not", "does": "does not"}
_SUBORDINATE = re.compile(r"^(if|when|unless|although|though|while|because|as|once|after|before)\b", re.I)
_HEDGES = re.compile(r"\b(may|might|could|possibly|perhaps|some people|sometimes)\b", re.I)
IMPERATIVES = frozenset(
    "talk try see speak take keep get call ask tell make go stop eat drink exercise use contact visit "
    "find join let avoid give check look read write plan think remember share book seek stay follow help "
    "encourage learn limit cut drink".split()
)
ANTONYMS = [
    ("increases", "decreases"),
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("higher", "lower"),
    ("better", "worse"),
    ("safe", "unsafe"),
    ("common", "rare"),
    ("effective", "ineffective"),
    ("always", "never"),
    ("gradually", "suddenly"),
    ("helpful", "harmful"),
    ("improve", "worsen"),
    ("improves", "worsens"),
    ("reduce", "increase"),
    ("reduces", "increases"),
    ("easier", "harder"),
    ("likely", "unlikely"),
    ("possible", "impossible"),
]
_SWAP = dict(ANTONYMS) | {b: a for a, b in ANTONYMS}


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _tidy(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


def negate(sentence: str) -> str | None:
    """The sentence with its main polarity flipped, or None when no rule applies safely."""
    s = sentence.strip()
    if not s or s.endswith("?") or len(s.split()) < 4 or _HEDGES.search(s) or _SUBORDINATE.match(s):
        return None
    for pattern, repl in _UNNEGATE:
        m = re.search(pattern, s, re.I)
        if m:
            out = s[: m.start()] + _match_case(repl, m.group(0)) + s[m.end() :]
            return _tidy(out)
    first = re.match(r"([A-Za-z]+)\b", s)
    if first and first.group(1).lower() in IMPERATIVES:
        return "Do not " + s[0].lower() + s[1:]
    m = re.search(_NEGATE_AUX[0][0], s, re.I)
    if m and m.start() < 80:
        word = m.group(1)
        neg = _AUX_NEG.get(word.lower(), word.lower() + " not")
        return _tidy(s[: m.start()] + _match_case(neg, word) + s[m.end() :])
    for m in re.finditer(r"[A-Za-z]+", s):
        swap = _SWAP.get(m.group(0).lower())
        if swap:
            return _tidy(s[: m.start()] + _match_case(swap, m.group(0)) + s[m.end() :])
    return None
