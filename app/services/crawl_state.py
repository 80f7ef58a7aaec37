"""Crawl state in the database: sources, FetchState rows (pending/done/gone/error) and CrawlRun counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session

from app.models import TO_FETCH_WHERE, CrawlRun, FetchState, Source
from app.scrapers.registry import SourceConfig
from app.services.sources import adopt_ingested, slugify

MAX_ATTEMPTS = 3  # a page that failed this many times waits for --refresh


@dataclass
class SourceReport:
    """The counters of one source for one crawl (also saved as a CrawlRun row)."""

    name: str
    kind: str = "site"
    discovered: int = 0
    fetched: int = 0
    stored: int = 0
    updated: int = 0
    skipped: int = 0
    unchanged: int = 0
    errors: int = 0
    with_text: int = 0
    with_date: int = 0
    with_author: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    feed_ok: bool | None = None
    fatal: str | None = None
    stop_reason: str | None = None  # why the source stopped early (French), shown on /sources

    def error(self, kind: str) -> None:
        """Count one error of a kind."""
        self.errors += 1
        self.errors_by_kind[kind] = self.errors_by_kind.get(kind, 0) + 1


def now() -> datetime:
    return datetime.now(UTC)


def ensure_source(session: Session, src: SourceConfig) -> Source:
    """The Source row of a declared source, created or refreshed from the file."""
    slug = slugify(src.name)
    domain = (urlsplit(src.homepage).hostname or "").removeprefix("www.")
    row = session.scalars(select(Source).where(Source.slug == slug)).one_or_none()
    if row is None:
        row = adopt_ingested(session, domain, slug)  # the site was first stored by `veille ingest`
    if row is None:
        row = Source(slug=slug, name=src.name)
        session.add(row)
    row.name = src.name
    row.kind = src.kind
    row.homepage = src.homepage
    row.domain = domain
    session.flush()
    return row


def start_run(session: Session, source_id: int) -> CrawlRun:
    run = CrawlRun(source_id=source_id, started_at=now(), errors_by_kind={})
    session.add(run)
    session.flush()
    return run


def save_run(session: Session, run_id: int, report: SourceReport, finished: bool = False) -> None:
    """Copy the report's counters onto its CrawlRun row (inside the caller's transaction)."""
    run = session.get(CrawlRun, run_id)
    if run is None:
        return
    for name in (
        "discovered",
        "fetched",
        "stored",
        "updated",
        "skipped",
        "unchanged",
        "errors",
        "with_text",
        "with_date",
        "with_author",
        "feed_ok",
        "stop_reason",
    ):
        setattr(run, name, getattr(report, name))
    run.errors_by_kind = dict(report.errors_by_kind)
    if finished:
        run.finished_at = now()


def state_for(session: Session, url: str, source_id: int, kind: str) -> FetchState:
    """The FetchState of a URL, created on first sight."""
    st = session.scalars(select(FetchState).where(FetchState.url == url)).one_or_none()
    if st is None:
        st = FetchState(
            url=url, source_id=source_id, kind=kind, state="pending", attempts=0, discovered_at=now()
        )
        session.add(st)
        session.flush()
    return st


def add_pending(session: Session, source_id: int, urls: list[str]) -> int:
    """Record newly discovered page URLs as pending; returns how many were new."""
    if not urls:
        return 0
    known: set[str] = set()
    for i in range(0, len(urls), 500):
        known |= set(session.scalars(select(FetchState.url).where(FetchState.url.in_(urls[i : i + 500]))))
    fresh = [u for u in dict.fromkeys(urls) if u not in known]
    stamp = now()
    session.add_all(
        FetchState(url=u, source_id=source_id, kind="page", state="pending", attempts=0, discovered_at=stamp)
        for u in fresh
    )
    session.flush()
    return len(fresh)


def pages_to_fetch(
    session: Session, source_id: int, refresh: bool, limit: int | None
) -> list[tuple[int, str, str | None, str | None]]:
    """(id, url, etag, last_modified) of the pages this run should fetch: new pages and failed ones first,
    then, while a refresh is under way, every known page not checked since it began (with its validators,
    for a conditional GET). `refresh` starts one unless one is already under way, which is then resumed:
    a killed --refresh goes on where it stopped at the next run, whatever that run's options."""
    wanted = (FetchState.state == "pending") | (
        (FetchState.state == "error") & (FetchState.attempts < MAX_ATTEMPTS)
    )
    q = (
        select(FetchState.id, FetchState.url)
        .where(FetchState.source_id == source_id, text(TO_FETCH_WHERE), wanted)  # ix_fetch_state_todo
        .order_by(FetchState.discovered_at, FetchState.id)
    )
    rows: list[tuple[int, str, str | None, str | None]] = [(i, u, None, None) for i, u in session.execute(q)]
    source = session.get(Source, source_id)
    assert source is not None
    if refresh and source.refresh_started_at is None:
        source.refresh_started_at = now()
        session.flush()
    if source.refresh_started_at is not None:
        seen = {r[0] for r in rows}
        rows += [
            (i, u, e, lm)
            for i, u, e, lm in session.execute(
                select(FetchState.id, FetchState.url, FetchState.etag, FetchState.last_modified)
                .where(*_unchecked(source_id, source.refresh_started_at))
                .order_by(FetchState.id)
            )
            if i not in seen
        ]
    return rows[:limit] if limit is not None else rows


def _unchecked(source_id: int, since: datetime) -> tuple[ColumnElement[bool], ...]:
    """Known pages of a source not fetched since `since` (those a refresh still has to check)."""
    return (
        FetchState.source_id == source_id,
        FetchState.kind == "page",
        FetchState.state != "pending",
        (FetchState.fetched_at.is_(None)) | (FetchState.fetched_at < since),
    )


def finish_refresh(session: Session, source_id: int) -> None:
    """Close the source's refresh once every known page was checked since it began."""
    source = session.get(Source, source_id)
    if source is None or source.refresh_started_at is None:
        return
    left = session.scalar(
        select(func.count()).select_from(FetchState).where(*_unchecked(source_id, source.refresh_started_at))
    )
    if not left:
        source.refresh_started_at = None
