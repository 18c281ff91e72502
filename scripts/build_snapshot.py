"""Build the shipped corpus snapshot (claimcheck/data/snapshot.jsonl.gz) from the captures in ../shared.

Run by hand when the captures or the cleaning change: `python scripts/build_snapshot.py`. The product never
reads ../shared; it reads the snapshot this script writes. Same inputs, same bytes out (sorted, gzip mtime 0,
fixed capture dates, pinned wordfreq). Needs `wordfreq` (build-only) for the glue repair; `--no-wordfreq`
falls back to corpus word pairs only and gives a different, more conservative snapshot.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimcheck.cleaning import (  # noqa: E402
    Block,
    GlueRepairer,
    Lexicon,
    clean_blocks,
    html_to_markdown,
    normalize_inline,
    parse_markdown,
    render,
    rules_for,
    split_title,
    strip_inline_markdown,
)
from claimcheck.corpus import canonical_url, content_hash, corpus_hash, doc_id  # noqa: E402
from claimcheck.models import Document, Source  # noqa: E402
from claimcheck.scrape.store import write_shipped_snapshot  # noqa: E402
from claimcheck.sources import load_sources, source_for_url  # noqa: E402

REGISTRY = REPO / "corpus" / "sources.toml"
PACKAGED_REGISTRY = REPO / "claimcheck" / "data" / "sources.toml"
SNAPSHOT = REPO / "claimcheck" / "data" / "snapshot.jsonl.gz"
MIN_CHARS = 200

# When each capture was made. The MANIFESTs give commits but no dates, and there is no network to ask, so
# each date is the earliest the capture can be, from the MANIFEST notes and dates printed in the pages
# themselves. Fixed here (never today()) so that rebuilding gives the same bytes.
CAPTURE_DATES = {
    "cookie1986-Extractive-QA": "2023-01-01",  # MANIFEST: "captured ~2023"; newest page review: Oct 2022
    "IradHachaichi-NHSense-Bot": "2025-01-01",  # MANIFEST: "844-record scrape (~2025)"
    "NHSDigital-nhs-website-content-api": "2023-10-11",  # newest dateModified in the API responses
    "lakhia13-cmpsc441project": "2025-08-01",  # newest "Last Reviewed"/"Last Updated" in the pages: Aug 2025
    "abachaa-MedQuAD": "2017-01-01",  # MANIFEST: "plain text extracted from the page (~2017)"
    "ziabanday-sukoonai": "2025-09-01",  # MANIFEST: "~Sept 2025"; WHO page dated 29 August 2025
    "Londiwe12-Doctor-Appointment-System": "2022-01-01",  # MANIFEST: "(~2022)"
}

# Captures that never enter the snapshot, whatever their publisher.
EXCLUDED_CAPTURES = {
    "Cs4r-nhs-conditions-scrapper": "2016 NHS Choices pages: not mental health; pre-OGL Crown copyright",
}

# Short publisher names shown next to a quote.
SHORT_PUBLISHER = {
    "nhs": "NHS",
    "nimh": "NIMH",
    "medlineplus": "MedlinePlus",
    "cdc": "CDC",
    "samhsa": "SAMHSA",
    "nihseniorhealth": "NIHSeniorHealth",
    "mentalhealth-gov": "MentalHealth.gov",
}

# Which capture of a page to keep when there are several: lower is cleaner (word boundaries intact, order
# of the page kept), then the longer text.
RANK = {
    "cookie1986-Extractive-QA": 0,
    "NHSDigital-nhs-website-content-api": 1,
    "IradHachaichi-NHSense-Bot": 2,
    "lakhia13-cmpsc441project": 0,
    "ziabanday-sukoonai": 1,
    "abachaa-MedQuAD": 2,
    "Londiwe12-Doctor-Appointment-System": 0,
}

# Captures whose word boundaries survived (links kept as [text](url), HTML): the lexicon is counted from them.
CLEAN_CAPTURES = ("cookie1986-Extractive-QA", "NHSDigital-nhs-website-content-api")


@dataclass
class Candidate:
    """One capture of one page, cleaned, before duplicates are collapsed."""

    url: str
    title: str
    source: Source
    capture: str
    file: str
    blocks: list[Block]
    licence: str
    repairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return render(self.blocks)[0]


@dataclass
class Report:
    """What the build did, for the summary it prints."""

    excluded: list[tuple[str, str]] = field(default_factory=list)
    collapsed: list[tuple[str, str, str]] = field(default_factory=list)
    too_short: list[tuple[str, int]] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ manifests


def read_manifest(folder: Path) -> list[dict[str, str]]:
    """The rows of a capture folder's MANIFEST.tsv, in file order."""
    with (folder / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def manifest_url(row: dict[str, str]) -> str:
    """The page URL of a MANIFEST row (some carry a note after the URL)."""
    return row["page_url"].split()[0]


# ------------------------------------------------------------------------------------------ parsers


def _title_suffixless(title: str) -> str:
    return re.sub(r"\s+[-|–]\s+NHS\s*$", "", title.strip())


def parse_cookie_markdown(path: Path) -> tuple[str, list[Block]] | None:
    """NHS pages saved as markdown with the page chrome: the first line is the page's <title>."""
    md = path.read_text(encoding="utf-8")
    first = next((line for line in md.splitlines() if line.strip()), "")
    if first.strip().lower().startswith("page not found"):
        return None
    title = _title_suffixless(strip_inline_markdown(first))
    _, blocks = split_title(parse_markdown(md))
    while blocks and blocks[0].kind != "heading" and blocks[0].text.casefold() in {title.casefold(), "-", ""}:
        blocks = blocks[1:]  # the rest of a heading split over lines ("Overview", "-", "Alcohol misuse")
    return title, blocks


def parse_lakhia_markdown(path: Path) -> tuple[str, list[Block]]:
    """Markdown with a header the repo author added (`# name`, Source:, URL:, ---), links flattened."""
    blocks = parse_markdown(path.read_text(encoding="utf-8"))
    header = blocks[0].text if blocks and blocks[0].kind == "heading" and blocks[0].level == 1 else ""
    rest = blocks[1:] if header else blocks
    rest = [b for b in rest if not re.match(r"(?i)^(source|url)\s*:", b.text)]
    if any(b.kind == "heading" and b.level == 1 for b in rest[:6]):
        title, rest = split_title(rest)
    else:
        title = header
    return title, rest


_IRAD_HEADINGS = {
    "symptoms": "Symptoms",
    "diagnosis": "Diagnosis",
    "medical-treatments": "Treatment",
    "self-care": "Things you can do yourself",
    "causes": "Causes",
    "complications": "Complications",
    "support": "Support",
}
_IRAD_DROP_SECTIONS = {"find out more"}
_IRAD_TITLES = {
    "adhd-adults": "ADHD in adults",
    "adhd-children-teenagers": "ADHD in children and young people",
    "excessive-daytime-sleepiness-hypersomnia": "Excessive daytime sleepiness (hypersomnia)",
    "generalised-anxiety-disorder-gad": "Generalised anxiety disorder (GAD)",
}


def _irad_entry(text: str, section: str) -> Block | None:
    """One sentence of a section list: a list item when it reads like one, None for a link title."""
    text = normalize_inline(text)
    if not text:
        return None
    punct = re.search(r"[.!?:]$", text) is not None
    if text[0].isupper() and not punct:
        link_title = (
            section in {"support", "support groups"}
            or re.search(r"\([^()]*\)$", text) is not None
            or text.startswith("Website:")
            or re.match(r"^[A-Z][\w' ]{1,40}: \w", text) is not None
        )
        return None if link_title else Block("item", text, 0, text)
    if text[0].islower() and not text.endswith("."):
        return Block("item", text, 0, text)
    return Block("paragraph", text, 0, text)


def parse_irad_json(path: Path) -> tuple[str, list[Block]]:
    """NHS condition pages as JSON: section name to a list of sentences (list items after paragraphs)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    slug = path.stem.removeprefix("nhs_")
    title = _IRAD_TITLES.get(slug) or data["condition"][:1].upper() + data["condition"][1:].lower()
    blocks: list[Block] = []
    urgent = [line for line in str(data.get("urgent", "")).split("\n") if line.strip()]
    for key, value in data.items():
        if not isinstance(value, list) or key.lower() in _IRAD_DROP_SECTIONS:
            continue
        heading = _IRAD_HEADINGS.get(key, key)
        if heading.lower().startswith("non-urgent advice"):
            continue
        blocks.append(Block("heading", heading, 2, heading))
        for sentence in value:
            block = _irad_entry(sentence, key.lower())
            if block:
                blocks.append(block)
        if key == "symptoms" and urgent:
            blocks.extend(_urgent_blocks(urgent))
            urgent = []
    if urgent:
        blocks.extend(_urgent_blocks(urgent))
    return title, blocks


def _urgent_blocks(lines: list[str]) -> list[Block]:
    """The 'Non-urgent advice: See a GP if:' callout: its two label lines as one paragraph, then items."""
    out: list[Block] = []
    labels: list[str] = []
    for line in lines:
        line = normalize_inline(line)
        if line.endswith(":") and not out:
            labels.append(line)
            continue
        if labels:
            out.append(Block("paragraph", " ".join(labels), 0, " ".join(labels)))
            labels = []
        kind = "paragraph" if line.endswith(".") else "item"
        out.append(Block(kind, line, 0, line))
    return out


def _api_page_url(url: str) -> str:
    """An NHS Website Content API URL to the nhs.uk page it serves, without the fragment."""
    url = url.split("#")[0]
    return re.sub(r"^https://api\.service\.nhs\.uk/nhs-website-content/", "https://www.nhs.uk/", url)


def _html_blocks(markup: str) -> list[Block]:
    return parse_markdown(html_to_markdown(markup))


_API_PAGE_TITLES = {
    "psychosis": "Psychosis",
    "anorexia": "Anorexia",
    "generalised-anxiety-disorder": "Generalised anxiety disorder in adults",
    "bipolar-disorder": "Bipolar disorder",
    "schizophrenia": "Schizophrenia",
    "borderline-personality-disorder": "Borderline personality disorder",
    "depression-in-adults": "Depression in adults",
    "phobias": "Phobias",
    "post-natal-depression": "Postnatal depression",
    "obsessive-compulsive-disorder-ocd": "Obsessive compulsive disorder (OCD)",
    "post-traumatic-stress-disorder-ptsd": "Post-traumatic stress disorder (PTSD)",
    "eating-disorders": "Eating disorders",
}


def parse_api_json(path: Path, page_url: str) -> list[tuple[str, str, list[Block]]]:
    """NHS Website Content API responses: (url, title, blocks) for each page whose content they carry.

    A page's own sections sit in mainEntityOfPage. Hub pages (mental-health, conditions) carry no text of
    their own, only excerpts of other pages in hasPart, each with the URL of the page it comes from: those
    become documents of the pages they quote, not of the hub.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    pages: dict[str, list[Block]] = {}
    titles: dict[str, str] = {}
    own: list[Block] = []
    for element in data.get("mainEntityOfPage", []):
        if element.get("name") != "section heading":
            continue
        if element.get("headline"):
            own.append(Block("heading", normalize_inline(element["headline"]), 2, element["headline"]))
        for part in element.get("mainEntityOfPage", []):
            if part.get("headline"):
                own.append(Block("heading", normalize_inline(part["headline"]), 2, part["headline"]))
            own.extend(_html_blocks(part.get("text", "")))
    if own:
        pages[page_url] = own
        titles[page_url] = data.get("name", "")
    hub = any(e.get("name") == "toptasks" for e in data.get("mainEntityOfPage", []))
    for part in data.get("hasPart", []):
        url = _api_page_url(part.get("url", "")) if hub else page_url
        blocks = pages.setdefault(url, [])
        if part.get("headline"):
            blocks.append(Block("heading", normalize_inline(part["headline"]), 2, part["headline"]))
        for sub in part.get("hasPart", []):
            if sub.get("headline"):
                blocks.append(Block("heading", normalize_inline(sub["headline"]), 3, sub["headline"]))
            blocks.extend(_html_blocks(sub.get("text", "")))
        if hub:
            segs = [s for s in urlsplit(url).path.split("/") if s]
            name = _API_PAGE_TITLES.get(segs[-2], segs[-2].replace("-", " ").capitalize())
            titles[url] = f"{segs[-1].capitalize()} - {name}"
        else:
            titles[url] = data.get("name", "")
    return [(url, titles[url], blocks) for url, blocks in pages.items() if blocks]


def _split_medquad_answer(answer: str) -> list[Block]:
    """A MedQuAD answer (plain text, paragraphs run together) to paragraphs and list items.

    Lists appear as ' - a  - b  - c', and NIHSeniorHealth answers then repeat the items run together
    ('a b c'): that repeat is dropped. Video instructions and 'Learn more about ...' link sentences go.
    """
    answer = re.sub(r"^\s*Summary\s*:\s*", "", answer)
    answer = re.sub(r"\s*\(Watch the video(?:[^()]|\([^()]*\))*\)", " ", answer)
    answer = re.sub(r"\s+(NIH|CDC|FDA|NLM|SAMHSA): [A-Z][^.]*$", "", answer.rstrip())
    blocks: list[Block] = []
    for chunk in re.split(r"\s{3,}(?=[^\s-])", answer.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if " - " not in chunk and not chunk.startswith("- "):
            blocks.extend(_medquad_paragraphs(chunk))
            continue
        head, _, tail = chunk.partition(" - ") if not chunk.startswith("- ") else ("", "", chunk[2:])
        if head.strip():
            blocks.extend(_medquad_paragraphs(head))
        items = [normalize_inline(i) for i in re.split(r"\s+-\s+", tail) if i.strip()]
        rest = ""
        if len(items) > 1:
            last = items[-1]
            flat = " ".join(items[:-1])
            pos = last.find(" " + items[0])
            repeat = last[pos + 1 :] if pos > 0 else ""
            own_last = last[:pos] if pos > 0 else last
            if repeat and (repeat.startswith(flat) or f"{flat} {own_last}".startswith(repeat)):
                rest = repeat[len(flat) :].strip() if repeat.startswith(flat) else ""
                if rest.startswith(own_last):  # the repeat includes the last item too
                    rest = rest[len(own_last) :].strip()
                items[-1] = own_last
        blocks.extend(Block("item", i.rstrip(), 0, i) for i in items)
        if rest:
            blocks.extend(_medquad_paragraphs(rest))
    return blocks


def _medquad_paragraphs(text: str) -> list[Block]:
    text = normalize_inline(text)
    text = re.sub(r"(?:^|(?<=[.?!] ))Learn more(?: about [^.]*)?\.?(?= |$)", "", text).strip()
    return [Block("paragraph", text, 0, text)] if text else []


def parse_medquad_xml(path: Path) -> tuple[str, str, list[Block]]:
    """A MedQuAD record: (url, focus as title, blocks) with each question as a heading over its answer."""
    root = ET.parse(path).getroot()
    url = root.get("url", "")
    title = normalize_inline(root.findtext("Focus") or "")
    blocks: list[Block] = []
    previous = None
    for pair in root.iter("QAPair"):
        question = normalize_inline(pair.findtext("Question") or "")
        question = re.sub(r"\s*\?(\s*\?)*$", "?", question)
        question = question[:1].upper() + question[1:]
        answer = pair.findtext("Answer") or ""
        if question != previous:
            blocks.append(Block("heading", question, 2, question))
            previous = question
        blocks.extend(_split_medquad_answer(answer))
    return url, title, blocks


def parse_inner_text(path: Path) -> tuple[str, list[Block]]:
    """Visible page text (innerText) where every link broke the line: rejoin the pieces, find the headings.

    The text starts after the section navigation (its last entry is 'Patient Handouts' on MedlinePlus) and
    ends at the attribution line ('NIH: ...'); questions on their own line are headings.
    """
    lines = [normalize_inline(line) for line in path.read_text(encoding="utf-8").splitlines()]
    title = re.sub(r"\s*:\s*MedlinePlus\s*$", "", lines[0]) if lines else ""
    if "Patient Handouts" in lines:
        lines = lines[lines.index("Patient Handouts") + 1 :]
    joined: list[str] = []
    for line in lines:
        if not line:
            continue
        if re.match(r"^(NIH|NLM|CDC|FDA): ", line) or line in {"Start Here", "Learn More"}:
            break
        glue = bool(joined) and (
            re.match(r"^[a-z,.;:)]", line) is not None
            or (not re.search(r"[.?!:]$", joined[-1]) and re.match(r"^[a-z]", line) is not None)
            or (len(joined[-1].split()) <= 3 and not re.search(r"[.?!:]$", joined[-1]) and line[:1].islower())
        )
        if glue and not joined[-1].endswith("?"):
            sep = "" if re.match(r"^[,.;:)]", line) else " "
            joined[-1] = joined[-1] + sep + line
        else:
            joined.append(line)
    blocks: list[Block] = []
    for line in joined:
        if line.endswith("?") and len(line.split()) <= 14:
            blocks.append(Block("heading", line, 3, line))
        else:
            blocks.append(Block("paragraph", line, 0, line))
    return title, blocks


# ------------------------------------------------------------------------------------------ build


def collect(shared: Path, sources: Sequence[Source], lexicon: Lexicon, report: Report) -> list[Candidate]:
    """Every redistributable page of every capture folder, cleaned."""
    root = shared / "sources"
    out: list[Candidate] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name in EXCLUDED_CAPTURES:
            report.excluded.append((folder.name + "/*", EXCLUDED_CAPTURES[folder.name]))
            continue
        for row in read_manifest(folder):
            out.extend(_candidates(folder, row, sources, lexicon, report))
    return out


def _candidates(
    folder: Path, row: dict[str, str], sources: Sequence[Source], lexicon: Lexicon, report: Report
) -> Iterable[Candidate]:
    name, file = folder.name, row["file"]
    path = folder / file
    url = canonical_url(manifest_url(row))
    source = source_for_url(url, sources)
    label = f"{name}/{file}"
    if source is None:
        report.excluded.append((label, f"no registry source covers {urlsplit(url).hostname}"))
        return
    if not source.redistributable:
        report.excluded.append((label, f"{source.name}: {source.licence}"))
        return
    licence = source.licence
    pages: list[tuple[str, str, list[Block]]] = []
    if name == "cookie1986-Extractive-QA":
        parsed = parse_cookie_markdown(path)
        if parsed is None:
            report.excluded.append((label, "captured a 'Page not found' page"))
            return
        pages.append((url, *parsed))
    elif name == "lakhia13-cmpsc441project":
        pages.append((url, *parse_lakhia_markdown(path)))
    elif name == "IradHachaichi-NHSense-Bot":
        pages.append((url, *parse_irad_json(path)))
    elif name == "NHSDigital-nhs-website-content-api":
        pages.extend((canonical_url(u), t, b) for u, t, b in parse_api_json(path, url))
    elif name == "abachaa-MedQuAD":
        _, title, blocks = parse_medquad_xml(path)
        pages.append((url, title, blocks))
        licence = f"{licence}; via MedQuAD (CC BY 4.0)" if "MedQuAD" not in licence else licence
    elif name == "ziabanday-sukoonai":
        pages.append((url, *parse_inner_text(path)))
    elif name == "Londiwe12-Doctor-Appointment-System":
        markup = path.read_text(encoding="utf-8")
        m = re.search(r"<title>(.*?)</title>", markup, re.S | re.I)
        title = m.group(1).split("|")[-1].strip() if m else ""
        pages.append((url, title, parse_markdown(html_to_markdown(markup))))
    else:
        report.excluded.append((label, "unknown capture format"))
        return
    for page_url, title, blocks in pages:
        repairer = GlueRepairer(lexicon)
        host = urlsplit(page_url).hostname or ""
        cleaned = clean_blocks(blocks, rules=rules_for(host), repairer=repairer)
        title = normalize_inline(repairer(title)) if title else title
        yield Candidate(page_url, title, source, name, file, cleaned, licence, list(repairer.repairs))


def _line_key(line: str) -> str:
    return " ".join(line.removeprefix("- ").casefold().split())


# Old nhs.uk addresses that now redirect to pages under /mental-health/ or /nhs-services/.
LEGACY_PREFIXES = (
    "https://www.nhs.uk/conditions/stress-anxiety-depression/",
    "https://www.nhs.uk/conditions/cognitive-behavioural-therapy-cbt/",
)


def _legacy(url: str) -> bool:
    return url.startswith(LEGACY_PREFIXES)


def collapse(cands: list[Candidate], report: Report) -> list[Candidate]:
    """One capture per page: the same URL keeps its best capture; a page captured at two addresses (an old
    one that now redirects) is kept once, at the current address, when 90% of its lines are the same."""
    by_url: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_url[c.url].append(c)
    kept: list[Candidate] = []
    for url in sorted(by_url):
        group = sorted(by_url[url], key=lambda c: (RANK.get(c.capture, 9), -len(c.text), c.file))
        kept.append(group[0])
        for loser in group[1:]:
            report.collapsed.append(
                (f"{loser.capture}/{loser.file}", f"{group[0].capture}/{group[0].file}", url)
            )
    # the same page at two addresses (an old one that now redirects): keep the current address
    kept.sort(key=lambda c: (-len(c.text), _legacy(c.url), c.url))
    lines = {c.url: {_line_key(x) for x in c.text.split("\n") if len(x) >= 30} for c in kept}
    final: list[Candidate] = []
    for c in kept:
        mine = lines[c.url]
        dup_of = None
        if len(mine) >= 5:
            for bigger in final:
                if bigger.source.id == c.source.id and len(mine & lines[bigger.url]) >= 0.9 * len(mine):
                    dup_of = bigger
                    break
        if dup_of is not None:
            report.collapsed.append(
                (f"{c.capture}/{c.file} ({c.url})", f"{dup_of.capture}/{dup_of.file}", dup_of.url)
            )
            continue
        final.append(c)
    return final


def to_document(c: Candidate) -> Document:
    text, sections = render(c.blocks)
    return Document(
        id=doc_id(c.url),
        url=c.url,
        title=c.title,
        publisher=SHORT_PUBLISHER.get(c.source.id, c.source.name),
        source_id=c.source.id,
        licence=c.licence,
        redistributable=c.source.redistributable,
        retrieved=CAPTURE_DATES[c.capture],
        content_hash=content_hash(text),
        text=text,
        sections=sections,
    )


def clean_lexicon_texts(shared: Path) -> list[str]:
    """Plain text of the captures whose word boundaries survived, for counting words and word pairs."""
    texts: list[str] = []
    root = shared / "sources"
    for name in CLEAN_CAPTURES:
        folder = root / name
        for row in read_manifest(folder):
            path = folder / row["file"]
            if "nhs.uk" not in manifest_url(row):
                continue
            raw = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                raw = "\n".join(html_to_markdown(t) for t in _json_texts(json.loads(raw)))
            texts.extend(strip_inline_markdown(line) for line in raw.splitlines())
    return texts


def _json_texts(obj: object) -> Iterable[str]:
    """Every "text" string in a JSON document (the HTML fragments of an API response)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _json_texts(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _json_texts(value)


def build(shared: Path, out: Path, *, use_wordfreq: bool = True, dump: Path | None = None) -> int:
    if not (shared / "sources").is_dir():
        print(f"error: no captures at {shared / 'sources'} (pass --shared PATH)", file=sys.stderr)
        return 1
    if use_wordfreq:
        try:
            import wordfreq  # noqa: F401
        except ImportError:
            print(
                "error: wordfreq is not installed: `pip install wordfreq==3.1.1` (or --no-wordfreq)",
                file=sys.stderr,
            )
            return 1
    sources = load_sources(REGISTRY)
    PACKAGED_REGISTRY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REGISTRY, PACKAGED_REGISTRY)

    lexicon = Lexicon.from_texts(clean_lexicon_texts(shared), use_wordfreq=use_wordfreq)
    report = Report()
    cands = collect(shared, sources, lexicon, report)
    cands = collapse(cands, report)
    docs: list[Document] = []
    repairs: Counter[str] = Counter()
    examples: list[tuple[str, str]] = []
    for c in cands:
        doc = to_document(c)
        if len(doc.text) < MIN_CHARS:
            report.too_short.append((f"{c.capture}/{c.file} ({c.url})", len(doc.text)))
            continue
        docs.append(doc)
        repairs[c.capture] += len(c.repairs)
        examples.extend(c.repairs)
    ids = Counter(d.id for d in docs)
    assert all(n == 1 for n in ids.values()), "duplicate document ids"
    write_shipped_snapshot(docs, out)  # refuses any non-redistributable document
    from claimcheck.quotes import VOCABULARY_FILE, write_vocabulary

    write_vocabulary(docs, out.with_name(VOCABULARY_FILE))  # word counts the quote display reads
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        for d in docs:
            (dump / f"{d.source_id}-{d.id}.txt").write_text(
                f"{d.title}\n{d.url}\n\n{d.text}\n", encoding="utf-8"
            )
        (dump / "_repairs.tsv").write_text("".join(f"{a}\t{b}\n" for a, b in examples), encoding="utf-8")
    _summary(docs, report, repairs, out, lexicon)
    return 0


def _summary(
    docs: list[Document], report: Report, repairs: Counter[str], out: Path, lexicon: Lexicon
) -> None:
    per: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        per[d.publisher].append(d)
    print(
        f"wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}: {len(docs)} documents, "
        f"{sum(len(d.text) for d in docs):,} characters, corpus hash {corpus_hash(docs)[:16]}"
    )
    print(f"{'publisher':<18}{'documents':>10}{'characters':>12}{'sections':>10}")
    for pub in sorted(per):
        ds = per[pub]
        print(
            f"{pub:<18}{len(ds):>10}{sum(len(d.text) for d in ds):>12,}{sum(len(d.sections) for d in ds):>10}"
        )
    wf = "wordfreq + corpus word pairs" if lexicon.has_frequencies else "corpus word pairs only"
    print(f"glue repairs ({wf}): {sum(repairs.values())}", end="")
    print(" (" + ", ".join(f"{k}: {v}" for k, v in sorted(repairs.items()) if v) + ")")
    print(f"duplicates collapsed: {len(report.collapsed)}")
    for (loser, winner), n in Counter((lo, wi) for lo, wi, _ in report.collapsed).items():
        print(f"  {loser} -> kept {winner}" + (f" ({n} pages)" if n > 1 else ""))
    print(f"excluded: {len(report.excluded)}")
    reasons = Counter(reason for _, reason in report.excluded)
    for reason, n in sorted(reasons.items()):
        print(f"  {n:>3} x {reason}")
    if report.too_short:
        print(f"dropped under {MIN_CHARS} characters: {len(report.too_short)}")
        for label, n in report.too_short:
            print(f"  {label}: {n}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=SNAPSHOT, help="where to write the snapshot")
    parser.add_argument("--no-wordfreq", action="store_true", help="repair glue from corpus word pairs only")
    parser.add_argument("--dump", type=Path, help="also write each document's text here, for review")
    args = parser.parse_args(argv)
    return build(args.shared.resolve(), args.out, use_wordfreq=not args.no_wordfreq, dump=args.dump)


if __name__ == "__main__":
    raise SystemExit(main())
