"""Issue 14: the web processes of one machine share the answers they render (app/shared_answers.py): a page
rendered by one `veille serve` process is served by another without being rendered again, until the data
changes. The store is a cache: a file of another user, a symbolic link, a corrupt or locked file costs a render,
never an answer."""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.http_cache import CachedPage, Stamp, StampKeeper
from app.search.base import Hits, decode_recalled, encode_recalled
from app.shared_answers import SharedAnswers, store_path
from tests.deploy.newsroom import write_page
from tests.deploy.servers import serving
from tests.helpers import run_cli


def _rows(path: Path) -> dict[str, int]:
    """The URLs kept in a store file and the rowid of each (a write replaces the row: a new rowid)."""
    with sqlite3.connect(path) as conn:
        return {k.split("|")[-1]: r for k, r in conn.execute("SELECT key, rowid FROM answer")}


def test_a_page_rendered_by_one_server_is_served_by_the_other(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    out = run_cli(
        ["ingest", str(write_page(tmp_path / "lot", "premiere", "mistouflon").parent)], any_db_url, data
    )
    assert out.returncode == 0, out.stderr
    store = tmp_path / "answers"
    store.mkdir(mode=0o700)
    monkeypatch.setenv("VEILLE_SHARED_CACHE", str(store))
    with serving(any_db_url, data, count=2) as (one, two), httpx.Client(timeout=30) as c:
        paths = ["/recherche?q=mistouflon", "/api/articles?q=mistouflon&per_page=5", "/entites/openai"]
        first = {p: c.get(one.url + p) for p in paths}
        assert all(r.status_code == 200 for r in first.values())
        # (a server keeps an answer once it has sent it: the client may read the store a moment earlier)
        deadline = time.monotonic() + 10
        while True:
            files = list(store.glob("answers-*.db"))
            kept = _rows(files[0]) if len(files) == 1 else {}
            if set(paths) <= set(kept):
                break
            assert time.monotonic() < deadline, (files, list(kept))
            time.sleep(0.05)
        for p in paths:
            again = c.get(two.url + p)
            assert again.status_code == 200 and again.content == first[p].content, p
            assert again.headers["etag"] == first[p].headers["etag"], p
        assert {p: _rows(files[0])[p] for p in paths} == {p: kept[p] for p in paths}  # nobody wrote again
        # the second page of the search was never asked: server two cuts it from the matches server one
        # kept for that search (its render reads them from the store), and it is right
        r = c.get(two.url + "/api/articles?q=mistouflon&per_page=5&page=2")
        assert r.status_code == 200 and r.json()["total"] == 1 and r.json()["items"] == []

        # new data: neither server serves what was kept for the old data
        out = run_cli(
            ["ingest", str(write_page(tmp_path / "lot2", "seconde", "mistouflon").parent)],
            any_db_url,
            data,
        )
        assert out.returncode == 0, out.stderr
        deadline = time.monotonic() + 15
        while not all(
            c.get(s.url + "/api/articles?q=mistouflon&per_page=5").json()["total"] == 2 for s in (one, two)
        ):
            assert time.monotonic() < deadline, "a server still serves the old answer"
            time.sleep(0.1)


def _page(n: int, size: int = 1000) -> CachedPage:
    return CachedPage.of(bytes([65 + n % 26]) * size, "application/json", [(b"x-veille", str(n).encode())])


def test_store_round_trip_budget_and_new_state(tmp_path: Path) -> None:
    store = SharedAnswers(tmp_path / "a.db", max_bytes=200_000)
    assert store.get("s1", "/x") is None
    store.put("s1", "/x", _page(1))
    got = store.get("s1", "/x")
    assert got == _page(1)
    assert store.get("s2", "/x") is None  # another state of the data: not this answer
    for n in range(600):  # 600 KB into a 200 KB budget
        store.put("s1", f"/p{n}", _page(n))
    assert store.bytes_kept() <= 200_000
    assert store.get("s1", "/p599") == _page(599)  # the newest stay
    assert store.get("s1", "/p0") is None
    store.put("s2", "/y", _page(2))  # a new state: what the old one kept goes
    assert store.get("s1", "/p599") is None and store.get("s2", "/y") == _page(2)
    store.forget()
    assert store.get("s2", "/y") is None


def test_two_keepers_share_pages_and_search_matches(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    one, two = (StampKeeper(shared=SharedAnswers(path)) for _ in range(2))
    for k in (one, two):
        k.share("search", encode_recalled, decode_recalled)
        k._stamp = Stamp("t1", datetime.now(UTC))
    one.keep_page("/recherche?q=a", _page(3), "t1")
    assert two.page("/recherche?q=a") == _page(3)
    hits = Hits(total=2, ids=[5, 3], facets={"companies": [{"slug": "openai", "name": "OpenAI", "count": 2}]})
    assert one.recall("search", ("first", "a"), "t1", lambda: hits) == hits

    def never() -> Hits:
        raise AssertionError("computed again")

    assert two.recall("search", ("first", "a"), "t1", never) == hits
    assert two.recall("search", ("facets", "a"), "t1", lambda: {"based_on": 0}) == {"based_on": 0}
    assert one.recall("search", ("facets", "a"), "t1", never) == {"based_on": 0}


def test_a_store_other_users_could_write_is_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o777)
    with caplog.at_level(logging.WARNING):
        assert store_path(str(open_dir), "postgresql://u@127.0.0.1/x") is None
    assert "open to others" in caplog.text
    (tmp_path / "real").mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert store_path(str(tmp_path / "link"), "postgresql://u@127.0.0.1/x") is None
    assert store_path("off", "sqlite:////tmp/x.db") is None
    assert store_path("auto", "sqlite://") is None  # in memory: one process
    assert store_path("auto", f"sqlite:///{tmp_path}/v.db") == tmp_path / "v.db-answers"
    # the password of the database never reaches the file name, and two databases get two files
    a = store_path(str(tmp_path / "real"), "postgresql://u:secret@127.0.0.1/a")
    b = store_path(str(tmp_path / "real"), "postgresql://u:secret@127.0.0.1/b")
    assert a and b and a != b and "secret" not in str(a)


def test_a_symlinked_store_file_is_refused_and_answers_still_come(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("ne pas toucher")
    (tmp_path / "a.db").symlink_to(target)
    store = SharedAnswers(tmp_path / "a.db")
    store.put("s", "/x", _page(1))
    assert store.get("s", "/x") is None
    assert target.read_text() == "ne pas toucher"


def test_a_corrupt_store_is_recreated(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    path.write_bytes(b"\x00garbage" * 1000)
    store = SharedAnswers(path)
    store.put("s", "/x", _page(1))
    assert store.get("s", "/x") == _page(1)


def test_a_locked_store_costs_a_render_not_an_answer(site) -> None:  # type: ignore[no-untyped-def]
    client, _ = site
    keeper: StampKeeper = client.app.state.stamps
    assert keeper.shared is not None
    first = client.get("/api/articles")
    assert first.status_code == 200
    blocker = sqlite3.connect(keeper.shared.path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the file
    try:
        keeper.forget_answers()  # (cannot clear the store: locked) — the next request renders
        keeper._pages.clear()
        again = client.get("/api/articles?per_page=3")
        assert again.status_code == 200 and again.json()["per_page"] == 3
    finally:
        blocker.rollback()
        blocker.close()
