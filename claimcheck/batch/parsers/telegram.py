"""Telegram Desktop exports (`result.json`): one chat, or every chat of a full export."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.batch.parsers.source import Source, as_str, load_json
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


def _chats(root: object) -> Iterator[tuple[str, object]]:
    if not isinstance(root, dict):
        return
    chats = root.get("chats")
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        for chat in chats["list"]:
            if isinstance(chat, dict):
                yield as_str(chat.get("name")) or "chat", chat.get("messages")
        return
    yield as_str(root.get("name")) or "chat", root.get("messages")


def parse(source: Source) -> Iterator[Record]:
    """One record per message; service messages (joins, pins) are system skips."""
    root = load_json(source)
    any_chat = False
    for c, (name, messages) in enumerate(_chats(root)):
        any_chat = True
        thread = name
        if not isinstance(messages, list):
            yield Skip(f"{source.tag}:c{c}", SKIP_MALFORMED, thread)
            continue
        for n, msg in enumerate(messages):
            if not isinstance(msg, dict):
                yield Skip(f"{source.tag}:c{c}:#{n}", SKIP_MALFORMED, thread)
                continue
            mid = f"{source.tag}:c{c}:{as_str(msg.get('id')) or '#' + str(n)}"
            author = as_str(msg.get("from")) or as_str(msg.get("actor")) or ""
            if msg.get("type") == "service":
                yield Skip(mid, SKIP_SYSTEM, thread, author=author)
                continue
            media = any(msg.get(k) for k in _MEDIA_KEYS)
            yield message_or_skip(
                mid, author, as_str(msg.get("date")), text_of(msg.get("text")), thread,
                empty_reason=SKIP_MEDIA if media else "empty",
            )
    if not any_chat:
        yield Skip(f"{source.tag}:root", SKIP_MALFORMED, source.name)


def looks_like(head: str) -> bool:
    return bool(re.search(r'"messages"\s*:', head)) and bool(
        re.search(r'"(?:date_unixtime|from_id|personal_chat|private_group|private_supergroup|public_supergroup)"', head)
        or re.search(r'"chats"\s*:\s*\{', head)
    )
