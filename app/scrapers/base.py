"""Polite async fetching: robots.txt, one request at a time per host, retries, size and type limits, and the
limits a hostile server meets: redirects checked hop by hop, forbidden addresses, a total deadline per request,
decoded-size caps, capped Crawl-delay and Retry-After."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from app.config import CrawlSettings
from app.scrapers.decoding import ACCEPT_ENCODING, BoundedDecoder, EncodingError
from app.scrapers.netguard import ForbiddenAddress, GuardedBackend, SitePolicy, networks_of

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# error kinds that speak for the whole source: it is left alone for the rest of the run
SKIP_KINDS = frozenset({"crawl-delay", "retry-after"})
GONE_STATUSES = frozenset({404, 410})
HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class FetchResult:
    """What one GET gave: a body, 'not modified', 'gone', or an error kind with a French message."""

    url: str
    final_url: str | None = None
    status: int | None = None
    body: bytes = b""
    charset: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    gone: bool = False
    truncated: bool = False
    error_kind: str | None = (
        None  # timeout | connection | http-500 | too-large | not-html | robots | redirects
    )
    #                                | redirect-refused | off-site | forbidden-address | encoding | crawl-delay ...
    error_message: str | None = None
    attempts: int = 0
    retry_after: float | None = None  # seconds the server asked us to wait
    location: str | None = None  # a redirect's target, followed by Fetcher.fetch after its checks

    @property
    def ok(self) -> bool:
        return self.error_kind is None and not self.gone and not self.not_modified


class HostGate(Protocol):
    """Politeness across processes: a host's turn is taken before a request and given back after it."""

    async def enter(self, host: str, delay: float) -> None: ...

    def leave(self, host: str, wait: float) -> None: ...


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: Protego | None = None
    robots_denied: bool = False  # robots.txt unreachable (5xx): RFC 9309 says assume everything disallowed
    robots_loaded: bool = False
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    blocked: FetchResult | None = None  # the host asked for more than our caps: every fetch answers this


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse Retry-After given as seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """One shared HTTP client for a crawl; use as an async context manager."""

    def __init__(self, user_agent: str, config: CrawlSettings) -> None:
        self.config = config
        self.user_agent = user_agent
        c = self.config
        limits = httpx.Limits(max_connections=c.concurrency, max_keepalive_connections=c.concurrency)
        # no proxy from the environment: the address check below must see the real destination
        transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
        pool = transport._pool  # httpx has no public hook for httpcore's network backend
        self.guard = GuardedBackend(pool._network_backend, networks_of(c.allowed_networks))
        pool._network_backend = self.guard
        self.client = httpx.AsyncClient(
            headers={
                "User-Agent": user_agent,
                "Accept-Language": "fr-FR,fr;q=0.9",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            timeout=httpx.Timeout(c.read_timeout, connect=c.connect_timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )
        self._sem = asyncio.Semaphore(c.concurrency)
        self._hosts: dict[str, _Host] = {}
        self.gate: HostGate | None = None  # set when several processes crawl one database (PostgreSQL)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        return key, self._hosts.setdefault(key, _Host())

    async def robots(self, url: str, delay: float) -> _Host:
        """Load the host's robots.txt once per crawl."""
        key, host = self._host(url)
        async with host.robots_lock:
            if not host.robots_loaded:
                res = await self._robots_txt(key + "/robots.txt", host, delay)
                if res.status is not None and 200 <= res.status < 300 and not res.error_kind:
                    host.robots = Protego.parse(res.body.decode("utf-8", errors="replace"))
                elif (
                    res.status is not None
                    and res.status >= 500
                    or res.error_kind in ("timeout", "connection")
                ):
                    host.robots_denied = True
                    log.warning("robots.txt unreachable host=%s error=%s", key, res.error_kind or res.status)
                host.robots_loaded = True
        return host

    async def _robots_txt(self, url: str, host: _Host, delay: float) -> FetchResult:
        """GET robots.txt, following redirects on the same host name only (http -> https, a trailing path)."""
        name = urlsplit(url).hostname
        for _ in range(self.config.max_redirects + 1):
            res = await self._get(url, host, delay, expect="any", max_bytes=ROBOTS_MAX_BYTES)
            if res.location is None:
                return res
            url = urljoin(url, res.location)
            if urlsplit(url).scheme not in ("http", "https") or urlsplit(url).hostname != name:
                break
        return FetchResult(
            url, status=404
        )  # RFC 9309: an unreachable-by-redirect robots.txt allows everything

    def allow(self, site: SitePolicy) -> None:
        """Let the addresses a source lists literally be reached, even private ones: the source lives there."""
        self.guard.addresses |= site.addresses()

    async def robots_sitemaps(self, url: str, delay: float) -> list[str]:
        """The Sitemap: lines of the host's robots.txt (`url`: a source's own homepage)."""
        self.allow(SitePolicy.of([url]))
        host = await self.robots(url, delay)
        return list(host.robots.sitemaps) if host.robots is not None else []

    async def fetch(
        self,
        url: str,
        *,
        delay: float,
        expect: str = "html",
        etag: str | None = None,
        last_modified: str | None = None,
        site: SitePolicy | None = None,
    ) -> FetchResult:
        """GET a URL politely: robots.txt, per-host delay (or Crawl-delay), conditional headers, retries.

        Redirects are followed here, hop by hop: each target must be on the source's site (`site`, by default
        the site of `url`), is checked before any lookup or connection, and obeys its own host's robots.txt.
        The result's final_url is the URL that was allowed and answered."""
        site = site or SitePolicy.of([url])
        self.allow(site)
        first = url
        for hop in range(self.config.max_redirects + 1):
            refusal = site.refusal(url)
            if refusal:
                kind = "redirect-refused" if hop else "off-site"
                message = f"redirection refusée : {refusal}" if hop else refusal
                return FetchResult(first, final_url=url, error_kind=kind, error_message=message)
            res = await self._hop(
                url, delay, expect, etag if hop == 0 else None, last_modified if hop == 0 else None
            )
            res.url = first
            if res.location is None:
                return res
            url = urljoin(url, res.location)
        return FetchResult(first, error_kind="redirects", error_message="trop de redirections")

    async def _hop(
        self, url: str, delay: float, expect: str, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        host = await self.robots(url, delay)
        if host.blocked is not None:
            return FetchResult(
                url, error_kind=host.blocked.error_kind, error_message=host.blocked.error_message
            )
        if host.robots_denied:
            return FetchResult(
                url, error_kind="robots", error_message="robots.txt injoignable : exploration suspendue"
            )
        if host.robots is not None:
            if not host.robots.can_fetch(url, self.user_agent):
                return FetchResult(
                    url, final_url=url, error_kind="robots", error_message="interdit par robots.txt"
                )
            crawl_delay = host.robots.crawl_delay(self.user_agent)
            if crawl_delay and self.config.delay_override is None:
                if float(crawl_delay) > self.config.max_crawl_delay:
                    host.blocked = FetchResult(
                        url,
                        error_kind="crawl-delay",
                        error_message=(
                            f"robots.txt demande un Crawl-delay de {float(crawl_delay):g} s, au-delà du plafond de "
                            f"{self.config.max_crawl_delay:g} s : source ignorée pour ce passage"
                        ),
                    )
                    return FetchResult(
                        url, error_kind="crawl-delay", error_message=host.blocked.error_message
                    )
                delay = max(delay, float(crawl_delay))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        res = await self._get(url, host, delay, expect=expect, headers=headers)
        if res.error_kind in SKIP_KINDS:
            host.blocked = res
        return res

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        c = self.config
        if retry_after is not None:
            return min(c.backoff_cap, retry_after)
        # exponential backoff with jitter so that many clients do not retry in step
        return min(c.backoff_cap, c.backoff_base * 2.0**attempt) * random.uniform(0.5, 1.0)

    async def _get(
        self,
        url: str,
        host: _Host,
        delay: float,
        *,
        expect: str,
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        if self.config.delay_override is not None:
            delay = self.config.delay_override
        key = self._host(url)[0]
        attempt = 0
        while True:
            async with host.lock:
                wait = host.next_at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if self.gate is not None:
                    await self.gate.enter(key, delay)  # the host's turn among every crawl process
                res: FetchResult | None = None
                pause: float | None = None
                try:
                    async with self._sem:
                        res = await self._once(url, expect, headers or {}, max_bytes or self.config.max_bytes)
                    pause = self._retry_pause(res, attempt)
                finally:
                    # the whole host waits: a 429 or a Retry-After speaks for the site, not for one URL
                    after = max(delay, pause or 0.0)
                    host.next_at = time.monotonic() + after
                    if self.gate is not None:
                        self.gate.leave(key, after)
            assert res is not None  # set, or the exception went on
            res.attempts = attempt + 1
            if pause is None:
                return self._final(res, attempt)
            log.info(
                "retry url=%s attempt=%d wait=%.2fs reason=%s",
                url,
                attempt + 1,
                pause,
                res.status or res.error_kind,
            )
            attempt += 1

    def _retry_pause(self, res: FetchResult, attempt: int) -> float | None:
        """How long the host waits before this request is tried again; None: no new try."""
        if (
            res.error_kind == "retry"
            and res.retry_after is not None
            and res.retry_after > self.config.max_retry_after
        ):
            return None
        if res.error_kind not in ("retry", "timeout", "connection") or attempt >= self.config.max_retries:
            return None
        return self._backoff(attempt, res.retry_after)

    def _final(self, res: FetchResult, attempt: int) -> FetchResult:
        """The result of the last try, its error spelled out."""
        if (
            res.error_kind == "retry"
            and res.retry_after is not None
            and res.retry_after > self.config.max_retry_after
        ):
            res.error_kind = "retry-after"
            res.error_message = (
                f"HTTP {res.status} avec Retry-After de {res.retry_after:g} s, au-delà du plafond "
                f"de {self.config.max_retry_after:g} s : source ignorée pour ce passage"
            )
        elif res.error_kind == "retry":
            res.error_kind = f"http-{res.status}"
            res.error_message = f"HTTP {res.status} après {attempt + 1} tentatives"
        return res

    async def _once(self, url: str, expect: str, headers: dict[str, str], max_bytes: int) -> FetchResult:
        deadline = self.config.request_deadline
        try:
            # a total deadline: a server sending one byte per second never trips the per-read timeout
            async with asyncio.timeout(deadline), self.client.stream("GET", url, headers=headers) as resp:
                return await self._read(url, resp, expect, max_bytes)
        except TimeoutError:
            return FetchResult(
                url, error_kind="timeout", error_message=f"délai total dépassé ({deadline:g} s)"
            )
        except ForbiddenAddress as exc:
            return FetchResult(url, error_kind="forbidden-address", error_message=str(exc)[:300])
        except httpx.TimeoutException as exc:
            return FetchResult(
                url, error_kind="timeout", error_message=f"délai dépassé ({type(exc).__name__})"
            )
        except (httpx.TransportError, OSError) as exc:
            return FetchResult(
                url, error_kind="connection", error_message=f"erreur de connexion : {exc!r}"[:300]
            )
        except httpx.HTTPError as exc:
            return FetchResult(url, error_kind="http-error", error_message=f"erreur HTTP : {exc!r}"[:300])

    async def _read(self, url: str, resp: httpx.Response, expect: str, max_bytes: int) -> FetchResult:
        ctype = resp.headers.get("content-type", "")
        res = FetchResult(
            url,
            final_url=str(resp.url),
            status=resp.status_code,
            content_type=ctype or None,
            charset=resp.charset_encoding,
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
        )
        status = resp.status_code
        if status == 304:
            res.not_modified = True
            return res
        if status in REDIRECT_STATUSES and resp.headers.get("location"):
            res.location = resp.headers["location"].strip()
            return res
        if status in GONE_STATUSES:
            res.gone = True
            res.error_message = f"HTTP {status} : page disparue"
            return res
        if status in RETRY_STATUSES:
            res.error_kind = "retry"
            res.retry_after = retry_after_seconds(resp.headers.get("retry-after"))
            return res
        if status >= 400:
            res.error_kind = f"http-{status}"
            res.error_message = f"HTTP {status}"
            return res
        mime = ctype.split(";")[0].strip().lower()
        if expect == "html" and mime and mime not in HTML_TYPES:
            res.error_kind = "not-html"
            res.error_message = f"type de contenu ignoré : {mime}"
            return res
        try:
            decoder = BoundedDecoder(resp.headers.get("content-encoding"))
            chunks, size = await self._body(resp, decoder, max_bytes)
        except EncodingError as exc:
            res.error_kind, res.error_message = "encoding", str(exc)
            return res
        if size > max_bytes:
            # reading stopped: the rest of a huge body is never downloaded nor decoded
            res.truncated = True
            res.error_kind = "too-large"
            res.error_message = f"réponse coupée à {max_bytes // (1024 * 1024)} Mo (trop volumineuse)"
        res.body = b"".join(chunks)[:max_bytes]
        return res

    @staticmethod
    async def _body(resp: httpx.Response, decoder: BoundedDecoder, max_bytes: int) -> tuple[list[bytes], int]:
        """The decoded body, read until it ends or passes max_bytes (decoded and on the wire)."""
        chunks: list[bytes] = []
        size = wire = 0
        async for raw in resp.aiter_raw():
            wire += len(raw)
            for piece in decoder.feed(raw):
                chunks.append(piece)
                size += len(piece)
                if size > max_bytes:
                    return chunks, size
            if wire > max_bytes:
                return chunks, max_bytes + 1
        for piece in decoder.feed(b""):
            chunks.append(piece)
            size += len(piece)
            if size > max_bytes:
                break
        return chunks, size
