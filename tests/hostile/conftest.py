"""Hostile-server fixtures: a guard that keeps every connection on loopback, and a bounded crawl.

The guard wraps socket.connect and getaddrinfo for the whole test: a connection to an address off loopback,
or the resolution of any name but localhost, is refused and recorded. A scenario that redirects the crawler
to 169.254.169.254 passes only when the crawler itself refused before connecting (`escapes` stays empty).
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.config import CrawlSettings
from app.scrapers.base import Fetcher
from app.scrapers.registry import SourceConfig
from app.services.crawl import Crawler, CrawlOptions
from app.services.crawl_state import SourceReport
from app.services.extraction_pool import ExtractionPool
from tests.crawl.conftest import pool  # noqa: F401  (the session-wide extraction pool)

UA = "VeilleIA-test/1.0"
# Short limits so that each scenario ends in seconds; the caps are what the scenarios push against.
CONFIG = dict(
    connect_timeout=1.0,
    read_timeout=3.0,
    max_retries=1,
    backoff_base=0.01,
    backoff_cap=1.0,
    request_deadline=2.0,
    max_crawl_delay=5.0,
    max_retry_after=5.0,
    source_budget=60.0,
)


def _loopback(host: object) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def escapes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Connections and lookups that would have left loopback (refused, never made)."""
    attempts: list[str] = []
    real_connect, real_connect_ex, real_gai = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def check(sock: socket.socket, address: object) -> None:
        if (
            sock.family in (socket.AF_INET, socket.AF_INET6)
            and isinstance(address, tuple)
            and not _loopback(address[0])
        ):
            attempts.append(f"connect {address[0]}")
            raise ConnectionRefusedError(
                errno.ECONNREFUSED, "refusé par le garde des tests (hors boucle locale)"
            )

    def connect(sock: socket.socket, address: object) -> None:
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: object) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host: object, *args: object, **kw: object) -> list:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in (None, "localhost") and not _loopback(name):
            try:
                ipaddress.ip_address(str(name))
            except ValueError:
                attempts.append(f"resolve {name}")
                raise socket.gaierror(
                    socket.EAI_NONAME, "résolution refusée par le garde des tests"
                ) from None
        return real_gai(host, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts


def config(**overrides: object) -> CrawlSettings:
    return CrawlSettings(**{**CONFIG, **overrides})  # type: ignore[arg-type]


def bounded_crawl(
    factory: sessionmaker[Session],
    pool: ExtractionPool,  # noqa: F811
    sources: list[SourceConfig],
    options: CrawlOptions | None = None,
    cfg: CrawlSettings | None = None,
    limit: float = 20.0,
) -> list[SourceReport]:
    """Run a crawl; a crawl still running after `limit` seconds fails the scenario (it would never end)."""

    async def go() -> list[SourceReport]:
        async with Fetcher(UA, cfg or config()) as fetcher:
            crawler = Crawler(factory, fetcher, pool, options or CrawlOptions())
            try:
                return await asyncio.wait_for(crawler.run(sources), limit)
            except TimeoutError:
                raise AssertionError(f"la collecte tourne encore après {limit:.0f} s") from None

    return asyncio.run(go())
