"""Pages that are costly to extract: the pool stops them (time, memory) or replaces a worker grown too big,
and the crawl goes on. Each pool here has one worker, so that which worker ran which page is known."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article, FetchState
from app.scrapers.registry import SourceConfig, parse_sources
from app.services.extraction_pool import ExtractionPool, make_pool, rss_mb
from tests.fakesite import Resp
from tests.hostile.conftest import bounded_crawl
from tests.hostile.server import Hostile, drip_body, text
from tests.pagegen import article_page, feed

ROOT = Path(__file__).resolve().parents[2]
PARA = "<p>La plateforme de calcul est restée indisponible une partie de la nuit, selon son exploitant. </p>".encode()
BIG = 3  # the feed lists pages 0..3: three ordinary articles, then the costly one


def big_page(base: str, mb: float) -> bytes:
    """An article padded with `mb` MB of repeated paragraphs: seconds and tens of MB for trafilatura."""
    return article_page(BIG, base).replace(
        b"</article>", PARA * int(mb * 2**20 / len(PARA)) + b"</article>", 1
    )


def site(srv: Hostile, mb: float) -> list[SourceConfig]:
    srv.routes.update(
        {
            "/robots.txt": text("User-agent: *\n"),
            "/feed.xml": text(feed(srv.url, BIG + 1), "application/rss+xml"),
        }
    )
    for i in range(BIG):
        srv.routes[f"/a/{i}.html"] = Resp(
            body=article_page(i, srv.url), headers={"Content-Type": "text/html"}
        )
    srv.routes[f"/a/{BIG}.html"] = Resp(body=big_page(srv.url, mb), headers={"Content-Type": "text/html"})
    return parse_sources(
        f'[[sources]]\nname = "lourd"\nhomepage = "{srv.url}/"\nfeeds = ["{srv.url}/feed.xml"]\ndelay = 0\n'
    )


@pytest.fixture
def one_worker(request: pytest.FixtureRequest) -> Iterator[ExtractionPool]:
    """A one-worker pool with the limits given by the test's parametrisation (as make_pool's keywords)."""
    pool = make_pool(1, **request.param)
    yield pool
    pool.shutdown(wait=True)


def warm_rss(pool: ExtractionPool) -> float:
    """The worker's memory once it has loaded its modules and run a page."""
    from app.services.ingest import prepare

    pool.submit(prepare, article_page(99, "http://127.0.0.1:1"), "http://127.0.0.1:1/a/99.html").result()
    [pid] = pool.pids()
    return rss_mb(pid)


def outcomes(factory: sessionmaker[Session]) -> tuple[set[str], dict[str, tuple[str, str | None]]]:
    with factory() as s:
        stored = {u.rsplit("/", 1)[1] for u in s.scalars(select(Article.url))}
        states = {
            st.url.rsplit("/", 1)[1]: (st.state, st.error)
            for st in s.scalars(select(FetchState))
            if "/a/" in st.url
        }
    return stored, states


@pytest.mark.parametrize("one_worker", [{"time_limit": 1.0}], indirect=True)
def test_a_page_too_slow_to_extract_is_recorded_and_the_crawl_goes_on(
    session_factory: sessionmaker[Session], one_worker: ExtractionPool, client: TestClient
) -> None:
    with Hostile() as srv:
        [pid] = one_worker.pids()
        # 2 MB of paragraphs: about 5 s of extraction on an idle machine, stopped after 1 s
        [rep] = bounded_crawl(session_factory, one_worker, site(srv, mb=2.0))
    assert rep.errors_by_kind == {"too-slow": 1} and rep.stored == BIG
    stored, states = outcomes(session_factory)
    assert stored == {f"{i}.html" for i in range(BIG)}
    state, error = states[f"{BIG}.html"]
    assert state == "done" and error is not None and "extraction trop longue (plus de 1 s)" in error
    assert one_worker.replaced == 1 and one_worker.pids() != [pid], "the stuck worker was not replaced"
    # the new worker works
    assert warm_rss(one_worker) > 0
    assert "extraction trop longue (page abandonnée)" in client.get("/sources").text


def test_a_page_too_heavy_to_extract_is_recorded_and_the_crawl_goes_on(
    session_factory: sessionmaker[Session],
) -> None:
    probe = make_pool(1)
    base = warm_rss(probe)
    probe.shutdown()
    # the 2 MB page takes the worker ~80 MB above its resting size; ordinary pages, a few MB
    pool = make_pool(1, max_mb=base + 40)
    try:
        with Hostile() as srv:
            [rep] = bounded_crawl(session_factory, pool, site(srv, mb=2.0))
        assert rep.errors_by_kind == {"too-heavy": 1} and rep.stored == BIG
        stored, states = outcomes(session_factory)
        assert stored == {f"{i}.html" for i in range(BIG)}
        error = states[f"{BIG}.html"][1]
        assert error is not None and "extraction trop gourmande en mémoire" in error
        assert pool.replaced == 1
    finally:
        pool.shutdown()


