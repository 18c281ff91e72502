"""Ten pieces of advice checked by the real CLI in a real 80-column terminal (tmux): what a reader sees.

The pane is captured as the terminal holds it. Long URLs wider than the pane are soft-wrapped by the terminal
(one logical line, so they stay one link to click or copy); `capture-pane -J` joins those, and every check
below runs on the joined lines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from claimcheck.quotes import display_quote

pytestmark = pytest.mark.slow

TEN = [
    "once you feel better on antidepressants just stop taking them",
    "St John's wort won't affect the pill",
    "Exercise can help with mild depression.",
    "you can't get addicted to benzos if a doctor prescribed them",
    "ADHD is caused by bad parenting",
    "talking about suicide puts the idea in someone's head",
    "lithium needs regular blood tests",
    "cbd oil cures anxiety, way better than meds",
    "Drinking alcohol helps you sleep better.",
    "if you've got bipolar you'll be on meds for life, no exceptions",
]
JARGON = re.compile(r"\b(?:entails?|contradicts|relevance|neutral|logits?|cosine)\b|\b0\.\d{3,}\b")
LABEL_LINE = re.compile(r"^(?:CONTRADICTED|SUPPORTED|UNVERIFIED|NOT A CLAIM|NOT CHECKABLE)\b")


def _pane(tmp_path: Path, index: Path) -> list[str]:
    """Run `claimcheck check --file` inside an 80x50 tmux pane and return its joined, scrolled-back lines."""
    advice = tmp_path / "ten.txt"
    advice.write_text("\n".join(TEN) + "\n", encoding="utf-8")
    done = tmp_path / "done"
    socket = f"cc-{uuid.uuid4().hex[:8]}"
    cli = Path(sys.executable).with_name("claimcheck")
    command = (
        f"HF_HUB_OFFLINE=1 {cli} check --file {advice} --index {index} --country GB; "
        f"echo $? > {done}; sleep 30"
    )
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", "cc", "-x", "80", "-y", "50", command], check=True)
    try:
        deadline = time.monotonic() + 120
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), "claimcheck did not finish in the pane"
        assert done.read_text().strip() == "0"
        shot = subprocess.run(
            [*tmux, "capture-pane", "-p", "-J", "-S", "-", "-t", "cc"], check=True, capture_output=True, text=True
        ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
    return [line.rstrip() for line in shot.splitlines()]


@pytest.fixture(scope="module")
def pane(small_index, tmp_path_factory) -> list[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    return _pane(tmp_path_factory.mktemp("tmux"), small_index)


@pytest.fixture(scope="module")
def vocabulary(small_docs) -> set[str]:
    """Words a reader may meet: the pages' text and titles, the advice, and the CLI's own wording."""
    import claimcheck

    words: set[str] = set()
    sources = [d.text + " " + d.title for d in small_docs] + TEN
    sources += [p.read_text(encoding="utf-8") for p in Path(claimcheck.__file__).parent.rglob("*.py")]
    for text in sources:
        words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']*", text))
    return words


def test_every_piece_of_advice_gets_a_plain_verdict(pane):
    labels = [line for line in pane if LABEL_LINE.match(line)]
    assert len(labels) == len(TEN)
    flat = " ".join(" ".join(pane).split())
    for advice in TEN:
        assert advice in flat


def test_no_score_jargon(pane):
    for line in pane:
        assert not JARGON.search(line), line


def test_no_word_is_split_across_lines(pane, vocabulary):
    """A line break between two fragments that only make a word together is a split word."""
    for above, below in zip(pane, pane[1:], strict=False):
        a = re.search(r"([A-Za-z']+)$", above)
        b = re.match(r"\s*([A-Za-z']+)", below)
        if not a or not b:
            continue
        head, tail = a.group(1).lower(), b.group(1).lower()
        if head not in vocabulary or tail not in vocabulary:
            assert (head + tail) not in vocabulary, f"split word: {above!r} / {below!r}"


def test_urls_are_whole_on_one_line(pane, small_docs):
    known = {d.url for d in small_docs}
    shown = [u for line in pane for u in re.findall(r"https?://\S+", line)]
    assert shown
    for url in shown:
        assert url in known, url


def test_no_quote_is_shown_twice_for_one_claim(pane):
    blocks: list[list[str]] = []
    for line in pane:
        if LABEL_LINE.match(line):
            blocks.append([])
        elif blocks:
            blocks[-1].append(line.strip())
    assert blocks
    for block in blocks:
        quotes = re.findall(r"\u201c(.+?)\u201d", " ".join(block))
        normalised = [" ".join(display_quote(q).lower().split()) for q in quotes]
        assert len(normalised) == len(set(normalised)), normalised
