"""HTTP caching keyed on the database's data-change stamp.

The data only changes when a crawl or an ingest commits, so every read-only answer (pages, API, feeds,
exports) is a function of (code build, settings that shape the bytes, stamp, URL). The stamp is one database
row that triggers bump in the same transaction as every write to what pages show (migration 0009): every web
process, on every host, reads the same stamp, so replicas give the same ETag for the same answer and accept
each other's. Each process re-reads it at most once per `ttl` seconds, which makes a conditional request (304)
or a cached page cost no database work between crawls, and drops its page caches when it changed.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool

from app.models import DataStamp
from app.shared_answers import SharedAnswers

log = logging.getLogger(__name__)

CODE_VERSION = "pages-2"  # bump when templates change the bytes of an answer for the same data
DEFAULT_TTL = 1.0  # seconds a stamp is trusted before the database is asked again
CACHED_PREFIXES = (
    "/api/",
    "/flux/",
    "/export/",
    "/entites",
    "/articles/",
    "/incidents/",
    "/recherche",
    "/etat",
)
# Data that pages show but these tables do not hold, such as the live service status (which also moves with the
# clock): a part returns its text for the token and the last moment it changed, if known.
StampPart = Callable[[Connection], tuple[str, datetime | None]]
PACKAGE_DIR = Path(__file__).resolve().parent
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# answers that depend on tables the stamp does not read (alert deliveries change without any new data)
UNCACHED_PATHS = frozenset({"/api/alertes"})
# answers that also show what moves without any new data: the source health lists the crawl processes alive now
# (their heartbeats). They get no validators and are never kept whole; the stamp is still read, so that their
# costly part is computed once per state of the data (app/routes/sources.py, data_memo).
LIVE_PATHS = frozenset({"/api/sources", "/sources"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]


@functools.cache
def build_id() -> str:
    """What identifies this build of the code: CODE_VERSION, the package version and a digest of every file of
    the package (code, templates, gazetteer). Identical in every process of one build, on every host; any
    change to a template or to the code gives new ETags. Computed once, on first use (about 10 ms)."""
    try:
        version = metadata.version("veille-ia")
    except metadata.PackageNotFoundError:
        version = "source"
    h = hashlib.blake2b(f"{CODE_VERSION}|{version}".encode(), digest_size=16)
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\x00")
        h.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return h.hexdigest()


GZIP_MIN = 1024  # smaller answers are kept as they are: gzip would save little and cost a header
# what one process keeps of rendered answers (as kept: gzipped once served again)
MAX_PAGE_BYTES = 48 * 1024 * 1024
MAX_PAGE_COUNT = 50_000  # and how many, whatever their size (bounds the keys and the per-entry overhead)
RECALL_LIMIT = 2048  # values kept per kind by StampKeeper.recall
MAX_KEY_CHARS = 2048  # a longer URL is answered, never kept (hostile query strings do not fill the cache)
# An answer kept in memory costs its bytes plus the key and the entry (~200 bytes of Python objects).
ENTRY_OVERHEAD = 256


@dataclass(frozen=True)
class CachedPage:
    """A rendered answer kept until the data changes. Kept as rendered; gzipped (level 1: a fifth of the
    size for a tenth of the CPU of level 6) the first time it is served again, so that the many pages asked
    for once only (articles, searches) never cost a compression; unzipped for a client without gzip."""

    data: bytes
    is_gzip: bool = False
    media_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[bytes, bytes], ...] = ()  # what the handler set besides content-type and -length

    @classmethod
    def of(
        cls,
        body: bytes,
        media_type: str = "text/html; charset=utf-8",
        headers: Sequence[tuple[bytes, bytes]] = (),
    ) -> CachedPage:
        return cls(body, False, media_type, tuple(headers))

    def zipped(self) -> CachedPage:
        """This answer gzipped, when worth it (else itself)."""
        if self.is_gzip or len(self.data) < GZIP_MIN:
            return self
        return CachedPage(
            gzip.compress(self.data, compresslevel=1, mtime=0), True, self.media_type, self.headers
        )

    @property
    def body(self) -> bytes:
        return gzip.decompress(self.data) if self.is_gzip else self.data

    @property
    def size(self) -> int:
        return len(self.data) + ENTRY_OVERHEAD + sum(len(k) + len(v) for k, v in self.headers)


@dataclass(frozen=True)
class Stamp:
    """What identifies one state of the data: a token for ETags and a time for Last-Modified."""

    token: str
    modified: datetime

    def etag(self, key: str) -> str:
        """A weak validator for one URL in this state of the data, the same in every process of one build."""
        digest = hashlib.blake2b(f"{build_id()}|{self.token}|{key}".encode(), digest_size=12).hexdigest()
        return f'W/"{digest}"'

    @property
    def http_date(self) -> str:
        return format_datetime(self.modified, usegmt=True)


def salt_of(*values: object) -> str:
    """A short digest of what, besides the data, shapes the bytes of an answer (absolute URLs, site name)."""
    return hashlib.blake2b(repr(values).encode(), digest_size=6).hexdigest()


def read_stamp(engine: Engine, extra: Sequence[StampPart] = ()) -> Stamp:
    """The data-change stamp row (one primary-key read, whatever the size of the data), plus the extra parts."""
    with engine.connect() as conn:
        row = conn.execute(select(DataStamp.token, DataStamp.changed_at).where(DataStamp.id == 1)).first()
        extras = [part(conn) for part in extra]
    if row is None:  # the migration writes the row and nothing deletes it; without it, pages still answer
        log.warning("data_stamp row missing: ETags cannot follow the data")
        token, modified = "absent", EPOCH
    else:
        token, modified = row.token, datetime.fromtimestamp(row.changed_at, UTC)
    for text, at in extras:
        token = f"{token}|{text}"
        if at is not None:
            modified = max(modified, at.astimezone(UTC).replace(microsecond=0))
    return Stamp(token=token, modified=modified)


def note_build(engine: Engine, build: str) -> bool:
    """Record the build about to serve the data; a build that differs from the last one bumps the stamp, so
    that Last-Modified too says the answers changed. Returns whether it did (once per deployment: the other
    processes of the same build find it recorded)."""
    with engine.begin() as conn:
        done = conn.execute(
            update(DataStamp)
            .where(DataStamp.id == 1, or_(DataStamp.build.is_(None), DataStamp.build != build))
            .values(
                build=build,
                version=DataStamp.version + 1,
                token=secrets.token_hex(8),
                changed_at=_not_before(DataStamp.changed_at, int(time.time()), conn.dialect.name),
            )
        ).rowcount
    if done:
        log.info("new build recorded build=%s", build)
    return bool(done)


def _not_before(column: Any, now: int, dialect: str) -> Any:
    """now, or the column when it is later: Last-Modified never goes back (clocks of writers may differ)."""
    return (func.max if dialect == "sqlite" else func.greatest)(column, now)


class StampKeeper:
    """The current stamp of one app, re-read at most every `ttl` seconds; rendered pages cached on it."""

    def __init__(
        self,
        ttl: float = DEFAULT_TTL,
        max_pages: int = MAX_PAGE_COUNT,
        salt: str = "",
        extra: Sequence[StampPart] = (),
        max_bytes: int = MAX_PAGE_BYTES,
        shared: SharedAnswers | None = None,
    ) -> None:
        self.ttl = ttl
        # the answers of the other web processes of this machine (app/shared_answers.py), None for none
        self.shared = shared
        self.salt = salt  # what else shapes the bytes of an answer (the settings of app/main.py)
        self.extra = tuple(extra)
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.page_bytes = 0
        self._stamp: Stamp | None = None
        self._checked = 0.0
        self._refreshing = False
        self._first = asyncio.Lock()
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        # pages are kept from the event loop (the middleware) and read from handler threads (benchmarks, tests)
        self._pages_lock = threading.Lock()
        self._memo: dict[str, Any] = {}
        self._memo_locks: dict[str, threading.RLock] = {}
        self._recalled: dict[str, OrderedDict[Hashable, Any]] = {}
        self._recall_lock = threading.Lock()
        self.in_flight: dict[str, asyncio.Event] = {}
        # kinds of recalled values also shared with the other processes, with their (encode, decode) to bytes
        self._codecs: dict[str, tuple[Callable[[Any], bytes], Callable[[bytes], Any]]] = {}

    def share(self, kind: str, encode: Callable[[Any], bytes], decode: Callable[[bytes], Any]) -> None:
        """Have the values `recall` keeps for `kind` shared with this machine's other web processes (their
        keys must have a repr that is the same in every process: built from strings, numbers and dates)."""
        self._codecs[kind] = (encode, decode)

    async def current(self, engine: Engine) -> Stamp:
        """The stamp, from memory when fresh enough.

        One request at a time re-reads it (single flight); requests arriving meanwhile keep the previous
        stamp instead of piling up database reads under load.
        """
        if self._stamp is not None and (time.monotonic() - self._checked < self.ttl or self._refreshing):
            return self._stamp
        if self._stamp is None:
            async with self._first:
                if self._stamp is None:
                    await self._refresh(engine)
            return self._stamp  # type: ignore[return-value]
        await self._refresh(engine)
        return self._stamp

    async def _refresh(self, engine: Engine) -> None:
        self._refreshing = True
        try:
            stamp = await run_in_threadpool(read_stamp, engine, self.extra)
            if self.salt:
                stamp = Stamp(token=f"{self.salt}|{stamp.token}", modified=stamp.modified)
        finally:
            self._refreshing = False
        if self._stamp is None or stamp.token != self._stamp.token:
            if self._stamp is not None:
                log.info(
                    "data changed, page cache cleared pages=%d modified=%s", len(self._pages), stamp.http_date
                )
            with self._pages_lock:
                self._pages.clear()  # new data: every rendered page is stale
                self.page_bytes = 0
            self._memo.clear()
            self._memo_locks.clear()
            with self._recall_lock:
                self._recalled.clear()
        self._stamp, self._checked = stamp, time.monotonic()

    def forget_answers(self) -> None:
        """Drop every kept answer and search answer (not the per-state memos such as the entity list): the next
        request costs what a first visit costs. The search benchmark measures that, not the cache."""
        with self._pages_lock:
            self._pages.clear()
            self.page_bytes = 0
        with self._recall_lock:
            self._recalled.clear()
        if self.shared is not None:
            self.shared.forget()

    def expire(self) -> None:
        """Have the next request read the stamp again (what was computed for it stays while it holds)."""
        self._checked = float("-inf")

    def memo(self, name: str, token: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the data (e.g. filter choices), computed once per stamp.

        Called from the thread pool: one thread computes it while the others that want it wait for its
        result, instead of all counting the same thing at once (the entity counts took a quarter of the CPU
        of a load test starting on a fresh process, computed by every request that arrived meanwhile)."""
        lock = self._memo_locks.setdefault(name, threading.RLock())  # (setdefault is atomic under the GIL)
        with lock:
            if name in self._memo and self._stamp is not None and self._stamp.token == token:
                return self._memo[name]
            value = compute()
            if self._stamp is not None and self._stamp.token == token:
                self._memo[name] = value
            return value

    def recall(
        self, kind: str, key: Hashable, token: str, compute: Callable[[], Any], limit: int = RECALL_LIMIT
    ) -> Any:
        """A value derived from the data for one of many keys (e.g. the facets of a search), computed once
        per stamp and key, the `limit` most recently used of each kind kept (keys come from visitors)."""
        with self._recall_lock:
            kept = self._recalled.setdefault(kind, OrderedDict())
            if key in kept and self._stamp is not None and self._stamp.token == token:
                kept.move_to_end(key)
                return kept[key]
        codec = self._codecs.get(kind) if self.shared is not None else None
        value = self._shared_value(kind, key, token, codec[1]) if codec else None
        if value is None:
            value = compute()
            if codec and self.shared is not None and self._stamp is not None and self._stamp.token == token:
                self.shared.put_value(self._state(token), f"{kind}:{key!r}", codec[0](value))
        with self._recall_lock:
            if self._stamp is not None and self._stamp.token == token:
                kept = self._recalled.setdefault(kind, OrderedDict())
                kept[key] = value
                while len(kept) > limit:
                    kept.popitem(last=False)
        return value

    def _shared_value(self, kind: str, key: Hashable, token: str, decode: Callable[[bytes], Any]) -> Any:
        """The value another process kept for (kind, key) in this state of the data, or None."""
        assert self.shared is not None
        data = self.shared.get_value(self._state(token), f"{kind}:{key!r}")
        if data is None:
            return None
        try:
            return decode(data)
        except (ValueError, TypeError, KeyError):
            log.warning("shared value unreadable kind=%s", kind)
            return None

    def page(self, key: str) -> CachedPage | None:
        """A rendered page for the current stamp, if any: kept by this process, else by another one."""
        with self._pages_lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
                return body
        stamp = self._stamp
        if self.shared is None or stamp is None or not self._keepable(key, 0):
            return None
        body = self.shared.get(self._state(stamp.token), key)
        if body is not None:
            self._remember(key, body)
        return body

    @staticmethod
    def _state(token: str) -> str:
        """What an answer depends on besides its URL: the code build and the stamp (with the settings' salt)."""
        return f"{build_id()}|{token}"

    def _keepable(self, key: str, size: int) -> bool:
        return not (
            len(key) > MAX_KEY_CHARS or size > self.max_bytes // 16 or key.partition("?")[0] in LIVE_PATHS
        )

    def zip_page(self, key: str, page: CachedPage) -> CachedPage:
        """`page` (kept under `key`) gzipped, and kept so from now on."""
        zipped = page.zipped()
        with self._pages_lock:
            if zipped is not page and self._pages.get(key) is page:
                self._pages[key] = zipped
                self.page_bytes += zipped.size - page.size
        return zipped

    def keep_page(self, key: str, page: CachedPage, token: str) -> None:
        """Remember a page rendered for stamp `token` until the stamp changes: an LRU bounded both in entries
        and in bytes; an answer larger than a sixteenth of the budget, or with a very long URL, is not kept."""
        if self._stamp is None or token != self._stamp.token:
            return  # the data changed while rendering: do not file an old page under the new stamp
        if not self._keepable(key, page.size + len(key)):
            return
        self._remember(key, page)
        if self.shared is not None:
            self.shared.put(self._state(token), key, page)

    def _remember(self, key: str, page: CachedPage) -> None:
        """File an answer in this process's LRU."""
        size = page.size + len(key)
        with self._pages_lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.page_bytes -= old.size + len(key)
            self._pages[key] = page
            self.page_bytes += size
            while len(self._pages) > self.max_pages or self.page_bytes > self.max_bytes:
                k, v = self._pages.popitem(last=False)
                self.page_bytes -= v.size + len(k)


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [t.strip() for t in if_none_match.split(",")]
    bare = etag.removeprefix("W/")
    return "*" in tags or any(t.removeprefix("W/") == bare for t in tags)


