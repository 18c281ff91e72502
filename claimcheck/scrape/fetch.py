"""Fetch one page safely: allowed hosts only, public addresses only, size, type and time limits, bounded retries."""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from pydantic import BaseModel, ConfigDict

from claimcheck import __version__
from claimcheck.scrape.urls import MalformedURL, canonical, scheme_of

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
DEADLINE = 20.0  # seconds for one request, connect to last byte: a socket timeout only bounds each read
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


class _Deadline(Exception):
    """A request that ran past its overall deadline: not retried, a server that slow stays that slow."""


# Ranges `ipaddress` does not call private (or did not in every Python), each named for the refusal's reason.
# IANA's special-purpose registries; NAT64 (64:ff9b::/96) is judged by the IPv4 address it carries.
_SPECIAL_V4 = [
    (ipaddress.IPv4Network(net), name)
    for net, name in (
        ("0.0.0.0/8", "this network 0.0.0.0/8"),
        ("100.64.0.0/10", "shared address space (carrier-grade NAT) 100.64.0.0/10"),
        ("192.0.0.0/24", "IETF protocol assignments 192.0.0.0/24"),
        ("192.0.2.0/24", "documentation 192.0.2.0/24"),
        ("192.88.99.0/24", "6to4 relay anycast 192.88.99.0/24"),
        ("198.18.0.0/15", "benchmarking 198.18.0.0/15"),
        ("198.51.100.0/24", "documentation 198.51.100.0/24"),
        ("203.0.113.0/24", "documentation 203.0.113.0/24"),
        ("224.0.0.0/4", "multicast 224.0.0.0/4"),
        ("240.0.0.0/4", "reserved 240.0.0.0/4"),
    )
]
_SPECIAL_V6 = [
    (ipaddress.IPv6Network(net), name)
    for net, name in (
        ("::ffff:0:0/96", "IPv4-mapped ::ffff:0:0/96"),
        ("64:ff9b:1::/48", "local-use NAT64 64:ff9b:1::/48"),
        ("100::/64", "discard-only 100::/64"),
        ("2001::/32", "Teredo 2001::/32"),
        ("2001:db8::/32", "documentation 2001:db8::/32"),
        ("2002::/16", "6to4 2002::/16"),
        ("3fff::/20", "documentation 3fff::/20"),
        ("fc00::/7", "unique local fc00::/7"),
        ("fec0::/10", "site-local fec0::/10"),
        ("ff00::/8", "multicast ff00::/8"),
        ("::/8", "reserved ::/8"),  # after the ranges inside it that have names of their own
    )
]
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_CLASSIC = "private, loopback or link-local"


def address_refusal(ip: str, allow_loopback: bool = False) -> str | None:
    """Why `ip` must not be connected to (the range it falls in), or None for a public address.

    Private, loopback and link-local addresses keep their old words; the special-purpose ranges that route to
    something other than the public internet (carrier-grade NAT, 6to4 and Teredo tunnels, NAT64 of a private
    address, IPv4-mapped, benchmarking, documentation, multicast, reserved) are named.
    """
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr in _NAT64:
        inner = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        why = address_refusal(str(inner))  # loopback through a NAT64 gateway is not the test server
        return f"NAT64 64:ff9b::/96 of {inner}, {why}" if why else None
    if addr.is_loopback:
        return None if allow_loopback else _CLASSIC
    special = _SPECIAL_V4 if isinstance(addr, ipaddress.IPv4Address) else _SPECIAL_V6
    for net, name in special:
        if addr in net:
            return name
    if addr.is_private or addr.is_link_local or addr.is_unspecified:
        return _CLASSIC
    if addr.is_multicast or addr.is_reserved or not addr.is_global:
        return "a special-purpose range"
    return None


