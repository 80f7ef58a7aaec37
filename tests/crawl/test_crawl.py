"""Crawls of fake French sites on 127.0.0.1 through the real fetcher, process pool and database."""

from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article, CrawlRun, FetchState, Source
from app.services.crawl import CrawlOptions
from tests.crawl.conftest import crawl, sources_of
from tests.fakesite import FakeSite, Resp, atom, page, rss

PAGES = {
    "/actualites/panne-chatgpt.html": "panne-chatgpt.html",
    "/actualites/claude-nouveau-modele.html": "claude-modele.html",
    "/actualites/velo-cargo.html": "velo.html",
}
DATES = [
    "Tue, 10 Jun 2025 15:05:00 +0000",
    "Wed, 11 Jun 2025 07:40:00 +0000",
    "Thu, 12 Jun 2025 06:00:00 +0000",
]


def octet_site(site: FakeSite, etags: bool = True) -> None:
    """An RSS site with three pages (two AI, one not), ETags on everything, and a robots.txt."""
    base = site.url
    site.routes["/robots.txt"] = Resp(
        body=b"User-agent: *\nDisallow: /admin/\n", headers={"Content-Type": "text/plain"}
    )
    feed = rss(base, list(zip(PAGES, DATES, strict=True)) + [("/admin/brouillon.html", DATES[0])])
    for path, name in PAGES.items():
        resp = page(name, base, ETag=f'"{name}"') if etags else page(name, base)
        site.routes[path] = _conditional(resp)
    site.routes["/feed.xml"] = _conditional(
        Resp(body=feed.body, headers={**feed.headers, "ETag": '"feed-1"'})
    )


def _conditional(resp: Resp):  # type: ignore[no-untyped-def]
    def route(headers: dict[str, str]) -> Resp:
        if "ETag" in resp.headers and headers.get("if-none-match") == resp.headers["ETag"]:
            return Resp(304, headers={"ETag": resp.headers["ETag"]})
        return resp

    return route


def toml(site: FakeSite, name: str = "octet", feeds: str = "/feed.xml", extra: str = "") -> str:
    return (
        f'[[sources]]\nname = "{name}"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}{feeds}"]\ndelay = 0\n'
        + extra
    )


