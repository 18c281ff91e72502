"""Stance of an evidence sentence towards a claim: entails, contradicts or neutral.

The `StanceScorer` protocol is what the verdict step needs. Until the trained cross-encoder of the
stance issue ships, the default is `PolarityBaseline`: an honest, transparent heuristic that combines
the embedding relevance of the pair, how much of the claim's content the sentence covers, and whether
the two disagree in negation or by an antonym ("stop" vs "do not stop", "safe" vs "dangerous").
It is conservative by design: without strong topical overlap it stays neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from claimcheck.lexical import content_stems, tokens
from claimcheck.models import StanceScores


class StanceScorer(Protocol):
    model_id: str

    def score(self, pairs: Sequence[tuple[str, str]], relevance: Sequence[float] | None = None) -> list[StanceScores]:
        """Score (claim, evidence) pairs; `relevance` is the retrieval cosine where known."""
        ...


NEGATORS = frozenset(
    "not no never nothing none nobody neither nor without cannot cant dont doesnt didnt wont wouldnt shouldnt "
    "isnt arent wasnt werent hasnt havent hadnt mustnt neednt avoid pointless useless myth nonsense".split()
)
# Two-word cues that negate a statement as surely as "not" does.
NEG_PHRASES = frozenset({("no", "need"), ("waste", "of")})
ANTONYMS = [
    ({"stop"}, {"continu", "keep"}),
    ({"safe", "harmless"}, {"danger", "unsaf", "harm", "riski", "risk", "seriou"}),
    ({"increas", "rais", "more", "higher", "worsen", "wors"}, {"decreas", "reduc", "lower", "less", "fewer", "improv"}),
    ({"alway"}, {"never", "rare", "rarely"}),
    ({"effect", "work"}, {"ineffect"}),
    ({"sudden", "abrupt", "immedi", "straight"}, {"gradual", "slowli"}),
    ({"cure"}, {"manag", "treat", "control"}),
    ({"permanent", "forev"}, {"temporari", "short"}),
    ({"best", "most"}, {"worst", "least"}),
    ({"help", "benefit", "boost"}, {"harm", "hurt"}),
]


_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\b(?:but|although|though|however|whereas|while|unless|because)\b")


def _clauses(text: str) -> list[tuple[set[str], int]]:
    """Per clause: its content stems and how many negation cues it holds."""
    out = []
    for clause in _CLAUSE.split(text.lower()):
        toks = tokens(clause)
        negs = sum(1 for t in toks if t in NEGATORS)
        negs += sum(1 for a, b in zip(toks, toks[1:], strict=False) if (a, b) in NEG_PHRASES)
        stems = content_stems(clause, exclude=NEGATORS)
        if stems or negs:
            out.append((stems, negs))
    return out


def _polarity(clauses: list[tuple[set[str], int]], other: set[str]) -> int:
    """Negation parity over the clauses that talk about what the other text talks about."""
    return sum(n for stems, n in clauses if stems & other) % 2


def _antonym_clash(claim: set[str], evidence: set[str]) -> bool:
    return any((a & claim and b & evidence) or (b & claim and a & evidence) for a, b in ANTONYMS)


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


class PolarityBaseline:
    """Lexical-polarity stance heuristic (no training data, no model beyond the retrieval cosine)."""

    model_id = "lexical-polarity-baseline-v1"

    def __init__(self, rel_floor: float = 0.35, rel_span: float = 0.4) -> None:
        self.rel_floor = rel_floor
        self.rel_span = rel_span

    def score_one(self, claim: str, evidence: str, relevance: float) -> StanceScores:
        c_clauses, e_clauses = _clauses(claim), _clauses(evidence)
        c_set = set().union(*(c for c, _ in c_clauses)) if c_clauses else set()
        e_set = set().union(*(e for e, _ in e_clauses)) if e_clauses else set()
        if not c_set or not e_set:
            return StanceScores(entail=0.0, contradict=0.0, neutral=1.0)
        shared = c_set & e_set
        coverage = len(shared) / len(c_set)
        topical = _clamp((relevance - self.rel_floor) / self.rel_span)
        match = topical * _clamp((coverage - 0.15) / 0.5)
        flipped = _polarity(c_clauses, e_set) != _polarity(e_clauses, c_set)
        clash = bool(shared) and (flipped or _antonym_clash(c_set - e_set, e_set - c_set))
        if clash:
            contradict, entail = 0.95 * match, 0.02 * match
        else:
            entail, contradict = 0.9 * match, 0.02 * match
        return StanceScores(
            entail=round(entail, 4), contradict=round(contradict, 4), neutral=round(1 - entail - contradict, 4)
        )

    def score(self, pairs: Sequence[tuple[str, str]], relevance: Sequence[float] | None = None) -> list[StanceScores]:
        rel = list(relevance) if relevance is not None else [1.0] * len(pairs)
        return [self.score_one(c, e, r) for (c, e), r in zip(pairs, rel, strict=True)]


def load_stance_scorer(name: str | None = None) -> StanceScorer:
    """The configured stance scorer; only the baseline exists until the trained model ships."""
    if name in (None, "", PolarityBaseline.model_id, "baseline"):
        return PolarityBaseline()
    from claimcheck.errors import ModelError

    raise ModelError(f"unknown stance model {name!r}: use {PolarityBaseline.model_id!r}")
