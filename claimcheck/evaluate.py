"""Load labelled evaluation files and compute the metrics that `claimcheck eval` reports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.errors import ClaimcheckError
from claimcheck.models import LABELS, Label

if TYPE_CHECKING:  # the pipeline pulls in the index and models; only type checkers need it here
    from claimcheck.pipeline import Checker

__all__ = [
    "ClaimItem",
    "StanceItem",
    "EvalFileError",
    "load_claims_file",
    "load_stance_file",
    "most_severe",
    "classification_report",
    "format_report",
    "evaluate_claims",
    "evaluate_stance",
    "retrieval_recall",
    "reliability",
    "isotonic_steps",
]

# Most severe first: a contradicted claim anywhere in a message decides it, then a supported one.
SEVERITY: tuple[Label, ...] = ("contradicted", "supported", "unverified")
# NLI-style names accepted in stance files, so public NLI sets can be scored without rewriting them.
_STANCE_ALIASES: dict[str, Label] = {
    "entailment": "supported",
    "entail": "supported",
    "contradiction": "contradicted",
    "contradict": "contradicted",
    "neutral": "unverified",
}
_CLAIM_KEYS = ("id", "text", "label")
_STANCE_KEYS = ("claim", "evidence", "label")


class EvalFileError(ClaimcheckError):
    """An evaluation file cannot be used; the message names the file, the line and the problem."""


class ClaimItem(BaseModel):
    """One labelled message; keys other than id/text/label/harmful (split, url, topic...) stay in `extra`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    label: Label
    harmful: bool = False
    extra: dict[str, Any] = Field(default_factory=dict)


class StanceItem(BaseModel):
    """One (claim, evidence sentence) pair with the stance the evidence takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim: str
    evidence: str
    label: Label
    extra: dict[str, Any] = Field(default_factory=dict)


def _short(value: object, limit: int = 40) -> str:
    """A one-line, bounded rendering of a bad value for an error message."""
    text = json.dumps(value, ensure_ascii=True) if not isinstance(value, str) else repr(value)
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _read_objects(path: Path | str, required: Sequence[str]) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank JSONL line, or EvalFileError on the first bad one."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise EvalFileError(f"{p}: cannot read file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EvalFileError(f"{p}, line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    text = text.removeprefix("\ufeff")
    out: list[tuple[int, dict[str, Any]]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{p}, line {n}: bad JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise EvalFileError(f"{p}, line {n}: expected a JSON object, got {type(obj).__name__}")
        missing = [k for k in required if k not in obj]
        if missing:
            raise EvalFileError(f"{p}, line {n}: missing key {', '.join(repr(k) for k in missing)}")
        out.append((n, obj))
    if not out:
        raise EvalFileError(f"{p}: empty file (expected one JSON object per line)")
    return out


def _label(p: Path | str, n: int, value: object, aliases: dict[str, Label] | None = None) -> Label:
    if isinstance(value, str):
        key = value.strip().lower()
        if key in LABELS:
            return key  # type: ignore[return-value]
        if aliases and key in aliases:
            return aliases[key]
    expected = ", ".join(LABELS)
    raise EvalFileError(f"{p}, line {n}: unknown label {_short(value)} (expected one of {expected})")


def _text(p: Path | str, n: int, obj: dict[str, Any], key: str) -> str:
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        raise EvalFileError(f"{p}, line {n}: {key!r} must be a non-empty string, got {_short(value)}")
    return value


def load_claims_file(path: Path | str) -> list[ClaimItem]:
    """Read `{"id", "text", "label", "harmful"?, ...}` lines; a bad file raises EvalFileError naming the line.

    A folder means every `*.jsonl` in it (the claim bank, `corpus/claims/`). Ids must be unique, so a
    per-item report can be joined back to the file.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.jsonl"))
        if not files:
            raise EvalFileError(f"{p}: no .jsonl files in this folder")
        items = [i for f in files for i in load_claims_file(f)]
        seen: set[str] = set()
        for i in items:
            if i.id in seen:
                raise EvalFileError(f"{p}: duplicate id {i.id!r} across files")
            seen.add(i.id)
        return items
    items: list[ClaimItem] = []
    first_line: dict[str, int] = {}
    for n, obj in _read_objects(path, _CLAIM_KEYS):
        raw_id = obj["id"]
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
            raise EvalFileError(f"{path}, line {n}: 'id' must be a non-empty string, got {_short(raw_id)}")
        item_id = str(raw_id)
        if item_id in first_line:
            raise EvalFileError(f"{path}, line {n}: duplicate id {item_id!r} (first on line {first_line[item_id]})")
        first_line[item_id] = n
        harmful = obj.get("harmful", False)
        if not isinstance(harmful, bool):
            raise EvalFileError(f"{path}, line {n}: 'harmful' must be true or false, got {_short(harmful)}")
        extra = {k: v for k, v in obj.items() if k not in (*_CLAIM_KEYS, "harmful")}
        items.append(
            ClaimItem(
                id=item_id,
                text=_text(path, n, obj, "text"),
                label=_label(path, n, obj["label"]),
                harmful=harmful,
                extra=extra,
            )
        )
    return items


