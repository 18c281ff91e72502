"""Write a batch result as a self-contained HTML page, CSV, JSONL or Markdown, with members pseudonymised."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimcheck import plain
from claimcheck.batch.privacy import Pseudonyms
from claimcheck.batch.run import BatchResult, ClaimEntry, MessageRef
from claimcheck.models import SCHEMA_VERSION
from claimcheck.next_steps import next_step
from claimcheck.quotes import display_quote
from claimcheck.safety.messaging import NOTICE

if TYPE_CHECKING:
    import jinja2

REPORT_FORMATS = ("html", "csv", "jsonl", "md")
ORDER = ("contradicted", "unverified", "supported", "unchecked")
HEADLINE = {
    "contradicted": "Contradicted: trusted sources say otherwise",
    "unverified": "Unverified",  # followed by the claim's own note: sources silent, or related but not settling it
    "supported": "Supported: trusted sources say the same",
    "unchecked": "Not checked",
}
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class _View:
    """The result with every member-written string pseudonymised and scrubbed, in report order."""

    result: BatchResult
    names: Pseudonyms
    claims: list[ClaimEntry]
    message_ids: dict[str, str]

    def label(self, entry: ClaimEntry) -> str:
        return entry.verdict.label if entry.verdict else "unchecked"

    def text(self, value: str) -> str:
        return self.names.scrub(value)

    def ref(self, ref: MessageRef) -> dict[str, Any]:
        return {
            "anchor": self.message_ids.setdefault(ref.id, f"m{len(self.message_ids) + 1}"),
            "author": self.names.author(ref.author),
            "thread": self.names.scrub(ref.thread),
            "timestamp": ref.timestamp or "",
            "excerpt": self.names.scrub(ref.excerpt),
            "tier": ref.tier,
            "categories": list(ref.categories),
        }

    def flag(self, ref: MessageRef) -> dict[str, Any]:
        """A flagged message with the thread's messages just before it, all pseudonymised."""
        context = [
            {
                "author": self.names.author(c.get("author", "")),
                "timestamp": c.get("timestamp", ""),
                "excerpt": self.names.scrub(c.get("excerpt", "")),
            }
            for c in ref.context
        ]
        out = {**self.ref(ref), "context": context}
        if ref.abuse:
            out["abuse"] = dict(ref.abuse)
        return out

    def abusive(self) -> list[dict[str, Any]]:
        """Messages that may insult, threaten, harass, shame or push someone to harm, with what came before."""
        return [self.flag(r) for r in self.result.abusive]

    def flagged(self) -> list[dict[str, Any]]:
        """Messages that may need a caring reply: urgent first, then concern, each in export order."""
        refs = sorted(self.result.flagged, key=lambda r: r.tier != "urgent")
        return [self.flag(r) for r in refs]


def _view(result: BatchResult, keep_names: bool) -> _View:
    names = Pseudonyms(keep=keep_names)
    for author in result.authors:
        names.add(author)  # pseudonyms follow first appearance in the export, whatever the report order
    rank = {label: i for i, label in enumerate(ORDER)}
    claims = sorted(
        result.claims.values(),
        key=lambda e: (rank[e.verdict.label if e.verdict else "unchecked"], -e.count, e.key),
    )
    return _View(result, names, claims, {})


def summary(result: BatchResult) -> dict[str, Any]:
    """The counts every format states: messages read = checked + not checkable + skipped."""
    by_label = dict.fromkeys(ORDER, 0)
    occurrences = dict.fromkeys(ORDER, 0)
    for entry in result.claims.values():
        label = entry.verdict.label if entry.verdict else "unchecked"
        by_label[label] += 1
        occurrences[label] += entry.count
    return {
        "messages_read": result.read,
        "checked": result.checked,
        "not_checkable": result.not_checkable,
        "skipped": result.skipped,
        "skip_reasons": dict(result.skip_reasons.most_common()),
        "not_checkable_reasons": dict(result.not_checkable_reasons.most_common()),
        "unique_claims": len(result.claims),
        "claims_by_verdict": {k: v for k, v in by_label.items() if k != "unchecked" or v},
        "claim_occurrences_by_verdict": {k: v for k, v in occurrences.items() if k != "unchecked" or v},
        "safety_tiers": {t: result.tiers.get(t, 0) for t in ("urgent", "concern", "none")},
        "safety_categories": dict(result.categories.most_common()),
        "abuse_flags": len(result.abusive),
        "messages_with_truncated_claims": result.truncated_messages,
        "stopped": result.stopped,
    }


