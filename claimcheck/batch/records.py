"""The records every export parser yields: a message to check, or an explicit skip with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.errors import InputError

SKIP_SYSTEM = "system message"
SKIP_MEDIA = "media only"
SKIP_EMPTY = "empty"
SKIP_DELETED = "deleted"
SKIP_MALFORMED = "malformed record"
SKIP_NOT_LOADED = "not in the export"
# A message is read up to this many characters: the crisis rules take time in proportion to a text (a 5 MB
# message took them 13 s), and a JSON export can hold one string of any length. WhatsApp cuts a longer message
# into parts (each a record); the other formats keep its first MAX_MESSAGE_CHARS characters.
MAX_MESSAGE_CHARS = 100_000
_NON_SPACE = re.compile(r"\S")
MAX_AUTHOR_CHARS = 200  # a name longer than this is not a name; it is matched against every message


class ExportError(InputError):
    """An export cannot be read at all (not the format, over a safety cap, not UTF-8); one line, names the fix."""


@dataclass(frozen=True, slots=True)
class Message:
    """One message with text to check; `id` is stable across runs (used by `--resume`)."""

    id: str
    author: str
    timestamp: str | None
    text: str
    thread: str
    source_line: int | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that holds nothing to check, and why (system line, media only, empty, ...)."""

    id: str
    reason: str
    thread: str
    source_line: int | None = None
    author: str = ""


Record = Message | Skip


def message_or_skip(
    id: str, author: object, timestamp: str | None, text: object, thread: str, line: int | None = None,
    empty_reason: str = SKIP_EMPTY,
) -> Record:
    """A Message when `text` holds something after trimming, else a Skip with `empty_reason`.

    The text is cut to MAX_MESSAGE_CHARS and the author to MAX_AUTHOR_CHARS before anything else is done."""
    name = author[:MAX_AUTHOR_CHARS] if isinstance(author, str) else ""
    if isinstance(text, str) and (first := _NON_SPACE.search(text)) is not None:
        body = text[first.start() : first.start() + MAX_MESSAGE_CHARS + 1].replace("\r\n", "\n")
        return Message(id, name.strip(), timestamp, body.rstrip()[:MAX_MESSAGE_CHARS], thread, line)
    return Skip(id, empty_reason if isinstance(text, str | None) else SKIP_MALFORMED, thread, line, name.strip())
