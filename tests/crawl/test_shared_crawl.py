"""Three `veille crawl` processes on one PostgreSQL database share a 600-page site spread over 20 hosts (issue 14).

Real subprocesses against real servers on 127.0.0.1 (one port per host, each with its politeness delay). One
crawler is SIGKILLed mid-run: the two others must take its leased pages over once its leases lapse. Checked:
every page stored once; no page fetched twice except those the dead process held; no host ever sees two
requests closer than its delay (the servers record every request's start and end); the takeover happens after
the dead process's leases lapse, not before. The figures are printed (pytest -s).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.models import Article
from app.services.incidents import cluster
from tests.conftest import ROOT
from tests.crawl.test_cli import site_with_pages
from tests.fakesite import FakeSite, Hit

pytestmark = pytest.mark.postgres

HOSTS = 20
PER_HOST = 30  # 600 pages
DELAY = 0.05  # seconds between two requests to one host
LEASE = 2.0  # VEILLE_CRAWL_LEASE_SECONDS: a dead process's pages go to the others after about this long
IN_FLIGHT = 0.25  # after the kill, what a server still reads is the victim's last request, not a takeover
CRAWLERS = 3


def scalar(engine: Engine, sql: str, **params: object) -> int:
    with engine.connect() as c:
        return int(c.execute(text(sql), params).scalar() or 0)


def start_crawler(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "app", "crawl"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the SIGKILL takes its extraction worker too
        )


def gaps(hits: list[Hit]) -> tuple[float, float]:
    """Smallest start-to-start and end-to-start gaps between consecutive requests to one host."""
    ordered = sorted(hits, key=lambda h: h.start)
    starts = [b.start - a.start for a, b in zip(ordered, ordered[1:], strict=False)]
    ends = [b.start - a.end for a, b in zip(ordered, ordered[1:], strict=False)]
    return min(starts), min(ends)


def test_three_crawlers_share_the_work_and_catch_up_a_killed_one(pg_url: str, tmp_path: Path) -> None:
    engine = make_engine(pg_url)
    with ExitStack() as stack:
        sites = [stack.enter_context(FakeSite()) for _ in range(HOSTS)]
        for site in sites:
            site_with_pages(site, PER_HOST)
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "".join(
                f'[[sources]]\nname = "hote-{k}"\nhomepage = "{s.url}/"\nfeeds = ["{s.url}/feed.xml"]\n'
                f"delay = {DELAY}\n"
                for k, s in enumerate(sites)
            ),
            encoding="utf-8",
        )
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            VEILLE_SOURCES_FILE=str(sources),
            VEILLE_DATABASE_URL=pg_url,
            VEILLE_DATA_DIR=str(tmp_path / "data"),
            VEILLE_CRAWL_WORKERS="1",  # three crawlers on two cores: one extraction process each
            VEILLE_CRAWL_LEASE_SECONDS=str(LEASE),
            VEILLE_CRAWL_CONNECT_TIMEOUT="2",
            VEILLE_CRAWL_READ_TIMEOUT="5",
            VEILLE_CRAWL_BACKOFF_BASE="0.01",
        )
        began = time.monotonic()
        crawlers = [start_crawler(env, tmp_path / f"crawl-{i}.log") for i in range(CRAWLERS)]
        stack.callback(lambda: [os.killpg(c.pid, signal.SIGKILL) for c in crawlers if c.poll() is None])
        victim = crawlers[0]

        # mid-run: every crawler registered and working, the victim holding pages
        deadline = time.monotonic() + 120
        while True:
            assert time.monotonic() < deadline, "the crawl did not progress"
            assert all(c.poll() is None for c in crawlers), "a crawler ended before the kill"
            stored = scalar(engine, "SELECT count(*) FROM article") if _migrated(engine) else 0
            held = _held_by(engine, victim.pid)
            if stored >= HOSTS * PER_HOST // 4 and held:
                break
            time.sleep(0.02)

        # /sources shows the live workers (in French) while they work
        with TestClient(create_app(Settings(database_url=pg_url, data_dir=tmp_path / "web"))) as client:
            workers = client.get("/api/sources").json()["workers"]
            page = client.get("/sources").text
        assert {w["pid"] for w in workers} == {c.pid for c in crawlers}
        assert all(w["crawling"] and w["seconds_since_heartbeat"] < 2 * LEASE for w in workers)
        assert "Processus de collecte en cours" in page and "Pages réservées" in page
        assert all(str(c.pid) in page for c in crawlers)

        os.killpg(victim.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        victim.wait(timeout=10)
        # pages it held when it died (claimed, fetched or not), and how long their leases had to run
        orphans, lapse = _orphans(engine, victim.pid)
        assert orphans

        for c in crawlers[1:]:
            assert c.wait(timeout=180) == 0, (tmp_path / f"crawl-{crawlers.index(c)}.log").read_text()
        wall = time.monotonic() - began

    # every page stored once, none left to do or held
    pages = HOSTS * PER_HOST
    assert scalar(engine, "SELECT count(*) FROM article") == pages, _not_stored(engine, tmp_path)
    assert scalar(engine, "SELECT count(DISTINCT url) FROM article") == pages
    assert scalar(engine, "SELECT count(*) FROM fetch_state WHERE kind = 'page' AND state = 'done'") == pages
    assert scalar(engine, "SELECT count(*) FROM fetch_state WHERE lease_owner IS NOT NULL") == 0
    # every source's pass finished; the survivors signed off, the victim did not
    assert scalar(engine, "SELECT count(*) FROM crawl_run WHERE finished_at IS NULL") == 0
    assert (
        scalar(engine, "SELECT count(DISTINCT source_id) FROM crawl_run WHERE discovered = :n", n=PER_HOST)
        == HOSTS
    )
    assert scalar(engine, "SELECT count(*) FROM crawl_worker WHERE stopped_at IS NOT NULL") == CRAWLERS - 1
    claimed = scalar(engine, "SELECT sum(pages_claimed) FROM crawl_worker")
    # incidents as one process would have grouped them: the grouping is a function of the outage articles
    with Session(engine) as session:
        outages = list(session.scalars(select(Article).where(Article.is_outage.is_(True))))
        expected = {frozenset(a.id for a in members) for members in cluster(outages)}
        stored: dict[int | None, set[int]] = {}
        for a in outages:
            stored.setdefault(a.incident_id, set()).add(a.id)
    assert None not in stored and len(expected) >= 3
    assert {frozenset(ids) for ids in stored.values()} == expected
    assert scalar(engine, "SELECT count(*) FROM incident") == len(expected)
    engine.dispose()

    page_hits = [(s.url, h) for s in sites for h in s.hits if h.path.startswith("/a/")]
    per_page = Counter(url + h.path for url, h in page_hits)
    assert len(per_page) == pages, "a page was never fetched"
    twice = {p for p, n in per_page.items() if n > 1}
    assert twice <= orphans, f"fetched twice without a dead holder: {sorted(twice - orphans)[:5]}"
    assert max(per_page.values()) <= 2

    # politeness across processes: robots.txt, feeds and pages alike
    smallest = [gaps(s.hits) for s in sites]
    min_start = min(g[0] for g in smallest)
    min_end = min(g[1] for g in smallest)
    assert min_start >= DELAY, f"two requests {min_start * 1000:.1f} ms apart on one host"
    assert min_end >= DELAY, f"a request {min_end * 1000:.1f} ms after the previous one ended"

    # the orphans went to the others only once the victim's leases lapsed, and not much later
    # (a request the victim had sent before the SIGKILL may reach the server a moment after it: the server read it
    # 0.4 ms after the kill in one CI run, then the connection was reset. No live crawler can take a page over
    # before its lease lapses, so what starts within IN_FLIGHT of the kill is the victim's own last request.)
    taken = sorted(
        h.start - killed_at
        for url, h in page_hits
        if url + h.path in orphans and h.start > killed_at + IN_FLIGHT
    )
    assert taken, "no page of the dead crawler was fetched again"
    takeover, caught_up = taken[0], taken[-1]
    assert lapse <= takeover <= LEASE + 15, (lapse, takeover)
    feeds = sum(len(s.hits_for("/feed.xml")) for s in sites)
    print(
        f"\n{CRAWLERS} crawlers, {pages} pages on {HOSTS} hosts, delay {DELAY * 1000:.0f} ms, lease {LEASE:g} s: "
        f"wall {wall:.1f} s; pages stored {pages}, page requests {len(page_hits)}, pages claimed {claimed}; "
        f"held by the killed crawler {len(orphans)}, fetched twice {len(twice)}; feed requests {feeds}; "
        f"smallest gap on one host: start-to-start {min_start * 1000:.1f} ms, end-to-start {min_end * 1000:.1f} ms "
        f"(delay {DELAY * 1000:.0f} ms); leases lapsed {lapse:.2f} s after the kill, takeover {takeover:.2f} s, "
        f"last orphan fetched {caught_up:.2f} s"
    )


def _not_stored(engine: Engine, tmp_path: Path) -> str:
    """What to read when a page is missing: the frontier rows not done, and the end of every crawler's log."""
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT f.url, f.state, f.attempts, f.error, f.http_status FROM fetch_state f "
                "WHERE f.kind = 'page' AND (f.state <> 'done' OR NOT EXISTS "
                "(SELECT 1 FROM article a WHERE a.url = f.url))"
            )
        ).all()
    logs = "\n".join(
        f"--- {log.name}\n" + log.read_text(errors="replace")[-3000:]
        for log in sorted(tmp_path.glob("crawl-*.log"))
    )
    return f"pages not stored: {rows}\n{logs}"


