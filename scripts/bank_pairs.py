"""Stance training pairs for the informal-advice fine-tune (stage 5), from the claim bank's train split.

  python scripts/stance_data.py          # stage1..4 (the replay below reads stage2)
  python scripts/bank_pairs.py           # writes build/stance/stage5.jsonl and stage5_manifest.json
  python scripts/train_stance.py --stages stage5 --epochs 1 --lr 2e-5 --base build/stance/model-shipped

Pairs (evidence is "Title. sentence", as the pipeline shows the model):
- bank train items: the claim against its deciding sentence(s) -> the item's label (upsampled: this is the
  voice the product meets);
- hard negatives: for each train claim, retrieved sentences that are not its quotes and share few words with
  them -> unverified; unverified bank items against their closest sentences -> unverified;
- minimal edits, negation and informal polarity from ../shared/datasets/more_training (CAD-NLI, CANNOT
  components, sentiment recast, WANLI subset, Breaking NLI), sampled;
- a replay of stage 2 (HealthVer, SciFact, Check-COVID and corpus pairs) so the public-benchmark skill is
  kept; corpus pairs whose sentence comes from a dev, test or cold document of the bank are left out.
Only the bank's train split is read; dev, test and cold are never opened here. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.lexical import content_stems  # noqa: E402

S, C, N = "supported", "contradicted", "unverified"
NLI = {"entailment": S, "contradiction": C, "neutral": N}


def pair(claim: str, evidence: str, label: str, source: str) -> dict[str, str]:
    return {"claim": claim, "evidence": evidence, "label": label, "source": source}


def bank_train_pairs(
    rng: random.Random, upsample: int, negatives: int, contradicted_extra: int = 0, voices: int = 0
) -> list[dict[str, str]]:
    from claimcheck.pipeline import Checker
    from claimcheck.retrieve import retrieve

    items = [c for c in read_bank(bank_files(ROOT / "corpus" / "claims")) if c.split == "train"]
    checker = Checker(stance="baseline")
    index = checker.index
    by_doc = {d.id: d for d in index.documents.values()}
    out: list[dict[str, str]] = []
    hits_all = retrieve(index, checker.embedder, [c.text for c in items], k=30)
    for item, hits in zip(items, hits_all, strict=True):
        ranked = checker.rerank(item.text, hits)[:12]
        if item.quotes:
            title = by_doc[item.doc_id].title
            gold = [f"{title}. {q}" for q in item.quotes]
            for _ in range(upsample):
                out.append(pair(item.text, gold[0], item.label, "bank-train"))
            # Myths against the sentence that refutes them were the pairs the model most often read as
            # neutral (even on train), so contradicted items may get extra copies.
            for _ in range(contradicted_extra if item.label == C else 0):
                out.append(pair(item.text, gold[rng.randrange(len(gold))], item.label, "bank-train"))
            for _ in range(voices):
                v = revoiced(item.text, rng)
                if v != item.text:
                    out.append(pair(v, gold[rng.randrange(len(gold))], item.label, "bank-voice"))
                if len(gold) > 1:
                    out.append(pair(item.text, f"{title}. {' '.join(item.quotes)}", item.label, "bank-train"))
            gold_stems = set().union(*(content_stems(q) for q in item.quotes))
            picked = 0
            for h in ranked:
                quote = index.quote(h.row)
                stems = content_stems(quote)
                if any(q.strip() in quote or quote in q for q in item.quotes):
                    continue
                if stems and len(stems & gold_stems) / len(stems) > 0.5:
                    continue  # may say the same thing in other words: not a safe negative
                out.append(
                    pair(item.text, f"{index.document(index.passages[h.row]).title}. {quote}", N, "bank-hardneg")
                )
                picked += 1
                if picked >= negatives:
                    break
        else:
            for h in ranked[:2]:
                quote = index.quote(h.row)
                out.append(
                    pair(item.text, f"{index.document(index.passages[h.row]).title}. {quote}", N, "bank-unverified")
                )
    return out


# Meaning-keeping word swaps: the model read any small surface change as a contradiction (it had seen small
# changes mostly as rule negations), so near-copies with swapped words teach that wording is not meaning.
SWAPS = [
    (r"\bmedications?\b", "meds"),
    (r"\bmedicines?\b", "meds"),
    (r"\bpsychotherapy\b", "therapy"),
    (r"\bdoctors?\b", "GP"),
    (r"\bphysicians?\b", "doctor"),
    (r"\bdecreases?\b", "lowers"),
    (r"\breduces?\b", "cuts"),
    (r"\bapproximately\b", "about"),
    (r"\bchildren\b", "kids"),
    (r"\badolescents\b", "teens"),
    (r"\bindividuals\b", "people"),
    (r"\bimportant\b", "key"),
    (r"\bimmediately\b", "right away"),
    (r"\bdirectly\b", "straight"),
    (r"\b(?:obtain|receive)\b", "get"),
    (r"\bhowever\b", "but"),
    (r"\bdifficult\b", "hard"),
    (r"\bassist\b", "help"),
    (r"\busually\b", "normally"),
    (r"\boften\b", "a lot of the time"),
    (r"\bbegin\b", "start"),
    (r"\bsevere\b", "serious"),
    (r"\balcohol\b", "booze"),
    (r"\bsymptoms\b", "signs"),
    (r"\bexperience\b", "go through"),
    (r"\bpeople\b", "folks"),
    (r"\bhelp\b", "really help"),
    (r"\bcan\b", "can definitely"),
]
LEADS = ("", "", "fyi ", "my gp said ", "apparently ", "tbh ", "reminder that ", "pretty sure ")


VOICE_LEADS = (
    "ngl ", "honestly ", "my mate swears ", "someone in my group said ", "idk but ", "psa: ", "lol ",
    "i read that ", "my therapist told me ", "everyone knows ", "not gonna lie, ", "heard on tiktok that ",
)
VOICE_TAILS = (" lol", " tbh", "!!", " 🙏", " 💯", " x", "...", " imo", " trust me", " just saying")
TYPO_WORDS = {"you": "u", "your": "ur", "you're": "ur", "are": "r", "because": "cos", "though": "tho",
              "really": "rly", "probably": "prob", "definitely": "defo", "people": "ppl", "with": "w/",
              "don't": "dont", "doesn't": "doesnt", "can't": "cant", "won't": "wont", "it's": "its"}


def revoiced(text: str, rng: random.Random) -> str:
    """The same claim in another surface voice: case, text-speak, a lead-in or a tail. Meaning is kept (no
    word that carries the claim is touched), so the label stays; the voices are not the evaluation's."""
    import re

    out = text
    if rng.random() < 0.6:
        out = out.lower()
    if rng.random() < 0.5:
        out = re.sub(
            r"\b(" + "|".join(re.escape(w) for w in TYPO_WORDS) + r")\b",
            lambda m: TYPO_WORDS.get(m.group(0).lower(), m.group(0)) if rng.random() < 0.7 else m.group(0),
            out,
            flags=re.IGNORECASE,
        )
    if rng.random() < 0.4:
        out = re.sub(r"[.,;:]", "", out)
    if rng.random() < 0.4:
        out = rng.choice(VOICE_LEADS) + out[:1].lower() + out[1:]
    if rng.random() < 0.4:
        out = out.rstrip(".!") + rng.choice(VOICE_TAILS)
    return out


