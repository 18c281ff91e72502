"""Ways people actually type a check: unquoted words, a pipe without `-`, `python -m claimcheck`."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from claimcheck.cli import app

FLAGSHIP = "once you feel better on antidepressants just stop taking them"
runner = CliRunner()


def test_unquoted_words_are_one_piece_of_advice(small_index):
    res = runner.invoke(app, ["check", *FLAGSHIP.split(), "--index", str(small_index), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"contradicted"' in res.stdout


def test_piped_text_needs_no_dash(small_index):
    res = runner.invoke(app, ["check", "--index", str(small_index), "--format", "json"], input=FLAGSHIP + "\n")
    assert res.exit_code == 0, res.output
    assert '"contradicted"' in res.stdout


def test_python_dash_m_claimcheck_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("claimcheck ")


def test_the_package_says_it_is_typed():
    from importlib.resources import files

    assert files("claimcheck").joinpath("py.typed").is_file()


def test_check_out_writes_the_result_and_never_over_its_input(small_index, tmp_path):
    out = tmp_path / "result.txt"
    res = runner.invoke(app, ["check", FLAGSHIP, "--index", str(small_index), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "CONTRADICTED" in out.read_text(encoding="utf-8")
    advice = tmp_path / "advice.txt"
    advice.write_text(FLAGSHIP, encoding="utf-8")
    res = runner.invoke(app, ["check", "--file", str(advice), "--out", str(advice), "--index", str(small_index)])
    assert res.exit_code == 2 and "is the input file" in res.output
    assert advice.read_text(encoding="utf-8") == FLAGSHIP


def test_batch_will_not_pour_html_into_a_terminal(monkeypatch, crisis_chat):
    from claimcheck import cli

    monkeypatch.setattr(cli, "stdout_is_terminal", lambda: True)
    res = runner.invoke(app, ["batch", str(crisis_chat())])
    assert res.exit_code == 2 and "--out report.html" in res.output
