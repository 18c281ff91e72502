"""Mixed posts: is a myth that follows a true statement in one text called supported more often than alone?

Usage: python scripts/eval_mixed_posts.py [--split train] [--n 300] [--seed 7] [--format json]

People post a sound point and a myth together ("panic attacks feel like dying but panic disorder isn't life
threatening. a bad enough attack will stop your heart though"). Any reading that lets one claim of a text
borrow from another (context, coreference, whole-post stance) risks handing the myth the true claim's
support, the worst error this product can make. This measures it through the real `Checker.check`: `--n`
true posts of the claim bank, each followed by a myth (of the same topic 70% of the time, often its own
twin) on the next line of one text, and the same with the myth first. Only posts the splitter reads as one
claim are used, so each claim of the mixed text is one of the two posts. Default split: train (a guard: the
bank's train posts choose nothing else). `check` reads a claim after the sentence before it
(`pipeline.span_leads`); before the checks of `Checker.alone_agrees` were added, that reading called 93 of 300
such myths supported (4 alone, measured on `Checker.verdicts`), and 18 with the first check alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.pipeline import Checker  # noqa: E402

SAME_TOPIC = 0.7  # share of myths drawn from the true post's own topic (its twin, when it has one)


def pairs(checker: Checker, split: str, n: int, seed: int) -> list[tuple[str, str]]:
    """(true post, myth) texts, each one claim as the splitter reads it."""
    items = [c for c in read_bank(bank_files(ROOT / "corpus" / "claims")) if c.split == split]

    def one_claim(text: str) -> bool:
        spans = [s for s in checker.claim_spans(text, 5) if s.checkable]
        return len(spans) == 1 and spans[0].text.strip() == text.strip()

    true = [c for c in items if c.label == "supported" and one_claim(c.text)]
    myths = [c for c in items if c.label == "contradicted" and one_claim(c.text)]
    if not true or not myths:
        raise SystemExit(f"no one-claim supported and contradicted posts in the {split} split")
    by_topic: dict[str, list] = {}
    for m in myths:
        by_topic.setdefault(m.topic, []).append(m)
    rng = random.Random(seed)
    out = []
    for t in rng.sample(true, min(n, len(true))):
        same = by_topic.get(t.topic)
        m = rng.choice(same) if same and rng.random() < SAME_TOPIC else rng.choice(myths)
        out.append((t.text.strip(), m.text.strip()))
    return out


def label_of(checker: Checker, text: str, claim: str) -> str:
    """The verdict `check` gives `claim` inside `text` ("missing" if the splitter did not keep it whole)."""
    for c in checker.check(text).claims:
        if c.text.strip() == claim:
            return c.label
    return "missing"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train", choices=["train", "dev", "test"])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=["text", "json"], default="text")
    args = ap.parse_args()
    checker = Checker()
    cases = pairs(checker, args.split, args.n, args.seed)
    out = {
        "pairs": len(cases),
        "myth_alone": Counter(label_of(checker, m, m) for _, m in cases),
        "myth_after_true": Counter(label_of(checker, f"{t}\n{m}", m) for t, m in cases),
        "true_alone": Counter(label_of(checker, t, t) for t, _ in cases),
        "true_after_myth": Counter(label_of(checker, f"{m}\n{t}", t) for t, m in cases),
    }
    if args.format == "json":
        print(json.dumps(out, indent=1))
        return
    print(f"{out['pairs']} pairs of one-claim posts ({args.split} split, seed {args.seed})")
    for key, bad in (("myth_alone", "supported"), ("myth_after_true", "supported"),
                     ("true_alone", "contradicted"), ("true_after_myth", "contradicted")):
        counts = out[key]
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"  {key:16} {bad} {counts.get(bad, 0):3}   ({shown})")


if __name__ == "__main__":
    main()
