"""robots.txt decisions with RFC 9309 semantics (via Protego), including what to do when it cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from claimcheck.scrape.urls import MalformedURL, canonical, remove_dot_segments

RobotsMode = Literal["rules", "allow_all", "disallow_all"]


def robots_url(url: str) -> str:
    """Where the robots.txt governing `url` lives: same scheme, host and port, path `/robots.txt`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def decide(robots_txt: str, url: str, agent: str) -> bool:
    """Whether `agent` may fetch `url` under these robots.txt rules (RFC 9309).

    The most specific (longest) matching rule wins, Allow wins a tie, `*` and `$` are wildcards, the group
    naming the agent's product token replaces the `*` group, and `/robots.txt` itself is always allowed.
    """
    from protego import Protego

    parsed = Protego.parse(robots_txt.lstrip("\ufeff"))
    return _allowed(url, lambda u: bool(parsed.can_fetch(u, agent)))


def server_views(url: str) -> list[str]:
    """The paths a server may take `url` to mean, as URLs: its canonical form (escaped dots decoded, dot segments
    resolved) and, where it differs, the form a lenient server reads, with `%2F` and `%5C` taken as slashes.

    robots.txt is asked about each, and the URL is allowed only if every one is: `/x/..%2Fprivate/` reaches
    `/private/` on nginx. MalformedURL when there is no canonical form.
    """
    first = canonical(url)
    parts = urlsplit(first)
    lenient = parts.path.replace("%2F", "/").replace("%5C", "/")
    views = [first]
    if lenient != parts.path:
        views.append(urlunsplit(parts._replace(path=remove_dot_segments(lenient))))
    return views


def _allowed(url: str, can_fetch: Callable[[str], bool]) -> bool:
    """Whether every server view of `url` may be fetched; `/robots.txt` always may; a malformed URL never."""
    try:
        views = server_views(url)
    except MalformedURL:
        return False
    if urlsplit(views[0]).path == "/robots.txt":
        return True
    return all(can_fetch(v) for v in views)


@dataclass(frozen=True)
class RobotsPolicy:
    """What one host's robots.txt allows: parsed rules, or everything / nothing when it could not be read."""

    mode: RobotsMode
    text: str = ""
    reason: str = ""

    @classmethod
    def from_response(cls, status: int, body: str, error: str = "") -> RobotsPolicy:
        """RFC 9309 section 2.3.1: 2xx parse; 4xx (unavailable) allow all; 5xx, 429, no answer (unreachable) none."""
        if 200 <= status < 300:
            return cls("rules", body.lstrip("\ufeff"))
        if 400 <= status < 500 and status != 429:  # 429 "too many requests" means come back later
            return cls("allow_all", reason=f"robots.txt unavailable (http {status}): all allowed")
        why = f"http {status}" if status else (error or "no response")
        return cls("disallow_all", reason=f"robots.txt unreachable ({why}): not crawled")

    @cached_property
    def _parsed(self):  # noqa: ANN202 - a protego.Protego, parsed once per host
        from protego import Protego

        return Protego.parse(self.text)

    def allows(self, url: str, agent: str) -> bool:
        """Whether `agent` may fetch `url`, asked about the page the server will serve, not the spelling."""
        if self.mode == "allow_all":
            return True
        if self.mode == "disallow_all":
            return _allowed(url, lambda u: False)
        return _allowed(url, lambda u: bool(self._parsed.can_fetch(u, agent)))

    def crawl_delay(self, agent: str) -> float | None:
        """The Crawl-delay of the agent's group (non-standard but widely used), or None."""
        if self.mode != "rules":
            return None
        delay = self._parsed.crawl_delay(agent)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        if self.mode != "rules":
            return []
        return list(self._parsed.sitemaps)
