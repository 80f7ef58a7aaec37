"""Crawl fixtures: one real extraction pool per session, a helper that runs a Crawler to completion."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.config import CrawlSettings
from app.scrapers.base import Fetcher
from app.scrapers.registry import SourceConfig, parse_sources
from app.services.crawl import Crawler, CrawlOptions
from app.services.crawl_state import SourceReport
from app.services.extraction_pool import ExtractionPool, make_pool

FAST = CrawlSettings(connect_timeout=1.0, read_timeout=1.0, max_retries=1, backoff_base=0.01, backoff_cap=1.0)


@pytest.fixture(scope="session")
def pool() -> Iterator[ExtractionPool]:
    p = make_pool(2)
    yield p
    p.shutdown(wait=True)


def sources_of(toml: str) -> list[SourceConfig]:
    return parse_sources(toml)


def crawl(
    factory: sessionmaker[Session],
    pool: ExtractionPool,
    sources: list[SourceConfig],
    options: CrawlOptions | None = None,
    config: CrawlSettings = FAST,
) -> list[SourceReport]:
    async def go() -> list[SourceReport]:
        async with Fetcher("VeilleIA-test/1.0", config) as fetcher:
            return await Crawler(factory, fetcher, pool, options or CrawlOptions()).run(sources)

    return asyncio.run(go())
