"""Issue 14: several `veille serve` processes on one database (SQLite file, PostgreSQL) are interchangeable
behind a load balancer: same ETag and Last-Modified for the same answer, 304 to each other's validators, and
new data served by all of them soon after an ingest (each re-reads the database's stamp once a second)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.deploy.newsroom import write_page
from tests.deploy.servers import serving
from tests.helpers import run_cli

PATHS = [
    "/",
    "/api/articles",
    "/api/articles?q=mistouflon",
    "/recherche?q=mistouflon",
    "/flux/pannes.atom",
    "/api/incidents",
    "/entites/openai",
]


def _ingest(folder: Path, db_url: str, data_dir: Path) -> None:
    out = run_cli(["ingest", str(folder), "--json"], db_url, data_dir)
    assert out.returncode == 0, out.stderr
    assert '"status": "stored"' in out.stdout, out.stdout


def _validators(client: httpx.Client, url: str) -> tuple[str, str, bytes]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return r.headers["etag"], r.headers["last-modified"], r.content


def _sees(client: httpx.Client, base: str, word: str) -> bool:
    return client.get(f"{base}/api/articles", params={"q": word}).json()["total"] == 1


def test_replicas_share_validators_and_follow_an_ingest(any_db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _ingest(write_page(tmp_path / "lot1", "premiere", "mistouflon").parent, any_db_url, data)
    with serving(any_db_url, data, count=2) as (one, two), httpx.Client(timeout=30) as c:
        before = {}
        for path in PATHS:
            tag1, date1, body1 = _validators(c, one.url + path)
            tag2, date2, body2 = _validators(c, two.url + path)
            assert (tag1, date1) == (tag2, date2), path  # the same answer, the same validators
            assert body1 == body2, path
            for srv, tag in ((two, tag1), (one, tag2)):  # each accepts the other's validators
                r = c.get(srv.url + path, headers={"If-None-Match": tag})
                assert r.status_code == 304 and r.content == b"", path
                assert c.get(srv.url + path, headers={"If-Modified-Since": date1}).status_code == 304, path
            before[path] = tag1
        assert _sees(c, one.url, "mistouflon") and not _sees(c, two.url, "carabistouille")

        _ingest(write_page(tmp_path / "lot2", "seconde", "carabistouille").parent, any_db_url, data)
        deadline = time.monotonic() + 15
        while not all(_sees(c, s.url, "carabistouille") for s in (one, two)):
            assert time.monotonic() < deadline, "a server still serves the old data"
            time.sleep(0.1)
        for path in PATHS:
            tag1, date1, body1 = _validators(c, one.url + path)
            tag2, date2, body2 = _validators(c, two.url + path)
            assert tag1 == tag2 != before[path] and date1 == date2 and body1 == body2, path
            # the validator a client kept from before the ingest no longer matches, on either server
            for srv in (one, two):
                assert c.get(srv.url + path, headers={"If-None-Match": before[path]}).status_code == 200, path
        assert "Carabistouille" in c.get(two.url + "/recherche?q=carabistouille").text


def test_workers_answer_consistently(sqlite_url: str, tmp_path: Path) -> None:
    """`veille serve --workers 2`: two worker processes on one port, interchangeable answers."""
    from tests.deploy.servers import cpu_ticks

    data = tmp_path / "data"
    _ingest(write_page(tmp_path / "lot1", "premiere", "mistouflon").parent, sqlite_url, data)
    with serving(sqlite_url, data, workers=2) as (srv,):
        workers = srv.children()
        assert len(workers) == 2
        ticks = {pid: cpu_ticks(pid) for pid in workers}
        tags: dict[str, set[str]] = {path: set() for path in PATHS}
        deadline = time.monotonic() + 60
        # fresh connections, several at once, until both workers have answered (their CPU time grew)
        while not all(cpu_ticks(pid) > ticks[pid] + 5 for pid in workers):
            assert time.monotonic() < deadline, "one worker never answered"
            for path in PATHS:
                with httpx.Client(timeout=30) as c:
                    r = c.get(srv.url + path)
                    tags[path].add(r.headers["etag"])
                    assert (
                        c.get(srv.url + path, headers={"If-None-Match": r.headers["etag"]}).status_code == 304
                    )
        assert all(len(t) == 1 for t in tags.values()), tags

        _ingest(write_page(tmp_path / "lot2", "seconde", "carabistouille").parent, sqlite_url, data)
        deadline = time.monotonic() + 15
        in_a_row = 0
        while in_a_row < 20:  # twenty answers in a row, on fresh connections, from either worker
            assert time.monotonic() < deadline, "a worker still serves the old data"
            with httpx.Client(timeout=30) as c:
                in_a_row = in_a_row + 1 if _sees(c, srv.url, "carabistouille") else 0
            time.sleep(0.02)
        assert srv.children() == workers  # no worker died on the way


def test_workers_keep_the_guards_of_veille_serve(sqlite_url: str, tmp_path: Path) -> None:
    """Without VEILLE_PUBLIC_URL, every worker knows the site by --host/--port (serving.for_address), refuses
    other host names and bounds request heads, as one `veille serve` process does."""
    from tests.hostile_site.test_header_limits import _assert_refused, _refused

    with serving(sqlite_url, tmp_path / "data", workers=2, public_url=None) as (srv,):
        for _ in range(10):  # fresh connections: both workers answer some
            with httpx.Client(timeout=30) as c:
                feed = c.get(srv.url + "/flux/pannes.atom")
                assert f'href="http://127.0.0.1:{srv.port}/"' in feed.text
                assert (
                    c.get(srv.url + "/flux/pannes.atom", headers={"host": "evil.example"}).status_code == 400
                )
        _assert_refused(_refused(srv.port))


def test_workers_must_be_a_small_whole_number(sqlite_url: str, tmp_path: Path) -> None:
    for bad, message in (
        ("0", "hors limites"),
        ("deux", "nombre de processus invalide"),
        ("65", "de 1 à 64"),
    ):
        out = run_cli(["serve", "--workers", bad], sqlite_url, tmp_path)
        assert out.returncode == 2 and message in out.stderr, out.stderr
    assert not (tmp_path / "veille.db").exists()  # nothing started, nothing created
