"""Telegram Desktop exports (`result.json`): one chat, or every chat of a full export."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.batch.parsers.jsonstream import STREAMED, stream_json
from claimcheck.batch.parsers.source import Source, as_str
from claimcheck.batch.records import SKIP_MALFORMED, SKIP_MEDIA, SKIP_SYSTEM, Record, Skip, message_or_skip

_MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "poll", "location_information", "contact_information")


def text_of(value: object) -> str | None:
    """Telegram text is a string or a list of strings and entities ({"type": "bold", "text": "..."})."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return None


def _full_export(root: object) -> list | None:
    chats = root.get("chats") if isinstance(root, dict) else None
    return chats["list"] if isinstance(chats, dict) and isinstance(chats.get("list"), list) else None


def parse(source: Source) -> Iterator[Record]:
    """One record per message, streamed; service messages (joins, pins) are system skips.

    A chat is numbered by its place among the chats of a full export (c0 for a one-chat export); a chat whose
    `messages` is not a list is one malformed skip, reported after the streamed chats."""
    c, thread, n = 0, "chat", 0
    counted, dicts = 0, 0  # chats of the list counted so far, and how many of them are objects
    for event, prefix, value in stream_json(source, ("messages", "chats.list.item.messages")):
        if event == "array":
            chat = value[-1]
            thread, n = as_str(chat.get("name")) or "chat", 0
            if prefix.startswith("chats."):
                chats = value[-2]  # counted as it grows: a recount per chat is quadratic in the chats
                dicts += sum(isinstance(x, dict) for x in chats[counted:])
                counted = len(chats)
                c = dicts - 1
            else:
                c = 0
        elif event == "item":
            yield _record(value, c, n, source, thread)
            n += 1
        elif event == "root":
            yield from _leftovers(value, source)


def _leftovers(root: object, source: Source) -> Iterator[Record]:
    """Skips for what the stream did not cover: chats without a message list, or no chat at all."""
    chats = _full_export(root)
    if chats is not None:
        dict_chats = [chat for chat in chats if isinstance(chat, dict)]
        if not dict_chats:
            yield Skip(f"{source.tag}:root", SKIP_MALFORMED, source.name)
        for c, chat in enumerate(dict_chats):
            if chat.get("messages") is not STREAMED:
                yield Skip(f"{source.tag}:c{c}", SKIP_MALFORMED, as_str(chat.get("name")) or "chat")
    elif not isinstance(root, dict):
        yield Skip(f"{source.tag}:root", SKIP_MALFORMED, source.name)
    elif root.get("messages") is not STREAMED:
        yield Skip(f"{source.tag}:c0", SKIP_MALFORMED, as_str(root.get("name")) or "chat")


def _record(msg: object, c: int, n: int, source: Source, thread: str) -> Record:
    if not isinstance(msg, dict):
        return Skip(f"{source.tag}:c{c}:#{n}", SKIP_MALFORMED, thread)
    mid = f"{source.tag}:c{c}:{as_str(msg.get('id')) or '#' + str(n)}"
    author = as_str(msg.get("from")) or as_str(msg.get("actor")) or ""
    if msg.get("type") == "service":
        return Skip(mid, SKIP_SYSTEM, thread, author=author)
    media = any(msg.get(k) for k in _MEDIA_KEYS)
    return message_or_skip(
        mid, author, as_str(msg.get("date")), text_of(msg.get("text")), thread,
        empty_reason=SKIP_MEDIA if media else "empty",
    )


def looks_like(head: str) -> bool:
    return bool(re.search(r'"messages"\s*:', head)) and bool(
        re.search(r'"(?:date_unixtime|from_id|personal_chat|private_group|private_supergroup|public_supergroup)"', head)
        or re.search(r'"chats"\s*:\s*\{', head)
    )
