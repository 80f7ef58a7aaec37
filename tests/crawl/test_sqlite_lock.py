"""On SQLite one crawl at a time: a second `veille crawl` says so in French and stops, or waits (--wait) and
starts only once the first is done; never interleaved. The lock is a row in the database (crawl_worker)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.conftest import ROOT
from tests.crawl.test_cli import count, env_for, site_with_pages, veille
from tests.fakesite import FakeSite, Resp

PAGES = 8


def test_a_second_crawl_is_refused_or_waits_its_turn(tmp_path: Path) -> None:
    db = tmp_path / "crawl.db"
    with FakeSite() as site:
        site_with_pages(site, n=PAGES)
        last = site.routes[f"/a/{PAGES - 1}.html"]
        assert isinstance(last, Resp)
        release = threading.Event()  # the first crawl stays on its last page until the test lets it go
        last.hold = release
        env = env_for(tmp_path, site) | {"VEILLE_CRAWL_READ_TIMEOUT": "90"}  # held, never retried
        first = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM article") < 1:
            assert time.monotonic() < deadline and first.poll() is None, "the first crawl did not progress"
            time.sleep(0.05)

        # /sources shows the crawl at work
        with TestClient(create_app(Settings(database_url=f"sqlite:///{db}", data_dir=tmp_path / "w"))) as c:
            workers = c.get("/api/sources").json()["workers"]
            html = c.get("/sources").text
        assert [(w["pid"], w["crawling"]) for w in workers] == [(first.pid, True)]
        assert "Processus de collecte en cours" in html and "en collecte" in html

        refused = veille(env, timeout=60)
        assert refused.returncode == 3, refused.stderr
        assert "une autre collecte est en cours sur cette base SQLite" in refused.stderr
        assert f"processus {first.pid}" in refused.stderr and "--wait" in refused.stderr
        assert "Traceback" not in refused.stderr

        waiting = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl", "--wait"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM crawl_worker WHERE stopped_at IS NULL") < 2:
            assert time.monotonic() < deadline and waiting.poll() is None, "the waiting crawl did not start"
            time.sleep(0.05)
        time.sleep(1.0)  # a few looks at the lock: still the first crawl's
        assert len(site.hits_for("/robots.txt")) == 1 and count(db, "SELECT count(*) FROM article") < PAGES
        release.set()
        assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
        out, err = waiting.communicate(timeout=120)
        assert waiting.returncode == 0, err
        assert "Une autre collecte est en cours" in err and "attente de sa fin" in err
        assert "Bilan de la collecte" in out

    # the refused crawl sent nothing; the waiting one started after the first had finished
    robots = site.hits_for("/robots.txt")
    assert len(robots) == 2 and len(site.hits_for("/feed.xml")) == 2
    pages = [h for h in site.hits if h.path.startswith("/a/")]
    assert len(pages) == PAGES and len({h.path for h in pages}) == PAGES
    assert all(h.end <= robots[1].start for h in pages), "the second crawl ran while the first was fetching"
    assert count(db, "SELECT count(*) FROM article") == PAGES
    assert count(db, "SELECT count(*) FROM crawl_worker WHERE stopped_at IS NULL") == 0
