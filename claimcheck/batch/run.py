"""Run a batch: read records, assess safety on every message, dedupe claims, check them in batches, resumably."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimcheck.batch.parsers import Export
from claimcheck.batch.records import ExportError, Message, Record, Skip
from claimcheck.models import ClaimVerdict, Models

CHECKPOINT_VERSION = 2  # 2: nothing a member wrote, salted claim digests, owner-only
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


def family_key(key: str, family: str | None) -> str:
    """A claim's key with the harmful-advice family its message gave it: "stop them" is one claim after "my
    sertraline" and another after "my phone", so the two never share a verdict."""
    return f"{key}{FAMILY_SEP}{family}" if family else key


def key_family(key: str) -> str | None:
    """The family `family_key` put into a key, or None."""
    return key.partition(FAMILY_SEP)[2] or None


FAMILY_SEP = "\x1f"


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
    # Why the run ended early, if it did: a damaged export (the messages before the damage are in the report)
    # or a check that failed (messages after it got the crisis check, their claims no verdict).
    stopped: str | None = None
    exit_code: int = 0  # what the CLI should exit with after writing the partial report (2 input, 1 runtime)

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
Families = Callable[[str, list[str]], list["str | None"]]  # (text, span texts) -> each span's harmful family


TEXTS_REMEMBERED = 4096  # message texts whose reading a run keeps (greetings, thanks and shared advice repeat)
READ_AHEAD = 64  # records whose new texts the learned safety model reads in one call (`_read_ahead`)


def outcome_of(
    record: Record,
    country: str | None,
    assess: Assess | None = None,
    seen: dict[str, tuple] | None = None,
    families: Families | None = None,
) -> dict[str, Any]:
    """Process one record: the crisis check on every message, then its claims (deduplicated within it).

    `assess` is the checker's crisis assessment (rules raised by the learned layer); the rules alone without it.
    `families` is the checker's harmful-advice reading of the message (`Checker.span_families`), as `check`
    reads a text: a span it flags is checked even if it reads as a personal story ("I just stopped my meds
    when I felt better"), and its family travels in the claim's key to the verdict. Without it, the claims'
    families are read from each claim alone when verdicts are given.
    `seen` keeps what was read from each message text during one run: a text repeated later in the export
    (a "thanks", a meme line, advice pasted again) is not split and assessed again, since all of that
    depends on the text alone.
    """
    from claimcheck.safety import redact

    if isinstance(record, Skip):
        return {"id": record.id, "status": "skipped", "reason": record.reason, "author": record.author}
    assert isinstance(record, Message)
    reading = seen.get(record.text) if seen is not None else None
    if reading is None:
        reading = _read_text(record.text, country, assess, families=families)
        if seen is not None:
            if len(seen) >= TEXTS_REMEMBERED:
                seen.clear()
            seen[record.text] = reading
    spans, safety, abuse, fams = reading
    excerpt = _excerpt(record.text)
    base = {
        "id": record.id, "author": record.author, "thread": record.thread, "timestamp": record.timestamp,
        "excerpt": excerpt, "tier": safety.tier, "categories": list(safety.categories),
    }
    if abuse is not None:
        base["abuse"] = {"kind": abuse.kind, "reason": abuse.reason}
    truncated = len(spans) > MAX_CLAIMS_PER_MESSAGE
    spans = spans[:MAX_CLAIMS_PER_MESSAGE]
    claims: dict[str, str] = {}
    for i, span in enumerate(spans):
        family = fams[i] if fams is not None else None
        if (span.checkable or family) and (key := claim_key(span.text)):
            claims.setdefault(family_key(key, family), span.text)
    if not claims:
        reasons = Counter(s.reason for s in spans)
        reason = reasons.most_common(1)[0][0] if reasons else REASON_NO_CLAIMS
        return {**base, "status": "not_checkable", "reason": reason, "truncated": truncated}
    return {**base, "status": "checked", "claims": [[k, redact(t)] for k, t in claims.items()], "truncated": truncated}


