"""The polite fetcher against real local servers: robots, delays, validators, retries, limits."""

from __future__ import annotations

import asyncio
import email.utils
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.config import CrawlSettings
from app.scrapers.base import Fetcher, FetchResult, retry_after_seconds
from tests.fakesite import FakeSite, Resp, html

UA = "VeilleIA-test/1.0 (+https://github.com/veille-ia/veille-ia)"
FAST = dict(connect_timeout=1.0, read_timeout=0.5, max_retries=2, backoff_base=0.01, backoff_cap=3.0)
ARTICLE = "<html><head><title>t</title></head><body><p>Bonjour</p></body></html>"


def fetch(url: str, delay: float = 0.0, config: CrawlSettings | None = None, **kw: object) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(UA, config or CrawlSettings(**FAST)) as f:
            return await f.fetch(url, delay=delay, **kw)  # type: ignore[arg-type]

    return asyncio.run(go())


def test_plain_page_sends_user_agent_and_reads_charset() -> None:
    with FakeSite({"/p": html(ARTICLE, charset="iso-8859-1", ETag='"v1"')}) as site:
        res = fetch(site.url + "/p")
    assert res.ok and res.status == 200 and res.charset == "iso-8859-1" and res.etag == '"v1"'
    assert site.hits_for("/p")[0].headers["user-agent"] == UA
    assert site.hits_for("/robots.txt"), "robots.txt is read before the first page"


def test_robots_disallow_is_obeyed() -> None:
    robots = Resp(body=b"User-agent: *\nDisallow: /prive/\n", headers={"Content-Type": "text/plain"})
    with FakeSite({"/robots.txt": robots, "/prive/a": html(ARTICLE)}) as site:
        res = fetch(site.url + "/prive/a")
    assert res.error_kind == "robots" and "robots.txt" in (res.error_message or "")
    assert not site.hits_for("/prive/a")


def test_robots_unreachable_suspends_the_host() -> None:
    with FakeSite({"/robots.txt": Resp(500), "/a": html(ARTICLE)}) as site:
        res = fetch(site.url + "/a", config=CrawlSettings(**{**FAST, "max_retries": 0}))
    assert res.error_kind == "robots" and not site.hits_for("/a")


def test_crawl_delay_and_one_request_at_a_time_per_host() -> None:
    robots = Resp(body=b"User-agent: *\nCrawl-delay: 0.3\n", headers={"Content-Type": "text/plain"})
    routes = {
        "/robots.txt": robots,
        **{
            f"/p{i}": Resp(body=b"<p>x</p>", headers={"Content-Type": "text/html"}, delay=0.05)
            for i in range(4)
        },
    }

    async def go() -> list[FetchResult]:
        async with Fetcher(UA, CrawlSettings(**FAST)) as f:
            return await asyncio.gather(*(f.fetch(f"{site.url}/p{i}", delay=0) for i in range(4)))

    with FakeSite(routes) as site:
        results = asyncio.run(go())
    assert all(r.ok for r in results)
    pages = sorted((h for h in site.hits if h.path.startswith("/p")), key=lambda h: h.start)
    for before, after in zip(pages, pages[1:], strict=False):
        assert after.start >= before.end, "two requests to one host overlapped"
        assert after.start - before.end >= 0.29, "Crawl-delay not honoured"


def test_source_delay_applies_between_requests() -> None:
    async def go() -> None:
        async with Fetcher(UA, CrawlSettings(**FAST)) as f:
            for i in range(3):
                await f.fetch(f"{site.url}/p{i}", delay=0.2)

    with FakeSite({f"/p{i}": html(ARTICLE) for i in range(3)}) as site:
        asyncio.run(go())
    starts = [h.start for h in site.hits if h.path.startswith("/p")]
    assert all(b - a >= 0.19 for a, b in zip(starts, starts[1:], strict=False))


def test_etag_and_last_modified_give_304() -> None:
    def route(headers: dict[str, str]) -> Resp:
        if (
            headers.get("if-none-match") == '"v1"'
            or headers.get("if-modified-since") == "Tue, 10 Jun 2025 10:00:00 GMT"
        ):
            return Resp(304)
        return html(ARTICLE, ETag='"v1"', **{"Last-Modified": "Tue, 10 Jun 2025 10:00:00 GMT"})

    with FakeSite({"/p": route}) as site:
        first = fetch(site.url + "/p")
        again = fetch(site.url + "/p", etag=first.etag)
        by_date = fetch(site.url + "/p", last_modified=first.last_modified)
    assert first.ok and again.not_modified and by_date.not_modified and not again.ok


def test_429_with_retry_after_seconds_then_success() -> None:
    seq = [Resp(429, headers={"Retry-After": "1"}), html(ARTICLE)]
    with FakeSite({"/p": seq}) as site:
        res = fetch(site.url + "/p")
    hits = site.hits_for("/p")
    assert res.ok and res.attempts == 2 and len(hits) == 2
    assert hits[1].start - hits[0].start >= 0.95


