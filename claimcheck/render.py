"""Render check results for people: rich terminal output (the JSON form is the model itself)."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from claimcheck.models import CheckResult, ClaimVerdict, Evidence

UNVERIFIED_NOTE = "No trusted source found: this does not mean it is safe."

# Supported is blue, not green, and nothing gets a tick: a verdict is information, not approval.
STYLE = {
    "contradicted": ("bold red", "CONTRADICTED", "Trusted sources say otherwise"),
    "supported": ("bold blue", "SUPPORTED", "Trusted sources say the same"),
    "unverified": ("bold yellow", "UNVERIFIED", UNVERIFIED_NOTE),
    "not_checkable": ("dim", "NOT CHECKABLE", ""),
}


def _print_evidence(ev: Evidence, console: Console) -> None:
    console.print(Padding(Text("\u201c" + ev.quote + "\u201d", style="italic"), (0, 0, 0, 4), expand=False))
    where = Text(f"{ev.publisher} \u00b7 {ev.title}", style="bold")
    if ev.heading and ev.heading != ev.title:
        where.append(f" \u203a {ev.heading}", style="")
    console.print(Padding(where, (0, 0, 0, 6), expand=False))
    # URLs are printed unwrapped so they stay clickable and copyable.
    console.print("      " + ev.url, style=f"cyan link {ev.url}", soft_wrap=True, highlight=False)
    scores = (
        f"entails {ev.stance.entail:.2f} \u00b7 contradicts {ev.stance.contradict:.2f} \u00b7 "
        f"relevance {ev.relevance:.2f}"
    )
    console.print(Padding(Text(scores, style="dim"), (0, 0, 0, 6), expand=False))


def print_claim(verdict: ClaimVerdict, console: Console) -> None:
    style, word, lead = STYLE[verdict.label]
    head = Text(f"{word}", style=style)
    if verdict.label in ("supported", "contradicted"):
        head.append(f"  confidence {verdict.confidence:.2f}", style="dim")
    console.print()
    console.print(head)
    console.print(Padding(Text(verdict.text, style="bold"), (0, 0, 0, 2), expand=False))
    if verdict.label == "not_checkable":
        console.print(
            Padding(Text(f"Not a checkable claim ({verdict.reason}).", style="dim"), (0, 0, 0, 2), expand=False)
        )
        return
    console.print(Padding(Text(lead, style=style.replace("bold ", "")), (0, 0, 0, 2), expand=False))
    if verdict.label == "unverified":
        console.print(
            Padding(
                Text(verdict.reason[:1].upper() + verdict.reason[1:] + ".", style="dim"), (0, 0, 0, 2), expand=False
            )
        )
        if verdict.evidence:
            console.print(
                Padding(
                    Text("Closest passages found (they do not decide it):", style="dim"), (0, 0, 0, 2), expand=False
                )
            )
    for ev in verdict.evidence:
        _print_evidence(ev, console)


def render_result(result: CheckResult, console: Console) -> None:
    console.print(Text(result.notice, style="dim"))
    for verdict in result.claims:
        print_claim(verdict, console)
    if result.input.claims == 0:
        console.print("No claims found in the input.")
