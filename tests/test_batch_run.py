"""Batch runs end to end on the session checker: accounting, dedupe, resume, privacy and every report format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.batch import read_export
from claimcheck.batch.report import CSV_TRIGGERS, REPORT_FORMATS, render
from claimcheck.batch.run import claim_key, family_key, run_batch
from claimcheck.cli import app
from claimcheck.safety.messaging import NOTICE, UNVERIFIED_NOTE
from claimcheck.verdict import RELATED_NOTE

EXPORTS = Path(__file__).parent / "data" / "exports"
ALL = sorted(p for p in EXPORTS.iterdir() if p.suffix != ".zip")
# Every real-looking name, handle, phone number and email in the fixtures; none may reach a report.
PERSONAL = [
    "Priya", "Sharma", "Tom Okafor", "Okafor", "7700 900123", "7700 900456", "07700", "tom.okafor@example.com",
    "Dana Whitfield", "Marcus Lee", "Lena Vogel", "Jonas Becker", "Sam Rivera", "Alex Chen", "Zoë", "Martin",
    "Renée", "Dubois", "Kwame", "zoe.martin", "throwaway_sleepless", "calm_owl_22", "owl22@example.org",
    "night_runner", "mossy.fern", "Mossy Fern", "quietpine", "Quiet Pine", "Ingrid", "Holm", "ingrid_holm",
    "Omar Haddad", "jordan_bell", "Beatriz", "Santos", "Felix Wagner", "555-867-5309", "867-5309",
]


@pytest.fixture(scope="module")
def everything(checker):
    return run_batch(read_export(ALL), checker, country="GB")


def test_accounting_and_dedupe(everything):
    r = everything
    assert r.read == r.checked + r.not_checkable + r.skipped
    n_records = sum(len(list(read_export([p]).records())) for p in ALL)
    assert r.read == n_records and r.skipped == sum(r.skip_reasons.values())
    # "once you feel better on antidepressants just stop taking them" is in WhatsApp and Reddit: checked once
    flagship = claim_key("once you feel better on antidepressants just stop taking them")
    entry = r.claims[family_key(flagship, "stop_medication")]
    assert entry.count >= 2 and len({ref.id.split(":")[0] for ref in entry.refs}) >= 2
    assert all(e.verdict is not None for e in r.claims.values())
    assert sum(r.tiers.values()) == r.checked + r.not_checkable  # the crisis check ran on every message


def test_claim_key_merges_near_identical_claims():
    assert claim_key("Exercise helps with anxiety!!") == claim_key("just exercise  helps with ANXIETY")
    assert claim_key("don’t stop suddenly") == claim_key("dont stop suddenly.")
    assert claim_key("exercise helps with anxiety") != claim_key("exercise helps with depression")


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_no_personal_data_in_any_report(everything, fmt):
    text = render(everything, fmt)
    leaked = [p for p in PERSONAL if p.lower() in text.lower()]
    assert leaked == []
    assert "member-1" in text and NOTICE in text
    kept = render(everything, fmt, keep_names=True)
    assert "Tom Okafor" in kept


def test_csv_is_rfc4180_and_never_starts_a_cell_with_a_formula_trigger(everything):
    text = render(everything, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:2] == ["type", "verdict"] and len({len(r) for r in rows}) == 1
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(CSV_TRIGGERS)]
    assert any(c.startswith("'=HYPERLINK") or c.startswith("'-") for c in cells) or not any(
        "HYPERLINK" in c for c in cells
    )
    assert "\r\n" in text


def test_html_is_self_contained_escaped_and_never_makes_unverified_look_safe(everything, checker, tmp_path):
    page = render(everything, "html")
    assert not re.search(r"<(?:link|img|iframe)\b|<script[^>]+src=|@import|url\(", page)
    assert "green" not in page.lower() and not re.search("[\u2713\u2714\u2705\u2611]", page)
    first = {label: page.find(f"<article class='claim {label}'") for label in ("contradicted", "unverified")}
    if first["contradicted"] >= 0 and first["unverified"] >= 0:
        assert first["contradicted"] < first["unverified"]
    if first["unverified"] >= 0:
        notes = page.count(UNVERIFIED_NOTE) + page.count(RELATED_NOTE)
        assert notes >= page.count("<article class='claim unverified'")
    anchors = set(re.findall(r"<li id='(m\d+)'>", page))
    assert anchors and set(re.findall(r"href='#(m\d+)'", page)) <= anchors
    # Member-written markup is shown, never run.
    hostile = tmp_path / "hostile.csv"
    hostile.write_text('author,text\n"<b>x</b>","<script>alert(1)</script> exercise helps with anxiety"\n')
    html_page = render(run_batch(read_export([hostile]), checker), "html")
    assert "<script>alert" not in html_page and "&lt;script&gt;alert(1)" in html_page


def test_markdown_escapes_member_text_without_html_entities(everything, checker, tmp_path):
    export = tmp_path / "amp.csv"
    export.write_text('author,text\n"a","Fish oil & vitamin D <b>cure</b> depression_fast, everyone knows"\n')
    md = render(run_batch(read_export([export]), checker), "md")
    assert "&amp;" not in md and "&lt;" not in md  # escaping for Markdown, not for HTML
    assert "oil \\& vitamin D \\<b\\>cure\\</b\\> depression\\_fast" in md
    assert "<b>" not in md
    assert re.search(r"<https://[^\s<>\\]+>", render(everything, "md"))  # links stay autolinks, unescaped


def test_jsonl_summary_states_the_accounting(everything):
    lines = [json.loads(line) for line in render(everything, "jsonl").splitlines()]
    head = lines[0]
    assert head["type"] == "summary" and head["schema_version"] == "1.2"
    assert head["messages_read"] == head["checked"] + head["not_checkable"] + head["skipped"]
    labels = [ln["verdict"] for ln in lines if ln["type"] == "claim"]
    order = {"contradicted": 0, "unverified": 1, "supported": 2}
    assert labels == sorted(labels, key=order.__getitem__)
    assert all(ln["note"] in (UNVERIFIED_NOTE, RELATED_NOTE) for ln in lines if ln.get("verdict") == "unverified")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C: the checkpoint stays for --resume (a failure with an exception deletes it)."""


