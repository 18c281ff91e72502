"""Zip exports read safely: caps on entries, sizes and compression ratio; names never become paths.

Every cap holds before a byte is decompressed (from the sizes the archive declares) and again while reading
(from the bytes actually decompressed, summed over every entry), so a lying header gains nothing.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from claimcheck.batch.parsers.source import Meter, Source, safe_name, strip_controls
from claimcheck.batch.records import ExportError

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 1024**3  # one file unpacked
MAX_TOTAL_BYTES = 2 * 1024**3  # every file unpacked, together
MAX_RATIO = 100  # chat text compresses about 5-10 times; a bomb compresses hundreds or thousands of times
# The ratio is not judged below this many unpacked bytes (a tiny file can compress well and still unpack to
# little); above it, for each file and for the text files together, so a bomb split into many small files
# (40 files of exactly 1 MiB, 150 KB on disk, would give 476,640 messages) is caught.
RATIO_MIN_BYTES = 64 * 1024
READABLE = (".txt", ".json", ".js", ".csv", ".jsonl", ".ndjson")


@dataclass
class _Budget:
    """Bytes actually decompressed from one archive: each entry's furthest read, summed over the entries.

    An entry read twice (its head for format detection, then whole) counts once."""

    name: str
    read: dict[str, int] = field(default_factory=dict)
    total: int = 0

    def advance(self, key: str, entry: str, offset: int) -> None:
        """Count entry `key` (shown as `entry`) read up to `offset`; refuse past either cap."""
        before = self.read.get(key, 0)
        if offset <= before:
            return
        if offset > MAX_ENTRY_BYTES:
            raise ExportError(
                f"zip entry {entry} unpacks to over {MAX_ENTRY_BYTES // 2**20} MB: refused as unsafe"
            )
        self.total += offset - before
        self.read[key] = offset
        if self.total > MAX_TOTAL_BYTES:
            raise ExportError(
                f"{self.name} unpacks to over {MAX_TOTAL_BYTES // 2**20} MB: refused as unsafe"
            )


class _Capped(io.RawIOBase):
    """Reads a zip entry but refuses to yield more than its declared size (a lying header is a bomb), and
    counts what it yields against the archive's budget."""

    def __init__(
        self, raw: BinaryIO, limit: int, name: str, archive: zipfile.ZipFile, budget: _Budget | None = None,
        key: str = "",
    ) -> None:
        self._raw, self._left, self._name, self._archive = raw, limit, name, archive
        self._budget, self._key, self._offset = budget or _Budget(name), key or name, 0

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
        self._offset += len(data)
        self._budget.advance(self._key, self._name, self._offset)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        self._archive.close()
        super().close()


def _readable(filename: str) -> bool:
    """A text export by its whole name (never a shortened display name, which could lose the extension)."""
    base = strip_controls(PurePosixPath(filename.replace("\\", "/")).name)
    return base.lower().endswith(READABLE) and not base.startswith(".")


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
        if info.file_size > MAX_ENTRY_BYTES:
            raise ExportError(
                f"{name}: one file would unpack to {info.file_size // 2**20} MB, over the limit of "
                f"{MAX_ENTRY_BYTES // 2**20} MB: refused as unsafe"
            )
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExportError(
                f"{name}: an entry compresses {info.file_size // max(info.compress_size, 1)} times "
                f"(limit {MAX_RATIO}): refused as a likely zip bomb"
            )
    texts = [i for i in infos if not i.is_dir() and _readable(i.filename)]
    unpacked, packed = sum(i.file_size for i in texts), sum(i.compress_size for i in texts)
    if unpacked > RATIO_MIN_BYTES and unpacked > MAX_RATIO * max(packed, 1):
        raise ExportError(
            f"{name}: its text files compress {unpacked // max(packed, 1)} times together "
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
    budget = _Budget(safe_name(path.name))
    sources, notes = [], []
    for index, info in enumerate(infos):
        if info.is_dir():
            continue
        base = safe_name(PurePosixPath(info.filename.replace("\\", "/")).name)
        if not _readable(info.filename):
            notes.append(f"{safe_name(path.name)}: {base} left out (not a text export; media are never read)")
            continue
        tag = hashlib.sha256(f"{path.name}/{info.filename}".encode("utf-8", "replace")).hexdigest()[:8]
        sources.append(Source(base, tag, info.file_size, _opener(path, info, base, budget, str(index)), meter))
    return sources, notes


def _opener(path: Path, info: zipfile.ZipInfo, base: str, budget: _Budget, key: str) -> Callable[[], BinaryIO]:
    def open_entry() -> BinaryIO:
        zf = zipfile.ZipFile(path)
        try:
            raw = zf.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError, EOFError) as exc:
            zf.close()
            raise ExportError(f"zip entry {base} cannot be opened ({exc})") from exc
        return io.BufferedReader(_Capped(raw, info.file_size, base, zf, budget, key))  # type: ignore[return-value]

    return open_entry
