"""Database plumbing: declarative base, engine factory, sessions and migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    """Base class of every table, with a naming convention Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the web server read while a crawl writes; foreign keys are off by default in SQLite.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Pages read through a memory map instead of a read() copy each: the web workers share the OS page cache.
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.close()


SQLITE_POOL = 40


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, create the folder and set the pragmas we rely on."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        # A connection kept per request thread (FastAPI's pool has 40): opening one costs ~1 ms of CPU (schema,
        # pragmas, a new memory map), which the default pool of 5 paid on most requests under load.
        pool = (
            {"pool_size": SQLITE_POOL, "max_overflow": 20} if u.database not in (None, "", ":memory:") else {}
        )
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # JIT compilation pays off for long analytic queries; for a search it adds 50-200 ms whenever the
    # planner's estimate crosses jit_above_cost (a frequent word), so it is off for our connections.
    return create_engine(url, pool_pre_ping=True, connect_args={"options": "-c jit=off"})


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (the only source of schema)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        _lock_schema(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        from app.search.index import check_analysis

        check_analysis(Session(bind=conn))  # an index written by another analysis is rebuilt
    log.info("schema migrated url=%s", engine.url.render_as_string(hide_password=True))


MIGRATION_LOCK = 7_415_002_214  # PostgreSQL advisory lock key of the schema migration
SQLITE_LOCK_WAIT = 600.0  # seconds a process waits for another one's migration (beyond busy_timeout)


def _lock_schema(conn: Connection) -> None:
    """One process at a time migrates (web workers, replicas and crawlers started together on a new database
    would otherwise all create the same tables); the others wait, then find the schema up to date. The lock
    is the migration transaction's own: released at its commit or rollback."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        return
    deadline = time.monotonic() + SQLITE_LOCK_WAIT
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, before alembic reads the revision
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            log.info("waiting for another process's migration")


@dataclass(frozen=True)
class Database:
    """A database brought up to date with the code: its engine and the session factory over it."""

    engine: Engine
    sessions: sessionmaker[Session]

    def dispose(self) -> None:
        """Close the engine's connections (end of the process or of the app)."""
        self.engine.dispose()


def open_database(url: str) -> Database:
    """What every entry point (the web app, each `veille` command) does first: make the engine, migrate the
    schema, then give the gazetteer's companies and products their rows (new or renamed ones included)."""
    from app.services.entities import sync_entities  # imported here: the services import this module

    engine = make_engine(url)
    try:
        factory = make_sessionmaker(engine)
        migrate(engine)
        with unit_of_work(factory) as session:
            _lock_schema(session.connection())  # processes starting together add the entities once
            sync_entities(session)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, factory)
