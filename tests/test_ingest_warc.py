"""`veille ingest --warc` through its real CLI, on WARC files the tests write (tests/warcgen.py): what is kept,
a SIGKILL then a resume, truncated and hostile archives."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import make_engine, make_sessionmaker
from app.models import Article, Source, WarcImport
from app.warc import FINGERPRINT_BYTES
from tests.helpers import ROOT, json_lines, run_cli
from tests.pagegen import article_page
from tests.warcgen import Response, english_page, gzipped, write_warc

KNOWN = "https://www.presse-ia.example"
OTHER = "https://autre-site.example"
SOURCES = f'[[sources]]\nname = "Presse IA"\nhomepage = "{KNOWN}/"\nfeeds = []\n'


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    return {"VEILLE_SOURCES_FILE": str(sources), "VEILLE_CRAWL_WORKERS": "2", **more}


def _articles(db_url: str) -> dict[str, str]:
    """url -> source name of every stored article."""
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as s:
        rows = s.execute(select(Article.url, Source.name).join(Source, Source.id == Article.source_id)).all()
    engine.dispose()
    return {u: n for u, n in rows}


def _mixed(path: Path) -> None:
    cp1252 = article_page(1, KNOWN).decode("utf-8").encode("cp1252")  # bytes that are not the UTF-8 declared
    write_warc(
        path,
        [
            Response(f"{KNOWN}/a/0.html", article_page(0, KNOWN)),
            Response(f"{KNOWN}/a/1.html", cp1252),
            Response(
                f"{KNOWN}/a/2.html",
                gzipped(article_page(2, KNOWN)),
                headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            ),
            Response(f"{KNOWN}/a/3.html", article_page(3, KNOWN, ai=False)),
            Response(f"{KNOWN}/en/4.html", english_page(f"{KNOWN}/en/4.html")),
            Response(f"{OTHER}/a/5.html", article_page(5, OTHER)),
            Response(f"{KNOWN}/a/6.html", b"introuvable", status="404 Not Found"),
            Response(
                f"{KNOWN}/a/7.html", b"", status="301 Moved Permanently", headers=[("Location", "/a/0.html")]
            ),
            Response(
                f"{KNOWN}/logo.png",
                b"\x89PNG\r\n\x1a\n" + bytes(200),
                headers=[("Content-Type", "image/png")],
            ),
            Response(f"{KNOWN}/api.json", b'{"a": 1}', headers=[("Content-Type", "application/json")]),
        ],
        revisit=f"{KNOWN}/a/0.html",
    )


def test_keeps_french_html_from_known_sources(tmp_path: Path, any_db_url: str) -> None:
    warc = tmp_path / "melange.warc.gz"
    _mixed(warc)
    out = run_cli(["ingest", "--warc", str(warc), "--json"], any_db_url, tmp_path, env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    by = {
        o["url"] if o["status"] != "skipped" or o["reason"] != "not-french" else "en": o
        for o in json_lines(out.stdout)
    }
    lines = json_lines(out.stdout)
    assert [o["status"] for o in lines] == ["stored", "stored", "stored", "skipped", "skipped"], lines
    assert all(o["file"] == str(warc) and isinstance(o["offset"], int) for o in lines)
    assert lines[3]["reason"] == "not-ai"
    assert lines[4]["reason"] == "not-french" and lines[4]["language"] == "en", lines[4]
    assert [o["language"] for o in lines[:4]] == ["fr"] * 4
    # the windows-1252 page declared UTF-8 is decoded as the crawl decodes it
    assert "n° 1" in lines[1]["title"] and "Ã" not in lines[1]["title"], lines[1]["title"]
    assert by[f"{KNOWN}/a/2.html"]["status"] == "stored"  # Content-Encoding: gzip undone
    stored = _articles(any_db_url)
    assert set(stored) == {f"{KNOWN}/a/{i}.html" for i in range(3)}
    assert set(stored.values()) == {"Presse IA"}  # the declared source's name, not the domain
    # the same archive again: its recorded position says it is done
    again = run_cli(["ingest", "--warc", str(warc), "--json"], any_db_url, tmp_path, env=_env(tmp_path))
    assert again.returncode == 0 and json_lines(again.stdout) == [] and "déjà importée" in again.stderr
    # every site: the unknown site's French page too (the known ones are already there)
    wide = run_cli(
        ["ingest", "--warc", str(warc), "--tous-sites", "--json"], any_db_url, tmp_path, env=_env(tmp_path)
    )
    assert wide.returncode == 0, wide.stderr
    statuses = {o["url"]: o["status"] for o in json_lines(wide.stdout) if o["reason"] != "not-french"}
    assert statuses[f"{OTHER}/a/5.html"] == "stored" and statuses[f"{KNOWN}/a/0.html"] == "unchanged"
    stored = _articles(any_db_url)
    assert set(stored) == {f"{KNOWN}/a/{i}.html" for i in range(3)} | {f"{OTHER}/a/5.html"}


def test_summary_counts_records_left_out_and_no_bar_when_piped(tmp_path: Path, sqlite_url: str) -> None:
    warc = tmp_path / "melange.warc"  # uncompressed this time
    _mixed(warc)
    out = run_cli(["ingest", "--warc", str(warc)], sqlite_url, tmp_path, env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "Bilan : skipped 2, stored 3" in out.stderr
    assert (
        "pages hors des sources déclarées 1" in out.stderr and "réponses HTTP autres que 200 2" in out.stderr
    )
    assert "réponses qui ne sont pas du HTML 2" in out.stderr
    # warcinfo, 10 requests, the revisit
    assert "autres enregistrements que des réponses 12" in out.stderr
    assert "langue détectée : en" in out.stdout
    # not a terminal: no progress bar, no escape sequences
    assert "\x1b[" not in out.stderr + out.stdout and "━" not in out.stderr


def _count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute(sql).fetchone()[0] or 0)
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        con.close()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
def test_stopped_mid_file_then_resume_stores_every_page_once(tmp_path: Path, sig: signal.Signals) -> None:
    n = 160
    pages = [Response(f"{KNOWN}/a/{i}.html", article_page(i, KNOWN, ai=i % 8 != 7)) for i in range(n)]
    warc = tmp_path / "gros.warc.gz"
    write_warc(warc, pages)
    expected = {f"{KNOWN}/a/{i}.html" for i in range(n) if i % 8 != 7}
    db = tmp_path / "veille.db"
    url = f"sqlite:///{db}"
    env = dict(
        os.environ,
        VEILLE_DATABASE_URL=url,
        VEILLE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        **_env(tmp_path),
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "ingest", "--warc", str(warc), "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while _count(db, "SELECT max(next_offset) FROM warc_import") == 0:
            assert time.monotonic() < deadline and child.poll() is None, "the import did not get going"
            time.sleep(0.02)
        child.send_signal(sig)  # SIGKILL: the import itself, no handler, no flush
        status = child.wait(30)
        assert status == (-9 if sig == signal.SIGKILL else 143)
    finally:
        try:
            os.killpg(
                child.pid, signal.SIGKILL
            )  # its extraction workers and fork server, started in its group
        except ProcessLookupError:
            pass
    first = _count(db, "SELECT count(*) FROM article")
    saved = _count(db, "SELECT next_offset FROM warc_import")
    assert _count(db, "SELECT count(*) FROM warc_import WHERE finished") == 0
    assert 0 < saved < warc.stat().st_size and first < len(expected), (saved, first)

    out = run_cli(["ingest", "--warc", str(warc), "--json"], url, tmp_path, env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert f"reprise à l'octet {saved}" in out.stderr
    lines = json_lines(out.stdout)
    assert (
        lines and min(o["offset"] for o in lines) >= saved
    )  # nothing before the saved position is read again
    assert not [o for o in lines if o["status"] == "unchanged"]  # no page stored by the killed run came back
    assert sum(o["status"] == "stored" for o in lines) + first == len(expected)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as s:
        urls = list(s.scalars(select(Article.url)))
        row = s.scalars(select(WarcImport)).one()
        assert row.finished and row.next_offset == warc.stat().st_size and row.records == 1 + 2 * n
    engine.dispose()
    assert sorted(urls) == sorted(expected)  # every page once: none lost, none twice


def test_truncated_gzip_keeps_what_came_before_and_resumes_once_complete(
    tmp_path: Path, sqlite_url: str
) -> None:
    full = tmp_path / "complet.warc.gz"
    write_warc(
        full, [Response(f"{KNOWN}/a/{i}.html", article_page(i, KNOWN), request=False) for i in range(6)]
    )
    data = full.read_bytes()
    part = tmp_path / "partiel.warc.gz"
    part.write_bytes(data[: len(data) * 3 // 4])  # as a download cut short
    assert part.stat().st_size > FINGERPRINT_BYTES  # long enough to be recognised as the same archive
    out = run_cli(["ingest", "--warc", str(part), "--json"], sqlite_url, tmp_path, env=_env(tmp_path))
    assert out.returncode == 1
    assert "archive tronquée" in out.stderr and "Les enregistrements précédents sont conservés" in out.stderr
    kept = _articles(sqlite_url)
    assert 0 < len(kept) < 6 and all(o["status"] == "stored" for o in json_lines(out.stdout))
    # the complete file (same beginning: the same archive) goes on where the cut one stopped
    done = run_cli(["ingest", "--warc", str(full), "--json"], sqlite_url, tmp_path, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "reprise à l'octet" in done.stderr
    assert [o["status"] for o in json_lines(done.stdout)] == ["stored"] * (6 - len(kept))
    assert set(_articles(sqlite_url)) == {f"{KNOWN}/a/{i}.html" for i in range(6)}


def test_hostile_archives_give_french_errors_and_lose_nothing(tmp_path: Path, sqlite_url: str) -> None:
    good = tmp_path / "bonne.warc.gz"
    write_warc(good, [Response(f"{KNOWN}/a/{i}.html", article_page(i, KNOWN)) for i in range(2)])
    not_warc = tmp_path / "page.warc"
    not_warc.write_bytes(article_page(50, KNOWN))
    garbage = tmp_path / "dechets.warc.gz"
    write_warc(garbage, [Response(f"{KNOWN}/a/{i}.html", article_page(i, KNOWN)) for i in (10, 11)])
    with garbage.open("ab") as f:
        f.write(gzipped(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\n" + bytes(5000)))
        f.write(gzipped(b"des octets qui ne forment aucun enregistrement\r\n\r\n"))
    long_line = tmp_path / "ligne.warc"
    long_line.write_bytes(b"WARC/1.0" + b"A" * (2 << 20))
    line_bomb = tmp_path / "ligne.warc.gz"  # 64 MiB of one header line in 64 KB: never decompressed whole
    line_bomb.write_bytes(gzipped(b"WARC/1.0\r\nWARC-Type: response\r\nX: " + b"A" * (64 << 20)))
    big = tmp_path / "enorme.warc.gz"
    huge = b"<html><body>" + b"<p>du texte</p>" * 100_000  # 1.5 MB, over the 1 MB cap below
    bomb = gzipped(gzipped(bytes(64 << 20)))  # 64 MiB of zeros behind two gzip layers, 70 KB in the archive
    write_warc(
        big,
        [
            Response(f"{KNOWN}/a/20.html", huge),
            Response(
                f"{KNOWN}/a/21.html",
                bomb,
                headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip, gzip")],
            ),
            Response(
                f"{KNOWN}/a/22.html",
                b"\x00\x01",
                headers=[("Content-Type", "text/html"), ("Content-Encoding", "br")],
            ),
            Response(f"{KNOWN}/a/23.html", article_page(23, KNOWN)),
        ],
    )
    files = [not_warc, garbage, long_line, line_bomb, big, good]
    out = run_cli(
        ["ingest", "--warc", *map(str, files), "--json"],
        sqlite_url,
        tmp_path,
        env=_env(tmp_path, VEILLE_CRAWL_MAX_BYTES=str(1 << 20)),
    )
    assert out.returncode == 1
    err = out.stderr
    assert f"{not_warc}, octet 0 : pas une archive WARC" in err, err
    assert f"{garbage}, octet" in err and "Content-Length" in err, err
    assert f"{long_line}, octet 0 : ligne d'en-tête démesurée" in err, err
    assert f"{line_bomb}, octet 0 : ligne d'en-tête démesurée" in err, err
    assert "Traceback" not in err
    lines = {o["url"]: o for o in json_lines(out.stdout)}
    assert (
        lines[f"{KNOWN}/a/20.html"]["status"] == "error"
        and "trop volumineuse" in lines[f"{KNOWN}/a/20.html"]["reason"]
    )
    assert (
        lines[f"{KNOWN}/a/21.html"]["status"] == "error"
        and "trop volumineuse" in lines[f"{KNOWN}/a/21.html"]["reason"]
    )
    assert "non pris en charge" in lines[f"{KNOWN}/a/22.html"]["reason"]
    # nothing before a bad record is lost, and the archives after a bad one are read
    assert set(_articles(sqlite_url)) == {f"{KNOWN}/a/{i}.html" for i in (10, 11, 23, 0, 1)}


def test_corrupt_gzip_member_is_an_error(tmp_path: Path, sqlite_url: str) -> None:
    warc = tmp_path / "corrompue.warc.gz"
    write_warc(
        warc, [Response(f"{KNOWN}/a/{i}.html", article_page(i, KNOWN), request=False) for i in range(3)]
    )
    data = bytearray(warc.read_bytes())
    cut = len(data) * 5 // 6
    data[cut : cut + 64] = bytes(range(64))  # inside the last member's deflate stream
    warc.write_bytes(bytes(data))
    out = run_cli(["ingest", "--warc", str(warc), "--json"], sqlite_url, tmp_path, env=_env(tmp_path))
    assert out.returncode == 1 and "Erreur" in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert set(_articles(sqlite_url)) == {f"{KNOWN}/a/{i}.html" for i in range(2)}


def test_flags_used_wrongly_are_refused_in_french(tmp_path: Path, sqlite_url: str) -> None:
    out = run_cli(["ingest", "--tous-sites", str(tmp_path)], sqlite_url, tmp_path)
    assert out.returncode == 2 and "--tous-sites ne s'utilise qu'avec --warc" in out.stderr
    out = run_cli(["ingest", "--warc", "--url", "https://a.example/", str(tmp_path)], sqlite_url, tmp_path)
    assert out.returncode == 2 and "--url ne s'utilise pas avec --warc" in out.stderr
    bad = tmp_path / "sources-cassees.toml"
    bad.write_text("[[sources]]\nname = 3\n", encoding="utf-8")
    out = run_cli(
        ["ingest", "--warc", str(tmp_path)], sqlite_url, tmp_path, env={"VEILLE_SOURCES_FILE": str(bad)}
    )
    assert out.returncode == 2 and out.stderr.startswith("Erreur : ") and "Traceback" not in out.stderr
