"""X/Twitter archive `tweets.js` (`window.YTD.tweets.part0 = [...]`): the archive owner's tweets and replies."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime

from claimcheck.batch.parsers.jsonstream import STREAMED, stream_json
from claimcheck.batch.parsers.source import Source, as_str
from claimcheck.batch.records import SKIP_MALFORMED, SKIP_MEDIA, Record, Skip, message_or_skip

OWNER = "archive owner"
THREAD = "tweets"
MAX_MEDIA = 16


def _time(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return None


def parse(source: Source) -> Iterator[Record]:
    """One record per tweet, streamed; a tweet that is only a media link is a media skip."""
    n = 0
    for event, _, value in stream_json(source, ("",), strip_prefix=True):
        if event == "item":
            yield _record(value, n, source)
            n += 1
        elif event == "root" and value is not STREAMED:
            yield Skip(f"{source.tag}:root", SKIP_MALFORMED, THREAD)


def _record(item: object, n: int, source: Source) -> Record:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return Skip(f"{source.tag}:#{n}", SKIP_MALFORMED, THREAD)
    mid = f"{source.tag}:{as_str(tweet.get('id_str')) or as_str(tweet.get('id')) or '#' + str(n)}"
    text = tweet.get("full_text", tweet.get("text"))
    entities = tweet.get("extended_entities") or tweet.get("entities")
    media = isinstance(entities, dict) and bool(entities.get("media"))
    if isinstance(text, str) and media and isinstance(entities, dict):
        listed = entities.get("media")
        # A tweet has at most four media; each is a scan of the text, so a list of thousands is cut short.
        for m in listed[:MAX_MEDIA] if isinstance(listed, list) else []:
            url = m.get("url") if isinstance(m, dict) else None
            if isinstance(url, str) and url:
                text = text.replace(url, "")
    if isinstance(text, str):  # the archive escapes &, < and > as X's API does ("meds &amp; alcohol")
        text = html.unescape(text)
    return message_or_skip(
        mid, OWNER, _time(tweet.get("created_at")), text, THREAD, empty_reason=SKIP_MEDIA if media else "empty"
    )


def looks_like(head: str, name: str) -> bool:
    return head.lstrip().startswith("window.YTD.") or name.lower().endswith("tweets.js")
