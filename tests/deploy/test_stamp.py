"""The data-change stamp: bumped by the database in the same transaction as every write to what pages show,
never by what they do not show; one bump per transaction on PostgreSQL, taken at commit so that concurrent
writers do not wait for each other; the same build id in every process."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.db import make_engine, make_sessionmaker, migrate, open_database, unit_of_work
from app.http_cache import Stamp, build_id, note_build, read_stamp
from app.models import Article, DataStamp
from app.scrapers.statuspage import OfficialRecord
from app.services.crawl_state import start_run, state_for
from app.services.ingest import prepare, store
from app.services.official import store_official
from tests.conftest import ROOT
from tests.deploy.newsroom import write_page

SPINE = ROOT / "tests" / "fixtures" / "spine"


@pytest.fixture
def engine(any_db_url: str) -> Iterator[Engine]:
    db = open_database(any_db_url)
    yield db.engine
    db.dispose()


def _version(engine: Engine) -> int:
    with engine.connect() as c:
        return c.execute(select(DataStamp.version)).scalar_one()


def _write(engine: Engine, work) -> tuple[Stamp, Stamp]:  # type: ignore[no-untyped-def]
    before = read_stamp(engine)
    with unit_of_work(make_sessionmaker(engine)) as session:
        work(session)
    return before, read_stamp(engine)


def test_every_write_pages_show_changes_the_stamp(engine: Engine, tmp_path: Path) -> None:
    page = write_page(tmp_path, "essai", "mistouflon").read_bytes()
    outage = (SPINE / "chatgpt-panne.html").read_bytes()
    record = OfficialRecord(
        "inc-1", "Erreurs élevées", "investigating", "major", datetime.now(UTC), None, None
    )

    def delete_article(s: Session) -> None:
        s.delete(s.scalars(select(Article).where(Article.title.contains("Mistouflon"))).one())

    writes = {
        "ingest of an article": lambda s: store(s, prepare(page)),
        "ingest of an outage (incident grouping)": lambda s: store(s, prepare(outage)),
        "official incident": lambda s: store_official(s, "openai", [record], ("chatgpt",)),
        "crawl run": lambda s: start_run(s, s.execute(text("SELECT min(id) FROM source")).scalar_one()),
        "deletion": delete_article,
    }
    seen = set()
    for name, work in writes.items():
        before, after = _write(engine, work)
        assert after.token != before.token, name
        assert after.modified >= before.modified, name
        seen.add(after.token)
    assert len(seen) == len(writes)


def test_what_pages_do_not_show_and_rollbacks_leave_it(engine: Engine) -> None:
    def fetch_state_only(s: Session) -> None:
        state_for(s, "https://www.replique-tech.example/ia/a.html", None, "page")  # type: ignore[arg-type]

    before, after = _write(engine, fetch_state_only)
    assert after == before
    factory = make_sessionmaker(engine)
    with pytest.raises(RuntimeError), unit_of_work(factory) as session:
        store(session, prepare((SPINE / "chatgpt-panne.html").read_bytes()))
        raise RuntimeError("rolled back")
    assert read_stamp(engine) == before


def test_last_modified_never_goes_back(engine: Engine, tmp_path: Path) -> None:
    later = int(datetime(2100, 1, 1, tzinfo=UTC).timestamp())  # a writer whose clock was ahead
    with engine.begin() as c:
        c.execute(DataStamp.__table__.update().values(changed_at=later))
    _, after = _write(engine, lambda s: store(s, prepare(write_page(tmp_path, "b", "zinzolin").read_bytes())))
    assert after.modified == datetime(2100, 1, 1, tzinfo=UTC)


@pytest.mark.postgres
def test_pg_one_bump_per_transaction_taken_at_commit(pg_url: str, tmp_path: Path) -> None:
    db = open_database(pg_url)
    pages = [write_page(tmp_path, f"p{i}", f"mot{i}").read_bytes() for i in range(5)]
    start = _version(db.engine)
    with unit_of_work(db.sessions) as session:
        for raw in pages:
            store(session, prepare(raw))  # five articles, their entities: dozens of rows
    assert _version(db.engine) == start + 1

    # A writer that keeps its transaction open (a crawl batch) does not hold the stamp: another process's
    # write commits meanwhile, without waiting.
    opened, release = threading.Event(), threading.Event()

    def long_batch() -> None:
        with unit_of_work(db.sessions) as session:
            store(session, prepare(write_page(tmp_path, "long", "lambin").read_bytes()))
            session.flush()
            opened.set()
            release.wait(30)

    batch = threading.Thread(target=long_batch)
    batch.start()
    assert opened.wait(30)
    other = make_engine(pg_url)
    try:
        with other.begin() as c:
            c.execute(text("SET LOCAL lock_timeout = '3s'"))
            c.execute(text("UPDATE source SET name = name || ''"))  # raises if it had to wait for the batch
        assert _version(db.engine) == start + 2
    finally:
        release.set()
        batch.join()
        other.dispose()
    assert _version(db.engine) == start + 3
    db.dispose()


def test_a_new_build_is_a_change_once(engine: Engine) -> None:
    note_build(engine, build_id())  # what the web app does at start-up
    first = read_stamp(engine)
    assert not note_build(engine, build_id())  # a second process of the same build: nothing to do
    assert read_stamp(engine) == first
    assert note_build(engine, "une-autre-version")
    assert read_stamp(engine).token != first.token
    with engine.connect() as c:
        assert c.execute(select(DataStamp.build)).scalar_one() == "une-autre-version"


def test_build_id_is_the_same_in_every_process() -> None:
    other = subprocess.run(
        [sys.executable, "-c", "from app.http_cache import build_id; print(build_id())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.strip() == build_id()


def test_migration_runs_once_when_processes_start_together(any_db_url: str) -> None:
    """Web workers, replicas and crawlers started together on a new database: one migrates, the others wait."""
    import os

    env = dict(os.environ, VEILLE_DATABASE_URL=any_db_url, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen([sys.executable, "-m", "app", "migrate"], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    engine = make_engine(any_db_url)
    migrate(engine)
    assert read_stamp(engine).token
    engine.dispose()


@pytest.mark.postgres
def test_pg_crawl_heartbeats_alone_leave_the_stamp(pg_url: str) -> None:
    """Crawl workers extend their pass's lease every few seconds: that is no change of what pages show, while a
    change of the pass's figures is."""
    db = open_database(pg_url)
    try:
        with unit_of_work(db.sessions) as s:
            store(s, prepare((SPINE / "chatgpt-panne.html").read_bytes()))  # gives the database a source
        with unit_of_work(db.sessions) as s:
            run = start_run(s, s.execute(text("SELECT min(id) FROM source")).scalar_one())
            run_id = run.id
        before = read_stamp(db.engine)
        with db.engine.begin() as c:
            c.execute(text("UPDATE crawl_run SET lease_until = now() WHERE id = :i"), {"i": run_id})
        assert read_stamp(db.engine) == before
        with db.engine.begin() as c:
            c.execute(text("UPDATE crawl_run SET discovered_at = now() WHERE id = :i"), {"i": run_id})
        assert read_stamp(db.engine) != before
    finally:
        db.dispose()
