"""WhatsApp chat exports (.txt): Android and iOS styles, 12 h and 24 h clocks, day- or month-first dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from claimcheck.batch.parsers.source import Source, iter_lines
from claimcheck.batch.records import (
    MAX_MESSAGE_CHARS,
    SKIP_DELETED,
    SKIP_MEDIA,
    SKIP_SYSTEM,
    Message,
    Record,
    Skip,
)

# "12/03/2024, 14:05 - ", "3/12/24, 2:05 PM - ", "[12.03.24, 14:05:33] ", "2024-03-12 14:05 - ".
HEADER = re.compile(
    r"\[?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4}),?\s+"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
    r"(?:\]\s?|\s[-\u2013]\s)"
)
_MARKS = "\u200e\u200f\ufeff\u202a\u202b\u202c\u2066\u2067\u2068\u2069"
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " "})
_MEDIA = re.compile(
    r"<(?:media omitted|médias? omis|medien ausgeschlossen|multimedia omitido|archivo omitido|media weggelaten"
    r"|mídia oculta|attached: [^>]*)>"
    r"|(?:image|video|audio|sticker|gif|document|contact card|photo) omitted"
    r"|.{1,200} \(file attached\)"
    r"|null",
    re.IGNORECASE,
)
_DELETED = re.compile(r"(?:this message was deleted|you deleted this message)\.?", re.IGNORECASE)
_EDITED = re.compile(r"\s*<this message was edited>\s*$", re.IGNORECASE)
PRESCAN_HEADERS = 2000
SKIP_PREAMBLE = "text before the first message"


def strip_marks(line: str) -> str:
    return line.translate(_SPACES).lstrip(_MARKS + " ")


def day_first(source: Source) -> bool:
    """Decide the date order from the first headers: a field over 12 settles it; else 12 h clocks mean US order."""
    seen = 0
    twelve_hour = False
    with source.text(count=False) as stream:
        for _, line, _ in iter_lines(stream):
            m = HEADER.match(strip_marks(line))
            if not m:
                continue
            a, b = int(m["a"]), int(m["b"])
            if len(m["a"]) == 4:
                return False
            if a > 12:
                return True
            if b > 12:
                return False
            twelve_hour = twelve_hour or bool(m["ampm"])
            seen += 1
            if seen >= PRESCAN_HEADERS:
                break
    return not twelve_hour


def timestamp(m: re.Match[str], dayfirst: bool) -> str | None:
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        year = int(c) + (2000 if len(c) == 2 else 0)
        day, month = (int(a), int(b)) if dayfirst else (int(b), int(a))
    hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    if m["ampm"]:
        pm = m["ampm"][0] in "Pp"
        if hour > 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    try:
        return datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def _classify(mid: str, ts: str | None, rest: str, body: list[str], thread: str, line: int) -> Record:
    """Turn one header line (after the timestamp) and its continuation lines into a message or a skip."""
    rest = strip_marks(rest)
    author, sep, first = rest.partition(": ")
    if not sep or len(author) > 80:
        return Skip(mid, SKIP_SYSTEM, thread, line)
    author = author.lstrip("~ ").strip()
    first_marked = first.startswith(tuple(_MARKS))
    first = strip_marks(first)
    more = "\n".join(body).strip()
    if _MEDIA.fullmatch(first.strip()):
        if more:
            return Message(mid, author, ts, more, thread, line)
        return Skip(mid, SKIP_MEDIA, thread, line, author)
    if _DELETED.fullmatch(first.strip()) and not more:
        return Skip(mid, SKIP_DELETED, thread, line, author)
    if first_marked and not more:
        return Skip(mid, SKIP_SYSTEM, thread, line, author)  # iOS marks system lines with U+200E
    text = _EDITED.sub("", "\n".join([first, *body])).strip()
    if not text:
        return Skip(mid, "empty", thread, line, author)
    return Message(mid, author, ts, text, thread, line)


def parse(source: Source) -> Iterator[Record]:
    """Yield one record per header line; continuation lines join the message above them."""
    dayfirst = day_first(source)
    thread = source.name.rsplit(".", 1)[0]
    pending: tuple[str, str | None, str, int] | None = None
    body: list[str] = []
    size = 0
    preamble: int | None = None
    with source.text() as stream:
        for number, raw, _ in iter_lines(stream):
            # An over-long line keeps its first MAX_MESSAGE_CHARS characters (see iter_lines): its header still
            # counts, so a runaway message is read, not taken for the continuation of the one before.
            line = strip_marks(raw)
            m = HEADER.match(line)
            if m:
                if preamble is not None:
                    yield Skip(f"{source.tag}:L{preamble}", SKIP_PREAMBLE, thread, preamble)
                    preamble = None
                if pending is not None:
                    yield _classify(*pending[:3], body, thread, pending[3])
                pending = (f"{source.tag}:L{number}", timestamp(m, dayfirst), raw[len(raw) - len(line) + m.end() :],
                           number)
                body, size = [], len(pending[2])  # the first line counts towards the message's bound
                continue
            if pending is None:
                if raw.strip() and preamble is None:
                    preamble = number
                continue
            if size + len(raw) > MAX_MESSAGE_CHARS:
                # A runaway message is cut into parts, each its own record, so nothing is held unbounded.
                yield _classify(*pending[:3], body, thread, pending[3])
                pending = (f"{source.tag}:L{number}", pending[1], f"{_author(pending[2])}: ", number)
                body, size = [], 0
            body.append(raw)
            size += len(raw)
    if preamble is not None:
        yield Skip(f"{source.tag}:L{preamble}", SKIP_PREAMBLE, thread, preamble)
    if pending is not None:
        yield _classify(*pending[:3], body, thread, pending[3])


def _author(rest: str) -> str:
    author, sep, _ = strip_marks(rest).partition(": ")
    return author if sep else "system"


def looks_like(head: str) -> bool:
    """True when one of the first lines opens with a WhatsApp message header."""
    lines = head.splitlines()[:20]
    return any(HEADER.match(strip_marks(line)) for line in lines)
