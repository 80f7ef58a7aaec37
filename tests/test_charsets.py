"""Charsets through `veille ingest`: a BOM wins, a declared charset that does not fit falls back (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.charset import decode
from tests.helpers import json_lines, run_cli
from tests.realpages import TITLE, charset_page

LATIN1_TITLE = TITLE.replace("’", "'")  # Latin-1 has no typographic apostrophe


def charset_cases(page: callable) -> dict[str, tuple[bytes, str]]:  # type: ignore[valid-type]
    """name -> (bytes, expected title); `page(slug, declared)` gives the page's text."""
    return {
        # a UTF-8 page declared as UTF-16: used to be dropped as "no-title"
        "utf16-annonce-utf8": (page("utf16-annonce", "utf-16").encode("utf-8"), TITLE),
        # a real UTF-16 page with its byte-order mark: used to be dropped as "binary"
        "utf16-bom": (page("utf16-bom", "utf-16").encode("utf-16"), TITLE),
        # a Latin-1 body declared as UTF-8: used to be stored garbled ("Déją-vu", "franēais")
        "latin1-annonce-utf8": (page("latin1", "utf-8").replace("’", "'").encode("latin-1"), LATIN1_TITLE),
        # a UTF-8 body declared as Latin-1: decodes without error, into mojibake ("DÃ©jÃ -vu")
        "utf8-annonce-latin1": (page("utf8-latin1", "iso-8859-1").encode("utf-8"), TITLE),
    }


def test_charset_cases_through_veille_ingest(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    cases = charset_cases(charset_page)
    for name, (raw, _title) in cases.items():
        (folder / f"{name}.html").write_bytes(raw)
    out = run_cli(["ingest", str(folder), "--json"], sqlite_url, tmp_path)
    assert out.returncode == 0, out.stderr
    lines = {Path(o["file"]).stem: o for o in json_lines(out.stdout)}
    for name, (_raw, title) in cases.items():
        assert lines[name]["status"] == "stored", lines[name]
        assert lines[name]["title"] == title
        assert "déjà-vu" in lines[name]["summary"] or "déjà-vu" in lines[name]["title"].lower()


@pytest.mark.parametrize(
    ("raw", "declared", "expected"),
    [
        (
            "Déjà-vu en français".encode("cp1252"),
            None,
            "Déjà-vu en français",
        ),  # no declaration: windows-1252 first
        (
            "<p>Привет, это тест кодировки страницы.</p>".encode("cp1251"),
            None,
            "<p>Привет, это тест кодировки страницы.</p>",
        ),  # a Cyrillic page is not taken for Western text
        (
            b"\xef\xbb\xbf<p>d\xc3\xa9j\xc3\xa0</p>",
            "iso-8859-1",
            "<p>déjà</p>",
        ),  # the BOM wins over the header
    ],
)
def test_decode_rules(raw: bytes, declared: str | None, expected: str) -> None:
    assert expected in decode(
        b"<html><body>" + raw + b"</body></html>" if not raw.startswith(b"\xef") else raw, declared
    )


def test_binary_is_still_refused(tmp_path: Path, sqlite_url: str) -> None:
    page = tmp_path / "image.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    out = run_cli(["ingest", str(page), "--json"], sqlite_url, tmp_path)
    [line] = json_lines(out.stdout)
    assert out.returncode == 1 and line["status"] == "error" and "binaire" in line["reason"]
