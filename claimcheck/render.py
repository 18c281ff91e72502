"""Render check results for people: rich terminal output (the JSON form is the model itself)."""

from __future__ import annotations

import re
import textwrap

from rich.console import Console
from rich.text import Text

from claimcheck.models import CheckResult, ClaimVerdict, Evidence
from claimcheck.safety import Safety, banner_text
from claimcheck.safety.messaging import UNVERIFIED_NOTE

# Supported is blue, not green, and nothing gets a tick: a verdict is information, not approval.
STYLE = {
    "contradicted": ("bold red", "CONTRADICTED", "Trusted sources say otherwise"),
    "supported": ("bold blue", "SUPPORTED", "Trusted sources say the same"),
    "unverified": ("bold yellow", "UNVERIFIED", UNVERIFIED_NOTE),
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


def _print_evidence(ev: Evidence, console: Console) -> None:
    _line(console, "\u201c" + ev.quote + "\u201d", indent=4, style="italic")
    where = Text(terminal_safe(f"{ev.publisher} \u00b7 {ev.title}"), style="bold")
    if ev.heading and ev.heading != ev.title:
        where.append(terminal_safe(f" \u203a {ev.heading}"), style="")
    console.print(Text("      ").append_text(where), soft_wrap=True, highlight=False)
    # URLs are printed unwrapped so they stay clickable and copyable.
    console.print("      " + ev.url, style=f"cyan link {ev.url}", soft_wrap=True, highlight=False)
    scores = (
        f"entails {ev.stance.entail:.2f} \u00b7 contradicts {ev.stance.contradict:.2f} \u00b7 "
        f"relevance {ev.relevance:.2f}"
    )
    _line(console, scores, indent=6, style="dim")


def _line(console: Console, text: str, indent: int = 2, style: str = "") -> None:
    """Print `text` wrapped to the console and indented, without rich's trailing padding spaces."""
    width = max(20, console.width - indent)
    for line in textwrap.wrap(terminal_safe(text), width=width) or [""]:
        console.print(Text(" " * indent + line, style=style), soft_wrap=True, highlight=False)


def print_claim(verdict: ClaimVerdict, console: Console) -> None:
    style, word, lead = STYLE[verdict.label]
    head = Text(word, style=style)
    if verdict.label in ("supported", "contradicted"):
        head.append(f"  confidence {verdict.confidence:.2f} (estimated chance this label is right)", style="dim")
    if verdict.harmful:
        head.append("  harmful advice pattern", style="bold magenta")
    console.print()
    console.print(head)
    _line(console, verdict.text, style="bold")
    if verdict.label == "not_checkable":
        _line(console, f"Not a checkable claim ({verdict.reason}).", style="dim")
        return
    _line(console, lead, style=style.replace("bold ", ""))
    if verdict.label == "unverified":
        detail = verdict.reason.removeprefix(UNVERIFIED_NOTE).strip(" ()")
        if detail:
            _line(console, detail[:1].upper() + detail[1:] + ".", style="dim")
        if verdict.evidence:
            _line(console, "What trusted sources say (closest passages; they do not settle it):", style="dim")
    for ev in verdict.evidence:
        _print_evidence(ev, console)


def render_safety(safety: Safety, console: Console) -> None:
    """The calm help banner shown before any verdict when the text suggests someone may be at risk."""
    from rich.panel import Panel

    if safety.tier == "none":
        return
    from claimcheck.safety.messaging import banner_title

    console.print(Panel(Text(banner_text(safety)), border_style="magenta", title=banner_title(safety), expand=False))


def render_result(result: CheckResult, console: Console) -> None:
    render_safety(result.safety, console)
    console.print(Text(result.notice, style="dim"))
    for verdict in result.claims:
        print_claim(verdict, console)
    if result.input.claims == 0:
        console.print("No claims found in the input.")
    if result.input.truncated:
        console.print()
        _line(console, f"Only part of the input was checked: the first {result.input.claims} claims (at most "
                       "100, from at most 100,000 characters). Check the rest separately.", indent=0, style="bold")
    if len(result.claims) >= REPEAT_BANNER_CLAIMS and result.safety.tier != "none":
        console.print()
        render_safety(result.safety, console)
