"""Facebook "Download your information" JSON: your posts, comments, group posts and group comments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.batch.parsers.jsonstream import STREAMED, stream_json
from claimcheck.batch.parsers.source import Source, as_str, fix_mojibake, iso_from_unix
from claimcheck.batch.records import SKIP_MALFORMED, SKIP_MEDIA, Record, Skip, message_or_skip

KEYS = ("comments_v2", "group_posts_v2", "group_comments_v2", "group_posts", "posts", "comments")
_ACTOR = re.compile(r"^(.{1,80}?) (?:wrote|posted|shared|commented|replied|updated|added|was)\b")


def _items(source: Source) -> Iterator[tuple[str, object]]:
    """(key, item) for each item of the root array or of each KEYS array, streamed in file order; a root object
    with none of them is one record."""
    for event, prefix, value in stream_json(source, ("", *KEYS)):
        if event == "item":
            yield prefix or "posts", value
        elif event == "root" and isinstance(value, dict) and not any(value.get(k) is STREAMED for k in KEYS):
            yield "record", value


def _texts(item: dict) -> tuple[list[str], str]:
    """The post or comment texts of one item and the comment author, if the export names one."""
    texts, author = [], ""
    data = item.get("data")
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict):
            continue
        post = as_str(entry.get("post"))
        if post:
            texts.append(post)
        comment = entry.get("comment")
        if isinstance(comment, dict):
            text = as_str(comment.get("comment"))
            if text:
                texts.append(text)
            author = as_str(comment.get("author")) or author
        elif isinstance(comment, str) and comment:
            texts.append(comment)
    return texts, author


def parse(source: Source) -> Iterator[Record]:
    """One record per post or comment; text is repaired from Facebook's latin-1 mojibake."""
    thread = source.name.rsplit(".", 1)[0]
    for n, (key, item) in enumerate(_items(source)):
        mid = f"{source.tag}:{key}:{n}"
        if not isinstance(item, dict):
            yield Skip(mid, SKIP_MALFORMED, thread)
            continue
        texts, author = _texts(item)
        title = fix_mojibake(as_str(item.get("title")) or "")
        if not author and (m := _ACTOR.match(title)):
            author = m.group(1)
        text = fix_mojibake("\n".join(texts))
        has_media = bool(item.get("attachments"))
        yield message_or_skip(
            mid, fix_mojibake(author), iso_from_unix(item.get("timestamp")), text, thread,
            empty_reason=SKIP_MEDIA if has_media else "empty",
        )


def looks_like(head: str) -> bool:
    return bool(re.search(r'"(?:comments_v2|group_posts_v2|group_comments_v2)"', head)) or bool(
        re.match(r'\s*\[\s*\{\s*"timestamp"', head) and '"data"' in head
    )
