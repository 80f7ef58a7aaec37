"""`veille backup DEST`: a consistent copy while writers go on (SQLite online backup API), pg_dump on
PostgreSQL with a restore that works, and refusals that touch nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.db import make_engine, open_database, unit_of_work
from app.http_cache import read_stamp
from app.models import Article, Source
from app.search.base import ArticleQuery
from app.services.ingest import prepare, store
from app.services.search import search_articles
from bench.corpus import populate
from tests.conftest import ROOT
from tests.deploy.newsroom import write_page
from tests.helpers import run_cli

BATCH = 5  # articles per writer transaction


class Writer(threading.Thread):
    """Commits batches of BATCH articles, one transaction each, until stopped (a crawl at work)."""

    def __init__(self, db_url: str) -> None:
        super().__init__(daemon=True)
        self.db = open_database(db_url)
        self.batches = 0
        self.stop = threading.Event()
        self.progress = threading.Condition()

    def run(self) -> None:
        with self.db.sessions() as s:
            source_id = s.scalars(select(Source.id)).first()
        now = datetime.now(UTC)
        while not self.stop.is_set():
            with unit_of_work(self.db.sessions) as session:
                session.add_all(
                    Article(
                        url=f"https://www.replique-tech.example/lot/{self.batches}/{k}",
                        source_id=source_id,
                        title=f"écriture {self.batches}-{k}",
                        text="Texte écrit pendant la sauvegarde.",
                        content_hash=f"{self.batches}-{k}",
                        fetched_at=now,
                        updated_at=now,
                    )
                    for k in range(BATCH)
                )
            with self.progress:
                self.batches += 1
                self.progress.notify_all()

    def wait_for(self, batches: int) -> None:
        with self.progress:
            assert self.progress.wait_for(lambda: self.batches >= batches, timeout=60)


def test_sqlite_backup_while_writes_happen(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url)
    populate(db.engine, 3000)
    db.dispose()
    writer = Writer(sqlite_url)
    writer.start()
    try:
        writer.wait_for(3)
        dest = tmp_path / "copie.db"
        out = run_cli(["backup", str(dest)], sqlite_url, tmp_path)
        assert out.returncode == 0, out.stderr
        assert "Sauvegarde terminée" in out.stderr and "Pour restaurer" in out.stderr
        after_backup = writer.batches
        writer.wait_for(after_backup + 3)  # writes went on after the copy
    finally:
        writer.stop.set()
        writer.join()
        writer.db.dispose()

    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    titles = [t for (t,) in con.execute("SELECT title FROM article WHERE title LIKE 'écriture %'")]
    con.close()
    batches = {int(t.split()[1].split("-")[0]) for t in titles}
    # whole transactions only, the first ones in order: the database at one instant
    assert len(titles) == BATCH * len(batches)
    assert batches == set(range(len(batches)))
    assert 3 <= len(batches) < writer.batches

    copy = open_database(f"sqlite:///{dest}")  # the copy opens through the app, with its data
    with copy.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 3000 + len(titles)
        assert search_articles(s, ArticleQuery(q="erreurs")).total > 0  # its search index too
    assert read_stamp(copy.engine).token
    copy.dispose()


def test_backup_into_a_folder_and_refusals(sqlite_url: str, tmp_path: Path) -> None:
    missing = run_cli(["backup", str(tmp_path / "copie.db")], sqlite_url, tmp_path)
    assert missing.returncode == 2 and "n'existe pas (rien à sauvegarder)" in missing.stderr
    assert not Path(make_url(sqlite_url).database).exists()  # type: ignore[arg-type]  # not created

    db = open_database(sqlite_url)
    with unit_of_work(db.sessions) as s:
        store(s, prepare(write_page(tmp_path / "pages", "a", "mistouflon").read_bytes()))
    db.dispose()
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    done = run_cli(["backup", str(folder)], sqlite_url, tmp_path)
    assert done.returncode == 0, done.stderr
    (made,) = folder.glob("veille-*.db")
    assert "1 articles" in done.stderr

    no_dir = run_cli(["backup", str(tmp_path / "absent" / "copie.db")], sqlite_url, tmp_path)
    assert no_dir.returncode == 2 and "n'existe pas" in no_dir.stderr
    assert not (tmp_path / "absent").exists()

    kept = made.read_bytes()
    again = run_cli(["backup", str(made)], sqlite_url, tmp_path)
    assert again.returncode == 2 and "existe déjà (ajoutez --force" in again.stderr
    assert made.read_bytes() == kept
    assert run_cli(["backup", str(made), "--force"], sqlite_url, tmp_path).returncode == 0

    itself = run_cli(["backup", make_url(sqlite_url).database, "--force"], sqlite_url, tmp_path)  # type: ignore[list-item]
    assert itself.returncode == 2 and "la base elle-même" in itself.stderr
    assert sorted(p.name for p in folder.iterdir()) == [made.name]  # no partial file left behind


@pytest.mark.postgres
def test_pg_backup_with_pg_dump_and_restore(pg_url: str, pg_server: str, tmp_path: Path) -> None:
    db = open_database(pg_url)
    with unit_of_work(db.sessions) as s:
        store(s, prepare(write_page(tmp_path / "pages", "a", "mistouflon").read_bytes()))
    db.dispose()
    dest = tmp_path / "veille.dump"
    out = run_cli(["backup", str(dest)], pg_url, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pg_restore --clean --if-exists --no-owner" in out.stderr

    name = f"veille_r_{uuid.uuid4().hex[:10]}"
    admin = make_engine(pg_server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    restored_url = pg_server.rsplit("/", 1)[0] + f"/{name}"
    try:
        plain = make_url(restored_url)._replace(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={plain}", str(dest)], check=True)
        restored = open_database(restored_url)
        with restored.sessions() as s:
            assert search_articles(s, ArticleQuery(q="mistouflon")).total == 1
        before = read_stamp(restored.engine)
        with unit_of_work(restored.sessions) as s:
            store(s, prepare(write_page(tmp_path / "pages", "b", "carabistouille").read_bytes()))
        assert read_stamp(restored.engine) != before  # the stamp's triggers came back with the data
        restored.dispose()
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_pg_backup_without_pg_dump_says_what_to_run(pg_url: str, tmp_path: Path) -> None:
    with_password = make_url(pg_url).set(password="secret-de-test").render_as_string(hide_password=False)
    env = dict(
        os.environ,
        VEILLE_DATABASE_URL=with_password,
        VEILLE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        PATH=str(tmp_path),  # no pg_dump there
    )
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "app", "backup", str(tmp_path / "veille.dump")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "pg_dump est introuvable" in out.stderr and "pg_dump --format=custom" in out.stderr
    assert "secret-de-test" not in out.stderr and "PGPASSWORD=…" in out.stderr
    assert not (tmp_path / "veille.dump").exists()
