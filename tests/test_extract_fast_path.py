"""trafilatura's fast mode first, its full cascade when the fast result is doubtful (app.extract.main_text)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from lxml import etree
from lxml import html as lxml_html

import app.extract as extract_mod
from app.extract import FAST_MIN_CHARS, doubtful, extract, main_text, paragraph_chars

SENTENCES = [
    "La rédaction a testé pendant trois semaines le nouvel assistant vocal proposé par une jeune pousse lyonnaise.",
    "Les réponses arrivent vite, mais l’outil se trompe encore souvent sur les horaires des trains régionaux.",
    "Son éditeur promet une mise à jour avant l’été, avec une meilleure prise en charge des accents du Sud-Ouest.",
    "Les données vocales restent stockées en France, un argument que l’entreprise met en avant auprès des mairies.",
    "Le tarif annoncé pour les collectivités reste élevé comparé aux solutions concurrentes venues des États-Unis.",
    "Plusieurs bibliothèques municipales prévoient pourtant de l’essayer à l’accueil dès la rentrée de septembre.",
]


def _page(article: str, extra: str = "") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un assistant vocal à l’essai</title>'
        f'<link rel="canonical" href="https://exemple.fr/a/1.html"></head><body><main><article>'
        f"<h1>Un assistant vocal à l’essai</h1>{article}</article></main>{extra}</body></html>"
    ).encode()


def _calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record the `fast` flag of every trafilatura run made by extract()."""
    seen: list[bool] = []
    real = extract_mod._trafilatura

    def spy(tree, url, fast, **kw):  # type: ignore[no-untyped-def]
        seen.append(fast)
        return real(tree, url, fast, **kw)

    monkeypatch.setattr(extract_mod, "_trafilatura", spy)
    return seen


def _result(text: str, body_xml: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, body=etree.fromstring(body_xml))


def test_long_clean_article_takes_the_fast_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _calls(monkeypatch)
    doc = extract(_page("".join(f"<p>{s}</p>" for s in SENTENCES)))
    assert calls == [True]
    assert SENTENCES[0] in doc.text and SENTENCES[-1] in doc.text


def test_short_article_takes_the_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _calls(monkeypatch)
    text = SENTENCES[0] + " " + SENTENCES[1] + " " + SENTENCES[2]
    assert 200 <= len(text) < FAST_MIN_CHARS
    doc = extract(_page(f"<p>{text}</p>"))
    assert calls == [True, False]
    assert SENTENCES[2] in doc.text


def test_page_with_much_more_paragraph_text_than_extracted_takes_the_full_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the article is found, but the page holds three times as much paragraph text elsewhere
    calls = _calls(monkeypatch)
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    elsewhere = "".join(f'<div class="related"><p>{s} {s}</p></div>' for s in SENTENCES)
    page = _page(body, f'<div id="plus">{elsewhere}</div>')
    tree = lxml_html.fromstring(page.decode())
    fast = extract_mod._trafilatura(tree, "https://exemple.fr/a/1.html", fast=True)
    assert fast is not None and len(fast.text) < 0.5 * paragraph_chars(tree)  # the situation under test
    main_text(tree, "https://exemple.fr/a/1.html")
    assert calls == [True, True, False]


def test_doubtful_results() -> None:
    long = " ".join(SENTENCES)
    assert doubtful(None, 0)
    assert not doubtful(_result(long, f"<body><p>{long}</p></body>"), len(long))
    assert doubtful(_result(long[:300], f"<body><p>{long[:300]}</p></body>"), 300)  # too short in itself
    assert doubtful(_result(long, f"<body><p>{long}</p></body>"), 3 * len(long))  # short for its page
    assert doubtful(_result(long, f"<body><head>{long}</head></body>"), len(long))  # no paragraph
    assert doubtful(_result(long, f"<body><p>{long}</p><footer><p>Contact</p></footer></body>"), len(long))


def test_trafilatura_metadata_only_when_the_page_leaves_something_unsaid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    flags: list[bool] = []
    real = extract_mod.fallback_metadata

    def spy(*args):  # type: ignore[no-untyped-def]
        flags.append(True)
        return real(*args)

    monkeypatch.setattr(extract_mod, "fallback_metadata", spy)
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    said = (
        '<meta property="og:site_name" content="Le Canard Numérique">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Un assistant vocal à l’essai", '
        '"author": {"@type": "Person", "name": "Léa Martin"}}</script>'
    )
    page = _page(body).replace(b"<title>", said.encode() + b"<title>")
    doc = extract(page)
    assert flags == []
    assert (doc.site_name, doc.author, doc.language) == ("Le Canard Numérique", "Léa Martin", "fr")
    flags.clear()
    doc = extract(_page(body))  # no site name, no author of its own: trafilatura's metadata fills in
    assert flags == [True]
    assert doc.site_name


def test_comments_are_read_for_dates_then_dropped_before_the_text() -> None:
    # htmldate finds this page's only date in an RDF block inside a comment (some blog platforms write
    # one); the comment, the style sheet and the drawing are dropped before the text passes, never in it
    rdf = (
        '<!-- <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description dc:title="Essai" '
        'dc:date="2021-03-14T09:30:00+01:00" /></rdf:RDF> -->'
    )
    article = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = _page(
        article + "<style>.pub { color: red } /* note de maquette */</style>"
        "<svg><text>Légende du schéma</text></svg>",
        rdf,
    ).replace(b'<link rel="canonical"', b'<link rel="x"')
    doc = extract(page, url="https://exemple.fr/a/1.html")
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2021-03-14"
    assert SENTENCES[0] in doc.text and SENTENCES[-1] in doc.text
    assert "rdf" not in doc.text and "maquette" not in doc.text and "schéma" not in doc.text


def test_parsed_tree_elements_are_html_elements() -> None:
    # one element class for all (chosen in C): text_content, cssselect and drop_tree work on every node
    tree = extract_mod.parse_html(
        '<html><body><form><input name="q"><label>Chercher</label></form><p class="x">Texte</p></body></html>'
    )
    assert all(isinstance(el, lxml_html.HtmlElement) for el in tree.iter(etree.Element))
    assert [p.text_content() for p in tree.cssselect("p.x")] == ["Texte"]
