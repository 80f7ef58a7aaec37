"""`veille crawl` under signals while a hostile site stalls it: stop within seconds, keep what was stored, and a
second signal leaves no process behind (fork server, extraction workers, resource tracker)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.crawl.test_cli import count, env_for
from tests.fakesite import Resp
from tests.hostile.server import Hostile, drip_body, text
from tests.pagegen import article_page, feed


def stalling_site(srv: Hostile, robots: str = "User-agent: *\n", n: int = 3) -> None:
    """Pages 0 and 1 answer at once; page 2 trickles a byte every half second, forever."""
    srv.routes.update(
        {"/robots.txt": text(robots), "/feed.xml": text(feed(srv.url, n), "application/rss+xml")}
    )
    for i in range(n):
        srv.routes[f"/a/{i}.html"] = Resp(
            body=article_page(i, srv.url), headers={"Content-Type": "text/html"}
        )
    srv.routes["/a/2.html"] = drip_body(0.5)


def start(tmp_path: Path, srv: Hostile) -> tuple[subprocess.Popen[str], Path]:
    env = dict(
        env_for(tmp_path, srv), VEILLE_CRAWL_REQUEST_DEADLINE="600", VEILLE_CRAWL_MAX_CRAWL_DELAY="600"
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
    return child, tmp_path / "crawl.db"


def wait_for(what, child: subprocess.Popen[str], limit: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while not what():
        assert time.monotonic() < deadline and child.poll() is None, "the crawl did not get there"
        time.sleep(0.05)


def group_alive(pgid: int) -> list[str]:
    """Processes of the crawl's process group still running (zombies excluded)."""
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace")[:120]
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(f"{entry} {cmd}")
    return alive


@pytest.mark.parametrize("ctrl_c", [False, True], ids=["sigterm", "sigint-to-group"])
def test_signal_cancels_a_stalled_fetch_and_keeps_what_was_stored(tmp_path: Path, ctrl_c: bool) -> None:
    with Hostile() as srv:
        stalling_site(srv)
        child, db = start(tmp_path, srv)
        wait_for(lambda: srv.hits_for("/a/2.html") and count(db, "SELECT count(*) FROM article") == 2, child)
        t0 = time.monotonic()
        if ctrl_c:
            os.killpg(child.pid, signal.SIGINT)
        else:
            child.send_signal(signal.SIGTERM)
        try:
            out, err = child.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise AssertionError("still running 15 s after the signal") from None
        took = time.monotonic() - t0
    assert child.returncode == 0, err
    assert took < 5, f"stopped {took:.1f} s after the signal"
    assert "interrompue" in err and count(db, "SELECT count(*) FROM article") == 2
    assert count(db, "SELECT count(*) FROM crawl_run WHERE finished_at IS NOT NULL") == 1


def test_signal_cancels_a_crawl_delay_sleep(tmp_path: Path) -> None:
    with Hostile() as srv:
        stalling_site(srv, robots="User-agent: *\nCrawl-delay: 40\n")
        child, db = start(tmp_path, srv)
        wait_for(lambda: count(db, "SELECT count(*) FROM article") == 1, child)
        time.sleep(0.3)  # now sleeping 40 s before page 1
        t0 = time.monotonic()
        child.send_signal(signal.SIGTERM)
        try:
            _, err = child.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise AssertionError("still sleeping 15 s after the signal") from None
    assert child.returncode == 0 and time.monotonic() - t0 < 5, err
    assert count(db, "SELECT count(*) FROM article") == 1


def slow_to_extract(i: int, base: str) -> bytes:
    """A 3 MB article: a second or more of extraction in a worker."""
    para = "<p>Le service a connu une panne de deux heures mardi soir, a indiqué l'éditeur du modèle. </p>".encode()
    return article_page(i, base).replace(b"</article>", para * 32_000 + b"</article>", 1)


def test_second_signal_exits_at_once_without_orphans(tmp_path: Path) -> None:
    with Hostile() as srv:
        stalling_site(srv, n=4)
        srv.routes["/a/2.html"] = Resp(
            body=slow_to_extract(2, srv.url), headers={"Content-Type": "text/html"}
        )
        srv.routes["/a/3.html"] = drip_body(0.5)
        child, db = start(tmp_path, srv)
        # page 2 is in a worker, page 3 stalls: the first signal has to wait for page 2
        wait_for(lambda: bool(srv.hits_for("/a/3.html")), child)
        assert len(group_alive(child.pid)) >= 3, "expected the crawler, its fork server and its workers"
        child.send_signal(signal.SIGTERM)
        time.sleep(0.3)  # the first one is being handled: the user will not wait
        t0 = time.monotonic()
        child.send_signal(signal.SIGTERM)
        try:
            child.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            raise AssertionError("still running after a second signal") from None
        assert time.monotonic() - t0 < 3
        deadline = time.monotonic() + 3
        while group_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = group_alive(child.pid)
        if left:
            os.killpg(child.pid, signal.SIGKILL)
        assert left == [], f"orphans: {left}"
    assert child.returncode != 0
