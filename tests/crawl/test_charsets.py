"""Charsets through the crawler: the HTTP header's charset is a declaration like any other (issue 11)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from tests.crawl.conftest import crawl, sources_of
from tests.fakesite import FakeSite, Resp, rss
from tests.realpages import TITLE, page

LATIN1_TITLE = TITLE.replace("’", "'")

# path -> (Content-Type charset, how the body is encoded, expected title)
CASES = {
    "/a/utf16-annonce.html": ("utf-16", "utf-8", TITLE),  # used to be dropped as "no-title"
    "/a/utf16-bom.html": ("utf-16", "utf-16", TITLE),  # used to be dropped as "binary"
    "/a/latin1-annonce-utf8.html": ("utf-8", "latin-1", LATIN1_TITLE),  # used to be stored garbled
    "/a/utf8-annonce-latin1.html": ("iso-8859-1", "utf-8", TITLE),  # mojibake: "DÃ©jÃ -vu"
}


def test_header_charsets_that_do_not_fit_the_body(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        for path, (declared, encoding, _title) in CASES.items():
            html = page(path.rsplit("/", 1)[1], canonical=site.url + path).replace(
                '<meta charset="utf-8">', ""
            )
            body = (html.replace("’", "'") if encoding == "latin-1" else html).encode(encoding)
            site.routes[path] = Resp(body=body, headers={"Content-Type": f"text/html; charset={declared}"})
        site.routes["/feed.xml"] = rss(site.url, [(p, "Tue, 10 Jun 2025 15:05:00 +0000") for p in CASES])
        toml = f'[[sources]]\nname = "charsets"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
        [rep] = crawl(session_factory, pool, sources_of(toml))
        assert rep.errors == 0 and rep.stored == len(CASES), rep
    with session_factory() as s:
        titles = {a.url.removeprefix(site.url): a for a in s.scalars(select(Article))}
    for path, (_declared, _encoding, title) in CASES.items():
        assert titles[path].title == title
        assert "déjà-vu" in titles[path].text and "accentués" in titles[path].text
