"""Per-host pacing on a fake clock, and one connection per host at a time."""

from __future__ import annotations

import threading

from claimcheck.scrape.politeness import FakeClock, Politeness


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    clock = FakeClock()
    p = Politeness(5.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        p.acquire("www.nhs.uk")
        p.release("www.nhs.uk")
    times = [t for _, t in p.log]
    assert [b - a for a, b in zip(times, times[1:], strict=False)] == [5.0, 5.0]
    assert clock.sleeps == [5.0, 5.0]


def test_hosts_are_paced_separately() -> None:
    clock = FakeClock()
    p = Politeness(5.0, clock=clock, sleep=clock.sleep)
    for host in ("www.nhs.uk", "www.cdc.gov", "medlineplus.gov"):
        p.acquire(host)
        p.release(host)
    assert clock.sleeps == []


def test_time_already_spent_counts_towards_the_delay() -> None:
    clock = FakeClock()
    p = Politeness(5.0, clock=clock, sleep=clock.sleep)
    p.acquire("h")
    p.release("h")
    clock.now += 2.0
    p.acquire("h")
    assert clock.sleeps == [3.0]


def test_crawl_delay_is_honoured_capped_and_never_below_the_default() -> None:
    p = Politeness(5.0, max_crawl_delay=60.0)
    p.set_crawl_delay("a", 7)
    p.set_crawl_delay("b", 1)
    p.set_crawl_delay("c", 3600)
    p.set_crawl_delay("d", None)
    assert [p.delay_for(h) for h in "abcde"] == [7.0, 5.0, 60.0, 5.0, 5.0]


def test_one_connection_per_host() -> None:
    clock = FakeClock()
    p = Politeness(0.0, clock=clock, sleep=clock.sleep)
    p.acquire("h")
    entered = threading.Event()

    def second() -> None:
        p.acquire("h")
        entered.set()
        p.release("h")

    t = threading.Thread(target=second)
    t.start()
    assert not entered.wait(0.1)  # blocked while the first connection is open
    p.acquire("other")  # another host is not blocked
    p.release("h")
    assert entered.wait(2.0)
    t.join(2.0)
