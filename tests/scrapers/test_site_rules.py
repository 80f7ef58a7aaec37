"""Site rules of the sources file apply (issue 11): each selector changes extraction on a page built for it,
and an invalid selector stops the sources file at load with a French error naming the source and the key."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from app.config import Settings
from app.extract import SiteRules, extract
from app.scrapers.registry import SourcesError, load_sources, parse_sources
from tests.realpages import BODY, TITLE

OK_SITE = '[[sources]]\nname = "Locale"\nhomepage = "http://127.0.0.1:8000/"\nfeeds = []\n'
NOISE = (
    "Offre spéciale réservée aux lecteurs : recevez chaque matin notre lettre d’information sur les "
    "nouveautés du numérique, les bons plans high-tech et les meilleurs tests de la rédaction."
)
DECOY = (
    "Dossier du mois : notre rédaction a comparé pendant six semaines les forfaits mobiles, les box internet "
    "et les offres de stockage en ligne. Voici le détail de chaque formule, avec ses prix, ses options et "
    "les conditions de résiliation, pour vous aider à choisir sans mauvaise surprise sur la facture. "
) * 4
# Noise rules whose block trafilatura's own class/id filters already drop on clean markup (checked below, so
# the list stays true): the rule still applies (asserted) and guards the fallback extractors, which do not
# filter by class.
ALREADY_DROPPED = {
    ".newsletter",
    "div.article-footer",
    ".video-widget",
    ".ad-slot",
    ".shopping-widget",
    ".author-box",
    "aside.ed__m-frmd",
    ".related-posts",
    ".share-bar",
    ".ad-label",
    ".newsletter-form",
    "#cookie-bar",
}


def element_for(selector: str, inner: str) -> str:
    """An element the (simple) selector matches: tag, .classes, #id, [class*="…"]."""
    tag = re.match(r"^[a-z][a-z0-9]*", selector)
    classes = re.findall(r"\.([\w-]+)", selector) + [
        f"x{v.strip()}" for v in re.findall(r'\[class\*="([^"]+)"\]', selector)
    ]
    ident = re.findall(r"#([\w-]+)", selector)
    # a trailing space in [class*="x "] is met by the next class: "x__bdy bloc"
    attrs = (f' class="{" ".join(classes)} bloc"' if classes else "") + (f' id="{ident[0]}"' if ident else "")
    name = tag.group(0) if tag else "div"
    built = f"<{name}{attrs}>{inner}</{name}>"
    assert CSSSelector(selector)(lxml_html.fromstring(f"<div>{built}</div>")), (selector, built)
    return built


def _rules() -> list[tuple[str, str, str]]:
    out = []
    for src in load_sources(Settings().sources_file):
        if src.rules is None:
            continue
        if src.rules.content_selector:
            out.append((src.name, "content_selector", src.rules.content_selector))
        out += [(src.name, "noise_selectors", sel) for sel in src.rules.noise_selectors]
    return out


def _page(article: str, outside: str = "") -> bytes:
    return (
        f'<html lang="fr"><head><title>{TITLE}</title><link rel="canonical" href="https://presse.example/a.html">'
        f"</head><body><h1>{TITLE}</h1>{article}{outside}</body></html>"
    ).encode()


@pytest.mark.parametrize(("source", "key", "selector"), _rules())
def test_each_packaged_rule_changes_extraction(source: str, key: str, selector: str) -> None:
    if key == "content_selector":
        # the article in the site's content block, a longer unrelated block outside it
        page = _page(element_for(selector, BODY), f"<div class='dossier'><p>{DECOY}</p></div>")
        rules = SiteRules(content_selector=selector)
        marker = "Dossier du mois"
    else:
        # the site's noise block inside the article's text
        cut = BODY.index("</p>") + 4  # after the first paragraph
        page = _page(
            "<div class='texte'>"
            + BODY[:cut]
            + element_for(selector, f"<p>{NOISE}</p>")
            + BODY[cut:]
            + "</div>"
        )
        rules = SiteRules(noise_selectors=(selector,))
        marker = "Offre spéciale réservée"
    without = extract(page).text
    with_rule = extract(page, rules=rules).text
    assert "déjà-vu" in with_rule
    assert marker not in with_rule, (source, selector)
    if selector in ALREADY_DROPPED:
        assert marker not in without
    else:
        assert marker in without, f"{source} {key} {selector}: the page does not show what the rule changes"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("content_selector", '"div[class"'),
        ("noise_selectors", '[".ok", "p >> span"]'),
        ("noise_selectors", '["a:nth-child(x)"]'),
    ],
)
def test_invalid_selector_is_a_french_error_at_load(key: str, value: str) -> None:
    with pytest.raises(SourcesError) as err:
        parse_sources(f"{OK_SITE}{key} = {value}\n")
    msg = str(err.value)
    assert "« Locale »" in msg and f"« {key} »" in msg and "sélecteur CSS invalide" in msg


def test_invalid_selector_stops_veille_crawl(tmp_path, sqlite_url) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    sources = tmp_path / "sources.toml"
    sources.write_text(OK_SITE + 'content_selector = "div[class"\n', encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_SOURCES_FILE=str(sources),
        VEILLE_DATABASE_URL=sqlite_url,
        VEILLE_DATA_DIR=str(tmp_path),
    )
    out = subprocess.run(
        [sys.executable, "-m", "app", "crawl"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode != 0
    assert "« content_selector » contient un sélecteur CSS invalide" in out.stderr and "Locale" in out.stderr
