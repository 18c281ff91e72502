"""Help is shown on every exit path, and user text cannot drive the terminal (red-team items 3 and 5)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import IndexNotReadyError, ModelError

CRISIS = "I am going to kill myself tonight"
runner = CliRunner()


def _invoke(*args: str):  # noqa: ANN202 - click Result
    return runner.invoke(app, ["check", *args, "--country", "GB"])


def _shows_help(output: str) -> bool:
    return "999" in output and "Samaritans" in output


@pytest.mark.parametrize(
    "failure",
    [
        PermissionError(13, "Permission denied", "/idx/vectors.faiss"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
        ModelError("stance model 'x' not found"),
        IndexNotReadyError("no index at /idx: run `claimcheck index build`"),
        RuntimeError("onnxruntime fell over"),
        TypeError("a bug we have not met yet"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_any_failure_after_the_crisis_check_still_shows_help(monkeypatch, failure):
    from claimcheck import pipeline

    def broken(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise failure

    monkeypatch.setattr(pipeline.Checker, "check", broken)
    res = _invoke(CRISIS)
    assert res.exit_code == 1
    assert _shows_help(res.output)
    assert "Traceback" not in res.output and "error:" in res.output


def test_the_json_form_of_a_failure_still_carries_the_safety_assessment(monkeypatch):
    import json

    from claimcheck import pipeline

    monkeypatch.setattr(pipeline.Checker, "check", lambda *a, **k: (_ for _ in ()).throw(OSError(5, "I/O error")))
    res = runner.invoke(app, ["check", CRISIS, "--format", "json", "--country", "GB"])
    assert res.exit_code == 1
    assert json.loads(res.stdout)["safety"]["tier"] == "urgent"


def test_undecodable_file_and_argument_still_get_the_crisis_check(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(CRISIS.encode() + b" \xff\xfe")
    res = _invoke("--file", str(bad))
    assert res.exit_code == 2 and _shows_help(res.output) and "not valid UTF-8" in res.output
    argument = (CRISIS.encode() + b" \xff").decode("utf-8", "surrogateescape")
    res = _invoke(argument)
    assert res.exit_code == 2 and _shows_help(res.output) and "text argument" in res.output


def test_escape_sequences_and_nul_bytes_never_reach_the_terminal(small_index, tmp_path):
    text = tmp_path / "advice.txt"
    text.write_text("once you feel better \x1b[2J\x1b[H\x00 just stop taking your antidepressants \x07", "utf-8")
    res = _invoke("--file", str(text), "--index", str(small_index))
    assert res.exit_code == 0
    assert "\x1b[2J" not in res.output and "\x00" not in res.output and "\x07" not in res.output


def test_markup_in_a_file_name_is_printed_not_parsed(tmp_path):
    res = _invoke("--file", str(tmp_path / "[/]notes[bold].txt"))
    assert res.exit_code == 2
    assert "[/]notes[bold].txt" in res.output and "Traceback" not in res.output


def test_a_long_result_repeats_the_banner_at_the_end(small_index):
    text = CRISIS + ". " + " ".join(
        [
            "Exercise can help with mild depression.",
            "Alcohol makes anxiety worse.",
            "Once you feel better just stop your antidepressants.",
            "CBT is a talking therapy.",
        ]
    )
    res = _invoke(text, "--index", str(small_index))
    assert res.exit_code == 0
    assert res.output.count("Samaritans") == 2
    assert res.output.rstrip().endswith("╯")  # the banner's frame closes the output


def _cut_telegram(tmp_path):  # noqa: ANN001, ANN202
    """A Telegram export whose first message is urgent, cut off part-way through a later message."""
    import json

    messages = [
        {"id": i, "type": "message", "date": f"2024-03-12T09:{i:02d}:00", "from": f"Member {i % 3}",
         "from_id": f"user{i % 3}", "text": CRISIS if i == 1 else "exercise can help with mild depression"}
        for i in range(1, 30)
    ]
    whole = json.dumps({"name": "Peer group", "type": "private_supergroup", "id": 1, "messages": messages})
    path = tmp_path / "result.json"
    path.write_text(whole[: int(len(whole) * 0.6)], encoding="utf-8")
    return path


def test_a_cut_off_export_still_gives_its_report_and_the_member_at_risk(small_index, tmp_path):
    out = tmp_path / "report.md"
    res = runner.invoke(
        app, ["batch", str(_cut_telegram(tmp_path)), "--out", str(out), "--format", "md", "--index",
              str(small_index), "--country", "GB"],
    )
    assert res.exit_code == 2, res.output
    assert "Stopped early" in out.read_text(encoding="utf-8")
    report = out.read_text(encoding="utf-8")
    assert report.index("Members who may be at risk") < report.index("Stopped early")
    assert "URGENT" in report and "116 123" in report
    assert "may be at risk" in res.output and "could not be read" in res.output


def test_when_claims_cannot_be_checked_every_message_still_gets_the_crisis_check(tmp_path, crisis_chat):
    out = tmp_path / "report.html"
    res = runner.invoke(
        app, ["batch", str(crisis_chat()), "--out", str(out), "--index", str(tmp_path / "no-index"),
              "--country", "GB"],
    )
    assert res.exit_code == 1, res.output
    page = out.read_text(encoding="utf-8")
    assert "id='at-risk'" in page and "claims could not be checked" in page
    assert "Traceback" not in res.output
