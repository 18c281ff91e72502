"""Where export bytes come from: a file or a zip entry, opened as a stream that counts bytes for progress."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

from claimcheck.batch.records import MAX_MESSAGE_CHARS

# A line (or JSONL record, or chat message) longer than this is not held in memory whole.
MAX_LINE_CHARS = 1_000_000
HEAD_BYTES = 64 * 1024
MAX_NAME_CHARS = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Meter:
    """Bytes read so far across every source, for the progress bar's ETA."""

    done: int = 0


class _CountingReader(io.RawIOBase):
    def __init__(self, raw: BinaryIO, meter: Meter) -> None:
        self._raw, self._meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._meter.done += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass
class Source:
    """One export file (or zip entry): a display name, a short stable tag for message ids, and a way to open it."""

    name: str
    tag: str
    size: int
    opener: Callable[[], BinaryIO]
    meter: Meter = field(default_factory=Meter)

    def open(self, count: bool = True) -> BinaryIO:
        raw = self.opener()
        if not count:
            return raw
        return io.BufferedReader(_CountingReader(raw, self.meter), buffer_size=256 * 1024)  # type: ignore[return-value]

    def text(self, count: bool = True, newline: str | None = None) -> io.TextIOWrapper:
        """Text stream, UTF-8 with an optional BOM; undecodable bytes become U+FFFD rather than losing a message."""
        return io.TextIOWrapper(self.open(count), encoding="utf-8-sig", errors="replace", newline=newline)

    def head(self, n: int = HEAD_BYTES) -> bytes:
        with self.open(count=False) as f:
            return f.read(n)


def strip_controls(name: str) -> str:
    """A name without control, zero-width and bidi characters (they could hide or reorder what is shown)."""
    return _CONTROL.sub("", name)


def safe_name(name: str) -> str:
    """A file or entry name fit to show: control and bidi characters out, otherwise whole.

    A name is kept whole up to MAX_NAME_CHARS (the longest most file systems allow, so any real export's);
    past that the middle goes and the extension stays, since the extension decides how a file is read."""
    clean = strip_controls(name)
    if len(clean) > MAX_NAME_CHARS:
        _, dot, ext = clean.rpartition(".")
        tail = dot + ext if dot and len(ext) <= 10 else ""
        clean = clean[: MAX_NAME_CHARS - len(tail) - 1] + "…" + tail
    return clean or "export"


def iter_lines(stream: io.TextIOBase, max_chars: int = MAX_LINE_CHARS) -> Iterator[tuple[int, str, bool]]:
    """(line number, line without its newline, too_long) for each line; of an over-long line only the first
    MAX_MESSAGE_CHARS characters are kept (a message's bound), the rest is read past."""
    number = 0
    while True:
        line = stream.readline(max_chars)
        if not line:
            return
        number += 1
        if line.endswith("\n"):
            yield number, line[:-1], False
            continue
        if len(line) < max_chars:
            yield number, line, False  # the last line, without a newline
            return
        rest = line
        while rest and not rest.endswith("\n"):
            rest = stream.readline(max_chars)
        yield number, line[:MAX_MESSAGE_CHARS], True


def fix_mojibake(value: str) -> str:
    """Repair text stored as UTF-8 bytes in \\u00xx escapes (Facebook's exports); leave anything else alone."""
    if not value or value.isascii() or any(ord(c) > 0xFF for c in value):
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def iso_from_unix(value: object) -> str | None:
    """An ISO 8601 UTC time from seconds (or milliseconds) since the epoch; None if it is not one."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value > 1e11:
        value = value / 1000
    try:
        return datetime.fromtimestamp(value, UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):
        return None


def as_str(value: object) -> str | None:
    """A string field as str, numbers as their text, anything else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
