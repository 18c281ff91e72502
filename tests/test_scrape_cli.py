"""`claimcheck corpus crawl` and `corpus build`: wiring, output formats and exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.scrape.crawl import CrawlSummary, Failure, SourceSummary

runner = CliRunner()

SUMMARY = CrawlSummary(
    sources=[
        SourceSummary(
            source_id="nhs",
            fetched=3,
            unchanged=2,
            skipped_robots=1,
            failed=1,
            written=3,
            documents=5,
            failures=[Failure(url="https://www.nhs.uk/x/", reason="http 404")],
        )
    ]
)


def test_corpus_commands_have_help() -> None:
    for args in (["corpus", "--help"], ["corpus", "crawl", "--help"], ["corpus", "build", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert "--max-pages" in runner.invoke(app, ["corpus", "crawl", "--help"]).output


def test_unknown_source_is_a_usage_error() -> None:
    result = runner.invoke(app, ["corpus", "crawl", "--source", "nope"])
    assert result.exit_code == 2
    assert "unknown source 'nope'" in result.stderr


def test_delay_below_one_second_is_refused() -> None:
    assert runner.invoke(app, ["corpus", "crawl", "--delay", "0.1"]).exit_code == 2


def test_crawl_passes_options_and_prints_the_summary(monkeypatch) -> None:
    seen: dict = {}

    def fake(source_ids, *, max_pages, delay, progress):  # noqa: ANN001, ANN202
        seen.update(source_ids=source_ids, max_pages=max_pages, delay=delay)
        progress("nhs", 1, 2)
        return SUMMARY

    monkeypatch.setattr("claimcheck.scrape.crawl.crawl_registry", fake)
    result = runner.invoke(app, ["corpus", "crawl", "--source", "nhs", "--max-pages", "4", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert seen == {"source_ids": ["nhs"], "max_pages": 4, "delay": 5.0}
    data = json.loads(result.stdout)
    assert (data["fetched"], data["unchanged"], data["skipped_robots"], data["failed"]) == (3, 2, 1, 1)
    assert data["documents_written"] == 3
    text = runner.invoke(app, ["corpus", "crawl"])
    assert text.exit_code == 0
    assert "fetched 3, unchanged 2, skipped by robots.txt 1, failed 1" in text.stdout
    assert "failed https://www.nhs.uk/x/: http 404" in text.stdout
    assert text.stderr == ""  # no progress bar when stderr is not a terminal


def test_build_reports_a_missing_snapshot_as_a_runtime_error(monkeypatch, tmp_path) -> None:
    from claimcheck.corpus import CorpusError

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise CorpusError("no corpus snapshot at /nowhere: run `python scripts/build_snapshot.py`")

    monkeypatch.setattr("claimcheck.scrape.store.build_user_index", broken)
    result = runner.invoke(app, ["corpus", "build", "--index", str(tmp_path / "i")])
    assert result.exit_code == 1 and "no corpus snapshot" in result.stderr
