"""The pre-share privacy check: every item type, the redacted draft, the CLI (text, JSON, stdin, file), the
crisis banner first, and bad input as a one-line usage error."""

from __future__ import annotations

import json
import subprocess
import sys
import typing

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.privacy import REMINDER, SENSITIVE_KINDS, Kind, PrivacyReport, check_privacy

runner = CliRunner()
ISSUE_EXAMPLE = "Hi I'm Sarah Jones from Leeds, my son Tom (7) goes to St Mary's, call me on 07700 900123"


def found(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.span.text) for i in check_privacy(text).items]


def test_issue_example_lists_each_item_and_redacts_the_draft() -> None:
    report = check_privacy(ISSUE_EXAMPLE)
    assert [(i.kind, i.span.text) for i in report.items] == [
        ("full_name", "Sarah Jones"),
        ("location", "Leeds"),
        ("child", "Tom"),
        ("child", "(7)"),
        ("school", "St Mary's"),
        ("phone", "07700 900123"),
    ]
    assert report.redacted == "Hi I'm [name] from [place], my son goes to [school], call me on [phone removed]"
    assert report.identifying == 6 and report.sensitive == 0
    assert report.reminder == REMINDER and "public or closed" in report.reminder
    for item in report.items:
        assert ISSUE_EXAMPLE[item.span.start : item.span.end] == item.span.text
        assert item.why and item.category == "identifying"


# One draft per item type: (draft, kind, the span text it must find).
EVERY_KIND = [
    ("Hi I'm Sarah Jones, long time lurker", "full_name", "Sarah Jones"),
    ("Thanks Priya for the advice yesterday", "name", "Priya"),
    ("my daughter Amelia is struggling at school", "child", "Amelia"),
    ("my 15 year old son won't get out of bed", "child", "15 year old"),
    ("text me on 07911 123456 if you want to talk", "phone", "07911 123456"),
    ("US people can call me at (212) 555-0199", "phone", "(212) 555-0199"),
    ("email me: sarah.jones92@gmail.com", "email", "sarah.jones92@gmail.com"),
    ("we're at 14 Elm Street if anyone wants to drop by", "address", "14 Elm Street"),
    ("we live on Kirkstall Road", "address", "Kirkstall Road"),
    ("my postcode is LS6 2AB", "postcode", "LS6 2AB"),
    ("anyone near Austin, TX 78701 know a good therapist?", "postcode", "78701"),
    ("born on 3rd March 1990, so I'm a Pisces", "date_of_birth", "3rd March 1990"),
    ("DOB 03/03/1990 on the form", "date_of_birth", "03/03/1990"),
    ("I'm 34 and only just diagnosed", "age", "I'm 34"),
    ("(28F) first post here", "age", "28F"),
    ("my son goes to Oakwood Primary", "school", "Oakwood Primary"),
    ("I'm in my first year at the University of Leeds", "school", "University of Leeds"),
    ("I work at Barclays and my manager keeps asking", "workplace", "Barclays"),
    ("I'm a nurse at St James's Hospital", "workplace", "St James's Hospital"),
    ("add me on insta: sarahj_92", "handle", "sarahj_92"),
    ("my twitter is @sarah_j if anyone wants to chat", "handle", "@sarah_j"),
    ("see facebook.com/sarah.jones.leeds", "handle", "facebook.com/sarah.jones.leeds"),
    ("I moved to Manchester last year", "location", "Manchester"),
    ("I was diagnosed with bipolar 2 last year", "diagnosis", "bipolar 2"),
    ("my son has ADHD", "diagnosis", "ADHD"),
    ("I'm on sertraline 100mg", "medication", "sertraline 100mg"),
    ("I've been self harming again", "self_harm", "self harming"),
    ("I'm gay and my parents don't know", "sexuality", "gay"),
    ("I'm an asylum seeker waiting for a decision", "immigration", "asylum seeker"),
    ("my ex was arrested last week", "legal", "arrested"),
]


def test_every_kind_has_a_case() -> None:
    assert {kind for _, kind, _ in EVERY_KIND} == set(typing.get_args(Kind))


@pytest.mark.parametrize(("text", "kind", "span"), EVERY_KIND)
def test_each_item_type_is_found(text: str, kind: str, span: str) -> None:
    report = check_privacy(text)
    assert (kind, span) in [(i.kind, i.span.text) for i in report.items], report.items
    item = next(i for i in report.items if i.kind == kind)
    assert item.category == ("sensitive" if kind in SENSITIVE_KINDS else "identifying")
    assert text[item.span.start : item.span.end] == item.span.text


@pytest.mark.parametrize(
    "text",
    [
        "Did anyone else find the first two weeks hard?",
        "Will this get better? May I ask something. Mark my words.",
        "I walked 10000 steps today and drank 500ml of water",
        "I took 2 tablets at 3am and slept for 10 hours",
        "I feel so low today. The sun came out though and I went to the park",
        "exercise helps depression, and so does sleep",
        "Samaritans are on 116 123, or email jo@samaritans.org",
        "NAMI's helpline is 1-800-950-6264",
        "I'm 18 months sober and 2 weeks into a new job",
        "I moved here in March and started Year 11 in September",
    ],
)
def test_ordinary_support_posts_have_nothing_identifying(text: str) -> None:
    assert [i for i in check_privacy(text).items if i.category == "identifying"] == []


