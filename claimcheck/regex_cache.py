"""Compiled regular expressions kept between runs, so the safety rules are not re-parsed at every start.

The crisis and harmful-advice rules are about 300 long patterns. Parsing them costs 0.15-0.25 s, and every
`claimcheck check` pays it, because the crisis check runs on every input. Python cannot save a compiled
pattern, but what `re` hands to its C engine (`_sre.compile`: the opcode list, flags and group names) is
plain data. This module keeps that data in the user's cache folder, one file per Python build, and builds
patterns straight from it, as `__pycache__` does for bytecode. Anything unexpected (another Python, a damaged
or unwritable file, internals that moved) falls back to `re.compile`; the C engine validates opcode lists
it is given; and a pattern built from the cache compares equal to `re.compile`'s (`Pattern.__eq__` compares
the compiled code), which the tests check for every safety rule.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path

try:  # CPython internals: their absence only means no cache
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other Python implementations
    _sre = None

# A file past this size holds mostly patterns of older releases: it is started afresh.
MAX_CACHE_BYTES = 16 * 1024 * 1024

_entries: dict[str, tuple] | None = None  # key -> arguments of _sre.compile after the pattern
_dirty = False


def cache_file() -> Path | None:
    """Where this Python build's compiled patterns live (None: this interpreter cannot use a cache)."""
    if _sre is None or os.environ.get("CLAIMCHECK_NO_REGEX_CACHE"):
        return None
    from claimcheck.paths import cache_dir

    folder = cache_dir()
    if not folder.is_absolute():  # no home folder to be found: never write into the working directory
        return None
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return folder / f"regex-{tag}.marshal"


def _load() -> dict[str, tuple]:
    global _entries
    if _entries is None:
        _entries = {}
        path = cache_file()
        try:
            if path is not None and path.stat().st_size <= MAX_CACHE_BYTES:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    _entries = data
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing or damaged: rebuilt as patterns are compiled
    return _entries


def _key(pattern: str, flags: int) -> str:
    return f"{flags}\x00{pattern}"


def _parts(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern (CPython 3.11-3.13)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def cached_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache when this Python has compiled it before."""
    global _dirty
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or cache_file() is None:
        return re.compile(pattern, flags)
    entries = _load()
    key = _key(pattern, flags)
    if key in entries:
        try:
            return _sre.compile(pattern, *entries[key])
        except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh below, and the file mended
            del entries[key]
    try:
        entries[key] = _parts(pattern, flags)
        _dirty = True
        return _sre.compile(pattern, *entries[key])
    except Exception:  # noqa: BLE001 - internals moved: the public way always works
        entries.pop(key, None)
        return re.compile(pattern, flags)


def save_compiled() -> None:
    """Write newly compiled patterns to the cache (atomically; silently skipped where it cannot be written)."""
    global _dirty
    path = cache_file()
    if not _dirty or path is None or _entries is None:
        return
    from claimcheck.files import write_atomic

    try:
        write_atomic(path, marshal.dumps(_entries))
        _dirty = False
    except (OSError, ValueError):
        pass
