"""Render check results for people: rich terminal output (the JSON form is the model itself)."""

from __future__ import annotations

import re
import textwrap

from rich.console import Console
from rich.text import Text

from claimcheck import plain
from claimcheck.claims import NOT_A_CLAIM
from claimcheck.models import CheckResult, ClaimVerdict, Evidence
from claimcheck.next_steps import next_step
from claimcheck.quotes import display_quote
from claimcheck.safety import Safety, banner_text
from claimcheck.safety.messaging import UNVERIFIED_NOTE

# Supported is blue, not green, and nothing gets a tick: a verdict is information, not approval.
STYLE = {
    "contradicted": ("bold red", "CONTRADICTED", "Trusted sources say otherwise"),
    "supported": ("bold blue", "SUPPORTED", "Trusted sources say the same"),
    "unverified": ("bold yellow", "UNVERIFIED", UNVERIFIED_NOTE),  # or RELATED_NOTE: see plain.unverified_note
    "not_checkable": ("dim", "NOT CHECKABLE", ""),
}


# Escape sequences (CSI, OSC, two-byte) and C0/C1 control characters other than tab and newline: pasted text
# that carries them could clear the screen and wipe the crisis banner off it.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# A result this long scrolls the banner away, so it is printed again at the end.
REPEAT_BANNER_CLAIMS = 3


def terminal_safe(text: str) -> str:
    """`text` with terminal control sequences and control characters removed (always print it as Text)."""
    return _CONTROL.sub("", text)


def _print_source(ev: Evidence, console: Console, verbose: bool = False) -> None:
    """Where a quote comes from (publisher, page, section, URL), and its scores with --verbose."""
    title = " ".join(terminal_safe(f"{ev.publisher} \u00b7 {ev.title}").split())
    where = title
    if ev.heading and ev.heading != ev.title:
        where += " " + " ".join(terminal_safe(f"\u203a {ev.heading}").split())
    # wrapped on word boundaries under the indent, the publisher and title in bold
    pos = 0
    for line in _wrap(where, max(20, console.width - 6)):
        pos = where.find(line, pos)
        bold = max(0, min(len(line), len(title) - pos))
        text = Text("      ").append(line[:bold], style="bold").append(line[bold:])
        console.print(text, soft_wrap=True, highlight=False)
        pos += len(line)
    # URLs are printed unwrapped so they stay clickable and copyable.
    console.print("      " + ev.url, style=f"cyan link {ev.url}", soft_wrap=True, highlight=False)
    if verbose:
        scores = (
            f"entails {ev.stance.entail:.2f} \u00b7 contradicts {ev.stance.contradict:.2f} \u00b7 "
            f"relevance {ev.relevance:.2f}"
        )
        _line(console, scores, indent=6, style="dim")


def _print_evidence(ev: Evidence, console: Console, verbose: bool = False) -> None:
    _line(console, "\u201c" + display_quote(ev.quote) + "\u201d", indent=4, style="italic")
    _print_source(ev, console, verbose)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` on word boundaries: a word or URL longer than that gets a line of its
    own, unbroken, and hyphenated words stay whole."""
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def _line(console: Console, text: str, indent: int = 2, style: str = "") -> None:
    """Print `text` wrapped to the console and indented, without rich's trailing padding spaces."""
    width = max(20, console.width - indent)
    for line in _wrap(terminal_safe(text), width) or [""]:
        console.print(Text(" " * indent + line, style=style), soft_wrap=True, highlight=False)


def print_claim(verdict: ClaimVerdict, console: Console, verbose: bool = False, country: str | None = None) -> None:
    """One verdict in plain words: label, confidence in words, why, the quotes, and what to do next."""
    style, word, lead = STYLE[verdict.label]
    if verdict.label == "not_checkable" and verdict.reason in NOT_A_CLAIM:
        word = "NOT A CLAIM"
    head = Text(word, style=style)
    if verdict.label in ("supported", "contradicted"):
        head.append(f"  this verdict is {plain.confidence_words(verdict.confidence)}", style="dim")
    if verdict.harmful:
        head.append("  harmful advice pattern", style="bold magenta")
    console.print()
    console.print(head)
    _line(console, verdict.text, style="bold")
    if verdict.label == "not_checkable":
        _line(console, plain.not_a_claim(verdict), style="dim")
        return
    colour = style.replace("bold ", "")
    if verdict.label == "unverified":
        _line(console, plain.unverified_note(verdict), style=colour)
        detail = plain.unverified_detail(verdict)
        if detail:
            _line(console, detail, style="dim")
        shown = plain.shown_evidence(verdict)
        if shown:
            _line(console, plain.unverified_heading(verdict), style="dim")
        for ev in shown:
            _print_evidence(ev, console, verbose)
    else:
        _line(console, plain.why(verdict) or lead + ".", style=colour)
        # the first quote is the one the line above cites; repeats and fragments of the rest are left out
        for i, ev in enumerate(plain.shown_evidence(verdict)):
            (_print_source if i == 0 else _print_evidence)(ev, console, verbose)
    step = next_step(verdict, country)
    if step:
        _line(console, "Next step: " + step, style="bold")


def render_safety(safety: Safety, console: Console) -> None:
    """The calm help banner shown before any verdict when the text suggests someone may be at risk."""
    from rich.panel import Panel

    if safety.tier == "none":
        return
    from claimcheck.safety.messaging import banner_title

    console.print(Panel(Text(banner_text(safety)), border_style="magenta", title=banner_title(safety), expand=False))


def render_result(result: CheckResult, console: Console, verbose: bool = False) -> None:
    """The whole result for a terminal; `verbose` adds each quote's stance and relevance scores."""
    render_safety(result.safety, console)
    console.print(Text(result.notice, style="dim"))
    for verdict in result.claims:
        print_claim(verdict, console, verbose=verbose, country=result.safety.country)
    if result.input.claims == 0:
        console.print("No claims found in the input.")
    if result.input.truncated:
        console.print()
        _line(console, f"Only part of the input was checked: the first {result.input.claims} claims (at most "
                       "100, from at most 100,000 characters). Check the rest separately.", indent=0, style="bold")
    if len(result.claims) >= REPEAT_BANNER_CLAIMS and result.safety.tier != "none":
        console.print()
        render_safety(result.safety, console)
