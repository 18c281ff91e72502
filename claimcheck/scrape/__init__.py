"""Polite, incremental crawling of the registry's publishers into the user's corpus."""

from __future__ import annotations

__all__ = ["CrawlSummary", "FetchResult", "crawl"]


def __getattr__(name: str):  # noqa: ANN202 - lazy re-exports keep `import claimcheck.scrape` cheap
    if name == "crawl":
        from claimcheck.scrape.crawl import crawl

        return crawl
    if name == "CrawlSummary":
        from claimcheck.scrape.crawl import CrawlSummary

        return CrawlSummary
    if name == "FetchResult":
        from claimcheck.scrape.fetch import FetchResult

        return FetchResult
    raise AttributeError(name)
