"""Shared frontier (PostgreSQL): a page whose store fails, or whose batch fails to commit, is not lost for the
pass. A store fails mostly for a passing reason (a deadlock between two processes, a lost connection): the page
goes back to the pass and is tried again (at most MAX_ATTEMPTS times); the pages of a batch that failed to
commit, still leased to this process, go back to the pass once nothing of this process is in flight."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db import open_database
from app.models import Article, FetchState
from app.scrapers.base import Fetcher
from app.services import crawl as crawl_module
from app.services.crawl import Crawler, CrawlOptions
from app.services.crawl_batch import PageBatch
from app.services.crawl_state import MAX_ATTEMPTS, SourceReport
from app.services.crawl_workers import CrawlProcess
from app.services.extraction_pool import ExtractionPool
from tests.crawl.conftest import FAST, sources_of
from tests.crawl.test_cli import site_with_pages
from tests.fakesite import FakeSite

pytestmark = pytest.mark.postgres

PAGES = 20


@pytest.fixture
def db(pg_url: str) -> Iterator[object]:
    database = open_database(pg_url)
    yield database
    database.dispose()


def _shared_crawl(db: object, pool: ExtractionPool, site: FakeSite, crawler_hook=None) -> list[SourceReport]:  # type: ignore[no-untyped-def]
    process = CrawlProcess(db.engine, lease=5.0)  # type: ignore[attr-defined]
    process.start()
    process.begin_round()
    sources = sources_of(
        f'[[sources]]\nname = "local"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
    )

    async def go() -> list[SourceReport]:
        async with Fetcher("VeilleIA-test/1.0", FAST) as fetcher:
            crawler = Crawler(db.sessions, fetcher, pool, CrawlOptions(), process=process)  # type: ignore[attr-defined]
            if crawler_hook is not None:
                crawler_hook(crawler)
            return await asyncio.wait_for(crawler.run(sources), timeout=120)

    try:
        return asyncio.run(go())
    finally:
        process.end_round()
        process.stop()


def _stored(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return int(s.scalar(select(func.count()).select_from(Article)) or 0)


def test_a_page_whose_store_fails_once_is_stored_in_the_same_pass(
    db: object, pool: ExtractionPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_store = crawl_module.store
    failed: list[str] = []

    def store_failing_once(session: Session, prepared, source_name=None):  # type: ignore[no-untyped-def]
        url = prepared.document.url if prepared.document else ""
        if url.endswith("/a/3.html") and not failed:
            failed.append(url)
            raise OperationalError("INSERT …", {}, Exception("deadlock detected"))
        return real_store(session, prepared, source_name)

    monkeypatch.setattr(crawl_module, "store", store_failing_once)
    with FakeSite() as site:
        site_with_pages(site, PAGES)
        [report] = _shared_crawl(db, pool, site)
        fetched = [h.path for h in site.hits if h.path == "/a/3.html"]
    assert failed and len(fetched) == 2  # fetched again in the pass
    assert _stored(db.sessions) == PAGES  # type: ignore[attr-defined]
    with db.sessions() as s:  # type: ignore[attr-defined]
        row = s.scalars(select(FetchState).where(FetchState.url == failed[0])).one()
        assert (row.state, row.attempts, row.lease_owner) == ("done", 2, None)
    assert report.errors_by_kind.get("store") == 1


def test_a_page_that_always_fails_to_store_is_tried_max_attempts_times_then_left(
    db: object, pool: ExtractionPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_store = crawl_module.store

    def store_never_5(session: Session, prepared, source_name=None):  # type: ignore[no-untyped-def]
        if prepared.document and prepared.document.url.endswith("/a/5.html"):
            raise OperationalError("INSERT …", {}, Exception("disk full"))
        return real_store(session, prepared, source_name)

    monkeypatch.setattr(crawl_module, "store", store_never_5)
    with FakeSite() as site:
        site_with_pages(site, PAGES)
        _shared_crawl(db, pool, site)
        fetched = [h.path for h in site.hits if h.path == "/a/5.html"]
    assert len(fetched) == MAX_ATTEMPTS  # bounded: no loop on a page that cannot be stored
    assert _stored(db.sessions) == PAGES - 1  # type: ignore[attr-defined]
    with db.sessions() as s:  # type: ignore[attr-defined]
        row = s.scalars(select(FetchState).where(FetchState.url.like("%/a/5.html"))).one()
        assert (row.state, row.error, row.lease_owner) == ("error", "échec de l'enregistrement", None)


class CommitFailsOnce(PageBatch):
    """A batch whose first commit with pages fails (the connection lost at COMMIT)."""

    failed = 0

    def commit(self) -> None:
        if not self.failed and self.session is not None and self.pages >= 3:
            self.failed = self.pages
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            session, self.session, self.pages = self.session, None, 0
            session.rollback()
            session.close()
            raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))
        super().commit()


def test_the_pages_of_a_batch_that_failed_to_commit_are_stored_in_the_same_pass(
    db: object, pool: ExtractionPool
) -> None:
    batch: list[CommitFailsOnce] = []

    def hook(crawler: Crawler) -> None:
        crawler.batch = CommitFailsOnce(crawler.factory)
        batch.append(crawler.batch)

    with FakeSite() as site:
        site_with_pages(site, PAGES)
        _shared_crawl(db, pool, site, hook)
        fetches = sum(1 for h in site.hits if h.path.startswith("/a/"))
    assert batch[0].failed >= 3
    assert _stored(db.sessions) == PAGES  # type: ignore[attr-defined]
    assert fetches >= PAGES + batch[0].failed - 1  # the lost pages were fetched again
    with db.sessions() as s:  # type: ignore[attr-defined]
        assert (
            s.scalar(select(func.count()).select_from(FetchState).where(FetchState.lease_owner.is_not(None)))
            == 0
        )
