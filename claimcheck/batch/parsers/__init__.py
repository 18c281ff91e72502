"""Export parsers: detect the format of each file and stream its records (messages and explained skips)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.batch.parsers import discord, facebook, reddit, tabular, telegram, twitter, whatsapp
from claimcheck.batch.parsers.archive import zip_sources
from claimcheck.batch.parsers.source import Meter, Source, safe_name
from claimcheck.batch.records import ExportError, Record

FORMATS = (
    "whatsapp",
    "facebook",
    "reddit",
    "discord-json",
    "discord-csv",
    "telegram",
    "twitter",
    "csv",
    "jsonl",
)


def detect_format(head: bytes, name: str) -> str | None:
    """The format of an export from its first bytes and its name, or None when it is not one we read."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lower = name.lower()
    if twitter.looks_like(text, name):
        return "twitter"
    if whatsapp.looks_like(text):
        return "whatsapp"  # before JSON: iOS chat lines open with "["
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        if lower.endswith((".jsonl", ".ndjson")):
            return "jsonl"
        for fmt, test in (
            ("reddit", reddit.looks_like),
            ("discord-json", discord.looks_like_json),
            ("telegram", telegram.looks_like),
            ("facebook", facebook.looks_like),
        ):
            if test(text):
                return fmt
        if tabular.looks_like_jsonl(text, name):
            return "jsonl"
        return None
    if lower.endswith(".csv") or discord.looks_like_csv(text):
        return "discord-csv" if discord.looks_like_csv(text) else "csv"
    return None


def parse_source(source: Source, fmt: str, text_column: str | None = None) -> Iterator[Record]:
    parsers: dict[str, Callable[[Source], Iterator[Record]]] = {
        "whatsapp": whatsapp.parse,
        "facebook": facebook.parse,
        "reddit": reddit.parse,
        "discord-json": discord.parse_json,
        "discord-csv": discord.parse_csv,
        "telegram": telegram.parse,
        "twitter": twitter.parse,
        "csv": lambda s: tabular.parse_csv(s, text_column),
        "jsonl": lambda s: tabular.parse_jsonl(s, text_column),
    }
    return parsers[fmt](source)


@dataclass
class Export:
    """The files of one or more exports, each with its detected format, and notes about what was left out."""

    sources: list[tuple[Source, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    meter: Meter = field(default_factory=Meter)

    @property
    def total_bytes(self) -> int:
        return sum(s.size for s, _ in self.sources)

    def records(self, text_column: str | None = None) -> Iterator[Record]:
        for source, fmt in self.sources:
            yield from parse_source(source, fmt, text_column)


def file_source(path: Path, meter: Meter) -> Source:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    tag = hashlib.sha256(path.name.encode("utf-8", "replace")).hexdigest()[:8]
    return Source(safe_name(path.name), tag, size, lambda: open(path, "rb"), meter)


def read_export(paths: list[Path], input_format: str | None = None) -> Export:
    """Open every export (zip entries included), detect each format, and refuse what cannot be read."""
    if input_format is not None and input_format not in FORMATS:
        raise ExportError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
    export = Export()
    for path in paths:
        if not path.is_file():
            raise ExportError(f"cannot read {path}: no such file")
        with open(path, "rb") as f:
            magic = f.read(4)
        if magic == b"PK\x03\x04" or path.suffix.lower() == ".zip":
            sources, notes = zip_sources(path, export.meter)
            export.notes += notes
        else:
            sources = [file_source(path, export.meter)]
        for source in sources:
            fmt = input_format or detect_format(source.head(), source.name)
            if fmt is None:
                if len(sources) > 1:
                    export.notes.append(f"{source.name} left out (not a chat export claimcheck reads)")
                    continue
                raise ExportError(
                    f"{source.name}: format not recognised; pass --input-format ({', '.join(FORMATS)})"
                )
            export.sources.append((source, fmt))
    if not export.sources:
        raise ExportError("no readable export found in " + ", ".join(safe_name(p.name) for p in paths))
    return export
