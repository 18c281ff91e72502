"""Plain-language wording shared by the terminal and the batch reports: why a quote decides, confidence in words.

The numbers stay in JSON (and behind `check --verbose`); people reading a verdict get words backed by them.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.claims import NOT_A_CLAIM
from claimcheck.models import ClaimVerdict, Evidence
from claimcheck.quotes import display_quote, distinct_quotes
from claimcheck.safety.messaging import UNVERIFIED_NOTE
from claimcheck.verdict import RELATED_NOTE, related

# `ClaimVerdict.confidence` is the calibrated probability that the label is right (fitted on dev data), so the
# words describe that probability: from 0.9 "very likely right", from 0.7 "likely right", from 0.5
# "uncertain" (barely better than a coin toss), below 0.5 "doubtful" (a flagged harmful claim can be called
# contradicted at a low bar, and the reader should know the label itself is shaky).
CONFIDENCE_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "very likely right"),
    (0.7, "likely right"),
    (0.5, "uncertain"),
    (0.0, "doubtful"),
)
RELATED_HEADING = "What trusted sources say (they do not settle it):"
# Shown when none of an unverified claim's closest sentences is on its topic: they are still shown, since with
# informal wording the sentence that settles a post is often less close than the 0.65 bar (on the claim bank's
# dev split, hiding them took the deciding sentence out of view for 0.15 of posts).
CLOSEST_HEADING = "The nearest trusted sentences, which may not be about this claim:"
NOT_A_CLAIM_NOTE = "Not a claim, so there is nothing to check"
_SET_ASIDE = {
    "question": "it is a question, not a claim",
    "feeling or personal story": "it reads as a feeling or personal story, not advice",
    "not about health": "it does not seem to be about health",
}


def confidence_words(confidence: float) -> str:
    """'very likely right (0.93)': the band's words and the calibrated number they stand for."""
    words = next(w for bar, w in CONFIDENCE_BANDS if confidence >= bar)
    return f"{words} ({confidence:.2f})"


def _publishers(evidence: Sequence[Evidence]) -> str:
    names = list(dict.fromkeys(e.publisher for e in evidence))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def why(verdict: ClaimVerdict) -> str:
    """One line on why the deciding quote decides: 'NHS says the opposite: “…”' ('' when nothing decided)."""
    if verdict.label not in ("contradicted", "supported") or not verdict.evidence:
        return ""
    who = _publishers(verdict.evidence)
    verb = "says" if " and " not in who else "say"
    what = "the opposite" if verdict.label == "contradicted" else "the same"
    if verdict.evidence[0].with_previous:  # the claim was read after the text before it (pipeline.span_leads)
        what += " (read with the sentence before it)"
    return f"{who} {verb} {what}: \u201c{display_quote(verdict.evidence[0].quote)}\u201d"


def unverified_note(verdict: ClaimVerdict) -> str:
    """The caution an unverified claim carries: sources silent, or related but not settling it."""
    return RELATED_NOTE if related(verdict.evidence) else UNVERIFIED_NOTE


def unverified_detail(verdict: ClaimVerdict) -> str:
    """The part of the verdict's reason worth a sentence of its own (harmful pattern, sources disagreeing)."""
    detail = verdict.reason
    for note in (UNVERIFIED_NOTE, RELATED_NOTE):
        detail = detail.removeprefix(note)
    detail = detail.strip(" ()")
    if not detail or detail.startswith(("the closest trusted", "the trusted sources say nothing")):
        return ""
    return detail[:1].upper() + detail[1:] + "."


def shown_evidence(verdict: ClaimVerdict) -> list[Evidence]:
    """The quotes a person sees: all that decided a label; for unverified, the closest sentences (those on the
    claim's topic first), repeats and fragments left out."""
    return distinct_quotes(verdict.evidence, keep_first=verdict.label in ("supported", "contradicted"))


def unverified_heading(verdict: ClaimVerdict) -> str:
    """The line above an unverified claim's quotes: related but not settling it, or merely the nearest."""
    return RELATED_HEADING if related(verdict.evidence) else CLOSEST_HEADING


def not_a_claim(verdict: ClaimVerdict) -> str:
    """Why a span was not checked: 'Not a claim, so there is nothing to check (a link).' or a set-aside note."""
    if verdict.reason in NOT_A_CLAIM:
        return f"{NOT_A_CLAIM_NOTE} ({verdict.reason})."
    return f"Not checked: {_SET_ASIDE.get(verdict.reason, verdict.reason)}."
