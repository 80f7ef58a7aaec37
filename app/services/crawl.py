"""Crawl orchestration: async downloads, extraction and analysis in a process pool, pages stored in small
batches (each page in its own savepoint, see crawl_batch).

Alone on its database (SQLite, or a Crawler made without a registered process), a crawl lists each source's
pages to fetch at the start of its pass. Registered on PostgreSQL, it shares the work with every other crawl
process of the database: passes, page claims and per-host politeness live in the database (crawl_frontier,
crawl_hosts, crawl_workers)."""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_time

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.analysis.dates import PARIS
from app.db import unit_of_work
from app.models import FetchState
from app.scrapers.base import SKIP_KINDS, Fetcher, FetchResult
from app.scrapers.feeds import Discovered, FeedError, parse_feed, parse_sitemap
from app.scrapers.netguard import SitePolicy
from app.scrapers.registry import SourceConfig
from app.scrapers.statuspage import StatusPageError, matching, parse_status
from app.services import crawl_frontier as fr
from app.services import crawl_state as cs
from app.services.crawl_batch import PageBatch
from app.services.crawl_hosts import SharedHosts
from app.services.crawl_state import SourceReport
from app.services.crawl_workers import CrawlProcess
from app.services.extraction_pool import ExtractionPool
from app.services.ingest import Prepared, prepare_in, served_by, store
from app.services.official import relink_all, store_official

log = logging.getLogger(__name__)

Progress = Callable[[str, str, int], None]  # (event "total"|"advance", source name, n)
MAX_SITEMAPS = 20
RUN_SAVE_EVERY = 1.0  # seconds between CrawlRun counter saves during a source (always saved at the end)
DRAIN_SECONDS = 3.0  # after a stop, pages already downloaded get this long to be extracted and stored
SHARED_POLL = 0.2  # seconds between two looks at a pass another process discovers, or pages others hold
# permanent for this URL: never fetched again unless a --refresh checks it
PERMANENT_KINDS = frozenset(
    {"not-html", "robots", "too-large", "redirect-refused", "off-site", "forbidden-address", "encoding"}
)


class SourceStopped(Exception):
    """The source ends early for this run: a signal (reason None), its time budget, or its site's demands."""

    def __init__(self, reason: str | None) -> None:
        super().__init__(reason or "interrompue")
        self.reason = reason


def site_policy(src: SourceConfig) -> SitePolicy:
    """The sites a source may be fetched from: those of every URL it lists."""
    return SitePolicy.of([src.homepage, *src.feeds, *src.sitemaps, *([src.url] if src.url else [])])


def paris_midnight(day: date) -> datetime:
    """The start of a day in Paris: `--since 2025-01-01` keeps what was published from then on, French time
    (a page stamped 23:30 UTC on 31 December was published on 1 January in Paris)."""
    return datetime.combine(day, day_time.min, tzinfo=PARIS)


@dataclass
class CrawlOptions:
    """What `veille crawl` was asked to do."""

    max_pages: int | None = None
    since: date | None = None
    refresh: bool = False


