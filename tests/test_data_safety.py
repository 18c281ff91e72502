"""Nothing the user owns is lost: index and corpus builds replace only an index, leftovers of killed builds go,
readers never see a missing index during a swap, and `batch --out` never overwrites an input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fakes import HashEmbedder
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.corpus import corpus_hash, write_snapshot
from claimcheck.errors import ClaimcheckError, IndexNotReadyError
from claimcheck.index import MANIFEST, build_index, load_index, read_manifest

runner = CliRunner()


@pytest.fixture(scope="module")
def two_docs(small_docs):
    return small_docs[:2]


def _build(docs, target: Path):
    return build_index(docs, HashEmbedder(), target, corpus_hash(docs))


def _user_folder(path: Path) -> dict[str, bytes]:
    """A folder of someone's own files (the red-team case: a thesis and a photo)."""
    (path / "sub").mkdir(parents=True)
    (path / "thesis.txt").write_text("four years of work", encoding="utf-8")
    (path / "sub" / "photo.txt").write_text("a photo", encoding="utf-8")
    return _snapshot(path)


def _snapshot(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# -- builds refuse what is not an index ------------------------------------------------------------------


def test_build_refuses_a_folder_that_is_not_an_index(two_docs, tmp_path):
    target = tmp_path / "mine"
    before = _user_folder(target)
    with pytest.raises(IndexNotReadyError) as exc:
        _build(two_docs, target)
    message = str(exc.value)
    assert "\n" not in message and "not a claimcheck index" in message and str(target) in message
    assert _snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"], "the refused build left something behind"


def test_build_refuses_a_file(two_docs, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(IndexNotReadyError, match="not a folder"):
        _build(two_docs, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"], "the file was moved aside"


def test_build_refuses_a_folder_with_a_foreign_manifest(two_docs, tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / MANIFEST).write_text('{"name": "my web app", "start_url": "/"}', encoding="utf-8")
    with pytest.raises(IndexNotReadyError, match="not a claimcheck index"):
        _build(two_docs, target)
    assert (target / MANIFEST).read_text(encoding="utf-8").startswith('{"name"')


def test_cli_index_build_refuses_a_user_folder_with_one_line(snapshot_docs, tmp_path, monkeypatch):
    docs = [d for d in snapshot_docs if "antidepressants/overview" in d.url]
    write_snapshot(docs, tmp_path / "mini.jsonl.gz")
    flag_target, env_target = tmp_path / "by-flag", tmp_path / "by-env"
    flag_before, env_before = _user_folder(flag_target), _user_folder(env_target)
    corpus = str(tmp_path / "mini.jsonl.gz")
    res = runner.invoke(app, ["index", "build", "--corpus", corpus, "--index", str(flag_target)])
    assert res.exit_code == 1, res.output
    assert "not a claimcheck index" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output
    assert _snapshot(flag_target) == flag_before

    monkeypatch.setenv("CLAIMCHECK_INDEX", str(env_target))
    res = runner.invoke(app, ["index", "build", "--corpus", corpus, "-q"])
    assert res.exit_code == 1 and "not a claimcheck index" in res.stderr
    assert _snapshot(env_target) == env_before


def test_corpus_build_refuses_a_user_folder(small_docs, tmp_path):
    from claimcheck.scrape.store import build_user_index

    snapshot = tmp_path / "snap.jsonl.gz"
    write_snapshot(small_docs[:2], snapshot)
    target = tmp_path / "mine"
    before = _user_folder(target)
    with pytest.raises(ClaimcheckError, match="not a claimcheck index"):
        build_user_index(target, snapshot=snapshot, home=tmp_path / "home", embedder=HashEmbedder())
    assert _snapshot(target) == before


# -- what a build may replace ----------------------------------------------------------------------------


def test_old_style_index_folder_loads_and_is_replaced(small_index, two_docs, tmp_path):
    legacy = tmp_path / "index"
    shutil.copytree(small_index, legacy)  # a real folder, as every earlier version wrote it
    assert load_index(legacy).manifest.documents > 2
    _build(two_docs, legacy)
    index = load_index(legacy)
    assert index.manifest.documents == 2 and index.manifest.model_id == "hash-test"
    assert not [p for p in tmp_path.iterdir() if ".old-" in p.name]


def test_rebuild_keeps_the_index_path_and_bounds_versions(two_docs, tmp_path):
    target = tmp_path / "index"
    for n in (1, 2, 1, 2):
        _build(two_docs[:n], target)
        assert load_index(target).manifest.documents == n
    # Versions replaced seconds ago stay for readers on their way to them; an hour later they go.
    hour_ago = time.time() - 3600
    for version in tmp_path.glob(".index.v-*"):
        os.utime(version, (hour_ago, hour_ago))
    _build(two_docs[:1], target)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(left) == 3 and left[-1] == "index", left  # the link, the new version, the one it just replaced
    assert load_index(target).manifest.documents == 1


def test_empty_folder_is_used(two_docs, tmp_path):
    target = tmp_path / "index"
    target.mkdir()  # nothing in it to lose, e.g. a folder made for the index
    _build(two_docs, target)
    assert load_index(target).manifest.documents == 2


def test_users_symlink_to_an_index_elsewhere_is_kept(two_docs, tmp_path):
    real = tmp_path / "big-disk" / "index"
    _build(two_docs, real)
    link = tmp_path / "home" / "index"
    link.parent.mkdir()
    link.symlink_to(real)
    _build(two_docs[:1], link)
    assert os.readlink(link) == str(real), "the user's own link was replaced"
    assert load_index(real).manifest.documents == 1 and load_index(link).manifest.documents == 1


# -- leftovers of killed builds --------------------------------------------------------------------------


def test_leftovers_of_killed_builds_are_cleaned(two_docs, tmp_path):
    target = tmp_path / "index"
    _build(two_docs, target)
    dead, old = _dead_pid(), time.time() - 2 * 3600
    killed = tmp_path / f".index.v-{dead}-deadbeef"  # this version's build folder, its process gone
    legacy_build = tmp_path / ".index-build-k3j2h1"  # an earlier version's build folder, hours old
    legacy_old = tmp_path / f".index.old-{dead}"  # an earlier version's swap, killed half-way
    for folder in (killed, legacy_build, legacy_old):
        folder.mkdir()
        (folder / "vectors.faiss").write_bytes(b"partial")
    os.utime(legacy_build, (old, old))
    running = tmp_path / f".index.v-{os.getppid()}-cafe0001"  # a build still running (its process is alive)
    running.mkdir()
    fresh = tmp_path / ".index-build-fresh01"  # an earlier version's build that may still be running
    fresh.mkdir()
    _build(two_docs, target)
    left = {p.name for p in tmp_path.iterdir()}
    assert not {killed.name, legacy_build.name, legacy_old.name} & left
    assert {running.name, fresh.name} <= left
    assert load_index(target).manifest.documents == 2


def test_failed_build_removes_its_own_folder(two_docs, tmp_path):
    class Failing(HashEmbedder):
        def embed_batch(self, texts):
            raise RuntimeError("disk full")

    target = tmp_path / "index"
    _build(two_docs, target)
    before = {p.name for p in tmp_path.iterdir()}
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(two_docs, Failing(), target, "hash")
    assert {p.name for p in tmp_path.iterdir()} == before
    assert load_index(target).manifest.documents == 2


# -- readers during a swap -------------------------------------------------------------------------------


def test_readers_never_see_a_missing_index_during_swaps(two_docs, tmp_path):
    """2 s of back-to-back rebuilds while two threads load the index: every load must succeed."""
    target = tmp_path / "index"
    _build(two_docs, target)
    stop = threading.Event()
    failures: list[str] = []
    reads = [0]
    swaps = [0]

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            _build(two_docs[: 1 + n % 2], target)
            swaps[0] += 1

    def reader() -> None:
        while not stop.is_set():
            try:
                read_manifest(target)
                index = load_index(target)
                assert index.vectors.ntotal == len(index.passages)
                assert len(index.bm25_scores(["depression"])) == len(index.passages)
            except (IndexNotReadyError, OSError, AssertionError) as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
            reads[0] += 1

    threads = [threading.Thread(target=writer), *(threading.Thread(target=reader) for _ in range(2))]
    for t in threads:
        t.start()
    time.sleep(2.0)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert swaps[0] >= 5 and reads[0] >= 20, (swaps, reads)
    assert not failures, f"{len(failures)} of {reads[0]} reads failed during {swaps[0]} swaps: {failures[:3]}"


def test_swaps_never_leave_the_path_empty(tmp_path):
    """The pointer swap alone, at full speed for 1 s: a reader opening DIR/manifest.json always finds one."""
    from claimcheck.files import FolderKind, publish_version

    kind = FolderKind("test folder", lambda f: (f / "manifest.json").is_file(), "fix")
    target = tmp_path / "data"
    stop = threading.Event()
    missing, reads, swaps = [0], [0], [0]

    def writer() -> None:
        while not stop.is_set():
            with publish_version(target, kind) as folder:
                (folder / "manifest.json").write_text(str(swaps[0]), encoding="utf-8")
            swaps[0] += 1

    with publish_version(target, kind) as folder:
        (folder / "manifest.json").write_text("first", encoding="utf-8")
    threads = [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            (target / "manifest.json").read_text(encoding="utf-8")
        except OSError:
            missing[0] += 1
        reads[0] += 1
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert swaps[0] >= 50 and reads[0] >= 1000, (swaps, reads)
    assert missing[0] == 0, f"no manifest {missing[0]} times in {reads[0]} reads during {swaps[0]} swaps"
    assert all(p.name == "data" or p.name.startswith(".data.v-") for p in tmp_path.iterdir())


def test_an_index_held_by_a_reader_survives_later_builds(two_docs, tmp_path):
    """A long-lived reader (a Checker) loads vectors and BM25 on first use, maybe after several rebuilds."""
    target = tmp_path / "index"
    _build(two_docs, target)
    held = load_index(target)
    for n in (1, 2, 1):
        _build(two_docs[:n], target)
    assert held.manifest.documents == 2
    assert held.vectors.ntotal == len(held.passages)
    assert len(held.bm25_scores(["depression"])) == len(held.passages)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 exchange is Linux's")
def test_old_style_folder_is_exchanged_in_one_step(small_index, two_docs, tmp_path, monkeypatch):
    import claimcheck.files

    def two_renames(*args):
        raise AssertionError("the old folder was renamed away: the index was missing for a moment")

    monkeypatch.setattr(claimcheck.files, "_rename_swap", two_renames)
    legacy = tmp_path / "index"
    shutil.copytree(small_index, legacy)
    _build(two_docs, legacy)
    assert legacy.is_symlink() and load_index(legacy).manifest.documents == 2


def test_model_export_refuses_a_folder_that_is_not_a_model(tmp_path):
    from claimcheck.export import MODEL_FOLDER
    from claimcheck.files import replace_dir

    target = tmp_path / "Documents"
    before = _user_folder(target)
    new = tmp_path / ".export-new"
    new.mkdir()
    with pytest.raises(FileExistsError, match="not a claimcheck model folder"):
        replace_dir(new, target, MODEL_FOLDER)
    assert _snapshot(target) == before


# -- batch --out -----------------------------------------------------------------------------------------


def _chat(path: Path) -> bytes:
    lines = [
        "12/03/2024, 09:00 - Jade Brown: exercise can help with mild depression",
        "12/03/2024, 09:01 - Sam Green: thanks",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("how", ["same", "dotted", "symlink", "hardlink"])
def test_batch_out_never_overwrites_an_input(small_index, tmp_path, monkeypatch, how):
    chat = tmp_path / "chat.txt"
    before = _chat(chat)
    out = chat
    if how == "dotted":
        monkeypatch.chdir(tmp_path)
        out = Path(".") / "sub" / ".." / "chat.txt"
        (tmp_path / "sub").mkdir()
    elif how == "symlink":
        out = tmp_path / "report.html"
        out.symlink_to(chat)
    elif how == "hardlink":
        out = tmp_path / "report.html"
        os.link(chat, out)
    res = runner.invoke(app, ["batch", str(chat), "--out", str(out), "--index", str(small_index), "-q"])
    assert res.exit_code == 2, res.output
    assert "--out" in res.stderr and len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output
    assert chat.read_bytes() == before