def test_rss_site_is_crawled_then_not_refetched(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        octet_site(site)
        [rep] = crawl(session_factory, pool, sources_of(toml(site)))
        assert (rep.discovered, rep.fetched, rep.stored, rep.skipped, rep.errors) == (4, 3, 2, 1, 1)
        assert rep.errors_by_kind == {"robots": 1} and rep.feed_ok is True
        assert (rep.with_text, rep.with_date, rep.with_author) == (3, 3, 3)
        with session_factory() as s:
            titles = set(s.scalars(select(Article.title)))
            assert titles == {
                "ChatGPT en panne pendant trois heures ce mardi",
                "Anthropic dévoile une nouvelle version de Claude",
            }
            src = s.scalars(select(Source).where(Source.slug == "octet")).one()
            assert s.scalar(select(func.count()).where(Article.source_id == src.id)) == 2
            states = dict(
                s.execute(select(FetchState.url, FetchState.state).where(FetchState.kind == "page")).all()
            )
            assert states[site.url + "/admin/brouillon.html"] == "gone"
            assert states[site.url + "/actualites/velo-cargo.html"] == "done"
            feed_state = s.scalars(select(FetchState).where(FetchState.kind == "feed")).one()
            assert feed_state.etag == '"feed-1"'
            run = s.scalars(select(CrawlRun)).one()
            assert run.finished_at is not None and run.stored == 2 and run.fetched == 3
        page_hits = len([h for h in site.hits if h.path.startswith("/actualites/")])

        [again] = crawl(session_factory, pool, sources_of(toml(site)))
        assert again.fetched == 0 and again.stored == 0 and again.discovered == 0
        assert len([h for h in site.hits if h.path.startswith("/actualites/")]) == page_hits, (
            "stored pages refetched"
        )
        assert site.hits_for("/feed.xml")[-1].headers.get("if-none-match") == '"feed-1"'

        [fresh] = crawl(session_factory, pool, sources_of(toml(site)), CrawlOptions(refresh=True))
        # the feed answered 304, so --refresh has no listing to refresh from: nothing is refetched
        assert fresh.fetched == 0


def test_refresh_sends_validators_and_counts_unchanged(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        octet_site(site)
        crawl(session_factory, pool, sources_of(toml(site)))
        site.routes["/feed.xml"] = rss(site.url, list(zip(PAGES, DATES, strict=True)))  # no ETag: always 200
        [rep] = crawl(session_factory, pool, sources_of(toml(site)), CrawlOptions(refresh=True))
        assert rep.unchanged == 3 and rep.fetched == 0 and rep.stored == 0
        last = site.hits_for("/actualites/panne-chatgpt.html")[-1]
        assert last.headers.get("if-none-match") == '"panne-chatgpt.html"'


def test_refresh_without_validators_reextracts_unchanged(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        octet_site(site, etags=False)
        site.routes["/feed.xml"] = rss(site.url, list(zip(PAGES, DATES, strict=True)))
        crawl(session_factory, pool, sources_of(toml(site)))
        [rep] = crawl(session_factory, pool, sources_of(toml(site)), CrawlOptions(refresh=True))
        assert rep.fetched == 3 and rep.unchanged == 2 and rep.skipped == 1 and rep.stored == 0


def test_atom_feed_gzip_windows_1252_and_500_then_success(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        base = site.url
        gem = page("gemini-cp1252.html", base)
        mis = page("mistral-le-chat.html", base)
        mis.gzip = True
        site.routes.update(
            {
                "/atom.xml": atom(
                    base,
                    [
                        ("/actualites/gemini-perturbations.html", "2025-06-13T09:00:00Z"),
                        ("/actualites/mistral-le-chat-memoire.html", "2025-06-12T12:15:00Z"),
                    ],
                ),
                "/actualites/gemini-perturbations.html": [Resp(500), gem],
                "/actualites/mistral-le-chat-memoire.html": mis,
            }
        )
        [rep] = crawl(session_factory, pool, sources_of(toml(site, feeds="/atom.xml")))
        assert rep.stored == 1 and rep.errors_by_kind == {"http-500": 1}
        with session_factory() as s:
            st = s.scalars(select(FetchState).where(FetchState.url.like("%gemini%"))).one()
            assert st.state == "error" and st.attempts == 1
        [rep2] = crawl(session_factory, pool, sources_of(toml(site, feeds="/atom.xml")))
        assert rep2.fetched == 1 and rep2.stored == 1 and rep2.errors == 0
        with session_factory() as s:
            art = s.scalars(select(Article).where(Article.url.like("%gemini%"))).one()
            assert art.title == "Gemini perturbé : Google reconnaît des lenteurs"
            assert art.author == "Élodie Caron" and "d’intelligence artificielle" in art.text


def test_failing_source_does_not_stop_the_others(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as good, FakeSite() as bad:
        octet_site(good)
        bad.routes["/robots.txt"] = Resp(404)
        bad.routes["/feed.xml"] = Resp(
            200, b"<html><body>Maintenance</body></html>", {"Content-Type": "text/html"}
        )
        bad.routes["/gone.xml"] = Resp(404)
        text = toml(good) + toml(bad, name="cassé") + toml(bad, name="disparu", feeds="/gone.xml")
        reports = {r.name: r for r in crawl(session_factory, pool, sources_of(text))}
    assert reports["octet"].stored == 2
    assert reports["cassé"].feed_ok is False and reports["cassé"].errors_by_kind == {"feed-unreadable": 1}
    assert reports["disparu"].feed_ok is False and reports["disparu"].errors_by_kind == {"feed-gone": 1}


def test_sitemaps_from_robots_since_and_max_pages(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        base = site.url
        site.routes["/robots.txt"] = Resp(body=f"User-agent: *\nSitemap: {base}/sitemap-index.xml\n".encode())
        site.routes["/sitemap-index.xml"] = Resp(
            body=(
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{base}/sitemap-1.xml</loc></sitemap></sitemapindex>"
            ).encode()
        )
        urls = "".join(
            f"<url><loc>{base}{p}</loc><lastmod>{d}</lastmod></url>"
            for p, d in [
                ("/actualites/panne-chatgpt.html", "2025-06-10"),
                ("/actualites/claude-nouveau-modele.html", "2025-06-11"),
                ("/actualites/mistral-le-chat-memoire.html", "2025-06-12"),
                ("/actualites/vieux.html", "2024-01-05"),
                ("/tag/ia/", "2025-06-12"),
            ]
        )
        site.routes["/sitemap-1.xml"] = Resp(
            body=(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
        )
        for path, name in [
            ("/actualites/panne-chatgpt.html", "panne-chatgpt.html"),
            ("/actualites/claude-nouveau-modele.html", "claude-modele.html"),
            ("/actualites/mistral-le-chat-memoire.html", "mistral-le-chat.html"),
        ]:
            site.routes[path] = page(name, base)
        text = (
            f'[[sources]]\nname = "plan"\nhomepage = "{base}/"\nfeeds = []\nsitemaps_from_robots = true\n'
            f"delay = 0\nurl_pattern = '/actualites/[^/]+\\.html$'\n"
        )
        opts = CrawlOptions(max_pages=2, since=date(2025, 1, 1))
        [rep] = crawl(session_factory, pool, sources_of(text), opts)
        assert rep.discovered == 3 and rep.fetched == 2 and rep.stored == 2 and rep.feed_ok is None
        assert not site.hits_for("/actualites/vieux.html") and not site.hits_for("/tag/ia/")
        [rep2] = crawl(session_factory, pool, sources_of(text), opts)
        assert rep2.fetched == 1 and rep2.stored == 1  # the page left over by --max-pages


def test_too_large_and_non_html_pages_are_reported(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        base = site.url
        site.routes["/feed.xml"] = rss(
            base, [("/gros.html", DATES[0]), ("/doc.pdf", DATES[0]), ("/lent.html", DATES[0])]
        )
        site.routes["/gros.html"] = Resp(
            body=b"<html>" + b"a" * (20 * 1024 * 1024), headers={"Content-Type": "text/html"}
        )
        site.routes["/doc.pdf"] = Resp(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
        site.routes["/lent.html"] = Resp(body=b"<p>x</p>", headers={"Content-Type": "text/html"}, delay=2.5)
        [rep] = crawl(session_factory, pool, sources_of(toml(site)))
    assert rep.errors_by_kind == {"too-large": 1, "not-html": 1, "timeout": 1}
    with session_factory() as s:
        states = dict(
            s.execute(select(FetchState.url, FetchState.state).where(FetchState.kind == "page")).all()
        )
    assert states == {base + "/gros.html": "gone", base + "/doc.pdf": "gone", base + "/lent.html": "error"}


def test_a_site_first_stored_by_ingest_keeps_one_source_row(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    from app.search.base import ArticleQuery
    from app.services.ingest import ingest_bytes
    from app.services.search import search_articles
    from tests.fakesite import page as fake_page

    with FakeSite() as site:
        octet_site(site)
        with session_factory() as s:  # `veille ingest` of one page of the site, before any crawl
            raw = fake_page("panne-chatgpt.html", site.url).body
            assert ingest_bytes(s, raw, url=site.url + "/actualites/panne-chatgpt.html").status == "stored"
            s.commit()
            assert s.scalars(select(Source.slug)).all() == ["127-0-0-1"]
        crawl(session_factory, pool, sources_of(toml(site)))
        with session_factory() as s:
            assert s.scalars(select(Source.slug).where(Source.domain == "127.0.0.1")).all() == ["octet"]
            assert s.scalar(select(func.count()).select_from(Article)) == 2
            found = search_articles(s, ArticleQuery(source="octet"))
            assert found.total == 2  # the ingested article is filed (and indexed) under the crawled source
            assert [f.slug for f in found.facets.sources] == ["octet"]


def test_since_is_a_day_in_paris() -> None:
    """`--since` counts days as a French reader does, whatever zone a page declares its time in."""
    from datetime import datetime, timedelta, timezone

    from app.services.crawl import paris_midnight

    start = paris_midnight(date(2025, 1, 1))
    late_utc = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 in Paris on 1 January: kept
    early_asia = datetime(2025, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=5)))  # 21:00 in Paris on 31 Dec
    assert not late_utc < start and early_asia < start
    summer = paris_midnight(date(2025, 7, 1))
    assert summer == datetime(2025, 6, 30, 22, 0, tzinfo=UTC)
