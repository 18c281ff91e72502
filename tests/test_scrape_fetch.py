"""Fetching one page against a real local server: retries, redirects, limits, conditional requests."""

from __future__ import annotations

import socket
import time

import pytest
from test_scrape_site import CAP_BYTES, FixtureSite

from claimcheck.scrape.fetch import PROJECT_URL, Fetcher, _Refused, is_public_address, parse_retry_after
from claimcheck.scrape.politeness import FakeClock


@pytest.fixture
def site():
    with FixtureSite() as s:
        yield s


def make_fetcher(clock: FakeClock | None = None, **kw) -> Fetcher:
    clock = clock or FakeClock()
    options = {"allow_loopback": True, "timeout": 0.2, "max_bytes": CAP_BYTES, "sleep": clock.sleep, **kw}
    return Fetcher(lambda host: host in {"127.0.0.1", "10.0.0.1"}, **options)


def test_ok_page_with_identifying_user_agent(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/mental-health/zopiclone/")
    assert result.ok and result.status == 200 and result.attempts == 1
    assert b"Zopiclone" in result.body and result.headers["etag"]
    agent = site.hits[0].headers["user-agent"]
    assert agent.startswith("claimcheck/") and PROJECT_URL in agent


def test_429_is_retried_after_retry_after(site: FixtureSite) -> None:
    clock = FakeClock()
    result = make_fetcher(clock).fetch(site.base + "/mental-health/busy/")
    assert result.ok and result.attempts == 2
    assert clock.sleeps == [3.0]
    assert site.counts["/mental-health/busy/"] == 2


def test_5xx_gives_up_after_three_attempts_with_backoff(site: FixtureSite) -> None:
    clock = FakeClock()
    result = make_fetcher(clock).fetch(site.base + "/mental-health/flaky/")
    assert result.status == 503 and not result.ok and result.attempts == 3
    assert "gave up after 3 attempts" in result.reason
    assert clock.sleeps == [1.0, 2.0]
    assert site.counts["/mental-health/flaky/"] == 3


def test_404_is_not_retried(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/mental-health/missing/")
    assert result.status == 404 and result.reason == "http 404" and result.attempts == 1


def test_timeout_is_a_retried_connection_error(site: FixtureSite) -> None:
    started = time.monotonic()
    result = make_fetcher().fetch(site.base + "/mental-health/slow/")
    assert result.status == 0 and result.attempts == 3 and "timed out" in result.reason
    assert site.counts["/mental-health/slow/"] == 3
    assert time.monotonic() - started < 1.5


def test_streamed_body_past_the_cap_is_aborted(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/mental-health/huge/")
    assert not result.ok and result.reason.startswith("too large") and result.body == b""


def test_declared_length_past_the_cap_is_not_read(site: FixtureSite) -> None:
    result = make_fetcher(max_bytes=1000).fetch(site.base + "/mental-health/zopiclone/")
    assert not result.ok and "too large" in result.reason and "bytes > 1000" in result.reason


def test_only_html_is_accepted(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/mental-health/sleep-diary/")
    assert not result.ok and result.reason == "not an accepted type (application/pdf)" and result.body == b""


def test_redirects_are_followed_and_the_final_url_kept(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/hop/5")
    assert result.ok and result.final_url == site.base + "/hop/0" and len(result.redirects) == 5


def test_more_than_five_redirects_are_refused(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/hop/6")
    assert not result.ok and result.reason == "more than 5 redirects"
    assert site.counts.get("/hop/0") is None


def test_redirect_to_a_private_address_is_refused_without_connecting(site: FixtureSite, monkeypatch) -> None:
    connected: list[tuple] = []
    real = socket.create_connection

    def spy(address, *args, **kwargs):  # noqa: ANN001, ANN202
        connected.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    result = make_fetcher().fetch(site.base + "/mental-health/to-internal/")
    assert result.status == 0 and "10.0.0.1 is not a public address" in result.reason
    assert result.final_url == "http://10.0.0.1/mental-health/intranet/"
    assert connected and all(addr[0] == "127.0.0.1" for addr in connected)


def test_redirect_to_another_host_is_refused(site: FixtureSite) -> None:
    result = make_fetcher().fetch(site.base + "/mental-health/offsite/")
    assert result.status == 0 and "elsewhere.example is not an allowed host" in result.reason


def test_loopback_is_refused_unless_the_test_flag_allows_it(site: FixtureSite) -> None:
    result = make_fetcher(allow_loopback=False).fetch(site.base + "/mental-health/zopiclone/")
    assert result.status == 0 and "127.0.0.1 is not a public address" in result.reason
    assert site.hits == []


def test_https_is_never_downgraded() -> None:
    fetcher = make_fetcher()
    with pytest.raises(_Refused, match="https down to http"):
        fetcher._check_url("http://127.0.0.1/page", previous="https://127.0.0.1/start")
    fetcher._check_url("https://127.0.0.1/page", previous="http://127.0.0.1/start")  # upgrades are fine


def test_conditional_requests(site: FixtureSite) -> None:
    fetcher = make_fetcher()
    first = fetcher.fetch(site.base + "/mental-health/zopiclone/")
    again = fetcher.fetch(site.base + "/mental-health/zopiclone/", etag=first.headers["etag"])
    assert again.status == 304 and again.not_modified and again.body == b""
    assert site.hits[-1].headers["if-none-match"] == first.headers["etag"]
    page = fetcher.fetch(site.base + "/mental-health/feelings/")
    since = fetcher.fetch(site.base + "/mental-health/feelings/", last_modified=page.headers["last-modified"])
    assert since.status == 304


def test_connection_refused_is_a_result_not_an_exception() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = make_fetcher().fetch(f"http://127.0.0.1:{port}/x")
    assert result.status == 0 and result.attempts == 3 and "connection error" in result.reason


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("::1", False),
        ("169.254.169.254", False),
        ("fe80::1", False),
        ("0.0.0.0", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
        # special-purpose ranges (issue 15): shared address space (CGNAT), 6to4, Teredo, NAT64, IETF, ...
        ("100.64.0.1", False),
        ("100.127.255.254", False),
        ("100.63.255.255", True),
        ("100.128.0.1", True),
        ("0.1.2.3", False),
        ("192.0.0.8", False),
        ("192.0.2.1", False),
        ("192.88.99.1", False),
        ("198.18.0.1", False),
        ("198.19.255.254", False),
        ("198.51.100.7", False),
        ("203.0.113.9", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("2002:808:808::1", False),  # 6to4 of 8.8.8.8: 6to4 is deprecated (RFC 7526), none of it is crawled
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
        ("64:ff9b::10.0.0.1", False),  # NAT64 of a private address
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254, the cloud metadata service
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8: how IPv6-only networks reach IPv4 sites (DNS64)
        ("64:ff9b:1::808:808", False),  # local-use NAT64
        ("::ffff:8.8.8.8", False),  # IPv4-mapped: never a real AAAA record
        ("::8.8.8.8", False),  # IPv4-compatible (deprecated)
        ("::", False),
        ("100::1", False),
        ("2001:db8::1", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("fec0::1", False),
        ("ff02::1", False),
        ("2a00:1450:4009:81f::200e", True),
    ],
)
def test_public_addresses(ip: str, public: bool) -> None:
    assert is_public_address(ip) is public


def test_parse_retry_after() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