def _family_words(family: str | None) -> str:
    """The harmful-advice family in words an admin can act on ('' when not flagged)."""
    if not family:
        return ""
    from claimcheck.safety.harmful import FAMILIES

    note = next((f.note for f in FAMILIES if f.id == family), family.replace("_", " "))
    return f"harmful advice pattern: {note}"


def _evidence(entry: ClaimEntry, n: int = 3, shown: bool = False) -> list[dict[str, str]]:
    """The claim's quotes; `shown`: those a reader sees, as the terminal shows them (`plain.shown_evidence`)."""
    if entry.verdict is None:
        return []
    if not shown:
        return [
            {"quote": ev.quote, "publisher": ev.publisher, "title": ev.title, "url": ev.url}
            for ev in entry.verdict.evidence[:n]
        ]
    # for people: repeats and fragments left out, glued words split, each quote with its section heading
    evidence = plain.shown_evidence(entry.verdict)
    return [
        {"quote": display_quote(ev.quote), "publisher": ev.publisher, "title": ev.title, "url": ev.url,
         "heading": ev.heading if ev.heading != ev.title else ""}
        for ev in evidence[:n]
    ]


def _section(ev: dict[str, str]) -> str:
    """' › Coming off antidepressants': the heading a shown quote sits under ('' when none)."""
    return f" \u203a {ev['heading']}" if ev.get("heading") else ""


def _confidence(rec: dict[str, Any], entry: ClaimEntry) -> str:
    """' — this verdict is very likely right (0.93)' for a decided claim ('' otherwise: unverified's number is
    the chance the sources settle nothing, which reads as reassurance it is not)."""
    if entry.verdict is None or rec["verdict"] not in ("contradicted", "supported"):
        return ""
    return f" \u2014 this verdict is {plain.confidence_words(entry.verdict.confidence)}"


def _claim_record(view: _View, entry: ClaimEntry) -> dict[str, Any]:
    label = view.label(entry)
    verdict = entry.verdict
    return {
        "type": "claim",
        "verdict": label,
        "confidence": round(verdict.confidence, 3) if verdict else None,
        "claim": view.text(entry.text),
        "occurrences": entry.count,
        "note": plain.unverified_note(verdict) if verdict and label == "unverified" else "",
        "why": plain.why(verdict) if verdict else "",
        "next_step": next_step(verdict, view.result.country) if verdict else "",
        "reason": view.text(verdict.reason) if verdict else "",
        "harmful_pattern": bool(verdict and verdict.harmful),
        "harmful_family": verdict.harmful_family if verdict else None,
        "harmful_note": _family_words(verdict.harmful_family if verdict and verdict.harmful else None),
        "evidence": _evidence(entry),
        "messages": [view.ref(r) for r in entry.refs],
    }


