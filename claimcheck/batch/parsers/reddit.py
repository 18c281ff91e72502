"""Reddit thread JSON (the `.json` of a thread URL): the post and every nested comment, walked without recursion."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.batch.parsers.source import Source, as_str, iso_from_unix, load_json
from claimcheck.batch.records import SKIP_DELETED, SKIP_MALFORMED, Record, Skip, message_or_skip

SKIP_MORE = "collapsed comments not in the export"
_DELETED = {"[deleted]", "[removed]"}


def parse(source: Source) -> Iterator[Record]:
    """Depth-first in page order: the post, then each comment followed by its replies."""
    root = load_json(source)
    thread = source.name.rsplit(".", 1)[0]
    if isinstance(root, list):
        stack: list[object] = list(reversed(root))
    else:
        stack = [root]
    n = 0
    while stack:
        node = stack.pop()
        n += 1
        if not isinstance(node, dict):
            yield Skip(f"{source.tag}:#{n}", SKIP_MALFORMED, thread)
            continue
        kind, data = node.get("kind"), node.get("data")
        if not isinstance(data, dict):
            yield Skip(f"{source.tag}:#{n}", SKIP_MALFORMED, thread)
            continue
        if kind == "Listing":
            children = data.get("children")
            stack.extend(reversed(children) if isinstance(children, list) else [])
            continue
        mid = f"{source.tag}:{as_str(data.get('name')) or as_str(data.get('id')) or '#' + str(n)}"
        if kind == "more":
            yield Skip(mid, SKIP_MORE, thread)
            continue
        if kind == "t3":
            title, body = as_str(data.get("title")) or "", as_str(data.get("selftext")) or ""
            text = title if body in ("", *_DELETED) else f"{title}\n\n{body}"
        elif kind == "t1":
            text = data.get("body")
            replies = data.get("replies")
            if isinstance(replies, dict):
                stack.append(replies)
        else:
            yield Skip(mid, SKIP_MALFORMED, thread)
            continue
        author = as_str(data.get("author")) or ""
        if isinstance(text, str) and text.strip() in _DELETED:
            yield Skip(mid, SKIP_DELETED, thread, author=author)
            continue
        yield message_or_skip(mid, author, iso_from_unix(data.get("created_utc")), text, thread)


def looks_like(head: str) -> bool:
    return bool(re.search(r'"kind"\s*:\s*"(?:Listing|t3|t1)"', head))
