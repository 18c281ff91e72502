"""The claim bank: labelled advice as people post it, each tied to the verbatim sentences that decide it.

The bank (`corpus/claims/*.jsonl`, schema in `corpus/claims/README.md`) is what verdict quality is measured
and trained on. Its splits are by document (`corpus/claims/doc_splits.json`), so no page's sentences serve
both training and evaluation; `validate_bank` enforces that, the verbatim quotes and the twin links.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Document, Label

Split = Literal["train", "dev", "test", "cold"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test", "cold")
HARMFUL_FAMILIES = (
    "skip_emergency",
    "self_harm_encouragement",
    "pro_eating_disorder",
    "mix_substances",
    "miracle_cure",
    "stop_medication",
    "other",
)


class BankError(ClaimcheckError):
    """A bank file cannot be read; the message names the file and line."""


class BankClaim(BaseModel):
    """One piece of advice as posted, with its label and the verbatim sentence(s) that decide it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="unique id; twins reference each other by it")
    text: str = Field(min_length=1, description="the post as a person would write it")
    label: Label = Field(description="supported / contradicted by the quoted page, or unverified (pages silent)")
    quotes: tuple[str, ...] = Field((), description="sentences copied verbatim from the document; () if unverified")
    url: str = Field("", description="the deciding document's URL in the shipped snapshot; '' if unverified")
    doc_id: str = Field("", description="snapshot document id of `url`; '' if unverified")
    harmful: bool = Field(False, description="acting on the text could hurt someone")
    harmful_family: str | None = Field(None, description="one of HARMFUL_FAMILIES when harmful")
    topic: str = Field(min_length=1, description="short slug: condition, medicine class or theme")
    twin: str | None = Field(None, description="id of the opposite twin (same subject, opposite label)")
    split: Split
    voice: str = Field("", description="who the text imitates (forum, age, region), for style balance")
    source: str = Field("", description="who wrote the item (which writing pass)")


def _norm(text: str) -> str:
    """Compare quotes ignoring whitespace runs and Unicode compatibility forms (no-break spaces)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def read_bank(paths: Iterable[Path | str]) -> list[BankClaim]:
    """Every claim in the given JSONL files; BankError names the first bad line."""
    out: list[BankClaim] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BankError(f"{path}: cannot read ({exc})") from None
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                out.append(BankClaim.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise BankError(f"{path}:{n}: {str(exc).splitlines()[0]}") from None
    return out


def bank_files(folder: Path | str) -> list[Path]:
    """The bank's JSONL files, in a stable order."""
    return sorted(Path(folder).glob("*.jsonl"))


def validate_bank(
    claims: Sequence[BankClaim], docs: Sequence[Document], doc_splits: Mapping[str, str] | None = None
) -> list[str]:
    """Every problem found, one line each ([] when the bank is sound).

    Checks: ids unique; supported/contradicted items quote 1+ sentences verbatim from their document and
    unverified items quote none; the document's split matches the item's (splits disjoint by document);
    twins exist, point back, share a split and carry opposite labels; harmful items name a family.
    """
    by_id = {d.id: d for d in docs}
    by_url = {d.url: d for d in docs}
    norm_text: dict[str, str] = {}
    problems: list[str] = []
    ids = Counter(c.id for c in claims)
    problems += [f"{i}: duplicate id ({n} items)" for i, n in ids.items() if n > 1]
    items = {c.id: c for c in claims}
    doc_split_seen: dict[str, set[str]] = {}
    for c in claims:
        if c.label == "unverified":
            if c.quotes:
                problems.append(f"{c.id}: unverified items carry no quotes")
        else:
            doc = by_id.get(c.doc_id) or by_url.get(c.url)
            if doc is None:
                problems.append(f"{c.id}: document {c.doc_id or c.url!r} is not in the snapshot")
                continue
            if c.url and c.url != doc.url:
                problems.append(f"{c.id}: url {c.url} is not the url of document {doc.id}")
            if not c.quotes:
                problems.append(f"{c.id}: a {c.label} item needs at least one verbatim quote")
            text = norm_text.setdefault(doc.id, _norm(doc.text))
            for q in c.quotes:
                if _norm(q) not in text:
                    problems.append(f"{c.id}: quote not verbatim in {doc.id}: {q[:70]!r}")
            doc_split_seen.setdefault(doc.id, set()).add(c.split)
            if doc_splits is not None and doc_splits.get(doc.id) not in (None, c.split):
                problems.append(f"{c.id}: split {c.split} but document {doc.id} is in {doc_splits[doc.id]}")
        if c.harmful and c.harmful_family not in HARMFUL_FAMILIES:
            problems.append(f"{c.id}: harmful items need a harmful_family from {HARMFUL_FAMILIES}")
        if not c.harmful and c.harmful_family:
            problems.append(f"{c.id}: harmful_family set on an item not marked harmful")
        if c.label == "supported" and c.harmful:
            problems.append(f"{c.id}: a harmful item cannot be supported")
        if c.twin is not None:
            t = items.get(c.twin)
            if t is None:
                problems.append(f"{c.id}: twin {c.twin} does not exist")
            elif t.twin != c.id:
                problems.append(f"{c.id}: twin {c.twin} does not link back")
            elif t.split != c.split:
                problems.append(f"{c.id}: twin {c.twin} is in another split")
            elif t.label == c.label:
                problems.append(f"{c.id}: twin {c.twin} has the same label")
    for doc_id, splits in doc_split_seen.items():
        if len(splits) > 1:
            problems.append(f"document {doc_id} is quoted from several splits: {sorted(splits)}")
    return problems


def bank_summary(claims: Sequence[BankClaim]) -> dict[str, object]:
    """Counts a README or a validator run prints: per split and label, twins, harmful, documents."""
    per = {s: Counter(c.label for c in claims if c.split == s) for s in SPLITS}
    return {
        "claims": len(claims),
        "per_split": {s: dict(per[s]) | {"total": sum(per[s].values())} for s in SPLITS},
        "with_twin": sum(1 for c in claims if c.twin),
        "harmful": sum(1 for c in claims if c.harmful),
        "documents": len({c.doc_id for c in claims if c.doc_id}),
        "topics": len({c.topic for c in claims}),
    }
