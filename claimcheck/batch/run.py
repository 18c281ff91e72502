"""Run a batch: read records, assess safety on every message, dedupe claims, check them in batches, resumably."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimcheck.batch.parsers import Export
from claimcheck.batch.records import ExportError, Message, Record, Skip
from claimcheck.models import ClaimVerdict, Models

CHECKPOINT_VERSION = 1
BATCH_SIZE = 64
MAX_CLAIMS_PER_MESSAGE = 100
MAX_REFS_PER_CLAIM = 20
MAX_FLAGGED = 500
EXCERPT_CHARS = 280
CONTEXT_MESSAGES = 2  # earlier messages of the thread shown beside a flagged one, so the admin can read the moment
REASON_NO_CLAIMS = "no claims"

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_LEAD = re.compile(r"^(?:(?:just|so|and|but|also|honestly|tbh|imo|lol|ok|okay|well|yeah|plus|please)\s+)+")


def claim_key(text: str) -> str:
    """Normalised claim text: identical or near-identical claims (case, punctuation, spacing, filler) share it."""
    t = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "").replace("'", "")
    t = _SPACE.sub(" ", _PUNCT.sub(" ", t)).strip()
    return _LEAD.sub("", t)


@dataclass
class MessageRef:
    """Where a claim was seen, or which message raised a safety flag: enough to find it in the export."""

    id: str
    author: str
    thread: str
    timestamp: str | None
    excerpt: str
    tier: str = "none"
    categories: tuple[str, ...] = ()
    context: tuple[dict[str, Any], ...] = ()  # earlier messages of the thread: author, timestamp, excerpt
    abuse: dict[str, str] | None = None  # kind and reason when the message may insult, threaten or push to harm


@dataclass
class ClaimEntry:
    """One unique claim (after normalisation), its verdict, how often it was seen and where."""

    key: str
    text: str
    verdict: ClaimVerdict | None = None
    count: int = 0
    refs: list[MessageRef] = field(default_factory=list)


@dataclass
class BatchResult:
    """Everything a report needs; `read == checked + not_checkable + skipped` always holds."""

    read: int = 0
    checked: int = 0
    not_checkable: int = 0
    skipped: int = 0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    not_checkable_reasons: Counter[str] = field(default_factory=Counter)
    tiers: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    flagged: list[MessageRef] = field(default_factory=list)
    abusive: list[MessageRef] = field(default_factory=list)
    claims: dict[str, ClaimEntry] = field(default_factory=dict)
    authors: dict[str, None] = field(default_factory=dict)  # insertion-ordered set: first appearance
    truncated_messages: int = 0
    sources: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    country: str | None = None
    models: Models | None = None
    resumed: int = 0

    def check_accounting(self) -> None:
        total = self.checked + self.not_checkable + self.skipped
        assert self.read == total, f"accounting broken: read {self.read} != {total}"

    def apply(self, outcome: dict[str, Any]) -> None:
        """Add one processed record (live or replayed from the checkpoint) to the totals."""
        self.read += 1
        status = outcome["status"]
        if outcome.get("author"):
            self.authors.setdefault(outcome["author"], None)
        if status == "skipped":
            self.skipped += 1
            self.skip_reasons[outcome["reason"]] += 1
            return
        ref = MessageRef(
            outcome["id"], outcome.get("author", ""), outcome["thread"], outcome.get("timestamp"),
            outcome.get("excerpt", ""), outcome.get("tier", "none"), tuple(outcome.get("categories", ())),
            tuple(outcome.get("context", ())), outcome.get("abuse"),
        )
        self.tiers[ref.tier] += 1
        self.categories.update(ref.categories)
        if ref.tier != "none" and len(self.flagged) < MAX_FLAGGED:
            self.flagged.append(ref)
        if ref.abuse and len(self.abusive) < MAX_FLAGGED:
            self.abusive.append(ref)
        self.truncated_messages += bool(outcome.get("truncated"))
        if status == "not_checkable":
            self.not_checkable += 1
            self.not_checkable_reasons[outcome["reason"]] += 1
            return
        self.checked += 1
        for key, text in outcome["claims"]:
            entry = self.claims.get(key)
            if entry is None:
                entry = self.claims[key] = ClaimEntry(key, text)
            entry.count += 1
            if len(entry.refs) < MAX_REFS_PER_CLAIM:
                entry.refs.append(ref)


Assess = Callable[..., Any]  # (text, country, *, parts) -> claimcheck.safety.Safety


def outcome_of(record: Record, country: str | None, assess: Assess | None = None) -> dict[str, Any]:
    """Process one record: the crisis check on every message, then its claims (deduplicated within it).

    `assess` is the checker's crisis assessment (rules raised by the learned layer); the rules alone without it.
    """
    from claimcheck.abuse import detect_abuse
    from claimcheck.claims import split_claims
    from claimcheck.safety import assess as rules_assess
    from claimcheck.safety import redact

    if isinstance(record, Skip):
        return {"id": record.id, "status": "skipped", "reason": record.reason, "author": record.author}
    assert isinstance(record, Message)
    spans = split_claims(record.text, max_claims=MAX_CLAIMS_PER_MESSAGE + 1)
    if assess is not None:
        safety = assess(record.text, country, parts=[s.text for s in spans])
    else:
        safety = rules_assess(record.text, country)
    excerpt = redact(record.text[: EXCERPT_CHARS * 2])[:EXCERPT_CHARS]
    base = {
        "id": record.id, "author": record.author, "thread": record.thread, "timestamp": record.timestamp,
        "excerpt": excerpt, "tier": safety.tier, "categories": list(safety.categories),
    }
    abuse = detect_abuse(record.text)
    if abuse is not None:
        base["abuse"] = {"kind": abuse.kind, "reason": abuse.reason}
    truncated = len(spans) > MAX_CLAIMS_PER_MESSAGE
    spans = spans[:MAX_CLAIMS_PER_MESSAGE]
    claims: dict[str, str] = {}
    for span in spans:
        if span.checkable and (key := claim_key(span.text)):
            claims.setdefault(key, span.text)
    if not claims:
        reasons = Counter(s.reason for s in spans)
        reason = reasons.most_common(1)[0][0] if reasons else REASON_NO_CLAIMS
        return {**base, "status": "not_checkable", "reason": reason, "truncated": truncated}
    return {**base, "status": "checked", "claims": [[k, redact(t)] for k, t in claims.items()], "truncated": truncated}


class Checkpoint:
    """A JSONL log of processed records and verdicts, appended as the batch goes, replayed by `--resume`."""

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path, self.header = path, header
        self._file: IO[str] | None = None

    def replay(self, result: BatchResult) -> tuple[Counter[str], dict[str, ClaimVerdict]]:
        done: Counter[str] = Counter()
        verdicts: dict[str, ClaimVerdict] = {}
        with open(self.path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                try:
                    item = json.loads(line)
                except ValueError:
                    continue  # a line torn by an interruption: its records are processed again
                if n == 0:
                    if item != {"t": "header", **self.header}:
                        raise ExportError(
                            f"{self.path} is the checkpoint of another batch (other exports or options): "
                            "run without --resume to start again"
                        )
                    continue
                if item.get("t") == "verdict":
                    verdicts[item["key"]] = ClaimVerdict.model_validate(item["verdict"])
                elif item.get("t") == "record":
                    done[item["id"]] += 1
                    result.apply(item)
        return done, verdicts

    def open(self, append: bool) -> None:
        self._file = open(self.path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        if not append:
            self.write({"t": "header", **self.header})

    def write(self, item: dict[str, Any]) -> None:
        assert self._file is not None
        self._file.write(json.dumps(item, ensure_ascii=False) + "\n")

    def sync(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self, remove: bool) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if remove:
            self.path.unlink(missing_ok=True)


Progress = Callable[[int, int, int], None]


def _context_entry(record: Message) -> dict[str, Any]:
    """A message as context for a flagged neighbour: who, when and a redacted excerpt (names scrubbed later)."""
    from claimcheck.safety import redact

    return {
        "author": record.author,
        "timestamp": record.timestamp or "",
        "excerpt": redact(record.text[: EXCERPT_CHARS * 2])[:EXCERPT_CHARS],
    }


def run_batch(
    export: Export,
    checker: Any,
    *,
    text_column: str | None = None,
    country: str | None = None,
    checkpoint: Path | None = None,
    resume: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> BatchResult:
    """Check every message of `export` with `checker` (a `claimcheck.Checker`); see BatchResult for the totals.

    Unique checkable claims are checked `batch_size` at a time with `checker.verdicts`. A record reaches the
    checkpoint only after the verdicts of its claims, so an interrupted run resumes without losing or
    double-counting a message. The checkpoint is removed when the batch completes.
    """
    result = BatchResult(sources=[(s.name, f) for s, f in export.sources], notes=list(export.notes), country=country)
    header = {
        "version": CHECKPOINT_VERSION,
        "inputs": [[s.name, s.tag, s.size, f] for s, f in export.sources],
        "text_column": text_column,
        "country": country,
    }
    done: Counter[str] = Counter()
    verdicts: dict[str, ClaimVerdict] = {}
    log = Checkpoint(checkpoint, header) if checkpoint else None
    resuming = bool(log and resume and log.path.exists())
    if log and resuming:
        done, verdicts = log.replay(result)
        result.resumed = result.read
    if log:
        log.open(append=resuming)
    waiting: list[dict[str, Any]] = []  # processed records whose claims still wait for a verdict
    unchecked: dict[str, str] = {}

    def flush() -> None:
        if unchecked:
            keys = list(unchecked)
            for key, verdict in zip(keys, checker.verdicts([unchecked[k] for k in keys]), strict=True):
                verdicts[key] = verdict
                if log:
                    log.write({"t": "verdict", "key": key, "verdict": verdict.model_dump(mode="json")})
            unchecked.clear()
        for item in waiting:
            result.apply(item)
            if log:
                log.write({"t": "record", **item})
        waiting.clear()
        if log:
            log.sync()

    total = export.total_bytes
    assess = getattr(checker, "assess", None)
    recent: dict[str, deque[dict[str, Any]]] = {}  # per thread: the last few messages, for a flag's context
    for record in export.records(text_column):
        if isinstance(record, Message):
            before = recent.setdefault(record.thread, deque(maxlen=CONTEXT_MESSAGES))
        if done[record.id] > 0:  # processed before the interruption (a count, so repeated ids stay exact)
            done[record.id] -= 1
            if isinstance(record, Message):
                before.append(_context_entry(record))
            continue
        item = outcome_of(record, country, assess)
        if isinstance(record, Message):
            if item.get("tier", "none") != "none" or item.get("abuse"):
                item["context"] = list(before)
            before.append(_context_entry(record))
        for key, text in item.get("claims", ()):
            if key not in verdicts:
                unchecked.setdefault(key, text)
        waiting.append(item)
        if len(unchecked) >= batch_size or len(waiting) >= 50 * batch_size:
            flush()
        if progress:
            progress(export.meter.done, total, result.read + len(waiting))
    flush()
    for key, entry in result.claims.items():
        entry.verdict = verdicts.get(key)
    if result.claims:
        result.models = checker.models()
    result.check_accounting()
    if log:
        log.close(remove=True)
    return result

