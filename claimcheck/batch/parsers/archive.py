"""Zip exports read safely: caps on entries, uncompressed size and compression ratio; names never become paths."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from claimcheck.batch.parsers.source import Meter, Source, safe_name
from claimcheck.batch.records import ExportError

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 100  # chat text compresses about 5-10 times; a bomb compresses thousands of times
READABLE = (".txt", ".json", ".js", ".csv", ".jsonl", ".ndjson")


class _Capped(io.RawIOBase):
    """Reads a zip entry but refuses to yield more than its declared size (a lying header is a bomb)."""

    def __init__(self, raw: BinaryIO, limit: int, name: str, archive: zipfile.ZipFile) -> None:
        self._raw, self._left, self._name, self._archive = raw, limit, name, archive

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        try:
            data = self._raw.read(min(len(buffer), self._left + 1))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ExportError(f"zip entry {self._name} is damaged ({exc}): export the chat again") from exc
        if len(data) > self._left:
            raise ExportError(f"zip entry {self._name} is larger than its header says: refused as unsafe")
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        self._archive.close()
        super().close()


def check_archive(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse an archive over the caps before a single byte is decompressed."""
    if len(infos) > MAX_ENTRIES:
        raise ExportError(f"{name} holds {len(infos)} files, over the limit of {MAX_ENTRIES}: refused as unsafe")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ExportError(
            f"{name} would unpack to {total // 2**20} MB, over the limit of {MAX_TOTAL_BYTES // 2**20} MB: "
            "refused as unsafe"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExportError(
                f"{name}: an entry compresses {info.file_size // max(info.compress_size, 1)} times "
                f"(limit {MAX_RATIO}): refused as a likely zip bomb"
            )


def zip_sources(path: Path, meter: Meter) -> tuple[list[Source], list[str]]:
    """Sources for the readable entries of a zip, and a note for each entry left out."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ExportError(f"{path.name} is not a readable zip archive ({exc})") from exc
    check_archive(infos, safe_name(path.name))
    sources, notes = [], []
    for info in infos:
        if info.is_dir():
            continue
        base = safe_name(PurePosixPath(info.filename.replace("\\", "/")).name)
        if not base.lower().endswith(READABLE) or base.startswith("."):
            notes.append(f"{safe_name(path.name)}: {base} left out (not a text export; media are never read)")
            continue
        tag = hashlib.sha256(f"{path.name}/{info.filename}".encode("utf-8", "replace")).hexdigest()[:8]
        sources.append(Source(base, tag, info.file_size, _opener(path, info, base), meter))
    return sources, notes


def _opener(path: Path, info: zipfile.ZipInfo, base: str) -> Callable[[], BinaryIO]:
    def open_entry() -> BinaryIO:
        zf = zipfile.ZipFile(path)
        try:
            raw = zf.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError, EOFError) as exc:
            zf.close()
            raise ExportError(f"zip entry {base} cannot be opened ({exc})") from exc
        return io.BufferedReader(_Capped(raw, info.file_size, base, zf))  # type: ignore[return-value]

    return open_entry
