"""The canonical URL form: a table of RFC 3986 normalisations, the malformed URLs it names, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.scrape.extract import links, normalise_link, page_links
from claimcheck.scrape.robots import RobotsPolicy, server_views
from claimcheck.scrape.urls import MalformedURL, canonical, remove_dot_segments


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/x/%2e%2e/secret/", "http://h/secret/"),
        ("http://h/x/%2E%2E/secret/", "http://h/secret/"),
        ("http://h/x/.%2e/secret/", "http://h/secret/"),
        ("http://h/x/%2e/secret/", "http://h/x/secret/"),
        ("http://h/a/b/..", "http://h/a/"),
        ("http://h/../../etc", "http://h/etc"),  # never above the root
        ("http://h/%7euser/%41%2d%5f", "http://h/~user/A-_"),  # unreserved escapes decoded
        ("http://h/a%2fb%3f?q=%2f%7e", "http://h/a%2Fb%3F?q=%2F~"),  # reserved ones kept, upper-cased
        ("http://h/a b/ü?x=<y>", "http://h/a%20b/%C3%BC?x=%3Cy%3E"),  # what may not appear raw, escaped
        ("http://h/100%", "http://h/100%25"),
        ("HTTP://User:pw@WWW.NHS.UK:80/Path#top", "http://www.nhs.uk/Path"),  # path case kept
        ("https://www.nhs.uk:443/", "https://www.nhs.uk/"),
        ("https://www.nhs.uk:8443/", "https://www.nhs.uk:8443/"),
        ("http://www.nhs.uk.", "http://www.nhs.uk/"),
        ("http://[0:0::1]:8080/a", "http://[::1]:8080/a"),
        ("http://münchen.de/", "http://xn--mnchen-3ya.de/"),
    ],
)
def test_canonical(url: str, expected: str) -> None:
    assert canonical(url) == expected
    assert canonical(expected) == expected


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:99999/", "port '99999' is not a number from 1 to 65535"),
        ("http://127.0.0.1:abc/", "port 'abc' is not a number from 1 to 65535"),
        ("http://[::1]:70000/", "port '70000' is not a number from 1 to 65535"),
        ("http://127.0.0.1:0/", "port 0 cannot be connected to"),
        ("http://[::1/", "host in brackets is not a valid IPv6 address"),
        ("http://[v1.x]/", "host in brackets is not a valid IPv6 address"),
        ("http:///path", "no host"),
        ("http://a..b/", "a label is empty or longer than 63 characters"),
        ("http://" + "a" * 64 + ".org/", "a label is empty or longer than 63 characters"),
        ("http://%31%32%37.0.0.1/", "is not a valid name"),
        ("ftp://h/", "scheme 'ftp' is not http(s)"),
    ],
)
def test_malformed(url: str, why: str) -> None:
    with pytest.raises(MalformedURL) as caught:
        canonical(url)
    assert why in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers that caught ValueError before still do


def test_relative_references_resolve_against_the_base() -> None:
    assert canonical("x/%2e%2e/y", base="http://h/a/b") == "http://h/a/y"
    assert canonical("//other.org/p", base="https://h/") == "https://other.org/p"


def test_links_skip_the_malformed_and_say_why() -> None:
    html = (
        '<a href="http://h:99999/a">a</a><a href="/b/%2e%2e/c">c</a><a href="mailto:x@y">m</a>'
        '<a href="http://[::1/d">d</a><a href="/f.PDF">f</a><a href="http://h/c">c again</a>'
    )
    good, bad = page_links(html, "http://h/")
    assert good == ["http://h/c"]
    assert [u for u, _ in bad] == ["http://h:99999/a", "http://[::1/d"]
    assert links(html, "http://h/") == good
    assert normalise_link("http://h/", "javascript:void(0)") is None
    with pytest.raises(MalformedURL):
        normalise_link("http://h/", "http://h:99999/")


def test_robots_asks_about_every_way_a_server_may_read_the_path() -> None:
    assert server_views("http://h/x/..%2fprivate/") == ["http://h/x/..%2Fprivate/", "http://h/private/"]
    assert server_views("http://h/a/b") == ["http://h/a/b"]
    policy = RobotsPolicy.from_response(200, "User-agent: *\nDisallow: /private/\n")
    for url in ("http://h/x/%2e%2e/private/p", "http://h/x/..%2Fprivate/p", "http://h/x/..%5cprivate/p"):
        assert not policy.allows(url, "claimcheck")
    assert policy.allows("http://h/x/..%2Fpublic/p", "claimcheck")
    assert not policy.allows("http://h:99999/", "claimcheck")  # no canonical form, no permission
    assert policy.allows("http://h/robots.txt", "claimcheck")


segment = st.sampled_from(["", ".", "..", "%2e", "%2E%2e", ".%2e", "a", "%7E", "%2f", "b c", "ü", "%", "x;y"])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(segment, max_size=8), st.text(max_size=12))
def test_canonical_is_idempotent_and_leaves_no_dot_segments(segments: list[str], query: str) -> None:
    url = "http://h/" + "/".join(segments) + ("?" + query if query else "")
    try:
        first = canonical(url)
    except MalformedURL:
        return  # the only exception it may raise
    assert canonical(first) == first
    path = first.split("?")[0].removeprefix("http://h")
    assert path.startswith("/")
    assert "." not in path.split("/") and ".." not in path.split("/")
    assert remove_dot_segments(path) == path
