"""Score claimcheck's abuse detector on held-out messages and on the test exports.

Prints precision and recall (overall, per kind and per language) on a JSONL file of
{id, text, label: abusive|fine, kind, lang}, then the share of messages flagged in every export under
tests/data/exports/ (read with claimcheck's batch parsers). Those exports were written as ordinary group
chat, so every flag there is counted as a false positive unless --exports-abusive-ok is given; the
flagged messages are listed so a person can check.

    python scripts/eval_abuse.py                          # tests/data/abuse_heldout.jsonl + the exports
    python scripts/eval_abuse.py other.jsonl --json       # machine-readable
    python scripts/eval_abuse.py --show-errors            # also print every miss and false flag
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.abuse import ABUSE_KINDS, detect_abuse  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "abuse_heldout.jsonl"
EXPORTS = ROOT / "tests" / "data" / "exports"
BANK = ROOT / "corpus" / "claims"


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score_heldout(path: Path, show_errors: bool) -> dict:
    """Precision / recall of 'abusive' overall, per gold kind and per language; kind agreement."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = tn = 0
    per_kind: dict[str, Counter] = defaultdict(Counter)
    per_lang: dict[str, Counter] = defaultdict(Counter)
    fine_kind: dict[str, Counter] = defaultdict(Counter)
    predicted: Counter = Counter()
    predicted_right: Counter = Counter()
    errors: list[str] = []
    started = time.perf_counter()
    for row in rows:
        flag = detect_abuse(row["text"])
        gold = row["label"] == "abusive"
        lang = row.get("lang") or "?"
        kind = row.get("kind") or "?"
        if flag is not None:
            predicted[flag.kind] += 1
            predicted_right[flag.kind] += gold
        if gold:
            per_kind[kind]["n"] += 1
            per_lang[lang]["pos"] += 1
            if flag is not None:
                tp += 1
                per_kind[kind]["flagged"] += 1
                per_kind[kind]["same_kind"] += flag.kind == kind
                per_lang[lang]["tp"] += 1
            else:
                fn += 1
                errors.append(f"MISS  [{kind}/{lang}] {row['text']}")
        else:
            per_lang[lang]["neg"] += 1
            fine_kind[kind]["n"] += 1
            if flag is not None:
                fp += 1
                per_lang[lang]["fp"] += 1
                fine_kind[kind]["fp"] += 1
                errors.append(f"FALSE [{kind}/{lang}] {row['text']}  <- {flag.kind}: {flag.span.text!r}")
            else:
                tn += 1
    seconds = time.perf_counter() - started
    if show_errors:
        print("\n".join(errors))
    return {
        "file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
        "messages": len(rows),
        "abusive": tp + fn,
        "fine": fp + tn,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "false_positive_rate": _ratio(fp, fp + tn),
        "per_kind": {
            k: {
                "n": c["n"],
                "recall": _ratio(c["flagged"], c["n"]),
                "recall_same_kind": _ratio(c["same_kind"], c["n"]),
                "predicted": predicted[k],
                "precision": _ratio(predicted_right[k], predicted[k]),
            }
            for k, c in sorted(per_kind.items())
        }
        | {
            k: {"n": 0, "predicted": predicted[k], "precision": _ratio(predicted_right[k], predicted[k])}
            for k in ABUSE_KINDS
            if k not in per_kind and predicted[k]
        },
        "per_lang": {
            lang: {
                "abusive": c["pos"],
                "recall": _ratio(c["tp"], c["pos"]),
                "fine": c["neg"],
                "false_positive_rate": _ratio(c["fp"], c["neg"]),
            }
            for lang, c in sorted(per_lang.items())
        },
        "fine_by_kind": {k: {"n": c["n"], "flagged": c["fp"]} for k, c in sorted(fine_kind.items())},
        "messages_per_second": round(len(rows) / seconds, 1) if seconds else None,
    }


