"""Breadth-first crawl of each source's seeds within its hosts and paths, into the user's corpus."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, computed_field

from claimcheck.corpus import content_hash, doc_id
from claimcheck.models import Document, Source
from claimcheck.scrape.adapters import AdapterError, accepted_types, adapt, adapter_links
from claimcheck.scrape.extract import extract, is_challenge, jaccard, normalise_link, page_links, shingles
from claimcheck.scrape.fetch import DEADLINE, MAX_BYTES, USER_AGENT, Fetcher, FetchResult
from claimcheck.scrape.politeness import DEFAULT_DELAY, Politeness
from claimcheck.scrape.robots import RobotsPolicy, robots_url
from claimcheck.scrape.sitemaps import MAX_ENTRIES, MAX_FILES, MAX_NESTING, SITEMAP_TYPES, decode, parse_sitemap
from claimcheck.scrape.state import CrawlState, PageRecord
from claimcheck.scrape.store import source_corpus_path, state_path, write_source_corpus
from claimcheck.scrape.urls import MalformedURL, canonical, host_or_none

# Outcomes after which a page's validators (ETag, Last-Modified) are worth sending next time.
_VALIDATED = frozenset({"stored", "duplicate", "thin", "unchanged"})

Progress = Callable[[str, int, int], None]


class CrawlConfig(BaseModel):
    """Limits of one crawl run; `allow_loopback` exists for the tests' local server only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_pages: int | None = None
    delay: float = DEFAULT_DELAY
    timeout: float = 20.0
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES
    max_attempts: int = 3
    max_depth: int = 6
    min_chars: int = 200
    near_duplicate: float = 0.9
    sitemaps: bool = True
    max_sitemap_entries: int = MAX_ENTRIES
    max_sitemap_files: int = MAX_FILES
    user_agent: str = USER_AGENT
    allow_loopback: bool = False


