"""The HTML report opened in real headless Chromium: screenshot taken, summary and first claim rendered."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimcheck.batch import read_export
from claimcheck.batch.report import render
from claimcheck.batch.run import run_batch

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EXPORTS = Path(__file__).parent / "data" / "exports"
# Flags that keep Chromium off the (closed) network and quiet in a sandbox-less CI container.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def report(checker, tmp_path_factory) -> Path:
    result = run_batch(read_export([EXPORTS / "reddit_thread.json", EXPORTS / "android_24h_dayfirst.txt"]), checker)
    assert result.claims, "the fixture exports must yield claims"
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(result, "html"), encoding="utf-8")
    return path


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


def test_screenshot_shows_the_report(report, tmp_path):
    shot = tmp_path / "report.png"
    proc = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1400", report.as_uri())
    assert shot.is_file(), proc.stderr[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a blank page compresses to a few KB


def test_rendered_page_has_summary_then_the_first_contradicted_claim(report, tmp_path):
    proc = _chromium(tmp_path, "--dump-dom", "--virtual-time-budget=2000", report.as_uri())
    dom = proc.stdout
    assert '<section id="summary">' in dom and "Messages read" in dom, proc.stderr[-2000:]
    first_claim = re.search(r"<article class=\"claim (\w+)\">(.*?)</article>", dom, re.S)
    assert first_claim is not None
    assert first_claim.group(1) == "contradicted"
    assert "<blockquote>" in first_claim.group(2) and "https://" in first_claim.group(2)
    assert dom.index('id="summary"') < first_claim.start()


def test_member_at_risk_is_visible_without_scrolling_at_1280x800(checker, crisis_chat, tmp_path):
    """A chat with one crisis message late in it: the report's at-risk section is on the first screen."""
    result = run_batch(read_export([crisis_chat(crisis_at=55)]), checker, country="GB")
    page = render(result, "html")
    # Measured in the rendered page: the section's box against the window, written where --dump-dom shows it.
    probe = (
        "<script>window.addEventListener('load',function(){var r=document.getElementById('at-risk')"
        ".getBoundingClientRect();document.body.setAttribute('data-at-risk',"
        "[Math.round(r.top),Math.round(r.bottom),window.innerWidth,window.innerHeight].join(','));});</script>"
    )
    path = tmp_path / "crisis.html"
    path.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    proc = _chromium(tmp_path, "--dump-dom", "--window-size=1280,800", "--virtual-time-budget=2000", path.as_uri())
    found = re.search(r'data-at-risk="(-?\d+),(-?\d+),(\d+),(\d+)"', proc.stdout)
    assert found, proc.stderr[-2000:]
    top, bottom, width, height = map(int, found.groups())
    assert width == 1280 and 0 <= top < bottom <= height, found.groups()
    shot = tmp_path / "crisis.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,800", path.as_uri())
    assert shot.is_file()