def _read_text(
    text: str, country: str | None, assess: Assess | None, spans: list | None = None, families: Families | None = None
) -> tuple:
    """What a message's text alone decides: its claim spans, crisis assessment, abuse reading and the spans'
    harmful-advice families (None when no checker reads them)."""
    from claimcheck.abuse import detect_abuse
    from claimcheck.claims import split_claims
    from claimcheck.safety import assess as rules_assess

    if spans is None:
        spans = split_claims(text, max_claims=MAX_CLAIMS_PER_MESSAGE + 1)
    if assess is not None:
        safety = assess(text, country, parts=[s.text for s in spans])
    else:
        safety = rules_assess(text, country)
    fams = families(text, [s.text for s in spans[:MAX_CLAIMS_PER_MESSAGE]]) if families is not None else None
    return spans, safety, detect_abuse(text), fams


def _read_ahead(
    records: Iterator[Record], country: str | None, checker: Any, seen: dict[str, tuple], n: int = READ_AHEAD
) -> Iterator[Record]:
    """The records unchanged, `n` at a time, after reading the new message texts among them into `seen`.

    Their learned safety readings are taken in one `Checker.read_ahead` call, so the model's parallel sessions
    share them; each text is still read alone, so every outcome is the one `outcome_of` gives message by
    message (a test compares the two). Without a learned layer the records simply pass through.
    """
    assess = getattr(checker, "assess", None)
    ahead = getattr(checker, "read_ahead", None)
    families = getattr(checker, "span_families", None)
    if assess is None or ahead is None:
        yield from records
        return
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) < n:
            continue
        _read_chunk(chunk, country, assess, ahead, seen, families)
        yield from chunk
        chunk = []
    if chunk:
        _read_chunk(chunk, country, assess, ahead, seen, families)
        yield from chunk


def _read_chunk(
    chunk: list[Record],
    country: str | None,
    assess: Assess,
    ahead: Callable,
    seen: dict[str, tuple],
    families: Families | None = None,
) -> None:
    """`_read_text` for each new message text of `chunk`, with the learned readings taken together first."""
    from claimcheck.claims import split_claims

    texts = list(dict.fromkeys(r.text for r in chunk if isinstance(r, Message) and r.text not in seen))
    if not texts:
        return
    spans = [split_claims(t, max_claims=MAX_CLAIMS_PER_MESSAGE + 1) for t in texts]
    ahead(texts, [[s.text for s in sp] for sp in spans])
    for text, sp in zip(texts, spans, strict=True):
        if len(seen) >= TEXTS_REMEMBERED:
            seen.clear()
        seen[text] = _read_text(text, country, assess, sp, families)