class FlakyChecker:
    """The real checker, interrupted on its second batch, as a killed run would be."""

    def __init__(self, checker):
        self.checker, self.calls = checker, 0

    def verdicts(self, claims, families=None):
        self.calls += 1
        if self.calls == 2:
            raise Interrupted
        return self.checker.verdicts(claims, families)

    def models(self):
        return self.checker.models()


def test_resume_after_an_interruption_gives_the_same_report(checker, tmp_path):
    paths = [EXPORTS / "android_24h_dayfirst.txt", EXPORTS / "reddit_thread.json", EXPORTS / "generic.csv"]
    full = run_batch(read_export(paths), checker)
    ck = tmp_path / "report.html.checkpoint.jsonl"
    with pytest.raises(Interrupted):
        run_batch(read_export(paths), FlakyChecker(checker), checkpoint=ck, batch_size=2)
    assert ck.exists() and len(ck.read_text().splitlines()) > 1
    resumed = run_batch(read_export(paths), checker, checkpoint=ck, resume=True, batch_size=2)
    assert resumed.resumed > 0
    assert (resumed.read, resumed.checked, resumed.not_checkable, resumed.skipped) == (
        full.read, full.checked, full.not_checkable, full.skipped)
    assert {k: (e.count, e.verdict.label) for k, e in resumed.claims.items()} == {
        k: (e.count, e.verdict.label) for k, e in full.claims.items()}
    assert not ck.exists()  # removed once the batch completes


def test_cli_batch_end_to_end(small_index, tmp_path):
    runner = CliRunner()
    out = tmp_path / "report.jsonl"
    res = runner.invoke(app, ["batch", str(EXPORTS / "whatsapp_ios.zip"), "--format", "jsonl", "--out", str(out),
                              "--index", str(small_index), "--country", "GB"])
    assert res.exit_code == 0, res.output
    head = json.loads(out.read_text().splitlines()[0])
    assert head["messages_read"] == 8 and head["skipped"] == 4
    assert "8 messages read" in res.stderr
    res = runner.invoke(app, ["batch", str(EXPORTS / "generic.csv"), "--format", "md", "--index", str(small_index)])
    assert res.exit_code == 0 and "# claimcheck batch report" in res.stdout and "Beatriz" not in res.stdout


