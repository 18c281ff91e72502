"""Per-host pacing: one connection per host at a time and a delay between requests (Crawl-delay honoured)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

DEFAULT_DELAY = 5.0
MAX_CRAWL_DELAY = 60.0


class Politeness:
    """Waits before each request so that requests to one host start at least `delay_for(host)` apart.

    `clock` and `sleep` are injectable so tests can run on a fake clock. `log` keeps (host, start time) of
    every request, which is what the tests check the delays against.
    """

    def __init__(
        self,
        default_delay: float = DEFAULT_DELAY,
        *,
        max_crawl_delay: float = MAX_CRAWL_DELAY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if default_delay < 0:
            raise ValueError("the delay between requests cannot be negative")
        self.default_delay = default_delay
        self.max_crawl_delay = max_crawl_delay
        self.clock = clock
        self.sleep = sleep
        self.log: list[tuple[str, float]] = []
        self._delays: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def set_crawl_delay(self, host: str, crawl_delay: float | None) -> None:
        """Honour a robots.txt Crawl-delay: never faster than it (capped), never faster than the default."""
        delay = self.default_delay
        if crawl_delay is not None and crawl_delay > 0:
            delay = max(delay, min(crawl_delay, self.max_crawl_delay))
        self._delays[host] = delay

    def delay_for(self, host: str) -> float:
        return self._delays.get(host, self.default_delay)

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def acquire(self, host: str) -> None:
        """Take the host's only connection slot, then sleep until its delay since the last request is over."""
        self._lock(host).acquire()
        last = self._last.get(host)
        if last is not None:
            remaining = last + self.delay_for(host) - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        now = self.clock()
        self._last[host] = now
        self.log.append((host, now))

    def release(self, host: str) -> None:
        """Give the host's connection slot back (the delay still counts from the request's start)."""
        lock = self._lock(host)
        if lock.locked():
            lock.release()


class FakeClock:
    """A clock for tests and dry runs: `sleep` advances time instantly and records how long was asked."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