def test_retry_after_as_http_date() -> None:
    now = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
    stamp = email.utils.format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(stamp, now) == pytest.approx(30)
    assert retry_after_seconds("12") == 12 and retry_after_seconds("demain") is None
    soon = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=1), usegmt=True)
    with FakeSite({"/p": [Resp(503, headers={"Retry-After": soon}), html(ARTICLE)]}) as site:
        res = fetch(site.url + "/p")
    assert res.ok and res.attempts == 2


def test_retry_after_wait_is_capped() -> None:
    cfg = CrawlSettings(**{**FAST, "backoff_cap": 0.2, "max_retry_after": 100})
    with FakeSite({"/p": [Resp(429, headers={"Retry-After": "90"}), html(ARTICLE)]}) as site:
        t0 = time.monotonic()
        res = fetch(site.url + "/p", config=cfg)
    assert res.ok and time.monotonic() - t0 < 5


def test_retry_after_beyond_its_cap_leaves_the_host_alone() -> None:
    cfg = CrawlSettings(**{**FAST, "max_retry_after": 100})
    with FakeSite({"/p": Resp(429, headers={"Retry-After": "3600"}), "/q": html(ARTICLE)}) as site:
        res = fetch(site.url + "/p", config=cfg)
        assert res.error_kind == "retry-after" and "3600 s" in (res.error_message or "") and res.attempts == 1
        assert len(site.hits_for("/p")) == 1


def test_retries_give_up_after_the_limit() -> None:
    with FakeSite({"/p": Resp(502)}) as site:
        res = fetch(site.url + "/p")
    assert res.error_kind == "http-502" and res.attempts == 3 and len(site.hits_for("/p")) == 3


def test_500_is_not_retried_within_a_run() -> None:
    with FakeSite({"/p": [Resp(500), html(ARTICLE)]}) as site:
        res = fetch(site.url + "/p")
    assert res.error_kind == "http-500" and len(site.hits_for("/p")) == 1


def test_404_and_410_are_gone() -> None:
    with FakeSite({"/old": Resp(410)}) as site:
        assert fetch(site.url + "/old").gone
        assert fetch(site.url + "/missing").gone


def test_redirect_loop_is_stopped() -> None:
    loop = {"/a": Resp(302, headers={"Location": "/b"}), "/b": Resp(302, headers={"Location": "/a"})}
    with FakeSite(loop) as site:
        res = fetch(site.url + "/a")
    assert res.error_kind == "redirects"
    assert len(site.hits_for("/a")) + len(site.hits_for("/b")) <= 7


def test_redirect_is_followed_to_final_url() -> None:
    with FakeSite({"/old": Resp(301, headers={"Location": "/new"}), "/new": html(ARTICLE)}) as site:
        res = fetch(site.url + "/old")
    assert res.ok and res.final_url == site.url + "/new"


def test_slow_response_times_out() -> None:
    cfg = CrawlSettings(**{**FAST, "read_timeout": 0.3, "max_retries": 1})
    with FakeSite(
        {"/lent": Resp(body=b"<p>x</p>", headers={"Content-Type": "text/html"}, delay=1.5)}
    ) as site:
        t0 = time.monotonic()
        res = fetch(site.url + "/lent", config=cfg)
    assert res.error_kind == "timeout" and res.attempts == 2
    assert time.monotonic() - t0 < 2.5


def test_connection_refused_is_a_connection_error() -> None:
    with FakeSite() as site:
        url = site.url
    res = fetch(url + "/p", config=CrawlSettings(**{**FAST, "max_retries": 1}))
    assert res.error_kind in ("robots", "connection")  # robots.txt unreachable suspends the host first


def test_twenty_megabyte_body_is_cut_at_five() -> None:
    big = Resp(body=b"<html><body>" + b"x" * (20 * 1024 * 1024), headers={"Content-Type": "text/html"})
    with FakeSite({"/gros": big}) as site:
        res = fetch(site.url + "/gros")
    assert res.truncated and res.error_kind == "too-large" and "5 Mo" in (res.error_message or "")
    assert len(res.body) == 5 * 1024 * 1024


def test_non_html_is_skipped() -> None:
    pdf = Resp(body=b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"})
    with FakeSite({"/doc.pdf": pdf}) as site:
        res = fetch(site.url + "/doc.pdf")
    assert res.error_kind == "not-html" and "application/pdf" in (res.error_message or "")


def test_gzip_body_is_decoded() -> None:
    resp = html("<html><body><p>Compressé</p></body></html>")
    resp.gzip = True
    with FakeSite({"/z": resp}) as site:
        res = fetch(site.url + "/z")
    assert res.ok and "Compressé".encode() in res.body
    assert "gzip" in site.hits_for("/z")[0].headers.get("accept-encoding", "")
