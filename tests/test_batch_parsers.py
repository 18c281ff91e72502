"""Batch export parsers: every fixture export parses to the right records, nothing lost, zips read safely."""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from claimcheck.batch import ExportError, Message, Skip, detect_format, read_export
from claimcheck.batch.parsers import archive, parse_source
from claimcheck.batch.parsers.source import Meter, Source

EXPORTS = Path(__file__).parent / "data" / "exports"

# file -> (format, messages, {skip reason: count})
EXPECTED = {
    "android_24h_dayfirst.txt": ("whatsapp", 5, {"system message": 2, "media only": 1, "deleted": 1}),
    "android_12h_monthfirst.txt": ("whatsapp", 3, {"media only": 1, "system message": 1}),
    "ios_24h_dayfirst.txt": ("whatsapp", 3, {"system message": 2, "media only": 1, "deleted": 1}),
    "ios_12h_monthfirst.txt": ("whatsapp", 2, {"media only": 2}),
    "facebook_group_posts.json": ("facebook", 4, {"media only": 1, "empty": 1}),
    "reddit_thread.json": ("reddit", 5, {"deleted": 1, "collapsed comments not in the export": 1}),
    "discord_channel.json": ("discord-json", 2, {"system message": 2, "media only": 1}),
    "discord_channel.csv": ("discord-csv", 3, {"media only": 1}),
    "telegram_result.json": ("telegram", 3, {"system message": 1, "media only": 1}),
    "tweets.js": ("twitter", 2, {"media only": 1}),
    "generic.csv": ("csv", 3, {"empty": 1}),
    "generic.jsonl": ("jsonl", 2, {"malformed record": 1, "no text field": 1}),
}


def records(name: str, **kw):
    export = read_export([EXPORTS / name], kw.pop("input_format", None))
    return export, list(export.records(**kw))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_exports_parse_to_the_right_records(name):
    fmt, n_messages, skips = EXPECTED[name]
    export, recs = records(name)
    assert [f for _, f in export.sources] == [fmt]
    messages = [r for r in recs if isinstance(r, Message)]
    skipped = [r for r in recs if isinstance(r, Skip)]
    assert len(messages) == n_messages
    assert Counter(r.reason for r in skipped) == skips
    assert len(recs) == len(messages) + len(skipped)  # nothing but messages and explained skips
    assert len({r.id for r in recs}) == len(recs)
    assert all(m.text.strip() and m.author for m in messages)


def test_whatsapp_variants_read_dates_in_the_right_order_and_keep_multiline_messages():
    _, android = records("android_24h_dayfirst.txt")
    by_line = {r.source_line: r for r in android}
    assert by_line[5].timestamp == "2024-03-12T09:08:00"
    assert by_line[5].text == "worked for me\nand honestly exercise helps with anxiety"
    assert by_line[10].text == "Anyone tried CBT?"  # "<This message was edited>" dropped
    _, us = records("android_12h_monthfirst.txt")
    assert us[3].timestamp == "2024-03-13T22:31:00"  # 3/13/24 10:31 PM
    _, ios = records("ios_12h_monthfirst.txt")
    assert ios[0].timestamp == "2024-03-12T09:05:33" and ios[2].timestamp == "2024-03-12T21:07:45"
    _, ios24 = records("ios_24h_dayfirst.txt")
    assert ios24[1].author == "Lena Vogel"  # "~\u202fLena Vogel": the non-contact tilde and narrow space go
    assert ios24[2].text == "exercise helps with depression\nreally, try a daily walk"


def test_facebook_mojibake_is_repaired():
    _, recs = records("facebook_group_posts.json")
    assert recs[0].author == "Zoë Martin"
    assert recs[0].text.startswith("Don\u2019t stop your antidepressants")
    assert "\u00c3" not in "".join(getattr(r, "text", "") for r in recs)
    assert recs[5].author == "Kwame Mensah" and "Zoë" in recs[5].text


def test_reddit_comments_come_in_thread_order_at_every_depth():
    _, recs = records("reddit_thread.json")
    assert [r.id.split(":")[1] for r in recs] == ["t3_abc123", "t1_c1", "t1_c2", "t1_c3", "t1_c4", "t1_c5", "t1_c6"]


def test_telegram_entity_lists_are_joined():
    _, recs = records("telegram_result.json")
    assert recs[2].text == "Never stop antidepressants suddenly, see @ingrid_holm"


def test_text_column_and_forced_format():
    _, recs = records("generic.csv", text_column="username")
    assert recs[0].text == "Beatriz Santos"
    with pytest.raises(ExportError, match="--text-column"):
        records("generic.csv", text_column="nope")
    export, recs = records("generic.jsonl", input_format="jsonl")
    assert [f for _, f in export.sources] == ["jsonl"]
    with pytest.raises(ExportError, match="unknown input format"):
        read_export([EXPORTS / "generic.csv"], "myspace")