def test_a_worker_grown_past_the_recycle_threshold_is_replaced(
    session_factory: sessionmaker[Session],
) -> None:
    probe = make_pool(1)
    base = warm_rss(probe)
    probe.shutdown()
    # a 1 MB page leaves the worker ~35 MB bigger (memory Python keeps): above the threshold, ordinary pages not
    pool = make_pool(1, recycle_mb=base + 20)
    try:
        with Hostile() as srv:
            [first] = pool.pids()
            [rep] = bounded_crawl(session_factory, pool, site(srv, mb=1.0))
        assert rep.errors == 0 and rep.stored == BIG + 1, "the big page is extracted and stored, not refused"
        assert pool.replaced == 1, "only the worker that took the big page is replaced"
        [fresh] = pool.pids()
        assert fresh != first and rss_mb(fresh) < base + 20
    finally:
        pool.shutdown()


def veille_crawl(tmp_path: Path, srv: Hostile, **settings: str) -> subprocess.CompletedProcess[str]:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "lourd"\nhomepage = "{srv.url}/"\nfeeds = ["{srv.url}/feed.xml"]\ndelay = 0\n',
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_SOURCES_FILE=str(sources),
        VEILLE_DATA_DIR=str(tmp_path),
        VEILLE_DATABASE_URL=f"sqlite:///{tmp_path / 'crawl.db'}",
        **{f"VEILLE_CRAWL_{k.upper()}": v for k, v in settings.items()},
    )
    return subprocess.run(
        [sys.executable, "-m", "app", "crawl"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_veille_crawl_applies_the_extraction_time_limit(tmp_path: Path) -> None:
    # ~10 s of extraction for the big page; 3 s for the limit, so that an ordinary page (the first one of a
    # fresh worker, on a busy machine) stays well under it
    with Hostile() as srv:
        site(srv, mb=4.0)
        out = veille_crawl(tmp_path, srv, extract_timeout="3")
    assert out.returncode == 0, out.stderr
    import sqlite3

    con = sqlite3.connect(tmp_path / "crawl.db")
    try:
        assert con.execute("SELECT count(*) FROM article").fetchone()[0] == BIG
        [(error,)] = con.execute(
            "SELECT error FROM fetch_state WHERE url LIKE ?", (f"%/a/{BIG}.html",)
        ).fetchall()
    finally:
        con.close()
    assert "extraction trop longue (plus de 3 s)" in error


@pytest.mark.parametrize(
    ("setting", "value"),
    [("extract_timeout", "0"), ("worker_max_mb", "-5"), ("worker_recycle_mb", "beaucoup")],
)
def test_bad_extraction_limits_are_refused(tmp_path: Path, setting: str, value: str) -> None:
    with Hostile() as srv:
        out = veille_crawl(tmp_path, srv, **{setting: value})
    assert out.returncode == 2 and f"réglage VEILLE_CRAWL_ invalide ({setting}" in out.stderr
    assert "Traceback" not in out.stderr


def test_one_signal_during_a_long_extraction_stops_in_seconds_without_orphans(tmp_path: Path) -> None:
    from tests.crawl.test_cli import env_for
    from tests.hostile.test_signals import group_alive, stalling_site, wait_for

    with Hostile() as srv:
        stalling_site(srv, n=4)
        # page 2: ~10 s of extraction, under a time limit of 600 s; page 3 stalls the fetch loop
        srv.routes["/a/2.html"] = Resp(
            body=big_page(srv.url, mb=4.0).replace(b"/a/3.html", b"/a/2.html"),
            headers={"Content-Type": "text/html"},
        )
        srv.routes["/a/3.html"] = drip_body(0.5)
        env = dict(
            env_for(tmp_path, srv), VEILLE_CRAWL_REQUEST_DEADLINE="600", VEILLE_CRAWL_EXTRACT_TIMEOUT="600"
        )
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        wait_for(lambda: bool(srv.hits_for("/a/3.html")), child)
        time.sleep(0.5)  # page 2 is in a worker
        t0 = time.monotonic()
        child.send_signal(signal.SIGTERM)
        try:
            _, err = child.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            raise AssertionError("still running 20 s after a signal") from None
        took = time.monotonic() - t0
        deadline = time.monotonic() + 3
        while group_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = group_alive(child.pid)
        if left:
            os.killpg(child.pid, signal.SIGKILL)
    assert took < 8, f"the stop waited {took:.1f} s for the page in extraction"
    assert left == [], f"orphans: {left}"
    assert "Traceback" not in err and "Exception in thread" not in err, err
    import sqlite3

    con = sqlite3.connect(tmp_path / "crawl.db")
    try:
        stored = {u.rsplit("/", 1)[1] for (u,) in con.execute("SELECT url FROM article")}
    finally:
        con.close()
    assert stored == {"0.html", "1.html"}, "what was extracted before the signal is kept"


def test_a_worker_killed_during_a_page_is_replaced_and_the_page_fails_cleanly() -> None:
    from app.services.extraction_pool import PageTooCostly
    from app.services.ingest import prepare

    base = "http://127.0.0.1:1"
    pool = make_pool(1)
    try:
        warm_rss(pool)
        [pid] = pool.pids()
        future = pool.submit(prepare, big_page(base, mb=2.0), f"{base}/a/{BIG}.html")
        time.sleep(0.5)  # the page is in the worker (about 5 s of extraction)
        os.kill(pid, signal.SIGKILL)  # what the kernel's OOM killer would do
        with pytest.raises(PageTooCostly) as failure:
            future.result(timeout=30)
        assert failure.value.kind == "worker-died"
        assert pool.replaced == 1
        done = pool.submit(prepare, article_page(0, base), f"{base}/a/0.html").result(timeout=30)
        assert done.document is not None and pool.pids() != [pid]
    finally:
        pool.shutdown()