def is_public_address(ip: str, allow_loopback: bool = False) -> bool:
    """False for private, loopback, link-local and special-purpose addresses (see `address_refusal`)."""
    return address_refusal(ip, allow_loopback) is None


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
    before connecting, and the connection goes to that very address (no second lookup to race with). Each
    URL, redirect targets too, is put in canonical form first (`urls.canonical`), and a malformed one is a
    result, never an exception. `timeout` bounds each socket operation, `deadline` a whole request.
    """

    def __init__(
        self,
        host_allowed: Callable[[str], bool],
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        deadline: float = DEADLINE,
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
        self.deadline = deadline
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
                current = self._check_url(current, previous=hops[-1] if hops else None)
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
            current = _join(current, location.strip())
            with contextlib.suppress(MalformedURL):  # a malformed target is refused at the top of the loop
                current = canonical(current)
            if current in hops:
                return result.model_copy(update={"final_url": current, "reason": "redirect loop"})

    # ---------------------------------------------------------------------------------------------

    def _check_url(self, url: str, previous: str | None) -> str:
        """The URL in canonical form, or _Refused: not http(s), malformed, a downgrade, or a host not allowed."""
        scheme = scheme_of(url)
        if scheme not in ("http", "https"):
            raise _Refused(f"refused: scheme {scheme or 'none'!r} is not http(s)")
        try:
            url = canonical(url)
        except MalformedURL as exc:
            raise _Refused(f"malformed URL: {exc}") from None
        parts = urlsplit(url)
        if previous is not None and urlsplit(previous).scheme == "https" and parts.scheme == "http":
            raise _Refused(f"refused: redirect from https down to http ({url})")
        host = (parts.hostname or "").lower()
        if not host or not self.host_allowed(host):
            raise _Refused(f"refused: host {host or '(none)'} is not an allowed host of this source")
        return url

    def _address(self, host: str, port: int) -> str:
        try:
            addresses = self.resolve(host, port)
        except OSError as exc:
            raise _Transient(f"cannot resolve {host}: {exc.strerror or exc}") from None
        if not addresses:
            raise _Transient(f"cannot resolve {host}")
        for ip in addresses:
            why = address_refusal(ip, self.allow_loopback)
            if why is not None:
                what = host if host == ip else f"{host} resolves to {ip}, which"
                raise _Refused(f"refused: {what} is not a public address ({why})")
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
            except (_Refused, _Deadline) as exc:
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
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        ip = self._address(host, port)
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
            watchdog = _Watchdog(self.deadline)  # started after the politeness wait: that time is ours, not theirs
            conn = _Connection(host, port, ip, self.timeout, watchdog, self._tls if https else None)
            try:
                result = self._exchange(conn, path, headers, url, original, accept)
            except TimeoutError:
                if watchdog.stop():
                    raise self._too_slow() from None
                raise _Transient(f"timed out after {self.timeout:g} s") from None
            except ssl.SSLError as exc:
                if watchdog.stop():
                    raise self._too_slow() from None
                raise _Refused(f"TLS error: {exc.reason or exc}") from None
            except (OSError, http.client.HTTPException) as exc:
                if watchdog.stop():
                    raise self._too_slow() from None
                raise _Transient(f"connection error: {type(exc).__name__} {exc}".strip()) from None
            finally:
                late = watchdog.stop()
                conn.close()
            if late:  # cut off mid-way: what was read may look whole (no Content-Length) but is not
                raise self._too_slow()
            return result
        finally:
            self.after_request(host)

    def _too_slow(self) -> _Deadline:
        return _Deadline(f"deadline: no complete response within {self.deadline:g} s")

    def _exchange(
        self,
        conn: http.client.HTTPConnection,
        path: str,
        headers: dict[str, str],
        url: str,
        original: str,
        accept: tuple[str, ...] | None,
    ) -> FetchResult:
        """One request and its answer read within the limits; network errors propagate to `_once`."""
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        got = {k.lower(): v for k, v in resp.getheaders()}
        base = {"url": original, "final_url": url, "status": resp.status, "headers": got}
        if resp.status in REDIRECT_STATUSES or resp.status == 304 or resp.status in RETRY_STATUSES:
            return FetchResult(**base, reason="not modified" if resp.status == 304 else f"http {resp.status}")
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


class _Watchdog:
    """Cuts a request's connection when its deadline passes.

    A socket timeout bounds each read, not their sum: a server sending a byte every half second would hold a
    fetch for as long as it liked. At the deadline the watched socket is shut down, which wakes any read
    blocked on it (headers, body or TLS handshake); `stop()` then says the deadline was passed.
    """

    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds
        self._fired = False
        self._stopped = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        """The socket to shut down at the deadline (the TLS one once it wraps the plain one)."""
        with self._lock:
            self._sock = sock
            if self._fired:
                _shutdown(sock)

    def stop(self) -> bool:
        """Stand down; True when the deadline passed before now (the connection was, or is to be, cut)."""
        with self._lock:
            self._stopped = True
            self._fired = self._fired or time.monotonic() >= self.ends
        self._timer.cancel()
        return self._fired

    def _fire(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._fired = True
            if self._sock is not None:
                _shutdown(self._sock)


def _shutdown(sock: socket.socket) -> None:
    # the plain socket call, not SSLSocket.shutdown(), which would drop the TLS state under a reading thread
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Connection(http.client.HTTPConnection):
    """HTTP, or HTTPS with `tls`, to one address checked beforehand, its sockets watched by a `_Watchdog`.

    http.client's HTTPSConnection hides the TLS socket until its handshake is done, so a handshake sent a byte
    at a time could not be cut off; here the handshake happens after the socket is handed to the watchdog.
    """

    def __init__(
        self, host: str, port: int, ip: str, timeout: float, watchdog: _Watchdog, tls: ssl.SSLContext | None
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.default_port = 443 if tls is not None else 80  # so the Host header leaves the default port out
        self._ip = ip
        self._watchdog = watchdog
        self._tls = tls

    def connect(self) -> None:
        wait = max(0.001, min(self.timeout, self._watchdog.remaining()))
        sock = socket.create_connection((self._ip, self.port), wait)
        self._watchdog.watch(sock)
        sock.settimeout(self.timeout)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._tls is not None:
            tls = self._tls.wrap_socket(sock, server_hostname=self.host, do_handshake_on_connect=False)
            self._watchdog.watch(tls)
            self.sock = tls
            tls.do_handshake()
        else:
            self.sock = sock


def _join(base: str, ref: str) -> str:
    """`ref` resolved against `base`, or `ref` as it is when it cannot even be parsed (refused later, with why)."""
    try:
        return urljoin(base, ref)
    except ValueError:
        return ref


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