def test_unrecognised_file_names_the_fix(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing like a chat\n")
    with pytest.raises(ExportError, match="--input-format"):
        read_export([path])
    assert detect_format(b"window.YTD.tweets.part0 = []", "x.js") == "twitter"


def test_whatsapp_zip_reads_the_chat_and_never_uses_entry_names_as_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export = read_export([EXPORTS / "whatsapp_ios.zip"])
    names = [s.name for s, _ in export.sources]
    assert names == ["_chat.txt", "passwd.txt"]  # "../../evil/../../etc/passwd.txt" is only a label
    assert any("PHOTO" in n and "left out" in n for n in export.notes)
    recs = list(export.records())
    assert sum(isinstance(r, Message) for r in recs) == 4
    assert list(tmp_path.iterdir()) == []  # nothing extracted


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_zip_bomb_is_refused_in_under_a_second(tmp_path):
    bomb = _zip(tmp_path / "chat.zip", {"_chat.txt": b"0" * (64 * 1024 * 1024)})  # 64 MB -> ~64 KB
    t0 = time.perf_counter()
    with pytest.raises(ExportError, match="zip bomb"):
        read_export([bomb])
    assert time.perf_counter() - t0 < 1.0


def test_zip_caps_on_files_and_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRIES", 5)
    many = _zip(tmp_path / "many.zip", {f"{i}.txt": b"x" for i in range(6)})
    with pytest.raises(ExportError, match="6 files"):
        read_export([many])
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    big = _zip(tmp_path / "big.zip", {"_chat.txt": bytes(range(256)) * 8})
    with pytest.raises(ExportError, match="would unpack"):
        read_export([big])


def test_zip_entry_larger_than_its_header_is_refused(tmp_path):
    path = _zip(tmp_path / "lie.zip", {"_chat.txt": b"12/03/2024, 09:05 - Ann: hello there\n" * 50})
    info = zipfile.ZipFile(path).infolist()[0]
    source = archive.zip_sources(path, archive.Meter())[0][0]
    capped = archive._Capped(io.BytesIO(b"x" * (info.file_size + 10)), info.file_size, "_chat.txt",
                             zipfile.ZipFile(path))
    with pytest.raises(ExportError, match="larger than its header"):
        capped.read()
    assert source.head().startswith(b"12/03/2024")


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("facebook", "facebook_group_posts.json"), ("reddit", "reddit_thread.json"),
     ("discord-json", "discord_channel.json"), ("telegram", "telegram_result.json"), ("twitter", "tweets.js")],
)
def test_truncated_json_yields_the_records_before_the_damage_then_one_line_error(fmt, name):
    """JSON exports stream: a cut-off file gives the complete records before the cut, then a one-line error."""
    data = (EXPORTS / name).read_bytes()
    whole = list(parse_source(Source(name, "t", len(data), lambda: io.BytesIO(data), Meter()), fmt))
    cut = data[: int(len(data) * 0.75)]
    got = []
    with pytest.raises(ExportError, match="not valid JSON") as err:
        for record in parse_source(Source(name, "t", len(cut), lambda: io.BytesIO(cut), Meter()), fmt):
            got.append(record)
    assert "\n" not in str(err.value)
    assert got and got == whole[: len(got)] and len(got) < len(whole)


def test_json_exports_have_no_size_cap_and_keep_the_bom_and_prefix_rules():
    data = b"\xef\xbb\xbf  window.YTD.tweets.part0 = " + b",".join(
        b'{"tweet": {"id_str": "%d", "full_text": "drink water %d"}}' % (i, i) for i in range(3000)
    ).join([b"[", b"]"])
    recs = list(parse_source(Source("tweets.js", "t", len(data), lambda: io.BytesIO(data), Meter()), "twitter"))
    assert len(recs) == 3000 and recs[-1].text == "drink water 2999"


def test_reddit_and_x_exports_are_unescaped_before_claims_are_split():
    """Both escape &, < and >; left escaped, "meds &amp; alcohol" split at the ";" into two broken claims."""
    reddit = (
        b'{"kind": "t1", "data": {"name": "t1_x", "author": "a", "created_utc": 1700000000, '
        b'"body": "never mix your meds &amp; alcohol &gt;:("}}'
    )
    tweets = b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "meds &amp; alcohol &lt;3 no"}}]'
    (r,) = parse_source(Source("r.json", "r", len(reddit), lambda: io.BytesIO(reddit), Meter()), "reddit")
    (t,) = parse_source(Source("tweets.js", "t", len(tweets), lambda: io.BytesIO(tweets), Meter()), "twitter")
    assert r.text == "never mix your meds & alcohol >:(" and t.text == "meds & alcohol <3 no"
