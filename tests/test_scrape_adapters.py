"""Per-source adapters (NHS Website Content API JSON, MedlinePlus XML) and sitemap seeding, on the fixture site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from test_scrape_site import SITE_DIR, FixtureSite, fixture_config, fixture_source

from claimcheck.corpus import content_hash, read_snapshot
from claimcheck.scrape.adapters import AdapterError, adapt, medlineplus_pages, nhs_api_page, nhs_public_url
from claimcheck.scrape.crawl import crawl
from claimcheck.scrape.politeness import FakeClock
from claimcheck.scrape.sitemaps import decode, parse_sitemap
from claimcheck.scrape.store import source_corpus_path
from claimcheck.sources import RegistryError, parse_sources

API = "https://api.service.nhs.uk/nhs-website-content"


def _read(name: str) -> str:
    return (SITE_DIR / name).read_text(encoding="utf-8")


def _spans_ok(ex) -> None:  # noqa: ANN001
    for sec in ex.sections:
        assert 0 <= sec.start <= sec.end <= len(ex.text)


def test_nhs_api_medicine_page_keeps_headings_and_drops_navigation() -> None:
    page = nhs_api_page(_read("nhs-api-zopiclone.json"), f"{API}/medicines/zopiclone/")
    ex = page.extracted
    assert page.url == "https://www.nhs.uk/medicines/zopiclone/"
    assert ex.title == "Zopiclone"
    heads = [s.heading for s in ex.sections]
    assert {"Who can take zopiclone", "Dosage and strength", "How to take it"} <= set(heads)
    assert "Zopiclone is a type of sleeping pill" in ex.text
    assert "Related conditions" not in heads and "<p>" not in ex.text
    _spans_ok(ex)


def test_nhs_api_content_page_reads_section_elements_once() -> None:
    ex = nhs_api_page(_read("nhs-api-workplace-bullying.json"), f"{API}/mental-health/x/").extracted
    assert ex.title == "Bullying at work"
    heads = [s.heading for s in ex.sections]
    assert heads[:3] == ["What is workplace bullying?", "What effect does it have?", "What can I do?"]
    assert len(heads) == len(set(heads))
    first = "Bullying can involve arguments and rudeness, but it can also be more subtle."
    assert ex.text.count(first) == 1  # the API repeats each fragment in hasPart
    assert "- overloading people with work" in ex.text
    _spans_ok(ex)


def test_nhs_api_url_mapping_and_bad_input() -> None:
    assert nhs_public_url(f"{API}/mental-health/conditions/") == "https://www.nhs.uk/mental-health/conditions/"
    assert nhs_public_url("https://www.nhs.uk/x/") == "https://www.nhs.uk/x/"
    with pytest.raises(AdapterError):
        nhs_api_page("<html></html>", API)
    with pytest.raises(AdapterError):
        nhs_api_page('{"@type": "Person"}', API)


def test_medlineplus_health_topic_feed() -> None:
    pages = medlineplus_pages(_read("medlineplus-topics.xml"), "https://medlineplus.gov/xml/topics.xml")
    assert [(p.url, p.extracted.title) for p in pages] == [
        ("https://medlineplus.gov/anxiety.html", "Anxiety"),
        ("https://medlineplus.gov/depression.html", "Depression"),
    ]
    dep = pages[1].extracted
    assert "Depression is a serious medical illness." in dep.text and "- Feeling very tired" in dep.text
    assert "<p>" not in dep.text
    _spans_ok(dep)


def test_medquad_record_of_a_medlineplus_page() -> None:
    (page,) = adapt("medlineplus-xml", _read("medquad-mplus-depression.xml"), "x")
    assert page.url == "https://www.nlm.nih.gov/medlineplus/depression.html"
    assert page.extracted.title == "Depression"
    assert page.extracted.sections[0].heading == "What is (are) Depression?"
    _spans_ok(page.extracted)


def test_xml_with_a_dtd_is_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><health-topics>&a;</health-topics>'
    with pytest.raises(AdapterError, match="DTD"):
        medlineplus_pages(bomb, "x")
    with pytest.raises(AdapterError, match="DTD"):
        parse_sitemap(bomb)


# ------------------------------------------------------------------------------------------------ crawling


def _source(base: str, **fields: object):  # noqa: ANN202
    return fixture_source(base).model_copy(update=fields)


def _run(site: FixtureSite, source, home: Path, **config: object):  # noqa: ANN001, ANN202
    clock = FakeClock()
    return crawl([source], config=fixture_config(**config), home=home, clock=clock, sleep=clock.sleep)


def test_crawl_with_nhs_api_adapter_then_304(tmp_path: Path) -> None:
    with FixtureSite() as site:
        site.extra = {
            "/mental-health/api/zopiclone/": (_read("nhs-api-zopiclone.json").encode(), "application/json"),
            "/mental-health/api/bullying/": (_read("nhs-api-workplace-bullying.json").encode(), "application/json"),
        }
        source = _source(
            site.base,
            adapter="nhs-api",
            seeds=(site.base + "/mental-health/api/zopiclone/", site.base + "/mental-health/api/bullying/"),
        )
        first = _run(site, source, tmp_path)
        second = _run(site, source, tmp_path)
    assert (first.fetched, first.documents_written, first.failed) == (2, 2, 0)
    docs = {d.title: d for d in read_snapshot(source_corpus_path("fixture", tmp_path))}
    assert set(docs) == {"Zopiclone", "Bullying at work"}
    z = docs["Zopiclone"]
    assert z.url == site.base + "/mental-health/api/zopiclone/" and z.content_hash == content_hash(z.text)
    assert "Dosage and strength" in [s.heading for s in z.sections]
    assert (second.fetched, second.unchanged, second.documents_written) == (0, 2, 0)
    assert "application/json" in site.hits[1].headers["accept"]


def test_crawl_with_medlineplus_xml_adapter(tmp_path: Path) -> None:
    with FixtureSite() as site:
        site.extra = {"/mental-health/topics.xml": (_read("medlineplus-topics.xml").encode(), "application/xml")}
        source = _source(site.base, adapter="medlineplus-xml", seeds=(site.base + "/mental-health/topics.xml",))
        summary = _run(site, source, tmp_path)
    assert (summary.fetched, summary.documents_written, summary.documents) == (1, 2, 2)
    urls = sorted(d.url for d in read_snapshot(source_corpus_path("fixture", tmp_path)))
    assert urls == ["https://medlineplus.gov/anxiety.html", "https://medlineplus.gov/depression.html"]


def _sitemaps(base: str) -> dict[str, tuple[bytes, str]]:
    def urlset(*paths: str) -> bytes:
        locs = "".join(f"<url><loc>{p if p.startswith('http') else base + p}</loc></url>" for p in paths)
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()

    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/mental-health/sitemap-1.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/mental-health/sitemap-2.xml.gz</loc></sitemap>"
        "<sitemap><loc>http://elsewhere.example/sitemap.xml</loc></sitemap></sitemapindex>"
    ).encode()
    one = urlset(
        "/mental-health/workplace-bullying/",
        "/mental-health/private/secret/",  # disallowed by robots.txt
        "/live-well/exercise/",  # outside the path prefixes
        "http://elsewhere.example/mental-health/",  # another host
    )
    return {
        "/sitemap-index.xml": (index, "application/xml"),
        "/mental-health/sitemap-1.xml": (one, "text/xml; charset=utf-8"),
        "/mental-health/sitemap-2.xml.gz": (
            gzip.compress(urlset("/mental-health/feelings/", "/mental-health/busy/")),
            "application/x-gzip",
        ),
    }


def test_robots_sitemap_seeds_the_crawl(tmp_path: Path) -> None:
    with FixtureSite(slow=False) as site:
        site.extra = _sitemaps(site.base)
        site.robots_extra = f"\nSitemap: {site.base}/sitemap-index.xml\n"
        source = _source(site.base, seeds=(site.base + "/mental-health/zopiclone/",))
        summary = _run(site, source, tmp_path, max_depth=0)
    s = summary.sources[0]
    pages = [p for p in site.paths() if "sitemap" not in p and p != "/robots.txt"]
    assert s.sitemap_urls == 3 and s.failures == []
    assert sorted(set(pages)) == [
        "/mental-health/busy/",
        "/mental-health/feelings/",
        "/mental-health/workplace-bullying/",
        "/mental-health/zopiclone/",
    ]
    assert "/mental-health/private/secret/" not in site.paths() and "/live-well/exercise/" not in site.paths()
    assert s.documents == 4


def test_registry_sitemaps_field_and_entry_cap(tmp_path: Path) -> None:
    with FixtureSite(slow=False) as site:
        site.extra = _sitemaps(site.base)
        source = _source(
            site.base,
            seeds=(site.base + "/mental-health/zopiclone/",),
            sitemaps=(site.base + "/mental-health/sitemap-2.xml.gz",),
        )
        summary = _run(site, source, tmp_path, max_depth=0, max_sitemap_entries=1)
    assert summary.sources[0].sitemap_urls == 1
    assert "/mental-health/busy/" not in site.paths()


def test_gzip_sitemap_size_is_capped() -> None:
    with pytest.raises(AdapterError, match="inflates"):
        decode(gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"), max_bytes=1000)


REGISTRY = """
[[source]]
id = "x"
name = "X"
publisher = "X"
country = "GB"
kind = "gov"
licence = "OGL"
redistributable = true
allowed_hosts = ["www.nhs.uk"]
"""


def test_registry_adapter_and_sitemaps_fields() -> None:
    ok = parse_sources(REGISTRY + 'adapter = "nhs-api"\nsitemaps = ["https://www.nhs.uk/sitemap.xml"]\n')[0]
    assert ok.adapter == "nhs-api" and ok.sitemaps == ("https://www.nhs.uk/sitemap.xml",)
    assert parse_sources(REGISTRY)[0].adapter == ""
    with pytest.raises(RegistryError, match="unknown adapter"):
        parse_sources(REGISTRY + 'adapter = "rss"\n')
    with pytest.raises(RegistryError, match="not on one of its allowed_hosts"):
        parse_sources(REGISTRY + 'sitemaps = ["https://evil.example/sitemap.xml"]\n')
