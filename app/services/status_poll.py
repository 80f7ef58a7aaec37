"""Polling the official status pages: every component's current status, and the official incidents.

`veille status` runs it alone (light: no news site, no extraction pool); `veille crawl` runs it next to its
passes. Fetching goes through the crawler's Fetcher (robots.txt, the source's own site only, forbidden addresses,
size and time limits, retries). What a page said is kept in `status_check`; a failed poll (HTTP error,
unreadable JSON, a limit, a refused address) records its French error and keeps the previous components, so
nothing is lost: the live status turns "inconnu" once the last usable answer is older than `status_max_age`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import unit_of_work
from app.models import StatusCheck
from app.scrapers.base import Fetcher, FetchResult
from app.scrapers.netguard import SitePolicy
from app.scrapers.registry import SourceConfig
from app.scrapers.status_now import StatusNow, parse_now
from app.scrapers.statuspage import OfficialRecord, StatusPageError, matching, parse_status
from app.services import crawl_state as cs
from app.services.official import store_official

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What one poll of one status page gave (printed by `veille status`)."""

    name: str
    ok: bool = False
    error: str | None = None  # French: why the current status could not be read (previous one kept)
    components: int = 0
    troubled: list[str] = field(default_factory=list)  # components not operational
    changed: bool = False
    incidents: dict[str, int] = field(default_factory=dict)  # stored / updated / unchanged
    incidents_error: str | None = None


def status_sources(sources: list[SourceConfig]) -> list[SourceConfig]:
    """The status pages of a sources list."""
    return [s for s in sources if s.kind == "statuspage" and s.url]


def _policy(src: SourceConfig) -> SitePolicy:
    return SitePolicy.of([u for u in (src.homepage, src.url, src.summary_url) if u])


def _failure(res: FetchResult) -> str:
    if res.error_message:
        return res.error_message
    if res.status is not None:
        return f"HTTP {res.status}"
    return "réponse inutilisable"


def _validators(factory: sessionmaker[Session], src: SourceConfig) -> tuple[int, dict[str, tuple[Any, Any]]]:
    with unit_of_work(factory) as session:
        source_id = cs.ensure_source(session, src).id
        found = {}
        for url in {src.url, src.summary_url} - {None}:
            st = cs.state_for(session, str(url), source_id, "status")
            found[str(url)] = (st.etag, st.last_modified)
        return source_id, found


def _note_fetch(session: Session, source_id: int, res: FetchResult, error: str | None) -> None:
    """The URL's fetch state, as the crawl keeps it; validators only once what the body taught us is stored."""
    st = cs.state_for(session, res.url, source_id, "status")
    st.http_status, st.fetched_at, st.attempts = res.status, cs.now(), st.attempts + 1
    if error is None:
        st.state, st.error = "done", None
        if not res.not_modified:
            st.etag, st.last_modified = res.etag, res.last_modified
    else:
        st.state, st.error = ("gone" if res.gone else "error"), error


def _check_row(session: Session, src: SourceConfig, now: datetime) -> StatusCheck:
    row = session.scalars(select(StatusCheck).where(StatusCheck.source == src.name)).one_or_none()
    if row is None:
        row = StatusCheck(source=src.name, provider=src.provider or src.name, polled_at=now, components=[])
        session.add(row)
    row.provider = src.provider or src.name
    row.polled_at = now
    return row


def _keep_now(row: StatusCheck, current: StatusNow, now: datetime, report: PollReport) -> None:
    comps = [c.as_dict() for c in current.components]
    before = {
        (c.get("name"), c.get("group")): c.get("status") for c in row.components or [] if isinstance(c, dict)
    }
    after = {(c["name"], c["group"]): c["status"] for c in comps}
    if before != after or row.complete != current.complete or row.changed_at is None:
        row.changed_at = now
        report.changed = True
    row.components, row.complete = comps, current.complete
    row.ok_at, row.error = now, None
    report.ok = True
    report.components = len(comps)
    report.troubled = [c["name"] for c in comps if c["status"] != "operational"]