def swapped(sentence: str, rng: random.Random) -> str | None:
    import re

    out, n = sentence, 0
    for pat, rep in rng.sample(SWAPS, len(SWAPS)):
        new, k = re.subn(pat, rep, out, count=1, flags=re.IGNORECASE)
        if k:
            out, n = new, n + 1
        if n >= 3:
            break
    if n == 0:
        return None
    lead = rng.choice(LEADS)
    return (lead + out[:1].lower() + out[1:]) if lead else out


def paraphrase_pairs(rng: random.Random, n: int) -> list[dict[str, str]]:
    """Train-document sentences: a word-swapped copy -> supported; the same copy rule-negated -> contradicted."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from negation import negate

    from claimcheck.corpus import read_snapshot
    from claimcheck.passages import document_passages

    splits = json.loads((ROOT / "corpus" / "claims" / "doc_splits.json").read_text())
    sentences = []
    for d in read_snapshot():
        if splits.get(d.id) == "train":
            sentences += [(d.title, d.text[p.start : p.end]) for p in document_passages(d)]
    rng.shuffle(sentences)
    out = []
    for title, sentence in sentences:
        if len(sentence.split()) < 6:
            continue
        para = swapped(sentence, rng)
        if para is None:
            continue
        out.append(pair(para, f"{title}. {sentence}", S, "corpus-swap"))
        neg = negate(para)
        if neg and neg != para:
            out.append(pair(neg, f"{title}. {sentence}", C, "corpus-swap-negated"))
        if len(out) >= n:
            break
    return out


def tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


MORE_SETS = ("breaking-nli", "cad-nli", "cannot-antonym", "cannot-negation", "sentiment-recast", "wanli")


def more_training(
    shared: Path, rng: random.Random, per_set: int, names: tuple[str, ...] = MORE_SETS
) -> list[dict[str, str]]:
    mt = shared / "datasets" / "more_training"
    sets: dict[str, list[dict[str, str]]] = {}
    sets["cad-nli"] = [
        pair(r["sentence2"], r["sentence1"], NLI[r["gold_label"]], "cad-nli")
        for name in ("revised_combined_train.tsv", "original_train.tsv")
        for r in tsv(mt / "cad_nli" / name)
        if r.get("gold_label") in NLI
    ]
    sets["cannot-antonym"] = [
        pair(r["hypothesis"], r["premise"], C if r["label"] == "1" else S, "cannot-antonym")
        for r in tsv(mt / "cannot_negation_components" / "antonym-substitution_sem_anto_neg.tsv")
    ]
    neg = []
    for name in (
        "sentiment-labelled-sentences_sentiment_labelled_sentences.tsv",
        "wikifactcheck-english_wikifactcheck_english_0.tsv",
    ):
        for r in tsv(mt / "cannot_negation_components" / name):
            neg.append(pair(r["negated"], r["sentence"], C, "cannot-negation"))
            neg.append(pair(r["sentence"], r["negated"], C, "cannot-negation"))
    sets["cannot-negation"] = neg
    sets["sentiment-recast"] = [
        pair(r["hypothesis"].strip(), r["premise"], S if r["gold_label"] == "entailed" else C, "sentiment-recast")
        for r in jsonl(mt / "curriculum_sentiment_recast" / "sentiment_train.jsonl")
    ]
    sets["wanli"] = [
        pair(r["hypothesis"], r["premise"], NLI[r["label"]], "wanli")
        for lab in ("contradiction", "entailment", "neutral")
        for r in jsonl(mt / "wanli_subset_disco" / f"wanli_{lab}_spans.jsonl")
        if r.get("label") in NLI
    ]
    sets["breaking-nli"] = [
        pair(r["sentence2"], r["sentence1"], NLI[r["gold_label"]], "breaking-nli")
        for r in jsonl(mt / "breaking_nli" / "breaking_nli_dataset.jsonl")
        if r.get("gold_label") in NLI
    ]
    out = []
    for name in sorted(n for n in sets if n in names):
        rows = sets[name]
        rng.shuffle(rows)
        out += rows[:per_set]
    return out


def general_nli(shared: Path, rng: random.Random, n: int) -> list[dict[str, str]]:
    """General-domain NLI (MNLI dev, SNLI dev and test, FEVER-NLI dev), sampled evenly by set.

    The stance model's judgement of new facts, not the informal voice, is what fails on held-out documents
    (the fine-tunes on bank posts alone left pair-level dev figures flat), and stage 1 read only 8,500 of
    the 52,000 general pairs these files hold.
    """
    from stance_data import nli_csv, rte

    d = shared / "datasets"
    sets = [
        list(nli_csv(d / "mnli" / "dev.csv", "mnli")),
        list(nli_csv(d / "snli_esnli" / "snli_dev.tsv", "snli", "\t"))
        + list(nli_csv(d / "snli_esnli" / "snli_test.tsv", "snli", "\t")),
        list(rte(d / "fever_nli_dev" / "fever_rte_dev.tsv", "fever-rte", 0, 1)),
    ]
    out: list[dict[str, str]] = []
    for rows in sets:
        rng.shuffle(rows)
        out += [dict(r) for r in rows[: n // len(sets)]]
    return out


def replay(stage2: Path, rng: random.Random, n: int) -> list[dict[str, str]]:
    """Stage-2 pairs, leaving out corpus pairs whose sentence sits on a non-train bank document."""
    from claimcheck.corpus import read_snapshot

    splits = json.loads((ROOT / "corpus" / "claims" / "doc_splits.json").read_text())
    held = [d.text for d in read_snapshot() if splits.get(d.id) != "train"]
    rows = jsonl(stage2)
    keep = []
    for r in rows:
        if r["source"].startswith("corpus"):
            sentence = r["evidence"]
            if any(sentence[:80] in text for text in held):
                continue
        keep.append(r)
    rng.shuffle(keep)
    return keep[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "stance")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--upsample", type=int, default=2)
    ap.add_argument("--negatives", type=int, default=2)
    ap.add_argument("--per-set", type=int, default=900)
    ap.add_argument("--replay", type=int, default=3000)
    ap.add_argument("--sets", nargs="*", default=list(MORE_SETS), choices=MORE_SETS, help="more_training sets")
    ap.add_argument("--name", default="stage5", help="output: build/stance/NAME.jsonl")
    ap.add_argument("--swaps", type=int, default=0, help="word-swap paraphrase / negation pairs from train pages")
    ap.add_argument("--contradicted-extra", type=int, default=0, help="extra copies of contradicted bank items")
    ap.add_argument("--voices", type=int, default=0, help="re-voiced copies of each bank item (case, text-speak)")
    ap.add_argument("--general", type=int, default=0, help="general-domain NLI pairs (MNLI, SNLI, FEVER-NLI dev)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pairs = bank_train_pairs(rng, args.upsample, args.negatives, args.contradicted_extra, args.voices)
    pairs += more_training(args.shared, rng, args.per_set, tuple(args.sets))
    pairs += replay(args.out / "stage2.jsonl", rng, args.replay)
    if args.swaps:
        pairs += paraphrase_pairs(rng, args.swaps)
    if args.general:
        pairs += general_nli(args.shared, rng, args.general)
    rng.shuffle(pairs)
    body = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)
    (args.out / f"{args.name}.jsonl").write_text(body, encoding="utf-8")
    manifest = {
        "pairs": len(pairs),
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "by_source": dict(Counter(p["source"] for p in pairs)),
        "by_label": dict(Counter(p["label"] for p in pairs)),
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    (args.out / f"{args.name}_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
