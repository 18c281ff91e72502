"""Turn scored evidence into a verdict: supported, contradicted or unverified, with the deciding quotes.

Precision first: a wrong "contradicted" on sound advice and a wrong "supported" on a myth are the costly
errors, while an honest "unverified" that shows what the sources say costs little. So a label is given only
where its score clears a threshold chosen on dev data for precision of at least 0.9, and `confidence` is the
probability that the label is right, read off a calibration table fitted on dev (`scripts/tune_verdicts.py`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimcheck.claims import count_words
from claimcheck.models import ClaimVerdict, Evidence
from claimcheck.quotes import distinct_quotes
from claimcheck.safety.messaging import UNVERIFIED_NOTE
from claimcheck.subjects import about_another, in_context

# An unverified claim whose trusted sentences include one at least this close to it (retrieval cosine of the
# shipped MiniLM embedder, `Evidence.relevance`) is "related but not settled"; below it the sources are silent.
# 0.65 sits between on-topic sentences that fail to decide (St John's wort and the pill: 0.70; stopping
# antidepressants: 0.72-0.73) and same-area sentences that do not address the claim (a panic attack's length
# for "bananas stop panic attacks": 0.59; a Samaritans number for an admin's "call 116 123": 0.57). The
# stance baseline ramps topicality over 0.35-0.75, so 0.65 is also well inside its "on topic" range.
RELATED_RELEVANCE = 0.65
# What an unverified claim says when trusted sentences are on its topic: a source was found, so "no trusted
# source found" would be untrue, but the caution about safety stays.
RELATED_NOTE = "Trusted sources cover this but do not settle it: this does not mean it is safe."

# Per label: ascending score cut points and the probability that the label is right from each cut on.
Calibration = Mapping[str, tuple[tuple[float, ...], tuple[float, ...]]]


@dataclass(frozen=True)
class Thresholds:
    """The verdict policy: score thresholds per label, how conflicts resolve, and the calibration table.

    `entail` / `contradict` are the minimum scores for *supported* / *contradicted*. A sentence votes for
    the label its larger probability names; when both labels have a sentence above its threshold the
    sources (or the model) disagree and the claim stays unverified (`conflict="abstain"`), or the
    contradiction wins (`"contradict"`). Without a calibration table `confidence` is the raw score.
    """

    entail: float = 0.6
    contradict: float = 0.2
    max_evidence: int = 3
    conflict: str = "contradict"
    calibration: Calibration = field(default_factory=dict)
    # A contradicting sentence must also contradict when the pair is read the other way round (0: not asked):
    # paraphrases misread as contradictions rarely survive the swap, true contradictions usually do.
    contradict_reverse: float = 0.0
    # Advice the harmful-advice guard flags is contradicted at this (lower) bar: such advice is rarely sound,
    # and calling it unverified would hide the trusted sentence that says not to do it.
    contradict_harmful: float = 1.0
    # A label whose calibrated probability of being right is below this is not given (the claim stays
    # unverified, its quotes shown): a "supported ... doubtful" verdict helps nobody. Fixed, not tuned; it acts
    # only where the dev calibration table has a sparse low bin.
    min_confidence: float = 0.5

    @classmethod
    def from_card(cls, card: Mapping[str, Any]) -> Thresholds:
        """Thresholds from one entry of a model folder's verdict_policy.json (written by scripts/tune_verdicts.py)."""
        cal = {
            label: (tuple(float(x) for x in t["cuts"]), tuple(float(x) for x in t["probability"]))
            for label, t in (card.get("calibration") or {}).items()
        }
        return cls(
            entail=float(card.get("entail", cls.entail)),
            contradict=float(card.get("contradict", cls.contradict)),
            conflict=str(card.get("conflict", "contradict")),
            calibration=cal,
            contradict_reverse=float(card.get("contradict_reverse", 0.0)),
            contradict_harmful=float(card.get("contradict_harmful", 1.0)),
        )

    def confident(self, label: str, score: float) -> bool:
        """Whether `label` at `score` is likely enough right to be given (always, without a calibration table)."""
        return label not in self.calibration or self.calibrated(label, score) >= self.min_confidence

    def calibrated(self, label: str, score: float) -> float:
        """P(label is right | score) from the dev-fitted table; the score itself when there is none."""
        table = self.calibration.get(label)
        if not table:
            return score
        cuts, probs = table
        i = bisect.bisect_right(cuts, score) - 1
        return probs[max(i, 0)]


