"""Turn captured pages (markdown, HTML, plain text) into clean headed text, repairing words glued at links."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from claimcheck.models import Section

BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item; `raw` keeps the inline markdown so links can still be judged."""

    kind: BlockKind
    text: str
    level: int = 0
    raw: str = ""


@dataclass(frozen=True)
class CleanPage:
    """A cleaned page: its title, its blocks in order, and the glue repairs made (before, after)."""

    title: str
    blocks: tuple[Block, ...]
    repairs: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------------------------------
# Unicode and whitespace

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str) -> str:
    """NFC, plain spaces for no-break and other odd spaces, no zero-width characters, no runs of spaces.

    Quotes and dashes are kept as published, so quotes still match the page character for character.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def normalize_inline(text: str) -> str:
    """One line of text: normalised and with all whitespace collapsed to single spaces."""
    return " ".join(normalize_text(text).split())


# --------------------------------------------------------------------------------------------------
# Inline markdown

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(
    r"\[([^\[\]]*)\]\(((?:[^()\s]|\([^()\s]*\)|[ ](?=[^()\s\"]))*)(?:\s+\"[^\"]*\")?\)"
)  # the target may hold single spaces ("Tel: 116 123") and a "title"
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_STAR_EM = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_UNDERSCORE_EM = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def strip_inline_markdown(raw: str) -> str:
    """Markdown inline markup to plain text: `[text](url)` becomes `text`; images and emphasis marks go."""
    text = _IMAGE.sub("", raw)
    for _ in range(3):  # links nested in emphasis or emphasis in links
        text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _STAR_EM.sub(lambda m: m.group(1), text)
    text = _UNDERSCORE_EM.sub(lambda m: m.group(1), text)
    text = text.replace("**", "").replace("`", "")
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    return normalize_inline(html.unescape(text))


def is_link_only(raw: str) -> bool:
    """True when a line is nothing but links (and punctuation): navigation, not prose."""
    stripped = _IMAGE.sub("", raw)
    if not _LINK.search(stripped):
        return False
    rest = _LINK.sub("", stripped)
    rest = re.sub(r"[*_`|•·,.;:()\-–—\s]", "", rest)
    return not rest


# --------------------------------------------------------------------------------------------------
# Markdown to blocks

_HEADING = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_BULLET = re.compile(r"^\s*[*+\-•]\s+(.*)$")
_ORDERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def _join_wrapped_links(md: str) -> str:
    """Join link texts that a converter wrapped over several lines (`[Back to \\n Antidepressants](...)`)."""
    md = _IMAGE.sub("", md)
    return re.sub(
        r"\[([^\[\]]*\n[^\[\]]*)\]\(",
        lambda m: "[" + " ".join(m.group(1).split()) + "](",
        md,
    )


def parse_markdown(md: str) -> list[Block]:
    """Markdown lines to blocks: every non-empty line is its own paragraph, item or heading.

    A heading marker alone on its line (`# ` then the title two lines down, as NHS captures have it) takes
    the next non-empty line as its text.
    """
    lines = _join_wrapped_links(normalize_text(md)).split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or _RULE.match(line):
            continue
        m = _HEADING.match(line)
        if m:
            level, raw = len(m.group(1)), (m.group(2) or "").strip()
            if not raw:
                while i < len(lines) and not lines[i].strip():
                    i += 1
                if i < len(lines) and not re.match(r"^\s*(#|[*+\-]\s|\d+[.)]\s)", lines[i]):
                    raw = lines[i].strip()
                    i += 1
            blocks.append(Block("heading", strip_inline_markdown(raw), level, raw))
            continue
        if line.endswith("|") and line.count("|") >= 2:  # a table row: its cells, as one item
            caption, _, row = line.partition("|")
            if caption.strip():
                blocks.append(Block("paragraph", strip_inline_markdown(caption), 0, caption.strip()))
            cells = [c.strip() for c in row.rstrip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?|", c) for c in cells):
                raw = " | ".join(c for c in cells if c)
                blocks.append(Block("item", strip_inline_markdown(raw), 0, raw))
            continue
        m = _BULLET.match(line) or _ORDERED.match(line)
        if m:
            raw = m.group(1).strip()
            blocks.append(Block("item", strip_inline_markdown(raw), 0, raw))
            continue
        blocks.append(Block("paragraph", strip_inline_markdown(line), 0, line))
    return blocks


# --------------------------------------------------------------------------------------------------
# HTML to markdown (lxml imported only when called)

_SKIP_TAGS = {
    "script", "style", "noscript", "nav", "header", "footer", "form", "button", "svg", "aside",
    "template", "iframe", "select", "input", "figure", "img", "picture", "video", "audio",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "td", "th", "thead", "tbody", "blockquote", "dl", "dt", "dd", "details", "summary",
    "body", "html",
}  # fmt: skip


def html_to_markdown(markup: str) -> str:
    """HTML (a page or a fragment) to simple markdown: headings, paragraphs, `- ` items and `[text](url)`.

    Scripts, styles, navigation, headers, footers and forms are left out; links keep their targets so the
    chrome rules can tell a link list from prose.
    """
    import lxml.html

    if not markup.strip():
        return ""
    root = (
        lxml.html.fragment_fromstring(markup, create_parent="div")
        if "<html" not in markup[:500].lower()
        else lxml.html.document_fromstring(markup)
    )
    body = root.find("body") if root.tag == "html" else root
    out: list[str] = []
    _emit(body if body is not None else root, out, _block_holders(root))
    return "\n".join(line for line in out if line.strip())


def _block_holders(root: Any) -> set[Any]:
    """Every element with a block element somewhere below it, found in one pass up from each block.

    Asking each element in turn (walking its descendants) costs depth x size: 200 nested <span>s around
    50,000 paragraphs took 4.5 s for 400 KB."""
    holders: set[Any] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            parent = el.getparent()
            while parent is not None and parent not in holders:
                holders.add(parent)
                parent = parent.getparent()
    return holders


def _inline(el: Any) -> str:
    """The inline markdown of an element, stopping at nested block elements."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):  # comments, processing instructions
            parts.append(child.tail or "")
            continue
        tag = child.tag
        if tag in _SKIP_TAGS or tag in _BLOCK_TAGS:
            parts.append(" ")
        elif tag == "br":
            parts.append(" ")
        elif tag == "a":
            text = " ".join(_inline(child).split())
            href = child.get("href", "")
            parts.append(f"[{text}]({href})" if text and href else text)
        elif tag in {"b", "strong"}:
            text = _inline(child).strip()
            parts.append(f"**{text}**" if text else "")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _emit(el: Any, out: list[str], holders: set[Any]) -> None:
    """Append the markdown lines of an element and its block descendants.

    Only a block element has a line of its own, so only its inline text is built: an inline wrapper around
    blocks (<a>, <span>) is not read again here, which keeps deep wrappers linear in the page."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    inline = " ".join(_inline(el).split()) if tag in _BLOCK_TAGS else ""
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        out.append("#" * int(tag[1]) + " " + inline)
        return
    if tag == "li":
        out.append("- " + inline if inline else "")
    elif tag in {"p", "dt", "dd", "td", "th", "summary", "blockquote"} or (inline and tag in _BLOCK_TAGS):
        out.append(inline)
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag in _BLOCK_TAGS or ctag in _SKIP_TAGS:
            _emit(child, out, holders)
        elif ctag and child in holders:
            _emit(child, out, holders)  # an inline wrapper (<a>, <span>) around blocks


# --------------------------------------------------------------------------------------------------
# Chrome removal


@dataclass(frozen=True)
class ChromeRules:
    """What counts as page chrome on a site: lines, headings and link lists that are not the page's content.

    `drop_lines` drop a paragraph or item; `drop_sections` drop a heading and everything under it up to the
    next heading of the same or a higher level; `stop_lines` end the content (footers, link directories).
    """

    drop_lines: tuple[str, ...] = ()
    drop_sections: tuple[str, ...] = ()
    stop_lines: tuple[str, ...] = ()
    drop_items: tuple[str, ...] = ()

    def extend(self, other: ChromeRules) -> ChromeRules:
        """These rules plus a site's own."""
        return ChromeRules(
            self.drop_lines + other.drop_lines,
            self.drop_sections + other.drop_sections,
            self.stop_lines + other.stop_lines,
            self.drop_items + other.drop_items,
        )


