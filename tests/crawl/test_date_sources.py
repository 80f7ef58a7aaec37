"""/sources shows where each site's dates come from: dates suddenly read from URLs mean a new template."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.crawl.conftest import crawl, sources_of
from tests.fakesite import FakeSite, Resp, rss
from tests.realpages import page

META = '<meta property="article:published_time" content="2025-06-10T09:00:00+02:00">'


def test_sources_page_shows_the_share_of_each_date_source(
    session_factory: sessionmaker[Session],
    pool,  # type: ignore[no-untyped-def]
    client: TestClient,
) -> None:
    with FakeSite() as site:
        paths = {"/a/un.html": META, "/a/deux.html": META, "/2025/06/11/trois.html": ""}
        for path, head in paths.items():
            html = page(path.strip("/").replace("/", "-"), head=head, canonical=site.url + path)
            site.routes[path] = Resp(body=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
        site.routes["/feed.xml"] = rss(site.url, [(p, "Wed, 11 Jun 2025 08:00:00 +0000") for p in paths])
        toml = f'[[sources]]\nname = "Dates"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
        [rep] = crawl(session_factory, pool, sources_of(toml))
        assert rep.stored == 3, rep
    [item] = [s for s in client.get("/api/sources").json()["items"] if s["name"] == "Dates"]
    assert [(d["source"], d["count"], d["share"]) for d in item["date_sources"]] == [
        ("meta", 2, 0.667),
        ("url", 1, 0.333),
    ]
    html = client.get("/sources").text
    assert "Origine des dates" in html
    assert re.search(r"balises meta : 67\W%", html) and re.search(r"adresse \(URL\) : 33\W%", html)
