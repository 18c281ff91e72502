"""Write a batch result as a self-contained HTML page, CSV, JSONL or Markdown, with members pseudonymised."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from typing import Any

from claimcheck import plain
from claimcheck.batch.privacy import Pseudonyms
from claimcheck.batch.run import BatchResult, ClaimEntry, MessageRef
from claimcheck.models import SCHEMA_VERSION
from claimcheck.next_steps import next_step
from claimcheck.quotes import display_quote, distinct_quotes
from claimcheck.safety.messaging import NOTICE

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
    """The claim's quotes; `shown`: only those a reader sees (for unverified, the ones on the claim's topic)."""
    if entry.verdict is None:
        return []
    if not shown:
        return [
            {"quote": ev.quote, "publisher": ev.publisher, "title": ev.title, "url": ev.url}
            for ev in entry.verdict.evidence[:n]
        ]
    # for people: repeats and fragments left out, glued words split, each quote with its section heading
    decided = entry.verdict.label in ("supported", "contradicted")
    evidence = distinct_quotes(plain.shown_evidence(entry.verdict), keep_first=decided)
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


def _md(text: str) -> str:
    out = html.escape(text, quote=False).replace("\n", " ")
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


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
            lines += [_md(rec["why"]) + f" \u2014 {_md(top['publisher'])}{_md(_section(top))}, <{_md(top['url'])}>", ""]
            shown = shown[1:]
        if rec["note"]:
            lines += [f"**{_md(rec['note'])}**", ""]
        if rec["harmful_note"]:
            lines += [f"**Warning: {_md(rec['harmful_note'])}.**", ""]
        if rec["next_step"]:
            lines += [f"**Next step:** {_md(rec['next_step'])}", ""]
        lines.append(f"Seen {rec['occurrences']} time(s).")
        if shown and rec["verdict"] == "unverified":
            lines += ["", _md(plain.RELATED_HEADING)]
        for ev in shown:
            lines.append(f"- \u201c{_md(ev['quote'])}\u201d \u2014 {_md(ev['publisher'])}{_md(_section(ev))}, "
                         f"<{_md(ev['url'])}>")
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


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _href(url: str) -> str:
    return _e(url) if url.startswith(("https://", "http://")) else "#"


def to_html(result: BatchResult, keep_names: bool = False) -> str:
    """One page, no external assets; contradicted claims first, filters by verdict, links to messages."""
    view = _view(result, keep_names)
    s = summary(result)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">",
        f"<title>claimcheck batch report</title><style>{_CSS}</style></head><body>",
        "<h1>claimcheck batch report</h1>",
    ]
    banner = admin_banner(result)
    if banner:
        parts.append("<section id='at-risk' role='alert'><h2>Members who may be at risk</h2>")
        parts.append(f"<div class='banner'>{_e(banner)}</div><ul class='msgs'>")
        for flag in view.flagged():
            parts.append(
                f"<li><span class='tier'>{_e(_tier_words(flag['tier']))}</span>: <b>{_e(flag['author'])}</b> "
                f"{_e(flag['timestamp'])}: {_e(flag['excerpt'])}"
            )
            if flag["context"]:
                parts.append("<ul class='context'>")
                for c in flag["context"]:
                    parts.append(f"<li>before it, {_e(c['author'])} {_e(c['timestamp'])}: {_e(c['excerpt'])}</li>")
                parts.append("</ul>")
            parts.append("</li>")
        parts.append("</ul></section>")
    abusive = view.abusive()
    if abusive:
        parts.append(
            f"<section id='abuse'><h2>Messages that may be abusive</h2><p>{_e(ABUSE_NOTE)}</p><ul class='msgs'>"
        )
        for flag in abusive:
            parts.append(
                f"<li><span class='tier'>possible {_e(flag['abuse']['kind'].replace('_', ' '))}</span>: "
                f"<b>{_e(flag['author'])}</b> {_e(flag['timestamp'])}: {_e(flag['excerpt'])} "
                f"<i>({_e(flag['abuse']['reason'])})</i>"
            )
            for c in flag["context"][-1:]:
                parts.append(
                    f"<ul class='context'><li>in reply to (probably) {_e(c['author'])} {_e(c['timestamp'])}: "
                    f"{_e(c['excerpt'])}</li></ul>"
                )
            parts.append("</li>")
        parts.append("</ul></section>")
    parts.append(f"<p class='notice'>{_e(NOTICE)}</p>")
    parts.append(
        "<section id='summary'><h2>Summary</h2>"
        + (f"<p class='harmful'>Stopped early: {_e(s['stopped'])}. This report covers the messages before that.</p>"
           if s["stopped"] else "")
        + f"<p>Messages read <b>{s['messages_read']}</b> = checked "
        f"{s['checked']} + not checkable {s['not_checkable']} + skipped {s['skipped']}.</p>"
        "<table><tr><th>verdict</th><th>unique claims</th><th>occurrences</th></tr>"
    )
    for label, n in s["claims_by_verdict"].items():
        parts.append(
            f"<tr class='{label}'><td class='label'>{_e(label)}</td><td>{n}</td>"
            f"<td>{s['claim_occurrences_by_verdict'][label]}</td></tr>"
        )
    parts.append("</table>")
    if s["skip_reasons"]:
        parts.append("<p>Skipped: " + _e(", ".join(f"{k} {v}" for k, v in s["skip_reasons"].items())) + ".</p>")
    tiers = s["safety_tiers"]
    parts.append(f"<p>Safety check on every message: urgent {tiers['urgent']}, concern {tiers['concern']}.</p>")
    parts.append("</section><section id='claims'><h2>Claims</h2><p class='filters'>Show: ")
    for label in ORDER[:3]:
        parts.append(f"<label><input type='checkbox' value='{label}' checked> {label}</label>")
    parts.append("</p>")
    referenced: dict[str, dict[str, Any]] = {}
    for entry in view.claims:
        rec = _claim_record(view, entry)
        label = rec["verdict"]
        shown = _evidence(entry, shown=True)
        parts.append(
            f"<article class='claim {label}'><p><span class='label'>{_e(label)}</span>{_e(_confidence(rec, entry))}"
            f"</p><p><b>{_e(rec['claim'])}</b></p><p>{_e(HEADLINE[label])}</p>"
        )
        if rec["why"]:
            top = shown[0]
            parts.append(
                f"<p class='why'>{_e(rec['why'])} \u2014 {_e(top['publisher'])}, "
                f"<a href='{_href(top['url'])}' rel='noreferrer'>{_e(top['title'] or top['url'])}</a>"
                f"{_e(_section(top))}</p>"
            )
            shown = shown[1:]
        if rec["note"]:
            parts.append(f"<p class='note'>{_e(rec['note'])}</p>")
        parts.append(
            (f"<p class='harmful'>Warning: {_e(rec['harmful_note'])}.</p>" if rec["harmful_note"] else "")
            + (f"<p class='next-step'><b>Next step:</b> {_e(rec['next_step'])}</p>" if rec["next_step"] else "")
            + f"<p>Seen {rec['occurrences']} time(s).</p>"
        )
        if shown and label == "unverified":
            parts.append(f"<p>{_e(plain.RELATED_HEADING)}</p>")
        for ev in shown:
            parts.append(
                f"<blockquote>\u201c{_e(ev['quote'])}\u201d</blockquote><p>\u2014 {_e(ev['publisher'])}, "
                f"<a href='{_href(ev['url'])}' rel='noreferrer'>{_e(ev['title'] or ev['url'])}</a>"
                f"{_e(_section(ev))}</p>"
            )
        links = []
        for m in rec["messages"]:
            referenced.setdefault(m["anchor"], m)
            links.append(f"<a href='#{m['anchor']}'>{_e(m['author'])} {_e(m['timestamp'])}</a>")
        if links:
            more = rec["occurrences"] - len(links)
            parts.append("<p>Messages: " + ", ".join(links) + (f" and {more} more" if more > 0 else "") + "</p>")
        parts.append("</article>")
    parts.append("</section><section id='messages'><h2>Messages</h2><ul class='msgs'>")
    for anchor, m in referenced.items():
        parts.append(
            f"<li id='{anchor}'><b>{_e(m['author'])}</b> {_e(m['timestamp'])} in {_e(m['thread'])}: "
            f"{_e(m['excerpt'])}</li>"
        )
    parts.append("</ul></section>")
    parts.append(f"<footer><p class='notice'>{_e(NOTICE)}</p></footer><script>{_JS}</script></body></html>\n")
    return "".join(parts)


RENDERERS = {"html": to_html, "csv": to_csv, "jsonl": to_jsonl, "md": to_markdown}


def render(result: BatchResult, fmt: str, keep_names: bool = False) -> str:
    return RENDERERS[fmt](result, keep_names)