def score_exports(folder: Path) -> dict:
    """Share of messages flagged in each export, read with the batch parsers; the flags are listed."""
    from claimcheck.batch.parsers import read_export
    from claimcheck.batch.records import Message

    per_file: dict[str, dict] = {}
    total = flagged_total = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        export = read_export([path])
        messages = [r for r in export.records() if isinstance(r, Message)]
        flags = [(m, detect_abuse(m.text)) for m in messages]
        hits = [
            {"id": m.id, "kind": f.kind, "span": f.span.text, "text": m.text[:160]} for m, f in flags if f is not None
        ]
        per_file[path.name] = {"messages": len(messages), "flagged": len(hits), "flags": hits}
        total += len(messages)
        flagged_total += len(hits)
    return {
        "folder": str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder),
        "messages": total,
        "flagged": flagged_total,
        "false_positive_rate": _ratio(flagged_total, total),
        "files": per_file,
    }


def score_bank(folder: Path) -> dict:
    """Share of claim-bank posts flagged: advice in many voices, none of it aimed at a member (not held out:
    the rules were checked against it during development)."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    hits = [(t, f) for t in texts if (f := detect_abuse(t)) is not None]
    return {
        "posts": len(texts),
        "flagged": len(hits),
        "false_positive_rate": _ratio(len(hits), len(texts)),
        "flags": [{"kind": f.kind, "span": f.span.text, "text": t[:160]} for t, f in hits],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("heldout", nargs="?", type=Path, default=HELDOUT)
    parser.add_argument("--exports", type=Path, default=EXPORTS)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-errors", action="store_true", help="print every miss and false flag")
    args = parser.parse_args()
    result = {
        "heldout": score_heldout(args.heldout, args.show_errors),
        "exports": score_exports(args.exports),
        "claim_bank": score_bank(BANK),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    h = result["heldout"]
    print(f"held-out: {h['file']}: {h['messages']} messages ({h['abusive']} abusive, {h['fine']} fine)")
    print(
        f"  precision {h['precision']}  recall {h['recall']}  F1 {h['f1']}  "
        f"false-positive rate on fine {h['false_positive_rate']}  ({h['messages_per_second']} messages/s)"
    )
    print("  per kind (recall: flagged at all; same kind: flagged with the gold kind; precision: of the flags")
    print("  given this kind, the share on abusive messages)")
    for kind, c in h["per_kind"].items():
        print(
            f"    {kind:<15} n={c['n']:<4} recall {c.get('recall')}  same kind {c.get('recall_same_kind')}  "
            f"predicted {c['predicted']}  precision {c['precision']}"
        )
    print("  per language")
    for lang, c in h["per_lang"].items():
        print(
            f"    {lang:<4} abusive {c['abusive']:<4} recall {c['recall']}   fine {c['fine']:<4} "
            f"false-positive rate {c['false_positive_rate']}"
        )
    if any(k != "?" for k in h["fine_by_kind"]):
        print("  fine messages flagged, by their kind")
        for kind, c in h["fine_by_kind"].items():
            print(f"    {kind:<28} {c['flagged']} of {c['n']}")
    e = result["exports"]
    print(
        f"exports: {e['folder']}: {e['messages']} messages, {e['flagged']} flagged "
        f"(false-positive rate {e['false_positive_rate']})"
    )
    for name, c in e["files"].items():
        print(f"    {name:<32} {c['messages']:>4} messages, {c['flagged']} flagged")
        for hit in c["flags"]:
            print(f"      {hit['kind']}: {hit['span']!r} in {hit['text']!r}")
    b = result["claim_bank"]
    print(
        f"claim bank (corpus/claims, not held out): {b['posts']} posts, {b['flagged']} flagged "
        f"(false-positive rate {b['false_positive_rate']})"
    )
    for hit in b["flags"]:
        print(f"      {hit['kind']}: {hit['span']!r} in {hit['text']!r}")


if __name__ == "__main__":
    main()