def _store(
    factory: sessionmaker[Session],
    src: SourceConfig,
    source_id: int,
    res: FetchResult,
    incidents_res: FetchResult | None,
    report: PollReport,
) -> None:
    """Everything one poll taught us, in one transaction."""
    now = datetime.now(UTC)
    assert src.format is not None
    records: list[OfficialRecord] = []
    with unit_of_work(factory) as session:
        row = _check_row(session, src, now)
        current: StatusNow | None = None
        if res.ok:
            try:
                current = parse_now(
                    res.body, src.format, summary=bool(src.summary_url), base_url=src.homepage
                )
                if not src.summary_url:  # the same body is the incidents list
                    records = parse_status(res.body, src.format, src.homepage)
            except StatusPageError as exc:
                report.error = f"réponse illisible : {exc}"
        elif not res.not_modified:
            report.error = _failure(res)
        if current is not None:
            _keep_now(row, current, now, report)
            records = [*current.incidents, *records]
        elif res.not_modified:
            row.ok_at, row.error, report.ok = now, None, True
            report.components = len(row.components or [])
        else:
            row.error = report.error
        _note_fetch(session, source_id, res, report.error)
        if incidents_res is not None:
            if incidents_res.ok:
                try:
                    records += parse_status(incidents_res.body, src.format, src.homepage)
                except StatusPageError as exc:
                    report.incidents_error = f"incidents illisibles : {exc}"
            elif not incidents_res.not_modified:
                report.incidents_error = _failure(incidents_res)
            _note_fetch(session, source_id, incidents_res, report.incidents_error)
        # one record per incident (a summary and the incidents list both carry an ongoing one: the list wins);
        # in a savepoint, so that a failure there never loses the components read above
        unique = list({r.external_id: r for r in matching(records, src.match)}.values())
        if unique:
            try:
                with session.begin_nested():
                    report.incidents = store_official(session, src.provider or src.name, unique, src.products)
            except SQLAlchemyError as exc:
                log.exception("official incidents not stored source=%s", src.name)
                report.incidents_error = f"échec de l'enregistrement des incidents ({type(exc).__name__})"


def _record_failure(factory: sessionmaker[Session], src: SourceConfig, error: str) -> None:
    with unit_of_work(factory) as session:
        _check_row(session, src, datetime.now(UTC)).error = error


async def poll_source(
    fetcher: Fetcher, factory: sessionmaker[Session], src: SourceConfig, budget: float
) -> PollReport:
    """Poll one status page (its summary, and its incidents list) within `budget` seconds; never raises."""
    report = PollReport(src.name)
    try:
        async with asyncio.timeout(budget):
            source_id, validators = await asyncio.to_thread(_validators, factory, src)
            site = _policy(src)
            assert src.url is not None
            now_url = src.summary_url or src.url
            etag, lm = validators.get(now_url, (None, None))
            res = await fetcher.fetch(
                now_url, delay=src.delay, expect="any", etag=etag, last_modified=lm, site=site
            )
            incidents_res = None
            if src.summary_url:
                etag, lm = validators.get(src.url, (None, None))
                incidents_res = await fetcher.fetch(
                    src.url, delay=src.delay, expect="any", etag=etag, last_modified=lm, site=site
                )
        # stored outside the time budget: a write started is a write finished
        await asyncio.to_thread(_store, factory, src, source_id, res, incidents_res, report)
    except TimeoutError:
        report.error = f"délai dépassé : pas de réponse complète en {budget:g} s"
        await asyncio.to_thread(_record_failure, factory, src, report.error)
    except Exception as exc:  # one broken page must not stop the others
        log.exception("status poll failed source=%s", src.name)
        report.error = f"échec de l'interrogation ({type(exc).__name__})"
        await asyncio.to_thread(_record_failure, factory, src, report.error)
    if report.error:
        log.warning("status poll source=%s error=%s", src.name, report.error)
    return report


async def poll_all(
    settings: Settings, factory: sessionmaker[Session], sources: list[SourceConfig]
) -> list[PollReport]:
    """One round over every status page, concurrently, with one fetcher."""
    budget = settings.crawl.request_deadline
    async with Fetcher(settings.user_agent, settings.crawl) as fetcher:
        return list(await asyncio.gather(*(poll_source(fetcher, factory, s, budget) for s in sources)))


async def status_loop(
    settings: Settings,
    factory: sessionmaker[Session],
    sources: list[SourceConfig],
    stop: asyncio.Event,
    every: float | None,
    on_round: Callable[[list[PollReport]], None] | None = None,
) -> None:
    """Poll every status page once, or every `every` seconds until `stop` is set (a round in flight is cut)."""
    while not stop.is_set():
        round_task = asyncio.ensure_future(poll_all(settings, factory, sources))
        stopper = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({round_task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
        if not round_task.done():
            round_task.cancel()
            with suppress(asyncio.CancelledError):
                await round_task
            return
        if on_round is not None:
            on_round(round_task.result())
        if not every:
            return
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
