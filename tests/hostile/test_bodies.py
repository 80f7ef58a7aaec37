"""Bodies that attack: compression bombs, stacked encodings, headers and bodies at one byte per half second."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from functools import cache

import pytest

from app.config import CrawlSettings
from app.scrapers.base import Fetcher, FetchResult
from tests.hostile.conftest import UA, config
from tests.hostile.server import Bomb, Hostile, drip_body, drip_headers, encoded, gzip_of, text

PAGE = b"<html><head><title>Essai</title></head><body><p>Un texte court.</p></body></html>"


def fetch(url: str, cfg: CrawlSettings | None = None, limit: float = 20.0) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(UA, cfg or config()) as f:
            try:
                return await asyncio.wait_for(f.fetch(url, delay=0), limit)
            except TimeoutError:
                raise AssertionError(f"la requête tourne encore après {limit:.0f} s") from None

    return asyncio.run(go())


@cache
def bomb() -> bytes:
    return Bomb(256 << 20, layers=2).build()  # 256 MiB of zeros in about a kilobyte


def test_stacked_gzip_bomb_is_cut_as_it_is_decoded() -> None:
    assert len(bomb()) < 4096
    with Hostile({"/bombe.html": encoded(bomb(), "gzip, gzip")}) as site:
        tracemalloc.start()
        try:
            res = fetch(site.url + "/bombe.html", config(max_bytes=1 << 20))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert res.error_kind == "too-large" and len(res.body) <= 1 << 20
    assert peak < 24 << 20, f"{peak / 2**20:.0f} MiB allocated to read a body capped at 1 MiB"


def test_three_stacked_encodings_are_refused() -> None:
    body = gzip_of(lambda: [gzip_of(lambda: [gzip_of(lambda: [PAGE])])])
    with Hostile({"/triple.html": encoded(body, "gzip, gzip, gzip")}) as site:
        res = fetch(site.url + "/triple.html")
    assert not res.ok and res.error_kind == "encoding" and "encodages" in (res.error_message or "")


def test_unknown_encoding_is_refused() -> None:
    with Hostile({"/x.html": encoded(PAGE, "x-inconnu")}) as site:
        res = fetch(site.url + "/x.html")
    assert not res.ok and res.error_kind == "encoding"


def test_two_gzip_layers_of_a_normal_page_still_read() -> None:
    body = gzip_of(lambda: [gzip_of(lambda: [PAGE])])
    with Hostile({"/double.html": encoded(body, "gzip, gzip")}) as site:
        res = fetch(site.url + "/double.html")
    assert res.ok and res.body == PAGE


@pytest.mark.parametrize("route", [drip_headers(0.5), drip_body(0.5)], ids=["slow-headers", "slow-body"])
def test_a_trickle_is_stopped_by_the_request_deadline(route) -> None:  # type: ignore[no-untyped-def]
    with Hostile({"/robots.txt": text("User-agent: *\n"), "/lent.html": route}) as site:
        t0 = time.monotonic()
        res = fetch(site.url + "/lent.html", config(request_deadline=2.0, max_retries=0))
        took = time.monotonic() - t0
    assert res.error_kind == "timeout" and took < 8, (res, took)
