"""Stance of an evidence sentence towards a claim: entails, contradicts or neutral.

The `StanceScorer` protocol is what the verdict step needs. The default is `EnsembleScorer`:
claimcheck's trained cross-encoder (`claimcheck.stance_model`) averaged with `PolarityBaseline`, a
transparent heuristic that combines
the embedding relevance of the pair, how much of the claim's content the sentence covers, and whether
the two disagree in negation or by an antonym ("stop" vs "do not stop", "safe" vs "dangerous").
It is conservative by design: without strong topical overlap it stays neutral.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from claimcheck.lexical import content_stems, tokens
from claimcheck.models import StanceScores

if TYPE_CHECKING:
    from claimcheck.stance_model import OnnxStanceScorer


class StanceScorer(Protocol):
    model_id: str
    # False where the scorer ignores `relevance`, so callers can skip computing it.
    uses_relevance: bool
    # Verdict thresholds chosen on dev data for this scorer; empty means the `Thresholds` defaults.
    thresholds: Mapping[str, float]

    def score(self, pairs: Sequence[tuple[str, str]], relevance: Sequence[float] | None = None) -> list[StanceScores]:
        """Score (claim, evidence) pairs; `relevance` is the retrieval cosine where known."""
        ...


NEGATORS = frozenset(
    "not no never nothing none nobody neither nor without cannot cant dont doesnt didnt wont wouldnt shouldnt "
    "isnt arent wasnt werent hasnt havent hadnt mustnt neednt avoid pointless useless myth nonsense".split()
)
# Two-word cues that negate a statement as surely as "not" does.
NEG_PHRASES = frozenset({("no", "need"), ("waste", "of")})
NEG_SCOPE = 3  # content words a negation cue governs
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


Clause = tuple[set[str], list[set[str]]]


def _clauses(text: str) -> list[Clause]:
    """Per clause: its content stems, and for each negation cue the stems it governs.

    A cue governs the next few content words of its clause ("do not stop taking" -> stop, take),
    so "that is not improving" does not flip a claim about exercise and mild depression.
    """
    out: list[Clause] = []
    for clause in _CLAUSE.split(text.lower()):
        toks = tokens(clause)
        stems = content_stems(clause, exclude=NEGATORS)
        scopes: list[set[str]] = []
        for i, tok in enumerate(toks):
            two_word = i + 1 < len(toks) and (tok, toks[i + 1]) in NEG_PHRASES
            if tok in NEGATORS or two_word:
                following = " ".join(toks[i + (2 if two_word else 1) :])
                scopes.append(set(list(_ordered_stems(following))[:NEG_SCOPE]))
        if stems or scopes:
            out.append((stems, scopes))
    return out


def _ordered_stems(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for tok in tokens(text):
        for stem in content_stems(tok, exclude=NEGATORS):
            seen.setdefault(stem)
    return list(seen)


def _polarity(clauses: list[Clause], other: set[str]) -> int:
    """Parity of the negations that govern something the other text also talks about."""
    return sum(1 for _, scopes in clauses for scope in scopes if scope & other) % 2


def _antonym_clash(claim: set[str], evidence: set[str]) -> bool:
    return any((a & claim and b & evidence) or (b & claim and a & evidence) for a, b in ANTONYMS)


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


class PolarityBaseline:
    """Lexical-polarity stance heuristic (no training data, no model beyond the retrieval cosine)."""

    model_id = "lexical-polarity-baseline-v2"
    uses_relevance = True
    thresholds: Mapping[str, float] = {}  # the `Thresholds` defaults were tuned for this scorer

    def __init__(self, rel_floor: float = 0.35, rel_span: float = 0.4, idf: Mapping[str, float] | None = None) -> None:
        self.rel_floor = rel_floor
        self.rel_span = rel_span
        # Rare words carry the claim ("exercise" in "exercise helps mild depression"); with corpus IDF
        # weights, a sentence about talking therapy no longer covers that claim by sharing "mild depression".
        self.idf = dict(idf or {})
        self._unknown = max(self.idf.values(), default=1.0)

    def _weight(self, stems: set[str]) -> float:
        return sum(self.idf.get(s, self._unknown) for s in stems) if self.idf else float(len(stems))

    def score_one(self, claim: str, evidence: str, relevance: float) -> StanceScores:
        c_clauses, e_clauses = _clauses(claim), _clauses(evidence)
        c_set = set().union(*(c for c, _ in c_clauses)) if c_clauses else set()
        e_set = set().union(*(e for e, _ in e_clauses)) if e_clauses else set()
        if not c_set or not e_set:
            return StanceScores(entail=0.0, contradict=0.0, neutral=1.0)
        shared = c_set & e_set
        coverage = self._weight(shared) / self._weight(c_set)
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


class EnsembleScorer:
    """The trained cross-encoder averaged with the lexical baseline: the default stance scorer.

    Why both: on the project's informal claims the model alone misses advice that a page contradicts by
    prohibition rather than by negation ("just stop taking them" against "do not stop taking
    antidepressants suddenly" came out 0.99 neutral), which the baseline's negation scope catches; the
    model catches paraphrase and contradictions without a negation word, which the baseline cannot. The
    mean was chosen on dev data (scripts/tune_thresholds.py), with its own thresholds and number of
    sentences per claim, both kept in the model card.
    """

    uses_relevance = True

    def __init__(self, model: OnnxStanceScorer, baseline: PolarityBaseline, weight: float | None = None) -> None:
        self.model = model
        self.baseline = baseline
        self.weight = float(self.policy.get("weight", 0.5)) if weight is None else weight
        self.model_id = f"{model.model_id}+{baseline.model_id}"

    @property
    def policy(self) -> dict:
        """The verdict policy chosen on dev for this mix (weight, candidates, thresholds, calibration)."""
        return dict(self.model.policies.get("ensemble") or {})

    @property
    def thresholds(self) -> Mapping[str, float]:
        return dict((self.model.card.get("ensemble") or {}).get("thresholds") or {})

    @property
    def candidates(self) -> int | None:
        """How many retrieved sentences per claim the thresholds were tuned with (fewer was better on dev)."""
        return (self.model.card.get("ensemble") or {}).get("candidates")

    def score(self, pairs: Sequence[tuple[str, str]], relevance: Sequence[float] | None = None) -> list[StanceScores]:
        w = self.weight
        out = []
        for m, b in zip(self.model.score(pairs), self.baseline.score(pairs, relevance), strict=True):
            e, c = w * m.entail + (1 - w) * b.entail, w * m.contradict + (1 - w) * b.contradict
            out.append(StanceScores(entail=round(e, 4), contradict=round(c, 4), neutral=round(1 - e - c, 4)))
        return out


def load_stance_scorer(name: str | None = None, idf: Mapping[str, float] | None = None) -> StanceScorer:
    """The configured stance scorer: `name`, else `CLAIMCHECK_STANCE`, else the default ensemble.

    "baseline" selects the lexical heuristic alone, "model" the shipped cross-encoder alone; anything else
    names an exported cross-encoder folder (see `claimcheck.stance_model.resolve_stance_dir`), used alone.
    """
    name = name or os.environ.get("CLAIMCHECK_STANCE") or None
    if name in (PolarityBaseline.model_id, "baseline"):
        return PolarityBaseline(idf=idf)
    from claimcheck.stance_model import OnnxStanceScorer, resolve_stance_dir

    if name in (None, "ensemble"):
        return EnsembleScorer(OnnxStanceScorer(resolve_stance_dir()), PolarityBaseline(idf=idf))
    return OnnxStanceScorer(resolve_stance_dir(None if name == "model" else name))