def related(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The sentences close enough to the claim to show as "what trusted sources say" (RELATED_RELEVANCE)."""
    return [e for e in evidence if e.relevance >= RELATED_RELEVANCE]


# A sentence of fewer words than this cannot vote: 7% of indexed sentences are fragments such as list items
# ("trembling", "hiking") or link text ("Check Your Drinking."), which state nothing on their own; one once
# "supported" the advice "get your folks checked early" (entail 0.57). They are still shown for context.
MIN_VOTE_WORDS = 4


def says_enough(quote: str) -> bool:
    """Whether a sentence says enough on its own to decide a claim: MIN_VOTE_WORDS words, and a statement (a
    question asserts nothing: "Do you need help with your mental health?" once supported "Do what you need to")."""
    return count_words(quote) >= MIN_VOTE_WORDS and not quote.rstrip().endswith("?")


# "Depression is just sadness" was supported (entail 0.9) by "Depression is more than just feeling blue or sad.":
# the model reads the shared words and misses that "more than just" denies the "just". A claim that plays
# something down ("just", "only", "merely", not itself negated) cannot be supported by a sentence that says it is
# more than that; the sentence is still shown.
_PLAYS_DOWN = re.compile(
    r"(?<!\bnot )(?<!nt )(?<!n't )(?<!n’t )(?<!\bno )\b(?:just|only|simply|merely|purely|nothing but)\b", re.IGNORECASE
)
_SAYS_MORE = re.compile(
    r"\bmore than (?:just|only|simply|merely)\b|\b(?:is|are|'s)? ?not (?:just|only|simply|merely)\b"
    r"|n[’']t (?:just|only|simply|merely)\b",
    re.IGNORECASE,
)


def more_than_that(claim: str, quote: str) -> bool:
    """Whether `quote` says something is more than the `claim` plays it down to (so it cannot support it)."""
    return bool(_PLAYS_DOWN.search(claim)) and bool(_SAYS_MORE.search(quote))


def may_vote(claim: str, title: str, heading: str | None, quote: str) -> bool:
    """Whether a trusted sentence may vote on `claim`: it says enough on its own (`says_enough`) and is not about
    another medicine or substance than the claim names. `tune_verdicts.py` asks the same of its cached sentences."""
    return says_enough(quote) and not about_another(claim, in_context(title, heading, quote))


def reading(claim: str, lead: str | None) -> str:
    """The text the stance model reads for a claim scored together with the sentence before it (`lead`)."""
    return f"{lead} {claim}" if lead else claim


def read_against(evidence: Evidence, claim: str, lead: str | None) -> str:
    """The text `evidence` was scored against: the joined `reading` when it was scored `with_previous`."""
    return reading(claim, lead) if evidence.with_previous else claim


def votes(
    evidence: Sequence[Evidence], reverse_min: float = 0.0, claim: str = "", lead: str | None = None
) -> tuple[list[Evidence], list[Evidence]]:
    """Sentences that lean towards entailment and towards contradiction, strongest first.

    A sentence votes for the label its larger probability names, so "entail 0.63, contradict 0.33" is a
    supporting sentence, never a contradicting one. With `reverse_min`, a contradicting sentence whose
    reversed reading was computed must contradict at least that much that way round too. Fragments and
    questions never vote (`says_enough`), nor a sentence about another medicine or substance than the text it
    was read against names (the `claim`, or with `lead` before it for evidence scored `with_previous`).
    """
    voters = [e for e in evidence if may_vote(read_against(e, claim, lead), e.title, e.heading, e.quote)]
    pro = sorted(
        (
            e
            for e in voters
            if e.stance.entail > e.stance.contradict and not more_than_that(read_against(e, claim, lead), e.quote)
        ),
        key=lambda e: -e.stance.entail,
    )
    con = sorted(
        (
            e
            for e in voters
            if e.stance.contradict >= e.stance.entail
            and (reverse_min <= 0 or e.reverse is None or e.reverse.contradict >= reverse_min)
        ),
        key=lambda e: -e.stance.contradict,
    )
    return pro, con


def _once(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Each sentence once, at its strongest reading (a claim's sentences may be scored with and without `lead`)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for e in evidence:
        if (e.url, e.start) not in seen:
            seen.add((e.url, e.start))
            out.append(e)
    return out


def _read_with(chosen: Sequence[Evidence]) -> str:
    """Says so when the deciding sentence was scored with the claim read after the sentence before it."""
    return " (read together with the sentence before it)" if chosen and chosen[0].with_previous else ""


def decide(
    claim: str,
    evidence: Sequence[Evidence],
    thresholds: Thresholds,
    allowed_sources: frozenset[str] | None = None,
    harmful_family: str | None = None,
    context: Sequence[Evidence] = (),
    lead: str | None = None,
) -> ClaimVerdict:
    """Apply the verdict rule.

    - contradicted: a trusted sentence contradicts the claim with a score above the threshold (a lower one,
      `contradict_harmful`, for advice the harmful-advice guard flags);
    - supported: an allow-listed sentence entails it above the threshold and the claim is not harmful
      advice (harmful advice is never called supported);
    - both at once: the sources disagree, so unverified unless the policy lets contradiction win;
    - unverified: otherwise, with the closest trusted sentences shown so the reader can judge.
    Retrieval similarity alone never decides: only stance probabilities do. `context` sentences (scored
    further down the retrieval order) never vote: an unverified claim shows them beside the voting ones.
    Evidence scored `with_previous` (the claim read after `lead`, the sentence before it) votes like the rest.
    """
    trusted = [e for e in evidence if allowed_sources is None or e.source_id in allowed_sources]
    harmful = harmful_family is not None
    # The two-way check guards sound advice against misread paraphrases; flagged harmful advice skips it.
    pro, con = votes(trusted, 0.0 if harmful else thresholds.contradict_reverse, claim, lead)
    top_e = pro[0].stance.entail if pro else 0.0
    top_c = con[0].stance.contradict if con else 0.0
    n = thresholds.max_evidence
    flags = {"harmful": harmful, "harmful_family": harmful_family}
    bar = min(thresholds.contradict, thresholds.contradict_harmful) if harmful else thresholds.contradict
    says_no = top_c >= bar and thresholds.confident("contradicted", top_c)
    says_yes = top_e >= thresholds.entail and thresholds.confident("supported", top_e)
    conflict = says_no and says_yes
    if says_no and (not conflict or thresholds.conflict == "contradict"):
        chosen = [e for e in con if e.stance.contradict >= bar][:n]
        return ClaimVerdict(
            text=claim,
            checkable=True,
            label="contradicted",
            confidence=round(thresholds.calibrated("contradicted", top_c), 4),
            reason=f"{len(chosen)} trusted sentence(s) contradict this claim",
            evidence=tuple(chosen),
            **flags,
        )
    if says_yes and not conflict and not harmful:
        chosen = _once([e for e in pro if e.stance.entail >= thresholds.entail])[:n]
        return ClaimVerdict(
            text=claim,
            checkable=True,
            label="supported",
            confidence=round(thresholds.calibrated("supported", top_e), 4),
            reason=f"{len(chosen)} trusted sentence(s) support this claim{_read_with(chosen)} and none contradicts it",
            evidence=tuple(chosen),
            **flags,
        )
    shown = [*trusted, *(e for e in context if allowed_sources is None or e.source_id in allowed_sources)]
    if says_yes and harmful:
        detail = "it matches a harmful-advice pattern, so it is never reported as supported"
    elif conflict:
        detail = "trusted sentences point both ways, so it is left for you to judge"
    elif related(shown):
        detail = "the closest trusted sentences neither clearly support nor contradict it"
    elif shown:
        detail = "the closest trusted sentences are not about this claim"
    else:
        detail = "the trusted sources say nothing on this topic"
    reason = f"{RELATED_NOTE if related(shown) else UNVERIFIED_NOTE} ({detail})"
    # Sentences about another medicine or substance than the claim's last (they cannot vote either), then those on
    # the claim's topic, then the strongest readings; a sentence a page repeats is kept once,
    # so the slots go to different sentences (on dev the deciding sentence was then among them for 0.702 of
    # posts instead of 0.699, labels unchanged).
    closest = distinct_quotes(
        sorted(
            shown,
            key=lambda e: (
                about_another(read_against(e, claim, lead), in_context(e.title, e.heading, e.quote)),
                e.relevance < RELATED_RELEVANCE,
                -max(e.stance.entail, e.stance.contradict),
                -e.relevance,
            ),
        )
    )[:n]
    return ClaimVerdict(
        text=claim,
        checkable=True,
        label="unverified",
        confidence=round(thresholds.calibrated("unverified", max(top_c, top_e)), 4)
        if thresholds.calibration
        else round(1 - max(top_c, top_e), 4),
        reason=reason,
        evidence=tuple(closest),
        **flags,
    )
