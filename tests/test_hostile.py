"""Hostile inputs: every input has a bound that holds before work starts (issue 15, items 2 and 6).

The corpus is the committed files under tests/data/hostile/ (small: see its README) plus the big files the
`make` functions here write on demand (megabytes are generated, never committed). Each case runs through the
real CLI in a subprocess and must stay within MAX_SECONDS and MAX_PEAK_MB; `scripts/redteam.py` imports CORPUS
and `run_bounded` from here and prints the same runs as a table against the full index.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck import claims
from claimcheck.batch import ExportError, Message, read_export, records
from claimcheck.batch.parsers import archive, jsonstream
from claimcheck.batch.parsers import source as source_module
from claimcheck.batch.parsers.source import Meter, Source, safe_name
from claimcheck.batch.records import Record, message_or_skip
from claimcheck.claims import split_claims

# The bounds are read from their modules inside each test (not imported by name), so that before a bound
# existed each test failed on its own rather than the whole module failing to import.

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "data" / "hostile"
MAX_SECONDS = 10.0
# Issue 15's bound. With the full index an ordinary batch or check of a few dozen distinct claims already peaks
# at about 320 MB (the stance model's second session, +60 MB, starts at six pairs), so the controls' memory is
# shown, not judged; every hostile input must stay under this whatever it holds.
MAX_PEAK_MB = 300.0
# A child that breaks its bound is stopped well before it can take the machine down (the unfixed parsers
# reached 4 GB on an 80 KB file); 2 GiB of address space is ample for the models and the index.
ADDRESS_SPACE_LIMIT = 2 * 1024**3
CRISIS = "i am going to kill myself tonight"
ADVICE = "stop your antidepressants suddenly, it is fine"


# --- the generated part of the corpus ---------------------------------------------------------------------


def reddit_deep(replies: int) -> Callable[[Path], None]:
    """A Reddit thread whose replies nest `replies` deep (each reply is five JSON levels); the post is urgent."""

    def make(path: Path) -> None:
        post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
            "name": "t3_a", "title": "tonight", "selftext": CRISIS, "author": "op", "created_utc": 1710252300}}]}}
        with open(path, "w", encoding="utf-8") as f:
            f.write("[" + json.dumps(post) + ',{"kind":"Listing","data":{"children":[')
            for i in range(replies):
                reply = {"name": f"t1_{i}", "author": f"u{i % 50}", "created_utc": 1710252300,
                         "body": f"reply {i}: {ADVICE}"}
                f.write('{"kind":"t1","data":' + json.dumps(reply)[:-1]
                        + ',"replies":{"kind":"Listing","data":{"children":[')
            f.write("]}}}}" * replies + "]}}]")

    return make


def telegram_many_chats(path: Path, chats: int = 20_000) -> None:
    """A full Telegram export of many empty chats: counting the chats again for each one was quadratic."""
    items = ",".join(f'{{"name":"c{i}","type":"personal_chat","id":{i},"messages":[]}}' for i in range(chats))
    path.write_text('{"about":"x","chats":{"about":"y","list":[' + items + "]}}", encoding="utf-8")


def tweets_many_media(path: Path, media: int = 50_000) -> None:
    """One 1 MB tweet listing 50,000 media links: each link was a scan of the whole text."""
    tweet = {"tweet": {"id_str": "1", "created_at": "Tue Mar 12 14:05:00 +0000 2024",
                       "full_text": CRISIS + ". " + (ADVICE + " ") * 20_000,
                       "entities": {"media": [{"url": f"https://t.co/{i:07d}"} for i in range(media)]}}}
    path.write_text("window.YTD.tweets.part0 = " + json.dumps([tweet]), encoding="utf-8")


def facebook_huge_post(path: Path) -> None:
    """One 5 MB Facebook post (one JSON string) that opens with a crisis sentence."""
    post = {"timestamp": 1710252300, "data": [{"post": CRISIS + ". " + "stop your meds now " * 260_000}],
            "title": "Ann posted in Calm."}
    path.write_text(json.dumps({"group_posts_v2": [post]}), encoding="utf-8")


def whatsapp_long_line(path: Path) -> None:
    """A 5 MB WhatsApp message on one line, crisis first: an over-long line once lost its header (and text)."""
    path.write_text(f"12/03/2024, 14:05 - Ann: {CRISIS} " + "stop your meds now " * 260_000
                    + f"\n12/03/2024, 14:06 - Bo: {ADVICE}\n", encoding="utf-8")


def csv_wide_row(path: Path) -> None:
    """A CSV row of two million empty cells (2 MB)."""
    path.write_text(f"author,text\nAnn,{CRISIS}" + "," * 2_000_000 + f"\nBo,{ADVICE}\n", encoding="utf-8")


def jsonl_deep_line(path: Path) -> None:
    """A JSONL line of 200,000 nested arrays (400 KB), after an urgent line."""
    path.write_text(json.dumps({"text": CRISIS}) + "\n" + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")


def zip_many_small_entries(path: Path) -> None:
    """The 40 x 1 MiB bomb again as 640 entries of exactly 64 KiB, each under the per-entry ratio's floor."""
    line = f"12/03/2024, 14:05 - Ann: {ADVICE}\n"
    body = (line * (65536 // len(line) + 1))[:65536]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for i in range(640):
            z.writestr(f"chat{i:03d}.txt", body)


def nested_html(path: Path) -> None:
    """4.4 MB of nested <div>s after a crisis sentence: `check` took 45 s and 2.07 GB."""
    path.write_text(f"<p>{CRISIS}</p>" + "<div>" * 400_000 + ADVICE + "</div>" * 400_000, encoding="utf-8")


def one_sentence(path: Path) -> None:
    """A 5 MB sentence (no full stop) that opens with a crisis: `check` took 42 s and 958 MB."""
    path.write_text(CRISIS + " and " + "you should stop your antidepressants suddenly because it is fine " * 78_000,
                    encoding="utf-8")


def one_word(path: Path) -> None:
    """5 MB without a space: every claim piece is a hard cut."""
    path.write_text("a" * 5_000_000, encoding="utf-8")


def write_committed(folder: Path) -> None:
    """Write the committed part of the corpus (tests/data/hostile/, see its README) into `folder`.

    `python tests/test_hostile.py` rewrites them in place; a test checks the committed files still match."""
    chat = f"12/03/2024, 14:05 - Ann: {CRISIS}\n12/03/2024, 14:06 - Bo: {ADVICE}\n"
    name = "WhatsApp Chat with " + "Peer support for medication questions and everything else we talk about " * 2
    with zipfile.ZipFile(folder / "long_entry_name.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name + "(UK).txt", chat)
    message = {"id": 1, "type": "message", "date": "2024-03-12T14:05:00", "date_unixtime": "1710252300",
               "from": "Ann", "from_id": "user1", "text": CRISIS}
    head = json.dumps({"name": "Support", "type": "private_group", "id": 1, "messages": [message]})[:-2]
    (folder / "telegram_deep_arrays.json").write_text(
        head + ', {"id": 2, "type": "message", "date": "2024-03-12T14:06:00", "date_unixtime": "1710252360", '
        '"from": "Bo", "from_id": "user2", "text": ' + "[" * 40_000 + "]" * 40_000 + "}]}", encoding="utf-8")
    line = f"12/03/2024, 14:05 - Ann: {ADVICE}\n"
    body = (line * (1024 * 1024 // len(line) + 1))[: 1024 * 1024]
    with zipfile.ZipFile(folder / "zip_40_entries_of_1mib.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for i in range(40):
            z.writestr(f"chat{i:02d}.txt", body)
    messages = [{**message, "id": i, "text": CRISIS if i == 1 else ADVICE} for i in range(1, 6)]
    whole = json.dumps({"name": "Support", "type": "private_group", "id": 1, "messages": messages}, indent=1)
    (folder / "telegram_cut_after_crisis.json").write_text(whole[: int(len(whole) * 0.7)], encoding="utf-8")
    (folder / "whatsapp_crisis_then_escapes.txt").write_text(
        f"12/03/2024, 14:05 - Ann: {CRISIS}\n"
        f"12/03/2024, 14:06 - Bo [/]: \x1b[2J\x1b[H[bold red]all fine here[/] \x00 {ADVICE}\n", encoding="utf-8")
    (folder / "check_crisis_then_escapes.txt").write_text(f"{CRISIS}\n\x1b[2J\x1b[H[/] \x00 {ADVICE}\n",
                                                          encoding="utf-8")
    (folder / "csv_markup_header.csv").write_text(f"[/]who,[bold]what[/]\nAnn,{CRISIS}\n", encoding="utf-8")
    (folder / "check_invalid_byte.txt").write_bytes(CRISIS.encode() + b"\n\xff " + ADVICE.encode() + b"\n")
    (folder / "whatsapp_crisis_chat.txt").write_text(chat, encoding="utf-8")


def _real_claims(n: int) -> list[str]:
    rows = (ROOT / "corpus" / "eval" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(r)["text"] for r in rows[:n]]


def ordinary_chat(path: Path) -> None:
    """Control: an ordinary WhatsApp chat of 91 real claims from corpus/eval (not hostile)."""
    lines = [f"12/03/2024, 14:{i % 60:02d} - Member {i % 9}: {t}\n" for i, t in enumerate(_real_claims(91))]
    path.write_text("".join(lines), encoding="utf-8")


def ordinary_paste(path: Path) -> None:
    """Control: an ordinary paste of 150 real claims, one a line (`check` reads the first 100)."""
    path.write_text("\n".join(_real_claims(150)) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One hostile input and the command it goes through; `make` writes a generated file (None: committed)."""

    name: str
    command: str  # "check" or "batch"
    attack: str
    make: Callable[[Path], None] | None = None
    crisis: bool = False  # holds a crisis sentence: the banner (or the report's at-risk list) must show
    args: tuple[str, ...] = ()  # more CLI arguments; "{input}" is the input's path
    stdin: bool = False  # `check -` with the file on standard input
    expect_rc: tuple[int, ...] = (0,)
    expect: str = ""  # text stdout or stderr must hold
    # An ordinary input of the same size class, run for comparison: its time is judged, its memory is shown
    # beside the hostile rows but not judged (see MAX_PEAK_MB's note).
    control: bool = False

    def path(self, folder: Path) -> Path:
        """The input file: committed, or written into `folder`."""
        if self.make is None:
            return HOSTILE / self.name
        target = folder / self.name
        if not target.exists():
            self.make(target)
        return target

    def argv(self, path: Path, index: Path | None) -> list[str]:
        cli = [sys.executable, "-m", "claimcheck.cli", self.command]
        if self.command == "check":
            cli += ["-"] if self.stdin else ["--file", str(path)]
        else:
            cli += [str(path), "--format", "jsonl", "--quiet"]
        cli += [a.replace("{input}", str(path)) for a in self.args]
        return cli + (["--index", str(index)] if index is not None else [])


CORPUS: tuple[Case, ...] = (
    Case("telegram_deep_arrays.json", "batch", "40,000 nested arrays, 80 KB", crisis=True, expect_rc=(2,),
         expect="nests deeper than"),
    Case("reddit_deep_4000.json", "batch", "4,000 nested replies, 686 KB", reddit_deep(4_000), crisis=True,
         expect_rc=(2,), expect="nests deeper than"),
    Case("reddit_deep_20000.json", "batch", "20,000 nested replies, 3.4 MB", reddit_deep(20_000), crisis=True,
         expect_rc=(2,), expect="nests deeper than"),
    Case("reddit_deep_90.json", "batch", "control: 90 nested replies (under the limit)", reddit_deep(90),
         crisis=True, expect='"messages_read": 91', control=True),
    Case("zip_40_entries_of_1mib.zip", "batch", "40 entries of exactly 1 MiB, 150 KB", expect_rc=(2,),
         expect="zip bomb"),
    Case("zip_640_entries_of_64kib.zip", "batch", "640 entries of exactly 64 KiB", zip_many_small_entries,
         expect_rc=(2,), expect="zip bomb"),
    Case("long_entry_name.zip", "batch", "zip entry name of 171 characters", crisis=True,
         expect='"messages_read": 2'),
    Case("telegram_many_chats.json", "batch", "20,000 empty chats, 1.3 MB", telegram_many_chats),
    Case("tweets_many_media.js", "batch", "1 MB tweet with 50,000 media links", tweets_many_media, crisis=True),
    Case("facebook_huge_post.json", "batch", "one 5 MB post", facebook_huge_post, crisis=True),
    Case("whatsapp_long_line.txt", "batch", "one 5 MB message line", whatsapp_long_line, crisis=True),
    Case("csv_wide_row.csv", "batch", "a row of 2,000,000 cells", csv_wide_row, crisis=True),
    Case("jsonl_deep_line.jsonl", "batch", "a line of 200,000 nested arrays", jsonl_deep_line, crisis=True),
    Case("telegram_cut_after_crisis.json", "batch", "cut-off export, first message urgent", crisis=True,
         expect_rc=(2,)),
    Case("whatsapp_crisis_then_escapes.txt", "batch", "escape sequences, markup, NUL", crisis=True),
    Case("csv_markup_header.csv", "batch", "rich markup in the CSV header", expect_rc=(2,)),
    Case("whatsapp_crisis_chat.txt", "batch", "--out names the input (refused before reading)",
         args=("--out", "{input}"), expect_rc=(2,)),
    Case("nested_html.html", "check", "4.4 MB of nested HTML", nested_html, crisis=True),
    Case("one_sentence.txt", "check", "one 5 MB sentence", one_sentence, crisis=True),
    Case("one_sentence_stdin.txt", "check", "one 5 MB sentence on stdin", one_sentence, crisis=True, stdin=True),
    Case("one_word.txt", "check", "5 MB without a space", one_word),
    Case("check_crisis_then_escapes.txt", "check", "escape sequences after a crisis", crisis=True),
    Case("check_invalid_byte.txt", "check", "one invalid byte after a crisis", crisis=True, expect_rc=(2,)),
    Case("ordinary_chat_91_claims.txt", "batch", "control: ordinary chat, 91 real claims", ordinary_chat,
         control=True),
    Case("ordinary_paste_150_claims.txt", "check", "control: ordinary paste, 150 real claims", ordinary_paste,
         control=True),
)


# --- running a case -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    rc: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str


# Runs the command as its only child and writes [exit code, child's ru_maxrss in KB] to the file argv[2].
_MEASURE = (
    "import json, os, subprocess, sys\n"
    "child = subprocess.Popen(json.loads(sys.argv[1]))\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[2], 'w').write(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss]))\n"
)


def run_bounded(argv: list[str], stdin: Path | None = None, timeout: float = 60.0) -> Run:
    """Run a command to its end and measure it: wall time and the peak RSS of that one process.

    The command is started by a small fresh Python process, not forked from this one: on Linux a child's
    ru_maxrss starts at its parent's resident size at the fork, so a test process holding models (or one that
    ran a browser test earlier) would inflate every figure; the wrapper is a few MB."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "COLUMNS": "200"}
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        open(stdin or os.devnull, "rb") as fin,
    ):
        report = Path(tmp) / "usage.json"
        wrapper = [sys.executable, "-c", _MEASURE, json.dumps(argv), str(report)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            wrapper, stdin=fin, stdout=out, stderr=err, cwd=ROOT, env=env, preexec_fn=limit, start_new_session=True
        )
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        seconds = time.perf_counter() - t0
        rc, maxrss = json.loads(report.read_text()) if report.exists() else (-9, 0)
        out.seek(0)
        err.seek(0)
        return Run(rc, seconds, maxrss / 1024, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def banner_shown(case: Case, run: Run) -> bool:
    """Whether someone at risk would see help: the banner's helplines (`check`), the report's at-risk list or a
    banner on the terminal (`batch`)."""
    from claimcheck.safety import assess

    text = run.stdout + run.stderr
    markers = [m for r in assess(CRISIS).resources for m in (r.url, r.phone) if m and "emergency" not in m]
    markers = [m.removeprefix("https://").removeprefix("http://") for m in markers]
    if any(m in text for m in markers):
        return True
    return case.command == "batch" and '"type": "safety_flag"' in run.stdout


def run_case(case: Case, folder: Path, index: Path | None, timeout: float = 60.0) -> tuple[Run, bool]:
    """Run one case; also says whether the input file is byte for byte what it was."""
    path = case.path(folder)
    before = digest(path)
    run = run_bounded(case.argv(path, index), stdin=path if case.stdin else None, timeout=timeout)
    return run, digest(path) == before


# --- every case through the CLI, within its bounds ---------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.slow
@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_every_hostile_input_stays_within_its_bounds(case, corpus_dir, small_index):
    run, intact = run_case(case, corpus_dir, small_index)
    said = f"{case.name}: rc {run.rc}, {run.seconds:.1f} s, {run.peak_mb:.0f} MB\n{run.stderr[-2000:]}"
    assert run.seconds <= MAX_SECONDS, said
    assert case.control or run.peak_mb <= MAX_PEAK_MB, said
    assert intact, f"{case.name} was changed by the run"
    assert "Traceback" not in run.stderr, said
    if case.make is not None or case.name in {"telegram_deep_arrays.json", "zip_40_entries_of_1mib.zip",
                                              "long_entry_name.zip"}:
        # items 2 and 6 (this file's); the committed inputs for other items are measured for their bounds only
        assert run.rc in case.expect_rc, said
        assert case.expect in run.stdout + run.stderr, said


def test_the_committed_corpus_stays_small_and_is_what_write_committed_writes(tmp_path):
    files = [p for p in HOSTILE.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 1024 * 1024
    write_committed(tmp_path)
    written = {p.name for p in tmp_path.iterdir()}
    assert {c.name for c in CORPUS if c.make is None} <= written <= {p.name for p in files}
    for name in written:
        if name.endswith(".zip"):  # zip headers carry the time they were written: compare the entries
            with zipfile.ZipFile(tmp_path / name) as new, zipfile.ZipFile(HOSTILE / name) as old:
                assert [(i.filename, new.read(i)) for i in new.infolist()] == [
                    (i.filename, old.read(i)) for i in old.infolist()
                ]
        else:
            assert (tmp_path / name).read_bytes() == (HOSTILE / name).read_bytes(), name


# --- nesting: refused at MAX_DEPTH, in memory linear in the depth -------------------------------------------


def _source(data: bytes, name: str = "export.json") -> Source:
    return Source(name, "t", len(data), lambda: io.BytesIO(data), Meter())


def read_export_source(source: Source, fmt: str) -> Iterator[Record]:
    from claimcheck.batch.parsers import parse_source

    return parse_source(source, fmt)


def test_telegram_nesting_past_the_limit_is_refused_after_the_messages_before_it():
    source = _source((HOSTILE / "telegram_deep_arrays.json").read_bytes(), "result.json")
    got = []
    t0 = time.perf_counter()
    with pytest.raises(ExportError, match=f"nests deeper than {jsonstream.MAX_DEPTH} levels") as err:
        got.extend(read_export_source(source, "telegram"))
    assert time.perf_counter() - t0 < 2.0
    assert "\n" not in str(err.value)
    assert [m.text for m in got if isinstance(m, Message)] == [CRISIS]



@pytest.mark.parametrize("fmt", ["facebook", "reddit", "discord-json", "telegram", "twitter"])
def test_every_json_format_refuses_deep_nesting(fmt, tmp_path):
    """Outside the streamed arrays too: an object nested in an object, 100,000 deep."""
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    with pytest.raises(ExportError, match="nests deeper than"):
        list(read_export_source(_source(deep.encode()), fmt))
    deep_list = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ExportError, match="nests deeper than"):
        list(read_export_source(_source(deep_list.encode()), fmt))


def test_nesting_up_to_the_limit_is_read():
    depth = jsonstream.MAX_DEPTH - 4  # the root object, the array, the message and its text list
    doc = ('{"name":"s","type":"personal_chat","id":1,"messages":[{"id":1,"type":"message","from":"Ann",'
           '"date_unixtime":"1","text":[' + "[" * depth + "]" * depth + ',"hello there friend"]}]}')
    recs = list(read_export_source(_source(doc.encode()), "telegram"))
    assert [m.text for m in recs if isinstance(m, Message)] == ["hello there friend"]
    over = doc.replace("[" * depth, "[" * (depth + 1)).replace("]" * depth, "]" * (depth + 1))
    with pytest.raises(ExportError, match="nests deeper"):
        list(read_export_source(_source(over.encode()), "telegram"))


def test_a_reddit_thread_under_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "thread.json"
    reddit_deep(90)(path)
    recs = list(read_export([path]).records())
    assert sum(isinstance(r, Message) for r in recs) == 91


def test_many_telegram_chats_are_counted_in_linear_time(tmp_path):
    path = tmp_path / "result.json"
    telegram_many_chats(path, 20_000)
    t0 = time.perf_counter()
    recs = list(read_export([path], "telegram").records())
    assert time.perf_counter() - t0 < 3.0  # quadratic: about 10 s on 2 cores
    assert recs == []


def test_a_tweet_with_thousands_of_media_links_is_read_in_linear_time(tmp_path):
    path = tmp_path / "tweets.js"
    tweets_many_media(path, 50_000)
    t0 = time.perf_counter()
    (msg,) = read_export([path]).records()
    assert time.perf_counter() - t0 < 3.0
    assert isinstance(msg, Message) and msg.text.startswith(CRISIS)


# --- zips: sizes summed and enforced, not only ratios; long names kept -------------------------------------


def test_forty_entries_of_exactly_one_mib_are_refused():
    with pytest.raises(ExportError, match="zip bomb"):
        read_export([HOSTILE / "zip_40_entries_of_1mib.zip"])


def test_a_bomb_split_into_many_small_entries_is_refused_by_the_total_ratio(tmp_path):
    path = tmp_path / "chat.zip"
    zip_many_small_entries(path)
    with pytest.raises(ExportError, match="text files compress .* times together"):
        read_export([path])


def test_media_cannot_dilute_the_ratio_of_the_text_files(tmp_path):
    path = tmp_path / "chat.zip"
    zip_many_small_entries(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as z:
        z.writestr("photo.jpg", os.urandom(4 * 1024 * 1024))  # incompressible: the archive's ratio drops to ~10
    with pytest.raises(ExportError, match="zip bomb"):
        read_export([path])


def test_an_ordinary_zip_passes(tmp_path):
    path = tmp_path / "chat.zip"
    lines = "".join(f"12/03/2024, 14:{i % 60:02d} - Member {i % 7}: message {i} about sleep {i * 7919 % 1000}\n"
                    for i in range(5000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", lines)
        z.writestr("photo.jpg", os.urandom(10_000))
    export = read_export([path])
    assert sum(isinstance(r, Message) for r in export.records()) == 5000


def test_bytes_read_are_summed_over_entries_and_counted_once_per_entry(tmp_path, monkeypatch):
    """The budget counts what is decompressed, whatever the headers declared: reading an entry's head and
    then the whole entry counts it once; the entries together may not pass MAX_TOTAL_BYTES."""
    chat = b"".join(b"12/03/2024, 14:05 - Ann: message number %d\n" % i for i in range(30))
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", chat)
        z.writestr("b.txt", chat)
    sources, _ = archive.zip_sources(path, Meter())
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", int(len(chat) * 1.5))  # after the up-front check
    sources[0].head()
    with sources[0].open() as f:
        assert f.read() == chat  # head, then whole: counted once
    with pytest.raises(ExportError, match="unpacks to over"), sources[1].open() as f:
        f.read()
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 100)
    budget = archive._Budget("x.zip")
    with pytest.raises(ExportError, match="zip entry a.txt unpacks to over"):
        budget.advance("0", "a.txt", 101)


def test_a_zip_entry_name_over_120_characters_keeps_its_extension_and_is_read():
    export = read_export([HOSTILE / "long_entry_name.zip"])
    ((source, fmt),) = export.sources
    with zipfile.ZipFile(HOSTILE / "long_entry_name.zip") as z:
        (entry,) = z.namelist()
    assert len(entry) > 120 and source.name == entry and fmt == "whatsapp"
    assert [r.text for r in export.records() if isinstance(r, Message)] == [CRISIS, ADVICE]


def test_a_name_longer_than_any_file_system_allows_is_shortened_in_the_middle():
    name = "x" * 1000 + ".jsonl"
    shown = safe_name(name)
    assert len(shown) == source_module.MAX_NAME_CHARS and shown.endswith(".jsonl")
    assert safe_name("a\x1b[2Jb.txt") == "a[2Jb.txt"
    assert safe_name("y" * 200 + ".txt") == "y" * 200 + ".txt"


# --- characters per message, per claim and per input --------------------------------------------------------


def test_a_message_keeps_its_first_max_message_chars():
    msg = message_or_skip("m", "Ann", None, "  " + "x" * (5 * records.MAX_MESSAGE_CHARS), "t")
    assert isinstance(msg, Message) and len(msg.text) == records.MAX_MESSAGE_CHARS
    assert message_or_skip("m", "a" * 10_000, None, "hi there", "t").author == "a" * 200
    assert message_or_skip("m", "Ann", None, " \r\n hello\r\nthere \n", "t").text == "hello\nthere"


def test_an_over_long_whatsapp_line_is_still_a_message(tmp_path):
    path = tmp_path / "chat.txt"
    whatsapp_long_line(path)
    recs = [r for r in read_export([path]).records() if isinstance(r, Message)]
    assert [r.author for r in recs] == ["Ann", "Bo"]
    assert recs[0].text.startswith(CRISIS) and len(recs[0].text) <= records.MAX_MESSAGE_CHARS


def test_no_claim_is_longer_than_the_cap_and_spans_still_match_the_text(tmp_path):
    path = tmp_path / "s.txt"
    one_sentence(path)
    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    spans = split_claims(text, max_claims=101)
    assert time.perf_counter() - t0 < 1.0
    assert len(spans) == 101
    assert all(len(s.text) <= claims.MAX_CLAIM_CHARS and text[s.start : s.end] == s.text for s in spans)
    assert spans[0].text.startswith(CRISIS)
    spans = split_claims("a" * 5_000, max_claims=None)
    assert [len(s.text) for s in spans] == [claims.MAX_CLAIM_CHARS] * (5_000 // claims.MAX_CLAIM_CHARS) + (
        [5_000 % claims.MAX_CLAIM_CHARS] if 5_000 % claims.MAX_CLAIM_CHARS else []
    )


def test_short_sentences_are_not_cut():
    text = "Don't stop your antidepressants suddenly, talk to your GP first. Exercise helps with mild depression."
    assert [s.text for s in split_claims(text)] == [
        "Don't stop your antidepressants suddenly, talk to your GP first.",
        "Exercise helps with mild depression.",
    ]


def test_bounded_input_and_read_input():
    assert claims.bounded_input("short") == ("short", False)
    cut, truncated = claims.bounded_input("x" * (claims.MAX_INPUT_CHARS + 5))
    assert truncated and len(cut) == claims.MAX_INPUT_CHARS
    for unit in ("a", "é", "€", "🙂"):
        raw = claims.read_input(io.BytesIO(b"x" + (unit * claims.MAX_INPUT_BYTES).encode()))
        assert claims.MAX_INPUT_BYTES - 4 < len(raw) <= claims.MAX_INPUT_BYTES
        assert len(raw.decode("utf-8")) > claims.MAX_INPUT_CHARS  # one character past the bound, never a cut one
    assert claims.read_input(io.BytesIO(b"hello")) == b"hello"


def test_a_long_text_is_checked_in_part_and_says_so(checker):
    result = checker.check(CRISIS + ". " + "Exercise helps with mild depression. " * 5_000)
    assert result.input.truncated and result.input.chars > claims.MAX_INPUT_CHARS
    assert result.safety.tier == "urgent"
    assert all(len(c.text) <= claims.MAX_CLAIM_CHARS for c in result.claims)


# --- HTML cleaning: linear in the page ----------------------------------------------------------------------


def test_html_with_deep_inline_wrappers_around_many_blocks_is_linear():
    from claimcheck.cleaning import html_to_markdown

    markup = "<html><body>" + "<span>" * 200 + "<p>x</p>" * 50_000 + "</span>" * 200 + "</body></html>"
    t0 = time.perf_counter()
    md = html_to_markdown(markup)
    assert time.perf_counter() - t0 < 1.5  # depth x size: 4.5 s
    assert md.split("\n") == ["x"] * 50_000
    nested = "<p>" + CRISIS + "</p>" + "<div>" * 400_000 + "x" + "</div>" * 400_000
    t0 = time.perf_counter()
    html_to_markdown(nested)
    assert time.perf_counter() - t0 < 2.0


if __name__ == "__main__":
    write_committed(HOSTILE)
