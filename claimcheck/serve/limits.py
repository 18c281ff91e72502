"""Limits and headers around every request: body size and send time, per-client rate, problem details."""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PROBLEM_TYPE = "about:blank"
PROBLEM_JSON = "application/problem+json"

# The page and its assets: nothing from elsewhere, no inline script or style, not framed by other sites.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# A batch report is the page `claimcheck batch` writes (inline style and script): it is shown in a sandbox.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'self'; "
    "base-uri 'none'; form-action 'none'; sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox"
)
COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)


class Problem(HTTPException):
    """An error answered as RFC 9457 problem details; `extra` adds members (such as the safety banner's data).

    A subclass of Starlette's HTTPException, so FastAPI's body parsing passes it through instead of turning
    it into a generic 400.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        retry_after: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        headers = {"Retry-After": str(max(1, math.ceil(retry_after)))} if retry_after is not None else None
        super().__init__(status_code=status, detail=detail or title, headers=headers)
        self.title = title
        self.extra = extra or {}

    def body(self, instance: str = "") -> dict[str, Any]:
        return problem_body(self.status_code, self.title, str(self.detail), instance, self.extra)


def problem_body(status: int, title: str, detail: str, instance: str = "", extra: dict | None = None) -> dict:
    """The members RFC 9457 defines, then any extensions."""
    body: dict[str, Any] = {"type": PROBLEM_TYPE, "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra or {})
    return body


async def send_problem(send: Send, problem: Problem, instance: str = "") -> None:
    """Answer a raw ASGI request with a problem document (for middleware, before any app response)."""
    data = json.dumps(problem.body(instance)).encode()
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(data)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in (problem.headers or {}).items()]
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": problem.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class RateLimiter:
    """A token bucket per client address: `burst` requests at once, refilled at `per_minute`."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 if the request may go ahead (a token is spent), else the seconds until a token is free."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > 10_000:  # forget full buckets so the table cannot grow without bound
                    self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst - 1}
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate


class LimitsMiddleware:
    """Pure ASGI: refuses an oversize body (413) and a body sent too slowly (408) before the app reads it all,
    rate-limits POSTs per client (429 with Retry-After), and adds the security headers to every response."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        max_upload: int,
        upload_paths: tuple[str, ...],
        body_timeout: float,
        limiter: RateLimiter,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_paths = upload_paths
        self.body_timeout = body_timeout
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.max_upload if path in self.upload_paths else self.max_body
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in COMMON_HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            if scope.get("method") == "POST":
                client = (scope.get("client") or ("unknown", 0))[0]
                wait = self.limiter.take(client)
                if wait > 0:
                    raise Problem(
                        429,
                        "Too many requests",
                        "too many requests from this address: try again after the time in Retry-After",
                        retry_after=wait,
                    )
                declared = _content_length(scope)
                if declared is not None and declared > limit:
                    raise _too_large(limit)
            await self.app(scope, self._bounded(receive, limit), send_with_headers)
        except Problem as exc:
            if started:
                raise
            await send_problem(send_with_headers, exc, path)

    def _bounded(self, receive: Receive, limit: int) -> Receive:
        """`receive` that counts body bytes against `limit` and the whole body against the send-time bound."""
        seen = 0
        deadline = time.monotonic() + self.body_timeout
        done = False

        async def bounded() -> Message:
            nonlocal seen, done
            if done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(0.001, deadline - time.monotonic()))
            except TimeoutError:
                raise Problem(
                    408, "Request timeout", f"the request body was not sent within {self.body_timeout:g} s"
                ) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _too_large(limit)
                done = not message.get("more_body", False)
            return message

        return bounded


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                raise Problem(400, "Bad request", "Content-Length is not a number") from None
    return None


def _too_large(limit: int) -> Problem:
    return Problem(413, "Content too large", f"the request body is over the limit of {_size(limit)}")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MiB"
    return f"{n / 1024:g} KiB"
