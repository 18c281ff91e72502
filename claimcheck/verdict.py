"""Turn scored evidence into a verdict: supported, contradicted or unverified, with the deciding quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.models import ClaimVerdict, Evidence
from claimcheck.safety.messaging import UNVERIFIED_NOTE


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds on stance probabilities.

    Chosen by `scripts/tune_thresholds.py` on the dev split of corpus/eval/claims.jsonl: best dev
    macro-F1 where supported precision >= 0.9 and no harmful item is supported, at the point and at its
    grid neighbours. These defaults are the lexical baseline's; a trained stance model carries its own
    in its model card, and `Checker` uses those.
    """

    entail: float = 0.6
    contradict: float = 0.2
    max_evidence: int = 3


def decide(
    claim: str,
    evidence: Sequence[Evidence],
    thresholds: Thresholds,
    allowed_sources: frozenset[str] | None = None,
    harmful_family: str | None = None,
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
    harmful = harmful_family is not None
    flags = {"harmful": harmful, "harmful_family": harmful_family}
    if top_c >= thresholds.contradict:
        chosen = [e for e in by_contra if e.stance.contradict >= thresholds.contradict][:n]
        return ClaimVerdict(
            text=claim,
            checkable=True,
            label="contradicted",
            confidence=round(top_c, 4),
            reason=f"{len(chosen)} trusted sentence(s) contradict this claim",
            evidence=tuple(chosen),
            **flags,
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
            **flags,
        )
    if top_e >= thresholds.entail and harmful:
        detail = "it matches a harmful-advice pattern, so it is never reported as supported"
    elif trusted:
        detail = "the closest trusted sentences neither clearly support nor contradict it"
    else:
        detail = "the trusted sources say nothing on this topic"
    reason = f"{UNVERIFIED_NOTE} ({detail})"
    closest = sorted(trusted, key=lambda e: -e.relevance)[:n]
    return ClaimVerdict(
        text=claim,
        checkable=True,
        label="unverified",
        confidence=round(1 - max(top_c, top_e), 4),
        reason=reason,
        evidence=tuple(closest),
        **flags,
    )
