"""Fuzz every export parser on mutated and truncated fixture exports: no crash, every record accounted for."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.batch import ExportError, Message, Skip
from claimcheck.batch.parsers import parse_source
from claimcheck.batch.parsers.source import Meter, Source
from claimcheck.batch.parsers.whatsapp import HEADER, strip_marks

EXPORTS = Path(__file__).parent / "data" / "exports"
EXAMPLES = 1000
FUZZ = settings(
    derandomize=True, max_examples=EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

PAYLOADS = [b"\n", b"\r\n", b"\xe2\x80\xaf", b"\xe2\x80\x8e", b'"', b",", b"{", b"}", b"[", b"]", b"\xff", b"\x00",
            b"\x0b", b"12/03/2024, 09:05 - ", b"[3/12/24, 9:05:33\xe2\x80\xafPM] ", b": ", b"null", b"\\u00c3"]
KINDS = ("truncate", "flip", "insert", "delete", "duplicate")


def mutations_from(seed: int) -> list[tuple[str, float, int, bytes]]:
    """One to four mutations drawn from a seed: hypothesis draws the seed (cheap), the seed draws the edits."""
    rng = random.Random(seed)
    out = []
    for _ in range(rng.randint(1, 4)):
        payload = rng.choice(PAYLOADS) if rng.random() < 0.6 else rng.randbytes(rng.randint(1, 8))
        out.append((rng.choice(KINDS), rng.random(), rng.randint(0, 64), payload))
    return out


def mutate(data: bytes, mutations: list[tuple[str, float, int, bytes]]) -> bytes:
    for kind, frac, length, payload in mutations:
        pos = int(frac * len(data))
        if kind == "truncate":
            data = data[:pos]
        elif kind == "flip" and data:
            i = min(pos, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ (payload[0] or 1)]) + data[i + 1 :]
        elif kind == "insert":
            data = data[:pos] + payload + data[pos:]
        elif kind == "delete":
            data = data[:pos] + data[pos + length :]
        else:
            data = data[:pos] + data[pos : pos + length] * 2 + data[pos + length :]
    return data


def source_of(name: str, data: bytes) -> Source:
    return Source(name, "fuzz", len(data), lambda: io.BytesIO(data), Meter())


def parse_all(fmt: str, name: str, data: bytes) -> list | None:
    """Records, or None when the whole export was refused with a one-line ExportError (not a crash)."""
    try:
        recs = list(parse_source(source_of(name, data), fmt, None))
    except ExportError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    for r in recs:
        assert isinstance(r, Message | Skip)
        if isinstance(r, Message):
            assert r.text.strip() and r.text == r.text.strip()
        else:
            assert r.reason
    return recs


def _json(data: bytes, prefix: bool = False):
    text = data.decode("utf-8-sig")
    if prefix and text.lstrip().startswith("window."):
        text = text[text.find("=") + 1 :]
    return json.loads(text)


# Independent counts of the units each export holds: every one must come back as a message or a skip.
def whatsapp_units(data: bytes) -> int:
    lines = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers = [i for i, line in enumerate(lines) if HEADER.match(strip_marks(line))]
    first = headers[0] if headers else len(lines)
    preamble = any(line.strip() for line in lines[:first])
    return len(headers) + preamble


def jsonl_units(data: bytes) -> int:
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return sum(1 for line in text.split("\n") if line.strip())


def csv_units(data: bytes) -> int:
    text = data.decode("utf-8-sig", errors="replace")
    rows = 0
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        while not any(c.strip() for c in next(reader)):
            pass
    except (StopIteration, csv.Error):
        return 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error:
            rows += 1
            continue
        rows += any(c.strip() for c in row)


def list_units(root, path: tuple) -> int:
    node = root
    for key in path:
        if not isinstance(node, dict):
            return 1
        node = node.get(key)
    return len(node) if isinstance(node, list) else 1


def facebook_units(root) -> int:
    if isinstance(root, list):
        return len(root)
    keys = [k for k in ("comments_v2", "group_posts_v2", "group_comments_v2", "group_posts", "posts", "comments")
            if isinstance(root, dict) and isinstance(root.get(k), list)]
    return sum(len(root[k]) for k in keys) if keys else 1


def reddit_units(root) -> int:
    stack, n = ([root] if not isinstance(root, list) else list(root)), 0
    while stack:
        node = stack.pop()
        if isinstance(node, dict) and node.get("kind") == "Listing" and isinstance(node.get("data"), dict):
            children = node["data"].get("children")
            stack.extend(children if isinstance(children, list) else [])
            continue
        n += 1
        if isinstance(node, dict) and node.get("kind") == "t1" and isinstance(node.get("data"), dict):
            if isinstance(node["data"].get("replies"), dict):
                stack.append(node["data"]["replies"])
    return n


def telegram_units(root) -> int:
    if not isinstance(root, dict):
        return 1
    chats = root.get("chats")
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        return sum(list_units(c, ("messages",)) for c in chats["list"] if isinstance(c, dict)) or 1
    return list_units(root, ("messages",))


CASES = {
    "whatsapp-android": ("whatsapp", "android_24h_dayfirst.txt", whatsapp_units, False),
    "whatsapp-ios": ("whatsapp", "ios_12h_monthfirst.txt", whatsapp_units, False),
    "facebook": ("facebook", "facebook_group_posts.json", facebook_units, True),
    "reddit": ("reddit", "reddit_thread.json", reddit_units, True),
    "discord-json": ("discord-json", "discord_channel.json", lambda r: list_units(r, ("messages",)), True),
    "discord-csv": ("discord-csv", "discord_channel.csv", csv_units, False),
    "telegram": ("telegram", "telegram_result.json", telegram_units, True),
    "twitter": ("twitter", "tweets.js", lambda r: len(r) if isinstance(r, list) else 1, True),
    "csv": ("csv", "generic.csv", csv_units, False),
    "jsonl": ("jsonl", "generic.jsonl", jsonl_units, False),
}
STATS: dict[str, list[int]] = {}


def check_case(case: str, mutations) -> None:
    fmt, name, units, is_json = CASES[case]
    data = mutate((EXPORTS / name).read_bytes(), mutations)
    recs = parse_all(fmt, name, data)
    stats = STATS.setdefault(case, [0, 0, 0])  # examples, refused whole, records
    stats[0] += 1
    if recs is None:
        stats[1] += 1
        return
    stats[2] += len(recs)
    if is_json:
        try:
            expected = units(_json(data, prefix=fmt == "twitter"))
        except (ValueError, RecursionError):
            raise AssertionError("invalid JSON was parsed instead of refused") from None
    else:
        expected = units(data)
    assert len(recs) == expected, f"{case}: {expected} units in the export, {len(recs)} records"


def _fuzz(case: str):
    @FUZZ
    @given(st.integers(0, 2**64))
    def test(seed):
        check_case(case, mutations_from(seed))

    test.__name__ = f"test_fuzz_{case.replace('-', '_')}"
    return test


test_fuzz_whatsapp_android = _fuzz("whatsapp-android")
test_fuzz_whatsapp_ios = _fuzz("whatsapp-ios")
test_fuzz_facebook = _fuzz("facebook")
test_fuzz_reddit = _fuzz("reddit")
test_fuzz_discord_json = _fuzz("discord-json")
test_fuzz_discord_csv = _fuzz("discord-csv")
test_fuzz_telegram = _fuzz("telegram")
test_fuzz_twitter = _fuzz("twitter")
test_fuzz_csv = _fuzz("csv")
test_fuzz_jsonl = _fuzz("jsonl")


def test_fuzz_examples_reach_the_parsers():
    """Guard against a fuzz run that only ever feeds refused input: most examples must parse."""
    for case in CASES:
        data = mutate((EXPORTS / CASES[case][1]).read_bytes(), [("insert", 0.0, 0, b" ")])
        recs = parse_all(CASES[case][0], CASES[case][1], data)
        assert recs and any(isinstance(r, Message) for r in recs), case
