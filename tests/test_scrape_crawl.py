"""The crawler against the fixture site: robots, politeness, failures, near-duplicates, incremental re-crawl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from test_scrape_site import FixtureSite, fixture_config, fixture_source

import claimcheck.scrape.crawl as crawl_mod
from claimcheck.corpus import content_hash, read_snapshot
from claimcheck.scrape.crawl import CrawlSummary, crawl
from claimcheck.scrape.politeness import FakeClock, Politeness
from claimcheck.scrape.store import source_corpus_path

DISALLOWED = ("/mental-health/private/secret/", "/mental-health/zopiclone/print")


def run(site: FixtureSite, home: Path, clock: FakeClock | None = None, **config: object):
    clock = clock or FakeClock()
    summary = crawl(
        [fixture_source(site.base)], config=fixture_config(**config), home=home, clock=clock, sleep=clock.sleep
    )
    return summary, clock


@pytest.fixture
def site():
    with FixtureSite() as s:
        yield s


@dataclass
class Crawled:
    site: FixtureSite
    home: Path
    summary: CrawlSummary
    clock: FakeClock
    politeness: Politeness


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One first crawl of the fixture site, shared by the tests that only read its results."""
    home = tmp_path_factory.mktemp("home")
    clock = FakeClock()
    politeness = Politeness(5.0, clock=clock, sleep=clock.sleep)
    with FixtureSite() as site:
        summary = crawl(
            [fixture_source(site.base)],
            config=fixture_config(),
            home=home,
            clock=clock,
            sleep=clock.sleep,
            politeness=politeness,
        )
        yield Crawled(site, home, summary, clock, politeness)


def test_first_crawl(crawled: Crawled) -> None:
    summary = crawled.summary
    s = summary.sources[0]
    assert (summary.fetched, summary.unchanged, summary.skipped_robots, summary.failed) == (8, 0, 2, 8)
    assert (s.duplicates, s.thin, s.written, s.documents, s.pending) == (1, 2, 5, 5, 0)
    reasons = {f.url.removeprefix(crawled.site.base): f.reason for f in s.failures}
    assert reasons == {
        "/mental-health/to-internal/": "refused: 10.0.0.1 is not a public address (private, loopback or link-local)",
        "/mental-health/offsite/": "refused: host elsewhere.example is not an allowed host of this source",
        "/mental-health/slow/": "timed out after 0.2 s (gave up after 3 attempts)",
        "/mental-health/huge/": "too large (more than 100000 bytes)",
        "/mental-health/sleep-diary/": "not an accepted type (application/pdf)",
        "/mental-health/relaxation/": "blocked: bot challenge page (http 200), not stored",
        "/mental-health/flaky/": "http 503 (gave up after 3 attempts)",
        "/mental-health/missing/": "http 404",
    }


def test_no_request_to_disallowed_or_out_of_scope_urls(crawled: Crawled) -> None:
    paths = crawled.site.paths()
    assert paths[0] == "/robots.txt"
    assert [p for p in paths if p in DISALLOWED] == []
    assert all(p == "/robots.txt" or p.startswith("/mental-health/") for p in paths)
    assert "/mental-health/private/open-page/" in paths  # its Allow is longer than the Disallow
    assert "/mental-health/leaflet.pdf" not in paths


def test_requests_are_spaced_by_crawl_delay_and_retries_wait(crawled: Crawled) -> None:
    starts = [t for host, t in crawled.politeness.log if host == "127.0.0.1"]
    assert len(starts) == len(crawled.site.hits)  # every request went through the politeness gate
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) == 7.0  # robots.txt Crawl-delay 7 s, above the 5 s default
    sleeps = crawled.clock.sleeps
    # 429: Retry-After 3 s, then 4 s more for the 7 s gap; 503 and timeouts: 1 s then 2 s backoff (twice each)
    assert sleeps.count(3.0) == 1 and sleeps.count(4.0) == 1
    assert sleeps.count(1.0) == 2 and sleeps.count(2.0) == 2
    counts = crawled.site.counts
    assert (counts["/mental-health/busy/"], counts["/mental-health/flaky/"], counts["/mental-health/slow/"]) == (
        2,
        3,
        3,
    )


