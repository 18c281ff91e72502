"""A fixture site of real NHS and mentalhealth.gov pages served on 127.0.0.1, and checks of the site itself.

The crawler tests import `FixtureSite` from here; `scripts/crawl_fixture_summary.py` does too.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE_DIR = Path(__file__).parent / "data" / "site"
LAST_MODIFIED = "Wed, 07 Dec 2022 17:27:05 GMT"
HUGE_BYTES = 300_000
CAP_BYTES = 100_000

ROBOTS = """# fixture robots.txt: everyone else is shut out; claimcheck has its own group
User-agent: *
Disallow: /

User-agent: claimcheck
Disallow: /mental-health/private/
Allow: /mental-health/private/open-page/
Disallow: /*/print$
Crawl-delay: 7
"""

HUB_LINKS = [
    ("/mental-health/zopiclone/", "Zopiclone"),
    ("/mental-health/zopiclone/print", "Print this page"),
    ("/mental-health/workplace-bullying/", "Bullying at work"),
    ("/mental-health/workplace-bullying-print-version/", "Bullying at work (print version)"),
    ("/mental-health/feelings/", "Feelings, symptoms and behaviours"),
    ("/mental-health/busy/", "Alcohol support"),
    ("/mental-health/old-address/", "MentalHealth.gov"),
    ("/mental-health/to-internal/", "Intranet"),
    ("/mental-health/offsite/", "Partner site"),
    ("/mental-health/slow/", "Slow page"),
    ("/mental-health/huge/", "Huge page"),
    ("/mental-health/sleep-diary/", "Sleep diary"),
    ("/mental-health/leaflet.pdf", "Leaflet (PDF)"),
    ("/mental-health/relaxation/", "Relaxation"),
    ("/mental-health/private/secret/", "Staff only"),
    ("/mental-health/private/open-page/", "Open page"),
    ("/mental-health/flaky/", "Flaky page"),
    ("/mental-health/missing/", "Missing page"),
    ("/live-well/exercise/", "Exercise (outside the crawl's path prefix)"),
    ("mailto:someone@example.org", "Email us"),
]


def hub_html() -> str:
    items = "\n".join(f'<li><a href="{href}">{text}</a></li>' for href, text in HUB_LINKS)
    return (
        "<!DOCTYPE html><html><head><title>Mental health - NHS</title></head><body>"
        f"<main><h1>Mental health</h1><p>Find out about mental health.</p><ul>{items}</ul></main></body></html>"
    )


def _page(name: str) -> bytes:
    return (SITE_DIR / name).read_bytes()


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


@dataclass
class FixtureSite:
    """The server and its request log. `robots_status` other than 200 serves robots.txt with that status."""

    robots_status: int = 200
    slow: bool = True  # False: /mental-health/slow/ answers at once (keeps tests that do not need it fast)
    hits: list[Hit] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    counts: dict[str, int] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None
    robots_extra: str = ""  # lines appended to robots.txt (Sitemap: lines)
    extra: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # more paths: body and content type

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def __enter__(self) -> FixtureSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
                site.counts[self.path] = site.counts.get(self.path, 0) + 1
                try:
                    site.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    # ---------------------------------------------------------------------------------------------

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/robots.txt":
            if self.robots_status != 200:
                return self.send(h, self.robots_status, b"unavailable", "text/plain")
            return self.send(h, 200, (ROBOTS + self.robots_extra).encode(), "text/plain")
        if path in self.extra:
            body, ctype = self.extra[path]
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            return self.send(
                h, *((304, b"", None) if h.headers.get("If-None-Match") == tag else (200, body, ctype)), {"ETag": tag}
            )
        pages = {
            "/mental-health/": hub_html().encode(),
            "/mental-health/zopiclone/": _page("zopiclone.html"),
            "/mental-health/workplace-bullying/": _page("workplace-bullying.html"),
            "/mental-health/workplace-bullying-print-version/": _page("workplace-bullying.html").replace(
                b"<main", b'<div class="banner"><p>Print version. Page 1 of 1.</p></div><main'
            ),
            "/mental-health/busy/": _page("alcohol-support.html"),
            "/mental-health/mentalhealth-gov/": _page("mentalhealth-gov-home.html"),
            "/mental-health/private/open-page/": b"<html><body><main><p>This page is open.</p></main></body></html>",
        }
        if path == "/mental-health/busy/" and self.counts[path] == 1:
            return self.send(h, 429, b"slow down", "text/plain", {"Retry-After": "3"})
        if path in pages:
            return self.send_validated(h, pages[path], etag=True)
        if path == "/mental-health/feelings/":
            return self.send_validated(h, _page("feelings-symptoms-behaviours.html"), etag=False)
        redirects = {
            "/mental-health/old-address/": "/mental-health/mentalhealth-gov/",
            "/mental-health/to-internal/": "http://10.0.0.1/mental-health/intranet/",
            "/mental-health/offsite/": "http://elsewhere.example/mental-health/",
        }
        if path in redirects:
            return self.send(h, 301, b"", "text/html", {"Location": redirects[path]})
        if path.startswith("/hop/"):  # /hop/N redirects N times, then answers with a page
            n = int(path.removeprefix("/hop/") or 0)
            if n > 0:
                return self.send(h, 302, b"", "text/html", {"Location": f"/hop/{n - 1}"})
            return self.send_validated(h, _page("zopiclone.html"), etag=True)
        if path == "/mental-health/slow/":
            if self.slow:
                self.release.wait(2.0)
            return self.send(h, 200, b"<html><body>late</body></html>", "text/html")
        if path == "/mental-health/huge/":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.end_headers()  # no Content-Length: the client must stop reading by itself
            chunk = b"<p>" + b"padding " * 1000 + b"</p>\n"
            for _ in range(HUGE_BYTES // len(chunk) + 1):
                h.wfile.write(chunk)
            return None
        if path == "/mental-health/sleep-diary/":
            return self.send(h, 200, b"%PDF-1.4\n% not a web page\n", "application/pdf")
        if path == "/mental-health/relaxation/":
            return self.send(h, 200, _page("challenge.html"), "text/html; charset=UTF-8")
        if path == "/mental-health/flaky/":
            return self.send(h, 503, b"maintenance", "text/plain")
        return self.send(h, 404, b"<html><body><h1>Page not found</h1></body></html>", "text/html")

    def send_validated(self, h: BaseHTTPRequestHandler, body: bytes, etag: bool) -> None:
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if etag and h.headers.get("If-None-Match") == tag:
            return self.send(h, 304, b"", None, {"ETag": tag})
        if not etag and h.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return self.send(h, 304, b"", None, {"Last-Modified": LAST_MODIFIED})
        extra = {"ETag": tag} if etag else {"Last-Modified": LAST_MODIFIED}
        return self.send(h, 200, body, "text/html; charset=utf-8", extra)

    @staticmethod
    def send(
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        ctype: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304:
            h.wfile.write(body)


def fixture_source(base: str, *, redistributable: bool = True, source_id: str = "fixture"):  # noqa: ANN201
    """A registry entry for the fixture site (10.0.0.1 is an allowed host so only the address check stops it)."""
    from claimcheck.models import Source

    return Source(
        id=source_id,
        name="Fixture NHS pages",
        publisher="NHS England",
        country="GB",
        kind="gov",
        licence="Open Government Licence v3.0",
        redistributable=redistributable,
        allowed_hosts=("127.0.0.1", "10.0.0.1"),
        seeds=(base + "/mental-health/",),
        path_prefixes=("/mental-health/",),
    )


def fixture_config(**overrides: object):  # noqa: ANN201
    """Crawl limits for the fixture site: loopback allowed, short timeout, small size cap."""
    from claimcheck.scrape.crawl import CrawlConfig

    values: dict[str, object] = {
        "allow_loopback": True,
        "timeout": 0.2,
        "max_bytes": CAP_BYTES,
        "max_depth": 1,  # the hub and the pages it links to; the real pages' own links lead off the fixture
        **overrides,
    }
    return CrawlConfig(**values)


# ------------------------------------------------------------------------------------------------- tests


def test_fixture_pages_are_listed_with_their_licence() -> None:
    listed = (SITE_DIR / "SOURCES.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in SITE_DIR.glob("*.html"))
    assert len(pages) == 6
    for name in pages:
        assert f"`{name}`" in listed, f"{name} has no origin and licence in SOURCES.md"


def test_fixture_server_answers_and_logs() -> None:
    import urllib.request

    with FixtureSite() as site:
        started = time.monotonic()
        with urllib.request.urlopen(site.base + "/mental-health/zopiclone/", timeout=2) as resp:
            assert resp.status == 200 and b"Zopiclone" in resp.read()
        assert site.paths() == ["/mental-health/zopiclone/"]
        assert time.monotonic() - started < 2
