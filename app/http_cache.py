"""HTTP caching keyed on the database's "last change" stamp.

The data only changes when a crawl or an ingest commits, so every read-only answer (pages, API, feeds,
exports) is a function of (code version, stamp, URL). The stamp is re-read at most once per `ttl` seconds,
which makes a conditional request (304) or a cached page cost no database work between crawls.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from app.models import Article, Incident, OfficialIncident

log = logging.getLogger(__name__)

CODE_VERSION = "pages-2"  # bump when templates change the bytes of an answer for the same data
# A new process may run new templates or a renamed gazetteer: its answers count as modified when it started.
STARTED_AT = datetime.now(UTC).replace(microsecond=0)
DEFAULT_TTL = 1.0  # seconds a stamp is trusted before the database is asked again
CACHED_PREFIXES = ("/api/", "/flux/", "/export/", "/entites", "/articles/", "/incidents/", "/recherche")
# answers that depend on tables the stamp does not read (alert deliveries change without any new data)
UNCACHED_PATHS = frozenset({"/api/alertes"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]


@dataclass(frozen=True)
class CachedPage:
    """A rendered answer kept until the data changes, with its gzip form made once."""

    body: bytes
    gzipped: bytes
    media_type: str = "text/html; charset=utf-8"

    @classmethod
    def of(cls, body: bytes, media_type: str = "text/html; charset=utf-8") -> CachedPage:
        return cls(body, gzip.compress(body, compresslevel=6, mtime=0), media_type)


@dataclass(frozen=True)
class Stamp:
    """What identifies one state of the data: a token for ETags and a time for Last-Modified."""

    token: str
    modified: datetime

    def etag(self, key: str) -> str:
        """A weak validator for one URL in this state of the data."""
        digest = hashlib.blake2b(f"{CODE_VERSION}|{self.token}|{key}".encode(), digest_size=12).hexdigest()
        return f'W/"{digest}"'

    @property
    def http_date(self) -> str:
        return format_datetime(self.modified, usegmt=True)


def read_stamp(engine: Engine) -> Stamp:
    """Max of the update times and row counts (deletions change counts) of the tables pages read."""
    parts: list[str] = []
    latest: datetime | None = None
    with engine.connect() as conn:
        for model in (Article, Incident, OfficialIncident):
            n, mx = conn.execute(select(func.count(), func.max(model.updated_at)).select_from(model)).one()
            parts.append(f"{n}:{mx}")
            if mx is not None:  # aware UTC: max() keeps the column's type (app.models.UTCDateTime)
                latest = mx if latest is None or mx > latest else latest
    modified = max((latest or STARTED_AT).astimezone(UTC).replace(microsecond=0), STARTED_AT)
    return Stamp(token="|".join([STARTED_AT.isoformat(), *parts]), modified=modified)


class StampKeeper:
    """The current stamp of one app, re-read at most every `ttl` seconds; rendered pages cached on it."""

    def __init__(self, ttl: float = DEFAULT_TTL, max_pages: int = 256) -> None:
        self.ttl = ttl
        self.max_pages = max_pages
        self._stamp: Stamp | None = None
        self._checked = 0.0
        self._refreshing = False
        self._first = asyncio.Lock()
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._memo: dict[str, Any] = {}

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
            stamp = await run_in_threadpool(read_stamp, engine)
        finally:
            self._refreshing = False
        if self._stamp is None or stamp.token != self._stamp.token:
            if self._stamp is not None:
                log.info(
                    "data changed, page cache cleared pages=%d modified=%s", len(self._pages), stamp.http_date
                )
            self._pages.clear()  # new data: every rendered page is stale
            self._memo.clear()
        self._stamp, self._checked = stamp, time.monotonic()

    def memo(self, name: str, token: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the data (e.g. filter choices), computed once per stamp."""
        if name in self._memo and self._stamp is not None and self._stamp.token == token:
            return self._memo[name]
        value = compute()
        if self._stamp is not None and self._stamp.token == token:
            self._memo[name] = value
        return value

    def page(self, key: str) -> CachedPage | None:
        """A rendered page for the current stamp, if any."""
        body = self._pages.get(key)
        if body is not None:
            self._pages.move_to_end(key)
        return body

    def keep_page(self, key: str, page: CachedPage, token: str) -> None:
        """Remember a page rendered for stamp `token` until the stamp changes (bounded LRU)."""
        if self._stamp is None or token != self._stamp.token:
            return  # the data changed while rendering: do not file an old page under the new stamp
        self._pages[key] = page
        if len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)


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
        return path == "/" or (path.startswith(self.prefixes) and path not in UNCACHED_PATHS)

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
        if cached is not None:
            # Served before routing: between crawls a cached page costs a dict lookup, not a FastAPI request.
            await _send_cached(send, cached, validators, headers, scope["method"] == "HEAD")
            return

        async def send_with_validators(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), *validators]
            await send(message)

        await self.app(scope, receive, send_with_validators)


async def _send_cached(
    send: Callable[[Message], Awaitable[None]],
    page: CachedPage,
    validators: list[tuple[bytes, bytes]],
    headers: dict[str, str],
    head: bool,
) -> None:
    use_gzip = "gzip" in headers.get("accept-encoding", "")
    body = page.gzipped if use_gzip else page.body
    out = [
        (b"content-type", page.media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"vary", b"accept-encoding"),
        *validators,
    ]
    if use_gzip:
        out.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": 200, "headers": out})
    await send({"type": "http.response.body", "body": b"" if head else body})
