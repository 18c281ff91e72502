"""Find candidate evidence sentences for claims: BM25 and dense search fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimcheck.embed import Embedder
from claimcheck.index import Hit, Index
from claimcheck.lexical import bm25_tokens

RRF_K = 60


def _lexical(index: Index, claims: Sequence[str], k: int) -> list[list[int]]:
    """Row ids of the best BM25 matches per claim, best first (claims with no known term get none)."""
    out: list[list[int]] = []
    for claim in claims:
        scores = index.bm25_scores(bm25_tokens(claim))
        k_eff = min(k, len(scores))
        top = np.argpartition(-scores, k_eff - 1)[:k_eff]
        top = top[np.lexsort((top, -scores[top]))]
        out.append([int(r) for r in top if scores[r] > 0])
    return out


def retrieve(
    index: Index,
    embedder: Embedder,
    claims: Sequence[str],
    k: int = 30,
    depth: int = 100,
    query_vectors: np.ndarray | None = None,
    dense_weight: float = 1.0,
) -> list[list[Hit]]:
    """Top-`k` sentences per claim by reciprocal-rank fusion of BM25 and dense rankings.

    Each hit also carries its dense cosine to the claim, so later stages can use relevance
    without re-embedding. Dense and lexical search each look `depth` deep. `dense_weight` scales the dense
    ranking's share of the fusion: the embedder fine-tuned on informal posts ranks them better than BM25 does,
    so the verdict policy may weight it up (chosen on dev with the rest of the policy).
    """
    if not claims:
        return []
    q = embedder.embed_batch(list(claims)) if query_vectors is None else query_vectors
    depth = min(depth, len(index.passages))
    dense_scores, dense_rows = index.vectors.search(np.ascontiguousarray(q, dtype=np.float32), depth)
    lexical_rows = _lexical(index, claims, depth)
    results: list[list[Hit]] = []
    for qi in range(len(claims)):
        fused: dict[int, float] = {}
        d_rank = {int(r): i for i, r in enumerate(dense_rows[qi]) if r >= 0}
        l_rank = {r: i for i, r in enumerate(lexical_rows[qi])}
        for rank_map, weight in ((d_rank, dense_weight), (l_rank, 1.0)):
            for row, rank in rank_map.items():
                fused[row] = fused.get(row, 0.0) + weight / (RRF_K + rank + 1)
        top = sorted(fused, key=lambda r: (-fused[r], r))[:k]
        dense_of = dict(zip((int(r) for r in dense_rows[qi]), (float(s) for s in dense_scores[qi]), strict=True))
        missing = [r for r in top if r not in dense_of]
        if missing:
            vecs = np.vstack([index.vectors.reconstruct(r) for r in missing])
            for r, s in zip(missing, vecs @ q[qi], strict=True):
                dense_of[r] = float(s)
        results.append(
            [
                Hit(row=r, score=fused[r], dense=dense_of[r], lexical_rank=l_rank.get(r), dense_rank=d_rank.get(r))
                for r in top
            ]
        )
    return results
