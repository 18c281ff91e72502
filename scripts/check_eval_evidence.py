"""Check that every evidence sentence in corpus/eval/claims.jsonl occurs verbatim in its source page."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"\*\*|__")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")

# Folders that hold the shipped publishers' pages (Mind/NAMI/Samaritans/WHO are excluded by file prefix).
_FOLDERS = (
    "cookie1986-Extractive-QA",
    "IradHachaichi-NHSense-Bot",
    "lakhia13-cmpsc441project",
    "abachaa-MedQuAD",
)
_EXCLUDED = ("samaritans", "www.mind.org", "minduk_", "nami_", "who_")


def visible_text(path: Path) -> str:
    """Return the text a reader sees: markdown links reduced to their text, JSON/XML values joined."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(raw)
        parts: list[str] = []

        def walk(node: object) -> None:
            if isinstance(node, str):
                parts.append(node)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)

        walk(data)
        return "\n".join(parts)
    if path.suffix == ".xml":
        root = ET.fromstring(raw)
        return "\n".join((el.text or "") for el in root.iter() if el.tag in ("Answer", "Question", "Focus"))
    text = _MD_LINK.sub(r"\1", raw)
    text = _MD_EMPH.sub("", text)
    return text


def normalise(text: str) -> str:
    """Collapse runs of spaces so a sentence wrapped across markdown fragments still matches."""
    return _SPACES.sub(" ", text)


def load_pages(shared: Path) -> dict[str, list[str]]:
    """Map each page URL to the visible texts of the files captured from it."""
    pages: dict[str, list[str]] = {}
    for folder in _FOLDERS:
        base = shared / "sources" / folder
        with (base / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                name = row["file"]
                if name.startswith(_EXCLUDED) or not (base / name).exists():
                    continue
                pages.setdefault(row["page_url"], []).append(visible_text(base / name))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, required=True, help="the shared folder holding sources/")
    parser.add_argument(
        "--claims", type=Path, default=Path(__file__).resolve().parents[1] / "corpus/eval/claims.jsonl"
    )
    args = parser.parse_args(argv)
    pages = load_pages(args.shared)
    total = exact = loose = 0
    for line in args.claims.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        texts = pages.get(item.get("url", ""), [])
        for sentence in item.get("evidence", []):
            total += 1
            if any(sentence in t for t in texts):
                exact += 1
            elif any(normalise(sentence) in normalise(t) for t in texts):
                loose += 1
                print(f"whitespace-only match: {item['id']}: {sentence!r}")
            else:
                print(f"NOT FOUND: {item['id']} ({item.get('url')}): {sentence!r}")
    print(f"{exact}/{total} evidence sentences found verbatim ({loose} more after collapsing spaces)")
    return 0 if exact + loose == total else 1


if __name__ == "__main__":
    sys.exit(main())
