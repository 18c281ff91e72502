"""From a fetched HTML page: its links, whether it is a bot challenge, and its main text as headed sections."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from claimcheck.models import Section
from claimcheck.scrape.urls import MalformedURL, canonical, scheme_of

# Bot-protection interstitials (Cloudflare, Akamai, Imperva...) served in place of the page.
CHALLENGE_MARKERS = (
    "<title>just a moment...</title>",
    "checking if the site connection is secure",
    "enable javascript and cookies to continue",
    "attention required! | cloudflare",
    "/cdn-cgi/challenge-platform/",
    "cf-chl-",
    "verify you are human",
    "please enable cookies",
    "request unsuccessful. incapsula incident id",
    "pardon our interruption",
)
SKIP_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".jpg", ".jpeg", ".png", ".gif",
    ".svg", ".webp", ".mp3", ".mp4", ".mov", ".avi", ".csv", ".xml", ".json", ".rss", ".ics", ".epub",
)  # fmt: skip
SHINGLE = 5


@dataclass(frozen=True)
class Extracted:
    """A page's clean title, text and sections (spans into `text`, as `Document.sections`)."""

    title: str
    text: str
    sections: tuple[Section, ...]


def is_challenge(body: str, headers: dict[str, str] | None = None) -> bool:
    """True for a bot-check or block page served instead of the content."""
    if headers and headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    head = body[:20000].lower()
    return any(marker in head for marker in CHALLENGE_MARKERS)


def normalise_link(base: str, href: str) -> str | None:
    """The link's canonical absolute http(s) URL, or None for mail, script, telephone, file and other links.

    Raises MalformedURL for a web link no request can be made for (`http://host:99999/`), so that the crawler
    can say it skipped it rather than fail on it.
    """
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    if (scheme_of(href) or scheme_of(base)) not in ("http", "https"):
        return None
    url = canonical(href, base=base)
    if urlsplit(url).path.lower().endswith(SKIP_EXTENSIONS):
        return None
    return url


def page_links(html: str, base_url: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The page's links in document order, each once, resolved against `<base href>` or the page URL; and the
    malformed ones, each once, as (the link as resolved or as written, why it cannot be fetched)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [], []
    base = base_url
    for href in root.xpath("//base/@href")[:1]:
        try:
            base = canonical(str(href), base=base_url)
        except MalformedURL:
            pass  # a broken <base> is ignored, as browsers do
    seen: dict[str, None] = {}
    malformed: dict[str, str] = {}
    for href in root.xpath("//a/@href"):
        try:
            url = normalise_link(base, str(href))
        except MalformedURL as exc:
            malformed.setdefault(_resolved(base, str(href).strip()), str(exc))
            continue
        if url is not None:
            seen.setdefault(url, None)
    return list(seen), list(malformed.items())


def links(html: str, base_url: str) -> list[str]:
    """The page's well-formed links (see `page_links`)."""
    return page_links(html, base_url)[0]


def _resolved(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def html_title(html: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    if not m:
        return ""
    import html as html_lib

    title = " ".join(html_lib.unescape(m.group(1)).split())
    return re.split(r"\s+[-|–]\s+", title)[0] if title else ""


def extract(html: str, url: str) -> Extracted:
    """Main text with headings kept: trafilatura's markdown, then claimcheck's chrome rules and rendering."""
    import trafilatura

    from claimcheck.cleaning import clean_markdown, render, rules_for

    md = trafilatura.extract(
        html,
        url=url,
        output_format="markdown",
        include_links=False,
        include_images=False,
        include_tables=True,
        include_comments=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not md:
        return Extracted(html_title(html), "", ())
    page = clean_markdown(md, rules=rules_for((urlsplit(url).hostname or "").lower()), title_from_h1=True)
    text, sections = render(page.blocks)
    return Extracted(page.title or html_title(html), text, sections)


def shingles(text: str, k: int = SHINGLE) -> frozenset[int]:
    """Hashes of the text's overlapping k-word windows (lower-cased words): near-duplicate fingerprints."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < k:
        return frozenset({_h(" ".join(words))}) if words else frozenset()
    return frozenset(_h(" ".join(words[i : i + k])) for i in range(len(words) - k + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
