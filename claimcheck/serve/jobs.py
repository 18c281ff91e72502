"""Batch jobs: an uploaded export is written to a private temporary folder, checked with the batch code as
`claimcheck batch` runs it, rendered to the same HTML report, and the folder is deleted whatever happens.

Only the finished report (and its counts) stays, in memory, for `report_ttl` seconds so the page can show it
and offer it for download; then it is dropped.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("claimcheck.serve")

MAX_NAME = 255


def safe_upload_name(name: str | None) -> str:
    """A client's file name as a plain file name (no folders, no control characters), extension kept: the
    batch code detects a format from it ("tweets.js", "result.json", ".zip")."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    if not base:
        return "upload.txt"
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) < 16 else base[:MAX_NAME]
    return base


class LockedChecker:
    """A shared `Checker` as the batch code sees it: each call holds the lock the API's checks hold too, so a
    long batch and single checks take turns instead of touching the Checker's caches at the same time."""

    def __init__(self, checker: Any, lock: threading.Lock) -> None:
        self._checker = checker
        self._lock = lock

    def verdicts(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return self._checker.verdicts(*args, **kwargs)

    def assess(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return self._checker.assess(*args, **kwargs)

    def models(self) -> Any:
        with self._lock:
            return self._checker.models()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._checker, name)


@dataclass
class Job:
    """One batch upload: its progress while it runs, then the report (or the problem that stopped it)."""

    id: str
    country: str | None
    created: float = field(default_factory=time.monotonic)
    status: str = "queued"  # queued, running, done, failed
    bytes_done: int = 0
    bytes_total: int = 0
    messages: int = 0
    finished_messages: int = 0  # messages whose checks are done
    report: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    finished: float | None = None

    def view(self) -> dict[str, Any]:
        """The job as `GET /v1/batch/{id}` returns it."""
        fraction = self.bytes_done / self.bytes_total if self.bytes_total else 0.0
        if self.messages:
            fraction *= self.finished_messages / self.messages  # read, and checked
        fraction = 1.0 if self.status == "done" else min(0.99, fraction)
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "progress": {
                "fraction": round(fraction, 4),
                "bytes_read": self.bytes_done,
                "bytes_total": self.bytes_total,
                "messages_read": self.messages,
            },
        }
        if self.status == "done":
            out["summary"] = self.summary
            out["report_url"] = f"/v1/batch/{self.id}/report"
            out["download_url"] = f"/v1/batch/{self.id}/report?download=1"
        if self.error is not None:
            out["error"] = self.error
        return out


class JobFull(Exception):
    """Every job slot is taken."""


class Jobs:
    """At most `max_jobs` batch jobs queued or running; finished ones are kept `ttl` seconds, then dropped."""

    def __init__(self, checker: Any, lock: threading.Lock, *, max_jobs: int, ttl: float, tmp_dir: Path | None):
        self.checker = LockedChecker(checker, lock)
        self.max_jobs = max(1, max_jobs)
        self.ttl = ttl
        self.tmp_dir = tmp_dir
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=self.max_jobs, thread_name_prefix="claimcheck-batch")

    def active(self) -> int:
        with self._lock:
            return sum(j.status in ("queued", "running") for j in self._jobs.values())

    def workspace(self) -> Path:
        """A new private folder for one upload (0700); the caller must hand it to `start` or delete it."""
        return Path(tempfile.mkdtemp(prefix="claimcheck-serve-", dir=self.tmp_dir))

    def start(self, folder: Path, export: Any, country: str | None, text_column: str | None) -> Job:
        """Queue the batch over `export` (read from files in `folder`, which is deleted when the job ends)."""
        self.expire()
        with self._lock:
            if sum(j.status in ("queued", "running") for j in self._jobs.values()) >= self.max_jobs:
                raise JobFull
            job = Job(id=secrets.token_urlsafe(12), country=country, bytes_total=export.total_bytes)
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, folder, export, text_column)
        return job

    def get(self, job_id: str) -> Job | None:
        self.expire()
        with self._lock:
            return self._jobs.get(job_id)

    def drop(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.status in ("queued", "running"):
                return False
            del self._jobs[job_id]
            return True

    def expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            for job_id in [k for k, j in self._jobs.items() if j.finished is not None and now - j.finished > self.ttl]:
                del self._jobs[job_id]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, folder: Path, export: Any, text_column: str | None) -> None:
        """The batch as `claimcheck batch --format html` runs it: run_batch, then render."""
        from claimcheck.batch.report import render
        from claimcheck.batch.run import run_batch
        from claimcheck.errors import ClaimcheckError, InputError

        job.status = "running"
        status = "failed"
        started = time.monotonic()

        def progress(done: int, total: int, read: int, finished: int) -> None:
            """run_batch's `Progress`: bytes read, bytes in all, messages read, messages finished."""
            job.bytes_done, job.bytes_total, job.messages = done, total or job.bytes_total, read
            job.finished_messages = finished

        try:
            result = run_batch(export, self.checker, text_column=text_column, country=job.country, progress=progress)
            job.report = render(result, "html")
            job.summary = {
                "messages_read": result.read,
                "checked": result.checked,
                "not_checkable": result.not_checkable,
                "skipped": result.skipped,
                "unique_claims": len(result.claims),
                "members_at_risk": len(result.flagged),
                "urgent": sum(r.tier == "urgent" for r in result.flagged),
                "stopped": result.stopped,
            }
            job.messages = result.read
            status = "done"
        except InputError as exc:
            job.error = {"status": 422, "title": "Export cannot be read", "detail": str(exc)}
        except ClaimcheckError as exc:
            job.error = {"status": 503, "title": "Check unavailable", "detail": str(exc)}
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            log.exception("batch job %s failed", job.id)
            job.error = {"status": 500, "title": "Internal error", "detail": f"unexpected {type(exc).__name__}"}
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # before the job says it is finished
            job.finished = time.monotonic()
            job.status = status
            log.info(
                "batch %s: %s, %d messages, %d bytes, %.1f s",
                job.id,
                job.status,
                job.messages,
                job.bytes_total,
                job.finished - started,
            )