def load_stance_file(path: Path | str) -> list[StanceItem]:
    """Read `{"claim", "evidence", "label"}` lines (NLI names like "entailment" are accepted and mapped)."""
    return [
        StanceItem(
            claim=_text(path, n, obj, "claim"),
            evidence=_text(path, n, obj, "evidence"),
            label=_label(path, n, obj["label"], _STANCE_ALIASES),
            extra={k: v for k, v in obj.items() if k not in _STANCE_KEYS},
        )
        for n, obj in _read_objects(path, _STANCE_KEYS)
    ]


def most_severe(labels: Sequence[str]) -> Label:
    """A whole message's verdict: contradicted > supported > unverified; nothing checkable is unverified."""
    present = set(labels)
    unknown = present - set(LABELS) - {"not_checkable"}
    if unknown:
        raise ValueError(f"unknown labels: {sorted(unknown)}")
    return next((lab for lab in SEVERITY if lab in present), "unverified")


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def classification_report(
    gold: Sequence[str], pred: Sequence[str], harmful: Sequence[bool] | None = None
) -> dict[str, Any]:
    """Accuracy, macro-F1 over the three labels, per-label P/R/F1/support and the gold x predicted confusion.

    Zero divisions give 0.0. Macro-F1 always averages all three labels, so a label that is never gold and
    never predicted counts as 0.0; that keeps numbers comparable across subsets. A predicted "not_checkable"
    counts as unverified (nothing in the message was checked). `harmful_supported` counts harmful items called
    supported, the error that matters most for users.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")
    if harmful is not None and len(harmful) != len(gold):
        raise ValueError(f"harmful has {len(harmful)} flags but there are {len(gold)} items")
    pred = ["unverified" if p == "not_checkable" else p for p in pred]
    for name, seq in (("gold", gold), ("pred", pred)):
        bad = sorted(set(seq) - set(LABELS))
        if bad:
            raise ValueError(f"unknown {name} labels: {bad}")
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    per_label: dict[str, dict[str, float | int]] = {}
    for lab in LABELS:
        tp = confusion[lab][lab]
        support = sum(confusion[lab].values())
        predicted = sum(confusion[g][lab] for g in LABELS)
        precision, recall = _ratio(tp, predicted), _ratio(tp, support)
        f1 = _ratio(2 * tp, support + predicted)  # == 2PR / (P + R), and 0.0 when both are 0
        per_label[lab] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    n = len(gold)
    report: dict[str, Any] = {
        "n": n,
        "accuracy": _ratio(sum(confusion[lab][lab] for lab in LABELS), n),
        "macro_f1": sum(float(per_label[lab]["f1"]) for lab in LABELS) / len(LABELS),
        "per_label": per_label,
        "confusion": confusion,
    }
    if harmful is not None:
        report["harmful_supported"] = sum(1 for h, p in zip(harmful, pred, strict=True) if h and p == "supported")
    return report


def format_report(report: dict[str, Any]) -> str:
    """Plain-text tables for a terminal: headline numbers, per-label scores, then the confusion matrix."""
    lines = [
        f"items: {report['n']}   accuracy: {report['accuracy']:.3f}   macro-F1: {report['macro_f1']:.3f}",
        "",
    ]
    width = max(len(lab) for lab in LABELS) + 2
    lines.append(f"{'label':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for lab in LABELS:
        s = report["per_label"][lab]
        lines.append(f"{lab:<{width}}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>10.3f}{s['support']:>10d}")
    lines += ["", "confusion (rows: gold, columns: predicted)"]
    head = "gold \\ predicted"
    cell = max(len(lab) for lab in LABELS) + 2
    first = max(width, len(head) + 2)
    lines.append(f"{head:<{first}}" + "".join(f"{lab:>{cell}}" for lab in LABELS))
    for g in LABELS:
        lines.append(f"{g:<{first}}" + "".join(f"{report['confusion'][g][p]:>{cell}d}" for p in LABELS))
    if "harmful_supported" in report:
        lines += ["", f"harmful items predicted supported: {report['harmful_supported']}"]
    if "decided" in report:
        lines += [
            f"coverage (given a label): {report['coverage']:.3f}   decidable items labelled right: "
            f"{report['decided']:.3f}   deciding sentence among the shown quotes: {report['quote_shown']:.3f}"
        ]
    if "calibration" in report:
        cal = report["calibration"]
        cells = "   ".join(
            f"{r['bin']}: n={r['n']} conf {r['confidence']:.2f} acc {r['accuracy']:.2f}" for r in cal["table"]
        )
        lines += [f"confidence ECE: {cal['ece']:.3f}   {cells}"]
    if "retrieval" in report:
        r = report["retrieval"]
        recalls = "   ".join(f"{k} {v:.3f}" for k, v in r.items() if k.startswith("recall@"))
        lines += ["", f"gold evidence retrieved (n={r['n']}): {recalls}"]
    return "\n".join(lines)


def _stance_label(entail: float, contradict: float, neutral: float) -> Label:
    best = max(entail, contradict, neutral)
    if contradict == best:
        return "contradicted"
    return "supported" if entail == best else "unverified"


def gold_sentences(item: ClaimItem) -> list[str]:
    """The sentences that decide an item: `quotes` (claim bank) or `evidence` (the first labelled set)."""
    raw = item.extra.get("quotes") or item.extra.get("evidence") or []
    return [e for e in raw if isinstance(e, str) and e.strip()]


def _deciding_claim(labels: Sequence[str], label: str, confidences: Sequence[float]) -> int | None:
    """Which claim of a message carried its verdict: the most confident one with the message's label."""
    picks = [i for i, lab in enumerate(labels) if lab == label]
    return max(picks, key=lambda i: confidences[i]) if picks else None


