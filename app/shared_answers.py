"""Answers shared by the web processes of one machine.

Each web process keeps the answers it rendered (app/http_cache.py, an LRU in memory); with `--workers N` a page
rendered by one worker used to be rendered again by each of the others. This store is a small SQLite file that
every process of the machine reads on a miss of its own memory and writes after a render, keyed by build, data
stamp and URL: a page is rendered once per machine and state of the data. It is a cache: any failure (a locked,
corrupt or missing file) costs a render, never an answer, and is logged once.

Where the file lives (VEILLE_SHARED_CACHE):
- "auto" (default): beside a SQLite database (`veille.db-answers`), else (PostgreSQL) in a private directory
  `veille-<uid>` of /dev/shm (memory) or of the temporary directory; the directory must belong to this user and
  be closed to others (mode 0700), never a symbolic link, or the store is not used: another local account
  could otherwise plant answers;
- a directory path: a file in it, with the same checks;
- "off": no store (each process keeps its own answers only).

Bounded in bytes (VEILLE_SHARED_CACHE_MB, 256 by default): past the budget, answers of an older state of the data
go first, then the least recently written. Written by SQLite in WAL mode without fsync (synchronous=OFF): a power
loss can at worst lose or corrupt the cache, which is then rebuilt.

Written by hand: no maintained library keeps byte answers in a file shared by processes with a size bound and
the key scheme of the stamp (diskcache would, but it is not on the package registries here; a shared dict of
multiprocessing needs a manager process that uvicorn's supervisor does not run).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import stat
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from app.http_cache import CachedPage

log = logging.getLogger(__name__)

DEFAULT_MB = 256
BUSY_MS = 20  # a write waits this long for another process's write, then gives up (it is a cache)
VALUE = "\x00value:"  # prefix of the keys of values, which no URL starts with (a URL starts with "/")
CHECK_EVERY = 4 * 1024 * 1024  # bytes written by this process between two measures of the file's content
SCHEMA = """
CREATE TABLE IF NOT EXISTS answer (
    key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    headers TEXT NOT NULL,
    gz INTEGER NOT NULL,
    body BLOB NOT NULL
)
"""
# what the budget check reads (sum of sizes, count): a narrow covering index, not every row of the table (a full
# 256 MB store of 10 KB answers: 22 ms on the event loop without it, under 1 ms with it)
SIZE_INDEX = "CREATE INDEX IF NOT EXISTS answer_size ON answer (size)"


def private_dir(path: Path) -> Path | None:
    """`path`, created if missing, when it is a real directory of this user closed to others; else None."""
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        st = path.lstat()
    except OSError as exc:
        log.warning("shared answer store disabled: cannot create %s (%s)", path, exc)
        return None
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        log.warning("shared answer store disabled: %s is not a directory", path)
        return None
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        log.warning("shared answer store disabled: %s belongs to another user or is open to others", path)
        return None
    return path


def store_path(setting: str, db_url: str) -> Path | None:
    """Where the processes serving `db_url` share their answers, per the VEILLE_SHARED_CACHE setting."""
    if setting == "off":
        return None
    url = make_url(db_url)
    name = (
        "answers-"
        + hashlib.blake2b(url.render_as_string(hide_password=True).encode(), digest_size=8).hexdigest()
        + ".db"
    )
    if setting != "auto":
        base = private_dir(Path(setting))
        return base / name if base else None
    if url.get_backend_name() == "sqlite":
        db = url.database
        if not db or db == ":memory:" or db.startswith("file:"):
            return None  # an in-memory database has one process
        return Path(db).with_name(Path(db).name + "-answers")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    shm = Path("/dev/shm")
    root = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
    base = private_dir(root / f"veille-{uid}")
    return base / name if base else None


class SharedAnswers:
    """A byte store of answers keyed by (state, URL), shared by the processes of one machine."""

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MB * 1024 * 1024) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._written = 0
        self._state = ""
        self._failed = False

    # --- the connection -----------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        try:
            conn = self._open()
        except sqlite3.DatabaseError:  # not a database (a crash mid-write, a stray file): start it again
            log.warning("shared answer store unreadable, recreated: %s", self.path)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            conn = self._open()
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _open(self) -> sqlite3.Connection:
        if self.path.is_symlink():
            raise OSError(f"{self.path} is a symbolic link")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(SCHEMA)
            conn.execute(SIZE_INDEX)
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _failure(self, what: str, exc: Exception) -> None:
        if not self._failed:
            log.warning("shared answer store: %s failed (%s); answers are kept per process", what, exc)
            self._failed = True
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            self._reset()

    def _reset(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None

    # --- reads and writes -----------------------------------------------------------------------------------

    def get(self, state: str, url: str) -> CachedPage | None:
        """The answer kept for this URL in this state of the data, if any process rendered it."""
        from app.http_cache import CachedPage

        with self._lock:
            try:
                row = (
                    self._connect()
                    .execute(
                        "SELECT media_type, headers, gz, body FROM answer WHERE key = ?", (f"{state}|{url}",)
                    )
                    .fetchone()
                )
            except (sqlite3.Error, OSError) as exc:
                self._failure("read", exc)
                return None
        if row is None:
            return None
        media_type, headers, gz, body = row
        try:
            pairs = tuple((k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(headers))
        except (ValueError, TypeError, AttributeError):
            return None
        return CachedPage(bytes(body), bool(gz), media_type, pairs)

    def get_value(self, state: str, name: str) -> bytes | None:
        """A value (bytes) another process computed for this state of the data, if any."""
        with self._lock:
            try:
                row = (
                    self._connect()
                    .execute("SELECT body FROM answer WHERE key = ?", (f"{state}|{VALUE}{name}",))
                    .fetchone()
                )
            except (sqlite3.Error, OSError) as exc:
                self._failure("read", exc)
                return None
        return None if row is None else bytes(row[0])

    def put_value(self, state: str, name: str, data: bytes) -> None:
        """Keep a value (bytes) computed for this state of the data for the other processes."""
        self._put(state, f"{VALUE}{name}", "", "[]", False, data)

    def put(self, state: str, url: str, page: CachedPage) -> None:
        """Keep an answer for the other processes (last writer wins: they are the same bytes)."""
        headers = json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in page.headers])
        self._put(state, url, page.media_type, headers, page.is_gzip, page.data)

    def _put(self, state: str, url: str, media_type: str, headers: str, gz: bool, data: bytes) -> None:
        size = len(data) + len(url) + len(headers)
        with self._lock:
            try:
                conn = self._connect()
                if state != self._state:  # a new state of the data: what was kept for the old one is dead
                    conn.execute("DELETE FROM answer WHERE state != ?", (state,))
                    self._state = state
                conn.execute(
                    "INSERT OR REPLACE INTO answer (key, state, size, media_type, headers, gz, body) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (f"{state}|{url}", state, size, media_type, headers, int(gz), data),
                )
                self._written += size
                if self._written >= min(CHECK_EVERY, self.max_bytes // 4):
                    self._written = 0
                    self._trim(conn, state)
            except (sqlite3.Error, OSError) as exc:
                self._failure("write", exc)

    def _trim(self, conn: sqlite3.Connection, state: str) -> None:
        """Back under the budget: older states first, then the oldest writes (a quarter of the answers)."""
        total = conn.execute("SELECT coalesce(sum(size), 0) FROM answer").fetchone()[0]
        if total <= self.max_bytes:
            return
        conn.execute("DELETE FROM answer WHERE state != ?", (state,))
        total, count = conn.execute("SELECT coalesce(sum(size), 0), count(*) FROM answer").fetchone()
        while total > self.max_bytes * 3 // 4 and count:
            conn.execute(
                "DELETE FROM answer WHERE rowid IN (SELECT rowid FROM answer ORDER BY rowid LIMIT ?)",
                (max(1, count // 4),),
            )
            total, count = conn.execute("SELECT coalesce(sum(size), 0), count(*) FROM answer").fetchone()

    def forget(self) -> None:
        """Drop every kept answer (benchmarks measure first visits)."""
        with self._lock:
            try:
                self._connect().execute("DELETE FROM answer")
            except (sqlite3.Error, OSError) as exc:
                self._failure("clear", exc)

    def bytes_kept(self) -> int:
        with self._lock:
            try:
                return int(self._connect().execute("SELECT coalesce(sum(size), 0) FROM answer").fetchone()[0])
            except (sqlite3.Error, OSError):
                return 0

    def close(self) -> None:
        with self._lock:
            self._reset()
