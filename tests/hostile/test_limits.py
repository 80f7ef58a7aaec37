"""Crawls that would never end: huge Crawl-delay, huge Retry-After, a site slower than the source's budget."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.scrapers.registry import parse_sources
from app.services.source_health import source_health
from tests.fakesite import Resp
from tests.hostile.conftest import bounded_crawl, config
from tests.hostile.server import Hostile, text
from tests.pagegen import article_page, feed


def site(srv: Hostile, n: int = 3, robots: str = "User-agent: *\n", delay: float = 0.0) -> list:
    srv.routes.update(
        {"/robots.txt": text(robots), "/feed.xml": text(feed(srv.url, n), "application/rss+xml")}
    )
    for i in range(n):
        srv.routes[f"/a/{i}.html"] = Resp(
            body=article_page(i, srv.url), headers={"Content-Type": "text/html"}, delay=delay
        )
    return parse_sources(
        f'[[sources]]\nname = "lent"\nhomepage = "{srv.url}/"\nfeeds = ["{srv.url}/feed.xml"]\ndelay = 0\n'
    )


def alerts(factory: sessionmaker[Session]) -> str:
    with factory() as s:
        [item] = source_health(s).items
    return " | ".join(item.alerts)


def test_huge_crawl_delay_skips_the_source_with_a_reason(
    session_factory: sessionmaker[Session],
    pool,  # type: ignore[no-untyped-def]
    client: TestClient,
) -> None:
    with Hostile() as srv:
        sources = site(srv, robots="User-agent: *\nCrawl-delay: 999999\n")
        t0 = time.monotonic()
        [rep] = bounded_crawl(session_factory, pool, sources)
        assert time.monotonic() - t0 < 10
        assert len(srv.hits_for("/feed.xml")) <= 1 and not [p for p in srv.paths() if p.startswith("/a/")]
    assert "Crawl-delay" in alerts(session_factory) and "999999" in alerts(session_factory)
    page = client.get("/sources").text
    assert "Crawl-delay de 999999 s" in page and "source ignorée pour ce passage" in page
    assert client.get("/api/sources").json()["items"][0]["stop_reason"].startswith("robots.txt demande")


def test_huge_retry_after_skips_the_source_with_a_reason(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as srv:
        sources = site(srv)
        for i in range(3):
            srv.routes[f"/a/{i}.html"] = Resp(429, b"", {"Retry-After": "999999"})
        t0 = time.monotonic()
        bounded_crawl(session_factory, pool, sources, cfg=config(backoff_cap=120.0, max_retries=3))
        assert time.monotonic() - t0 < 10
        assert len([p for p in srv.paths() if p.startswith("/a/")]) == 1, "the source was not left alone"
    assert "Retry-After" in alerts(session_factory)


def test_a_source_stops_at_its_time_budget(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as srv:
        sources = site(srv, n=20, delay=0.4)
        t0 = time.monotonic()
        [rep] = bounded_crawl(session_factory, pool, sources, cfg=config(source_budget=2.0))
        took = time.monotonic() - t0
    assert took < 6 and 0 < rep.stored < 20, (took, rep)
    assert "budget" in alerts(session_factory)