DEFAULT_RULES = ChromeRules(
    drop_lines=(
        r"skip to (main )?content",
        r"skip navigation",
        r"search( the nhs website)?",
        r"(browse|more|menu|close|print|share|search|back to top|home|open|hidden)",
        r"back to\b.*",
        r"(page )?last (reviewed|updated|revised)\s*:?.*",
        r"next review due\s*:?.*",
        r"media (last reviewed|review due)\s*:?.*",
        r"(©|\(c\)|copyright\b).*",
        r"community content from healthunlocked",
        r"source\s*:.*",
        r"url( of this page)?\s*:.*",
        r"view (this page )?as (a )?pdf\.?",
        r"official websites use \.gov.*",
        r"secure \.gov websites use https.*",
        r"an official website of the united states government.*",
        r"(accept|reject|manage)( all)?( cookies| optional cookies)?",
        r".*\b(this (web)?site uses cookies|we use cookies|cookie (settings|preferences|policy)"
        r"|accept cookies"
        r"|use of cookies)\b.*",
        r"dismiss( ad)?",
        r"this will close in \d+ seconds",
        r"(read|find out|learn) more\b.{0,100}",
        r"(order a free hard ?copy|download (this )?(png|pdf|jpe?g|publication|image|document)\b.*)",
        r"share (this page|on .*)",
        r"(was|is) this (page|information) (useful|helpful)\??.*",
        r"feedback",
        r"help us improve (our|this) website",
        r"if you've finished what you're doing, please.*",
        r"if you're a healthcare professional,? we'd like to know.*",
        r"take our survey",
        r"(page )?contents",
        r"on this page",
        r"(previous|next)( page)?\s*:?.{0,60}",
        r"[^.]{0,120}\((?:PDF|pdf)\b[^)]*\)\.?(?:\s*Also available in.*)?",  # a link to a document
        r".*\[PDF[^\]]*\]\.?",
    ),
    drop_sections=(
        r"support links",
        r"more in\b.*",
        r"cookies?( on the nhs website)?",
        r"related (links|pages|information|topics|health topics|conditions|articles|content|resources)",
        r"useful (links|resources)",
        r"other languages",
        r"find out more",
        r"privacy overview",
        r"(page )?footer",
        r"share this page",
        r"help us improve (our|this) website",
    ),
)

