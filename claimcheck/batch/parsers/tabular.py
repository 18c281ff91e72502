"""Generic CSV (RFC 4180, multi-line cells) and JSONL exports, read as streams, with a chosen text column."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from claimcheck.batch.parsers.source import Source, as_str, iter_lines, safe_name
from claimcheck.batch.records import SKIP_MALFORMED, ExportError, Record, Skip, message_or_skip

TEXT_COLUMNS = ("text", "content", "message", "body", "comment", "full_text", "post", "selftext")
AUTHOR_COLUMNS = ("author", "user", "username", "name", "from", "sender", "screen_name", "handle")
TIME_COLUMNS = ("timestamp", "date", "time", "created_at", "created", "datetime")
SKIP_TOO_LONG = "line too long"


def _pick(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    lower = {c.strip().lower(): c for c in columns}
    return next((lower[w] for w in wanted if w in lower), None)


def iter_rows(source: Source) -> Iterator[tuple[int, int, dict[str, str] | None, str | None]]:
    """(row number, line number, row or None, problem) for each CSV record after the header."""
    with source.text(newline="") as stream:
        reader = csv.reader(stream)
        header = _header(reader, source.name)
        if not header:
            return
        n = 0
        while True:
            n += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield n, reader.line_num, None, f"{SKIP_MALFORMED}: {str(exc)[:60]}"
                continue
            if not any(cell.strip() for cell in row):
                n -= 1  # a blank line is not a record
                continue
            yield n, reader.line_num, dict(zip(header, row, strict=False)), None


def _header(reader: Iterator[list[str]], name: str) -> list[str]:
    """The first non-blank row (blank lines before it are not records)."""
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                return [h.lstrip("\ufeff").strip() for h in row]
    except csv.Error as exc:
        raise ExportError(f"{name}: the CSV header cannot be read ({exc})") from exc
    return []


def csv_header(source: Source) -> list[str]:
    with source.text(count=False, newline="") as stream:
        return _header(csv.reader(stream), source.name)


def parse_csv(source: Source, text_column: str | None = None) -> Iterator[Record]:
    """One record per row; the text comes from `text_column` (or the first of text, content, message, ...)."""
    columns = csv_header(source)
    column = text_column if text_column in columns else None if text_column else _pick(columns, TEXT_COLUMNS)
    if column is None:
        raise ExportError(
            f"{source.name}: no text column {'named ' + repr(text_column) if text_column else 'found'}; "
            f"pass --text-column (columns: {', '.join(safe_name(c)[:40] for c in columns[:20]) or 'none'})"
        )
    author_col, time_col = _pick(columns, AUTHOR_COLUMNS), _pick(columns, TIME_COLUMNS)
    thread = source.name.rsplit(".", 1)[0]
    for n, line, row, problem in iter_rows(source):
        mid = f"{source.tag}:r{n}"
        if row is None:
            yield Skip(mid, problem or SKIP_MALFORMED, thread, line)
            continue
        yield message_or_skip(
            mid, row.get(author_col, "") if author_col else "", row.get(time_col) if time_col else None,
            row.get(column), thread, line,
        )


def parse_jsonl(source: Source, text_column: str | None = None) -> Iterator[Record]:
    """One record per non-blank line; a line that is not a JSON object is a malformed skip."""
    thread = source.name.rsplit(".", 1)[0]
    with source.text() as stream:
        for number, line, too_long in iter_lines(stream):
            mid = f"{source.tag}:L{number}"
            if too_long:
                yield Skip(mid, SKIP_TOO_LONG, thread, number)
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                yield Skip(mid, SKIP_MALFORMED, thread, number)
                continue
            if not isinstance(obj, dict):
                yield Skip(mid, SKIP_MALFORMED, thread, number)
                continue
            keys = [k for k in obj if isinstance(k, str)]
            column = text_column or _pick(keys, TEXT_COLUMNS)
            if column is None or column not in obj:
                yield Skip(mid, "no text field", thread, number)
                continue
            author_key, time_key = _pick(keys, AUTHOR_COLUMNS), _pick(keys, TIME_COLUMNS)
            yield message_or_skip(
                mid,
                as_str(obj.get(author_key)) if author_key else "",
                as_str(obj.get(time_key)) if time_key else None,
                obj.get(column), thread, number,
            )


def looks_like_jsonl(head: str, name: str) -> bool:
    if name.lower().endswith((".jsonl", ".ndjson")):
        return True
    lines = [ln for ln in head.splitlines()[:3] if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(ln), dict) for ln in lines[:2])
    except ValueError:
        return False
