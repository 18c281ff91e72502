"""Crawl state in SQLite: each URL's last answer, the frontier and the extracted documents; one commit per page."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimcheck.models import Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    final_url TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    doc_id TEXT,
    links TEXT NOT NULL DEFAULT '[]',
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS frontier (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL,
    url TEXT NOT NULL,
    depth INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source_id, url)
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    url TEXT NOT NULL,
    json TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class PageRecord:
    """The last answer recorded for one requested URL."""

    url: str
    source_id: str
    final_url: str
    status: int
    outcome: str
    reason: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    doc_id: str | None
    links: tuple[str, ...]
    fetched_at: str


class CrawlState:
    """A crawl's memory on disk. Every `record()` is one transaction, so a crawl killed at any point resumes
    from the first page it had not finished, and never loses a document it had extracted."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- frontier ---------------------------------------------------------------------------------

    def start(self, source_id: str, seeds: Iterable[str]) -> bool:
        """Begin a crawl of a source at its seeds, or resume the unfinished one; True when resuming."""
        with self.db:
            pending = self.pending(source_id)
            if pending:
                return True
            self.db.execute("DELETE FROM frontier WHERE source_id = ?", (source_id,))
            self.db.executemany(
                "INSERT OR IGNORE INTO frontier (source_id, url, depth) VALUES (?, ?, 0)",
                [(source_id, url) for url in seeds],
            )
        return False

    def enqueue(self, source_id: str, urls: Iterable[str], depth: int = 0) -> int:
        """Add URLs (a sitemap's entries) to the frontier unless already there; how many were new."""
        with self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR IGNORE INTO frontier (source_id, url, depth) VALUES (?, ?, ?)",
                [(source_id, url, depth) for url in urls],
            )
            return self.db.total_changes - before

    def mark_done(self, source_id: str, url: str) -> None:
        """Mark a frontier URL done without a page record (one queued before URLs were put in canonical form)."""
        with self.db:
            self.db.execute("UPDATE frontier SET done = 1 WHERE source_id = ? AND url = ?", (source_id, url))

    def pending(self, source_id: str) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM frontier WHERE source_id = ? AND done = 0", (source_id,)).fetchone()
        return int(row[0])

    def next_url(self, source_id: str) -> tuple[str, int] | None:
        """The oldest URL not yet done (breadth-first order) and its depth from the seeds."""
        row = self.db.execute(
            "SELECT url, depth FROM frontier WHERE source_id = ? AND done = 0 ORDER BY seq LIMIT 1", (source_id,)
        ).fetchone()
        return (row["url"], row["depth"]) if row else None

    # -- pages ------------------------------------------------------------------------------------

    def page(self, url: str) -> PageRecord | None:
        row = self.db.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        data = dict(row)
        data["links"] = tuple(json.loads(data["links"]))
        return PageRecord(**data)

    def record(
        self,
        page: PageRecord,
        *,
        depth: int,
        new_links: Iterable[str] = (),
        document: Document | None = None,
        documents: Iterable[Document] = (),
        drop_document: str | None = None,
        also_done: Iterable[str] = (),
    ) -> None:
        """Record one page's answer, mark it done, queue its links and store or drop its documents: one commit.

        `documents` is for responses that hold several (an adapter's XML feed); `document` for the usual one.
        """
        row = {**page.__dict__, "links": json.dumps(list(page.links))}
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO pages (url, source_id, final_url, status, outcome, reason, etag,"
                " last_modified, content_hash, doc_id, links, fetched_at) VALUES (:url, :source_id, :final_url,"
                " :status, :outcome, :reason, :etag, :last_modified, :content_hash, :doc_id, :links, :fetched_at)",
                row,
            )
            for url in (page.url, *also_done):
                self.db.execute(
                    "INSERT INTO frontier (source_id, url, depth, done) VALUES (?, ?, ?, 1)"
                    " ON CONFLICT (source_id, url) DO UPDATE SET done = 1",
                    (page.source_id, url, depth),
                )
            self.db.executemany(
                "INSERT OR IGNORE INTO frontier (source_id, url, depth) VALUES (?, ?, ?)",
                [(page.source_id, url, depth + 1) for url in new_links],
            )
            for doc in [*([document] if document is not None else []), *documents]:
                self.db.execute(
                    "INSERT OR REPLACE INTO documents (doc_id, source_id, url, json) VALUES (?, ?, ?, ?)",
                    (doc.id, doc.source_id, doc.url, doc.model_dump_json()),
                )
            if drop_document:
                self.db.execute("DELETE FROM documents WHERE doc_id = ?", (drop_document,))

    def outcomes(self, source_id: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT outcome, COUNT(*) AS n FROM pages WHERE source_id = ? GROUP BY outcome", (source_id,)
        )
        return {r["outcome"]: r["n"] for r in rows}

    # -- documents --------------------------------------------------------------------------------

    def documents(self, source_id: str) -> list[Document]:
        rows = self.db.execute("SELECT json FROM documents WHERE source_id = ? ORDER BY doc_id", (source_id,))
        return [Document.model_validate_json(r["json"]) for r in rows]
