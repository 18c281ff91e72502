"""Sitemaps (sitemaps.org protocol): `<urlset>` `<loc>` entries, `<sitemapindex>` files, gzipped or not.

Parsed with the standard library's `xml.etree.ElementTree`; documents carrying a DTD or entity declarations are
refused outright (no entity expansion), and entries and nested sitemap files are capped.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass

from claimcheck.scrape.adapters import AdapterError, parse_xml

SITEMAP_TYPES = ("application/xml", "text/xml", "application/x-gzip", "application/gzip", "text/plain")
MAX_ENTRIES = 5000  # page URLs taken from one source's sitemaps
MAX_FILES = 20  # sitemap files fetched for one source (index files included)
MAX_NESTING = 2  # an index of indexes at most


@dataclass(frozen=True)
class Sitemap:
    """One parsed sitemap file: page URLs (`<urlset>`) or further sitemap files (`<sitemapindex>`)."""

    pages: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def decode(body: bytes, max_bytes: int) -> str:
    """The sitemap's text; a gzip body is inflated up to `max_bytes` (more: AdapterError, a zip bomb guard)."""
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
                raw = f.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise AdapterError(f"bad gzip ({exc})") from None
        if len(raw) > max_bytes:
            raise AdapterError(f"inflates to more than {max_bytes} bytes")
        body = raw
    return body.decode("utf-8-sig", errors="replace")


def parse_sitemap(text: str, limit: int = MAX_ENTRIES) -> Sitemap:
    """The `<loc>` entries of a sitemap or sitemap index, at most `limit`; AdapterError when it is neither."""
    root = parse_xml(text)
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise AdapterError(f"not a sitemap (root <{kind}>)")
    locs: list[str] = []
    for el in root:
        if len(locs) >= limit:
            break
        for child in el:
            if _local(child.tag) == "loc" and child.text and child.text.strip():
                locs.append(child.text.strip())
                break
    return Sitemap(pages=tuple(locs)) if kind == "urlset" else Sitemap(sitemaps=tuple(locs))
