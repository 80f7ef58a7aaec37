"""Discovery: article URLs from RSS/Atom feeds (feedparser) and XML sitemaps."""

from __future__ import annotations

import calendar
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree

from app.analysis.dates import parse_iso_datetime

log = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 2


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message is French."""


@dataclass(frozen=True)
class Discovered:
    """An article URL found in a feed or sitemap, with the date the listing gives (if any)."""

    url: str
    published_at: datetime | None = None


def parse_feed(raw: bytes, base_url: str) -> list[Discovered]:
    """Entries of an RSS 2.0 or Atom feed, in feed order."""
    # A stream, never the bytes themselves: feedparser tries open() on a bytes argument first, so a body
    # reading "/etc/passwd" would be read from our own disk.
    parsed = feedparser.parse(io.BytesIO(raw))
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"flux illisible (ni RSS ni Atom){f' : {reason}' if reason else ''}")
    found: list[Discovered] = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None
        )
        if not link:
            continue
        # dict.get skips feedparser's deprecated updated->published key mapping
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        when = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        found.append(Discovered(urljoin(base_url, link.strip()), when))
    return found


_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_sitemap(raw: bytes) -> tuple[list[Discovered], list[str]]:
    """A sitemap's page URLs (with lastmod), and the child sitemaps of a sitemap index."""
    # bytes are parsed as a document (fromstring never opens a path); no entities, no network, default depth limit
    try:
        root = etree.fromstring(
            raw, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        )
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"sitemap illisible : {exc}") from exc
    tag = etree.QName(root).localname
    pages: list[Discovered] = []
    children: list[str] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = next(
            (
                c.text.strip()
                for c in node
                if isinstance(c.tag, str) and etree.QName(c).localname == "loc" and c.text
            ),
            None,
        )
        if not loc:
            continue
        if tag == "sitemapindex":
            children.append(loc)
            continue
        lastmod = next(
            (c.text for c in node if isinstance(c.tag, str) and etree.QName(c).localname == "lastmod"), None
        )
        pages.append(Discovered(loc, parse_iso_datetime(lastmod.strip()) if lastmod else None))
    if tag not in ("urlset", "sitemapindex"):
        raise FeedError(f"sitemap illisible : élément racine inattendu <{tag}>")
    return pages, children