def admin_banner(result: BatchResult) -> str:
    """The help text for the admin reading the report: someone in the group may be at risk ('' if none)."""
    from claimcheck.safety import Safety, emergency_number, resources_for
    from claimcheck.safety.helplines import EMERGENCY, resolve_country
    from claimcheck.safety.messaging import country_line, format_resource

    urgent, concern = result.tiers.get("urgent", 0), result.tiers.get("concern", 0)
    if not urgent and not concern:
        return ""
    country = resolve_country(result.country)
    resources = resources_for(country)
    emergency = emergency_number(country)
    counts = []
    if urgent:
        counts.append(f"{urgent} message(s) suggest someone may be in danger now")
    if concern:
        counts.append(f"{concern} message(s) show someone may be struggling")
    lines = [
        "A member may be at risk: " + " and ".join(counts) + ". They are listed first, below.",
        f"If anyone is in immediate danger, call {emergency}. Otherwise reach out to them privately and kindly, "
        "and share these free, confidential services:",
    ]
    lines += [f"- {format_resource(r)}" for r in resources if r.name != EMERGENCY]
    lines.append("Look after yourself too: these services also support people helping someone else.")
    lines.append(country_line(Safety(tier="concern", country=country)))
    return "\n".join(lines)


ABUSE_NOTE = ("These messages may insult, threaten, harass or shame a member, or push someone towards harm. "
              "The detector is rules, precise but with low recall: read the thread, and check on the member it "
              "targets (the message just before is the likely one).")


def _tier_words(tier: str) -> str:
    return "URGENT: may be in danger now" if tier == "urgent" else "CONCERN: may be struggling"


# --- JSONL ----------------------------------------------------------------------------------------------------


def to_jsonl(result: BatchResult, keep_names: bool = False) -> str:
    view = _view(result, keep_names)
    lines: list[dict[str, Any]] = [
        {
            "type": "summary",
            "schema_version": SCHEMA_VERSION,
            "notice": NOTICE,
            **summary(result),
            "sources": [{"name": view.text(n), "format": f} for n, f in result.sources],
            "notes": [view.text(n) for n in result.notes],
            "models": result.models.model_dump() if result.models else None,
        }
    ]
    lines += [{"type": "safety_flag", **flag} for flag in view.flagged()]
    lines += [{"type": "abuse_flag", **flag} for flag in view.abusive()]
    lines += [_claim_record(view, e) for e in view.claims]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


# --- CSV ------------------------------------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula: a leading = + - @ tab or CR gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_TRIGGERS) else text


CSV_COLUMNS = ["type", "verdict", "confidence", "claim", "occurrences", "note", "harmful", "evidence_quote",
               "publisher", "evidence_url", "messages"]


def to_csv(result: BatchResult, keep_names: bool = False) -> str:
    """Messages that may need a caring reply first, then one row per unique claim (RFC 4180 quoting, CRLF);
    the notice and the accounting are the last row."""
    view = _view(result, keep_names)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    banner = admin_banner(result)

    def flag_row(kind: str, label: str, flag: dict[str, Any], note: str) -> None:
        context = " | ".join(f"{c['author']} {c['timestamp']}: {c['excerpt']}".strip() for c in flag["context"])
        writer.writerow([csv_cell(v) for v in (
            kind, label, "", flag["excerpt"], "", note, "", f"earlier in the thread: {context}" if context else "",
            "", "", f"{flag['author']} {flag['timestamp']}".strip(),
        )])

    for flag in view.flagged():
        flag_row("safety_flag", _tier_words(flag["tier"]), flag, banner.splitlines()[1])
    for flag in view.abusive():
        flag_row("abuse_flag", f"possible {flag['abuse']['kind'].replace('_', ' ')}", flag, flag["abuse"]["reason"])
    for entry in view.claims:
        rec = _claim_record(view, entry)
        top = rec["evidence"][0] if rec["evidence"] else {"quote": "", "publisher": "", "url": ""}
        refs = "; ".join(f"{m['author']} {m['timestamp']}".strip() for m in rec["messages"])
        writer.writerow([csv_cell(v) for v in (
            "claim", rec["verdict"], rec["confidence"], rec["claim"], rec["occurrences"], rec["note"],
            rec["harmful_note"], top["quote"], top["publisher"], top["url"], refs,
        )])
    s = summary(result)
    accounting = (f"messages read {s['messages_read']} = checked {s['checked']} + not checkable "
                  f"{s['not_checkable']} + skipped {s['skipped']}"
                  + (f"; stopped early: {s['stopped']}" if s["stopped"] else ""))
    writer.writerow([csv_cell(v) for v in ("summary", "", "", accounting, "", NOTICE, "", "", "", "", "")])
    return buf.getvalue()