def test_cli_batch_usage_errors(tmp_path):
    runner = CliRunner()
    bomb = tmp_path / "chat.zip"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_chat.txt", b"0" * (8 * 1024 * 1024))
    res = runner.invoke(app, ["batch", str(bomb)])
    assert res.exit_code == 2 and "zip bomb" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = runner.invoke(app, ["batch", str(EXPORTS / "generic.csv"), "--resume"])
    assert res.exit_code == 2 and "--out" in res.stderr
    res = runner.invoke(app, ["batch", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2 and "no such file" in res.stderr


def test_progress_counts_messages_and_ends_when_the_work_ends(checker):
    calls = []
    result = run_batch(read_export(ALL[:2]), checker, progress=lambda *a: calls.append(a), batch_size=2)
    assert calls
    assert all(finished <= read for _b, _t, read, finished in calls)
    # the bytes run out before the last claims are checked; the bar's number (finished) reaches the end last
    assert calls[-1][2] == calls[-1][3] == result.read
    assert any(finished < read for _b, _t, read, finished in calls)


def test_expected_messages_extrapolates_from_bytes():
    from claimcheck.cli import expected_messages

    assert expected_messages(0, 1000, 0) is None
    assert expected_messages(250, 1000, 10) == 40
    assert expected_messages(1000, 1000, 37) == 37


def test_a_repeated_message_text_is_read_once_with_the_same_outcome(checker, tmp_path):
    """Greetings, thanks and advice pasted again repeat in real exports: what the text alone decides (claims,
    crisis tier, abuse) is read once per run, and each repeat's outcome is the first one's."""
    lines = ["i want to die tonight", "thanks x", "just stop your antidepressants once you feel better", "thanks x"]
    export = tmp_path / "WhatsApp Chat with Repeats.txt"
    export.write_text(
        "".join(f"0{1 + i % 3}/03/2024, 10:0{i} - member {i}: {lines[i % 4]}\n" for i in range(8)), encoding="utf-8"
    )
    calls: list[str] = []

    class Counting:
        def __getattr__(self, name):  # noqa: ANN001, ANN204 - everything else is the real checker's
            return getattr(checker, name)

        def assess(self, text, *args, **kwargs):  # noqa: ANN001, ANN201
            calls.append(text)
            return checker.assess(text, *args, **kwargs)

    result = run_batch(read_export([export]), Counting(), country="GB")
    assert result.read == 8
    assert sorted(calls) == sorted(set(lines))  # each distinct text assessed once, repeats from memory
    assert result.tiers["urgent"] == 2  # both copies of the disclosure keep their tier
    entry = result.claims[family_key(claim_key(lines[2]), "stop_medication")]
    assert entry.count == 2 and entry.verdict is not None


def test_reading_ahead_gives_the_report_of_reading_message_by_message(checker, tmp_path):
    """The learned safety model reads a chunk of new message texts in one call (its parallel sessions share
    them); every report must be the one the message-by-message path gives, crisis tiers included."""
    lines = [
        "i want to die tonight, i've written the letters",
        "not sure i can keep going, everyone would be better off without me",
        "this exam is killing me lol",
        "just stop your antidepressants once you feel better",
        "thanks x",
        "been hurting myself again since they upped my sertraline",
    ]
    crisis = tmp_path / "WhatsApp Chat with Crisis.txt"
    crisis.write_text(
        "".join(f"0{1 + i % 3}/03/2024, 10:{i:02d} - member {i}: {lines[i % len(lines)]}\n" for i in range(12)),
        encoding="utf-8",
    )
    reads: list[int] = []

    class Ahead:
        def __getattr__(self, name):  # noqa: ANN001, ANN204 - everything else is the real checker's
            return getattr(checker, name)

        def read_ahead(self, texts, parts):  # noqa: ANN001, ANN201
            reads.append(len(texts))
            return checker.read_ahead(texts, parts)

    class OneByOne:
        def __getattr__(self, name):  # noqa: ANN001, ANN204
            if name == "read_ahead":
                raise AttributeError(name)
            return getattr(checker, name)

    runs = {}
    for name, wrapped in (("ahead", Ahead()), ("one by one", OneByOne())):
        if checker.safety_model is not None:
            checker.safety_model.forget()  # no reading carried from one run to the other
        runs[name] = run_batch(read_export([*ALL, crisis]), wrapped, country="GB")
    assert reads and max(reads) > 1  # the chunked path ran
    assert runs["ahead"].tiers == runs["one by one"].tiers and runs["ahead"].tiers["urgent"] > 0
    for fmt in REPORT_FORMATS:
        assert render(runs["ahead"], fmt) == render(runs["one by one"], fmt), fmt


def test_a_batch_gives_each_claim_the_family_check_gives_it(checker, tmp_path):
    """One harmful-advice path: a message's claims get the families `check` gives them, read with the rest of
    the message ("stop them" after "sertraline"), and a personal story that is advice by example is checked."""
    texts = [
        "My doctor put me on sertraline 2 weeks ago and I feel worse. My mum says I should just stop them and try "
        "St John's wort instead.",
        "Stopped my sertraline last week. Best decision I ever made, feel amazing.",
    ]
    export = tmp_path / "WhatsApp Chat with Families.txt"
    lines = [f"01/03/2024, 10:0{i} - member {i}: {t}\n" for i, t in enumerate(texts)]
    export.write_text("".join(lines), encoding="utf-8")
    result = run_batch(read_export([export]), checker, country="GB")
    in_batch = {(e.text, e.verdict.harmful_family) for e in result.claims.values() if e.verdict.harmful_family}
    in_check = {
        (v.text, v.harmful_family) for t in texts for v in checker.check(t, country="GB").claims if v.harmful_family
    }
    assert in_batch == in_check and ("I should just stop them", "stop_medication") in in_batch


def test_a_batch_reads_each_claim_alone_so_repeats_share_one_verdict(checker, tmp_path):
    """`check` also reads a claim after the text before it (`pipeline.span_leads`); a batch does not, so the
    same claim after different sentences stays one entry with one verdict and its count (the admin's report)."""
    text = "restless, can't concentrate and can't sleep from worrying? those can all be GAD symptoms"
    export = tmp_path / "WhatsApp Chat with Leads.txt"
    export.write_text(
        f"01/03/2024, 10:00 - member 1: {text}\n01/03/2024, 10:01 - member 2: those can all be GAD symptoms\n",
        encoding="utf-8",
    )
    result = run_batch(read_export([export]), checker, country="GB")
    entry = result.claims[claim_key("those can all be GAD symptoms")]
    assert entry.count == 2
    assert entry.verdict == checker.verdicts(["those can all be GAD symptoms"])[0]
