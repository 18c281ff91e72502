"""robots.txt decisions: a table of RFC 9309 cases, and what an unreadable robots.txt means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.scrape.fetch import USER_AGENT
from claimcheck.scrape.robots import RobotsPolicy, decide, robots_url

CASES = json.loads((Path(__file__).parent / "data" / "robots_cases.json").read_text(encoding="utf-8"))


def test_the_table_is_big_enough_and_covers_both_answers() -> None:
    assert len(CASES) >= 30
    assert {c["allowed"] for c in CASES} == {True, False}


def test_rfc9309_table_has_no_disagreements() -> None:
    wrong = [c["note"] for c in CASES if decide(c["robots"], c["url"], c["agent"]) is not c["allowed"]]
    assert wrong == []


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_policy_agrees_with_decide(case: dict) -> None:
    assert RobotsPolicy.from_response(200, case["robots"]).allows(case["url"], case["agent"]) is case["allowed"]


def test_our_user_agent_matches_our_group() -> None:
    robots = "User-agent: *\nAllow: /\n\nUser-agent: claimcheck\nDisallow: /x/\n"
    assert not decide(robots, "https://h/x/1", USER_AGENT)
    assert decide(robots, "https://h/x/1", "otherbot/1.0")


@pytest.mark.parametrize(
    ("status", "error", "mode"),
    [
        (200, "", "rules"),
        (404, "", "allow_all"),
        (410, "", "allow_all"),
        (401, "", "allow_all"),
        (429, "", "disallow_all"),
        (500, "", "disallow_all"),
        (503, "", "disallow_all"),
        (0, "timed out after 20 s", "disallow_all"),
        (0, "refused: host is not an allowed host", "disallow_all"),
    ],
)
def test_unreadable_robots(status: int, error: str, mode: str) -> None:
    policy = RobotsPolicy.from_response(status, "User-agent: *\nDisallow: /\n" if status == 200 else "", error)
    assert policy.mode == mode
    allowed = policy.allows("https://h/page", USER_AGENT)
    assert allowed is (mode == "allow_all")
    if status == 0:
        assert error in policy.reason


def test_crawl_delay_and_sitemaps() -> None:
    text = "Sitemap: https://h/sitemap.xml\nUser-agent: claimcheck\nCrawl-delay: 7\nDisallow:\n"
    policy = RobotsPolicy.from_response(200, text)
    assert policy.crawl_delay(USER_AGENT) == 7.0
    assert policy.sitemaps() == ["https://h/sitemap.xml"]
    assert RobotsPolicy.from_response(404, "").crawl_delay(USER_AGENT) is None


def test_robots_url() -> None:
    assert robots_url("https://www.nhs.uk/mental-health/x/?q=1#f") == "https://www.nhs.uk/robots.txt"
    assert robots_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/robots.txt"
