"""--refresh re-checks every known page with a conditional GET, whatever the feed says, and resumes after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from app.scrapers.registry import parse_sources
from app.services.crawl import CrawlOptions
from tests.conftest import ROOT
from tests.crawl.test_cli import count, env_for, veille
from tests.fakesite import FakeSite, Resp
from tests.hostile.conftest import bounded_crawl
from tests.pagegen import article_page, feed

MARK = "Mise à jour du soir : le service répond de nouveau normalement."


def revised(i: int, base: str) -> bytes:
    return article_page(i, base).replace(b"</article>", f"<p>{MARK}</p></article>".encode(), 1)


def conditional(body: bytes, etag: str):  # type: ignore[no-untyped-def]
    def route(headers: dict[str, str]) -> Resp:
        if headers.get("if-none-match") == etag:
            return Resp(304, headers={"ETag": etag})
        return Resp(body=body, headers={"Content-Type": "text/html", "ETag": etag})

    return route


def test_refresh_checks_every_page_even_when_the_feed_answers_304(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        site.routes["/robots.txt"] = Resp(body=b"User-agent: *\n", headers={"Content-Type": "text/plain"})
        site.routes["/feed.xml"] = conditional(feed(site.url, 3), '"flux"')
        for i in range(3):
            site.routes[f"/a/{i}.html"] = conditional(article_page(i, site.url), f'"v1-{i}"')
        sources = parse_sources(
            f'[[sources]]\nname = "r"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
        )
        bounded_crawl(session_factory, pool, sources)
        site.routes["/a/1.html"] = conditional(revised(1, site.url), '"v2-1"')
        [rep] = bounded_crawl(session_factory, pool, sources, CrawlOptions(refresh=True))
        assert site.hits_for("/feed.xml")[-1].headers.get("if-none-match") == '"flux"'  # the feed said 304
        for i in range(3):
            hits = site.hits_for(f"/a/{i}.html")
            assert len(hits) == 2 and hits[-1].headers.get("if-none-match") == f'"v1-{i}"'
    assert rep.updated == 1 and rep.unchanged == 2
    with session_factory() as s:
        assert MARK in s.scalars(select(Article.text).where(Article.url == site.url + "/a/1.html")).one()


def test_killed_refresh_resumes_where_it_stopped(tmp_path: Path) -> None:
    n = 12
    db = tmp_path / "crawl.db"
    with FakeSite() as site:
        site.routes["/robots.txt"] = Resp(body=b"User-agent: *\n", headers={"Content-Type": "text/plain"})
        site.routes["/feed.xml"] = Resp(
            body=feed(site.url, n), headers={"Content-Type": "application/rss+xml"}
        )
        for i in range(n):
            site.routes[f"/a/{i}.html"] = Resp(
                body=article_page(i, site.url), headers={"Content-Type": "text/html"}
            )
        env = env_for(tmp_path, site)
        assert veille(env).returncode == 0 and count(db, "SELECT count(*) FROM article") == n
        for i in range(n):  # every page changed, and the site became slow
            site.routes[f"/a/{i}.html"] = Resp(
                body=revised(i, site.url), headers={"Content-Type": "text/html"}, delay=0.3
            )
        mark = len(site.hits)
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl", "--refresh"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        fresh = f"SELECT count(*) FROM article WHERE text LIKE '%{MARK[:20]}%'"
        deadline = time.monotonic() + 60
        while count(db, fresh) < 4:
            assert time.monotonic() < deadline and child.poll() is None, "refresh did not progress"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        refreshed_before = count(db, fresh)
        assert 4 <= refreshed_before < n
        out = veille(env)  # the next run, whatever its options, finishes the refresh
        assert out.returncode == 0, out.stderr
        after = [h.path for h in site.hits[mark:] if h.path.startswith("/a/")]
    assert count(db, fresh) == n, "pages kept their stale text"
    # only the pages in flight at the kill are fetched twice
    assert len(after) - n <= len(set(after)) - refreshed_before + 2 and set(after) == {
        f"/a/{i}.html" for i in range(n)
    }
