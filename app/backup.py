"""`veille backup DEST`: a consistent copy of the database while the service runs.

SQLite: the online backup API (sqlite3.Connection.backup) copies every page in one step inside one read
transaction: the copy is the database as it was at one instant, whatever the writers do meanwhile (WAL lets
them go on). The copy is written beside DEST, checked (PRAGMA quick_check), switched to a plain rollback
journal so that it is one self-contained file, then renamed to DEST.

PostgreSQL: pg_dump (custom format, for pg_restore) when it is installed; otherwise the command to run.
Restoring either is described in docs/deploy.md and printed after each backup.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app.config import Settings


class BackupError(Exception):
    """A backup that cannot be made; the message is French and meant for the user."""


@dataclass(frozen=True)
class Copy:
    """A finished SQLite copy and what it holds."""

    path: Path
    size: int
    articles: int
    incidents: int


def target(dest: Path, suffix: str, force: bool) -> Path:
    """The file to write: DEST itself, or a dated file inside DEST when it is a folder."""
    if dest.is_dir():
        dest = dest / f"veille-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
    if not dest.parent.is_dir():
        raise BackupError(f"le dossier {dest.parent} n'existe pas")
    if dest.exists() and not force:
        raise BackupError(f"{dest} existe déjà (ajoutez --force pour le remplacer)")
    return dest


def sqlite_copy(db_path: Path, dest: Path) -> Copy:
    """Copy a live SQLite database to dest (see the module docstring)."""
    if not db_path.is_file():
        raise BackupError(f"la base SQLite {db_path} n'existe pas (rien à sauvegarder)")
    partial = dest.with_name(dest.name + ".partiel")
    partial.unlink(missing_ok=True)  # left by a backup that was killed
    src = sqlite3.connect(db_path)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # pages=-1: one step, one read transaction, one instant of the database
            dst.execute("PRAGMA journal_mode=DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(
                    f"la copie est corrompue ({check}) ; la base d'origine n'a pas été modifiée"
                )
            articles, incidents = (
                dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("article", "incident")
            )
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"la copie a échoué : {exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, dest)
    return Copy(dest, dest.stat().st_size, articles, incidents)


def libpq(url: URL) -> tuple[str, dict[str, str]]:
    """The libpq URL pg_dump and pg_restore take (no driver name, no password) and the environment that
    carries the password, so that it never shows on a command line."""
    env = {"PGPASSWORD": url.password} if url.password else {}
    plain = url._replace(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return plain, env


def pg_dump_argv(url: URL, dest: Path) -> list[str]:
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={dest}", libpq(url)[0]]


def _shell(argv: list[str], env: dict[str, str]) -> str:
    prefix = "PGPASSWORD=… " if env else ""
    return prefix + " ".join(shlex.quote(a) for a in argv)


def pg_dump(url: URL, dest: Path) -> int:
    """Run pg_dump into dest, or say which command to run when it is not installed."""
    plain, env = libpq(url)
    argv = pg_dump_argv(url, dest)
    restore = _shell(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={plain}", str(dest)], env
    )
    if shutil.which("pg_dump") is None:
        print(
            "pg_dump est introuvable sur cette machine : installez le client PostgreSQL (paquet "
            "postgresql-client, de la même version majeure que le serveur) puis lancez :\n"
            f"  {_shell(argv, env)}\n"
            f"Pour restaurer : {restore}",
            file=sys.stderr,
        )
        return 1
    partial = dest.with_name(dest.name + ".partiel")
    print(f"Sauvegarde PostgreSQL : {_shell(argv, env)}", file=sys.stderr)
    done = subprocess.run(
        pg_dump_argv(url, partial), env={**os.environ, **env}, capture_output=True, text=True
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        print(done.stderr.strip(), file=sys.stderr)
        print(
            f"La sauvegarde a échoué (pg_dump, code {done.returncode}) ; rien n'a été écrit.", file=sys.stderr
        )
        return 1
    os.replace(partial, dest)
    print(f"Sauvegarde terminée : {dest} ({_size(dest.stat().st_size)})", file=sys.stderr)
    print(f"Pour restaurer : {restore}", file=sys.stderr)
    return 0


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} Mo".replace(".", ",")


def backup(settings: Settings, dest: Path, force: bool = False) -> int:
    """`veille backup DEST`: returns the exit status (0 done, 1 failed, 2 refused before starting)."""
    url = make_url(settings.db_url)
    backend = url.get_backend_name()
    try:
        if backend == "postgresql":
            return pg_dump(url, target(dest, ".dump", force))
        if backend != "sqlite" or not url.database or url.database == ":memory:":
            raise BackupError(f"base non prise en charge : {url.render_as_string(hide_password=True)}")
        db_path = Path(url.database)
        out = target(dest, ".db", force)
        if out.resolve() == db_path.resolve():
            raise BackupError("la copie ne peut pas remplacer la base elle-même")
        copy = sqlite_copy(db_path, out)
    except BackupError as exc:
        print(f"Sauvegarde impossible : {exc}", file=sys.stderr)
        return 2
    print(
        f"Sauvegarde terminée : {copy.path} ({_size(copy.size)} ; {copy.articles} articles, "
        f"{copy.incidents} incidents)",
        file=sys.stderr,
    )
    print(
        f"Pour restaurer : arrêtez le service et la collecte, remplacez {db_path} par cette copie et supprimez "
        f"{db_path}-wal et {db_path}-shm s'ils existent.",
        file=sys.stderr,
    )
    return 0
