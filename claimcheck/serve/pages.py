"""The web page as HTML strings: the check form, the safety banner, verdict cards, the batch pages, /docs.

Every value from a user or a document is escaped here; the page has no inline script or style (the CSP
forbids them), only /static/style.css and /static/app.js. Wording comes from the same helpers the terminal
output uses (`claimcheck.plain`, `claimcheck.next_steps`, the banner's lines), so the page says what the CLI
says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from claimcheck import plain
from claimcheck.batch.report import link_target
from claimcheck.claims import NOT_A_CLAIM
from claimcheck.models import CheckResult, ClaimVerdict, Evidence
from claimcheck.next_steps import next_step
from claimcheck.quotes import display_quote
from claimcheck.safety.helplines import (
    COUNTRY_NAMES,
    EMERGENCY,
    HELPLINES,
    default_country,
    normalize_country,
    resolve_country,
)
from claimcheck.safety.messaging import BANNER_LINES, NOTICE, banner_title, contact_ways
from claimcheck.safety.models import Resource, Safety

# Supported is blue, unverified amber with a warning sign, never green: a verdict is information, not approval.
VERDICT = {
    "contradicted": ("Contradicted", "Trusted sources say otherwise"),
    "supported": ("Supported", "Trusted sources say the same"),
    "unverified": ("Unverified", "Not settled by trusted sources: this does not mean it is safe"),
    "not_checkable": ("Not checkable", ""),
}
COUNTRY_CHOICES = ("GB", "US", "IE", "CA", "AU", "NZ", "INTL")
FORMATS_ACCEPTED = ".txt,.zip,.json,.js,.csv,.jsonl,.ndjson"


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def href(url: str) -> str:
    return e(link_target(url))


def country_label(key: str) -> str:
    if key == "INTL":
        return "International (no country)"
    name = COUNTRY_NAMES.get(key, key)
    return name[4:5].upper() + name[5:] if name.startswith("the ") else name


def page_default(setting: str | None) -> tuple[str, bool]:
    """The country the page starts on, and whether `serve --country` chose it (else: as the CLI chooses)."""
    chosen = normalize_country(setting) if setting else None
    return (chosen, True) if chosen else (resolve_country(setting) if setting else default_country(), False)


def default_note(key: str, started_with: bool = False) -> str:
    """Which country the page chose and why, as the CLI chooses it."""
    if started_with:
        return f"Default: {country_label(key)}, chosen when this server was started."
    if key == "INTL":
        return (
            "Default: international helplines, because this computer names no country "
            "(CLAIMCHECK_COUNTRY or the locale). Choose yours for local numbers."
        )
    return f"Default: {country_label(key)}, from this computer's settings (CLAIMCHECK_COUNTRY or the locale)."


def layout(title: str, body: str, *, current: str = "check", head: str = "") -> str:
    nav = [("check", "/", "Check advice"), ("batch", "/batch", "Check a group export"), ("docs", "/docs", "API")]
    mark = {key: " aria-current='page'" if key == current else "" for key, _, _ in nav}
    links = "".join(f"<li><a href='{url}'{mark[key]}>{e(words)}</a></li>" for key, url, words in nav)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(title)} · claimcheck</title><link rel='stylesheet' href='/static/style.css'>{head}"
        "<script src='/static/app.js' defer></script></head><body>"
        "<a class='skip' href='#main'>Skip to main content</a>"
        "<header class='site'><p class='brand'><a href='/'>claimcheck</a></p>"
        f"<nav aria-label='Main'><ul>{links}</ul></nav></header>"
        f"<main id='main' tabindex='-1'>{body}</main>"
        f"<footer class='site'><p>{e(NOTICE)} Sources: NHS, NIMH, MedlinePlus, CDC, SAMHSA "
        "(<a href='/v1/sources'>list</a>). Runs on this computer; nothing you paste is stored.</p></footer>"
        "</body></html>"
    )


def country_select(chosen: str, default: str, started_with: bool = False, field_id: str = "country") -> str:
    options = "".join(
        f"<option value='{key}'{' selected' if key == chosen else ''}>{e(country_label(key))}"
        f"{' (default)' if key == default else ''}</option>"
        for key in COUNTRY_CHOICES
    )
    return (
        f"<div class='field'><label for='{field_id}'>Show helplines for</label>"
        f"<select id='{field_id}' name='country' aria-describedby='{field_id}-hint'>{options}</select>"
        f"<p class='hint' id='{field_id}-hint'>{e(default_note(default, started_with))}</p></div>"
    )


def check_page(
    text: str = "",
    country: str | None = None,
    result: CheckResult | None = None,
    captured: Mapping[str, str] | None = None,
    error: str = "",
    safety: Safety | None = None,
    default: str | None = None,
) -> str:
    """The paste box; with a result, the banner first, then one card per claim."""
    default, started_with = page_default(default)
    chosen = country if country in COUNTRY_CHOICES else default
    parts = []
    shown_safety = result.safety if result is not None else safety
    if shown_safety is not None and shown_safety.tier != "none":
        parts.append(banner(shown_safety))
    parts.append("<h1>Check advice you were given</h1>")
    parts.append(f"<p class='notice'>{e(NOTICE)}</p>")
    if error:
        parts.append(f"<div class='error' role='alert' id='error'><h2>Could not check this</h2><p>{e(error)}</p></div>")
    parts.append(
        "<form method='post' action='/' class='check-form' id='check-form'>"
        "<div class='field'><label for='text'>Advice to check</label>"
        "<p class='hint' id='text-hint'>Paste what you read or were told, for example in a support group. "
        "Each claim in it gets a verdict with the trusted sentences that decide it.</p>"
        f"<textarea id='text' name='text' rows='6' required maxlength='100000' aria-describedby='text-hint'>"
        f"{e(text)}</textarea></div>"
        f"{country_select(chosen, default, started_with)}"
        "<p><button type='submit'>Check</button> "
        "<span class='status' id='check-status' role='status' aria-live='polite'></span></p></form>"
    )
    if result is not None:
        parts.append(results(result, captured or {}))
    return layout("Check advice", "".join(parts))


def results(result: CheckResult, captured: Mapping[str, str]) -> str:
    n = len(result.claims)
    parts = [
        "<section class='results' id='results' aria-labelledby='results-title' tabindex='-1'>",
        f"<h2 id='results-title'>Results: {n} claim{'s' if n != 1 else ''}</h2>",
    ]
    if not result.claims:
        parts.append("<p>No claims found in the input.</p>")
    for i, verdict in enumerate(result.claims, 1):
        parts.append(card(verdict, i, result.safety.country, captured))
    if result.input.truncated:
        parts.append(
            f"<p class='truncated'>Only part of the input was checked: the first {result.input.claims} claims (at "
            "most 100, from at most 100,000 characters). Check the rest separately.</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def source_line(ev: Evidence, captured: Mapping[str, str]) -> str:
    where = f" › {e(ev.heading)}" if ev.heading and ev.heading != ev.title else ""
    date = captured.get(ev.url, "")
    when = f" · captured <time datetime='{e(date)}'>{e(date)}</time>" if date else ""
    return (
        f"<p class='source'><span class='publisher'>{e(ev.publisher)}</span> · "
        f"<a href='{href(ev.url)}' rel='noreferrer'>{e(ev.title or ev.url)}</a>{where}{when}</p>"
    )


def quote_block(ev: Evidence, captured: Mapping[str, str]) -> str:
    return (
        f"<li class='quote'><blockquote cite='{href(ev.url)}'>“{e(display_quote(ev.quote))}”</blockquote>"
        f"{source_line(ev, captured)}</li>"
    )


def card(verdict: ClaimVerdict, n: int, country: str, captured: Mapping[str, str]) -> str:
    """One claim as `claimcheck check` prints it: verdict in words, why, the quotes with their sources, next step."""
    word, lead = VERDICT[verdict.label]
    if verdict.label == "not_checkable" and verdict.reason in NOT_A_CLAIM:
        word = "Not a claim"
    title_id = f"claim-{n}"
    parts = [f"<article class='card {verdict.label}' aria-labelledby='{title_id}'>"]
    sign = "<span class='sign' aria-hidden='true'>!</span>" if verdict.label in ("unverified", "contradicted") else ""
    parts.append(
        f"<h3 id='{title_id}'>{sign}<span class='verdict'>{e(word)}</span>"
        + (f"<span class='lead'>: {e(lead)}</span>" if lead else "")
        + "</h3>"
    )
    parts.append(f"<p class='claim'><span class='visually-hidden'>Claim: </span>{e(verdict.text)}</p>")
    if verdict.label in ("supported", "contradicted"):
        parts.append(f"<p class='confidence'>This verdict is {e(plain.confidence_words(verdict.confidence))}.</p>")
    if verdict.harmful:
        parts.append(
            "<p class='harmful'><strong>Harmful advice pattern.</strong> Advice like this can hurt "
            "someone; it is never labelled supported.</p>"
        )
    if verdict.label == "not_checkable":
        parts.append(f"<p class='why'>{e(plain.not_a_claim(verdict))}</p></article>")
        return "".join(parts)
    if verdict.label == "unverified":
        parts.append(f"<p class='why'>{e(plain.unverified_note(verdict))}</p>")
        detail = plain.unverified_detail(verdict)
        if detail:
            parts.append(f"<p class='detail'>{e(detail)}</p>")
        shown = plain.shown_evidence(verdict)
        if shown:
            parts.append(f"<p class='related'>{e(plain.unverified_heading(verdict))}</p><ul class='quotes'>")
            parts += [quote_block(ev, captured) for ev in shown]
            parts.append("</ul>")
    else:
        quotes = plain.shown_evidence(verdict)
        parts.append(f"<p class='why'>{e(plain.why(verdict) or lead + '.')}</p>")
        if quotes:
            parts.append(source_line(quotes[0], captured))
        if quotes[1:]:
            parts.append("<ul class='quotes'>" + "".join(quote_block(ev, captured) for ev in quotes[1:]) + "</ul>")
    step = next_step(verdict, country)
    if step:
        parts.append(f"<p class='next-step'><strong>Next step:</strong> {e(step)}</p>")
    parts.append("</article>")
    return "".join(parts)


_TEL = re.compile(r"[^\d+]")


def _tel(number: str) -> str:
    return f"<a href='tel:{e(_TEL.sub('', number))}'>{e(number)}</a>"


def helpline(resource: Resource) -> str:
    ways = [f"{verb} {_tel(value) if phone else e(value)}" for verb, value, phone in contact_ways(resource)]
    site = (
        f" <a href='{href(resource.url)}' rel='noreferrer'>website<span class='visually-hidden'> of "
        f"{e(resource.name)}</span></a>"
        if resource.url
        else ""
    )
    return (
        f"<li><strong>{e(resource.name)}</strong>: {' or '.join(ways)}{',' if ways and site else ''}{site} "
        f"<span class='hours'>({e(resource.hours)})</span></li>"
    )


def banner(safety: Safety) -> str:
    """The calm help banner, before anything else: the terminal banner's sentences, the helplines as links."""
    words = BANNER_LINES.get(safety.language, BANNER_LINES["en"])
    resources = safety.resources or HELPLINES["INTL"]
    emergency = next((r.phone for r in resources if r.name == EMERGENCY and r.phone), None) or words["local"]
    lines = [r for r in resources if r.name != EMERGENCY]
    call = _tel(emergency) if any(c.isdigit() for c in emergency) else e(emergency)
    parts = [
        f"<section class='banner {e(safety.tier)}' id='safety-banner' role='alert' aria-labelledby='banner-title' "
        f"lang='{e(safety.language)}'><h2 id='banner-title'>{e(banner_title(safety))}</h2>"
    ]
    if safety.tier == "urgent":
        danger = e(words["danger"]).replace(e("{emergency}"), call)
        parts.append(f"<p class='danger'><strong>{danger}</strong></p><p>{e(words['urgent'])}</p>")
    else:
        parts.append(f"<p>{e(words['concern'])}</p><p>{e(words['talk'])}</p>")
    parts.append("<ul class='helplines'>" + "".join(helpline(r) for r in lines) + "</ul>")
    parts.append(f"<p>{e(words['others'])}</p>")
    if safety.tier == "concern":
        parts.append(f"<p>{e(words['worse']).replace(e('{emergency}'), call)}</p>")
    if safety.country == "INTL":
        where = "These are international services, since no country with its own list here was chosen."
    else:
        where = f"Helplines for {COUNTRY_NAMES.get(safety.country, safety.country)}."
    parts.append(
        f"<p class='country-line' lang='en'>{e(where)} Somewhere else? Choose your country under "
        "“Show helplines for” and check again.</p></section>"
    )
    return "".join(parts)


