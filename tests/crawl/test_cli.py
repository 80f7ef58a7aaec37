"""`veille crawl` as a user runs it: a subprocess against a local site; killed, interrupted, resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from app.models import Article, CrawlRun, FetchState
from tests.conftest import ROOT
from tests.fakesite import FakeSite, Resp
from tests.pagegen import article_page, feed

N_PAGES = 12


def site_with_pages(site: FakeSite, n: int = N_PAGES, delay: float = 0.0) -> None:
    site.routes["/robots.txt"] = Resp(
        body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/feed.xml"] = Resp(body=feed(site.url, n), headers={"Content-Type": "application/rss+xml"})
    for i in range(n):
        site.routes[f"/a/{i}.html"] = Resp(
            body=article_page(i, site.url), headers={"Content-Type": "text/html"}, delay=delay
        )


def env_for(tmp_path: Path, site: FakeSite, extra: str = "") -> dict[str, str]:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "local"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\n'
        f"delay = 0\n{extra}",
        encoding="utf-8",
    )
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_SOURCES_FILE=str(sources),
        VEILLE_DATABASE_URL=f"sqlite:///{tmp_path / 'crawl.db'}",
        VEILLE_DATA_DIR=str(tmp_path / "data"),
        VEILLE_CRAWL_CONNECT_TIMEOUT="2",
        VEILLE_CRAWL_READ_TIMEOUT="5",
        VEILLE_CRAWL_BACKOFF_BASE="0.01",
    )


def veille(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "crawl", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def count(db: Path, sql: str) -> int:
    eng = create_engine(f"sqlite:///{db}")
    try:
        with eng.connect() as c:
            return int(c.execute(text(sql)).scalar() or 0)
    except Exception:  # the table may not exist yet while the child migrates
        return 0
    finally:
        eng.dispose()


def test_crawl_prints_a_table_per_source(tmp_path: Path) -> None:
    with FakeSite() as site:
        site_with_pages(site, n=4)
        env = env_for(tmp_path, site)
        out = veille(env)
        assert out.returncode == 0, out.stderr
        assert "Bilan de la collecte" in out.stdout and "local" in out.stdout
        for col in ("Découvertes", "Téléchargées", "Enregistrées", "Inchangées", "Erreurs"):
            assert col in out.stdout
        assert count(tmp_path / "crawl.db", "SELECT count(*) FROM article") == 4
        again = veille(env, "--source", "local")
        assert again.returncode == 0
        assert len([h for h in site.hits if h.path.startswith("/a/")]) == 4, "stored pages fetched again"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "bientôt"], "durée invalide"),
        (["--since", "hier"], "date invalide"),
        (["--max-pages", "0"], "nombre de pages invalide"),
        (["--source", "inconnue"], "source(s) inconnue(s) : inconnue"),
    ],
)
def test_bad_arguments_are_refused_in_french(tmp_path: Path, args: list[str], message: str) -> None:
    with FakeSite() as site:
        out = veille(env_for(tmp_path, site), *args)
    assert out.returncode == 2 and message in out.stderr


def test_bad_sources_file_is_refused(tmp_path: Path) -> None:
    with FakeSite() as site:
        env = env_for(
            tmp_path,
            site,
            extra='[[sources]]\nname = "b"\nhomepage = "http://a.fr/"\nfeeds = []\ndelay = -3\n',
        )
        out = veille(env)
    assert out.returncode == 2 and "« delay »" in out.stderr and "Traceback" not in out.stderr


def test_killed_crawl_resumes_without_losing_or_refetching(tmp_path: Path) -> None:
    db = tmp_path / "crawl.db"
    with FakeSite() as site:
        site_with_pages(site, delay=0.3)
        env = env_for(tmp_path, site)
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM article") < 4:
            assert time.monotonic() < deadline and child.poll() is None, "crawl did not progress"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)  # the crawler and its extraction workers, mid-way
        child.wait(timeout=10)
        stored_before = count(db, "SELECT count(*) FROM article")
        assert 4 <= stored_before < N_PAGES
        assert count(db, "SELECT count(*) FROM fetch_state WHERE kind = 'page' AND state = 'pending'") > 0
        assert count(db, "SELECT count(*) FROM crawl_run WHERE finished_at IS NULL") == 1
        eng = create_engine(f"sqlite:///{db}")
        with eng.connect() as c:
            done_before = set(
                c.execute(
                    select(FetchState.url).where(FetchState.state == "done", FetchState.kind == "page")
                ).scalars()
            )
        first_hits = {h.path for h in site.hits if h.path.startswith("/a/")}

        out = veille(env)
        assert out.returncode == 0, out.stderr
        with eng.connect() as c:
            assert c.execute(select(func.count()).select_from(Article)).scalar() == N_PAGES
            assert c.execute(select(func.count(func.distinct(Article.url)))).scalar() == N_PAGES
            assert c.execute(select(func.count()).select_from(CrawlRun)).scalar() == 2
        eng.dispose()
    for url in done_before:
        path = url.removeprefix(site.url)
        assert len(site.hits_for(path)) == 1, f"{path} was stored before the kill and fetched again"
    all_hits = [h.path for h in site.hits if h.path.startswith("/a/")]
    assert set(all_hits) == {f"/a/{i}.html" for i in range(N_PAGES)}
    assert len(all_hits) - N_PAGES <= len(first_hits) - len(done_before)  # only in-flight pages twice


@pytest.mark.parametrize("ctrl_c", [False, True], ids=["sigterm", "sigint-to-group"])
def test_signal_stores_what_was_downloaded_and_stops(tmp_path: Path, ctrl_c: bool) -> None:
    db = tmp_path / "crawl.db"
    with FakeSite() as site:
        site_with_pages(site, delay=0.3)
        env = env_for(tmp_path, site)
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl", "--every", "1h"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM article") < 2:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        if ctrl_c:
            os.killpg(child.pid, signal.SIGINT)  # what a terminal does: the workers get it too
        else:
            child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert "interrompue" in err and "Bilan de la collecte" in out
    fetched = {h.path for h in site.hits if h.path.startswith("/a/")}
    stored = count(db, "SELECT count(*) FROM article")
    # the download in flight is cancelled (at most one page per host at a time): it stays to fetch
    assert stored <= len(fetched) <= stored + 1, "a downloaded page was not stored"
    assert (
        count(db, "SELECT count(*) FROM fetch_state WHERE kind = 'page' AND state = 'pending'")
        == N_PAGES - stored
    )
    assert count(db, "SELECT count(*) FROM crawl_run WHERE finished_at IS NOT NULL") == 1
    assert len(fetched) < N_PAGES


def test_every_runs_again_and_stops_on_sigint(tmp_path: Path) -> None:
    with FakeSite() as site:
        site_with_pages(site, n=2)
        env = env_for(tmp_path, site)
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "crawl", "--every", "1s"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while len(site.hits_for("/feed.xml")) < 2:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        # a broken edit of the sources file between two passes is reported, the previous list kept
        Path(env["VEILLE_SOURCES_FILE"]).write_text("[[sources]\n", encoding="utf-8")
        while len(site.hits_for("/feed.xml")) < 3:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.count("Bilan de la collecte") >= 3
    assert "TOML invalide" in err and "liste précédente conservée" in err
    assert count(tmp_path / "crawl.db", "SELECT count(*) FROM crawl_run") >= 2
