"""Pages stored in small batches: one transaction for several pages, one savepoint per page.

A page's outcome (its fetch state and its article) still commits or rolls back as one: each page runs in a
savepoint, so a page that fails to store leaves the others of its batch intact. The batch commits after
BATCH_PAGES pages, at most BATCH_SECONDS after its first page, and before any other write of the crawl.
A killed crawl loses at most the uncommitted batch: those pages are still pending in the database and are
fetched again by the next run.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BATCH_PAGES = 16
BATCH_SECONDS = 0.25
# session.info entries kept from one batch to the next once committed: caches of rows a batch never changes
CARRIED_INFO = ("entity_ids",)


class PageBatch:
    """The crawl's open write transaction; use page() for each page, commit() before other writes."""

    def __init__(
        self, factory: sessionmaker[Session], pages: int = BATCH_PAGES, seconds: float = BATCH_SECONDS
    ) -> None:
        self.factory = factory
        self.max_pages = pages
        self.seconds = seconds
        self.session: Session | None = None
        self.pages = 0
        self._timer: asyncio.TimerHandle | None = None
        self.opened_at = 0.0  # time.monotonic() when the open batch began
        self.info: dict[str, object] = {}  # CARRIED_INFO of the last committed batch

    def _open(self) -> Session:
        session = self.factory()
        session.info.update(self.info)
        self.opened_at = time.monotonic()
        if session.get_bind().dialect.name == "sqlite":
            # pysqlite only opens a transaction before a data change: a SAVEPOINT issued first would become
            # the transaction itself and its RELEASE would commit. An explicit BEGIN IMMEDIATE opens the batch
            # (taking the write lock it needs anyway) so that page savepoints nest inside it.
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        try:
            self._timer = asyncio.get_running_loop().call_later(self.seconds, self.commit)
        except RuntimeError:  # no event loop (synchronous use): commits by count and explicit commit() only
            self._timer = None
        return session

    @contextmanager
    def page(self) -> Iterator[Session]:
        """One page's unit of work, inside the batch: rolled back alone if it raises."""
        if self.session is None:
            self.session = self._open()
        with self.session.begin_nested():
            yield self.session
        self.pages += 1
        if self.pages >= self.max_pages:
            self.commit()

    def commit(self) -> None:
        """Commit the pages stored so far (no-op without any)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        session, self.session, self.pages = self.session, None, 0
        if session is None:
            return
        try:
            session.commit()
            self.info.update((k, session.info[k]) for k in CARRIED_INFO if k in session.info)
        except BaseException:
            log.exception("batch commit failed: its pages will be fetched again")
            session.rollback()
            raise
        finally:
            session.close()

    def commit_if_due(self) -> None:
        """Commit a batch open for more than `seconds`: the timer's work, for users without an event loop."""
        if self.session is not None and time.monotonic() - self.opened_at >= self.seconds:
            self.commit()
