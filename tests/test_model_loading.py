"""Loading ONNX models: sessions started in the background by the CLI are the ones the checker then uses."""

from __future__ import annotations

import pytest

from claimcheck import embed
from claimcheck.embed import DEFAULT_MODEL_NAME, MODEL_CARD, find_model_dir, onnx_session, preload_sessions
from claimcheck.errors import ModelError


def test_a_preloaded_session_is_handed_over_once():
    folder = find_model_dir(DEFAULT_MODEL_NAME, ("model.onnx", MODEL_CARD))
    preload_sessions([(DEFAULT_MODEL_NAME, 1), ("no-such-model", 1)])
    key = (str(folder / "model.onnx"), 1)
    pending = embed._preloading[key]
    session = onnx_session(folder / "model.onnx", 1)
    assert session is pending.result()
    assert key not in embed._preloading  # taken: the next call loads its own
    assert onnx_session(folder / "model.onnx", 1) is not session


def test_a_model_that_fails_to_preload_fails_where_it_is_used(tmp_path):
    (tmp_path / "model.onnx").write_bytes(b"not an onnx graph")
    (tmp_path / MODEL_CARD).write_text("{}", encoding="utf-8")
    preload_sessions([(str(tmp_path), 1)])
    with pytest.raises(ModelError, match="cannot load"):
        onnx_session(tmp_path / "model.onnx", 1)


def test_the_cli_preloads_what_the_checker_uses(small_index):
    """In a fresh process, `claimcheck check` starts the three sessions early and the check takes every one."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from claimcheck import embed\n"
        "from claimcheck.cli import main\n"
        f"sys.argv = ['claimcheck', 'check', 'exercise can help with mild depression', '--index', {str(small_index)!r},"
        " '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('left:', sorted(k[0] for k in embed._preloading), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert '"label"' in proc.stdout
    assert "left: []" in proc.stderr, proc.stderr