# --- Markdown -------------------------------------------------------------------------------------------------


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#<>&!~])")


def _md(text: str) -> str:
    """Member text made inert in Markdown by backslash escapes (CommonMark), so `&` stays `&` and `<script>`
    stays text, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def _md_url(url: str) -> str:
    """A web link as a Markdown autolink (taken literally: no escapes inside); anything else as inert text."""
    if link_target(url) != "#" and not re.search(r"[\s<>]", url):
        return f"<{url}>"
    return _md(url)


def to_markdown(result: BatchResult, keep_names: bool = False) -> str:
    view = _view(result, keep_names)
    s = summary(result)
    lines = ["# claimcheck batch report", ""]
    banner = admin_banner(result)
    if banner:
        lines += ["## Members who may be at risk", ""]
        lines += ["> " + _md(line) for line in banner.splitlines()] + [""]
        for flag in view.flagged():
            lines.append(f"- **{_md(_tier_words(flag['tier']))}**: {_md(flag['author'])} {_md(flag['timestamp'])}: "
                         f"{_md(flag['excerpt'])}")
            for c in flag["context"]:
                lines.append(f"  - before it, {_md(c['author'])} {_md(c['timestamp'])}: {_md(c['excerpt'])}")
        lines.append("")
    abusive = view.abusive()
    if abusive:
        lines += ["## Messages that may be abusive", "", _md(ABUSE_NOTE), ""]
        for flag in abusive:
            lines.append(f"- **possible {_md(flag['abuse']['kind'].replace('_', ' '))}**: {_md(flag['author'])} "
                         f"{_md(flag['timestamp'])}: {_md(flag['excerpt'])} ({_md(flag['abuse']['reason'])})")
            for c in flag["context"][-1:]:
                lines.append(
                    f"  - in reply to (probably) {_md(c['author'])} {_md(c['timestamp'])}: {_md(c['excerpt'])}"
                )
        lines.append("")
    lines += [f"_{NOTICE}_", ""]
    if s["stopped"]:
        lines += [f"**Stopped early:** {_md(s['stopped'])}. This report covers the messages before that.", ""]
    lines += [
        f"Messages read **{s['messages_read']}** = checked {s['checked']} + not checkable {s['not_checkable']} "
        f"+ skipped {s['skipped']}.",
        "",
        "| verdict | unique claims | occurrences |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {v} | {s['claim_occurrences_by_verdict'][k]} |" for k, v in s["claims_by_verdict"].items()]
    if s["skip_reasons"]:
        lines += ["", "Skipped: " + ", ".join(f"{_md(k)} {v}" for k, v in s["skip_reasons"].items()) + "."]
    for entry in view.claims:
        rec = _claim_record(view, entry)
        headline = HEADLINE[rec["verdict"]] + _confidence(rec, entry)
        lines += ["", f"## {rec['verdict'].upper()}: {_md(rec['claim'])}", "", f"_{_md(headline)}_", ""]
        shown = _evidence(entry, shown=True)
        if rec["why"]:
            top = shown[0]
            source = f"{_md(top['publisher'])}{_md(_section(top))}, {_md_url(top['url'])}"
            lines += [_md(rec["why"]) + f" \u2014 {source}", ""]
            shown = shown[1:]
        if rec["note"]:
            lines += [f"**{_md(rec['note'])}**", ""]
        if rec["harmful_note"]:
            lines += [f"**Warning: {_md(rec['harmful_note'])}.**", ""]
        if rec["next_step"]:
            lines += [f"**Next step:** {_md(rec['next_step'])}", ""]
        lines.append(f"Seen {rec['occurrences']} time(s).")
        if shown and rec["verdict"] == "unverified" and entry.verdict is not None:
            lines += ["", _md(plain.unverified_heading(entry.verdict))]
        for ev in shown:
            lines.append(f"- \u201c{_md(ev['quote'])}\u201d \u2014 {_md(ev['publisher'])}{_md(_section(ev))}, "
                         f"{_md_url(ev['url'])}")
        for m in rec["messages"]:
            lines.append(f"- message by {_md(m['author'])} {_md(m['timestamp'])}: {_md(m['excerpt'])}")
    return "\n".join(lines) + "\n"


# --- HTML -----------------------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.notice{font-style:italic}.banner{border:2px solid #6a1b9a;padding:.5rem 1rem;white-space:pre-line}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .6rem;text-align:left}
.claim{border-left:6px solid #888;padding:.3rem 1rem;margin:1rem 0}
.contradicted{border-color:#b00020}.contradicted .label{color:#b00020}
.supported{border-color:#1565c0}.supported .label{color:#1565c0}
.unverified{border-color:#b26a00}.unverified .label{color:#8a5300}
.label{font-weight:bold;text-transform:uppercase}blockquote{margin:.3rem 0 .3rem 1rem;font-style:italic}
.msgs li{font-size:.9em}.filters label{margin-right:1rem}
#at-risk{border:3px solid #6a1b9a;background:#f6eefa;padding:.5rem 1rem;margin:1rem 0}
#at-risk h2{margin:.2rem 0}.tier{font-weight:bold;color:#6a1b9a}.context{color:#444;font-size:.9em}
.harmful{font-weight:bold;color:#6a1b9a}.why{font-weight:600}.note{color:#8a5300}
.next-step{border:1px solid #999;padding:.3rem .6rem}
"""
_JS = """
document.querySelectorAll('.filters input').forEach(function(box){
  box.addEventListener('change', function(){
    document.querySelectorAll('.claim.' + box.value).forEach(function(el){ el.hidden = !box.checked; });
  });
});
"""


