"""The answer cache of app/http_cache.py: every 200 under the stamp is kept (HTML, JSON, feeds), dropped when the
data changes, bounded in bytes and entries whatever visitors send; the values kept per data state follow too."""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path

import pytest

from app.db import make_engine, make_sessionmaker, unit_of_work
from app.http_cache import MAX_KEY_CHARS, CachedPage, Stamp, StampKeeper
from app.services.ingest import prepare, store

EXTRA = Path(__file__).resolve().parents[1] / "fixtures" / "pages_extra" / "copilot-panne-septembre.html"


def _ingest(settings) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(settings.db_url)
    with unit_of_work(make_sessionmaker(engine)) as session:
        assert store(session, prepare(EXTRA.read_bytes())).status == "stored"
    engine.dispose()


def _kept(client) -> dict[str, CachedPage]:  # type: ignore[no-untyped-def]
    return dict(client.app.state.stamps._pages)


@pytest.mark.parametrize(
    "path", ["/api/articles?q=copilot", "/api/entities", "/flux/pannes.json", "/api/incidents"]
)
def test_json_answers_are_kept_and_served_again_without_the_handler(site, path: str) -> None:
    client, _ = site
    first = client.get(path)
    assert first.status_code == 200
    assert path in _kept(client)
    again = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == first.headers["content-type"]
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.content == first.content and "content-encoding" not in plain.headers


