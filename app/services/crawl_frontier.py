"""The shared frontier (PostgreSQL): passes that several crawl processes share, pages claimed in small batches.

A pass is a crawl_run row. The first process to crawl a source opens one and reads its feeds and sitemaps; the
others wait for that (discovered_at), then every process claims the source's pages a few at a time with
SELECT … FOR UPDATE SKIP LOCKED: fetch_state is the frontier, each claim a lease (lease_owner, lease_until)
that the claimer's heartbeats extend. A page's outcome clears its lease in the transaction that stores it; its
run_id keeps the pass, so that no process fetches it again in that pass. A lease past its time is a dead
process's: its pages are claimed again. The pass ends when no page is left to claim nor leased; a pass nobody
keeps alive (every process gone) is left as interrupted, and the next crawl opens a new one.

Every time is the database's clock (processes on several machines agree on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.models import PAGE_WHERE, TO_FETCH_WHERE, CrawlRun, CrawlWorker, FetchState, Source
from app.scrapers.registry import SourceConfig
from app.services import crawl_state as cs
from app.services.crawl_state import MAX_ATTEMPTS, SourceReport

CLAIM_BATCH = 4  # pages per claim: small, so that a dead process leaves little behind and hosts stay shared
SOURCES_LOCK = 0x76696131  # advisory lock key: creating sources and their pages, one process at a time
# counters added by every process of a pass (discovered and feed_ok are the discoverer's alone)
ADDED = (
    "fetched",
    "stored",
    "updated",
    "skipped",
    "unchanged",
    "errors",
    "with_text",
    "with_date",
    "with_author",
)


@dataclass(frozen=True)
class Ticket:
    """What a process does in a source's pass: discover (it opened the pass), join, or wait for discovery."""

    action: str  # discover | join | wait
    run_id: int
    discovered: int
    started_at: datetime


def lock_sources(session: Session) -> None:
    """Serialise row creation that two processes could race for (a source, a URL listed by two sources)."""
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SOURCES_LOCK})


def ensure_source(session: Session, src: SourceConfig) -> Source:
    lock_sources(session)
    return cs.ensure_source(session, src)


def add_pending(session: Session, source_id: int, urls: list[str]) -> int:
    lock_sources(session)
    return cs.add_pending(session, source_id, urls)


def join_pass(session: Session, source_id: int, worker_id: int, lease: float) -> Ticket:
    """Join the source's live pass, or open one (this process then discovers)."""
    session.execute(
        select(Source.id).where(Source.id == source_id).with_for_update()
    )  # one decision at a time
    now = session.execute(select(func.clock_timestamp())).scalar_one()
    run = session.scalars(
        select(CrawlRun).where(CrawlRun.source_id == source_id).order_by(CrawlRun.id.desc()).limit(1)
    ).first()
    if run is not None and run.finished_at is None and run.lease_until is not None and run.lease_until > now:
        action = "join" if run.discovered_at is not None else "wait"
        return Ticket(action, run.id, run.discovered, run.started_at)
    run = CrawlRun(
        source_id=source_id, started_at=now, errors_by_kind={}, lease_until=now + timedelta(seconds=lease)
    )
    session.add(run)
    session.flush()
    return Ticket("discover", run.id, 0, now)


def mark_discovered(session: Session, run_id: int, discovered: int, feed_ok: bool | None) -> None:
    """The pass's feeds are read: its pages can be claimed."""
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(discovered=discovered, feed_ok=feed_ok, discovered_at=func.clock_timestamp())
    )


def start_refresh(session: Session, source_id: int, since: datetime) -> datetime | None:
    """With --refresh, start a refresh of the source unless one is under way; returns its start (or None).
    A refresh started by a process that joined a pass counts from the pass's start: pages fetched since then
    were checked."""
    source = session.get(Source, source_id, with_for_update={"key_share": True})
    assert source is not None
    if source.refresh_started_at is None:
        source.refresh_started_at = since
    return source.refresh_started_at


def refresh_since(session: Session, source_id: int) -> datetime | None:
    return session.scalar(select(Source.refresh_started_at).where(Source.id == source_id))