def link_target(url: str) -> str:
    """Only web links are followed; anything else (javascript:, data:) becomes a dead anchor (unescaped: the
    HTML report's template and the web page escape it)."""
    return url if url.startswith(("https://", "http://")) else "#"


def _linked(ev: dict[str, str]) -> dict[str, str]:
    return {**ev, "href": link_target(ev["url"]), "section": _section(ev)}


@functools.cache
def _template() -> jinja2.Template:
    """The page template, autoescaping every value (member text is hostile input)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck", "data/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("batch_report.html.j2")


def to_html(result: BatchResult, keep_names: bool = False) -> str:
    """One page, no external assets; members at risk first, contradicted claims next, filters by verdict."""
    view = _view(result, keep_names)
    claims, referenced = [], {}
    for entry in view.claims:
        rec = _claim_record(view, entry)
        shown = [_linked(ev) for ev in _evidence(entry, shown=True)]
        top = shown.pop(0) if rec["why"] else None
        for m in rec["messages"]:
            referenced.setdefault(m["anchor"], m)
        claims.append({
            **rec,
            "headline": HEADLINE[rec["verdict"]],
            "confidence_words": _confidence(rec, entry),
            "top": top,
            "shown": shown,
            "quotes_heading": plain.unverified_heading(entry.verdict) if entry.verdict is not None else "",
            "more": rec["occurrences"] - len(rec["messages"]),
        })
    return _template().render(
        css=_CSS,
        js=_JS,
        banner=admin_banner(result),
        flagged=view.flagged(),
        abusive=view.abusive(),
        abuse_note=ABUSE_NOTE,
        tier_words=_tier_words,
        notice=NOTICE,
        s=summary(result),
        filters=ORDER[:3],
        claims=claims,
        referenced=list(referenced.values()),
    )


RENDERERS = {"html": to_html, "csv": to_csv, "jsonl": to_jsonl, "md": to_markdown}


def render(result: BatchResult, fmt: str, keep_names: bool = False) -> str:
    return RENDERERS[fmt](result, keep_names)