def test_a_kept_answer_is_served_by_the_cache_not_the_route(site, monkeypatch) -> None:
    client, _ = site
    import app.routes.articles as articles

    calls = []
    real = articles.search_articles
    monkeypatch.setattr(articles, "search_articles", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(3):
        assert client.get("/api/articles?q=panne&per_page=5").status_code == 200
    assert len(calls) == 1


def test_forget_answers_makes_the_next_search_a_first_visit(site, monkeypatch) -> None:
    """What the search benchmark relies on to measure a search, not the cache."""
    client, _ = site
    calls = []
    assert client.get("/api/articles?q=panne").status_code == 200
    keeper = client.app.state.stamps
    assert _kept(client) and keeper._recalled
    keeper.forget_answers()
    assert not _kept(client) and not keeper._recalled and keeper.page_bytes == 0
    import app.routes.articles as articles

    inner = articles.search_articles
    monkeypatch.setattr(articles, "search_articles", lambda *a, **k: calls.append(a) or inner(*a, **k))
    again = client.get("/api/articles?q=panne")
    assert again.status_code == 200 and len(calls) == 1
    assert keeper._recalled  # the search was asked of the backend again and kept


def test_after_an_ingest_the_page_and_its_json_twin_both_change(site, settings) -> None:
    client, _ = site
    urls = ["/recherche?q=copilot", "/api/articles?q=copilot", "/api/entities", "/flux/pannes.json"]
    before = {u: client.get(u) for u in urls}
    assert "GitHub Copilot en panne" not in before["/recherche?q=copilot"].text
    _ingest(settings)
    after = {u: client.get(u) for u in urls}
    for u in urls:
        assert after[u].status_code == 200
        assert after[u].headers["etag"] != before[u].headers["etag"], u
        assert after[u].content != before[u].content, u
    assert "GitHub Copilot en panne" in after["/recherche?q=copilot"].text
    titles = [i["title"] for i in after["/api/articles?q=copilot"].json()["items"]]
    assert any("privés d'assistant" in t for t in titles)
    # the facets kept for that search were counted again too
    assert (
        after["/api/articles?q=copilot"].json()["facets"]
        != before["/api/articles?q=copilot"].json()["facets"]
    )


def test_a_kept_page_is_gzipped_when_served_again_and_identical(site) -> None:
    client, _ = site
    first = client.get("/recherche?q=panne")
    kept = _kept(client)["/recherche?q=panne"]
    assert not kept.is_gzip  # rendered pages are kept as they are until asked for again
    again = client.get("/recherche?q=panne", headers={"Accept-Encoding": "gzip"})
    assert again.headers["content-encoding"] == "gzip" and again.headers["vary"] == "accept-encoding"
    assert again.content == first.content  # (httpx unzips)
    assert _kept(client)["/recherche?q=panne"].is_gzip
    assert gzip.decompress(_kept(client)["/recherche?q=panne"].data) == first.content


def test_thousands_of_junk_query_strings_do_not_grow_the_cache_past_its_bounds(site) -> None:
    client, _ = site
    keeper = client.app.state.stamps
    keeper.max_pages, keeper.max_bytes = 50, 400_000
    for i in range(1500):
        r = client.get(f"/api/entities?junk{i}={'x' * (i % 40)}&n={i}")
        assert r.status_code == 200
        assert len(keeper._pages) <= 50 and keeper.page_bytes <= 400_000
    assert keeper.page_bytes == sum(p.size + len(k) for k, p in keeper._pages.items())
    # a URL past MAX_KEY_CHARS is answered and never kept
    long = "/api/entities?q=" + "a" * MAX_KEY_CHARS
    assert client.get(long).status_code == 200
    assert long not in keeper._pages


def test_errors_and_live_answers_are_not_kept(site) -> None:
    client, _ = site
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/api/articles?per_page=0").status_code == 422
    for path in ("/api/sources", "/sources"):
        r = client.get(path)
        assert r.status_code == 200 and "etag" not in r.headers  # crawl processes alive now: never frozen
    kept = _kept(client)
    assert not any(
        k.startswith(("/articles/999999", "/api/articles", "/api/sources", "/sources")) for k in kept
    )


def test_keeper_bounds_bytes_and_entries() -> None:
    keeper = StampKeeper(max_pages=10, max_bytes=20_000)
    keeper._stamp = Stamp("t", keeper_time())
    for i in range(100):
        keeper.keep_page(f"/p{i}", CachedPage.of(b"x" * 900), "t")
        assert len(keeper._pages) <= 10 and keeper.page_bytes <= 20_000
    keeper.keep_page("/huge", CachedPage.of(b"y" * 5_000), "t")  # more than a sixteenth of the budget
    assert keeper.page("/huge") is None
    keeper.keep_page("/old", CachedPage.of(b"z"), "other-token")  # rendered for an older state of the data
    assert keeper.page("/old") is None
    assert keeper.page("/p99") is not None and keeper.page("/p0") is None


def test_recall_is_bounded_and_follows_the_stamp() -> None:
    keeper = StampKeeper()
    keeper._stamp = Stamp("t", keeper_time())
    for i in range(50):
        assert keeper.recall("k", i, "t", lambda i=i: i * 2, limit=8) == i * 2
    assert len(keeper._recalled["k"]) == 8
    assert keeper.recall("k", 49, "t", lambda: "recomputed") == 98
    assert keeper.recall("k", 49, "stale", lambda: "fresh") == "fresh"  # another stamp: computed, not kept


def test_memo_is_computed_once_by_concurrent_threads() -> None:
    keeper = StampKeeper()
    keeper._stamp = Stamp("t", keeper_time())
    calls = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(keeper.memo("n", "t", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1


def keeper_time():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2025, 1, 1, tzinfo=UTC)


def test_concurrent_requests_for_one_url_render_it_once(site, monkeypatch) -> None:
    import asyncio

    import httpx

    import app.routes.articles as articles

    client, _ = site
    assert client.get("/healthz").status_code == 200
    calls = []
    real = articles.search_articles

    def slow(*a, **k):  # type: ignore[no-untyped-def]
        calls.append(1)
        time.sleep(0.2)
        return real(*a, **k)

    monkeypatch.setattr(articles, "search_articles", slow)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await asyncio.gather(*(c.get("/recherche?q=mistral") for _ in range(6)))

    answers = asyncio.run(burst())
    assert [r.status_code for r in answers] == [200] * 6
    assert len({r.content for r in answers}) == 1
    assert len(calls) == 1


def test_related_articles_are_the_same_from_kept_windows(site_data, settings) -> None:
    from app.services.articles import RELATED_WINDOW, article_detail, find_article, recent_links

    engine = make_engine(settings.db_url)
    kept: dict[int, list[int]] = {}
    with make_sessionmaker(engine)() as session:
        for article_id in site_data.articles.values():
            article = find_article(session, article_id)
            assert article is not None
            plain = article_detail(session, article)

            def window(eid: int) -> list[int]:
                return kept.setdefault(eid, recent_links(session, [eid], RELATED_WINDOW))

            assert article_detail(session, article, window) == plain
    engine.dispose()


@pytest.mark.parametrize("q", ["panne", "", "chatgpt", "openai panne", "zorglub"])
def test_search_pages_cut_from_the_kept_first_matches_are_the_direct_answers(site_data, settings, q) -> None:
    from app.search.base import ArticleQuery
    from app.services.search import search_articles

    engine = make_engine(settings.db_url)
    kept: dict[object, object] = {}

    def recall(key, compute):  # type: ignore[no-untyped-def]
        return kept[key] if key in kept else kept.setdefault(key, compute())

    with make_sessionmaker(engine)() as session:
        for sort in ("relevance", "date"):
            for per_page in (1, 2, 3, 100):
                for page in (1, 2, 3, 60):  # (page 60 of 2 lies past the kept first matches: asked alone)
                    aq = ArticleQuery(q=q, sort=sort, page=page, per_page=per_page)  # type: ignore[arg-type]
                    assert search_articles(session, aq, recall) == search_articles(session, aq), aq
    engine.dispose()
    assert any(k[0] == "first" for k in kept)  # type: ignore[index]


def test_the_entity_list_is_counted_at_start_up_and_again_after_new_data(site, settings) -> None:
    from app.services.entities import ENTITY_LIST

    client, _ = site
    keeper = client.app.state.stamps
    assert ENTITY_LIST in keeper._memo  # counted before the first visitor
    before = client.get("/api/entities").json()
    _ingest(settings)
    after = client.get("/api/entities").json()
    assert after != before


@pytest.mark.parametrize(
    "header",
    [
        (b"cache-control", b"no-store"),
        (b"cache-control", b"private, max-age=0"),
        (b"set-cookie", b"a=b"),
        (b"content-encoding", b"gzip"),
    ],
)
def test_answers_meant_for_one_visitor_or_already_encoded_are_not_kept(header) -> None:
    from app.http_cache import _Capture

    capture = _Capture()
    capture.start({"status": 200, "headers": [(b"content-type", b"application/json"), header]})
    capture.body({"body": b"{}", "more_body": False})
    assert capture.page() is None
    kept = _Capture()
    kept.start({"status": 200, "headers": [(b"content-type", b"application/json"), (b"x-a", b"1")]})
    kept.body({"body": b"{}", "more_body": False})
    page = kept.page()
    assert page is not None and page.headers == ((b"x-a", b"1"),) and page.body == b"{}"
