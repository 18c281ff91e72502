"""Find candidate evidence sentences for claims: BM25 and dense search fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimcheck.embed import Embedder
from claimcheck.index import Hit, Index, stem_tokenize

RRF_K = 60


def _lexical(index: Index, claims: Sequence[str], k: int) -> list[list[int]]:
    """Row ids of the best BM25 matches per claim (claims with no known term get none)."""
    bm25 = index.bm25
    tokens = stem_tokenize(claims)
    vocab_inv = {v: k for k, v in tokens.vocab.items()}
    known = bm25.vocab_dict
    out: list[list[int]] = []
    for ids in tokens.ids:
        words = [vocab_inv[i] for i in ids if vocab_inv.get(i) in known]
        if not words:
            out.append([])
            continue
        n = min(k, len(index.passages))
        docs, scores = bm25.retrieve([words], k=n, show_progress=False, n_threads=1)
        out.append([int(d) for d, s in zip(docs[0], scores[0], strict=True) if s > 0])
    return out


def retrieve(
    index: Index,
    embedder: Embedder,
    claims: Sequence[str],
    k: int = 30,
    depth: int = 100,
    query_vectors: np.ndarray | None = None,
) -> list[list[Hit]]:
    """Top-`k` sentences per claim by reciprocal-rank fusion of BM25 and dense rankings.

    Each hit also carries its dense cosine to the claim, so later stages can use relevance
    without re-embedding. Dense and lexical search each look `depth` deep.
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
        for rank_map in (d_rank, l_rank):
            for row, rank in rank_map.items():
                fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
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
