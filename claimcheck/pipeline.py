"""Wire the stages together: claims -> retrieve -> stance -> verdict, for one text or many claims."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from claimcheck.embed import OnnxEmbedder, load_embedder
from claimcheck.errors import ClaimcheckError
from claimcheck.index import Hit, Index, load_index
from claimcheck.lexical import content_stems
from claimcheck.models import CheckResult, ClaimVerdict, Evidence, InputSummary, Models
from claimcheck.paths import default_index_dir
from claimcheck.safety.messaging import NOTICE
from claimcheck.safety.models import Safety
from claimcheck.stance import StanceScorer, load_stance_scorer
from claimcheck.verdict import Thresholds, decide

log = logging.getLogger(__name__)


MAX_CLAIMS = 100
RETRIEVE_K = 30
DEFAULT_CANDIDATES = 10  # what the baseline's thresholds were tuned with
COVERAGE_WEIGHT = 0.01


class Checker:
    """Holds the loaded index and models so many checks reuse them (the CLI's batch path, the library)."""

    def __init__(
        self,
        index_dir: Path | None = None,
        model: str | None = None,
        stance: str | None = None,
        thresholds: Thresholds | None = None,
        candidates: int | None = None,
    ) -> None:
        self.index_dir = Path(index_dir) if index_dir else default_index_dir()
        self.model_name = model
        self.stance_name = stance
        self._thresholds = thresholds
        self._candidates = candidates
        self._stems: dict[int, set[str]] = {}

    @cached_property
    def embedder(self) -> OnnxEmbedder:
        return load_embedder(self.model_name)

    @cached_property
    def index(self) -> Index:
        return load_index(self.index_dir, self.embedder)

    @cached_property
    def stance(self) -> StanceScorer:
        try:
            idf = self.index.term_idf()
        except ClaimcheckError:  # `eval stance` needs no index; the check path fails on the index itself
            idf = None
        return load_stance_scorer(self.stance_name, idf=idf)

    @cached_property
    def thresholds(self) -> Thresholds:
        """Explicit thresholds, else the ones chosen on dev data for the stance model in use."""
        if self._thresholds is not None:
            return self._thresholds
        return Thresholds(**{k: v for k, v in self.stance.thresholds.items() if k in ("entail", "contradict")})

    @cached_property
    def candidates(self) -> int:
        """Sentences stance-scored per claim: explicit, else the count tuned with the scorer's thresholds."""
        return self._candidates or getattr(self.stance, "candidates", None) or DEFAULT_CANDIDATES

    @cached_property
    def allowed_sources(self) -> frozenset[str]:
        from claimcheck.sources import load_sources

        return frozenset(s.id for s in load_sources())

    def evidence_for(self, claims: Sequence[str]) -> list[list[Evidence]]:
        """Retrieve and stance-score the best candidate sentences for each claim."""
        from claimcheck.retrieve import retrieve

        index = self.index
        all_hits = retrieve(index, self.embedder, claims, k=max(RETRIEVE_K, self.candidates))
        out: list[list[Evidence]] = []
        for claim, hits in zip(claims, all_hits, strict=True):
            hits = self.rerank(claim, hits)[: self.candidates]
            pairs, rel, meta = [], [], []
            for h in hits:
                p = index.passages[h.row]
                doc = index.document(p)
                quote = index.quote(h.row)
                pairs.append((claim, f"{doc.title}. {quote}"))
                rel.append(h.dense)
                meta.append((h, p, doc, quote))
            scores = self.stance.score(pairs, rel)
            out.append(
                [
                    Evidence(
                        quote=quote,
                        url=doc.url,
                        title=doc.title,
                        publisher=doc.publisher,
                        source_id=doc.source_id,
                        licence=doc.licence,
                        heading=p.heading,
                        start=p.start,
                        end=p.end,
                        retrieval_score=round(h.score, 6),
                        relevance=round(h.dense, 4),
                        stance=s,
                    )
                    for (h, p, doc, quote), s in zip(meta, scores, strict=True)
                ]
            )
        return out

    def rerank(self, claim: str, hits: Sequence[Hit]) -> list[Hit]:
        """Order fused hits, nudged by how much of the claim's content the sentence in context covers.

        No cross-encoder is available offline yet; on the 226 labelled claims with gold evidence this
        lexical nudge lifts recall@1 from 0.68 to 0.75 over fusion alone (recall@5 0.912 -> 0.916).
        """
        stems = content_stems(claim)
        if not stems:
            return sorted(hits, key=lambda h: -h.score)
        cache = self._stems

        def coverage(row: int) -> float:
            if row not in cache:
                cache[row] = content_stems(self.index.texts[row])
            return len(stems & cache[row]) / len(stems)

        return sorted(hits, key=lambda h: (-(h.score + COVERAGE_WEIGHT * coverage(h.row)), h.row))

    def verdicts(self, claims: Sequence[str], families: Sequence[str | None] | None = None) -> list[ClaimVerdict]:
        """Verdicts for claims already known to be checkable; harmful-advice families are detected if not given."""
        from claimcheck.safety import harmful_family, redact

        fams = list(families) if families is not None else [harmful_family(c) for c in claims]
        out = []
        for claim, ev, fam in zip(claims, self.evidence_for(claims), fams, strict=True):
            verdict = decide(claim, ev, self.thresholds, self.allowed_sources, harmful_family=fam)
            out.append(verdict.model_copy(update={"text": redact(claim)}))
        return out

    def models(self) -> Models:
        return Models(
            embedder=f"{self.embedder.model_id}@{self.embedder.weights_sha256[:12]}",
            stance=self.stance.model_id,
            corpus_hash=self.index.manifest.corpus_hash,
        )

    def check(
        self, text: str, max_claims: int = MAX_CLAIMS, country: str | None = None, safety: Safety | None = None
    ) -> CheckResult:
        """Assess crisis risk first, then split `text` into claims and give each checkable one a verdict.

        A caller that already assessed `text` (the CLI does, so its banner survives any failure) passes
        that `safety` in rather than paying for the crisis rules twice.
        """
        from claimcheck.claims import split_claims
        from claimcheck.safety import assess, redact

        if safety is None:
            safety = assess(text, country)
        spans = split_claims(text, max_claims=max_claims + 1)
        truncated = len(spans) > max_claims
        spans = spans[:max_claims]
        checkable = [s for s in spans if s.checkable]
        decided = iter(self.verdicts([s.text for s in checkable])) if checkable else iter(())
        claims = [
            next(decided)
            if s.checkable
            else ClaimVerdict(
                text=redact(s.text), checkable=False, label="not_checkable", confidence=0.0, reason=s.reason
            )
            for s in spans
        ]
        return CheckResult(
            notice=NOTICE,
            safety=safety,
            input=InputSummary(chars=len(text), claims=len(claims), checkable=len(checkable), truncated=truncated),
            claims=tuple(claims),
            models=self.models(),
        )


_default: Checker | None = None


def check(
    text: str, *, index_dir: Path | None = None, max_claims: int = MAX_CLAIMS, country: str | None = None
) -> CheckResult:
    """Check pasted advice against the trusted corpus; the first call loads the index and models."""
    global _default
    if index_dir is not None:
        return Checker(index_dir=index_dir).check(text, max_claims=max_claims, country=country)
    if _default is None:
        _default = Checker()
    return _default.check(text, max_claims=max_claims, country=country)
