"""Per-source adapters for publishers that offer something better than HTML pages.

- `nhs-api`: the NHS Website Content API (v2) JSON, a schema.org `MedicalWebPage` / `WebPage` whose content
  sits as HTML fragments in `hasPart[]` (medicines, conditions) or in `mainEntityOfPage[]` "section heading"
  elements (most mental-health pages); no page chrome to remove.
- `medlineplus-xml`: MedlinePlus health-topic XML, `<health-topic title= url=><full-summary>HTML</full-summary>`
  (the `mplus_topics_*.xml` feed, one response holding many topics), and the MedQuAD records of MedlinePlus
  pages (`<Document url=><Focus/><QAPairs><QAPair><Question/><Answer/>`), plain-text answers.

Each adapter turns one response into `AdaptedPage`s: a URL, a title, text and headed sections, rendered by the
same cleaning code as the HTML path so documents look alike whichever way they came.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claimcheck.scrape.extract import Extracted

ADAPTERS = ("nhs-api", "medlineplus-xml")
JSON_TYPES = ("application/json", "application/ld+json")
XML_TYPES = ("application/xml", "text/xml")
MAX_TOPICS = 5000  # health topics taken from one XML response
NHS_API_HOST = "api.service.nhs.uk"
NHS_API_PREFIX = "/nhs-website-content"


class AdapterError(ValueError):
    """A response the adapter cannot read (not JSON / XML, a DTD, an unknown shape)."""


@dataclass(frozen=True)
class AdaptedPage:
    url: str
    extracted: Extracted


def accepted_types(adapter: str) -> tuple[str, ...]:
    """The content types a source with this adapter is fetched with (HTML for none)."""
    from claimcheck.scrape.fetch import HTML_TYPES

    return {"nhs-api": JSON_TYPES, "medlineplus-xml": XML_TYPES}.get(adapter, HTML_TYPES)


def adapt(adapter: str, body: str, url: str) -> list[AdaptedPage]:
    """The documents in one adapter response; AdapterError when it cannot be read."""
    if adapter == "nhs-api":
        return [nhs_api_page(body, url)]
    if adapter == "medlineplus-xml":
        return medlineplus_pages(body, url)
    raise AdapterError(f"unknown adapter {adapter!r} (known: {', '.join(ADAPTERS)})")


def adapter_links(adapter: str, body: str) -> list[str]:
    """Links an adapter response offers to follow: the NHS API's own `url` fields (related pages, parts).

    Returned as written, less any fragment; the crawler puts them in canonical form and reports malformed ones.
    """
    if adapter != "nhs-api":
        return []
    try:
        data = json.loads(body)
    except ValueError:
        return []
    seen: dict[str, None] = {}
    for node in _walk(data):
        url = node.get("url") if isinstance(node, dict) else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            seen.setdefault(url.partition("#")[0], None)  # urlsplit() would raise on `http://[::1` here
    return list(seen)


# ------------------------------------------------------------------------------------------------ rendering


def _render(title: str, parts: list[tuple[int, str, str]], url: str) -> Extracted:
    """(heading level, heading, HTML fragment) parts under a title, through the HTML path's cleaning."""
    from claimcheck.cleaning import clean_markdown, html_to_markdown, normalize_inline, render, rules_for

    lines = [f"# {normalize_inline(title)}"] if title else []
    for level, heading, fragment in parts:
        if heading.strip():
            lines.append("#" * level + " " + normalize_inline(heading))
        if fragment.strip():
            lines.append(html_to_markdown(fragment))
    page = clean_markdown("\n".join(lines), rules=rules_for((urlsplit(url).hostname or "").lower()))
    text, sections = render(page.blocks)
    return Extracted(page.title or normalize_inline(title), text, sections)


# -------------------------------------------------------------------------------------------------- NHS API


def nhs_public_url(api_url: str) -> str:
    """`https://api.service.nhs.uk/nhs-website-content/X/` -> `https://www.nhs.uk/X/`; other URLs unchanged."""
    parts = urlsplit(api_url)
    if (parts.hostname or "").lower() != NHS_API_HOST or not parts.path.startswith(NHS_API_PREFIX + "/"):
        return api_url
    return urlunsplit(("https", "www.nhs.uk", parts.path.removeprefix(NHS_API_PREFIX), "", ""))


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _text(node: dict[str, Any], key: str) -> str:
    value = node.get(key)
    return value if isinstance(value, str) else ""


def _children(node: dict[str, Any]) -> list[dict[str, Any]]:
    """A section's elements: `mainEntityOfPage` (the API repeats them in `hasPart`), else `hasPart`."""
    for key in ("mainEntityOfPage", "hasPart"):
        items = node.get(key)
        if isinstance(items, list) and items:
            return [c for c in items if isinstance(c, dict)]
    return []


