"""Politeness shared by several crawl processes (PostgreSQL): one crawl_host row per host.

A process fetches from a host only while it holds the host's row: claimed with SELECT … FOR UPDATE SKIP LOCKED
once the host's next allowed time has come and no live process holds it, released after the response with a
next allowed time of now + the delay. Every time is the database's clock, so that processes on several machines
agree: two requests to one host, whatever process sends them, are at least the delay apart (from the end of
one to the start of the next). A holder that dies lets its claim lapse after the lease (its heartbeats extend
it while it lives, however long its request takes).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Engine

from app.models import CrawlHost

MIN_POLL = 0.002  # seconds: a host claimed or released by another process right now
MAX_POLL = 0.25  # seconds: a host another process is fetching from (it may finish at any moment)


class SharedHosts:
    """The Fetcher's host gate across processes: `await enter(host, delay)`, then `leave(host, wait)`."""

    def __init__(self, engine: Engine, worker_id: int, lease: float) -> None:
        self.engine = engine
        self.worker_id = worker_id
        self.lease = timedelta(seconds=lease)
        self._known: set[str] = set()

    async def enter(self, host: str, delay: float) -> None:
        """Wait for the host's turn and claim it."""
        while True:
            wait = self._try(host)
            if wait <= 0:
                return
            await asyncio.sleep(min(max(wait, MIN_POLL), MAX_POLL, max(delay / 2, MIN_POLL)))

    def _try(self, host: str) -> float:
        """Claim the host if its time has come: 0, else roughly how long to wait before trying again."""
        with self.engine.begin() as conn:
            if host not in self._known:
                conn.execute(
                    insert(CrawlHost)
                    .values(host=host, next_at=func.clock_timestamp())
                    .on_conflict_do_nothing(index_elements=["host"])
                )
                self._known.add(host)
            row = conn.execute(
                select(
                    CrawlHost.next_at, CrawlHost.lease_owner, CrawlHost.lease_until, func.clock_timestamp()
                )
                .where(CrawlHost.host == host)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return MIN_POLL  # another process is claiming or releasing it this very moment
            next_at, owner, until, now = row
            if owner is not None and owner != self.worker_id and until is not None and until > now:
                return MAX_POLL
            if next_at > now:
                return (next_at - now).total_seconds()
            conn.execute(
                update(CrawlHost)
                .where(CrawlHost.host == host)
                .values(lease_owner=self.worker_id, lease_until=func.clock_timestamp() + self.lease)
            )
            return 0.0

    def leave(self, host: str, wait: float) -> None:
        """Release the host: the next request, from any process, no sooner than `wait` seconds from now."""
        with self.engine.begin() as conn:
            conn.execute(
                update(CrawlHost)
                .where(CrawlHost.host == host, CrawlHost.lease_owner == self.worker_id)
                .values(
                    lease_owner=None,
                    lease_until=None,
                    next_at=func.clock_timestamp() + timedelta(seconds=max(0.0, wait)),
                )
            )