def test_documents_keep_url_title_publisher_licence_hash_and_headings(crawled: Crawled) -> None:
    base = crawled.site.base
    docs = {d.url.removeprefix(base): d for d in read_snapshot(source_corpus_path("fixture", crawled.home))}
    assert set(docs) == {
        "/mental-health/zopiclone/",
        "/mental-health/workplace-bullying/",
        "/mental-health/feelings/",
        "/mental-health/busy/",
        "/mental-health/mentalhealth-gov/",  # the final URL of /mental-health/old-address/
    }
    z = docs["/mental-health/zopiclone/"]
    assert z.title == "Zopiclone" and z.publisher == "NHS England" and z.redistributable is True
    assert z.licence == "Open Government Licence v3.0" and z.content_hash == content_hash(z.text)
    assert len(z.retrieved) == 10
    assert "Who can take zopiclone" in [s.heading for s in z.sections]
    assert "Zopiclone is a type of sleeping pill" in z.text
    assert "Crown copyright" not in z.text and "About us" not in z.text  # page chrome left out
    for sec in z.sections:
        assert 0 <= sec.start <= sec.end <= len(z.text)
    assert not any("Checking if the site connection is secure" in d.text for d in docs.values())


def test_second_crawl_is_incremental(site: FixtureSite, tmp_path: Path, monkeypatch) -> None:
    run(site, tmp_path)
    before = source_corpus_path("fixture", tmp_path).read_bytes()
    first_hits = len(site.hits)
    extracted: list[str] = []
    real = crawl_mod.extract
    monkeypatch.setattr(crawl_mod, "extract", lambda html, url: extracted.append(url) or real(html, url))
    summary, _ = run(site, tmp_path)
    assert (summary.fetched, summary.unchanged, summary.documents_written) == (0, 8, 0)
    assert extracted == []  # nothing re-extracted, so nothing to re-embed
    second = site.hits[first_hits:]
    validated = {h.path for h in second if "if-none-match" in h.headers or "if-modified-since" in h.headers}
    assert validated == {
        "/mental-health/",
        "/mental-health/zopiclone/",
        "/mental-health/workplace-bullying/",
        "/mental-health/workplace-bullying-print-version/",
        "/mental-health/feelings/",
        "/mental-health/busy/",
        "/mental-health/old-address/",  # answered 301; the validators go on to the final URL
        "/mental-health/mentalhealth-gov/",
        "/mental-health/private/open-page/",
    }
    assert source_corpus_path("fixture", tmp_path).read_bytes() == before


def test_robots_unreachable_means_no_crawl(tmp_path: Path) -> None:
    with FixtureSite(robots_status=503) as site:
        summary, _ = run(site, tmp_path)
    assert set(site.paths()) == {"/robots.txt"}
    assert summary.fetched == 0 and summary.failed == 1
    assert "robots.txt unreachable (http 503)" in summary.sources[0].failures[0].reason


def test_robots_missing_means_allow_all(tmp_path: Path) -> None:
    with FixtureSite(robots_status=404, slow=False) as site:
        summary, _ = run(site, tmp_path)
    assert summary.skipped_robots == 0
    assert "/mental-health/private/secret/" in site.paths()


def test_max_pages_then_resume(tmp_path: Path) -> None:
    with FixtureSite(slow=False) as site:
        _max_pages_then_resume(site, tmp_path)


def _max_pages_then_resume(site: FixtureSite, tmp_path: Path) -> None:
    summary, _ = run(site, tmp_path, max_pages=3)
    assert summary.sources[0].pending > 0 and summary.fetched == 3
    summary2, _ = run(site, tmp_path)
    assert summary2.sources[0].resumed is True and summary2.sources[0].pending == 0
    pages = [p for p in site.paths() if p != "/robots.txt"]
    assert pages.count("/mental-health/") == 1  # the hub was done and not fetched again
    assert summary.fetched + summary2.fetched == 9  # the slow page answers at once here


def test_killed_crawl_resumes_without_losing_pages(tmp_path: Path) -> None:
    with FixtureSite(slow=False) as site:
        _killed_crawl_resumes(site, tmp_path)


def _killed_crawl_resumes(site: FixtureSite, tmp_path: Path) -> None:
    calls = 0

    def kill(source_id: str, done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt

    clock = FakeClock()
    with pytest.raises(KeyboardInterrupt):
        crawl(
            [fixture_source(site.base)],
            config=fixture_config(),
            home=tmp_path,
            clock=clock,
            sleep=clock.sleep,
            progress=kill,
        )
    summary, _ = run(site, tmp_path)
    assert summary.sources[0].resumed
    assert summary.sources[0].documents == 5
    page_hits = [p for p in site.paths() if p != "/robots.txt"]
    assert len(page_hits) == len(set(page_hits)) + 3  # only retries repeat: busy once, flaky twice
