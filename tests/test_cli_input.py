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
