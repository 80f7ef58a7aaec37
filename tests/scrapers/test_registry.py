"""The sources file: the packaged one is valid, bad files give clear French errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.scrapers.registry import SourcesError, load_sources, parse_sources, select_sources

OK_SITE = '[[sources]]\nname = "local"\nhomepage = "http://127.0.0.1:8000/"\nfeeds = ["http://127.0.0.1:8000/feed.xml"]\n'


def test_packaged_sources_file_lists_french_sites_and_status_pages() -> None:
    sources = load_sources(Settings().sources_file)
    sites = [s for s in sources if s.kind == "site"]
    status = [s for s in sources if s.kind == "statuspage"]
    assert sites[0].name == "01net"
    assert len(sites) >= 12
    assert all(s.feeds for s in sites)
    assert {s.format for s in status} == {"statuspage-v2", "google"}
    covered = {p for s in status for p in s.products}
    assert {"claude", "chatgpt", "github-copilot", "gemini"} <= covered
    assert sites[0].rules is not None and sites[0].rules.content_selector == "div.entry-content"


def test_minimal_local_source_with_zero_delay() -> None:
    [src] = parse_sources(OK_SITE + "delay = 0\n")
    assert src.delay == 0.0 and src.kind == "site" and src.sitemaps == ()
    assert src.accepts("http://127.0.0.1:8000/a/page.html")
    assert not src.accepts("http://autre.example/a/page.html")


def test_url_pattern_filters_article_urls() -> None:
    [src] = parse_sources(OK_SITE + "url_pattern = '/a/[^/]+\\.html$'\n")
    assert src.accepts("http://127.0.0.1:8000/a/x.html")
    assert not src.accepts("http://127.0.0.1:8000/tag/ia/")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[sources]\nname=", "TOML invalide"),
        ("titre = 'rien'\n", "aucune source"),
        ('[[sources]]\nhomepage = "http://a.fr/"\nfeeds = []\n', "« name » est obligatoire"),
        (OK_SITE + OK_SITE, "utilisé par plusieurs sources"),
        ('[[sources]]\nname = "x"\nhomepage = "a.fr"\nfeeds = []\n', "URL http(s) complète"),
        ('[[sources]]\nname = "x"\nhomepage = "http://a.fr/"\n', "« feeds » est obligatoire"),
        (
            '[[sources]]\nname = "x"\nhomepage = "http://a.fr/"\nfeeds = "http://a.fr/feed"\n',
            "doit être une liste",
        ),
        (OK_SITE + "delay = -1\n", "« delay »"),
        (OK_SITE + "delay = 'vite'\n", "« delay »"),
        (OK_SITE + "url_pattern = '(['\n", "expression régulière"),
        (OK_SITE + "selecteur = 'div'\n", "clé(s) inconnue(s) selecteur"),
        (
            '[[sources]]\nname = "s"\nkind = "statuspage"\nurl = "http://a.fr/x.json"\nformat = "rss"\n',
            "« format »",
        ),
        ('[[sources]]\nname = "s"\nkind = "statuspage"\nformat = "google"\n', "« url »"),
        ('[[sources]]\nname = "s"\nkind = "forum"\n', "« kind »"),
    ],
)
def test_bad_sources_files_are_refused_in_french(text: str, message: str) -> None:
    with pytest.raises(SourcesError) as err:
        parse_sources(text)
    assert message in str(err.value)


def test_missing_file_and_unknown_source_name(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="introuvable"):
        load_sources(tmp_path / "absent.toml")
    sources = parse_sources(OK_SITE)
    with pytest.raises(SourcesError, match="source\\(s\\) inconnue\\(s\\) : nulle-part"):
        select_sources(sources, ["nulle-part"])
    assert select_sources(sources, ["LOCAL"]) == sources
