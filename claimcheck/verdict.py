"""Turn scored evidence into a verdict: supported, contradicted or unverified, with the deciding quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.models import ClaimVerdict, Evidence


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds on stance probabilities (chosen on the dev split of the labelled set)."""

    entail: float = 0.5
    contradict: float = 0.45
    max_evidence: int = 3


def decide(
    claim: str,
    evidence: Sequence[Evidence],
    thresholds: Thresholds,
    allowed_sources: frozenset[str] | None = None,
    harmful: bool = False,
) -> ClaimVerdict:
    """Apply the verdict rule.

    - contradicted: some trusted sentence contradicts the claim above the threshold;
    - supported: some allow-listed sentence entails it above the threshold, none contradicts it, and
      the claim is not harmful advice (harmful advice is never called supported);
    - unverified: otherwise. The closest sentences are still returned so the reader can judge.
    Retrieval similarity alone never decides: only stance probabilities do.
    """
    trusted = [e for e in evidence if allowed_sources is None or e.source_id in allowed_sources]
    by_contra = sorted(trusted, key=lambda e: -e.stance.contradict)
    by_entail = sorted(trusted, key=lambda e: -e.stance.entail)
    top_c = by_contra[0].stance.contradict if by_contra else 0.0
    top_e = by_entail[0].stance.entail if by_entail else 0.0
    n = thresholds.max_evidence
    if top_c >= thresholds.contradict:
        chosen = [e for e in by_contra if e.stance.contradict >= thresholds.contradict][:n]
        return ClaimVerdict(
            text=claim,
            checkable=True,
            label="contradicted",
            confidence=round(top_c, 4),
            reason=f"{len(chosen)} trusted sentence(s) contradict this claim",
            evidence=tuple(chosen),
        )
    if top_e >= thresholds.entail and not harmful:
        chosen = [e for e in by_entail if e.stance.entail >= thresholds.entail][:n]
        return ClaimVerdict(
            text=claim,
            checkable=True,
            label="supported",
            confidence=round(top_e, 4),
            reason=f"{len(chosen)} trusted sentence(s) support this claim and none contradicts it",
            evidence=tuple(chosen),
        )
    if top_e >= thresholds.entail and harmful:
        reason = "matches a harmful-advice pattern, so it is never reported as supported"
    elif trusted:
        reason = "no trusted source found that clearly supports or contradicts this claim"
    else:
        reason = "no trusted source found on this topic"
    closest = sorted(trusted, key=lambda e: -e.relevance)[:n]
    return ClaimVerdict(
        text=claim,
        checkable=True,
        label="unverified",
        confidence=round(1 - max(top_c, top_e), 4),
        reason=reason,
        evidence=tuple(closest),
    )
