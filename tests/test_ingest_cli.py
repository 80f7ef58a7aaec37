"""`veille ingest` through its real CLI: contract keys, statuses, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from app.db import make_engine, make_sessionmaker
from app.models import Article
from tests.helpers import SPINE, json_lines, run_cli

KEYS = {
    "file",
    "status",
    "reason",
    "url",
    "title",
    "published_at",
    "is_ai",
    "is_outage",
    "companies",
    "products",
    "kind",
    "incident_id",
    "incident_date",
    "summary",
    "article_id",
}


def _by_name(lines: list[dict]) -> dict[str, dict]:
    return {Path(o["file"]).name: o for o in lines}


def test_ingest_folder_json(tmp_path: Path, sqlite_url: str) -> None:
    out = run_cli(["ingest", str(SPINE), "--json"], sqlite_url, tmp_path)
    by = _by_name(json_lines(out.stdout))
    assert set(by) == {p.name for p in SPINE.glob("*.html")}
    for o in by.values():
        assert KEYS <= set(o)
    assert out.returncode == 1  # error pages make the exit status non-zero
    panne = by["chatgpt-panne.html"]
    assert panne["status"] == "stored" and panne["is_outage"] is True and panne["kind"] == "outage"
    assert (
        panne["incident_date"] == "2025-04-02"
        and "chatgpt" in panne["products"]
        and "openai" in panne["companies"]
    )
    assert (
        by["chatgpt-retour.html"]["incident_id"] == panne["incident_id"]
    )  # same outage, other site, next day
    assert by["telephone-test.html"] == {
        **by["telephone-test.html"],
        "status": "skipped",
        "reason": "not-ai",
        "article_id": None,
    }
    assert by["telephone-test.html"]["published_at"] == "2025-06-01T09:00:00+02:00"
    for name, reason in (("vide.html", "vide"), ("binaire.html", "binaire"), ("sans-article.html", "texte")):
        assert by[name]["status"] == "error" and reason in by[name]["reason"], by[name]
    # windows-1252 page with broken JSON-LD: decoded, dated from the byline/meta fallback
    cp = by["claude-cp1252.html"]
    assert (
        cp["status"] == "stored" and cp["title"].startswith("Claude inaccessible") and "’" not in cp["title"]
    )
    assert cp["published_at"].startswith("2026-03-02T18:00") and cp["incident_date"] == "2026-03-02"
    assert "claude" in cp["products"]
    # no date anywhere: still stored, published_at null, not an outage
    assert by["sans-date.html"]["status"] == "stored" and by["sans-date.html"]["published_at"] is None
    mistral = by["mistral-modele.html"]
    assert mistral["is_outage"] is False and mistral["published_at"].startswith("2025-05-28T10:00")
    assert {"mistral-ai"} <= set(mistral["companies"]) and "le-chat" in mistral["products"]


def test_same_url_unchanged_then_updated(tmp_path: Path, sqlite_url: str) -> None:
    page = tmp_path / "p.html"
    shutil.copy(SPINE / "mistral-modele.html", page)
    first = json_lines(run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path).stdout)[0]
    again = json_lines(run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path).stdout)[0]
    assert first["status"] == "stored" and again["status"] == "unchanged"
    assert again["article_id"] == first["article_id"]
    # only the modification date moves (many sites do that on every visit): unchanged, the new date is kept
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace('"datePublished"', '"dateModified":"2025-05-29 08:15:00","datePublished"'),
        encoding="utf-8",
    )
    touched = json_lines(run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path).stdout)[0]
    assert touched["status"] == "unchanged", touched
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as s:
        modified = s.scalars(select(Article.modified_at)).one()
        assert modified is not None and (modified.month, modified.day, modified.hour) == (5, 29, 6), (
            modified
        )  # 8:15 in Paris
    engine.dispose()
    page.write_text(
        page.read_text(encoding="utf-8").replace("prix plus bas", "tarif nettement plus bas"),
        encoding="utf-8",
    )
    changed = json_lines(run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path).stdout)[0]
    assert changed["status"] == "updated" and changed["article_id"] == first["article_id"]
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert "tarif nettement plus bas" in s.scalars(select(Article.text)).one()
    engine.dispose()


def test_url_option_and_missing_url(tmp_path: Path, sqlite_url: str) -> None:
    html = (SPINE / "telephone-test.html").read_text(encoding="utf-8")
    page = tmp_path / "sans-url.html"
    page.write_text(
        html.replace('<link rel="canonical" href="https://www.essai-tech.example/tests/pixelio-9.html">', ""),
        encoding="utf-8",
    )
    out = run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path)
    o = json_lines(out.stdout)[0]
    assert o["status"] == "error" and "URL" in o["reason"] and out.returncode == 1
    out = run_cli(
        ["ingest", str(page), "--url", "https://exemple.example/a.html", "--json"], sqlite_url, tmp_path
    )
    o = json_lines(out.stdout)[0]
    assert o["status"] == "skipped" and o["url"] == "https://exemple.example/a.html" and out.returncode == 0


def test_missing_file_is_an_error_not_a_crash(tmp_path: Path, sqlite_url: str) -> None:
    out = run_cli(["ingest", str(tmp_path / "absent.html"), "--json"], sqlite_url, tmp_path)
    o = json_lines(out.stdout)[0]
    assert o["status"] == "error" and "lecture impossible" in o["reason"] and out.returncode == 1


def _on_terminal(args: list[str], db_url: str, data_dir: Path) -> tuple[int, str]:
    """Run `python -m app ARGS` with a terminal as stdout and stderr; (exit status, what the terminal got)."""
    import os
    import pty
    import subprocess
    import sys

    from tests.helpers import ROOT

    master, slave = pty.openpty()
    env = dict(
        os.environ,
        VEILLE_DATABASE_URL=db_url,
        VEILLE_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        TERM="xterm-256color",
        COLUMNS="120",
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return child.wait(60), b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_only(tmp_path: Path, sqlite_url: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("mistral-modele.html", "chatgpt-panne.html", "telephone-test.html"):
        shutil.copy(SPINE / name, pages / name)
    status, screen = _on_terminal(["ingest", str(pages)], sqlite_url, tmp_path)
    assert status == 0, screen
    assert "Pages" in screen and "━" in screen and "100%" in screen, screen  # rich's bar, drawn to the end
    assert "stored" in screen and "Bilan : skipped 1, stored 2" in screen
    piped = run_cli(["ingest", str(pages)], sqlite_url, tmp_path)
    assert piped.returncode == 0
    assert "━" not in piped.stderr and "\x1b[" not in piped.stderr + piped.stdout  # nothing drawn into a pipe
    assert piped.stdout.count("unchanged") == 2
