"""Assemble the stance model's training data from ../shared/datasets train splits and the shipped corpus.

Usage: python scripts/stance_data.py [--shared ../shared] [--out build/stance] [--seed 13]

Writes stage1.jsonl (general NLI + health + corpus pairs), stage2.jsonl (a sample of the pairs closest to the
product's input: HealthVer, Check-COVID, SciFact and the corpus pairs) and
data_manifest.json (sha256 and licence of every input file, pair counts per source and label). Lines are
{"claim", "evidence", "label", "source"} with label supported / contradicted / unverified.

Only train splits (or sets the shared README allows for training) are read. Evaluation-only sets
(HealthVer test, SciFact test, Check-COVID test, COVID-Fact test, NLI4CT test, HealthFC, ANLI, SICK) are
never opened here. Corpus pairs come from pages that the labelled claims' test split does not use; those
pages are kept for the negation test (scripts/eval_negation.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from negation import negate  # noqa: E402

from claimcheck.embed import sha256_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
S, C, N = "supported", "contradicted", "unverified"
LABEL = {
    "support": S,
    "supports": S,
    "entailment": S,
    "true": S,
    "contradict": C,
    "refute": C,
    "refutes": C,
    "contradiction": C,
    "false": C,
    "nei": N,
    "not_enough_info": N,
    "neutral": N,
}
Pair = dict[str, str]
csv.field_size_limit(1 << 24)


def _pair(claim: str, evidence: str, label: str, source: str) -> Pair:
    clean = lambda t: re.sub(r"\s+", " ", t.replace("<|cit|>", "").replace("<|multi_cit|>", "")).strip()  # noqa: E731
    return {"claim": clean(claim), "evidence": clean(evidence)[:700], "label": label, "source": source}


def _overlap(a: str, b: str) -> int:
    words = lambda t: set(re.findall(r"[a-z]{4,}", t.lower()))  # noqa: E731
    return len(words(a) & words(b))


def _best_window(claim: str, sents: list[str], rng: random.Random, skip: set[int] = frozenset()) -> str:
    """A 1-3 sentence window most on-topic for the claim: neutral evidence that is hard, like HealthVer's."""
    size = rng.choice([1, 2, 3])
    starts = range(max(1, len(sents) - size + 1))
    windows = [(i, sents[i : i + size]) for i in starts if not skip & set(range(i, i + size))]
    if not windows:
        return ""
    _, best = max(windows, key=lambda w: (_overlap(claim, " ".join(w[1])), -w[0]))
    return " ".join(best)


