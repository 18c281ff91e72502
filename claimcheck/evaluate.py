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

    Ids must be unique, so a per-item report can be joined back to the file.
    """
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


def evaluate_claims(checker: Checker, items: Sequence[ClaimItem]) -> dict[str, Any]:
    """Run each message through the full pipeline; its most severe claim verdict is the prediction.

    Items that carry gold `evidence` sentences also measure retrieval: is a gold sentence among the
    top-k candidates the verdict step sees?
    """
    gold, pred, harmful, rows = [], [], [], []
    for item in items:
        result = checker.check(item.text)
        label = most_severe([c.label for c in result.claims])
        gold.append(item.label)
        pred.append(label)
        harmful.append(item.harmful)
        rows.append({"id": item.id, "gold": item.label, "pred": label})
    report = classification_report(gold, pred, harmful)
    with_evidence = [
        (i.text, [e for e in i.extra.get("evidence", []) if isinstance(e, str) and e.strip()]) for i in items
    ]
    with_evidence = [(t, ev) for t, ev in with_evidence if ev]
    if with_evidence:
        report["retrieval"] = retrieval_recall(checker, with_evidence)
    report["predictions"] = rows
    return report


def _same_sentence(gold: str, quote: str) -> bool:
    """Whitespace-insensitive match; a gold list item may be quoted with or without its lead-in."""
    g, q = " ".join(gold.split()), " ".join(quote.split())
    return g == q or (len(q) >= 20 and (q in g or g in q))


def retrieval_recall(
    checker: Checker, gold: Sequence[tuple[str, Sequence[str]]], ks: Sequence[int] = (1, 5, 10, 20)
) -> dict[str, Any]:
    """Share of claims with a gold evidence sentence among the top-k reranked candidates."""
    from claimcheck.retrieve import retrieve

    index = checker.index
    all_hits = retrieve(index, checker.embedder, [t for t, _ in gold], k=max(max(ks), 30))
    found = dict.fromkeys(ks, 0)
    for (claim, sentences), hits in zip(gold, all_hits, strict=True):
        ranked = checker.rerank(claim, hits)
        quotes = [index.quote(h.row) for h in ranked[: max(ks)]]
        first = next((r for r, q in enumerate(quotes) if any(_same_sentence(g, q) for g in sentences)), None)
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
