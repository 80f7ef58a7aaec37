"""The crawl processes registered in the database (crawl_worker): host, pid, pages claimed, last heartbeat.

Every `veille crawl` registers itself and beats from a thread of its own (the event loop may be busy storing a
batch). On PostgreSQL each beat also extends the leases the process holds (its pages, the host it is fetching
from, the passes it works on): a process that dies (SIGKILL, a lost machine) lets them lapse after `lease`
seconds, and the others take its work over.

On SQLite, one crawl at a time: a pass starts only when no other registered process is in one with a recent
heartbeat (and, on this machine, a pid that still lives). The check and the claim are one BEGIN IMMEDIATE
transaction: the database's write lock makes them one step for every process.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.engine import Engine

from app.models import CrawlHost, CrawlRun, CrawlWorker, FetchState

log = logging.getLogger(__name__)

FORGET_AFTER = timedelta(days=1)  # rows of processes silent for this long are deleted at the next start


@dataclass(frozen=True)
class Holder:
    """The process that holds a SQLite database's crawl."""

    hostname: str
    pid: int
    round_started_at: datetime | None
    heartbeat_at: datetime

    def describe(self) -> str:
        """French: who and since when (UTC, as stored)."""
        since = (self.round_started_at or self.heartbeat_at).astimezone(UTC).strftime("%H:%M:%S")
        return f"processus {self.pid} sur {self.hostname}, depuis {since} UTC"


class CrawlBusy(Exception):
    """Another crawl holds this SQLite database; the message is French."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(
            f"une autre collecte est en cours sur cette base SQLite ({holder.describe()}). "
            "SQLite n'admet qu'une collecte à la fois : attendez sa fin, relancez avec --wait pour attendre "
            "votre tour, ou passez à PostgreSQL pour répartir la collecte entre plusieurs processus."
        )
        self.holder = holder


def pid_alive(pid: int) -> bool:
    """Whether a process of this machine still exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class CrawlProcess:
    """This process's row in crawl_worker and its heartbeat thread; start() then stop()."""

    def __init__(self, engine: Engine, lease: float) -> None:
        self.engine = engine
        self.lease = lease
        self.shared = engine.dialect.name == "postgresql"
        self.hostname = socket.gethostname()
        self.pid = os.getpid()
        self.id = 0
        self.passes: set[int] = set()  # crawl_run rows this process works on (kept alive by its beats)
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None

    def now(self, conn: Connection) -> datetime:
        """The time every process agrees on: the database's clock on PostgreSQL (several machines)."""
        if self.shared:
            return conn.execute(select(func.clock_timestamp())).scalar_one()
        return datetime.now(UTC)

    def start(self) -> None:
        """Register this process and start beating."""
        with self.engine.begin() as conn:
            now = self.now(conn)
            conn.execute(delete(CrawlWorker).where(CrawlWorker.heartbeat_at < now - FORGET_AFTER))
            self.id = conn.execute(
                insert(CrawlWorker)
                .values(
                    hostname=self.hostname[:255],
                    pid=self.pid,
                    started_at=now,
                    heartbeat_at=now,
                    pages_claimed=0,
                )
                .returning(CrawlWorker.id)
            ).scalar_one()
        self._thread = threading.Thread(target=self._beat_loop, name="crawl-heartbeat", daemon=True)
        self._thread.start()

    def begin_round(self) -> None:
        """Enter a pass. On SQLite, raises CrawlBusy while another live process is in one."""
        with self.engine.connect() as conn:
            if not self.shared:
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock: check and claim as one step
            now = self.now(conn)
            if not self.shared:
                holder = self._holder(conn, now)
                if holder is not None:
                    conn.rollback()
                    raise CrawlBusy(holder)
            conn.execute(
                update(CrawlWorker)
                .where(CrawlWorker.id == self.id)
                .values(round_started_at=now, heartbeat_at=now, stopped_at=None)
            )
            conn.commit()

    def _holder(self, conn: Connection, now: datetime) -> Holder | None:
        rows = conn.execute(
            select(
                CrawlWorker.hostname, CrawlWorker.pid, CrawlWorker.round_started_at, CrawlWorker.heartbeat_at
            ).where(
                CrawlWorker.id != self.id,
                CrawlWorker.stopped_at.is_(None),
                CrawlWorker.round_started_at.is_not(None),
                CrawlWorker.heartbeat_at > now - timedelta(seconds=self.lease),
            )
        ).all()
        for hostname, pid, started, beat in rows:
            if hostname == self.hostname and not pid_alive(pid):
                continue  # killed on this machine: its lock is void at once
            return Holder(hostname, pid, started, beat)
        return None

    def end_round(self) -> None:
        """Leave the pass: on PostgreSQL, whatever this process still holds goes back to the others."""
        with self.engine.begin() as conn:
            if self.shared:
                self.release(conn)
            conn.execute(update(CrawlWorker).where(CrawlWorker.id == self.id).values(round_started_at=None))

    def release(self, conn: Connection, source_id: int | None = None) -> None:
        """Give back this process's page leases (of one source, or all) and host leases."""
        pages = update(FetchState).where(FetchState.lease_owner == self.id)
        if source_id is not None:
            pages = pages.where(FetchState.source_id == source_id)
        # run_id cleared too: a page claimed but never fetched is still to do in this pass
        conn.execute(pages.values(lease_owner=None, lease_until=None, run_id=None))
        if source_id is None:
            conn.execute(
                update(CrawlHost)
                .where(CrawlHost.lease_owner == self.id)
                .values(lease_owner=None, lease_until=None)
            )

    def stop(self) -> None:
        """Stop beating, give everything back and mark the row stopped."""
        self._halt.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self.engine.begin() as conn:
            if self.shared:
                self.release(conn)
            conn.execute(
                update(CrawlWorker)
                .where(CrawlWorker.id == self.id)
                .values(round_started_at=None, stopped_at=self.now(conn))
            )

    def _beat_loop(self) -> None:
        while not self._halt.wait(self.lease / 4):
            try:
                self.beat()
            except Exception:  # a database hiccup: the next beat tries again (leases last four beats)
                log.warning("crawl heartbeat failed worker=%s", self.id, exc_info=True)

    def beat(self) -> None:
        """One heartbeat. Rows locked by this process's own open batch are skipped (they are being finished),
        never waited for: waiting could deadlock with that batch."""
        with self.engine.begin() as conn:
            conn.execute(
                update(CrawlWorker).where(CrawlWorker.id == self.id).values(heartbeat_at=self.now(conn))
            )
        if not self.shared:
            return
        until = func.clock_timestamp() + timedelta(seconds=self.lease)
        pages = select(FetchState.id).where(FetchState.lease_owner == self.id)
        hosts = select(CrawlHost.host).where(CrawlHost.lease_owner == self.id)
        with self.engine.begin() as conn:
            conn.execute(
                update(FetchState)
                .where(FetchState.id.in_(pages.with_for_update(skip_locked=True).scalar_subquery()))
                .values(lease_until=until)
            )
        with self.engine.begin() as conn:
            conn.execute(
                update(CrawlHost)
                .where(CrawlHost.host.in_(hosts.with_for_update(skip_locked=True).scalar_subquery()))
                .values(lease_until=until)
            )
        passes = list(self.passes)
        if passes:
            runs = select(CrawlRun.id).where(CrawlRun.id.in_(passes), CrawlRun.finished_at.is_(None))
            with self.engine.begin() as conn:
                conn.execute(
                    update(CrawlRun)
                    .where(CrawlRun.id.in_(runs.with_for_update(skip_locked=True).scalar_subquery()))
                    .values(lease_until=until)
                )
