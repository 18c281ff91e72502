"""One canonical form for every URL the crawler meets, so robots.txt, the frontier and the store agree on it.

A server decodes `%2e` and resolves `..` before it looks a path up, so `/x/%2e%2e/private/` *is* `/private/`;
asking robots.txt about the spelling instead of the page let a disallowed page through. And a link Python
cannot even parse (`http://host:99999/`) must become a reason to skip it, not an exception that ends a crawl.
"""

from __future__ import annotations

import ipaddress
import re
import string
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
PATH_SAFE = UNRESERVED | frozenset("!$&'()*+,;=:@/")  # RFC 3986 pchar and "/", less "%" (handled apart)
QUERY_SAFE = PATH_SAFE | frozenset("?")
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_HOST = 253
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")
_HEX = frozenset(string.hexdigits)
_HOST_CHARS = re.compile(r"[a-z0-9_.-]+")  # after IDNA; "_" is not in RFC 1123 but real DNS names carry it


class MalformedURL(ValueError):
    """A URL no request can be made for (a bad port or host, an unclosed bracket); `str()` says why."""


def scheme_of(url: str) -> str:
    """The URL's scheme, lower-cased, or "" for a relative reference (parsed as `urlsplit` does)."""
    m = _SCHEME.match(url.strip())
    return m.group(1).lower() if m else ""


def canonical(url: str, base: str | None = None) -> str:
    """`url` (resolved against `base` if given) in the one form the crawler stores, queues and asks robots about.

    Scheme and host lower-cased, the host IDNA-encoded, user info, default port and fragment dropped; in path
    and query, escapes of unreserved characters decoded (`%7E` is `~`, `%2e` is `.`), other escapes upper-cased,
    characters that may not appear raw escaped (RFC 3986 section 6.2.2); then dot segments removed (section
    5.2.4). Only http(s) URLs have a canonical form here; MalformedURL says why a URL has none.
    """
    try:
        parts = urlsplit(urljoin(base, url) if base else url)
        port = parts.port
    except ValueError as exc:
        raise MalformedURL(_parse_error(exc, url)) from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise MalformedURL(f"scheme {scheme or 'none'!r} is not http(s)")
    if port == 0:
        raise MalformedURL("port 0 cannot be connected to")
    host = _host(parts)
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = remove_dot_segments(_escapes(parts.path, PATH_SAFE)) or "/"
    return urlunsplit((scheme, netloc, path, _escapes(parts.query, QUERY_SAFE), ""))


def remove_dot_segments(path: str) -> str:
    """An absolute `path` with its `.` and `..` segments resolved (RFC 3986 section 5.2.4), never above `/`."""
    segments = path.split("/")
    out: list[str] = []
    for seg in segments:
        if seg == ".":
            continue
        if seg == "..":
            if len(out) > 1:
                out.pop()
            continue
        out.append(seg)
    if segments[-1] in (".", ".."):  # "/a/b/.." names the folder "/a/", not the file "/a"
        out.append("")
    return "/".join(out)


def host_or_none(url: str) -> str | None:
    """The URL's host, lower-cased, when one can be read at all (a malformed URL may still show its host)."""
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return None


# -------------------------------------------------------------------------------------------------- helpers


def _parse_error(exc: ValueError, url: str) -> str:
    """Words for what `urlsplit` or `.port` objected to, naming the port as written when that was it."""
    text = str(exc)
    if text.startswith("Port"):
        m = _AUTHORITY.match(url.strip())
        port = m.group(1).rpartition("@")[2].rpartition("]")[2].rpartition(":")[2] if m else ""
        return f"port {port!r} is not a number from 1 to 65535" if port else "port is not a number from 1 to 65535"
    if "IPv6" in text or "IPv4" in text:
        return f"host in brackets is not a valid IPv6 address ({text})"
    return text


def _host(parts: SplitResult) -> str:
    """The host as it goes on the wire: an IPv6 literal compressed in brackets, a name IDNA-encoded."""
    host = parts.hostname or ""
    if not host:
        raise MalformedURL("no host")
    if "[" in parts.netloc:
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            raise MalformedURL(f"host in brackets is not a valid IPv6 address ({host!r})") from None
    host = host.removesuffix(".")  # "nhs.uk." is "nhs.uk"
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:  # a label empty or over 63 characters, or one IDNA cannot encode
        why = "a label is empty or longer than 63 characters" if "label" in str(exc) else str(exc)
        raise MalformedURL(f"host {host!r} is not a valid name ({why})") from None
    if not name or len(name) > MAX_HOST or not _HOST_CHARS.fullmatch(name):
        raise MalformedURL(f"host {host!r} is not a valid name")
    return name


def _escapes(text: str, safe: frozenset[str]) -> str:
    """`text` with escapes of unreserved characters decoded, other escapes upper-cased, unsafe characters escaped."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX:
            code = text[i + 1 : i + 3]
            decoded = chr(int(code, 16))
            out.append(decoded if decoded in UNRESERVED else "%" + code.upper())
            i += 3
            continue
        out.append(ch if ch in safe else "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
        i += 1
    return "".join(out)