class Failure(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: str
    reason: str


class SourceSummary(BaseModel):
    """What one source's crawl did this run."""

    source_id: str
    resumed: bool = False
    fetched: int = 0
    unchanged: int = 0
    skipped_robots: int = 0
    failed: int = 0
    duplicates: int = 0
    thin: int = 0
    written: int = 0
    documents: int = 0
    pending: int = 0
    sitemap_urls: int = 0
    failures: list[Failure] = []
    skipped: list[str] = []


class CrawlSummary(BaseModel):
    """Totals over sources: fetched (200 and processed), unchanged (304), skipped by robots, failed, documents."""

    sources: list[SourceSummary]

    def _sum(self, field: str) -> int:
        return sum(getattr(s, field) for s in self.sources)

    @computed_field
    def fetched(self) -> int:
        return self._sum("fetched")

    @computed_field
    def unchanged(self) -> int:
        return self._sum("unchanged")

    @computed_field
    def skipped_robots(self) -> int:
        return self._sum("skipped_robots")

    @computed_field
    def failed(self) -> int:
        return self._sum("failed")

    @computed_field
    def duplicates(self) -> int:
        return self._sum("duplicates")

    @computed_field
    def documents_written(self) -> int:
        return self._sum("written")

    @computed_field
    def documents(self) -> int:
        return self._sum("documents")

    def lines(self) -> list[str]:
        """A short human summary, one line per figure and one per failure."""
        out = [
            f"fetched {self.fetched}, unchanged {self.unchanged}, skipped by robots.txt {self.skipped_robots}, "
            f"failed {self.failed}, near-duplicates {self.duplicates}",
            f"documents written {self.documents_written}; in the user corpus {self.documents}",
        ]
        for s in self.sources:
            if s.pending:
                out.append(f"{s.source_id}: {s.pending} pages left for the next run (it resumes where this stopped)")
            out.extend(f"{s.source_id}: skipped: {why}" for why in s.skipped)
            out.extend(f"failed {f.url}: {f.reason}" for f in s.failures)
        return out


def in_scope(url: str, source: Source) -> bool:
    """Whether a URL is on one of the source's hosts and under one of its path prefixes (if it has any)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if (parts.hostname or "").lower() not in source.allowed_hosts:
        return False
    return not source.path_prefixes or any(parts.path.startswith(p) for p in source.path_prefixes)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _SourceCrawl:
    """One source's crawl run: the robots policies of its hosts, its duplicate fingerprints, its counters."""

    def __init__(
        self,
        source: Source,
        config: CrawlConfig,
        state: CrawlState,
        politeness: Politeness,
        sleep: Callable[[float], None],
        home: Path | None,
    ) -> None:
        self.source = source
        self.home = home
        self.config = config
        self.state = state
        self.politeness = politeness
        self.summary = SourceSummary(source_id=source.id)
        self.malformed: set[str] = set()  # malformed links already reported this run
        self.accept = accepted_types(source.adapter)
        self.robots: dict[str, RobotsPolicy] = {}
        self.fetcher = Fetcher(
            lambda host: host in source.allowed_hosts,
            user_agent=config.user_agent,
            timeout=config.timeout,
            deadline=config.deadline,
            max_bytes=config.max_bytes,
            max_attempts=config.max_attempts,
            allow_loopback=config.allow_loopback,
            before_request=politeness.acquire,
            after_request=politeness.release,
            sleep=sleep,
        )
        self.prints: dict[str, tuple[str, str, frozenset[int]]] = {
            d.id: (d.url, d.content_hash, shingles(d.text)) for d in state.documents(source.id)
        }

    def policy(self, url: str) -> RobotsPolicy:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self.robots:
            result = self.fetcher.fetch(robots_url(url), accept=None)
            status = result.status
            if 200 <= status < 300 and not result.ok:  # a 2xx we could not read whole (too large): unreachable
                status = 500
            text = result.body.decode("utf-8-sig", errors="replace")
            policy = RobotsPolicy.from_response(status, text, result.reason)
            self.robots[key] = policy
            self.politeness.set_crawl_delay(parts.hostname or "", policy.crawl_delay(self.config.user_agent))
        return self.robots[key]

    def run(self, progress: Progress | None) -> SourceSummary:
        seeds: list[str] = []
        bad_seeds: list[tuple[str, str]] = []
        for raw in self.source.seeds:
            try:
                seed = canonical(raw)
            except MalformedURL as exc:
                bad_seeds.append((raw, f"malformed URL: {exc} (a seed in the registry)"))
                continue
            if (urlsplit(seed).hostname or "") in self.source.allowed_hosts:
                seeds.append(seed)
            else:
                self.summary.skipped.append(f"seed {raw} is not on an allowed host")
        self.summary.resumed = self.state.start(self.source.id, seeds)
        for raw, reason in bad_seeds:
            self._record(raw, 0, "failed", reason)
        if not self.summary.resumed and self.config.sitemaps:
            self._seed_from_sitemaps(seeds)
        budget = self.config.max_pages
        done = 0
        while (item := self.state.next_url(self.source.id)) is not None:
            if budget is not None and done >= budget:
                break
            url, depth = item
            try:
                target = canonical(url)
            except MalformedURL as exc:  # queued by a version that did not check: skipped, never fetched
                self._record(url, depth, "failed", f"malformed URL: {exc}")
                continue
            if target != url:  # queued by a version that did not normalise: the canonical URL takes its place
                self.state.enqueue(self.source.id, [target], depth=depth)
                self.state.mark_done(self.source.id, url)
                continue
            policy = self.policy(url)
            if not policy.allows(url, self.config.user_agent):
                self._robots_skip(url, depth, policy)
            else:
                try:
                    self._page(url, depth)
                except sqlite3.Error:
                    raise  # the crawl state itself is failing: nothing more can be recorded
                except Exception as exc:  # one hostile page must not end every run at the same place
                    self._record(url, depth, "failed", f"internal error: {type(exc).__name__}: {exc}")
                done += 1
            if progress:
                progress(self.source.id, done, done + self.state.pending(self.source.id))
        self.summary.pending = self.state.pending(self.source.id)
        docs = self.state.documents(self.source.id)
        if docs or source_corpus_path(self.source.id, self.home).exists():
            write_source_corpus(docs, source_corpus_path(self.source.id, self.home))
        self.summary.documents = len(docs)
        return self.summary

    # ---------------------------------------------------------------------------------------------

    def _seed_from_sitemaps(self, seeds: list[str]) -> None:
        """Queue the in-scope, robots-allowed `<loc>` pages of the source's sitemaps and its hosts' robots.txt."""
        queue: list[tuple[str, int]] = [(u, 0) for u in self.source.sitemaps]
        for seed in seeds:
            queue.extend((u, 0) for u in self.policy(seed).sitemaps())
        seen: set[str] = set()
        pages: dict[str, None] = {}
        files = 0
        while queue and files < self.config.max_sitemap_files and len(pages) < self.config.max_sitemap_entries:
            url, level = queue.pop(0)
            try:
                url = canonical(url)
            except MalformedURL as exc:
                if url not in seen and host_or_none(url) in (*self.source.allowed_hosts, None):
                    self.summary.failures.append(Failure(url=url, reason=f"sitemap not read: malformed URL: {exc}"))
                    self.summary.failed += 1
                seen.add(url)
                continue
            if url in seen or (urlsplit(url).hostname or "").lower() not in self.source.allowed_hosts:
                continue
            seen.add(url)
            if not self.policy(url).allows(url, self.config.user_agent):
                self.summary.skipped.append(f"sitemap {url} is disallowed by robots.txt")
                continue
            files += 1
            result = self.fetcher.fetch(url, accept=SITEMAP_TYPES)
            try:
                if not result.ok:
                    raise AdapterError(result.reason)
                sitemap = parse_sitemap(decode(result.body, self.config.max_bytes), self.config.max_sitemap_entries)
            except AdapterError as exc:
                self.summary.failures.append(Failure(url=url, reason=f"sitemap not read: {exc}"))
                self.summary.failed += 1
                continue
            if level < MAX_NESTING:
                queue.extend((u, level + 1) for u in sitemap.sitemaps)
            for loc in sitemap.pages:
                try:
                    page = normalise_link(url, loc)
                except MalformedURL as exc:
                    self._malformed([(loc, str(exc))], url)
                    continue
                if page and in_scope(page, self.source) and self.policy(page).allows(page, self.config.user_agent):
                    pages.setdefault(page, None)
        chosen = list(pages)[: self.config.max_sitemap_entries]
        self.summary.sitemap_urls = self.state.enqueue(self.source.id, chosen, depth=0)

    def _record(
        self,
        url: str,
        depth: int,
        outcome: str,
        reason: str,
        result: FetchResult | None = None,
        *,
        links: tuple[str, ...] = (),
        etag: str | None = None,
        last_modified: str | None = None,
        content_hash: str | None = None,
        doc_id: str | None = None,
        document: Document | None = None,
        documents: Sequence[Document] = (),
        drop_document: str | None = None,
    ) -> None:
        page = PageRecord(
            url=url,
            source_id=self.source.id,
            final_url=result.final_url if result else url,
            status=result.status if result else 0,
            outcome=outcome,
            reason=reason,
            etag=etag,
            last_modified=last_modified,
            content_hash=content_hash,
            doc_id=doc_id,
            links=links,
            fetched_at=_now(),
        )
        new_links = [u for u in links if in_scope(u, self.source)] if depth < self.config.max_depth else []
        final = result.final_url if result else url
        also = [final] if final != url and in_scope(final, self.source) else []
        self.state.record(
            page,
            depth=depth,
            new_links=new_links,
            also_done=also,
            document=document,
            documents=documents,
            drop_document=drop_document,
        )
        if outcome == "failed":
            self.summary.failed += 1
            self.summary.failures.append(Failure(url=url, reason=reason))

    def _malformed(self, found: Sequence[tuple[str, str]], where: str, depth: int = 0) -> None:
        """Record each malformed link found at `where` as a failure, once a run; links to other hosts are no
        concern of this source and are left out (a link whose host cannot even be read is kept)."""
        for url, why in found:
            if url in self.malformed or host_or_none(url) not in (*self.source.allowed_hosts, None):
                continue
            self.malformed.add(url)
            self._record(url, depth, "failed", f"malformed URL: {why} (linked from {where})")

    def _canonical_links(self, urls: Sequence[str], where: str, depth: int) -> list[str]:
        """The in-scope links among `urls` in canonical form; the malformed ones recorded as failures."""
        good: dict[str, None] = {}
        bad: list[tuple[str, str]] = []
        for url in urls:
            try:
                good.setdefault(canonical(url), None)
            except MalformedURL as exc:
                bad.append((url, str(exc)))
        self._malformed(bad, where, depth + 1)
        return [u for u in good if in_scope(u, self.source)]

    def _robots_skip(self, url: str, depth: int, policy: RobotsPolicy) -> None:
        if policy.mode == "disallow_all":
            self._record(url, depth, "failed", policy.reason)
        else:
            self.summary.skipped_robots += 1
            self._record(url, depth, "robots", "disallowed by robots.txt")

    def _page(self, url: str, depth: int) -> None:
        prev = self.state.page(url)
        valid = prev if prev is not None and prev.outcome in _VALIDATED else None
        result = self.fetcher.fetch(
            url,
            etag=valid.etag if valid else None,
            last_modified=valid.last_modified if valid else None,
            accept=self.accept,
        )
        validators = {"etag": result.headers.get("etag"), "last_modified": result.headers.get("last-modified")}
        if result.not_modified and valid is not None:
            self.summary.unchanged += 1
            self._record(
                url,
                depth,
                "unchanged",
                "not modified (304)",
                result,
                links=valid.links,
                etag=validators["etag"] or valid.etag,
                last_modified=validators["last_modified"] or valid.last_modified,
                content_hash=valid.content_hash,
                doc_id=valid.doc_id,
            )
            return
        body = result.text() if result.body else ""
        if body and is_challenge(body, result.headers):
            reason = f"blocked: bot challenge page (http {result.status}), not stored"
            self._record(url, depth, "failed", reason, result)
            return
        if not result.ok:
            gone = result.status in (404, 410) and prev is not None and prev.doc_id
            self._record(url, depth, "failed", result.reason, result, drop_document=prev.doc_id if gone else None)
            if gone:
                self.prints.pop(prev.doc_id or "", None)
            return
        self.summary.fetched += 1
        if self.source.adapter:
            self._adapted(url, depth, body, result, validators)
            return
        found, malformed = page_links(body, result.final_url)
        self._malformed(malformed, url, depth + 1)
        ex = extract(body, result.final_url)
        common = {"links": tuple(u for u in found if in_scope(u, self.source)), **validators}
        if len(ex.text) < self.config.min_chars:
            self.summary.thin += 1
            self._record(url, depth, "thin", f"too little main text ({len(ex.text)} characters)", result, **common)
            return
        doc = self._document(result.final_url, ex.title or result.final_url, ex.text, ex.sections)
        if isinstance(doc, str):
            self.summary.duplicates += 1
            self._record(url, depth, "duplicate", doc, result, **common)
            return
        self._record(
            url, depth, "stored", "ok", result, content_hash=doc.content_hash, doc_id=doc.id, document=doc, **common
        )

    def _adapted(self, url: str, depth: int, body: str, result: FetchResult, validators: dict) -> None:
        """A response read by the source's adapter (NHS API JSON, MedlinePlus XML): one or many documents."""
        found = self._canonical_links(adapter_links(self.source.adapter, body), url, depth)
        common = {"links": tuple(found), **validators}
        try:
            pages = adapt(self.source.adapter, body, result.final_url)
        except AdapterError as exc:
            self._record(url, depth, "failed", f"{self.source.adapter} adapter: {exc}", result, **common)
            return
        docs: list[Document] = []
        notes: list[str] = []
        for page in pages:
            ex = page.extracted
            if len(ex.text) < self.config.min_chars:
                self.summary.thin += 1
                notes.append(f"{page.url}: too little text ({len(ex.text)} characters)")
                continue
            doc = self._document(page.url, ex.title or page.url, ex.text, ex.sections)
            if isinstance(doc, str):
                self.summary.duplicates += 1
                notes.append(doc)
            else:
                docs.append(doc)
        if not docs:
            outcome = "duplicate" if notes and all(n.startswith("near-duplicate") for n in notes) else "thin"
            self._record(url, depth, outcome, "; ".join(notes) or "no documents in the response", result, **common)
            return
        first = docs[0]
        self._record(
            url, depth, "stored", f"ok ({len(docs)} documents)", result,
            content_hash=first.content_hash, doc_id=first.id, documents=docs, **common,
        )  # fmt: skip

    def _document(self, url: str, title: str, text: str, sections: tuple) -> Document | str:
        """A new or updated document, or the reason it is a near-duplicate of one already kept."""
        ident, chash = doc_id(url), content_hash(text)
        prints = shingles(text)
        for other, (other_url, other_hash, other_prints) in self.prints.items():
            if other == ident:
                continue
            score = 1.0 if other_hash == chash else jaccard(prints, other_prints)
            if score >= self.config.near_duplicate:
                return f"near-duplicate of {other_url} (Jaccard {score:.2f})"
        doc = Document(
            id=ident,
            url=url,
            title=title,
            publisher=self.source.publisher,
            source_id=self.source.id,
            licence=self.source.licence,
            redistributable=self.source.redistributable,
            retrieved=datetime.now(UTC).date().isoformat(),
            content_hash=chash,
            text=text,
            sections=sections,
        )
        known = self.prints.get(ident)
        if known is None or known[1] != chash:
            self.summary.written += 1
        self.prints[ident] = (doc.url, chash, prints)
        return doc


def crawl_registry(
    source_ids: Sequence[str] | None = None,
    *,
    max_pages: int | None = None,
    delay: float = DEFAULT_DELAY,
    home: Path | None = None,
    progress: Progress | None = None,
) -> CrawlSummary:
    """Crawl the named registry sources (default: every source with seeds) with real time and default limits."""
    from claimcheck.sources import get_source, load_sources

    registry = load_sources()
    chosen = [get_source(i, registry) for i in source_ids] if source_ids else [s for s in registry if s.seeds]
    config = CrawlConfig(max_pages=max_pages, delay=delay)
    return crawl(chosen, config=config, home=home, progress=progress)


def crawl(
    sources: Sequence[Source],
    *,
    config: CrawlConfig | None = None,
    home: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    progress: Progress | None = None,
    politeness: Politeness | None = None,
) -> CrawlSummary:
    """Crawl each source (seeds, then links breadth-first), update the user corpus and return the summary.

    Safe to interrupt: every page is committed to the crawl state as it is done, and the next run resumes
    the unfinished frontier, sending ETag / Last-Modified so unchanged pages cost a 304 and no extraction.
    """
    config = config or CrawlConfig()
    politeness = politeness or Politeness(config.delay, clock=clock, sleep=sleep)
    summaries: list[SourceSummary] = []
    with CrawlState(state_path(home)) as state:
        for source in sources:
            if not source.seeds:
                summaries.append(SourceSummary(source_id=source.id, skipped=["no seeds in the registry"]))
                continue
            summaries.append(_SourceCrawl(source, config, state, politeness, sleep, home).run(progress))
    return CrawlSummary(sources=summaries)
