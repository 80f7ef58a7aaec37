"""rel=canonical: accepted only on the fetched page's own site; never rewrites another source's article."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article, Source
from app.scrapers.registry import parse_sources
from tests.hostile.conftest import bounded_crawl
from tests.hostile.server import Hostile, text
from tests.pagegen import article_page, feed


def site_source(name: str, site: Hostile) -> list:
    return parse_sources(
        f'[[sources]]\nname = "{name}"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\n'
        "delay = 0\n"
    )


def serve(site: Hostile, page: bytes) -> None:
    site.routes.update(
        {
            "/robots.txt": text("User-agent: *\n"),
            "/feed.xml": text(feed(site.url, 1), "application/rss+xml"),
            "/a/0.html": text(page, "text/html"),
        }
    )


def test_canonical_to_another_sources_article_changes_nothing(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with Hostile(host="127.0.0.2") as victim, Hostile() as attacker:
        serve(victim, article_page(0, victim.url))
        [ok] = bounded_crawl(session_factory, pool, site_source("victime", victim))
        assert ok.stored == 1
        with session_factory() as s:
            before = s.scalars(select(Article)).one()
            title, body, source_id = before.title, before.text, before.source_id
        # the attacker's page is another article, whose canonical link names the victim's URL
        serve(attacker, article_page(5, victim.url).replace(b"/a/5.html", b"/a/0.html"))
        [rep] = bounded_crawl(session_factory, pool, site_source("attaquant", attacker))
    with session_factory() as s:
        victim_row = s.scalars(select(Article).where(Article.url == victim.url + "/a/0.html")).one()
        assert (victim_row.title, victim_row.text, victim_row.source_id) == (title, body, source_id)
        mine = s.scalars(select(Article).join(Source).where(Source.slug == "attaquant")).all()
    assert [a.url for a in mine] == [attacker.url + "/a/0.html"] and rep.stored == 1


def test_canonical_to_another_site_is_replaced_by_the_fetched_url(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as site:
        serve(site, article_page(0, "https://ailleurs.example"))
        [rep] = bounded_crawl(session_factory, pool, site_source("seul", site))
    with session_factory() as s:
        assert list(s.scalars(select(Article.url))) == [site.url + "/a/0.html"] and rep.stored == 1
