"""Reddit thread JSON (the `.json` of a thread URL): the post and every nested comment, walked without recursion."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from claimcheck.batch.parsers.jsonstream import STREAMED, stream_json
from claimcheck.batch.parsers.source import Source, as_str, iso_from_unix
from claimcheck.batch.records import SKIP_DELETED, SKIP_MALFORMED, Record, Skip, message_or_skip

SKIP_MORE = "collapsed comments not in the export"
_DELETED = {"[deleted]", "[removed]"}


def parse(source: Source) -> Iterator[Record]:
    """Depth-first in page order: the post, then each comment followed by its replies.

    Streamed: the top-level nodes one at a time and, inside a Listing, each top-level comment tree one at a
    time (a tree is walked whole, without recursion). The children of a node not yet known to be a Listing
    when they start are held until the node ends, then walked as if loaded whole."""
    thread = source.name.rsplit(".", 1)[0]
    counter = [0]
    held: dict[int, list[object]] = {}  # depth of the node -> children held until its kind is known
    live: set[int] = set()  # depths of Listings whose children are walked as they arrive
    for event, prefix, value in stream_json(source, ("", "item.data.children", "data.children")):
        depth = 0 if prefix in ("", "data.children") else 1
        if event == "array" and prefix != "":
            node = value[-2]
            if isinstance(node, dict) and node.get("kind") == "Listing":
                live.add(depth)
                counter[0] += 1  # the Listing itself, counted as the walk counts it
            else:
                held[depth] = []
        elif event == "item" and prefix != "" and depth in live:
            yield from _walk([value], counter, source.tag, thread)
        elif event == "item" and prefix != "":
            held[depth].append(value)
        elif event == "item" or (event == "root" and value is not STREAMED):
            level = 1 if event == "item" else 0
            if level in live:
                live.discard(level)
                continue
            children = held.pop(level, None)
            data = value.get("data") if isinstance(value, dict) else None
            if children is not None and isinstance(data, dict) and data.get("children") is STREAMED:
                data["children"] = children
            yield from _walk([value], counter, source.tag, thread)


def _walk(stack: list[object], counter: list[int], tag: str, thread: str) -> Iterator[Record]:
    while stack:
        node = stack.pop()
        counter[0] += 1
        n = counter[0]
        if not isinstance(node, dict):
            yield Skip(f"{tag}:#{n}", SKIP_MALFORMED, thread)
            continue
        kind, data = node.get("kind"), node.get("data")
        if not isinstance(data, dict):
            yield Skip(f"{tag}:#{n}", SKIP_MALFORMED, thread)
            continue
        if kind == "Listing":
            children = data.get("children")
            stack.extend(reversed(children) if isinstance(children, list) else [])
            continue
        mid = f"{tag}:{as_str(data.get('name')) or as_str(data.get('id')) or '#' + str(n)}"
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
        if isinstance(text, str):  # Reddit's JSON escapes &, < and > ("meds &amp; alcohol"); the splitter cuts at ";"
            text = html.unescape(text)
        if isinstance(text, str) and text.strip() in _DELETED:
            yield Skip(mid, SKIP_DELETED, thread, author=author)
            continue
        yield message_or_skip(mid, author, iso_from_unix(data.get("created_utc")), text, thread)


def looks_like(head: str) -> bool:
    return bool(re.search(r'"kind"\s*:\s*"(?:Listing|t3|t1)"', head))
