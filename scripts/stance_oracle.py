"""How often the stance step gets a bank post right when retrieval is perfect: the gold sentence alone.

    python scripts/stance_oracle.py [--split dev]

For every supported / contradicted post with a gold quote found in the index, the pair (post, "Title. quote")
is scored by the shipped scorer (the default ensemble) and read two ways: the argmax of its probabilities,
and the shipped policy's thresholds. If these are no better than the full pipeline's figures, retrieval is
not what limits the verdicts. Reads the split given (never choose anything on test or cold with it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.evaluate import gold_sentences, load_claims_file  # noqa: E402
from claimcheck.pipeline import Checker  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    items = [i for i in load_claims_file(ROOT / "corpus" / "claims") if i.extra.get("split") == args.split]
    checker = Checker(bank_splits=("train",))
    index = checker.index
    row_of: dict[str, int] = {}
    for r in range(len(index.passages)):
        row_of.setdefault(" ".join(index.quote(r).split()), r)
    pairs, labels, relevance = [], [], []
    for item in items:
        rows = [row_of.get(" ".join(s.split())) for s in gold_sentences(item)]
        row = next((r for r in rows if r is not None), None)
        if item.label == "unverified" or row is None:
            continue
        doc = index.document(index.passages[row])
        pairs.append((item.text, f"{doc.title}. {index.quote(row)}"))
        labels.append(item.label)
        relevance.append(float(index.vectors.reconstruct(row) @ checker.embedder.embed_batch([item.text])[0]))
    scores = checker.stance.score(pairs, relevance)
    th = checker.thresholds
    argmax: Counter[tuple[str, str]] = Counter()
    policy: Counter[tuple[str, str]] = Counter()
    for s, gold in zip(scores, labels, strict=True):
        top = max((("supported", s.entail), ("contradicted", s.contradict), ("neutral", s.neutral)), key=lambda x: x[1])
        argmax[(gold, top[0])] += 1
        if s.entail >= th.entail and s.entail > s.contradict:
            policy[(gold, "supported")] += 1
        elif s.contradict >= th.contradict and s.contradict >= s.entail:
            policy[(gold, "contradicted")] += 1
        else:
            policy[(gold, "unverified")] += 1
    n = Counter(labels)
    print(f"{args.split}: {len(pairs)} posts with their gold sentence in the index {dict(n)}")
    for gold in ("supported", "contradicted"):
        read = {k[1]: v for k, v in argmax.items() if k[0] == gold}
        print(f"  gold {gold:12} argmax {read}  policy right {policy[(gold, gold)]} of {n[gold]}")


if __name__ == "__main__":
    main()