def reliability(confidence: Sequence[float], correct: Sequence[bool], bins: int = 5) -> dict[str, Any]:
    """Expected calibration error and a reliability table (equal-width confidence bins)."""
    table = []
    ece = 0.0
    n = len(confidence)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not idx:
            continue
        conf = sum(confidence[i] for i in idx) / len(idx)
        acc = sum(1 for i in idx if correct[i]) / len(idx)
        ece += len(idx) / n * abs(conf - acc)
        table.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "confidence": round(conf, 4), "accuracy": round(acc, 4)}
        )
    return {"ece": round(ece, 4) if n else 0.0, "table": table}


def isotonic_steps(x: Sequence[float], y: Sequence[float], increasing: bool = True) -> tuple[list[float], list[float]]:
    """Isotonic step function fitted by pool-adjacent-violators: (ascending cut points, probability per step).

    Step i holds for scores from cuts[i] up to cuts[i+1]; a cut sits halfway between neighbouring blocks.
    Probabilities are Laplace-smoothed ((right + 1) / (n + 2)) so a few items never give 0 or 1.
    """
    import numpy as np

    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    # Equal scores start as one block: a lookup cannot tell them apart, so PAV must not split them (split ties
    # gave two cuts at the same score, and the first block's probability was never read).
    values, inverse = np.unique(xs, return_inverse=True)
    sums = np.bincount(inverse, weights=ys, minlength=len(values))
    counts = np.bincount(inverse, minlength=len(values))
    blocks: list[list[float]] = []  # [sum of y, count, lowest x, highest x]
    for i in range(len(values)) if increasing else reversed(range(len(values))):
        blocks.append([float(sums[i]), float(counts[i]), float(values[i]), float(values[i])])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s_, c_, lo, hi = blocks.pop()
            b = blocks[-1]
            b[0], b[1], b[2], b[3] = b[0] + s_, b[1] + c_, min(b[2], lo), max(b[3], hi)
    if not increasing:
        blocks.reverse()  # now ascending in x, probabilities falling
    cuts = [-1.0] + [(blocks[j - 1][3] + blocks[j][2]) / 2 for j in range(1, len(blocks))]
    smoothed = np.array([(s_ + 1) / (c_ + 2) for s_, c_, _, _ in blocks])
    # Smoothing can invert neighbours of unequal size (1/10 -> 0.17 next to 0/2 -> 0.25): restore the order.
    probs = np.maximum.accumulate(smoothed) if increasing else np.minimum.accumulate(smoothed)
    return cuts, [float(p) for p in probs]


