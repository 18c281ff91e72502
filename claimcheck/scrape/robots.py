"""robots.txt decisions with RFC 9309 semantics (via Protego), including what to do when it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

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
    if urlsplit(url).path == "/robots.txt":
        return True
    from protego import Protego

    return bool(Protego.parse(robots_txt.lstrip("\ufeff")).can_fetch(url, agent))


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
        if self.mode == "allow_all" or urlsplit(url).path == "/robots.txt":
            return True
        if self.mode == "disallow_all":
            return False
        return bool(self._parsed.can_fetch(url, agent))

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