# MedlinePlus health-topic pages: the names of the link sections that follow the summary.
_MEDLINEPLUS_SECTIONS = (
    "start here|diagnosis and tests|treatments and therapies|living with|related issues|specifics|genetics"
    "|clinical trials|journal articles.*|patient handouts|medical encyclopedia|statistics and research"
    "|health check tools|related health topics|national institutes of health|nih medlineplus magazine"
    "|learn more|find an expert|for you|resources|research|test your knowledge|prevention and risk factors"
    "|images|videos and tutorials|reference desk|see, play and learn|no links available"
)

# Site rules, keyed by host; the scraper picks them by URL, the snapshot build by source.
SITE_RULES: dict[str, ChromeRules] = {
    "medlineplus.gov": ChromeRules(
        drop_lines=(r"see, play and learn", r"no links available", r"summary\s*:?"),
        stop_lines=(
            r"(nih|nlm|cdc|fda|hhs|samhsa|ahrq|niaaa|nida|nimh)\s*:\s*.+",
            f"({_MEDLINEPLUS_SECTIONS})",
        ),
        drop_items=(
            r".*\S\([^()]*\)(?:Also in ?Spanish)?(?:-PDF)?",  # "Title(Publisher)Also inSpanish": a link
            r".*Also in ?Spanish",
            r".*-- see more articles",
            r"article: .*",
            f"({_MEDLINEPLUS_SECTIONS}|children|teenagers|women|men|older adults)",
        ),
    ),
    "www.nimh.nih.gov": ChromeRules(
        drop_lines=(
            r"the information in this publication is in the public domain.*",
            r"unless otherwise specified, the information on our website.*",
            r"u\.s\. department of health and human services.*",
            r"nih publication no\..*",
            r"(revised|reviewed) \d{4}",
            r"learn more about .*",
        ),
        drop_sections=(
            r"share outreach materials.*",
            r"explore clinical trials.*",
            r"digital shareables",
            r"science updates",
            r"free health information",
            r"additional federal resources",
            r"for more information",
            r"reprints",
            r"research and statistics",
        ),
    ),
    "www.cdc.gov": ChromeRules(
        drop_lines=(r"on this page", r"view this page as a pdf\.?", r"espa[nñ]ol"),
        drop_sections=(r"resources?", r"on this page", r"related (pages|links|resources)"),
    ),
    "www.samhsa.gov": ChromeRules(
        drop_lines=(r"¿qué es la salud mental\?", r"last updated.*"),
        drop_sections=(r"related resources?", r"grants?( and funding)?.*"),
    ),
    "www.nhs.uk": ChromeRules(
        drop_lines=(r"find (a|an|your|local) .*(service|helpline|a&e|gp|pharmacy).*", r"call: ?\d+"),
    ),
}

