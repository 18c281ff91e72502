"""Hostile sites against the fetcher and the crawler (issue 15, item 6), all served on 127.0.0.1.

Malformed links must be skipped with a reason, never abort a crawl; a server that drips bytes must be cut off
at an overall deadline; percent-encoded dot segments must not slip past robots.txt; special-purpose address
ranges (CGNAT, 6to4, Teredo, NAT64 of private addresses...) must be refused like private ones.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_scrape_site import FixtureSite, fixture_config, fixture_source

from claimcheck.corpus import read_snapshot
from claimcheck.scrape.crawl import crawl
from claimcheck.scrape.fetch import Fetcher
from claimcheck.scrape.politeness import FakeClock
from claimcheck.scrape.store import source_corpus_path

SITE_DIR = Path(__file__).parent / "data" / "site"
Answer = Callable[[BaseHTTPRequestHandler, threading.Event], None]


class Scripted:
    """A loopback server whose paths are answered by functions: drips, redirects, anything raw."""

    def __init__(self, routes: dict[str, Answer], tls: ssl.SSLContext | None = None) -> None:
        self.routes = routes
        self.stop = threading.Event()
        self.paths: list[str] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                scripted.paths.append(self.path)
                answer = scripted.routes.get(self.path)
                try:
                    if answer is None:
                        self.send_error(404)
                    else:
                        answer(self, scripted.stop)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Scripted:
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def drip(head: bytes, body: bytes, every: float) -> Answer:
    """Send `head` (status line and headers) and `body` one byte at a time, `every` seconds apart."""

    def answer(h: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        for i in range(len(head) + len(body)):
            h.wfile.write((head + body)[i : i + 1])
            h.wfile.flush()
            if stop.wait(every):
                return

    return answer


def redirect(location: str) -> Answer:
    def answer(h: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return answer


def page(body: bytes, ctype: str = "text/html; charset=utf-8") -> Answer:
    def answer(h: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return answer


def make_fetcher(**kw: object) -> Fetcher:
    clock = FakeClock()
    options: dict = {"allow_loopback": True, "timeout": 0.2, "sleep": clock.sleep, **kw}
    return Fetcher(lambda host: host == "127.0.0.1", **options)


HTML_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\nConnection: close\r\n\r\n"


# ------------------------------------------------------------------------------------------- malformed URLs


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:99999/",
        "http://127.0.0.1:0/",
        "http://127.0.0.1:abc/",
        "http://[::1/",
        "http://" + "a" * 64 + ".example/",
    ],
)
def test_malformed_url_is_a_result_not_an_exception(url: str) -> None:
    fetcher = Fetcher(lambda host: True, allow_loopback=True, timeout=0.2, sleep=lambda s: None)
    result = fetcher.fetch(url)
    assert result.status == 0 and not result.ok and result.reason.startswith("malformed URL"), result.reason
    assert result.attempts == 0


def test_redirect_to_a_malformed_url_is_a_result() -> None:
    with Scripted({"/go/": redirect("http://127.0.0.1:99999/next/")}) as s:
        result = make_fetcher().fetch(s.base + "/go/")
    assert result.status == 0 and result.reason.startswith("malformed URL") and "port" in result.reason
    assert result.redirects == (s.base + "/go/",)


BAD_LINKS_HUB = b"""<!DOCTYPE html><html><head><title>Links</title></head><body><main><h1>Links</h1><ul>
<li><a href="http://127.0.0.1:99999/mental-health/a/">port out of range</a></li>
<li><a href="http://127.0.0.1:notaport/mental-health/b/">port not a number</a></li>
<li><a href="http://[::1/mental-health/c/">unclosed bracket</a></li>
<li><a href="/mental-health/zopiclone/">Zopiclone</a></li>
</ul></main></body></html>"""


def test_malformed_links_are_skipped_with_a_reason_on_every_run(tmp_path: Path) -> None:
    hub = (BAD_LINKS_HUB, "text/html; charset=utf-8")
    with FixtureSite(slow=False, extra={"/mental-health/links/": hub}) as site:
        source = fixture_source(site.base).model_copy(update={"seeds": (site.base + "/mental-health/links/",)})
        clock = FakeClock()
        first = crawl([source], config=fixture_config(), home=tmp_path, clock=clock, sleep=clock.sleep).sources[0]
        # the crawl state must not keep a poisoned page that aborts each next run
        again = crawl([source], config=fixture_config(), home=tmp_path, clock=clock, sleep=clock.sleep).sources[0]
        docs = read_snapshot(source_corpus_path("fixture", tmp_path))
    malformed = {f.url: f.reason for f in first.failures}
    assert sorted(malformed) == [
        "http://127.0.0.1:99999/mental-health/a/",
        "http://127.0.0.1:notaport/mental-health/b/",
        "http://[::1/mental-health/c/",
    ]
    assert all(r.startswith("malformed URL") for r in malformed.values())
    assert all(r.endswith("(linked from " + site.base + "/mental-health/links/)") for r in malformed.values())
    assert "port" in malformed["http://127.0.0.1:99999/mental-health/a/"]
    assert "IPv6" in malformed["http://[::1/mental-health/c/"]
    assert first.pending == 0 and again.pending == 0 and again.unchanged == 2
    assert [d.url for d in docs] == [site.base + "/mental-health/zopiclone/"]


def test_a_malformed_seed_is_skipped_and_the_others_crawled(tmp_path: Path) -> None:
    with FixtureSite(slow=False) as site:
        good = site.base + "/mental-health/zopiclone/"
        source = fixture_source(site.base).model_copy(update={"seeds": ("http://127.0.0.1:99999/", good)})
        clock = FakeClock()
        summary = crawl([source], config=fixture_config(max_depth=0), home=tmp_path, clock=clock, sleep=clock.sleep)
    s = summary.sources[0]
    assert s.written == 1 and s.pending == 0
    assert any(f.url == "http://127.0.0.1:99999/" and f.reason.startswith("malformed URL") for f in s.failures)


# -------------------------------------------------------------------------------------------- the deadline


def test_a_dripped_body_is_cut_off_at_the_deadline() -> None:
    # 200 bytes at one every 50 ms would take 10 s; each byte comes well within the 0.2 s socket timeout
    with Scripted({"/drip/": drip(HTML_HEAD, b"x" * 200, 0.05)}) as s:
        started = time.monotonic()
        result = make_fetcher(deadline=0.6).fetch(s.base + "/drip/")
        took = time.monotonic() - started
    assert result.status == 0 and not result.ok and result.body == b""
    assert result.reason == "deadline: no complete response within 0.6 s", result.reason
    assert result.attempts == 1  # a server this slow is not asked again
    assert 0.55 < took < 1.5


def test_dripped_headers_are_cut_off_at_the_deadline() -> None:
    with Scripted({"/drip/": drip(HTML_HEAD, b"", 0.05)}) as s:
        started = time.monotonic()
        result = make_fetcher(deadline=0.4).fetch(s.base + "/drip/")
        took = time.monotonic() - started
    assert result.status == 0 and result.reason.startswith("deadline") and took < 1.3


def test_fast_pages_are_not_touched_by_the_deadline() -> None:
    body = b"<html><body>" + b"<p>fine</p>" * 2000 + b"</body></html>"
    with Scripted({"/ok/": page(body)}) as s:
        fetcher = make_fetcher(deadline=2.0)
        results = [fetcher.fetch(s.base + "/ok/") for _ in range(5)]
    assert all(r.ok and r.body == body for r in results)


def test_the_crawl_passes_its_deadline_to_the_fetcher(tmp_path: Path) -> None:
    with Scripted(
        {
            "/robots.txt": page(b"User-agent: *\nAllow: /\n", "text/plain"),
            "/mental-health/drip/": drip(HTML_HEAD, b"x" * 200, 0.05),
        }
    ) as s:
        source = fixture_source(s.base).model_copy(update={"seeds": (s.base + "/mental-health/drip/",)})
        clock = FakeClock()
        started = time.monotonic()
        summary = crawl([source], config=fixture_config(deadline=0.5), home=tmp_path, clock=clock, sleep=clock.sleep)
        took = time.monotonic() - started
    assert [f.reason for f in summary.sources[0].failures] == ["deadline: no complete response within 0.5 s"]
    assert took < 2.0


@pytest.fixture(scope="module")
def tls_pair(tmp_path_factory) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A throwaway certificate for 127.0.0.1: the server's context and a client context trusting it."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    return server, ssl.create_default_context(cafile=str(cert))


def test_https_fetch_and_https_drip(tls_pair: tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    server_ctx, client_ctx = tls_pair
    routes = {"/ok/": page(b"<html><body>over TLS</body></html>"), "/drip/": drip(HTML_HEAD, b"x" * 200, 0.05)}
    with Scripted(routes, tls=server_ctx) as s:
        fetcher = make_fetcher(deadline=0.5)
        fetcher._tls = client_ctx
        ok = fetcher.fetch(s.base + "/ok/")
        started = time.monotonic()
        slow = fetcher.fetch(s.base + "/drip/")
        took = time.monotonic() - started
        untrusted = make_fetcher().fetch(s.base + "/ok/")  # the default context does not trust the test CA
    assert ok.ok and ok.body == b"<html><body>over TLS</body></html>", ok.reason
    assert slow.reason == "deadline: no complete response within 0.5 s" and took < 1.3
    assert untrusted.status == 0 and untrusted.reason.startswith("TLS error")


# ---------------------------------------------------------------------------------- dot segments, robots


SECRET = (SITE_DIR / "zopiclone.html").read_bytes().replace(b"Zopiclone", b"Staff secret")


@pytest.mark.parametrize(
    "href",
    [
        "x/%2e%2e/private/secret/",
        "x/%2E%2E/private/secret/",
        "x/.%2e/private/secret/",
        "x/%2e%2e%2fprivate/secret/",  # an encoded slash stays a character: no traversal, still not robots-safe
        "%70rivate/secret/",
        "x/./../private/./secret/",
    ],
)
def test_encoded_dot_segments_do_not_slip_past_robots(tmp_path: Path, href: str) -> None:
    hub = f'<html><body><main><h1>Hub</h1><a href="{href}">secret</a></main></body></html>'.encode()
    # Like nginx, the server decodes and resolves the path: every spelling below reaches the secret page.
    spellings = [
        "/mental-health/x/%2e%2e/private/secret/",
        "/mental-health/x/%2E%2E/private/secret/",
        "/mental-health/x/.%2e/private/secret/",
        "/mental-health/%70rivate/secret/",
        "/mental-health/private/secret/",
    ]
    extra = {"/mental-health/hub": (hub, "text/html; charset=utf-8")}
    extra.update(dict.fromkeys(spellings, (SECRET, "text/html; charset=utf-8")))
    with FixtureSite(slow=False, extra=extra) as site:
        source = fixture_source(site.base).model_copy(update={"seeds": (site.base + "/mental-health/hub",)})
        clock = FakeClock()
        summary = crawl([source], config=fixture_config(), home=tmp_path, clock=clock, sleep=clock.sleep)
        requested = site.paths()
    assert [p for p in requested if "secret" in p or "%2f" in p.lower()] == []
    assert summary.sources[0].skipped_robots == 1
    assert summary.sources[0].written == 0


def test_redirect_targets_are_normalised() -> None:
    with Scripted({"/a/": redirect("/b/x/%2E%2E/%7Ec/"), "/b/~c/": page(b"<html><body>here</body></html>")}) as s:
        result = make_fetcher().fetch(s.base + "/a/")
    assert result.ok and result.final_url == s.base + "/b/~c/"
    assert s.paths == ["/a/", "/b/~c/"]


# -------------------------------------------------------------------------------- special address ranges


@pytest.mark.parametrize(
    ("ip", "why"),
    [
        ("100.64.0.1", "shared address space"),
        ("100.127.255.254", "shared address space"),
        ("2002:a00:1::1", "6to4"),
        ("2002:808:808::1", "6to4"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        ("64:ff9b::10.0.0.1", "NAT64"),
        ("64:ff9b::127.0.0.1", "NAT64"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:8.8.8.8", "IPv4-mapped"),
        ("198.18.0.1", "benchmarking"),
        ("192.0.0.8", "IETF protocol assignments"),
        ("0.1.2.3", "this network"),
    ],
)
def test_special_ranges_are_refused_before_connecting(ip: str, why: str, monkeypatch) -> None:
    connected: list[tuple] = []

    def no_network(address, *args, **kwargs):  # noqa: ANN001, ANN202 - a regression must not reach the network
        connected.append(address)
        raise ConnectionRefusedError(111, "connection attempted in a test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    fetcher = make_fetcher(resolve=lambda host, port: [ip])  # loopback allowed: only the range check stops it
    result = fetcher.fetch("http://127.0.0.1/page")
    assert connected == []
    assert result.status == 0 and result.reason.startswith("refused: 127.0.0.1 resolves to " + ip)
    assert why in result.reason, result.reason


def test_a_frontier_queued_before_the_fix_is_cleaned_not_fatal(tmp_path: Path) -> None:
    from claimcheck.scrape.state import CrawlState
    from claimcheck.scrape.store import state_path

    with FixtureSite(slow=False) as site:
        hub = site.base + "/mental-health/"
        with CrawlState(state_path(tmp_path)) as state:  # a crawl killed mid-way by the old ValueError
            state.start("fixture", [hub])
            state.enqueue("fixture", ["http://127.0.0.1:99999/x", hub + "x/%2e%2e/private/secret/"], depth=1)
            state.record(state_page(hub), depth=0)  # the hub itself was done
        source = fixture_source(site.base)
        clock = FakeClock()
        summary = crawl([source], config=fixture_config(), home=tmp_path, clock=clock, sleep=clock.sleep)
    s = summary.sources[0]
    assert s.resumed and s.pending == 0
    assert [f.url for f in s.failures if f.reason.startswith("malformed URL")] == ["http://127.0.0.1:99999/x"]
    assert s.skipped_robots == 1 and not any("secret" in p for p in site.paths())


def state_page(url: str):  # noqa: ANN201 - a PageRecord for a page done without links
    from claimcheck.scrape.state import PageRecord

    return PageRecord(url, "fixture", url, 200, "thin", "", None, None, None, None, (), "2024-01-01T00:00:00Z")


def test_an_unexpected_error_on_one_page_is_a_failure_not_the_end(tmp_path: Path, monkeypatch) -> None:
    import claimcheck.scrape.crawl as crawl_mod

    real = crawl_mod.extract

    def extract(html: str, url: str):  # noqa: ANN202
        if "zopiclone" in url:
            raise RuntimeError("extractor fell over")
        return real(html, url)

    monkeypatch.setattr(crawl_mod, "extract", extract)
    with FixtureSite(slow=False) as site:
        clock = FakeClock()
        summary = crawl(
            [fixture_source(site.base)], config=fixture_config(), home=tmp_path, clock=clock, sleep=clock.sleep
        )
    s = summary.sources[0]
    reasons = {f.url.removeprefix(site.base): f.reason for f in s.failures}
    assert reasons["/mental-health/zopiclone/"] == "internal error: RuntimeError: extractor fell over"
    assert s.pending == 0 and s.written == 4  # the other pages went on as before
