"""Batch reports keep members and the people they mention unidentifiable without corrupting what they wrote,
and the `--resume` checkpoint holds nothing a member wrote, is private to its owner and survives a torn line.

Pseudonymisation is tested on hand-built results (no model: fast enough for hypothesis); the checkpoint on
the fixture exports with a fake checker whose verdicts follow from the claim text, so runs can be compared.
"""

from __future__ import annotations

import json
import random
import re
import stat
import unicodedata
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.batch import ExportError, Message, read_export
from claimcheck.batch.privacy import Pseudonyms, ordinary_words
from claimcheck.batch.report import REPORT_FORMATS, render
from claimcheck.batch.run import BatchResult, claim_key, run_batch
from claimcheck.models import ClaimVerdict, Models

EXPORTS = Path(__file__).parent / "data" / "exports"
ALL = sorted(p for p in EXPORTS.iterdir() if p.suffix != ".zip")
PROPERTY = settings(
    derandomize=True, max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Given names that are not everyday words, and surnames; accents and letters NFKD does not split included.
GIVEN = ["Alice", "Zoë", "Priya", "Renée", "Ingrid", "Beatriz", "Dave", "José", "Chloé", "Siobhán", "Björn", "Łukasz",
         "Mónica", "Tom"]  # all in claimcheck/data/first_names.txt: a lower-case handle's part is a name only if known
DISPLAY_ONLY = ["Kwame", "Søren"]  # not in the list: names all the same when written with a capital
SURNAMES = ["Okafor", "Whitfield", "Nakamura", "Kowalczyk", "Haddad", "Ferreira", "Lindqvist", "Müller", "Sørensen",
            "Núñez", "Dubois", "Mensah", "Oyelaran", "Papadopoulos"]
# Authors whose names are made of everyday words, as in the red-team report.
WORDY_AUTHORS = ["Never Give Up", "dave_the_rave", "Stay Strong", "Peer Support", "archive owner", "Hope", "Grace",
                 "Will Power", "Sunny Side Up", "calm_owl_22", "night_runner", "the", "Up"]
SHOWN_WORDS = ["the", "never", "give", "up", "rave", "hope", "grace", "will", "stay", "strong", "owl", "calm", "night",
               "runner", "side", "sunny", "power", "support", "peer", "archive", "owner"]
CONTEXT_WORDS = ["thanks", "I asked", "talk to", "ask", "I told", "with", "from", "love you"]


def fold(text: str) -> str:
    """Text without case or accents, written independently of the code under test."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    table = str.maketrans({"ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ß": "ss", "ı": "i"})
    return unicodedata.normalize("NFKD", text.translate(table))


def survives(name: str, report: str) -> bool:
    """Whether `name` is in `report` as a whole word, in any case or accent form."""
    return re.search(rf"(?<![^\W_]){re.escape(fold(name))}(?![^\W_])", fold(report)) is not None


def variant(name: str, seed: int) -> str:
    """`name` as a member might type it: any case, accents added, dropped or decomposed."""
    rng = random.Random(seed)
    style = rng.choice(["lower", "upper", "title", "random", "same"])
    if style == "lower":
        name = name.lower()
    elif style == "upper":
        name = name.upper()
    elif style == "title":
        name = name.title()
    elif style == "random":
        name = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)
    out = []
    for ch in name:
        roll = rng.random()
        if roll < 0.25:
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        elif roll < 0.4 and ch.lower() in "aeiou":
            ch += rng.choice(["\u0301", "\u0308", "\u0300"])
        out.append(ch)
    text = "".join(out)
    return unicodedata.normalize(rng.choice(["NFC", "NFD", "NFKC"]), text)


def verdict_for(text: str) -> ClaimVerdict:
    label = ("supported", "contradicted", "unverified")[zlib.crc32(claim_key(text).encode()) % 3]
    return ClaimVerdict(text=text, checkable=True, label=label, confidence=0.9, reason="fake: follows from the text")


def result_of(messages: list[tuple[str, str]], thread: str = "group chat") -> BatchResult:
    """A batch result as run_batch builds it: every message flagged, with context, and one claim with a verdict."""
    result = BatchResult(sources=[("export.txt", "whatsapp")], country="GB")
    previous: list[dict[str, str]] = []
    for i, (author, text) in enumerate(messages):
        result.apply({
            "id": f"t:{i}", "author": author, "thread": thread, "timestamp": "2024-03-01T10:00", "excerpt": text,
            "tier": "concern", "categories": ["distress"], "context": previous[-2:], "status": "checked",
            "claims": [[claim_key(text), text]], "abuse": {"kind": "insult", "reason": "Calls a member names."},
        })
        previous.append({"author": author, "timestamp": "", "excerpt": text})
    for entry in result.claims.values():
        entry.verdict = verdict_for(entry.text)
    return result


def renders(result: BatchResult, keep_names: bool = False) -> dict[str, str]:
    return {fmt: render(result, fmt, keep_names=keep_names) for fmt in REPORT_FORMATS}


# --- names: case and accents, whole words only --------------------------------------------------------------


def test_names_are_found_in_any_case_and_accent_form():
    names = Pseudonyms()
    alice, bob, zoe = names.add("Alice"), names.add("Bob Jones"), names.add("Zoë")
    text = "alice and ALICE said BOB JONES told ZOË, zoe and Zoe\u0308 (bob.jones) to ask Alice's GP"
    out = names.scrub(text)
    assert out == (f"{alice} and {alice} said {bob} told {zoe}, {zoe} and {zoe} ({bob}) to ask {alice}'s GP")


def test_a_surname_alone_is_found_whatever_case_the_author_wrote_their_name_in():
    names = Pseudonyms()
    priya = names.add("PRIYA SHARMA")
    assert names.scrub("ask sharma or Priya") == f"ask {priya} or {priya}"


def test_a_member_mentioned_by_handle_keeps_their_number():
    names = Pseudonyms()
    ingrid, zoe = names.add("Ingrid Holm"), names.add("Zoë")
    assert names.scrub("see @ingrid_holm and @Zoe, or u/IngridHolm") == f"see {ingrid} and {zoe}, or {ingrid}"


def test_parts_of_names_are_replaced_only_as_whole_words_and_never_when_ordinary():
    names = Pseudonyms()
    names.add("Tom Okafor")
    out = names.scrub("@dave_the_rave said the rave is the best; dave agrees. Tomorrow OKAFOR and tom met at the Tomb")
    dave = names.add("dave_the_rave")
    tom = names.add("Tom Okafor")
    assert out == f"{dave} said the rave is the best; {dave} agrees. Tomorrow {tom} and {tom} met at the Tomb"


def test_an_author_named_with_everyday_words_changes_no_ordinary_text():
    names = Pseudonyms()
    for author in WORDY_AUTHORS:
        names.add(author)
    text = ("Never stop lithium suddenly without your doctor. I hope you never give up, stay strong: the night "
            "runner side of me says grace and will power help. Hope this helps, peer support is up to you.")
    assert names.scrub(text) == text
    assert names.scrub("you have to stay. Strong coffee and will. Power naps") == (
        "you have to stay. Strong coffee and will. Power naps")
    # As a name, written as one, they are still replaced.
    assert names.scrub("thanks Grace and Never Give Up!") == (
        f"thanks {names.add('Grace')} and {names.add('Never Give Up')}!")
    assert names.scrub("Grace, you are right. Hope please call") == (
        f"{names.add('Grace')}, you are right. {names.add('Hope')} please call")


def test_the_red_team_report_reads_as_written():
    result = result_of([("Never Give Up", "Never stop lithium suddenly without your doctor"),
                        ("Mossy Fern", "@dave_the_rave the best thing is the walk")])
    md = render(result, "md")
    assert "Never stop lithium suddenly without your doctor" in md
    assert "the best thing is the walk" in md and "member-1 stop" not in md


def test_people_who_never_post_dates_of_birth_and_postcodes_are_removed():
    names = Pseudonyms()
    names.add("Tom Okafor")
    out = names.scrub(
        "Jade please call 999. I told Sarah Jones, my friend Grace and Dr Patel. DOB 12/03/1988, born on 3 May "
        "1990; we live at SW1A 1AA (sw1a 1aa) and my sister at 90210-1234 or CA 90210."
    )
    for leaked in ("Jade", "Sarah", "Jones", "Grace", "Patel", "12/03/1988", "3 May", "SW1A", "sw1a", "90210"):
        assert leaked not in out, out
    assert "please call 999" in out and "[name]" in out and "[postcode removed]" in out and "[date removed]" in out


def test_keep_names_changes_nothing():
    names = Pseudonyms(keep=True)
    names.add("Alice")
    text = "alice and Jade, born on 3 May 1990, SW1A 1AA"
    assert names.scrub(text) == text and names.author("Alice") == "Alice"


@PROPERTY
@given(
    people=st.lists(
        st.tuples(st.sampled_from(GIVEN + DISPLAY_ONLY), st.sampled_from(SURNAMES),
                  st.sampled_from(["full", "given", "handle"])),
        min_size=1, max_size=4,
    ),
    mentions=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["full", "given", "surname"]), st.integers(0, 2**32),
                  st.sampled_from(CONTEXT_WORDS), st.booleans()),
        min_size=1, max_size=6,
    ),
)
def test_no_known_name_survives_in_any_report_format(people, mentions):
    authors = []
    for given_name, surname, style in people:
        if style == "full":
            authors.append((f"{given_name} {surname}", [given_name, surname]))
        elif style == "given":
            authors.append((given_name, [given_name]))
        elif given_name in GIVEN:
            authors.append((f"{given_name.lower()}_{surname.lower()}", [given_name]))
        else:
            authors.append((f"{given_name}{surname}", [given_name, surname]))  # one word: "KwameOkafor"
    messages = [(author, "hello everyone") for author, _ in authors]  # every one of them posts
    for who, form, seed, words, first in mentions:
        author, parts = authors[who % len(authors)]
        name = {"full": author, "given": parts[0], "surname": parts[-1]}[form]
        if form == "surname" and len(parts) == 1:
            name = parts[0]
        shown = variant(name, seed)
        text = f"{shown} {words} me about sertraline" if first else f"{words} {shown}, sertraline helps"
        messages.append((authors[seed % len(authors)][0], text))
    reports = renders(result_of(messages, thread=variant(authors[0][1][0], 7)))
    for fmt, report in reports.items():
        for author, parts in authors:
            for name in [author, *parts]:
                assert not survives(name, report), (fmt, name, messages)


ORDINARY_SAMPLE = sorted(w for w in ordinary_words() if w.isascii() and w not in {"please", "pls", "plz"})


@PROPERTY
@given(
    authors=st.lists(st.sampled_from(WORDY_AUTHORS + ["Tom Okafor", "Grace Okafor", "Alice"]), min_size=1),
    sentences=st.lists(
        st.lists(st.one_of(st.sampled_from(SHOWN_WORDS), st.sampled_from(ORDINARY_SAMPLE)), min_size=2, max_size=12),
        min_size=1, max_size=4,
    ),
)
def test_no_ordinary_word_is_replaced(authors, sentences):
    names = Pseudonyms()
    for author in authors:
        names.add(author)
    text = " ".join(" ".join(words).capitalize() + "." for words in sentences)
    assert names.scrub(text) == text
    result = result_of([(authors[0], text)])
    lines = [json.loads(line) for line in render(result, "jsonl").splitlines()]
    assert [ln["claim"] for ln in lines if ln["type"] == "claim"] == [text]
    assert {m["excerpt"] for ln in lines if ln["type"] == "claim" for m in ln["messages"]} == {text}


# --- the checkpoint ---------------------------------------------------------------------------------------------


class FakeChecker:
    """Verdicts that follow from the claim text; interrupted (or failing) on one call, as a killed run would be."""

    def __init__(self, stop_at: int | None = None, error: BaseException | None = None) -> None:
        self.stop_at, self.error, self.calls = stop_at, error or KeyboardInterrupt(), 0

    def verdicts(self, claims: list[str]) -> list[ClaimVerdict]:
        self.calls += 1
        if self.calls == self.stop_at:
            raise self.error
        return [verdict_for(c) for c in claims]

    def models(self) -> Models:
        return Models(embedder="fake", stance="fake", corpus_hash="0")


def summary_of(result: BatchResult) -> tuple:
    claims = {k: (e.count, e.verdict.label if e.verdict else None) for k, e in result.claims.items()}
    return result.read, result.checked, result.not_checkable, result.skipped, claims


@pytest.fixture(scope="module")
def full_run():
    return run_batch(read_export(ALL), FakeChecker(), country="GB")


def interrupted(tmp_path: Path, stop_at: int = 3) -> Path:
    ck = tmp_path / "report.html.checkpoint.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(read_export(ALL), FakeChecker(stop_at), country="GB", checkpoint=ck, batch_size=2)
    assert ck.exists()
    return ck


def test_checkpoint_is_private_and_holds_nothing_members_wrote(tmp_path):
    ck = interrupted(tmp_path)
    assert stat.S_IMODE(ck.stat().st_mode) == 0o600
    raw = ck.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) > 3 and lines[0]["t"] == "header"
    assert set(lines[0]) <= {"t", "version", "batch", "salt"}
    for line in lines[1:]:
        if line["t"] == "record":
            assert set(line) <= {"t", "id", "status", "reason", "tier", "categories", "abuse", "truncated", "claims"}
            assert all(re.fullmatch("[0-9a-f]{32}", c) for c in line.get("claims", []))
        else:
            assert line["t"] == "verdict" and re.fullmatch("[0-9a-f]{32}", line["claim"])
            assert line["verdict"]["text"] == ""
    records = list(read_export(ALL).records())
    private = {r.author for r in records if len(getattr(r, "author", "")) > 3} | {p.name for p in ALL}
    private |= {r.thread for r in records if len(r.thread) > 3}
    private |= {r.text[:20] for r in records if isinstance(r, Message) and len(r.text) >= 20}
    private |= {claim_key(r.text)[:20] for r in records if isinstance(r, Message) and len(claim_key(r.text)) >= 20}
    assert sorted(p for p in private if p.casefold() in raw.casefold()) == []


def test_checkpoint_is_deleted_on_success_and_on_a_handled_failure_but_kept_on_interrupt(tmp_path):
    ck = tmp_path / "report.md.checkpoint.jsonl"
    run_batch(read_export(ALL), FakeChecker(), checkpoint=ck, batch_size=2)
    assert not ck.exists()
    # A failing check does not end the run (every message still gets the crisis check): it stops checking
    # claims, says so, and the checkpoint goes, since a resumed run would lack those verdicts.
    failed = run_batch(read_export(ALL), FakeChecker(2, RuntimeError("model failed")), checkpoint=ck, batch_size=2)
    assert failed.stopped and "model failed" in failed.stopped and failed.exit_code == 1
    assert not ck.exists()
    with pytest.raises(KeyboardInterrupt):
        run_batch(read_export(ALL), FakeChecker(2), checkpoint=ck, batch_size=2)
    assert ck.exists()
    ck.chmod(0o644)  # a checkpoint from before this fix: made private again when resumed
    with pytest.raises(KeyboardInterrupt):
        run_batch(read_export(ALL), FakeChecker(2), checkpoint=ck, resume=True, batch_size=2)
    assert stat.S_IMODE(ck.stat().st_mode) == 0o600


def test_resume_gives_the_same_report_in_every_format(tmp_path, full_run):
    ck = interrupted(tmp_path)
    resumed = run_batch(read_export(ALL), FakeChecker(), country="GB", checkpoint=ck, resume=True, batch_size=2)
    assert resumed.resumed > 0 and not ck.exists()
    assert summary_of(resumed) == summary_of(full_run)
    assert renders(resumed) == renders(full_run)
    assert renders(resumed, keep_names=True) == renders(full_run, keep_names=True)


def test_a_torn_last_line_loses_no_verdict_over_two_resumes(tmp_path, full_run):
    ck = interrupted(tmp_path, stop_at=4)
    lines = ck.read_bytes().splitlines(keepends=True)
    last_verdict = max(i for i, ln in enumerate(lines) if b'"verdict"' in ln)
    # Killed while writing: the last verdict line lacks its newline, or stops half way through.
    for torn in (lines[last_verdict].rstrip(b"\n"), lines[last_verdict][: len(lines[last_verdict]) // 2]):
        ck.write_bytes(b"".join(lines[:last_verdict]) + torn)
        with pytest.raises(KeyboardInterrupt):
            run_batch(read_export(ALL), FakeChecker(2), country="GB", checkpoint=ck, resume=True, batch_size=2)
        resumed = run_batch(read_export(ALL), FakeChecker(), country="GB", checkpoint=ck, resume=True, batch_size=2)
        assert summary_of(resumed) == summary_of(full_run)
        assert renders(resumed) == renders(full_run)
        ck = interrupted(tmp_path, stop_at=4)


def test_a_record_whose_verdict_line_is_lost_is_processed_again(tmp_path, full_run):
    ck = interrupted(tmp_path, stop_at=5)
    lines = ck.read_bytes().splitlines(keepends=True)
    verdict_lines = [i for i, ln in enumerate(lines) if b'"verdict"' in ln]
    for i in reversed(verdict_lines[1:]):  # damaged: every verdict line but the first is gone
        del lines[i]
    ck.write_bytes(b"".join(lines))
    resumed = run_batch(read_export(ALL), FakeChecker(), country="GB", checkpoint=ck, resume=True, batch_size=2)
    assert summary_of(resumed) == summary_of(full_run)


def test_a_checkpoint_of_another_batch_is_refused_and_kept(tmp_path):
    ck = interrupted(tmp_path)
    with pytest.raises(ExportError, match="another batch"):
        run_batch(read_export(ALL[:2]), FakeChecker(), checkpoint=ck, resume=True)
    assert ck.exists()