def claim(
    session: Session,
    source_id: int,
    run_id: int,
    worker_id: int,
    lease: float,
    since: datetime | None,
    limit: int = CLAIM_BATCH,
) -> list[tuple[int, str, str | None, str | None]]:
    """Lease up to `limit` pages of the source to this process: (id, url, etag, last_modified), the
    validators only for pages a refresh checks again. Rows another process is claiming are skipped."""
    now = func.clock_timestamp()
    free = (
        FetchState.lease_owner.is_(None) & (FetchState.run_id.is_(None) | (FetchState.run_id != run_id))
    ) | (FetchState.lease_until < now)
    cols = (FetchState.id, FetchState.url, FetchState.etag, FetchState.last_modified)
    # pages to fetch (new, or failed fewer than MAX_ATTEMPTS times), in discovery order: ix_fetch_state_todo
    rows: list[tuple[int, str, str | None, str | None]] = [
        (i, u, None, None)
        for i, u, _, _ in session.execute(
            select(*cols)
            .where(
                FetchState.source_id == source_id,
                text(TO_FETCH_WHERE),
                (FetchState.state == "pending") | (FetchState.attempts < MAX_ATTEMPTS),
                free,
            )
            .order_by(FetchState.discovered_at, FetchState.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ]
    if since is not None and len(rows) < limit:
        # a refresh under way: every other known page not checked since it began, checked longest ago first
        # (ix_fetch_state_checked), with its validators for a conditional GET
        rows += [
            (i, u, e, lm)
            for i, u, e, lm in session.execute(
                select(*cols)
                .where(
                    FetchState.source_id == source_id,
                    text(PAGE_WHERE),
                    FetchState.state != "pending",
                    (FetchState.state != "error") | (FetchState.attempts >= MAX_ATTEMPTS),
                    FetchState.fetched_at.is_(None) | (FetchState.fetched_at < since),
                    free,
                )
                .order_by(FetchState.fetched_at, FetchState.id)
                .limit(limit - len(rows))
                .with_for_update(skip_locked=True)
            )
        ]
    if not rows:
        return []
    session.execute(
        update(FetchState)
        .where(FetchState.id.in_([r[0] for r in rows]))
        .values(lease_owner=worker_id, lease_until=now + timedelta(seconds=lease), run_id=run_id)
    )
    session.execute(
        update(CrawlWorker)
        .where(CrawlWorker.id == worker_id)
        .values(pages_claimed=CrawlWorker.pages_claimed + len(rows))
    )
    return rows


def leased(session: Session, source_id: int) -> int:
    """Pages of the source some process holds (a dead one's included, until they are claimed again)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(FetchState)
            .where(FetchState.source_id == source_id, FetchState.lease_owner.is_not(None))
        )
        or 0
    )


def finish_pass(session: Session, run_id: int, source_id: int) -> None:
    """Close the pass (once: the first process to find nothing left) and the source's refresh if complete."""
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id, CrawlRun.finished_at.is_(None))
        .values(finished_at=func.clock_timestamp())
    )
    cs.finish_refresh(session, source_id)


def leave_pass(session: Session, run_id: int) -> None:
    """This process leaves the pass: its lease ends now, and the pass lives on only if other processes
    working on it renew it (a process that comes meanwhile opens a new pass: harmless, pages stay claimed
    once)."""
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id, CrawlRun.finished_at.is_(None))
        .values(lease_until=func.clock_timestamp())
    )


def add_counters(session: Session, run_id: int, report: SourceReport, saved: SourceReport) -> None:
    """Add what this process counted since `saved` to the pass's counters (several processes add theirs)."""
    run = session.get(CrawlRun, run_id, with_for_update=True)
    if run is None:
        return
    for name in ADDED:
        setattr(run, name, getattr(run, name) + getattr(report, name) - getattr(saved, name))
    kinds = dict(run.errors_by_kind or {})
    for kind, n in report.errors_by_kind.items():
        kinds[kind] = kinds.get(kind, 0) + n - saved.errors_by_kind.get(kind, 0)
    run.errors_by_kind = {k: n for k, n in kinds.items() if n}
    if report.stop_reason and not saved.stop_reason:
        run.stop_reason = report.stop_reason