def evaluate_claims(checker: Checker, items: Sequence[ClaimItem]) -> dict[str, Any]:
    """Run each message through the full pipeline; its most severe claim verdict is the prediction.

    Besides the classification report: `decided` (share of gold supported/contradicted items given their
    right label), `coverage` (share of items given a label at all), `quote_shown` (share of items with gold
    sentences whose deciding sentence is among the quotes a person is shown, `plain.shown_evidence`), the reliability of
    `confidence` (probability that the label is right) and, where items carry gold sentences, retrieval
    recall among the candidates the stance step sees.
    """
    from claimcheck.plain import shown_evidence

    gold, pred, harmful, rows = [], [], [], []
    confidence: list[float] = []
    shown = shown_n = 0
    for item in items:
        result = checker.check(item.text)
        labels = [c.label for c in result.claims]
        label = most_severe(labels)
        pick = _deciding_claim(labels, label, [c.confidence for c in result.claims])
        conf = result.claims[pick].confidence if pick is not None else 0.0
        gold.append(item.label)
        pred.append(label)
        harmful.append(item.harmful)
        confidence.append(conf)
        sentences = gold_sentences(item)
        if sentences:
            shown_n += 1
            quotes = [e.quote for c in result.claims for e in shown_evidence(c)]
            shown += any(same_sentence(g, q) for g in sentences for q in quotes)
        rows.append({"id": item.id, "gold": item.label, "pred": label, "confidence": conf})
    report = classification_report(gold, pred, harmful)
    decidable = [i for i, g in enumerate(gold) if g != "unverified"]
    report["decided"] = _ratio(sum(1 for i in decidable if pred[i] == gold[i]), len(decidable))
    report["coverage"] = _ratio(sum(1 for p in pred if p in ("supported", "contradicted")), len(pred))
    report["quote_shown"] = _ratio(shown, shown_n)
    report["calibration"] = reliability(confidence, [g == p for g, p in zip(gold, pred, strict=True)])
    with_evidence = [(i.text, gold_sentences(i)) for i in items]
    with_evidence = [(t, ev) for t, ev in with_evidence if ev]
    if with_evidence:
        report["retrieval"] = retrieval_recall(checker, with_evidence)
    report["predictions"] = rows
    return report


def same_sentence(gold: str, quote: str) -> bool:
    """Whitespace-insensitive match; a gold list item may be quoted with or without its lead-in."""
    g, q = " ".join(gold.split()), " ".join(quote.split())
    return g == q or (len(q) >= 20 and (q in g or g in q))


def retrieval_recall(
    checker: Checker, gold: Sequence[tuple[str, Sequence[str]]], ks: Sequence[int] = (1, 3, 5, 10, 20)
) -> dict[str, Any]:
    """Share of claims with a gold evidence sentence among the top-k candidates (bank matches first)."""
    from claimcheck.retrieve import retrieve

    index = checker.index
    texts = [t for t, _ in gold]
    vectors = checker.embedder.embed_batch(texts)
    all_hits = retrieve(
        index, checker.embedder, texts, k=max(max(ks), 30), query_vectors=vectors, dense_weight=checker.dense_weight
    )
    found = dict.fromkeys(ks, 0)
    for qi, ((claim, sentences), hits) in enumerate(zip(gold, all_hits, strict=True)):
        ranked, _ = checker.ranked_hits(claim, hits, vectors[qi])
        quotes = [index.quote(h.row) for h in ranked[: max(ks)]]
        first = next((r for r, q in enumerate(quotes) if any(same_sentence(g, q) for g in sentences)), None)
        for k in ks:
            found[k] += first is not None and first < k
    return {"n": len(gold), **{f"recall@{k}": _ratio(found[k], len(gold)) for k in ks}}


def evaluate_stance(checker: Checker, items: Sequence[StanceItem]) -> dict[str, Any]:
    """Score the stance model alone: the argmax of its three probabilities is the prediction.

    The pair's embedding cosine is passed as relevance where the scorer uses it (the baseline does, the
    cross-encoder does not), exactly as the pipeline passes the retrieval cosine.
    """
    if not items:
        return classification_report([], [])
    relevance = None
    if getattr(checker.stance, "uses_relevance", True):
        claims = checker.embedder.embed_batch([i.claim for i in items])
        evidence = checker.embedder.embed_batch([i.evidence for i in items])
        relevance = [float(x) for x in (claims * evidence).sum(axis=1)]
    scores = checker.stance.score([(i.claim, i.evidence) for i in items], relevance)
    pred = [_stance_label(s.entail, s.contradict, s.neutral) for s in scores]
    return classification_report([i.label for i in items], pred)