def scifact_format(claims: Path, corpus: Path, source: str, rng: random.Random, context: bool) -> Iterator[Pair]:
    """SciFact-style claims: rationale sentences give S/C pairs, cited abstracts without evidence give neutral."""
    docs = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[str(d["doc_id"])] = d["abstract"]
    with open(claims, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            cited = [str(d) for d in c.get("doc_ids") or c.get("cited_doc_ids") or []]
            ev = {str(k): v for k, v in (c.get("evidence") or {}).items()}
            for doc in cited:
                sents = docs.get(doc)
                if not sents:
                    continue
                if doc not in ev:
                    window = _best_window(c["claim"], sents, rng)
                    if window:
                        yield _pair(c["claim"], window, N, source)
                    continue
                for entry in ev[doc]:
                    idx = sorted(i for i in entry["sentences"] if i < len(sents))
                    if not idx:
                        continue
                    label = LABEL[entry["label"].lower()]
                    yield _pair(c["claim"], " ".join(sents[i] for i in idx), label, source)
                    if context and idx[-1] + 1 < len(sents) and len(idx) < 3:
                        yield _pair(c["claim"], " ".join(sents[i] for i in [*idx, idx[-1] + 1]), label, source)


def check_covid(shared: Path, split: str = "train") -> Iterator[Pair]:
    base = shared / "datasets" / "check_covid"
    docs = {}
    with open(base / "corpus.json", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["cord_id"]] = d["abstract"]
    for name in (f"covidCheck_{split}_composed.json", f"covidCheck_{split}_extracted.json"):
        with open(base / split / name, encoding="utf-8") as f:
            for line in f:
                c = json.loads(line)
                sents = docs.get(c["cord_id"])
                label = LABEL.get(c["label"].lower())
                if not sents or not label:
                    continue
                idx = sorted({e["sent_index"] for e in c.get("evidence_set") or [] if e["sent_index"] < len(sents)})
                if label == N and not idx:
                    yield _pair(c["claim"], _best_window(c["claim"], sents, random.Random(c["id"])), N, "check-covid")
                elif idx:
                    yield _pair(c["claim"], " ".join(sents[i] for i in idx), label, "check-covid")


def climate_fever(shared: Path) -> Iterator[Pair]:
    with open(shared / "datasets" / "climate_fever" / "climate-fever.jsonl", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            for e in c["evidences"]:
                label = LABEL.get(e["evidence_label"].lower())
                if label:
                    yield _pair(c["claim"], e["evidence"], label, "climate-fever")


def rte(path: Path, source: str, evidence_col: int, claim_col: int) -> Iterator[Pair]:
    """Two-way sets: entailment -> supported, not_entailment (a refuted claim here) -> contradicted."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows[1:]:
        label = S if row[-1].strip() == "entailment" else C
        yield _pair(row[claim_col], row[evidence_col], label, source)


def nli_csv(path: Path, source: str, delimiter: str = ",") -> Iterator[Pair]:
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=delimiter):
            label = LABEL.get((row.get("label") or "").strip().lower())
            if label:
                premise = re.sub(r"\d+jpg\d", " ", row["premise"]) if source == "mpe" else row["premise"]
                yield _pair(row["hypothesis"], premise, label, source)


INFORMAL = ["", "", "", "my GP said ", "apparently ", "tbh ", "someone in my group said ", "I read that "]


def informal(sentence: str, rng: random.Random) -> str:
    """A forum-style retelling: lower case start, no final full stop, an occasional chatty lead-in."""
    s = sentence.strip().rstrip(".")
    s = s[:1].lower() + s[1:]
    s = re.sub(r"^it'?s important (that|to) ", "", s)
    return rng.choice(INFORMAL) + s


def corpus_sentences(held_out: bool) -> tuple[int, list[tuple[str, str]]]:
    """(documents, [(url, sentence)]) of the shipped corpus: the training pages, or with `held_out` the
    pages of the labelled claims' test split. Read once and shared by every builder of corpus pairs."""
    from claimcheck.corpus import canonical_url, read_snapshot
    from claimcheck.passages import corpus_passages

    held = held_out_urls()
    docs = [d for d in read_snapshot() if (canonical_url(d.url) in held) == held_out]
    return len(docs), [(doc.url, doc.text[p.start : p.end].strip()) for doc, p in corpus_passages(docs)]


def _by_doc(sentences: list[tuple[str, str]], min_words: int, max_words: int) -> dict[str, list[str]]:
    by_doc: dict[str, list[str]] = {}
    for url, text in sentences:
        if min_words <= len(text.split()) <= max_words:
            by_doc.setdefault(url, []).append(text)
    return by_doc


def corpus_pairs(sentences: list[tuple[str, str]], rng: random.Random, max_sentences: int) -> list[Pair]:
    """Pairs built from the shipped corpus: restatements, negated rewrites and near-topic sentences."""
    by_doc = _by_doc(sentences, 6, 45)
    candidates = [(url, s) for url, sents in by_doc.items() for s in sents if negate(s)]
    rng.shuffle(candidates)
    pairs: list[Pair] = []
    for url, s in candidates[:max_sentences]:
        neg = negate(s)
        assert neg is not None
        pairs.append(_pair(informal(s, rng), s, S, "corpus-restate"))
        pairs.append(_pair(informal(neg, rng), s, C, "corpus-negated"))
        if rng.random() < 0.5:
            pairs.append(_pair(informal(s, rng), neg, C, "corpus-negated"))
        others = [t for t in by_doc[url] if t != s and 1 <= _overlap(s, t) and _overlap(s, t) < 4]
        if others:
            t = rng.choice(others)
            pairs.append(_pair(informal(t, rng), s, N, "corpus-neighbour"))
            neg_t = negate(t)
            if neg_t and rng.random() < 0.5:
                pairs.append(_pair(informal(neg_t, rng), s, N, "corpus-neighbour"))
    return pairs


CHATTY_PRE = ["", "", "honestly ", "trust me, ", "my GP told me ", "ngl ", "from experience, ", "a friend said "]
CHATTY_POST = ["", "", " tbh", ", it worked for me", ", that's what I was told", "!!", " imo"]
_PROHIBIT = re.compile(
    r"(?:^|\byou\s+|\bto\s+)(?:do not|don['\u2019]t|never|should not|shouldn['\u2019]t)\s+(.+)", re.I
)
_RECOMMEND = re.compile(
    r"\b(?:you should|you need to|you can|it's important to|it is important to|try to)\s+(.+)", re.I
)


def _chatty(text: str, rng: random.Random) -> str:
    return rng.choice(CHATTY_PRE) + text + rng.choice(CHATTY_POST)


def advice_variants(sentence: str) -> list[tuple[str, str]]:
    """Forum-style advice a page sentence supports or contradicts: (claim, label) pairs.

    "Do not stop taking antidepressants suddenly" gives "it's fine to stop taking antidepressants
    suddenly" (contradicted) and "never stop taking antidepressants suddenly" (supported); "Talk to your
    GP" gives "there's no need to talk to your GP" (contradicted). These permission / prohibition flips
    are the shape harmful advice takes in support groups, which plain negation does not cover.
    """
    # List items ("Exercise obsessively") are symptoms, not advice; "If ..." sentences put a condition first.
    full = sentence.strip().endswith(".") and not re.match(r"(if|when|unless|although|while|because)\b", sentence, re.I)
    s = sentence.strip().rstrip(".!")
    first = re.match(r"([A-Za-z]+)\b", s) if full else None
    out: list[tuple[str, str]] = []
    m = _PROHIBIT.search(s)
    if m and len(m.group(1).split()) >= 2 and full:
        x = m.group(1)
        out += [(f"never {x}", S), (f"you shouldn't {x}", S), (f"don't {x}", S)]
        out += [(f"it's fine to {x}", C), (f"you can just {x}", C), (f"just {x}, it's fine", C), (f"it's ok to {x}", C)]
        return out
    m = _RECOMMEND.search(s)
    x = m.group(1) if m else (s[0].lower() + s[1:] if first and first.group(1).lower() in IMPERATIVE_STARTS else None)
    if x and len(x.split()) >= 2:
        out += [(f"you should {x}", S), (f"it's a good idea to {x}", S), (x, S)]
        out += [(f"there's no need to {x}", C), (f"you don't need to {x}", C), (f"don't bother trying to {x}", C)]
    return out


IMPERATIVE_STARTS = frozenset(
    "talk try see speak take keep get call ask tell contact visit find join eat drink exercise "
    "follow seek stay limit cut give check look plan book share".split()
)


def advice_pairs(sentences: list[tuple[str, str]], rng: random.Random, max_sentences: int) -> list[Pair]:
    """Stage 3: advice-shaped claims (see `advice_variants`) and chatty near-topic neutrals, same pages as before."""
    by_doc = _by_doc(sentences, 5, 40)
    cands = [(url, t, v) for url, sents in by_doc.items() for t in sents if (v := advice_variants(t))]
    rng.shuffle(cands)
    pairs: list[Pair] = []
    for url, t, variants in cands[:max_sentences]:
        sup = [v for v in variants if v[1] == S]
        con = [v for v in variants if v[1] == C]
        for claim, label in (rng.choice(sup), rng.choice(con)):
            pairs.append(_pair(_chatty(claim, rng), t, label, "corpus-advice"))
        others = [o for o in by_doc[url] if o != t and _overlap(o, t) < 3]
        if others:
            o = rng.choice(others)
            ov = advice_variants(o)
            claim = rng.choice(ov)[0] if ov else informal(o, rng)
            pairs.append(_pair(_chatty(claim, rng), t, N, "corpus-advice-neutral"))
    return pairs


_CONTRACTIONS = [
    ("are not", "aren't"),
    ("is not", "isn't"),
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("cannot", "can't"),
    ("will not", "won't"),
    ("should not", "shouldn't"),
    ("it is", "it's"),
    ("you are", "you're"),
    ("you will", "you'll"),
    ("did not", "didn't"),
    ("have not", "haven't"),
]


def toggle_contractions(sentence: str) -> str | None:
    """The same statement with its contractions expanded or made: "are not" <-> "aren't" (None if none)."""
    out = sentence
    for full, short in _CONTRACTIONS:
        if re.search(rf"\b{full}\b", out, re.I):
            out = re.sub(rf"\b{full}\b", short, out, flags=re.I)
        elif re.search(rf"\b{re.escape(short)}", out, re.I):
            out = re.sub(rf"\b{re.escape(short)}", full, out, flags=re.I)
    return out if out != sentence else None


def surface_pairs(sentences: list[tuple[str, str]], rng: random.Random, max_sentences: int) -> list[Pair]:
    """Stage 4: same meaning in other words of negation ("are not" / "aren't") is supported, a real flip is not.

    Stage 3 left the model calling "antidepressants aren't addictive" contradicted by "Antidepressants
    are not addictive": a negation spelled differently looked like a negation flipped.
    """
    cands = [t for _, t in sentences if 5 <= len(t.split()) <= 40 and toggle_contractions(t) and negate(t)]
    rng.shuffle(cands)
    pairs: list[Pair] = []
    for t in cands[:max_sentences]:
        same, neg = toggle_contractions(t), negate(t)
        pairs.append(_pair(_chatty(informal(same, rng), rng), t, S, "corpus-contraction"))
        pairs.append(_pair(_chatty(informal(neg, rng), rng), t, C, "corpus-negated"))
        variants = advice_variants(t)
        if variants:
            claim, label = rng.choice(variants)
            pairs.append(_pair(_chatty(claim, rng), t, label, "corpus-advice"))
    return pairs


def held_out_urls() -> set[str]:
    """Pages of the labelled claims' test split: never a source of training pairs."""
    from claimcheck.corpus import canonical_url

    with open(ROOT / "corpus" / "eval" / "claims.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {canonical_url(r["url"]) for r in rows if r["split"] == "test" and r.get("url")}


def licences(shared: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    base = shared / "datasets"
    with open(base / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[row["file"]] = row["licence"]
    with open(base / "MANIFEST_more_nli.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[f"{row['dataset']}/{row['file']}"] = row["licence"]
    return out


def sample(pairs: list[Pair], n: int, rng: random.Random) -> list[Pair]:
    return pairs if len(pairs) <= n else rng.sample(pairs, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "stance")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--corpus-sentences", type=int, default=2600)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    d = args.shared / "datasets"
    inputs = [
        "healthver/abstract_level/claims_train.jsonl",
        "healthver/abstract_level/corpus.jsonl",
        "scifact/claims_train.jsonl",
        "scifact/corpus.jsonl",
        "citation_integrity/claims_train.jsonl",
        "citation_integrity/corpus.jsonl",
        "check_covid/corpus.json",
        "check_covid/train/covidCheck_train_composed.json",
        "check_covid/train/covidCheck_train_extracted.json",
        "climate_fever/climate-fever.jsonl",
        "covidfact/rte_covidfact_train.tsv",
        "scifact_rte/rte_scifact_train.tsv",
        "fever_nli_dev/fever_rte_dev.tsv",
        "snli_esnli/snli_dev.tsv",
        "snli_esnli/snli_test.tsv",
        "mnli/dev.csv",
        "joci/train.csv",
        "mpe/train.csv",
    ]
    # HealthVer's one train claim that reappears verbatim in the test CSV is dropped.
    with open(d / "healthver" / "healthver_test.csv", encoding="utf-8", newline="") as f:
        hv_test = {r["claim"].strip().lower() for r in csv.DictReader(f)}
    healthver = [
        p
        for p in scifact_format(
            d / "healthver/abstract_level/claims_train.jsonl",
            d / "healthver/abstract_level/corpus.jsonl",
            "healthver",
            rng,
            context=True,
        )
        if p["claim"].lower() not in hv_test
    ]
    health = (
        healthver
        + list(scifact_format(d / "scifact/claims_train.jsonl", d / "scifact/corpus.jsonl", "scifact", rng, False))
        + sample(
            list(
                scifact_format(
                    d / "citation_integrity/claims_train.jsonl",
                    d / "citation_integrity/corpus.jsonl",
                    "citation-integrity",
                    rng,
                    False,
                )
            ),
            2500,
            rng,
        )
        + list(check_covid(args.shared))
        + sample(list(climate_fever(args.shared)), 3500, rng)
        + sample(list(rte(d / "covidfact/rte_covidfact_train.tsv", "covidfact-rte", 1, 2)), 1500, rng)
        + list(rte(d / "scifact_rte/rte_scifact_train.tsv", "scifact-rte", 1, 2))
    )
    n_docs, training_sentences = corpus_sentences(held_out=False)
    corpus = corpus_pairs(training_sentences, rng, args.corpus_sentences)
    general = (
        sample(
            list(nli_csv(d / "snli_esnli/snli_dev.tsv", "snli", "\t"))
            + list(nli_csv(d / "snli_esnli/snli_test.tsv", "snli", "\t")),
            3000,
            rng,
        )
        + sample(list(nli_csv(d / "mnli/dev.csv", "mnli")), 4500, rng)
        + sample(list(nli_csv(d / "joci/train.csv", "joci")), 1000, rng)
        + sample(list(nli_csv(d / "mpe/train.csv", "mpe")), 500, rng)
        + sample(list(rte(d / "fever_nli_dev/fever_rte_dev.tsv", "fever-rte", 0, 1)), 1000, rng)
    )
    keep = lambda ps: [p for p in ps if p["claim"] and p["evidence"]]  # noqa: E731
    # Stage 2 revisits what is closest to the product's input: HealthVer's snippets and the corpus pairs.
    matched = [p for p in health if p["source"] in ("healthver", "check-covid", "scifact")] + corpus
    stage1, stage2 = keep(general + health + corpus), keep(sample(matched, 12000, rng))
    rng.shuffle(stage1)
    rng.shuffle(stage2)
    # Stage 3 (own generator, so stages 1 and 2 stay byte-identical): advice-shaped corpus pairs plus a
    # replay of HealthVer, corpus and MNLI pairs so the model keeps what it learnt.
    rng3 = random.Random(args.seed + 3)
    replay = (
        sample([p for p in health if p["source"] == "healthver"], 2500, rng3)
        + sample(corpus, 1500, rng3)
        + sample([p for p in general if p["source"] == "mnli"], 1000, rng3)
    )
    stage3 = keep(advice_pairs(training_sentences, rng3, 2500) + replay)
    rng3.shuffle(stage3)
    rng4 = random.Random(args.seed + 4)
    stage4 = keep(surface_pairs(training_sentences, rng4, 1200) + sample(stage3, 1500, rng4))
    rng4.shuffle(stage4)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("stage1", stage1), ("stage2", stage2), ("stage3", stage3), ("stage4", stage4)):
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for p in rows:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    lic = licences(args.shared)
    manifest = {
        "seed": args.seed,
        "inputs": {k: {"sha256": sha256_file(d / k), "licence": lic.get(k, "")} for k in inputs},
        "corpus": {"documents": n_docs, "held_out_pages": len(held_out_urls())},
        **{
            name: {
                "pairs": len(rows),
                "by_source": Counter(p["source"] for p in rows),
                "by_label": Counter(p["label"] for p in rows),
            }
            for name, rows in (("stage1", stage1), ("stage2", stage2), ("stage3", stage3), ("stage4", stage4))
        },
        "files": {n: sha256_file(args.out / f"{n}.jsonl") for n in ("stage1", "stage2", "stage3", "stage4")},
    }
    (args.out / "data_manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: manifest[k] for k in ("stage1", "stage2", "stage3", "stage4", "corpus")}, indent=1))


if __name__ == "__main__":
    main()
