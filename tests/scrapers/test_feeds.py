"""Discovery parsers: RSS 2.0, Atom, sitemaps and sitemap indexes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.scrapers.feeds import FeedError, parse_feed, parse_sitemap
from tests.fakesite import atom, rss

BASE = "http://127.0.0.1:9"


def test_rss_entries_with_dates() -> None:
    body = rss(BASE, [("/a/un.html", "Tue, 10 Jun 2025 15:05:00 +0200"), ("/a/deux.html", "")]).body
    found = parse_feed(body, BASE + "/feed.xml")
    assert [d.url for d in found] == [BASE + "/a/un.html", BASE + "/a/deux.html"]
    assert found[0].published_at == datetime(2025, 6, 10, 13, 5, tzinfo=UTC)
    assert found[1].published_at is None


def test_atom_entries() -> None:
    found = parse_feed(atom(BASE, [("/b/trois.html", "2025-06-11T08:00:00Z")]).body, BASE + "/atom.xml")
    assert [d.url for d in found] == [BASE + "/b/trois.html"]
    assert found[0].published_at == datetime(2025, 6, 11, 8, 0, tzinfo=UTC)


def test_relative_links_are_resolved() -> None:
    xml = b'<rss version="2.0"><channel><title>t</title><item><link>/a/rel.html</link></item></channel></rss>'
    assert parse_feed(xml, BASE + "/feed/")[0].url == BASE + "/a/rel.html"


def test_html_instead_of_a_feed_is_an_error() -> None:
    with pytest.raises(FeedError, match="flux illisible"):
        parse_feed(b"<html><body><p>Maintenance</p></body></html>", BASE)


def test_sitemap_and_index() -> None:
    urlset = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://x.fr/a.html</loc><lastmod>2025-06-01</lastmod></url>"
        b"<url><loc> http://x.fr/b.html </loc></url></urlset>"
    )
    pages, children = parse_sitemap(urlset)
    assert [p.url for p in pages] == ["http://x.fr/a.html", "http://x.fr/b.html"] and children == []
    assert pages[0].published_at is not None and pages[0].published_at.date().isoformat() == "2025-06-01"
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://x.fr/sm-1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_sitemap(index) == ([], ["http://x.fr/sm-1.xml"])
    with pytest.raises(FeedError, match="sitemap illisible"):
        parse_sitemap(b"<urlset><url><loc>")
    with pytest.raises(FeedError, match="racine inattendu"):
        parse_sitemap(b"<html><body/></html>")
