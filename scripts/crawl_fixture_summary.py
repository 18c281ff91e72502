"""Crawl the test fixture site twice (fake clock, no network) and print the crawl summaries."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_scrape_site import FixtureSite, fixture_config, fixture_source  # noqa: E402

from claimcheck.scrape.crawl import crawl  # noqa: E402
from claimcheck.scrape.politeness import FakeClock  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as home, FixtureSite() as site:
        for run in ("first crawl", "second crawl (incremental)"):
            clock = FakeClock()
            summary = crawl(
                [fixture_source(site.base)], config=fixture_config(), home=Path(home), clock=clock, sleep=clock.sleep
            )
            print(f"## {run}: {len(site.hits)} requests so far, {sum(clock.sleeps):.0f} s of (fake) politeness waits")
            for line in summary.lines():
                print(line.replace(site.base, ""))


if __name__ == "__main__":
    main()
