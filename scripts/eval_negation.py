"""Negation test: does the stance model give opposite stances to a sentence and its negation?

Usage: python scripts/eval_negation.py [--stance NAME] [--limit 300] [--format json]

Two parts, both on material the model was not trained on:
1. Rule-negated corpus sentences: sentences of the pages used only by the labelled claims' test split
   (scripts/stance_data.py never builds training pairs from them), each negated by scripts/negation.py.
   For claim C (the sentence, retold informally), evidence S (the sentence) should give "supported" and
   evidence not-S "contradicted". A case passes only if both hold. The negation rules are the same ones
   used to make training pairs from other pages, so this measures generalisation to new sentences, not
   to new ways of negating.
2. Hand-written negation twins of corpus/eval/claims.jsonl (test split): the "a" item is supported and
   the "b" item contradicted by the same gold evidence sentence; a pair passes when the model calls the
   first supported and the second contradicted against that sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from negation import negate  # noqa: E402
from stance_data import corpus_sentences, informal  # noqa: E402


def argmax(s) -> str:  # noqa: ANN001 - StanceScores
    return max((s.entail, "supported"), (s.contradict, "contradicted"), (s.neutral, "unverified"))[1]


def corpus_cases(limit: int) -> list[tuple[str, str, str]]:
    seen: set[str] = set()
    cases = []
    rng = random.Random(7)
    for _, s in corpus_sentences(held_out=True)[1]:
        neg = negate(s) if 6 <= len(s.split()) <= 45 else None
        if neg and s not in seen:
            seen.add(s)
            cases.append((informal(s, rng), s, neg))
    return cases[:limit]


def twin_cases() -> list[tuple[str, str, str]]:
    """(supported claim, contradicted twin, shared first evidence sentence) from the test split."""
    with open(ROOT / "corpus" / "eval" / "claims.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    by_stem: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        if r["split"] == "test" and r["id"][-1] in "ab":
            by_stem[r["id"][:-1]][r["id"][-1]] = r
    out = []
    for pair in by_stem.values():
        a, b = pair.get("a"), pair.get("b")
        if a and b and a["label"] == "supported" and b["label"] == "contradicted" and a.get("evidence"):
            out.append((a["text"], b["text"], a["evidence"][0]))
    return out


def main() -> None:
    from claimcheck.stance import load_stance_scorer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stance", default=None, help="stance model name or folder (default: the shipped one)")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()
    scorer = load_stance_scorer(args.stance)
    cases = corpus_cases(args.limit)
    pairs = [(c, s) for c, s, _ in cases] + [(c, n) for c, _, n in cases]
    scores = scorer.score(pairs, [1.0] * len(pairs))
    pos, neg = scores[: len(cases)], scores[len(cases) :]
    corpus_pass = sum(
        1 for p, n in zip(pos, neg, strict=True) if argmax(p) == "supported" and argmax(n) == "contradicted"
    )
    flips = sum(1 for p, n in zip(pos, neg, strict=True) if argmax(p) != argmax(n))
    twins = twin_cases()
    tw_scores = scorer.score([(a, e) for a, _, e in twins] + [(b, e) for _, b, e in twins], [1.0] * 2 * len(twins))
    ta, tb = tw_scores[: len(twins)], tw_scores[len(twins) :]
    twin_pass = sum(1 for x, y in zip(ta, tb, strict=True) if argmax(x) == "supported" and argmax(y) == "contradicted")
    report = {
        "stance_model": scorer.model_id,
        "corpus_sentences": len(cases),
        "corpus_opposite": corpus_pass,
        "corpus_opposite_rate": round(corpus_pass / len(cases), 4) if cases else 0.0,
        "corpus_any_change_rate": round(flips / len(cases), 4) if cases else 0.0,
        "twin_pairs": len(twins),
        "twins_opposite": twin_pass,
        "twins_opposite_rate": round(twin_pass / len(twins), 4) if twins else 0.0,
    }
    if args.format == "json":
        print(json.dumps(report, indent=1))
        return
    print(f"stance model: {report['stance_model']}")
    print(
        f"held-out corpus sentences vs rule negation: {corpus_pass}/{len(cases)} opposite "
        f"({report['corpus_opposite_rate']:.1%}; prediction changed at all: {report['corpus_any_change_rate']:.1%})"
    )
    print(f"hand-written test twins: {twin_pass}/{len(twins)} opposite ({report['twins_opposite_rate']:.1%})")


if __name__ == "__main__":
    main()