def batch_page(error: str = "", country: str | None = None, default: str | None = None) -> str:
    default, started_with = page_default(default)
    chosen = country if country in COUNTRY_CHOICES else default
    body = [
        "<h1>Check a group export</h1>",
        f"<p class='notice'>{e(NOTICE)}</p>",
        "<p>Upload a chat export (WhatsApp .txt or .zip, Facebook, Reddit, Discord, Telegram, X, or CSV / JSONL). "
        "Every message gets the crisis check; members who may be at risk come first in the report; names are "
        "replaced by pseudonyms. The upload is deleted as soon as the report is made.</p>",
    ]
    if error:
        body.append(
            f"<div class='error' role='alert' id='error'><h2>Could not check this export</h2><p>{e(error)}</p></div>"
        )
    body.append(
        "<form method='post' action='/batch' enctype='multipart/form-data' class='batch-form' id='batch-form'>"
        "<div class='field'><label for='file'>Export file(s)</label>"
        "<p class='hint' id='file-hint'>Formats are detected from the file; up to 8 files at once.</p>"
        f"<input type='file' id='file' name='file' multiple required accept='{FORMATS_ACCEPTED}' "
        "aria-describedby='file-hint'></div>"
        f"{country_select(chosen, default, started_with)}"
        "<p><button type='submit'>Upload and check</button> "
        "<span class='status' id='batch-status' role='status' aria-live='polite'></span></p></form>"
    )
    return layout("Check a group export", "".join(body), current="batch")