def _migrated(engine: Engine) -> bool:
    return bool(scalar(engine, "SELECT count(*) FROM pg_tables WHERE tablename = 'crawl_worker'"))


def _held_by(engine: Engine, pid: int) -> int:
    if not _migrated(engine):
        return 0
    return scalar(
        engine,
        "SELECT count(*) FROM fetch_state f JOIN crawl_worker w ON w.id = f.lease_owner WHERE w.pid = :pid",
        pid=pid,
    )


def _orphans(engine: Engine, pid: int) -> tuple[set[str], float]:
    """The URLs a (dead) crawler holds, and the seconds until the first of its leases lapses."""
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT f.url, extract(epoch FROM f.lease_until - clock_timestamp()) FROM fetch_state f "
                "JOIN crawl_worker w ON w.id = f.lease_owner WHERE w.pid = :pid"
            ),
            {"pid": pid},
        ).all()
    return {url for url, _ in rows}, min((float(left) for _, left in rows), default=0.0)


def test_a_stopped_crawler_hands_its_pages_back_at_once(pg_url: str, tmp_path: Path) -> None:
    engine = make_engine(pg_url)
    with FakeSite() as site:
        site_with_pages(site, PER_HOST, delay=0.2)
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[sources]]\nname = "lent"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n',
            encoding="utf-8",
        )
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            VEILLE_SOURCES_FILE=str(sources),
            VEILLE_DATABASE_URL=pg_url,
            VEILLE_DATA_DIR=str(tmp_path / "data"),
            VEILLE_CRAWL_WORKERS="1",
            VEILLE_CRAWL_LEASE_SECONDS="60",  # a lease that would outlast the test: only a hand-back frees it
        )
        first = start_crawler(env, tmp_path / "first.log")
        deadline = time.monotonic() + 60
        while not (_migrated(engine) and scalar(engine, "SELECT count(*) FROM article") >= 3):
            assert time.monotonic() < deadline and first.poll() is None, "the crawl did not progress"
            time.sleep(0.02)
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0, (tmp_path / "first.log").read_text()
        assert scalar(engine, "SELECT count(*) FROM fetch_state WHERE lease_owner IS NOT NULL") == 0
        assert scalar(engine, "SELECT count(*) FROM crawl_worker WHERE stopped_at IS NULL") == 0
        stored = scalar(engine, "SELECT count(*) FROM article")
        assert stored < PER_HOST

        began = time.monotonic()
        second = start_crawler(env, tmp_path / "second.log")
        assert second.wait(timeout=120) == 0, (tmp_path / "second.log").read_text()
        assert time.monotonic() - began < 60  # no lease of the first was waited for
    assert scalar(engine, "SELECT count(*) FROM article") == PER_HOST
    # the second crawl joined nothing (the first pass has nobody left) and opened its own pass
    assert scalar(engine, "SELECT count(*) FROM crawl_run") == 2
    engine.dispose()
    per_page = Counter(h.path for h in site.hits if h.path.startswith("/a/"))
    assert len(per_page) == PER_HOST
    assert sum(per_page.values()) - PER_HOST <= 1  # at most the download the signal cancelled
