"""Discord exports made by DiscordChatExporter, as JSON (one channel) or CSV."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.batch.parsers.jsonstream import STREAMED, stream_json
from claimcheck.batch.parsers.source import Source, as_str
from claimcheck.batch.parsers.tabular import iter_rows
from claimcheck.batch.records import SKIP_MALFORMED, SKIP_MEDIA, SKIP_SYSTEM, Record, Skip, message_or_skip

TEXT_TYPES = {"Default", "Reply", "ThreadStarterMessage", "0", "19"}
CSV_HEADER = ("AuthorID", "Author", "Date", "Content")


def _thread(root: object, source: Source) -> str:
    channel = root.get("channel") if isinstance(root, dict) else None
    name = as_str(channel.get("name")) if isinstance(channel, dict) else None
    return f"#{name}" if name else source.name.rsplit(".", 1)[0]


def parse_json(source: Source) -> Iterator[Record]:
    """One record per message, streamed; joins, pins and calls are system skips. The channel name (the thread)
    is read from the `channel` object, which DiscordChatExporter writes before `messages`."""
    thread = source.name.rsplit(".", 1)[0]
    n = 0
    for event, _, value in stream_json(source, ("messages",)):
        if event == "array":
            thread = _thread(value[0], source)
        elif event == "item":
            yield _record(value, n, source, thread)
            n += 1
        elif event == "root" and not (isinstance(value, dict) and value.get("messages") is STREAMED):
            yield Skip(f"{source.tag}:root", SKIP_MALFORMED, _thread(value, source))


def _record(msg: object, n: int, source: Source, thread: str) -> Record:
    if not isinstance(msg, dict):
        return Skip(f"{source.tag}:#{n}", SKIP_MALFORMED, thread)
    mid = f"{source.tag}:{as_str(msg.get('id')) or '#' + str(n)}"
    author_obj = msg.get("author")
    author = ""
    if isinstance(author_obj, dict):
        author = as_str(author_obj.get("nickname")) or as_str(author_obj.get("name")) or ""
    if as_str(msg.get("type")) not in TEXT_TYPES:
        return Skip(mid, SKIP_SYSTEM, thread, author=author)
    media = any(msg.get(k) for k in ("attachments", "embeds", "stickers"))
    return message_or_skip(
        mid, author, as_str(msg.get("timestamp")), msg.get("content"), thread,
        empty_reason=SKIP_MEDIA if media else "empty",
    )


def parse_csv(source: Source) -> Iterator[Record]:
    """One record per row: AuthorID, Author, Date, Content, Attachments, Reactions."""
    thread = source.name.rsplit(".", 1)[0]
    for n, line, row, problem in iter_rows(source):
        mid = f"{source.tag}:r{n}"
        if row is None:
            yield Skip(mid, problem or SKIP_MALFORMED, thread, line)
            continue
        media = bool((row.get("Attachments") or "").strip())
        yield message_or_skip(
            mid, row.get("Author") or "", row.get("Date"), row.get("Content"), thread, line,
            empty_reason=SKIP_MEDIA if media else "empty",
        )


def looks_like_json(head: str) -> bool:
    return '"guild"' in head and '"channel"' in head and bool(re.search(r'"messages"\s*:', head))


def looks_like_csv(head: str) -> bool:
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return all(col in first for col in CSV_HEADER)