def _not_modified_since(value: str, stamp: Stamp) -> bool:
    try:
        since = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return False  # an unreadable date is ignored, as RFC 9110 asks
    if since is None:
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return stamp.modified <= since


def is_fresh(headers: dict[str, str], etag: str, stamp: Stamp) -> bool:
    """RFC 9110 evaluation: If-None-Match wins; If-Modified-Since only when it is absent."""
    inm = headers.get("if-none-match")
    if inm is not None:
        return _matches(inm, etag)
    ims = headers.get("if-modified-since")
    return ims is not None and _not_modified_since(ims, stamp)


def cache_key(scope: Scope) -> str:
    """The URL as the cache sees it."""
    path: str = scope["path"]
    qs = scope.get("query_string", b"").decode("latin-1")
    return path + ("?" + qs if qs else "")


class ConditionalMiddleware:
    """ETag + Last-Modified on read-only answers; 304 before any handler runs when the client is up to date."""

    def __init__(self, app: ASGIApp, prefixes: tuple[str, ...] = CACHED_PREFIXES) -> None:
        self.app = app
        self.prefixes = prefixes

    def _applies(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return False
        path: str = scope["path"]
        return (
            path == "/"
            or path in LIVE_PATHS
            or (path.startswith(self.prefixes) and path not in UNCACHED_PATHS)
        )

    async def __call__(
        self,
        scope: Scope,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        app_state = scope["app"].state
        engine = getattr(app_state, "engine", None)
        keeper: StampKeeper | None = getattr(app_state, "stamps", None)
        if engine is None or keeper is None:
            await self.app(scope, receive, send)
            return
        stamp = await keeper.current(engine)
        scope.setdefault("state", {})["stamp"] = stamp
        if scope["path"] in LIVE_PATHS:
            await self.app(scope, receive, send)
            return
        key = cache_key(scope)
        etag = stamp.etag(key)
        validators = [
            (b"etag", etag.encode()),
            (b"last-modified", stamp.http_date.encode()),
            (b"cache-control", b"no-cache"),
        ]
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if is_fresh(headers, etag, stamp):
            await send({"type": "http.response.start", "status": 304, "headers": validators})
            await send({"type": "http.response.body", "body": b""})
            return
        cached = keeper.page(key)
        rendering = keeper.in_flight.get(key)
        if cached is None and rendering is not None:
            # The same URL is being rendered for another visitor (a popular page right after a change of the
            # data): wait for that answer rather than compute it once more.
            await rendering.wait()
            cached = keeper.page(key)
        if cached is not None:
            # Served before routing: between crawls a cached page costs a dict lookup, not a FastAPI request.
            cached = keeper.zip_page(key, cached)
            await _send_cached(send, cached, validators, headers, scope["method"] == "HEAD")
            return
        if key in keeper.in_flight:  # (the render we waited for kept nothing: an error, or too large)
            await self._render(scope, receive, send, keeper, key, stamp, validators)
            return
        done = keeper.in_flight[key] = asyncio.Event()
        try:
            await self._render(scope, receive, send, keeper, key, stamp, validators)
        finally:
            del keeper.in_flight[key]
            done.set()

    async def _render(
        self,
        scope: Scope,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
        keeper: StampKeeper,
        key: str,
        stamp: Stamp,
        validators: list[tuple[bytes, bytes]],
    ) -> None:
        """Run the app, adding the validators to a 200, and keep the answer for the next identical request."""
        capture = _Capture()

        async def send_with_validators(message: Message) -> None:
            if message["type"] == "http.response.start":
                capture.start(message)
                if message["status"] == 200:
                    message["headers"] = [*message.get("headers", []), *validators]
            elif message["type"] == "http.response.body":
                capture.body(message)
            await send(message)

        await self.app(scope, receive, send_with_validators)
        page = capture.page()
        if page is not None:
            keeper.keep_page(key, page, stamp.token)


class _Capture:
    """The bytes of one 200 answer as the handler sent them, to keep it for the next identical request."""

    SKIPPED = frozenset({b"content-length", b"content-type", b"etag", b"last-modified", b"cache-control"})

    def __init__(self) -> None:
        self.wanted = True
        self.media_type = ""
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []
        self.size = 0
        self.done = False

    def start(self, message: Message) -> None:
        if message["status"] != 200:
            self.wanted = False
            return
        for k, v in message.get("headers", []):
            name = k.lower()
            if name == b"content-type":
                self.media_type = v.decode("latin-1")
            elif name in (b"content-encoding", b"set-cookie", b"vary") or (
                name == b"cache-control" and (b"no-store" in v or b"private" in v)
            ):
                self.wanted = False  # already encoded, or meant for one visitor: never replayed
            elif name not in self.SKIPPED:
                self.headers.append((name, v))

    def body(self, message: Message) -> None:
        if not self.wanted:
            return
        chunk: bytes = message.get("body", b"")
        self.size += len(chunk)
        if self.size > MAX_PAGE_BYTES // 16:
            self.wanted, self.chunks = False, []
            return
        self.chunks.append(chunk)
        self.done = not message.get("more_body", False)

    def page(self) -> CachedPage | None:
        if not (self.wanted and self.done and self.media_type):
            return None
        return CachedPage.of(b"".join(self.chunks), self.media_type, self.headers)


async def _send_cached(
    send: Callable[[Message], Awaitable[None]],
    page: CachedPage,
    validators: list[tuple[bytes, bytes]],
    headers: dict[str, str],
    head: bool,
) -> None:
    use_gzip = page.is_gzip and "gzip" in headers.get("accept-encoding", "")
    body = page.data if use_gzip or not page.is_gzip else page.body
    out = [
        (b"content-type", page.media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *page.headers,
        *validators,
    ]
    if page.is_gzip:
        out.append((b"vary", b"accept-encoding"))
    if use_gzip:
        out.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": 200, "headers": out})
    await send({"type": "http.response.body", "body": b"" if head else body})
