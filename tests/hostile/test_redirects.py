"""Redirects: every hop stays on the source's site, never reaches a forbidden address, obeys robots.txt."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article, FetchState
from app.scrapers.registry import parse_sources
from tests.hostile.conftest import bounded_crawl, config
from tests.hostile.server import Hostile, redirect, text
from tests.pagegen import article_page, feed

ROBOTS = text("User-agent: *\nAllow: /\n")


def source(home: str, feeds: list[str], sitemaps: list[str] | None = None, name: str = "hostile") -> list:
    lines = [
        f'[[sources]]\nname = "{name}"\nhomepage = "{home}/"\ndelay = 0',
        "feeds = [" + ", ".join(f'"{f}"' for f in feeds) + "]",
    ]
    if sitemaps:
        lines.append("sitemaps = [" + ", ".join(f'"{s}"' for s in sitemaps) + "]")
    return parse_sources("\n".join(lines) + "\n")


def one_page_site(site: Hostile, location: str) -> None:
    """A feed listing /a/0.html, which redirects to `location`."""
    site.routes.update(
        {
            "/robots.txt": ROBOTS,
            "/feed.xml": text(feed(site.url, 1), "application/rss+xml"),
            "/a/0.html": redirect(location),
        }
    )


def articles(factory: sessionmaker[Session]) -> list[str]:
    with factory() as s:
        return list(s.scalars(select(Article.url)))


def page_error(factory: sessionmaker[Session], url: str) -> str:
    with factory() as s:
        st = s.scalars(select(FetchState).where(FetchState.url == url)).one()
        return f"{st.state}: {st.error}"


def _redirect_elsewhere(factory: sessionmaker[Session], pool, target_host: str) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as site, Hostile(host=target_host) as other:
        other.routes.update(
            {"/robots.txt": ROBOTS, "/a/0.html": text(article_page(0, other.url), "text/html")}
        )
        one_page_site(site, other.url + "/a/0.html")
        [rep] = bounded_crawl(factory, pool, source(site.url, [site.url + "/feed.xml"]))
        assert other.paths() == [], f"the crawler reached {target_host}"
    assert articles(factory) == []
    assert rep.errors == 1 and "redirection" in page_error(factory, site.url + "/a/0.html")


def test_redirect_to_another_loopback_address_is_refused(session_factory, pool) -> None:  # type: ignore[no-untyped-def]
    _redirect_elsewhere(session_factory, pool, "127.0.0.2")


def test_redirect_to_ipv6_loopback_is_refused(session_factory, pool) -> None:  # type: ignore[no-untyped-def]
    _redirect_elsewhere(session_factory, pool, "::1")


def _redirect_off_loopback(factory: sessionmaker[Session], pool, location: str, escapes: list[str]) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as site:
        one_page_site(site, location)
        [rep] = bounded_crawl(factory, pool, source(site.url, [site.url + "/feed.xml"]))
    assert escapes == [], "the crawler tried to connect or resolve before refusing"
    assert articles(factory) == [] and rep.errors == 1
    assert "redirection" in page_error(factory, site.url + "/a/0.html")


def test_redirect_to_cloud_metadata_is_refused_before_connecting(session_factory, pool, escapes) -> None:  # type: ignore[no-untyped-def]
    _redirect_off_loopback(session_factory, pool, "http://169.254.169.254/latest/meta-data/", escapes)


def test_redirect_to_documentation_address_is_refused_before_connecting(
    session_factory, pool, escapes
) -> None:  # type: ignore[no-untyped-def]
    _redirect_off_loopback(session_factory, pool, "http://192.0.2.10/a/0.html", escapes)


def test_redirect_to_another_domain_is_refused_before_resolving(session_factory, pool, escapes) -> None:  # type: ignore[no-untyped-def]
    _redirect_off_loopback(session_factory, pool, "http://metadata.evil.example/a/0.html", escapes)


def test_redirect_to_a_file_url_is_refused(session_factory, pool, escapes) -> None:  # type: ignore[no-untyped-def]
    _redirect_off_loopback(session_factory, pool, "file:///etc/passwd", escapes)


def test_name_resolving_to_loopback_is_refused_at_connect_time(session_factory, pool) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding: a source declared by name whose name resolves to a private address is not reached."""
    with Hostile() as site:
        named = f"http://localhost:{site.port}"
        site.routes.update(
            {
                "/robots.txt": ROBOTS,
                "/feed.xml": text(feed(named, 1), "application/rss+xml"),
                "/a/0.html": text(article_page(0, named), "text/html"),
            }
        )
        [rep] = bounded_crawl(session_factory, pool, source(named, [named + "/feed.xml"]))
        assert site.paths() == [], "a name resolving to 127.0.0.1 was connected to"
        assert rep.feed_ok is False and any("address" in k or "adresse" in k for k in rep.errors_by_kind), rep
        # the setting that allows private addresses opens the same site
        [ok] = bounded_crawl(
            session_factory,
            pool,
            source(named, [named + "/feed.xml"]),
            cfg=config(allowed_networks=["127.0.0.0/8", "::1/128"]),
        )
    assert ok.stored == 1 and articles(session_factory) == [named + "/a/0.html"]


def test_redirect_target_robots_txt_is_obeyed(session_factory, pool) -> None:  # type: ignore[no-untyped-def]
    """A host the source lists may be redirected to, but its own robots.txt still rules."""
    with Hostile() as site, Hostile(host="127.0.0.2") as other:
        other.routes.update(
            {
                "/robots.txt": text("User-agent: *\nDisallow: /prive/\n"),
                "/sitemap.xml": text(
                    "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'/>", "application/xml"
                ),
                "/prive/0.html": text(article_page(0, other.url), "text/html"),
            }
        )
        one_page_site(site, other.url + "/prive/0.html")
        [rep] = bounded_crawl(
            session_factory,
            pool,
            source(site.url, [site.url + "/feed.xml"], sitemaps=[other.url + "/sitemap.xml"]),
        )
        assert other.hits_for("/prive/0.html") == []
    assert articles(session_factory) == [] and rep.errors_by_kind.get("robots") == 1


def test_redirect_on_the_site_stores_the_page_under_its_final_url(session_factory, pool) -> None:  # type: ignore[no-untyped-def]
    with Hostile() as site:
        site.routes.update(
            {
                "/robots.txt": ROBOTS,
                "/feed.xml": text(feed(site.url, 1), "application/rss+xml"),
                "/a/0.html": redirect("/b/0.html", 301),
                "/b/0.html": text(article_page(0, site.url).replace(b"/a/0.html", b"/b/0.html"), "text/html"),
            }
        )
        [rep] = bounded_crawl(session_factory, pool, source(site.url, [site.url + "/feed.xml"]))
    assert rep.stored == 1 and articles(session_factory) == [site.url + "/b/0.html"]