def test_sensitive_items_are_listed_but_kept_unless_asked() -> None:
    text = "I'm on sertraline 100mg and I was diagnosed with PTSD. Call me on 07911 123456"
    kept = check_privacy(text)
    assert {i.kind for i in kept.items} == {"medication", "diagnosis", "phone"}
    assert "sertraline 100mg" in kept.redacted and "[phone removed]" in kept.redacted
    replaced = check_privacy(text, redact_sensitive=True)
    assert replaced.redacted == (
        "I'm on my medication and I was diagnosed with a mental health condition. Call me on [phone removed]"
    )
    assert replaced.redacted_sensitive


def test_redaction_tidies_removed_child_details() -> None:
    assert (
        check_privacy("my son, 12, was excluded from Leeds Grammar School").redacted
        == "my son was excluded from [school]"
    )
    assert (
        check_privacy("my daughters Ava and Mia, 4 and 6, love it").redacted == "my daughters [name] and [name] love it"
    )
    assert check_privacy("I'm 34 and my daughter is 15").redacted == "I'm in my 30s and my daughter is a teenager"


def test_empty_draft_and_wrong_type() -> None:
    report = check_privacy("")
    assert report.items == () and report.redacted == ""
    with pytest.raises(TypeError):
        check_privacy(None)  # type: ignore[arg-type]


def test_report_is_frozen_with_a_stable_json_shape() -> None:
    report = check_privacy(ISSUE_EXAMPLE)
    assert isinstance(report, PrivacyReport)
    with pytest.raises(ValueError):
        report.redacted = "x"  # type: ignore[misc]
    data = json.loads(report.model_dump_json())
    assert set(data) == {
        "schema_version",
        "items",
        "identifying",
        "sensitive",
        "redacted",
        "redacted_sensitive",
        "reminder",
    }
    assert set(data["items"][0]) == {"kind", "category", "span", "why", "rewrite"}
    assert set(data["items"][0]["span"]) == {"start", "end", "text"}
    schema = PrivacyReport.model_json_schema()
    assert all("description" in field for field in schema["properties"].values())


def test_import_stays_light_and_names_load_lazily() -> None:
    code = (
        "import sys, claimcheck, claimcheck.privacy as p; "
        "print('phonenumbers' in sys.modules, p.first_names.cache_info().currsize, 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "0", "False"]


# --- CLI --------------------------------------------------------------------------------------------


def run(*args: str, input: str | None = None):  # noqa: A002 - CliRunner's name
    return runner.invoke(app, list(args), input=input)


def test_cli_text_lists_items_then_the_redacted_draft_and_reminder() -> None:
    res = run("privacy", ISSUE_EXAMPLE)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    for span in ("Sarah Jones", "Leeds", "Tom", "St Mary's", "07700 900123"):
        assert span in out
    assert "Redacted draft" in out
    assert "Hi I'm [name] from [place], my son goes to [school], call me on [phone removed]" in out
    assert out.index("Identifies someone") < out.index("Redacted draft") < out.index("public or closed")
    assert "You are not alone" not in out


def test_cli_json_has_schema_safety_and_items() -> None:
    res = run("privacy", ISSUE_EXAMPLE, "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert list(data)[:2] == ["schema_version", "safety"]
    assert data["safety"]["tier"] == "none"
    assert [i["kind"] for i in data["items"]] == ["full_name", "location", "child", "child", "school", "phone"]
    assert data["redacted"].endswith("call me on [phone removed]")


def test_cli_reads_stdin_and_file(tmp_path) -> None:  # noqa: ANN001 - pytest fixture
    res = run("privacy", "-", "--format", "json", input="ring me on 07911 123456")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["items"][0]["kind"] == "phone"
    draft = tmp_path / "draft.txt"
    draft.write_text("email me at someone@example.com", encoding="utf-8")
    res = run("privacy", "--file", str(draft), "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["items"][0]["kind"] == "email"


def test_cli_redact_sensitive_option() -> None:
    res = run("privacy", "I'm on sertraline 100mg", "--redact-sensitive", "-f", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["redacted"] == "I'm on my medication"


def test_crisis_text_gets_the_safety_banner_before_the_privacy_list() -> None:
    text = "I'm Sarah from Leeds and I want to kill myself tonight"
    res = run("privacy", text)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert "You are not alone" in out
    assert out.index("You are not alone") < out.index("Identifies someone")
    data = json.loads(run("privacy", text, "--format", "json").stdout)
    assert data["safety"]["tier"] == "urgent"
    assert data["safety"]["resources"]
    assert ("self_harm", "kill myself") in [(i["kind"], i["span"]["text"]) for i in data["items"]]


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_input_is_a_one_line_usage_error(text: str) -> None:
    res = run("privacy", text)
    assert res.exit_code == 2
    assert "nothing to check" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output


def test_bad_file_and_bad_encoding_are_one_line_usage_errors(tmp_path) -> None:  # noqa: ANN001
    res = run("privacy", "--file", str(tmp_path / "missing.txt"))
    assert res.exit_code == 2 and "cannot read" in res.stderr and "Traceback" not in res.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"call me \xff\xfe")
    res = run("privacy", "--file", str(bad))
    assert res.exit_code == 2 and "not valid UTF-8" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = run("privacy", "text", "--file", str(bad))
    assert res.exit_code == 2 and "not both" in res.stderr


def test_cli_bad_format_is_a_usage_error() -> None:
    res = run("privacy", "hello", "--format", "xml")
    assert res.exit_code == 2
    assert "Traceback" not in res.output