_RELATED_INTRO = re.compile(
    r"(read more|find out more|more information|more about|useful|links?\b|see also|related|visit|further"
    r" (information|help|reading)|you (may|might|could) (also )?(find|want|like)|other (websites|sources))",
    re.IGNORECASE,
)


_READ_MORE = re.compile(r"(read|find out|learn|see|visit|for more)\b", re.IGNORECASE)


def _link_share(raw: str) -> float:
    """How much of a line's text is link text."""
    text = strip_inline_markdown(raw)
    linked = sum(len(strip_inline_markdown(m.group(1))) for m in _LINK.finditer(_IMAGE.sub("", raw)))
    return linked / len(text) if text else 0.0


def rules_for(host: str) -> ChromeRules:
    """Default rules plus those of the site (`www.` optional)."""
    host = host.lower()
    site = SITE_RULES.get(host) or SITE_RULES.get(host.removeprefix("www.")) or SITE_RULES.get("www." + host)
    return DEFAULT_RULES.extend(site) if site else DEFAULT_RULES


def _compile(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", re.IGNORECASE)


def _is_title_like(text: str) -> bool:
    """Short, capitalised, unpunctuated: a navigation label rather than a sentence."""
    if not text or re.search(r"[.!:;]$", text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    words = re.findall(r"[A-Za-z][\w'’&-]*", text)
    if not words or len(words) > 10:
        return False
    long_words = [w for w in words if len(w) > 3 or w[0].isupper()]
    capped = [w for w in long_words if w[0].isupper()]
    return len(capped) >= max(1, math.ceil(0.6 * len(long_words))) and (len(words) == 1 or len(capped) >= 2)


def remove_chrome(blocks: Sequence[Block], rules: ChromeRules = DEFAULT_RULES) -> list[Block]:
    """Drop navigation, breadcrumbs, link lists, review dates, footers and cookie text; keep the content.

    Link-only list items are kept only where a sentence ending in ':' introduces them as content ("used to
    treat conditions including:"), not where it introduces related reading ("Read more about:").
    """
    drop_line = _compile(rules.drop_lines)
    drop_section = _compile(rules.drop_sections)
    stop_line = _compile(rules.stop_lines)
    drop_item = _compile(rules.drop_items)

    out: list[Block] = []
    skip_level = 0  # > 0 while inside a dropped section
    for block in blocks:
        text = block.text
        if block.kind != "item" and stop_line and stop_line.match(text) and out:
            break
        if block.kind == "heading":
            if skip_level and block.level > skip_level:
                continue
            skip_level = 0
            if not text or (drop_section and drop_section.match(text)):
                skip_level = block.level or 6
                continue
            if drop_line and drop_line.match(text):
                continue
            out.append(block)
            continue
        if skip_level:
            continue
        if not re.search(r"\w", text) or (drop_line and drop_line.match(text)):
            continue
        if block.kind == "paragraph" and _READ_MORE.match(text) and _link_share(block.raw) >= 0.4:
            continue
        if block.kind == "item" and drop_item and drop_item.match(text):
            continue
        if is_reference(text):
            continue
        if block.kind != "heading" and _is_label_run(text):
            continue
        if block.kind == "paragraph" and is_link_only(block.raw):
            continue
        out.append(block)
    out = _drop_link_lists(out)
    out = _drop_nav_runs(out, {b.text for b in blocks if b.kind == "heading"})
    out = _tidy(out)
    return out


def _runs(blocks: Sequence[Block]) -> Iterable[tuple[int, int]]:
    """(start, end) of each run of consecutive list items."""
    i = 0
    while i < len(blocks):
        if blocks[i].kind == "item":
            j = i
            while j < len(blocks) and blocks[j].kind == "item":
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _intro_keeps_list(blocks: Sequence[Block], start: int) -> bool:
    """Whether the paragraph before a list introduces it as content (ends with ':' and is not 'Read more')."""
    if start == 0 or blocks[start - 1].kind != "paragraph":
        return False
    intro = blocks[start - 1].text
    return intro.endswith(":") and not _RELATED_INTRO.search(intro)


def _drop_link_lists(blocks: list[Block]) -> list[Block]:
    drop: set[int] = set()
    for start, end in _runs(blocks):
        links = [is_link_only(b.raw) for b in blocks[start:end]]
        if all(links) and not _intro_keeps_list(blocks, start):
            drop.update(range(start, end))
            intro = blocks[start - 1] if start else None
            if (
                intro
                and intro.kind == "paragraph"
                and intro.text.endswith(":")
                and _RELATED_INTRO.search(intro.text)
            ):
                drop.add(start - 1)
        elif any(links):
            # links mixed with prose items: drop only link items that point off the page's topic list
            for k in range(start, end):
                if (
                    links[k - start]
                    and not _intro_keeps_list(blocks, start)
                    and sum(links) >= (end - start) / 2
                ):
                    drop.add(k)
    return [b for k, b in enumerate(blocks) if k not in drop]


def _drop_nav_runs(blocks: list[Block], page_headings: Iterable[str] = ()) -> list[Block]:
    """Drop lists whose links were flattened away: tables of contents and runs of short capitalised labels."""
    headings = {t.casefold().rstrip("?.: ") for t in page_headings}
    headings |= {b.text.casefold().rstrip("?.: ") for b in blocks if b.kind == "heading"}
    drop: set[int] = set()
    for start, end in _runs(blocks):
        items = blocks[start:end]
        toc = [k for k, b in enumerate(items, start) if b.text.casefold().rstrip("?.: ") in headings]
        if len(toc) >= 2:  # a table of contents: items that repeat the page's own headings
            drop.update(toc)
        labels = sum(_is_title_like(b.text) for b in items)
        if (
            labels == len(items) or (len(items) >= 4 and labels >= 0.8 * len(items))
        ) and not _intro_keeps_list(blocks, start):
            drop.update(range(start, end))
    return [b for k, b in enumerate(blocks) if k not in drop]


_REFERENCE = re.compile(
    r"((?i:\bdoi\s*:|doi\.org/|pmid\s*:|pmcid\s*:)"
    r"|^[A-Z][A-Za-z'’-]+,? (?:[A-Z]{1,3}|[A-Z]\.(?: ?[A-Z]\.)*),? "  # "Kessler RC, Chiu WT" or "Hamdan, S.,"
    r"(?:[A-Z][A-Za-z'’-]+,? (?:[A-Z]{1,3}\b|[A-Z]\.)|et al)"
    r"|\b(?:19|20)\d{2}\s*;\s*\d+\s*(?:\(\d+\))?\s*:\s*\d+"
    r"|\(\d{4}[a-z]?\)\.\s.*\b(?i:retrieved|available at|journal|report|survey)\b)"
)


def _is_label_run(text: str) -> bool:
    """Link labels run together by a converter ("Children and FamiliesSchool HealthProject AWARE"): a menu."""
    return len(re.findall(r"[a-z][A-Z][a-z]", text)) >= 2 and not re.search(r"[.!?]", text)


def is_reference(text: str) -> bool:
    """A bibliography entry (authors, year, journal, DOI): a source of the page, not its content."""
    return _REFERENCE.search(text) is not None


def _tidy(blocks: list[Block]) -> list[Block]:
    """Remove repeats, parent list items that repeat their children, duplicate and empty headings."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and out[-1].text.casefold() == b.text.casefold()
            and (out[-1].kind == b.kind or out[-1].kind == "heading")
        ):
            continue  # a repeat, or a heading's own words again as the first line under it
        out.append(b)
    # An item whose text ends with the following items run together ("...include:A...B...") lost its
    # nesting when it was flattened: keep only its own text.
    fixed: list[Block] = []
    for k, b in enumerate(out):
        if b.kind == "item":
            following: list[str] = []
            for nxt in out[k + 1 :]:
                if nxt.kind != "item":
                    break
                following.append(nxt.text)
                tail = "".join(following)
                cut = len(b.text) - len(tail)
                if cut > 0 and len(tail) >= 15 and b.text.endswith(tail) and b.text[cut - 1] != " ":
                    b = replace(b, text=b.text[:cut].rstrip())
                    break
        fixed.append(b)
    # Items repeated within one list (captures that list the same bullets twice).
    deduped: list[Block] = []
    seen: set[str] = set()
    for b in fixed:
        if b.kind != "item":
            seen = set()
            deduped.append(b)
            continue
        if b.text in seen:
            continue
        seen.add(b.text)
        deduped.append(b)
    # Empty or repeated headings: a heading directly followed by one of the same or higher level, or by
    # the same words again one level down.
    changed = True
    while changed:
        changed = False
        result: list[Block] = []
        for k, b in enumerate(deduped):
            if b.kind == "heading":
                nxt = deduped[k + 1] if k + 1 < len(deduped) else None
                if nxt is None or (nxt.kind == "heading" and nxt.level <= b.level):
                    changed = True
                    continue
                if nxt.kind == "heading" and nxt.text.casefold() == b.text.casefold():
                    changed = True
                    continue
            result.append(b)
        deduped = result
    return deduped


# --------------------------------------------------------------------------------------------------
# Glue repair


TWO_LETTER_WORDS = frozenset("an as at be by do go he if in is it me my no of on or so to up us we".split())
_FUNCTION_BEFORE_DIGITS = frozenset("the at or call text dial and to on in by of chat visit".split())
# Halves that make words rather than pairs of words ("non|stimulant", "over|sleeping", "tearful|ness").
_PREFIXES = frozenset(
    "non sub multi over under out tele mis re pre anti inter semi self co de un dis post ultra hyper hypo"
    " micro mini super counter bio neuro psycho cyber trans extra intra pro para poly mono tri bi up"
    " down".split()
)
_SUFFIXES = frozenset(
    "ness able less ful ship hood like wise ward wards ism ist ment ly age dom some".split()
)
_URLISH = re.compile(
    r"(://|www\.|@|\.(org|gov|com|net|edu|int|uk|ca|au|ie|nz|io|info)\b|/[\w-]+|\.(html?|php|aspx|pdf)\b)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z]+")


class Lexicon:
    """Which tokens are words, how common words are, and which word pairs occur: evidence for splitting.

    Built from clean text (captures whose word boundaries survived) and, where installed, the `wordfreq`
    package (a build-time dependency only). Without `wordfreq` a split also needs the two words to occur
    side by side in the clean text, which keeps the repair conservative.
    """

    KNOWN_ZIPF = 2.5
    COMMON_ZIPF = 3.0
    MARGIN = 2.5

    def __init__(
        self,
        counts: Mapping[str, int],
        bigrams: Mapping[str, int],
        zipf: Mapping[str, float] | None = None,
    ) -> None:
        self.counts = counts
        self.bigrams = bigrams
        self.zipf_table = zipf

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, use_wordfreq: bool = True) -> Lexicon:
        """Count words and adjacent word pairs in clean texts; add `wordfreq` frequencies where installed."""
        counts: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        for text in texts:
            for chunk in re.split(r"[^A-Za-z'’ ]+", text):
                words = [w.strip("'’") for w in chunk.lower().split()]
                words = [w for w in words if w]
                counts.update(words)
                bigrams.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
        zipf = None
        if use_wordfreq:
            try:
                import wordfreq
            except ImportError:
                zipf = None
            else:
                freqs = wordfreq.get_frequency_dict("en", wordlist="best")
                zipf = {w: round(math.log10(f) + 9, 2) for w, f in freqs.items() if f > 0}
        return cls(counts, bigrams, zipf)

    @property
    def has_frequencies(self) -> bool:
        """Whether general English frequencies (wordfreq) back this lexicon."""
        return self.zipf_table is not None

    def zipf(self, word: str) -> float:
        """Zipf frequency (0 = unseen, 3 = once per million words, 7 = 'the')."""
        return self.zipf_table.get(word.lower(), 0.0) if self.zipf_table is not None else 0.0

    def is_word(self, word: str) -> bool:
        """A token seen as a word in clean text, or frequent enough in general English, is never split."""
        w = word.lower()
        return self.counts.get(w, 0) > 0 or self.zipf(w) >= self.KNOWN_ZIPF

    def is_common(self, word: str) -> bool:
        """Common enough to be one half of a split."""
        w = word.lower()
        if len(w) == 1:
            return w == "a"
        if len(w) == 2:
            return w in TWO_LETTER_WORDS
        if self.zipf_table is not None:
            return self.zipf(w) >= self.COMMON_ZIPF or self.counts.get(w, 0) >= 3
        return self.counts.get(w, 0) >= 3

    def strength(self, word: str) -> float:
        """Zipf frequency, or 3.0 for a word seen at least 3 times in the clean text but rare in general."""
        w = word.lower()
        return max(self.zipf(w), 3.0 if self.counts.get(w, 0) >= 3 else 0.0)

    def pair(self, a: str, b: str) -> int:
        """How often `a b` occurs in the clean text."""
        return self.bigrams.get(f"{a.lower()} {b.lower()}", 0)


@dataclass
class GlueRepairer:
    """Splits glued words and restores missing spaces after punctuation, counting each repair it makes."""

    lexicon: Lexicon
    repairs: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, text: str) -> str:
        """Repair one line of text."""
        return " ".join(self._chunk(chunk) for chunk in text.split(" "))

    # A chunk is a whitespace-delimited token; URLs, e-mail addresses and domains are left alone.
    def _chunk(self, chunk: str) -> str:
        if not chunk or _URLISH.search(chunk):
            return chunk
        before = chunk
        chunk = " ".join(self._words(part) for part in self._punctuation(chunk).split(" "))
        if chunk != before:
            self.repairs.append((before, chunk))
        return chunk

    def _punctuation(self, chunk: str) -> str:
        # "depression.Depression" / "(GAD).People" / "most?Some": a sentence end glued to the next sentence.
        chunk = re.sub(r"(?<=[a-z][a-z])([.?!])(?=[A-Z][a-z])", r"\1 ", chunk)
        chunk = re.sub(r"(?<=\))([.?!])(?=[A-Z][a-z])", r"\1 ", chunk)
        # "anxiety,chronic" / "(CBT),which" / "include:Cognitive": a space lost after a comma or colon.
        chunk = re.sub(r"(?<=[a-z)])([,;:])(?=[A-Za-z][a-z])", r"\1 ", chunk)
        # "minutes.2The": a footnote number between a sentence and the next.
        chunk = re.sub(r"(?<=[a-z]\.)(\d{1,2})(?=[A-Z][a-z])", r"\1 ", chunk)
        # "the988" / "988or": a number glued to a short word.
        chunk = re.sub(
            r"(?<![A-Za-z])([A-Za-z]{2,5})(?=\d{2,})",
            lambda m: m.group(1) + " " if m.group(1).lower() in _FUNCTION_BEFORE_DIGITS else m.group(1),
            chunk,
        )
        chunk = re.sub(r"(?<=\d{3})(or|and|to|for|at|in|on)(?![A-Za-z])", r" \1", chunk)
        return chunk

    def _words(self, chunk: str) -> str:
        out: list[str] = []
        last = 0
        for m in _WORD_RE.finditer(chunk):
            start, end = m.span()
            # Only whole alphabetic runs: not the inside of "co-op", "don't" or "COVID-19".
            if (start > 0 and chunk[start - 1] in "'’-") or (end < len(chunk) and chunk[end] in "'’"):
                continue
            out.append(chunk[last:start])
            out.append(self._token(m.group(0)))
            last = end
        out.append(chunk[last:])
        return "".join(out)

    def _token(self, token: str) -> str:
        # camelCase join of two words: "healthIt", "inSpanish", "orCBT" (not "iPhone", "eBay", "McDonald").
        m = re.fullmatch(r"([a-z]{2,})([A-Z][a-z]+|[A-Z]{2,})", token)
        if m:
            left, right = m.groups()
            if (self.lexicon.is_common(left) or self.lexicon.is_word(left)) and (
                right.isupper() or self.lexicon.is_word(right)
            ):
                return self._token(left) + " " + right
            return token
        if len(token) < 4 or token.isupper() or not token[1:].islower() or self.lexicon.is_word(token):
            return token
        split = self._split(token)
        return " ".join(split) if split else token

    def _split(self, token: str) -> tuple[str, ...] | None:
        """The one convincing way to cut `token` into two (or three) common words, or None.

        Convincing means: the words occur side by side in clean text and no rival cut does; or, where
        general English (wordfreq) has never seen the token, it is the only cut into words far more frequent
        than the token. A capitalised token may be a name ("Sidran"), so without pair evidence it is cut only
        before a very common short word ("Psychotherapy|can").
        """
        lex = self.lexicon
        lower = token.lower()
        whole = lex.zipf(lower)

        def ok(parts: tuple[str, ...]) -> bool:
            if not all(lex.is_common(p) for p in parts):
                return False
            if parts[0] in _PREFIXES or parts[-1] in _SUFFIXES:
                return False
            return not lex.has_frequencies or min(lex.strength(p) for p in parts) - whole >= lex.MARGIN

        def evidence(parts: tuple[str, ...]) -> int:
            return min(lex.pair(a, b) for a, b in zip(parts, parts[1:], strict=False))

        n = len(lower)
        pool: list[tuple[str, ...]] = [
            (token[:i], token[i:]) for i in range(1, n) if ok((lower[:i], lower[i:]))
        ]
        if not pool:
            pool = [
                (token[:i], token[i:j], token[j:])
                for i in range(1, n - 1)
                for j in range(i + 2, n)
                if ok((lower[:i], lower[i:j], lower[j:]))
            ]
        if not pool:
            return None
        attested = sorted(((evidence(c), c) for c in pool if evidence(c) > 0), key=lambda x: -x[0])
        if attested:
            if len(attested) == 1 or attested[0][0] >= 3 * attested[1][0]:
                return attested[0][1]
            return None
        # No pair evidence. Tokens general English knows, however rarely ("inattention", "hotlines", the typo
        # "atall"), are not cut on frequencies alone, and neither are three-way cuts or one-letter words.
        if whole >= 1.0 or not lex.has_frequencies:
            return None
        if len(pool[0]) == 3:
            return None
        if token[0].isupper():
            pool = [c for c in pool if lex.counts.get(c[0].lower(), 0) > 0 and lex.zipf(c[1]) >= 5.5]
        if len(pool) > 1:
            by_freq = sorted(pool, key=lambda c: -sum(lex.zipf(p) for p in c))
            margin = sum(lex.zipf(p) for p in by_freq[0]) - sum(lex.zipf(p) for p in by_freq[1])
            pool = by_freq[:1] if margin >= 1.0 else []
        # a one-letter word ("a|manic") needs pair evidence: "ama|nic" would be a rival, not a fallback
        return pool[0] if len(pool) == 1 and min(len(p) for p in pool[0]) > 1 else None


def repair_glue(text: str, lexicon: Lexicon) -> tuple[str, list[tuple[str, str]]]:
    """Repair glued words in text (line by line) and return the repairs made as (before, after) pairs."""
    repairer = GlueRepairer(lexicon)
    fixed = "\n".join(repairer(line) for line in text.split("\n"))
    return fixed, repairer.repairs


# --------------------------------------------------------------------------------------------------
# Whole pages


def clean_blocks(
    blocks: Sequence[Block],
    *,
    rules: ChromeRules = DEFAULT_RULES,
    repairer: Callable[[str], str] | None = None,
) -> list[Block]:
    """Chrome removal, then glue repair of every heading, paragraph and item."""
    kept = remove_chrome(blocks, rules)
    if repairer is None:
        return kept
    repaired = [replace(b, text=normalize_inline(repairer(b.text))) for b in kept]
    return _tidy(repaired)


def split_title(blocks: Sequence[Block]) -> tuple[str, list[Block]]:
    """The first level-1 heading is the title; blocks before it (site chrome above the article) go."""
    for k, b in enumerate(blocks):
        if b.kind == "heading" and b.level == 1 and b.text:
            return b.text, list(blocks[k + 1 :])
    return "", list(blocks)


def clean_markdown(
    md: str,
    *,
    rules: ChromeRules = DEFAULT_RULES,
    lexicon: Lexicon | None = None,
    title_from_h1: bool = True,
) -> CleanPage:
    """A markdown capture to a clean page: title, content blocks without chrome, glued words repaired."""
    blocks = parse_markdown(md)
    title = ""
    if title_from_h1:
        title, blocks = split_title(blocks)
    repairer = GlueRepairer(lexicon) if lexicon is not None else None
    cleaned = clean_blocks(blocks, rules=rules, repairer=repairer)
    return CleanPage(title, tuple(cleaned), tuple(repairer.repairs) if repairer else ())


def render(blocks: Sequence[Block]) -> tuple[str, tuple[Section, ...]]:
    """Blocks to text, one line each (items as '- '), and one Section per heading over the lines below it.

    A section's span covers the body under its heading up to the next heading (of any level); the heading
    line itself is outside every span, so a quoted sentence never includes a heading. A heading with nothing
    under it before the next one gets an empty span at the end of its own line.
    """
    lines: list[str] = []
    heads: list[tuple[str, int]] = []  # heading text, index of its line
    for b in blocks:
        if b.kind == "heading":
            heads.append((b.text, len(lines)))
            lines.append(b.text)
        elif b.kind == "item":
            lines.append("- " + b.text)
        else:
            lines.append(b.text)
    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    text = "\n".join(lines)
    sections: list[Section] = []
    for n, (heading, idx) in enumerate(heads):
        line_end = offsets[idx] + len(lines[idx])
        start = line_end + 1
        end = offsets[heads[n + 1][1]] - 1 if n + 1 < len(heads) else len(text)
        if end < start:  # nothing under this heading before the next one: an empty span at its line end
            start = end = line_end
        sections.append(Section(heading=heading, start=start, end=end))
    return text, tuple(sections)
