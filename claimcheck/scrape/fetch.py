"""Fetch one page safely: allowed hosts only, no private addresses, size and type limits, bounded retries."""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from pydantic import BaseModel, ConfigDict

from claimcheck import __version__

PROJECT_URL = "https://github.com/claimcheck/claimcheck"
USER_AGENT = f"claimcheck/{__version__} (+{PROJECT_URL}; polite crawler of public-health pages)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
RETRY_STATUSES = frozenset({408, 429, *range(500, 600)})  # and connection errors; nothing else is retried
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
MAX_ATTEMPTS = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_RETRY_AFTER = 120.0
CHUNK = 64 * 1024


class FetchResult(BaseModel):
    """The outcome of one fetch: never None. `status` 0 means no HTTP answer; `reason` says why in words."""

    model_config = ConfigDict(frozen=True)

    url: str
    final_url: str
    status: int
    reason: str
    headers: dict[str, str] = {}
    body: bytes = b""
    attempts: int = 1
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and self.reason == "ok"

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded with the charset the server declared (UTF-8 when it named none)."""
        ctype = self.headers.get("content-type", "")
        charset = "utf-8"
        for part in ctype.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"' ")
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


class _Refused(Exception):
    """A request that must not be made (host, address, scheme): not retried."""


class _Transient(Exception):
    """A connection problem worth retrying."""


def is_public_address(ip: str, allow_loopback: bool = False) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_loopback:
        return allow_loopback
    return not (addr.is_private or addr.is_link_local or addr.is_multicast or addr.is_reserved or addr.is_unspecified)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """Fetches pages one at a time; every request goes through `before_request(host)` (politeness) first.

    `host_allowed(host)` decides which hosts any hop may reach; the address a host resolves to is checked
    before connecting, and the connection goes to that very address (no second lookup to race with).
    """

    def __init__(
        self,
        host_allowed: Callable[[str], bool],
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        max_attempts: int = MAX_ATTEMPTS,
        max_retry_after: float = MAX_RETRY_AFTER,
        allow_loopback: bool = False,
        before_request: Callable[[str], None] | None = None,
        after_request: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        resolve: Callable[[str, int], list[str]] | None = None,
    ) -> None:
        self.host_allowed = host_allowed
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self.allow_loopback = allow_loopback
        self.before_request = before_request or (lambda host: None)
        self.after_request = after_request or (lambda host: None)
        self.sleep = sleep
        self.resolve = resolve or _resolve
        self._tls = ssl.create_default_context()

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] | None = HTML_TYPES,
    ) -> FetchResult:
        """GET `url`, following at most `max_redirects` checked hops and retrying only what may succeed later.

        `accept=None` takes any content type (robots.txt); the default takes HTML and XHTML only.
        """
        current = url
        hops: list[str] = []
        attempts = 0
        while True:
            try:
                self._check_url(current, previous=hops[-1] if hops else None)
            except _Refused as exc:
                return FetchResult(
                    url=url, final_url=current, status=0, reason=str(exc), attempts=attempts, redirects=tuple(hops)
                )
            result, used = self._attempts(current, url, etag, last_modified, accept)
            attempts += used
            result = result.model_copy(update={"attempts": attempts, "redirects": tuple(hops)})
            if result.status not in REDIRECT_STATUSES:
                return result
            location = result.headers.get("location")
            if not location:
                return result.model_copy(update={"reason": f"http {result.status} without a Location"})
            if len(hops) >= self.max_redirects:
                return result.model_copy(update={"reason": f"more than {self.max_redirects} redirects"})
            hops.append(current)
            current = urljoin(current, location.strip())
            if current in hops:
                return result.model_copy(update={"final_url": current, "reason": "redirect loop"})

    # ---------------------------------------------------------------------------------------------

    def _check_url(self, url: str, previous: str | None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused(f"refused: scheme {parts.scheme or 'none'!r} is not http(s)")
        if previous is not None and urlsplit(previous).scheme == "https" and parts.scheme == "http":
            raise _Refused(f"refused: redirect from https down to http ({url})")
        host = (parts.hostname or "").lower()
        if not host or not self.host_allowed(host):
            raise _Refused(f"refused: host {host or '(none)'} is not an allowed host of this source")

    def _address(self, host: str, port: int) -> str:
        try:
            addresses = self.resolve(host, port)
        except OSError as exc:
            raise _Transient(f"cannot resolve {host}: {exc.strerror or exc}") from None
        if not addresses:
            raise _Transient(f"cannot resolve {host}")
        for ip in addresses:
            if not is_public_address(ip, self.allow_loopback):
                what = host if host == ip else f"{host} resolves to {ip}, which"
                raise _Refused(f"refused: {what} is not a public address (private, loopback or link-local)")
        return addresses[0]

    def _attempts(
        self,
        url: str,
        original: str,
        etag: str | None,
        last_modified: str | None,
        accept: tuple[str, ...] | None,
    ) -> tuple[FetchResult, int]:
        last: FetchResult | None = None
        for attempt in range(1, self.max_attempts + 1):
            wait: float | None = None
            try:
                result = self._once(url, original, etag, last_modified, accept)
            except _Refused as exc:
                return FetchResult(url=original, final_url=url, status=0, reason=str(exc)), attempt
            except _Transient as exc:
                last = FetchResult(url=original, final_url=url, status=0, reason=str(exc))
            else:
                if result.status not in RETRY_STATUSES:
                    return result, attempt
                last = result
                wait = parse_retry_after(result.headers.get("retry-after"))
                if wait is not None and wait > self.max_retry_after:
                    reason = f"http {result.status}: Retry-After {wait:.0f} s exceeds {self.max_retry_after:.0f} s"
                    return result.model_copy(update={"reason": reason}), attempt
            if attempt < self.max_attempts:
                self.sleep(wait if wait is not None else float(2 ** (attempt - 1)))
        assert last is not None
        return last.model_copy(update={"reason": f"{last.reason} (gave up after {self.max_attempts} attempts)"}), (
            self.max_attempts
        )

    def _once(
        self, url: str, original: str, etag: str | None, last_modified: str | None, accept: tuple[str, ...] | None
    ) -> FetchResult:
        import http.client

        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        ip = self._address(host, port)
        conn: http.client.HTTPConnection
        if https:
            conn = http.client.HTTPSConnection(host, port, timeout=self.timeout, context=self._tls)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
        conn._create_connection = lambda address, timeout=None, source=None: socket.create_connection(  # type: ignore[attr-defined]
            (ip, port), timeout, source
        )
        headers = {
            "User-Agent": self.user_agent,
            "Accept": ", ".join([*accept, "*/*;q=0.1"]) if accept else "*/*",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.before_request(host)
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            got = {k.lower(): v for k, v in resp.getheaders()}
            base = {"url": original, "final_url": url, "status": resp.status, "headers": got}
            if resp.status in REDIRECT_STATUSES or resp.status == 304 or resp.status in RETRY_STATUSES:
                reason = "not modified" if resp.status == 304 else f"http {resp.status}"
                return FetchResult(**base, reason=reason if resp.status != 304 else "not modified")
            if resp.status >= 400:
                body = self._read(resp, cap=min(self.max_bytes, 256 * 1024), strict=False)
                return FetchResult(**base, reason=f"http {resp.status}", body=body)
            ctype = got.get("content-type", "").split(";")[0].strip().lower()
            if accept is not None and ctype not in accept:
                return FetchResult(**base, reason=f"not an accepted type ({ctype or 'no content-type'})")
            length = got.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                return FetchResult(**base, reason=f"too large ({int(length)} bytes > {self.max_bytes})")
            body = self._read(resp, cap=self.max_bytes, strict=True)
            if body is None:
                return FetchResult(**base, reason=f"too large (more than {self.max_bytes} bytes)")
            return FetchResult(**base, reason="ok", body=body)
        except TimeoutError:
            raise _Transient(f"timed out after {self.timeout:g} s") from None
        except ssl.SSLError as exc:
            raise _Refused(f"TLS error: {exc.reason or exc}") from None
        except (OSError, http.client.HTTPException) as exc:
            raise _Transient(f"connection error: {type(exc).__name__} {exc}".strip()) from None
        finally:
            conn.close()
            self.after_request(host)

    @staticmethod
    def _read(resp, cap: int, strict: bool) -> bytes | None:  # noqa: ANN001 - http.client.HTTPResponse
        """The body, read in chunks; past `cap` bytes: None when strict (abort), else the first `cap` bytes."""
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = resp.read(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > cap:
                return None if strict else b"".join(chunks)[:cap]
            chunks.append(chunk)


def _resolve(host: str, port: int) -> list[str]:
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for *_, sockaddr in infos:
        ip = str(sockaddr[0])
        if ip not in seen:
            seen.append(ip)
    return seen
