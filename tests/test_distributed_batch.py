"""`claimcheck batch` on Dask distributed: a 2-worker LocalCluster gives the single-process report, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.batch import read_export
from claimcheck.batch.report import REPORT_FORMATS, render
from claimcheck.batch.run import claim_key, run_batch
from claimcheck.cli import app

pytest.importorskip("distributed")

EXPORTS = Path(__file__).parent / "data" / "exports"
PATHS = [EXPORTS / "android_24h_dayfirst.txt", EXPORTS / "reddit_thread.json", EXPORTS / "generic.csv"]
# Every export format: crisis messages, repeated claims across sources, skipped records, every report section.
ALL = sorted(EXPORTS.iterdir())


@pytest.fixture(scope="module")
def cluster():
    from claimcheck.batch.distributed import Cluster

    with Cluster(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def on_two(cluster, small_index):
    from claimcheck.batch.distributed import CheckerSpec, DaskChecker

    dask_checker = DaskChecker(cluster.client, CheckerSpec(index_dir=str(small_index), sessions=1))
    dask_checker.warm_up()
    return dask_checker


class Recording:
    """A DaskChecker that keeps every list of claims it sends to the workers."""

    def __init__(self, inner):
        self.inner, self.sent = inner, []

    def verdicts(self, claims, families=None):
        self.sent.append(list(claims))
        return self.inner.verdicts(claims, families)

    def models(self):
        return self.inner.models()


def test_two_workers_give_the_single_process_report_byte_for_byte(on_two, checker, crisis_chat, monkeypatch):
    import claimcheck.batch.distributed as distributed

    assert on_two.workers == 2 and on_two.models() == checker.models()
    paths = [*ALL, crisis_chat(30)]
    plain = run_batch(read_export(paths), checker, country="GB")
    recording = Recording(on_two)
    # Small record tasks and flushes, so both workers get several tasks of each kind and results interleave.
    monkeypatch.setattr(distributed, "RECORDS_PER_TASK", 7)
    spread = run_batch(read_export(paths), recording, country="GB", outcomes=on_two.outcomes, batch_size=5)
    assert spread.read == plain.read > 100 and spread.flagged and len(spread.claims) > 10
    for fmt in REPORT_FORMATS:
        assert render(spread, fmt) == render(plain, fmt), fmt
    # Claims are deduplicated before they are sent: each unique claim reaches a worker once.
    sent = [claim_key(c) for batch in recording.sent for c in batch]
    assert len(sent) == len(set(sent)) == len(plain.claims) and len(recording.sent) > 2


def test_cli_on_a_scheduler_writes_the_plain_report(cluster, small_index, tmp_path):
    runner = CliRunner()
    common = [*map(str, PATHS), "--format", "md", "--index", str(small_index), "--country", "GB", "--quiet"]
    plain, spread = tmp_path / "plain.md", tmp_path / "spread.md"
    res = runner.invoke(app, ["batch", *common, "--out", str(plain)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["batch", *common, "--out", str(spread), "--scheduler", cluster.client.scheduler.address])
    assert res.exit_code == 0, res.output
    assert spread.read_bytes() == plain.read_bytes()


def test_cli_usage_errors_start_no_cluster(tmp_path):
    runner = CliRunner()
    export = str(EXPORTS / "generic.csv")
    res = runner.invoke(app, ["batch", export, "--format", "md", "--workers", "2", "--scheduler", "tcp://x:1"])
    assert res.exit_code == 2 and "not both" in res.stderr
    res = runner.invoke(app, ["batch", export, "--format", "md", "--workers", "0"])
    assert res.exit_code == 2


def test_unreachable_scheduler_is_one_clear_line(monkeypatch):
    import claimcheck.batch.distributed as distributed

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    res = CliRunner().invoke(
        app, ["batch", str(EXPORTS / "generic.csv"), "--format", "md", "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert res.exit_code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.stderr


def test_claimcheck_never_imports_dask_until_asked():
    code = (
        "import sys, claimcheck, claimcheck.cli, claimcheck.batch.run, claimcheck.batch.distributed, "
        "claimcheck.pipeline, claimcheck.index; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_index_build_embeds_shards_on_workers_exactly(cluster, embedder, small_docs, small_index, tmp_path):
    from claimcheck.batch.distributed import DaskEmbedder
    from claimcheck.corpus import corpus_hash
    from claimcheck.index import build_index, load_index

    docs = small_docs[:2]
    spread = DaskEmbedder(cluster.client, embedder, None, sessions=1)
    build_index(docs, spread, tmp_path / "spread", corpus_hash(docs), batch=64)
    build_index(docs, embedder, tmp_path / "plain", corpus_hash(docs), batch=64)
    a, b = load_index(tmp_path / "spread"), load_index(tmp_path / "plain")
    assert a.texts == b.texts and a.vectors.ntotal > 64
    assert (a.vectors.reconstruct_n(0, a.vectors.ntotal) == b.vectors.reconstruct_n(0, b.vectors.ntotal)).all()


class _Stop(BaseException):
    """Stands for Ctrl-C or a killed client."""


class Interrupting(Recording):
    def verdicts(self, claims, families=None):
        if len(self.sent) == 2:
            raise _Stop
        return super().verdicts(claims, families)


def test_resume_on_the_cluster_gives_the_plain_report(on_two, checker, tmp_path, monkeypatch):
    import claimcheck.batch.distributed as distributed

    monkeypatch.setattr(distributed, "RECORDS_PER_TASK", 5)
    plain = run_batch(read_export(PATHS), checker, country="GB")
    ck = tmp_path / "report.md.checkpoint.jsonl"
    with pytest.raises(_Stop):
        run_batch(
            read_export(PATHS),
            Interrupting(on_two),
            country="GB",
            checkpoint=ck,
            outcomes=on_two.outcomes,
            batch_size=3,
        )
    assert ck.exists()
    resumed = run_batch(
        read_export(PATHS), on_two, country="GB", checkpoint=ck, resume=True, outcomes=on_two.outcomes, batch_size=3
    )
    assert resumed.resumed > 0 and not ck.exists()
    assert render(resumed, "md") == render(plain, "md")
