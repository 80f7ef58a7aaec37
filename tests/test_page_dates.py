"""Publication and modification dates on pages reproducing what fooled us on real pages (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.datevalue import parse_date_value
from app.extract import extract
from app.models import Article
from tests.helpers import ingest_files, json_lines, run_cli
from tests.realpages import DATE_PAGES


def _check(
    published: str | None,
    modified: str | None,
    source: str | None,
    expected: tuple[str, str | None, str | None, str],
) -> None:
    _html, pub, mod, src = expected
    assert published is not None and published.startswith(pub), published  # type: ignore[arg-type]
    assert (modified is None) if mod is None else (modified is not None and modified.startswith(mod)), (
        modified
    )
    assert source == src


@pytest.mark.parametrize("name", sorted(DATE_PAGES))
def test_each_pattern_gets_its_date(name: str) -> None:
    html, *_ = DATE_PAGES[name]
    doc = extract(html.encode("utf-8"))
    _check(
        doc.published_at.isoformat() if doc.published_at else None,
        doc.modified_at.isoformat() if doc.modified_at else None,
        doc.date_source,
        DATE_PAGES[name],
    )
    assert "déjà-vu" in doc.text  # the text is the article's, whatever the date markup around it


def test_every_pattern_through_veille_ingest(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, (html, *_rest) in DATE_PAGES.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    out = run_cli(["ingest", str(folder), "--json"], sqlite_url, tmp_path)
    assert out.returncode == 0, out.stderr
    lines = {Path(o["file"]).stem: o for o in json_lines(out.stdout)}
    assert set(lines) == set(DATE_PAGES)
    for name, line in lines.items():
        assert line["status"] == "stored", line
        _check(line["published_at"], line["modified_at"], line["date_source"], DATE_PAGES[name])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-08-15CEST10:01:00+0200", "2016-08-15T10:01:00+02:00"),
        ("09/11/2016", "2016-11-09T00:00:00+01:00"),  # day first, the French order
        ("08/15/2016", "2016-08-15T00:00:00+02:00"),  # month first only when the day cannot be a month
        ("Mardi 24 janvier 2017", "2017-01-24T00:00:00+01:00"),
        ("15 Août 2016 à 10h30", "2016-08-15T10:30:00+02:00"),
        ("2020-06-30T22:15:00Z", "2020-06-30T22:15:00+00:00"),
        ("20200414T00:38:07Z", "2020-04-14T00:38:07+00:00"),
    ],
)
def test_date_values_as_pages_write_them(value: str, expected: str) -> None:
    parsed = parse_date_value(value)
    assert parsed is not None and parsed.isoformat() == expected


@pytest.mark.parametrize("value", ["", "bientôt", "31/02/2020", "2099-01-01", "1890-05-04", "12:30"])
def test_impossible_or_implausible_values_give_no_date(value: str) -> None:
    assert parse_date_value(value) is None


def test_article_page_says_when_it_was_updated(
    client: TestClient, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    page = tmp_path / "maj.html"
    page.write_text(DATE_PAGES["modifie-avant-publie-meta"][0], encoding="utf-8")
    [result] = ingest_files(session_factory, page)
    assert result.status == "stored"
    with session_factory() as s:
        row = s.get(Article, result.article_id)
        assert row is not None and row.date_source == "meta" and row.modified_at is not None
    html = client.get(f"/articles/{result.article_id}").text
    assert "publié le" in html and "mis à jour le" in html
    assert 'datetime="2022-10-05T16:00:00+02:00"' in html


@pytest.mark.parametrize(
    "word", ["Dépêche diffusée le", "Mis en ligne le", "Paru le", "Publié le", "Direct ouvert le"]
)
def test_a_byline_in_a_wires_own_words_dates_the_page(word: str) -> None:
    # a wire page with no metadata: its visible line is its only date (htmldate alone guessed 1 January from the
    # copyright year on such a page of set AA)
    html = (
        "<html><head><title>La NASA bloque DeepSeek</title>"
        '<link rel="canonical" href="https://depeches.example/tech/nasa-deepseek"></head><body>'
        "<header><p>© 2025 Dépêches</p></header><article><h1>La NASA bloque DeepSeek sur ses réseaux</h1>"
        f"<p class='meta'>{word} samedi 1er février 2025, 10 h 15 · Rédaction</p>"
        "<p>L'agence spatiale a bloqué l'accès à l'assistant chinois sur ses appareils et ses réseaux, a-t-on appris "
        "vendredi. Les agents ne peuvent plus y verser de données de l'agence.</p>"
        * 3
        + "</article></body></html>"
    )
    doc = extract(html.encode(), "https://depeches.example/tech/nasa-deepseek")
    assert doc.published_at is not None and doc.published_at.isoformat().startswith("2025-02-01T10:15")
