"""Parser input: a body is data, never a path or a URL, and a deeply nested body is an error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from protego import Protego
from sqlalchemy.orm import Session, sessionmaker

from app.scrapers.feeds import FeedError, parse_feed, parse_sitemap
from app.scrapers.registry import parse_sources
from app.scrapers.statuspage import StatusPageError, parse_status
from tests.hostile.conftest import bounded_crawl
from tests.hostile.server import Hostile, text
from tests.pagegen import article_page, feed


def test_a_feed_body_naming_a_local_file_is_not_opened(
    session_factory: sessionmaker[Session],
    pool,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with Hostile() as site:
        planted = tmp_path / "flux-local.xml"
        planted.write_bytes(feed(site.url, 1))  # a feed that only the file system can serve
        site.routes.update(
            {
                "/robots.txt": text("User-agent: *\n"),
                "/feed.xml": text(str(planted).encode(), "application/rss+xml"),
                "/a/0.html": text(article_page(0, site.url), "text/html"),
            }
        )
        [rep] = bounded_crawl(
            session_factory,
            pool,
            parse_sources(
                f'[[sources]]\nname = "chemin"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
            ),
        )
        assert site.hits_for("/a/0.html") == [], "the feed body was read as a file path"
    assert rep.feed_ok is False and rep.errors_by_kind.get("feed-unreadable") == 1


@pytest.mark.parametrize(
    "body", [b"/etc/passwd", b"/dev/zero", b"file:///etc/passwd", b"http://127.0.0.1:9/x"]
)
def test_parse_feed_reads_its_argument_as_data(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, "http://127.0.0.1/")


@pytest.mark.parametrize("body", [b"/etc/passwd", b"/dev/zero", b"http://127.0.0.1:9/sitemap.xml"])
def test_sitemap_robots_and_status_read_their_argument_as_data(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_sitemap(body)
    with pytest.raises(StatusPageError):
        parse_status(body, "statuspage-v2")
    assert Protego.parse(body.decode()).can_fetch("http://127.0.0.1/a", "x")


@pytest.mark.parametrize("body", [b"[" * 200_000, b'{"incidents": ' * 100_000])
def test_deeply_nested_status_json_is_unreadable_not_a_crash(
    session_factory: sessionmaker[Session],
    pool,  # type: ignore[no-untyped-def]
    body: bytes,
) -> None:
    with Hostile({"/api/v2/incidents.json": text(body, "application/json")}) as site:
        [rep] = bounded_crawl(
            session_factory,
            pool,
            parse_sources(
                f'[[sources]]\nname = "statut"\nkind = "statuspage"\nurl = "{site.url}/api/v2/incidents.json"\n'
                f'format = "statuspage-v2"\ndelay = 0\n'
            ),
        )
    assert rep.fatal is None and rep.errors_by_kind == {"status-unreadable": 1}


def test_deeply_nested_sitemap_is_unreadable() -> None:
    with pytest.raises(FeedError):
        parse_sitemap(b"<urlset>" + b"<url>" * 300_000)