def nhs_api_page(body: str, url: str) -> AdaptedPage:
    """One NHS Website Content API response as a page: headings from `headline`, text from the HTML `text`."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise AdapterError(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or not str(data.get("@type", "")).endswith("WebPage"):
        raise AdapterError("not an NHS Website Content API page (no schema.org WebPage)")
    parts: list[tuple[int, str, str]] = []
    seen: set[str] = set()

    def add(level: int, heading: str, fragment: str) -> None:
        key = " ".join(fragment.split())
        if key and key in seen:
            fragment = ""  # the API repeats some fragments: keep the first
        seen.add(key)
        if heading.strip() or fragment.strip():
            parts.append((level, heading, fragment))

    for topic in data.get("hasPart") or []:  # medicines and conditions: HealthTopicContent, one per aspect
        if not isinstance(topic, dict):
            continue
        add(2, _text(topic, "headline"), "")
        for el in _children(topic):
            add(3, _text(el, "headline"), _text(el, "text"))
    for el in data.get("mainEntityOfPage") or []:  # content pages: "section heading" elements
        if not isinstance(el, dict) or _text(el, "name") != "section heading":
            continue  # key links, related links, top tasks: navigation, not content
        add(2, _text(el, "headline"), _text(el, "text"))
        for child in _children(el):
            if _text(child, "name") in ("markdown", "") or child.get("text"):
                add(2 if not _text(el, "headline") else 3, _text(child, "headline"), _text(child, "text"))
    page_url = nhs_public_url(_text(data, "url") or url)
    if urlsplit(url).hostname and (urlsplit(url).hostname or "").lower() != NHS_API_HOST:
        page_url = url  # served from elsewhere (a mirror, the tests' server): keep the address it came from
    title = _text(data, "headline") or _text(data, "name")
    return AdaptedPage(page_url, _render(title, _merge_empty(parts), page_url))


def _merge_empty(parts: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Drop a heading directly followed by the same heading (a section and its first element both name it)."""
    out: list[tuple[int, str, str]] = []
    for level, heading, fragment in parts:
        if out and not out[-1][2].strip() and " ".join(out[-1][1].split()) == " ".join(heading.split()):
            out[-1] = (out[-1][0], heading, fragment)
            continue
        out.append((level, heading, fragment))
    return out


# ---------------------------------------------------------------------------------------------- MedlinePlus


def parse_xml(body: str) -> ET.Element:
    """XML without a DTD (no entity expansion to abuse), parsed by the standard library."""
    head = body[:4096].lower()
    if "<!doctype" in head or "<!entity" in body.lower():
        raise AdapterError("XML with a DTD or entities is refused")
    try:
        return ET.fromstring(body.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise AdapterError(f"not well-formed XML ({exc})") from None


def _plain_answer(text: str) -> str:
    """A MedQuAD plain-text answer as HTML: its run-in `- ` lists become list items."""
    import html

    pieces = re.split(r"\s{2,}-\s+", " ".join(text.split("\n")))
    head, items = pieces[0], pieces[1:]
    out = f"<p>{html.escape(' '.join(head.split()))}</p>" if head.strip() else ""
    if items:
        out += "<ul>" + "".join(f"<li>{html.escape(' '.join(i.split()))}</li>" for i in items) + "</ul>"
    return out


def medlineplus_pages(body: str, url: str, limit: int = MAX_TOPICS) -> list[AdaptedPage]:
    """Health topics from MedlinePlus XML (`<health-topic>` feed) or a MedQuAD `<Document>` record."""
    root = parse_xml(body)
    pages: list[AdaptedPage] = []
    if root.tag == "health-topic" or root.find("health-topic") is not None:
        topics = [root] if root.tag == "health-topic" else root.findall("health-topic")
        for topic in topics[:limit]:
            title, topic_url = topic.get("title", ""), topic.get("url", "")
            summary = topic.findtext("full-summary") or ""
            if not (title and topic_url and summary.strip()):
                continue
            pages.append(AdaptedPage(topic_url, _render(title, [(2, "", summary)], topic_url)))
        return pages
    if root.tag == "Document":
        page_url = root.get("url", "") or url
        title = (root.findtext("Focus") or "").strip()
        parts: list[tuple[int, str, str]] = []
        seen: set[str] = set()
        for pair in root.iter("QAPair"):
            question = " ".join((pair.findtext("Question") or "").split()).replace(" ?", "?")
            answer = (pair.findtext("Answer") or "").strip()
            if answer and answer not in seen:
                seen.add(answer)
                parts.append((2, question, _plain_answer(answer)))
        if parts:
            pages.append(AdaptedPage(page_url, _render(title, parts, page_url)))
        return pages
    raise AdapterError(f"unknown MedlinePlus XML root <{root.tag}>")