def job_page(job: dict[str, Any]) -> str:
    """A batch job: a progress bar while it runs (the script polls; without it the page refreshes), then the
    report in a sandboxed frame with a link to download it."""
    status = job["status"]
    percent = round(job["progress"]["fraction"] * 100)
    head = ""
    body = ["<h1>Group export check</h1>"]
    if status in ("queued", "running"):
        head = "<noscript><meta http-equiv='refresh' content='2'></noscript>"
        body.append(
            f"<div class='progress' id='job' data-job='{e(job['id'])}' data-status='{e(status)}'>"
            f"<label for='job-progress'>Checking messages</label>"
            f"<progress id='job-progress' max='100' value='{percent}'>{percent}%</progress>"
            f"<p id='job-status' role='status' aria-live='polite'>{percent}% done, "
            f"{job['progress']['messages_read']} messages read.</p></div>"
        )
    elif status == "done":
        s = job["summary"]
        body.append(
            f"<div id='job' data-status='done'><p class='done' role='status'>Done: {s['messages_read']} messages "
            f"read, {s['unique_claims']} unique claims.</p>"
        )
        if s.get("members_at_risk"):
            body.append(
                f"<p class='at-risk'><strong>{s['members_at_risk']} message(s) suggest a member may be at risk "
                f"({s['urgent']} urgent).</strong> They are listed first in the report, with helplines.</p>"
            )
        if s.get("stopped"):
            body.append(
                f"<p class='error'>Stopped early: {e(s['stopped'])}. The report covers the messages before that.</p>"
            )
        body.append(
            f"<p class='actions'><a class='button' href='{e(job['download_url'])}' download>Download the report "
            f"(HTML)</a> <a href='{e(job['report_url'])}'>Open the report on its own</a></p>"
            f"<iframe class='report' id='report' src='{e(job['report_url'])}' title='Batch report'></iframe>"
            "<p class='hint'>The report is kept in this program's memory for 10 minutes, then deleted.</p></div>"
        )
    else:
        err = job.get("error") or {}
        body.append(
            f"<div class='error' role='alert' id='job' data-status='failed'><h2>{e(err.get('title'))}</h2>"
            f"<p>{e(err.get('detail'))}</p><p><a href='/batch'>Try another export</a></p></div>"
        )
    return layout("Group export check", "".join(body), current="batch", head=head)


def docs_page(spec: Mapping[str, Any]) -> str:
    """The OpenAPI document as a plain page (no assets from elsewhere): each operation, its body, its answers."""
    parts = [
        "<h1>HTTP API</h1>",
        f"<p>{e(spec.get('info', {}).get('description', ''))}</p>",
        "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a> (OpenAPI "
        f"{e(spec.get('openapi', ''))}). Errors are problem details (RFC 9457, "
        "<code>application/problem+json</code>).</p>",
    ]
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            parts.append(
                f"<section class='op'><h2><code>{e(method.upper())} {e(path)}</code></h2>"
                f"<p><strong>{e(op.get('summary', ''))}</strong></p><p>{e(op.get('description', ''))}</p>"
            )
            body = op.get("requestBody", {}).get("content", {})
            if body:
                parts.append("<p>Body: " + ", ".join(f"<code>{e(ct)}</code>" for ct in body) + "</p>")
            responses = op.get("responses", {})
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><code>{e(code)}</code> {e(r.get('description', ''))}</li>" for code, r in responses.items()
                )
                + "</ul></section>"
            )
    return layout("API", "".join(parts), current="docs")
