"""The CLI end to end on the small real index: exit codes, JSON schema, bad input, help text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

runner = CliRunner()
FLAGSHIP = "once you feel better on antidepressants just stop taking them"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_flagship_json_schema_and_verdict(small_index):
    res = run("check", FLAGSHIP, "--format", "json", "--index", small_index)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["schema_version"] == "1.2"
    assert {"schema_version", "notice", "input", "claims", "models"} <= set(data)
    (claim,) = data["claims"]
    assert {"text", "label", "confidence", "evidence", "checkable", "reason"} <= set(claim)
    assert claim["label"] == "contradicted"
    ev = claim["evidence"][0]
    assert {"quote", "url", "title", "publisher", "stance", "relevance", "retrieval_score"} <= set(ev)
    assert any("do not stop taking antidepressants suddenly" in e["quote"] for e in claim["evidence"])
    assert all(e["url"].startswith("https://") for e in claim["evidence"])


def test_text_output_shows_verdict_quote_and_link(small_index):
    res = run("check", FLAGSHIP, "--index", small_index)
    assert res.exit_code == 0, res.stderr
    assert "CONTRADICTED" in res.stdout
    assert "nhs.uk" in res.stdout
    assert "not medical advice" in res.stdout


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_or_whitespace_input_is_a_usage_error(small_index, text):
    res = run("check", text, "--index", small_index)
    assert res.exit_code == 2
    assert "nothing to check" in res.stderr
    assert "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1


def test_stdin_input(small_index):
    res = run("check", "-", "--format", "json", "--index", small_index, input=FLAGSHIP)
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["claims"][0]["label"] == "contradicted"


def test_invalid_utf8_file_is_one_line_error(small_index, tmp_path):
    bad = tmp_path / "advice.txt"
    bad.write_bytes(b"stop your meds \xff\xfe now")
    res = run("check", "--file", bad, "--index", small_index)
    assert res.exit_code == 2
    assert "not valid UTF-8" in res.stderr and "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1


def test_missing_file_is_one_line_error(small_index, tmp_path):
    res = run("check", "--file", tmp_path / "nope.txt", "--index", small_index)
    assert res.exit_code == 2 and "cannot read" in res.stderr


def test_one_megabyte_input(small_index, tmp_path):
    para = "I feel so tired lately. " + FLAGSHIP + ". Has anyone tried CBT? "
    big = tmp_path / "big.txt"
    big.write_text(para * (1_000_000 // len(para) + 1), encoding="utf-8")
    assert big.stat().st_size >= 1_000_000
    res = run("check", "--file", big, "--format", "json", "--index", small_index)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    # Only the first MAX_INPUT_CHARS are read (a bound that holds before any work), and the JSON says so.
    assert data["input"]["chars"] >= 100_000 and data["input"]["truncated"] is True
    assert 0 < len(data["claims"]) <= 100


def test_fail_on_exit_code(small_index):
    res = run("check", FLAGSHIP, "--fail-on", "contradicted", "--index", small_index, "--format", "json")
    assert res.exit_code == 3
    res = run("check", FLAGSHIP, "--fail-on", "supported", "--index", small_index, "--format", "json")
    assert res.exit_code == 0
    res = run("check", FLAGSHIP, "--fail-on", "bogus", "--index", small_index)
    assert res.exit_code == 2 and "unknown label" in res.stderr


def test_missing_index_is_runtime_error_naming_the_fix(tmp_path):
    res = run("check", FLAGSHIP, "--index", tmp_path / "none")
    assert res.exit_code == 1
    assert "claimcheck index build" in res.stderr and "Traceback" not in res.output


def test_unknown_option_is_usage_error():
    assert run("check", FLAGSHIP, "--nope").exit_code == 2


def test_index_info_and_sources_json(small_index):
    res = run("index", "info", "--index", small_index, "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)["model_id"] == "claimcheck-retrieval-minilm"
    res = run("sources", "--format", "json")
    assert res.exit_code == 0
    ids = {s["id"] for s in json.loads(res.stdout)}
    assert {"nhs", "nimh", "medlineplus"} <= ids


def test_every_command_has_help():
    for path in (
        ["check"],
        ["index", "build"],
        ["index", "info"],
        ["sources"],
        ["eval", "claims"],
        ["eval", "stance"],
        ["model", "export"],
    ):
        res = run(*path, "--help")
        assert res.exit_code == 0, path
        assert "Usage" in res.stdout


def _commands(group, prefix=()):  # noqa: ANN001, ANN202 - click groups
    import click

    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


def test_help_shows_no_python_type_names_or_doubled_negations():
    import typer

    for path in _commands(typer.main.get_command(app)):
        res = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "160"})
        assert res.exit_code == 0, path
        for bad in ("<bool>", "<list[", "--no-no-"):
            assert bad not in res.stdout, (path, bad)


def test_cli_import_leaves_heavy_modules_out():
    code = (
        "import sys, claimcheck, claimcheck.cli; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss', 'onnxruntime', 'trafilatura', 'numpy') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_check_never_imports_torch(small_index):
    code = (
        "import sys; from claimcheck.pipeline import Checker; "
        f"Checker(index_dir={str(small_index)!r}).check({FLAGSHIP!r}); "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False False"


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in (
        "claimcheck check",
        "claimcheck index build",
        "claimcheck index info",
        "claimcheck sources",
        "claimcheck eval claims",
        "claimcheck eval stance",
        "claimcheck model export",
    ):
        assert command in readme, command


def test_version():
    res = run("--version")
    assert res.exit_code == 0 and res.stdout.startswith("claimcheck ")


def test_index_build_command_on_a_small_real_corpus(snapshot_docs, tmp_path):
    from claimcheck.corpus import write_snapshot

    docs = [d for d in snapshot_docs if "antidepressants/overview" in d.url]
    write_snapshot(docs, tmp_path / "mini.jsonl.gz")
    res = run(
        "index", "build", "--corpus", tmp_path / "mini.jsonl.gz", "--index", tmp_path / "idx", "-q", "--format", "json"
    )
    assert res.exit_code == 0, res.stderr
    manifest = json.loads(res.stdout)
    assert manifest["documents"] == 1 and manifest["passages"] > 20
    res = run("check", FLAGSHIP, "--index", tmp_path / "idx", "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)["claims"][0]["label"] == "contradicted"
