"""Stream a JSON export with ijson: the items of chosen arrays one at a time, everything else built as usual.

A JSON export (Facebook, Reddit, Discord, Telegram, X) is one big array or object; loading it whole would cost
several times its size in memory. `stream_json` walks the parse events and yields each item of the arrays named
in `stream` (ijson prefixes, e.g. "messages" or "chats.list.item.messages") as soon as it is complete, so memory
is bounded by the largest single item, never the file. Values outside those arrays are built as `json.loads`
would build them, with `STREAMED` standing in for each streamed array.

Damage (truncation, a bad byte, invalid JSON, trailing garbage, a streamed array's key twice in one object, which
`json.loads` would resolve by dropping the first array) raises a one-line ExportError when the parser
reaches it: the records before the damage have been yielded by then, the rest of the export is not read.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Collection, Iterator
from typing import Any, BinaryIO

import ijson

from claimcheck.batch.parsers.source import Source
from claimcheck.batch.records import ExportError

try:  # the C backend (yajl2_c) parses about ten times faster than the pure-Python one
    _ijson: Any = ijson.get_backend("yajl2_c")
except ImportError:  # pragma: no cover - a platform without ijson's wheels
    _ijson = ijson

PREFIX_SCAN_BYTES = 1024 * 1024
# Deeper than any chat export nests (a Reddit thread: about 5 levels a reply), shallower than Python's recursion
# limit, so nothing downstream that recurses into an item can fail on one.
MAX_DEPTH = 512
STREAMED = type("Streamed", (), {"__repr__": lambda self: "STREAMED"})()


class _StrictReader(io.RawIOBase):
    """Passes bytes through while checking them as `json.loads` would: strict UTF-8, and no vertical tab or form
    feed (yajl takes those as whitespace, Python's json refuses them).

    At the end it adds one `"`: yajl does not notice an unterminated string after a complete document (`{} "ab`),
    and the quote turns that into a complete string, which it refuses as trailing garbage. After a valid document
    the quote opens a string that never ends, which yajl ignores. A file ending in a backslash is refused here
    (no valid document ends in one, and the quote would be escaped)."""

    def __init__(self, raw: BinaryIO, name: str, first: bytes = b"") -> None:
        self._raw, self._name, self._pending = raw, name, first
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.offset = 0
        self._last = b""
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        if self._pending:
            data, self._pending = self._pending[: len(buffer)], self._pending[len(buffer) :]
        else:
            data = self._raw.read(len(buffer))
        if not data:
            if self._ended:
                return 0
            self._ended = True
            if self._last == b"\\":
                raise ExportError(f"{self._name} is not valid JSON (it ends in a backslash): is the export complete?")
            buffer[:1] = b'"'
            return 1
        self._last = data[-1:]
        try:
            self._decoder.decode(data)
        except UnicodeDecodeError as exc:
            raise ExportError(
                f"{self._name} is not valid UTF-8 (byte {self.offset + exc.start}): export it again"
            ) from exc
        if b"\x0b" in data or b"\x0c" in data:
            raise ExportError(f"{self._name} is not valid JSON (a control character near byte {self.offset})")
        buffer[: len(data)] = data
        self.offset += len(data)
        return len(data)


def _open(source: Source, strip_prefix: bool) -> tuple[BinaryIO, _StrictReader]:
    """The export's bytes without a UTF-8 BOM and, with `strip_prefix`, without an X archive's `window.YTD... =`."""
    raw = source.open()
    head = raw.read(PREFIX_SCAN_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if strip_prefix:
        eq = head.find(b"=")
        try:
            before = (head if eq < 0 else head[:eq]).decode("utf-8")
        except UnicodeDecodeError:
            before = ""  # left to the strict reader, which names the bad byte
        if before.lstrip().startswith("window."):
            if eq < 0:
                raw.close()
                raise ExportError(f"{source.name} is not valid JSON (no `=` after `window.`): is the export complete?")
            head = head[eq + 1 :]
    reader = _StrictReader(raw, source.name, head)
    return io.BufferedReader(reader, buffer_size=256 * 1024), reader  # type: ignore[return-value]


def stream_json(
    source: Source, stream: Collection[str], strip_prefix: bool = False
) -> Iterator[tuple[str, str, Any]]:
    """Events, in document order:

    ("array", prefix, open_containers) when a streamed array starts (the containers around it, built so far);
    ("item", prefix, value) for each of its items; ("end", prefix, None) when it ends;
    ("root", "", value) last, the whole document with `STREAMED` in place of each streamed array.

    Read with ijson's `basic_parse` and the prefixes kept here, one path component per open container: ijson's
    `parse` holds a prefix string per level, so memory grows with the square of the depth (40,000 nested arrays,
    80 KB, took 4 GB). A document nesting deeper than MAX_DEPTH is refused when the parser gets there.
    """
    f, reader = _open(source, strip_prefix)
    stack: list[Any] = []  # open containers; None marks a streamed array
    keys: list[Any] = []  # the pending key of each open object
    path: list[str] = []  # the prefix component of each open container's current value: its key, or "item"
    streams: list[str] = []  # the prefix of each open streamed array
    longest = max((len(p.split(".")) if p else 0 for p in stream), default=0)
    root: Any = None

    def attach(value: Any) -> bool:
        """Put a value in its container; False when it is an item of a streamed array (the caller yields it)."""
        nonlocal root
        if not stack:
            root = value
            return True
        top = stack[-1]
        if top is None:
            return False
        if isinstance(top, dict):
            if keys[-1] in top and (value is STREAMED or top[keys[-1]] is STREAMED):
                raise ExportError(
                    f"{source.name} is damaged: the key {str(keys[-1])[:40]!r} appears twice where the messages are"
                )
            top[keys[-1]] = value
        else:
            top.append(value)
        return True

    try:
        with f:
            for event, value in _ijson.basic_parse(f, use_float=True):
                if event == "map_key":
                    keys[-1] = path[-1] = value
                elif event == "start_map" or event == "start_array":
                    if len(stack) >= MAX_DEPTH:
                        raise ExportError(
                            f"{source.name} nests deeper than {MAX_DEPTH} levels (near byte {reader.offset}): "
                            "no chat export does; refused as unsafe"
                        )
                    if event == "start_array" and len(path) <= longest and (not stack or stack[-1] is not None):
                        prefix = ".".join(path)
                        if prefix in stream:
                            attach(STREAMED)
                            yield "array", prefix, [c for c in stack if c is not None]
                            stack.append(None)
                            keys.append(None)
                            path.append("item")
                            streams.append(prefix)
                            continue
                    container: Any = {} if event == "start_map" else []
                    if stack and stack[-1] is None:
                        stack.append(container)  # a streamed item: built, then yielded when it ends
                    else:
                        attach(container)
                        stack.append(container)
                    keys.append(None)
                    path.append("" if event == "start_map" else "item")
                elif event == "end_map" or event == "end_array":
                    done = stack.pop()
                    keys.pop()
                    path.pop()
                    if done is None:
                        yield "end", streams.pop(), None
                    elif stack and stack[-1] is None:
                        yield "item", streams[-1], done
                else:  # a scalar
                    if not attach(value):
                        yield "item", streams[-1], value
    except ijson.JSONError as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        detail = " ".join(detail.split())[:80]
        raise ExportError(
            f"{source.name} is not valid JSON near byte {reader.offset} ({detail}): is the export complete?"
        ) from exc
    try:
        reader._decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise ExportError(f"{source.name} is not valid UTF-8 (it ends inside a character): export it again") from exc
    if isinstance(root, str):  # a lone string: cannot be told from a cut-off one once the closing quote is added
        raise ExportError(f"{source.name} holds a single JSON string, not a chat export")
    yield "root", "", root