class Crawler:
    """One crawl over several sources sharing one fetcher, one pool and one stop signal."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        fetcher: Fetcher,
        pool: ExtractionPool,
        options: CrawlOptions,
        stop: asyncio.Event | None = None,
        progress: Progress | None = None,
        process: CrawlProcess | None = None,
    ) -> None:
        self.factory = factory
        self.fetcher = fetcher
        self.pool = pool
        self.options = options
        self.stop = stop or asyncio.Event()
        self.progress = progress or (lambda *_: None)
        self._saved_at: dict[int, float] = {}
        self._deadlines: dict[str, float] = {}
        self._policies: dict[str, SitePolicy] = {}
        self.batch = PageBatch(factory)
        # several processes on one PostgreSQL database: this one's registration, its counters already added
        self.process = process if process is not None and process.shared else None
        self._added: dict[int, SourceReport] = {}
        if self.process is not None:
            fetcher.gate = SharedHosts(self.process.engine, self.process.id, self.process.lease)

    @contextmanager
    def _uow(self) -> Iterator[Session]:
        """A unit of work outside the page batch, which is committed first (one writer at a time). A batch that
        fails to commit is logged (PageBatch.commit) and not fatal here: its pages are still to fetch."""
        with suppress(SQLAlchemyError):
            self.batch.commit()
        with unit_of_work(self.factory) as session:
            yield session

    async def run(self, sources: list[SourceConfig]) -> list[SourceReport]:
        """Crawl every source concurrently; a failing source is reported, never fatal to the others."""
        reports = await asyncio.gather(*(self._guarded(s) for s in sources))
        with self._uow() as session:
            relink_all(session)  # press coverage stored in this run may confirm official-only incidents
        return list(reports)

    async def _fetch(self, src: SourceConfig, url: str, **kw: object) -> FetchResult:
        """Fetch for a source, raced against the stop signal and the source's time budget; a site that asks
        for more than our caps (Crawl-delay, Retry-After) stops the source."""
        loop = asyncio.get_running_loop()
        policy = self._policies.setdefault(src.name, site_policy(src))
        fetch = asyncio.ensure_future(self.fetcher.fetch(url, delay=src.delay, site=policy, **kw))  # type: ignore[arg-type]
        stopper = asyncio.ensure_future(self.stop.wait())
        try:
            done, _ = await asyncio.wait(
                {fetch, stopper},
                timeout=max(0.0, self._deadlines[src.name] - loop.time()),
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            stopper.cancel()
        if fetch not in done:
            fetch.cancel()  # the request and any politeness sleep end now
            with suppress(asyncio.CancelledError):
                await fetch
            raise self._stopped()
        res = fetch.result()
        if res.error_kind in SKIP_KINDS:
            raise SourceStopped(res.error_message)
        return res

    def _stopped(self) -> SourceStopped:
        """Why a source ends early while it waits: a stop signal, or its time budget."""
        if self.stop.is_set():
            return SourceStopped(None)
        budget = self.fetcher.config.source_budget
        return SourceStopped(f"budget de temps de {budget:g} s épuisé : la suite au prochain passage")

    async def _nap(self, src: SourceConfig, seconds: float) -> None:
        """Sleep, cut short by a stop signal or the end of the source's time budget (which raise)."""
        left = self._deadlines[src.name] - asyncio.get_running_loop().time()
        with suppress(TimeoutError):
            await asyncio.wait_for(self.stop.wait(), timeout=max(0.0, min(seconds, left)))
        if self.stop.is_set() or seconds >= left:
            raise self._stopped()

    async def _guarded(self, src: SourceConfig) -> SourceReport:
        report = SourceReport(src.name, kind=src.kind)
        self._deadlines[src.name] = asyncio.get_running_loop().time() + self.fetcher.config.source_budget
        if self.process is not None:
            return await self._guarded_shared(src, report)
        with self._uow() as session:
            source_id = cs.ensure_source(session, src).id
            run_id = cs.start_run(session, source_id).id
        try:
            if src.kind == "statuspage":
                await self._status(src, source_id, report)
            else:
                await self._site(src, source_id, run_id, report)
        except SourceStopped as exc:
            report.stop_reason = exc.reason
            if exc.reason:
                log.warning("source stopped source=%s reason=%s", src.name, exc.reason)
        except Exception as exc:  # one broken source must not stop the crawl of the others
            log.exception("source failed source=%s", src.name)
            report.fatal = f"{type(exc).__name__}: {exc}"[:300]
            report.error("crash")
        with self._uow() as session:
            cs.save_run(session, run_id, report, finished=True)
        return report

    async def _listing(
        self, src: SourceConfig, source_id: int, url: str, kind: str, report: SourceReport
    ) -> tuple[FetchResult, bool]:
        """Fetch a feed, sitemap or status JSON conditionally; returns (result, answered)."""
        with self._uow() as session:
            st = cs.state_for(session, url, source_id, kind)
            etag, lm = st.etag, st.last_modified
        res = await self._fetch(src, url, expect="any", etag=etag, last_modified=lm)
        with self._uow() as session:
            st = cs.state_for(session, url, source_id, kind)
            st.http_status, st.fetched_at, st.attempts = res.status, cs.now(), st.attempts + 1
            if res.ok or res.not_modified:
                # validators are saved by the caller once what the body taught us is stored, so that a
                # kill in between cannot turn the next answer into a 304 that hides unseen entries
                st.state, st.error = "done", None
            else:
                st.state = "gone" if res.gone else "error"
                st.error = res.error_message
        if res.gone:
            report.error(f"{kind}-gone")
        elif res.error_kind:
            report.error(f"{kind}-{res.error_kind}")
        return res, res.ok or res.not_modified

    def _save_validators(self, session: Session, source_id: int, results: list[FetchResult]) -> None:
        for res in results:
            st = cs.state_for(session, res.url, source_id, "feed")
            st.etag, st.last_modified = res.etag, res.last_modified

    async def _discover(
        self, src: SourceConfig, source_id: int, report: SourceReport, answered_ok: list[FetchResult]
    ) -> list[Discovered]:
        found: list[Discovered] = []
        answered: list[bool] = []
        for feed in src.feeds:
            res, ok = await self._listing(src, source_id, feed, "feed", report)
            if res.ok:
                try:
                    found += parse_feed(res.body, res.final_url or feed)
                    answered_ok.append(res)
                except FeedError as exc:
                    log.warning("bad feed source=%s url=%s error=%s", src.name, feed, exc)
                    report.error("feed-unreadable")
                    ok = False
            answered.append(ok)
        report.feed_ok = any(answered) if answered else None
        queue = list(src.sitemaps)
        if src.sitemaps_from_robots:
            queue += await self._robots_sitemaps(src)
        seen: set[str] = set()
        while queue and len(seen) < MAX_SITEMAPS:
            sm = queue.pop(0)
            if sm in seen:
                continue
            seen.add(sm)
            res, _ = await self._listing(src, source_id, sm, "sitemap", report)
            if res.ok:
                try:
                    pages, children = parse_sitemap(res.body)
                except FeedError as exc:
                    log.warning("bad sitemap source=%s url=%s error=%s", src.name, sm, exc)
                    report.error("sitemap-unreadable")
                    continue
                found += pages
                queue += children
                answered_ok.append(res)
        since = paris_midnight(self.options.since) if self.options.since else None
        return [
            d
            for d in found
            if src.accepts(d.url) and not (since and d.published_at and d.published_at < since)
        ]

    async def _robots_sitemaps(self, src: SourceConfig) -> list[str]:
        """The Sitemap: lines of the homepage's robots.txt (loading it is raced against a stop, like a fetch)."""
        task = asyncio.ensure_future(self.fetcher.robots_sitemaps(src.homepage, src.delay))
        stopper = asyncio.ensure_future(self.stop.wait())
        try:
            await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
        if not task.done():
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            raise SourceStopped(None)
        return task.result()

    async def _site(self, src: SourceConfig, source_id: int, run_id: int, report: SourceReport) -> None:
        answered: list[FetchResult] = []
        listed = [d.url for d in await self._discover(src, source_id, report, answered)]
        report.discovered = len(set(listed))
        with self._uow() as session:
            cs.add_pending(session, source_id, listed)
            self._save_validators(session, source_id, answered)
            todo = cs.pages_to_fetch(session, source_id, self.options.refresh, self.options.max_pages)
            cs.save_run(session, run_id, report)
        self.progress("total", src.name, len(todo))
        slots = self._slots()
        tasks: set[asyncio.Task[None]] = set()
        complete = False
        try:
            for state_id, url, etag, lm in todo:
                await self._download(src, run_id, report, slots, tasks, state_id, url, etag, lm)
            complete = True
        finally:
            await self._drain(tasks, wait=None if complete else DRAIN_SECONDS)
        with self._uow() as session:
            cs.finish_refresh(session, source_id)

    def _slots(self) -> asyncio.Semaphore:
        """Bounded in-flight work: downloads run ahead of the pool, but memory stays flat."""
        return asyncio.Semaphore(max(2, 2 * self.pool.size))

    async def _download(
        self,
        src: SourceConfig,
        run_id: int,
        report: SourceReport,
        slots: asyncio.Semaphore,
        tasks: set[asyncio.Task[None]],
        state_id: int,
        url: str,
        etag: str | None,
        lm: str | None,
    ) -> None:
        """Fetch one page (politely), then hand it to a task that extracts and stores it."""
        if self.stop.is_set():
            raise SourceStopped(None)
        await slots.acquire()
        if self.stop.is_set():
            slots.release()
            raise SourceStopped(None)
        try:
            res = await self._fetch(src, url, expect="html", etag=etag, last_modified=lm)
        except BaseException:
            slots.release()
            raise
        task = asyncio.create_task(self._page(src, state_id, run_id, res, report))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        task.add_done_callback(lambda _t: slots.release())

    @staticmethod
    async def _drain(tasks: set[asyncio.Task[None]], wait: float | None) -> None:
        """Let downloaded pages be extracted and stored; after a stop, only for `wait` seconds."""
        if not tasks:
            return
        pending = set(tasks)
        _, late = await asyncio.wait(pending, timeout=wait)
        for task in late:  # still in the pool: the page stays to fetch, nothing half-stored
            task.cancel()
        if late:
            await asyncio.wait(late)

    async def _page(
        self, src: SourceConfig, state_id: int, run_id: int, res: FetchResult, report: SourceReport
    ) -> None:
        prepared: Prepared | None = None
        if res.ok:
            report.fetched += 1
            prepared = await asyncio.wrap_future(
                prepare_in(self.pool, res.body, res.final_url or res.url, res.charset, src.rules)
            )
        try:
            with self.batch.page() as session:
                self._record(session, src, state_id, res, prepared, report)
                if (
                    self.process is None
                    and time.monotonic() - self._saved_at.get(run_id, 0.0) > RUN_SAVE_EVERY
                ):
                    cs.save_run(session, run_id, report)
                    self._saved_at[run_id] = time.monotonic()
        except Exception:
            log.exception("store failed url=%s", res.url)
            report.error("store")
            # shared frontier: out of the pass too, so that this pass tries it again (MAX_ATTEMPTS bounds it):
            # a store fails mostly for a passing reason (a deadlock, a lost connection)
            retry = {"run_id": None} if self.process is not None else {}
            with self.batch.page() as session:
                session.execute(
                    update(FetchState)
                    .where(FetchState.id == state_id)
                    .values(
                        state="error",
                        error="échec de l'enregistrement",
                        attempts=FetchState.attempts + 1,
                        **self._unleased(),
                        **retry,
                    )
                )
        if self.process is not None and time.monotonic() - self._saved_at.get(run_id, 0.0) > RUN_SAVE_EVERY:
            self._add_counters(run_id, report)
        self.progress("advance", src.name, 1)

    def _unleased(self) -> dict[str, object]:
        """The columns that give a page's lease back with its outcome (shared frontier only)."""
        return {"lease_owner": None, "lease_until": None} if self.process is not None else {}

    def _record(
        self,
        session: Session,
        src: SourceConfig,
        state_id: int,
        res: FetchResult,
        prepared: Prepared | None,
        report: SourceReport,
    ) -> None:
        values: dict[str, object] = {
            "http_status": res.status,
            "fetched_at": cs.now(),
            "attempts": FetchState.attempts + 1,
            "state": "done",
            "error": None,
            **self._unleased(),
        }
        self._outcome(session, src, res, prepared, report, values)
        # a plain UPDATE: cheaper than loading the row, and the page's outcome commits with its article
        session.execute(update(FetchState).where(FetchState.id == state_id).values(**values))

    def _outcome(
        self,
        session: Session,
        src: SourceConfig,
        res: FetchResult,
        prepared: Prepared | None,
        report: SourceReport,
        values: dict[str, object],
    ) -> None:
        if res.not_modified:
            report.unchanged += 1
            return
        if res.gone or res.error_kind in PERMANENT_KINDS:
            # permanent for this URL: never fetched again unless it reappears after a --refresh
            values.update(state="gone", error=res.error_message)
            report.error("gone" if res.gone else res.error_kind or "gone")
            return
        if res.error_kind or prepared is None:
            values.update(state="error", error=res.error_message)
            report.error(res.error_kind or "unknown")
            return
        values.update(etag=res.etag, last_modified=res.last_modified)
        if prepared.document is None:
            values["error"] = prepared.error_message
            report.error(prepared.error_reason or "extraction")
            return
        prepared = served_by(prepared, res.final_url or res.url)
        doc = prepared.document
        assert doc is not None
        report.with_text += 1
        report.with_date += doc.published_at is not None
        report.with_author += bool(doc.author)
        since = self.options.since
        if since and doc.published_at and doc.published_at < paris_midnight(since):
            report.skipped += 1
            return
        result = store(session, prepared, src.name)
        if result.status == "stored":
            report.stored += 1
        elif result.status == "updated":
            report.updated += 1
        elif result.status == "unchanged":
            report.unchanged += 1
        elif result.status == "skipped":
            report.skipped += 1
            if result.reason == "other-source":
                report.error("other-source")
        else:
            report.error("store")

    async def _status(self, src: SourceConfig, source_id: int, report: SourceReport) -> None:
        assert src.url is not None and src.format is not None
        res, ok = await self._listing(src, source_id, src.url, "status", report)
        report.feed_ok = ok
        if res.not_modified:
            report.unchanged += 1
            return
        if not res.ok:
            return
        report.fetched += 1
        try:
            records = matching(parse_status(res.body, src.format, src.homepage), src.match)
        except StatusPageError as exc:
            log.warning("bad status JSON source=%s error=%s", src.name, exc)
            report.error("status-unreadable")
            report.feed_ok = False
            return
        report.discovered = len(records)
        with self._uow() as session:
            counts = store_official(session, src.provider or src.name, records, src.products)
            self._save_validators(session, source_id, [res])
        report.stored, report.updated, report.unchanged = (
            counts["stored"],
            counts["updated"],
            counts["unchanged"],
        )

    # --- several processes on one PostgreSQL database -----------------------------------------------------

    async def _guarded_shared(self, src: SourceConfig, report: SourceReport) -> SourceReport:
        """A source's share of a pass: discover it if this process opened the pass, then claim pages."""
        assert self.process is not None
        run_id: int | None = None
        try:
            with self._uow() as session:
                source_id = fr.ensure_source(session, src).id
            ticket = await self._enter_pass(src, source_id)
            run_id = ticket.run_id
            self._added[run_id] = SourceReport(src.name, kind=src.kind)
            if src.kind == "statuspage":
                if ticket.action == "discover":  # one process reads a status page per pass
                    await self._status(src, source_id, report)
                    with self._uow() as session:
                        fr.mark_discovered(session, run_id, report.discovered, report.feed_ok)
                        fr.finish_pass(session, run_id, source_id)
            else:
                await self._site_shared(src, source_id, ticket, report)
        except SourceStopped as exc:
            report.stop_reason = exc.reason
            if exc.reason:
                log.warning("source stopped source=%s reason=%s", src.name, exc.reason)
        except Exception as exc:  # one broken source must not stop the crawl of the others
            log.exception("source failed source=%s", src.name)
            report.fatal = f"{type(exc).__name__}: {exc}"[:300]
            report.error("crash")
        if run_id is not None:
            self.process.passes.discard(run_id)
            self._add_counters(run_id, report)
            with self._uow() as session:
                fr.leave_pass(session, run_id)
        return report

    async def _enter_pass(self, src: SourceConfig, source_id: int) -> fr.Ticket:
        """Join the source's live pass or open one; while another process discovers it, wait."""
        assert self.process is not None
        while True:
            with self._uow() as session:
                ticket = fr.join_pass(session, source_id, self.process.id, self.process.lease)
            if ticket.action != "wait":
                self.process.passes.add(ticket.run_id)  # from now on, this process's beats keep it alive
                return ticket
            await self._nap(src, SHARED_POLL)

    async def _site_shared(
        self, src: SourceConfig, source_id: int, ticket: fr.Ticket, report: SourceReport
    ) -> None:
        assert self.process is not None
        run_id = ticket.run_id
        if ticket.action == "discover":
            answered: list[FetchResult] = []
            listed = [d.url for d in await self._discover(src, source_id, report, answered)]
            report.discovered = len(set(listed))
            with self._uow() as session:
                fr.add_pending(session, source_id, listed)
                self._save_validators(session, source_id, answered)
                fr.mark_discovered(session, run_id, report.discovered, report.feed_ok)
        else:
            report.discovered = ticket.discovered
        with self._uow() as session:
            since = (
                fr.start_refresh(session, source_id, ticket.started_at)
                if self.options.refresh
                else fr.refresh_since(session, source_id)
            )
        slots = self._slots()
        tasks: set[asyncio.Task[None]] = set()
        claimed = 0
        ended = exhausted = False
        try:
            while self.options.max_pages is None or claimed < self.options.max_pages:
                if self.stop.is_set():
                    raise SourceStopped(None)
                limit = fr.CLAIM_BATCH
                if self.options.max_pages is not None:
                    limit = min(limit, self.options.max_pages - claimed)
                with self._uow() as session:
                    pages = fr.claim(
                        session, source_id, run_id, self.process.id, self.process.lease, since, limit
                    )
                    left = fr.leased(session, source_id) if not pages else 0
                if not pages:
                    if not left:
                        exhausted = True
                        break
                    if not tasks:
                        # nothing of ours in flight: a page still leased to us lost its outcome (a batch
                        # that failed to commit), and goes back to the pass
                        with self._uow() as session:
                            self.process.release(session.connection(), source_id)
                    await self._nap(src, SHARED_POLL)  # pages others hold: theirs, or a dead one's soon
                    continue
                claimed += len(pages)
                self.progress("total", src.name, claimed)
                for state_id, url, etag, lm in pages:
                    await self._download(src, run_id, report, slots, tasks, state_id, url, etag, lm)
            ended = True
        finally:
            await self._drain(tasks, wait=None if ended else DRAIN_SECONDS)
            with self._uow() as session:  # claimed, never fetched: back to the others
                self.process.release(session.connection(), source_id)
        if exhausted:
            with self._uow() as session:
                fr.finish_pass(session, run_id, source_id)

    def _add_counters(self, run_id: int, report: SourceReport) -> None:
        """Add this process's counts since the last call to the shared pass (its own short transaction)."""
        with self._uow() as session:
            fr.add_counters(session, run_id, report, self._added[run_id])
        self._added[run_id] = copy.deepcopy(report)
        self._saved_at[run_id] = time.monotonic()
