"""Assign snapshot documents to bank splits, convert the old labelled claims, and dump pages for writers.

Run once when the bank was started (kept so the split can be audited and re-derived):
  python scripts/bank_setup.py --dump /tmp/bank
Documents that decide an old labelled claim keep that claim's split (dev or test); the rest are shuffled
with a fixed seed, stratified by publisher, into cold (held out from everything), train, dev and test.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from claimcheck.corpus import read_snapshot
from claimcheck.passages import document_passages
from claimcheck.safety import harmful_family

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "corpus" / "claims"
SEED = 20261203
SHARES = (("cold", 30), ("dev", 15), ("test", 15))  # the rest go to train


def snapshot_url(url: str) -> str:
    """MedQuAD records name MedlinePlus pages by their old address; the snapshot has the current one."""
    return url.replace("://www.nlm.nih.gov/medlineplus/", "://medlineplus.gov/")


def assign(docs, old) -> dict[str, str]:
    url_split = {snapshot_url(c["url"]): c["split"] for c in old if c["url"]}
    splits = {d.id: url_split[d.url] for d in docs if d.url in url_split}
    free = defaultdict(list)
    for d in sorted(docs, key=lambda d: d.id):
        if d.id not in splits:
            free[d.publisher].append(d.id)
    rng = random.Random(SEED)
    order: list[str] = []
    for pub in sorted(free):  # interleave publishers so every split gets a spread of them
        rng.shuffle(free[pub])
    while any(free.values()):
        for pub in sorted(free):
            if free[pub]:
                order.append(free[pub].pop())
    pos = 0
    for split, n in SHARES:
        for doc_id in order[pos : pos + n]:
            splits[doc_id] = split
        pos += n
    for doc_id in order[pos:]:
        splits[doc_id] = "train"
    return dict(sorted(splits.items()))


def convert_old(docs, old) -> list[dict]:
    by_url = {d.url: d for d in docs}
    ids = {c["id"] for c in old}
    dropped = {"mq-selfharm-urge-01a", "mq-selfharm-urge-01b"}
    out = []
    for c in old:
        doc = by_url.get(snapshot_url(c["url"]))
        # A list item the snapshot's cleaner dropped ("Previous suicide attempt") cannot be quoted.
        quotes = [q for q in c["evidence"] if doc and " ".join(q.split()) in " ".join(doc.text.split())]
        if c["label"] != "unverified" and not quotes:
            continue  # MedQuAD's self-harm wording is not on the current page: nothing left to quote
        stem, end = c["id"][:-1], c["id"][-1]
        twin = stem + {"a": "b", "b": "a"}.get(end, "?")
        fam = harmful_family(c["text"]) or "other" if c["harmful"] else None
        out.append(
            {
                "id": c["id"],
                "text": c["text"],
                "label": c["label"],
                "quotes": quotes,
                "url": doc.url if doc else "",
                "doc_id": doc.id if doc else "",
                "harmful": c["harmful"],
                "harmful_family": fam,
                "topic": c["topic"],
                "twin": twin if twin in ids and twin not in dropped else None,
                "split": c["split"],
                "voice": "forum member, informal (project's first set)",
                "source": "corpus/eval/claims.jsonl",
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dump", type=Path, help="write one text file per document, by split, for writers")
    args = ap.parse_args()
    docs = read_snapshot()
    old = [json.loads(x) for x in (ROOT / "corpus/eval/claims.jsonl").read_text().splitlines() if x.strip()]
    splits = assign(docs, old)
    (BANK / "doc_splits.json").write_text(json.dumps(splits, indent=1) + "\n")
    with (BANK / "seed.jsonl").open("w") as f:
        for c in convert_old(docs, old):
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    if args.dump:
        for d in docs:
            folder = args.dump / splits[d.id]
            folder.mkdir(parents=True, exist_ok=True)
            lines = [f"doc_id: {d.id}", f"url: {d.url}", f"publisher: {d.publisher}", f"title: {d.title}", ""]
            for p in document_passages(d):
                head = f"[{p.heading}] " if p.heading else ""
                lines.append(f"{head}{d.text[p.start : p.end]}")
            (folder / f"{d.id}.txt").write_text("\n".join(lines) + "\n")
    from collections import Counter

    print(Counter(splits.values()))


if __name__ == "__main__":
    main()
