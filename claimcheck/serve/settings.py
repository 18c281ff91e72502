"""The server's options and limits, in one frozen dataclass (no web framework imported here)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from claimcheck.claims import MAX_INPUT_CHARS

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or name the server binds to) is reachable only from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    """What `claimcheck serve` was started with; every bound holds before the work it protects starts."""

    host: str = "127.0.0.1"
    port: int = 8000
    allow_remote: bool = False
    country: str | None = None  # default country for helplines (None: CLAIMCHECK_COUNTRY, the locale, INTL)
    index: Path | None = None
    model: str | None = None
    stance: str | None = None
    workers: int = 2  # threads that run checks; the Checker itself is used by one of them at a time
    queue: int = 32  # checks waiting or running before new ones get 503 with Retry-After
    # a check's request body: the CLI's 100,000-character bound as JSON, every character escaped (\\ud83d\\ude00)
    max_body: int = 12 * (MAX_INPUT_CHARS + 1) + 64 * 1024
    max_upload: int = 100 * 1024 * 1024  # a batch upload (all files together)
    max_files: int = 8  # files in one batch upload
    max_claims: int = 100  # claims checked per request (the CLI's bound; more are reported as truncated)
    max_jobs: int = 2  # batch jobs queued or running at once
    rate: float = 60.0  # requests per minute per client to the POST endpoints ...
    burst: int = 20  # ... with this many at once
    timeout: float = 60.0  # seconds a check may take before the client gets 503
    body_timeout: float = 30.0  # seconds a client may take to send its request body (slow clients get 408)
    report_ttl: float = 600.0  # seconds a finished batch report is kept in memory for viewing and download
    log_text: bool = False  # put the checked text in the log (never by default)
    tmp_dir: Path | None = None  # where uploads are written while a batch runs (default: the system's)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)