class Checkpoint:
    """A JSONL log of processed records and verdicts, appended as the batch goes, replayed by `--resume`.

    It holds nothing a member wrote: a record line keeps the record's id, status, crisis tier and the salted
    digests of its claims; a verdict line keeps a claim's digest and its verdict without the claim's text. On
    resume the export is read again, so authors, excerpts and claims come back from it, numbered as before.
    The file is readable by its owner only (0600). A line is kept only once whole: the torn last line of a
    killed run is cut off before the resumed run appends, and a record counts as done only if the verdicts of
    all its claims come before it, so a lost verdict sends its records through the checker again.
    """

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path = path
        # The inputs' names (a WhatsApp export is "WhatsApp Chat with <name>.txt") stay out: only their digest.
        self.batch = hashlib.sha256(json.dumps(header, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        self.salt = secrets.token_hex(16)
        self._file: IO[str] | None = None
        self._whole = 0  # bytes of whole lines found by replay(): what a resumed run appends after

    def digest(self, key: str) -> str:
        """A claim's key as stored: salted, so a digest cannot be looked up in a table of common claims."""
        return hashlib.sha256(f"{self.salt}\0{key}".encode()).hexdigest()[:32]

    def replay(self) -> tuple[dict[str, deque[dict[str, Any]]], dict[str, ClaimVerdict]]:
        """The records done (by id, in export order) and the verdicts (by claim digest) of an interrupted run."""
        done: dict[str, deque[dict[str, Any]]] = {}
        verdicts: dict[str, ClaimVerdict] = {}
        lines = self.path.read_bytes().splitlines(keepends=True)
        header = _parse(lines[0]) if lines else None
        if header is None or header.get("t") != "header" or not isinstance(header.get("salt"), str):
            return done, verdicts  # not even a whole header: start again
        if header.get("version") != CHECKPOINT_VERSION or header.get("batch") != self.batch:
            raise ExportError(
                f"{self.path} is the checkpoint of another batch (other exports or options): "
                "run without --resume to start again"
            )
        self.salt = header["salt"]
        whole = len(lines[0])
        for line in lines[1:]:
            item = _parse(line)
            if item is None and not line.endswith(b"\n"):
                break  # the last line, torn by the interruption: cut off before appending (see open)
            whole += len(line)
            try:
                if item is None:
                    continue  # a damaged line: a verdict in it is checked again, with the records that need it
                if item.get("t") == "verdict":
                    verdicts[item["claim"]] = ClaimVerdict.model_validate(item["verdict"])
                elif item.get("t") == "record" and all(c in verdicts for c in item.get("claims", ())):
                    done.setdefault(item["id"], deque()).append(item)
            except (ValueError, KeyError, TypeError):
                continue
        self._whole = whole
        return done, verdicts

    def open(self, append: bool) -> None:
        """Open for writing, owner-only; appending keeps only the whole lines replay() read."""
        append = append and self._whole > 0
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC), 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a checkpoint left by an older version may be world-readable
        if append:
            os.ftruncate(fd, self._whole)
        self._file = os.fdopen(fd, "w", encoding="utf-8")
        if not append:
            self.write({"t": "header", "version": CHECKPOINT_VERSION, "batch": self.batch, "salt": self.salt})

    def record(self, item: dict[str, Any]) -> None:
        """Log a processed record: what the export cannot give back (tier, flags, status), never its text."""
        line = {"t": "record", **{k: item[k] for k in _STORED if k in item}}
        if "claims" in item:
            line["claims"] = [self.digest(key) for key, _ in item["claims"]]
        self.write(line)

    def verdict(self, key: str, verdict: ClaimVerdict) -> None:
        """Log a claim's verdict under its digest, without the claim's text (restored on resume)."""
        dump = verdict.model_dump(mode="json") | {"text": ""}
        self.write({"t": "verdict", "claim": self.digest(key), "verdict": dump})

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


_STORED = ("id", "status", "reason", "tier", "categories", "abuse", "truncated")  # fields no member wrote


def _parse(line: bytes) -> dict[str, Any] | None:
    """One whole checkpoint line as a dict; None if torn (no newline) or damaged."""
    if not line.endswith(b"\n"):
        return None
    try:
        item = json.loads(line)
    except ValueError:
        return None
    return item if isinstance(item, dict) else None


def _replayed(
    stored: dict[str, Any], record: Record, country: str | None, log: Checkpoint, families: Families | None = None
) -> dict[str, Any] | None:
    """A record done before the interruption, rebuilt from the export and its logged outcome; None if the
    export no longer gives the same claims (then it is processed again)."""
    from types import SimpleNamespace

    safety = SimpleNamespace(tier=stored.get("tier", "none"), categories=tuple(stored.get("categories", ())))
    item = outcome_of(record, country, lambda *_args, **_kw: safety, families=families)
    item.pop("abuse", None)
    item.update({k: stored[k] for k in _STORED if k in stored})
    digests = [log.digest(key) for key, _ in item.get("claims", ())]
    if item["status"] != stored["status"] or digests != stored.get("claims", []):
        return None
    return item


# (bytes read, bytes in all, messages read, messages finished): a message is finished once its claims have
# verdicts, so a bar on the last number ends when the work ends, not when the last byte is read.
Progress = Callable[[int, int, int, int], None]
# (records, country, replayed) -> (record, outcome) in the records' order; `replayed(record)`, asked once per
# record in order, says the loop will rebuild that one from the checkpoint (its outcome need not be computed).
OutcomeMap = Callable[
    [Iterator[Record], "str | None", Callable[[Record], bool]], Iterator[tuple[Record, Callable[[], dict[str, Any]]]]
]


def _excerpt(text: str) -> str:
    """The start of a message as reports show it, with method details redacted (names are scrubbed later)."""
    from claimcheck.safety import redact

    return redact(text[: EXCERPT_CHARS * 2])[:EXCERPT_CHARS]


def _context_entry(record: Message) -> dict[str, Any]:
    """A message as context for a flagged neighbour: who, when and a redacted excerpt (names scrubbed later)."""
    return {
        "author": record.author,
        "timestamp": record.timestamp or "",
        "excerpt": _excerpt(record.text),
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
    outcomes: OutcomeMap | None = None,
) -> BatchResult:
    """Check every message of `export` with `checker` (a `claimcheck.Checker`); see BatchResult for the totals.

    `outcomes` maps the record stream to per-record outcomes elsewhere (`claimcheck.batch.distributed` runs
    them on Dask workers); by default each record is processed here, when the loop reaches it.

    Unique checkable claims are checked `batch_size` at a time with `checker.verdicts`. A record reaches the
    checkpoint only after the verdicts of its claims, so an interrupted run resumes without losing or
    double-counting a message, and gives the same report. The checkpoint is removed when the batch completes
    and when it fails with an exception (a resumed run would mix the state before and after the fix); it is
    kept on KeyboardInterrupt and when the process is killed, the interruptions `--resume` is for.
    """
    result = BatchResult(sources=[(s.name, f) for s, f in export.sources], notes=list(export.notes), country=country)
    header = {
        "version": CHECKPOINT_VERSION,
        "inputs": [[s.name, s.tag, s.size, f] for s, f in export.sources],
        "text_column": text_column,
        "country": country,
    }
    pending: dict[str, deque[dict[str, Any]]] = {}  # records done before the interruption, by id
    saved: dict[str, ClaimVerdict] = {}  # their verdicts, by claim digest
    log = Checkpoint(checkpoint, header) if checkpoint else None
    resuming = bool(log and resume and log.path.exists())
    if log and resuming:
        pending, saved = log.replay()
    if log:
        log.open(append=resuming)
    try:
        result = _run(
            export, checker, result, text_column, country, log, pending, saved, batch_size, progress, outcomes
        )
    except Exception:
        if log:
            log.close(remove=True)
        raise
    except BaseException:  # KeyboardInterrupt, SystemExit: keep what was done for --resume
        if log:
            log.close(remove=False)
        raise
    if log:
        log.close(remove=True)
    return result


def _run(
    export: Export,
    checker: Any,
    result: BatchResult,
    text_column: str | None,
    country: str | None,
    log: Checkpoint | None,
    pending: dict[str, deque[dict[str, Any]]],
    saved: dict[str, ClaimVerdict],
    batch_size: int,
    progress: Progress | None,
    outcomes: OutcomeMap | None = None,
) -> BatchResult:
    """run_batch's loop: records done before an interruption are rebuilt in their place, the rest processed."""
    from claimcheck.safety import redact

    verdicts: dict[str, ClaimVerdict] = {}
    waiting: list[tuple[dict[str, Any], bool]] = []  # processed records (and whether to log them), in order
    unchecked: dict[str, str] = {}

    def known(key: str) -> bool:
        if key not in verdicts and log and (verdict := saved.get(log.digest(key))) is not None:
            verdicts[key] = verdict  # checked before the interruption
        return key in verdicts

    checking = True

    def flush() -> None:
        nonlocal log, checking
        if unchecked and checking:
            keys = list(unchecked)
            texts = [unchecked[k] for k in keys]
            fams = [key_family(k) for k in keys]
            try:
                # the families read with each claim's message are handed on (a checker without that reading,
                # or a flush without any family, lets each claim's own be read)
                found = checker.verdicts(texts, fams) if any(fams) or families_read else checker.verdicts(texts)
            except Exception as exc:  # noqa: BLE001 - people first: the crisis check goes on without verdicts
                result.stopped = f"claims could not be checked ({type(exc).__name__}: {exc})"
                result.exit_code = 1
                checking = False
                log = None  # nothing more is recorded: a resumed run would lack these verdicts
            else:
                for key, verdict in zip(keys, found, strict=True):
                    verdicts[key] = verdict
                    if log:
                        log.verdict(key, verdict)
        unchecked.clear()
        for item, fresh in waiting:
            result.apply(item)
            if log and fresh:
                log.record(item)
        waiting.clear()
        if log:
            log.sync()

    total = export.total_bytes
    assess = getattr(checker, "assess", None)
    families = getattr(checker, "span_families", None)
    families_read = families is not None or outcomes is not None  # a cluster's workers read them (distributed)
    seen: dict[str, tuple] = {}
    recent: dict[str, deque[dict[str, Any]]] = {}  # per thread: the last few messages, for a flag's context
    records = _until_damaged(export.records(text_column), result)
    if outcomes is None:
        stream: Iterator[tuple[Record, Callable[[], dict[str, Any]]]] = (
            (r, functools.partial(outcome_of, r, country, assess, seen, families))
            for r in _read_ahead(records, country, checker, seen)
        )
    else:
        ahead = {k: len(q) for k, q in pending.items()} if log else {}

        def replayed(record: Record) -> bool:
            """Whether the loop will rebuild `record` from the checkpoint (the same count per id it keeps)."""
            if n := ahead.get(record.id, 0):
                ahead[record.id] = n - 1
            return bool(n)

        stream = outcomes(records, country, replayed)
    for record, compute in stream:
        if isinstance(record, Message):
            before = recent.setdefault(record.thread, deque(maxlen=CONTEXT_MESSAGES))
        item = None
        if log and (queue := pending.get(record.id)):  # a count per id, so repeated ids stay exact
            item = _replayed(queue.popleft(), record, country, log, families)
        fresh = item is None
        if item is None:
            item = compute()
        else:
            result.resumed += 1
        if isinstance(record, Message):
            if item.get("tier", "none") != "none" or item.get("abuse"):
                item["context"] = list(before)
            before.append(_context_entry(record))
        for key, text in item.get("claims", ()):
            if not known(key):
                unchecked.setdefault(key, text)
        waiting.append((item, fresh))
        if len(unchecked) >= batch_size or len(waiting) >= 50 * batch_size:
            flush()
        if progress:
            progress(export.meter.done, total, result.read + len(waiting), result.read)
    flush()
    if progress:  # the work ends here, not when the last byte was read
        progress(export.meter.done, total, result.read, result.read)
    for key, entry in result.claims.items():
        verdict = verdicts.get(key)
        if verdict is not None and not verdict.text:  # from the checkpoint, which keeps no member's text
            verdict = verdicts[key] = verdict.model_copy(update={"text": redact(entry.text)})
        entry.verdict = verdict
    if result.claims and verdicts:
        result.models = checker.models()
    result.check_accounting()
    return result


def _until_damaged(records: Iterator[Record], result: BatchResult) -> Iterator[Record]:
    """The export's records until one cannot be read: then the run stops there and says so, and the report
    keeps every message before the damage (their crisis checks included) instead of failing with none.

    Counts the records it gave, so the message is the same when `outcomes` reads ahead of the loop."""
    read = 0
    try:
        for record in records:
            read += 1
            yield record
    except ExportError as exc:
        result.stopped = f"the export could not be read after message {read}: {exc}"
        result.exit_code = 2
