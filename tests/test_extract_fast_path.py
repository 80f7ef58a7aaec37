"""trafilatura's fast mode first, its full cascade when the fast result is doubtful (app.extract.main_text)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from lxml import etree
from lxml import html as lxml_html

import app.extract as extract_mod
from app.extract import (
    FAST_MIN_CHARS,
    MIN_TEXT_CHARS,
    doubtful,
    extract,
    paragraph_chars,
    readability_chars,
)

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
    text = SENTENCES[0] + " " + SENTENCES[1]
    assert MIN_TEXT_CHARS <= len(text) < FAST_MIN_CHARS
    doc = extract(_page(f"<p>{text}</p>"))
    assert calls == [True, False]
    assert SENTENCES[1] in doc.text


def _chrome() -> str:
    """What a real news page puts around its article: a menu, a "most read" list, teasers with their own
    paragraphs, reader comments and a legal footer; together far more paragraph text than the article."""
    menu = "".join(f'<li><a href="/rubrique/{i}">Rubrique numéro {i}</a></li>' for i in range(40))
    teasers = "".join(
        f'<div class="teaser"><a href="/a/{i}.html"><h3>Autre essai de la semaine, épisode {i}</h3>'
        f"<p>Notre équipe a aussi mis à l’épreuve un objet connecté de plus, verdict numéro {i} en page.</p></a></div>"
        for i in range(10)
    )
    comments = "".join(
        f'<div class="comment"><span class="author">lecteur{i}</span><p>Je me demande si la version {i} '
        f"du logiciel comprendra enfin mon accent, ou si je devrai encore parler comme un présentateur.</p>"
        f'<a href="#r{i}">Répondre</a></div>'
        for i in range(12)
    )
    legal = " ".join(
        f"Mention légale {i} : toute reproduction de ce site, même partielle, demande l’accord écrit de l’éditeur."
        for i in range(10)
    )
    return (
        f'<aside class="most-read"><h2>Les plus lus</h2><ul>{menu[:1500]}</ul></aside>'
        f'<aside class="related"><h2>À lire aussi</h2>{teasers}</aside>'
        f'<section class="comments"><h2>Commentaires</h2>{comments}</section>'
        f'<footer class="site-footer"><ul>{menu}</ul><p class="legal">{legal}</p></footer>'
    )


def test_article_in_heavy_chrome_takes_the_fast_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _calls(monkeypatch)
    article = "".join(f"<p>{s}</p>" for s in SENTENCES)
    menu = "".join(f'<li><a href="/rubrique/{i}">Rubrique numéro {i}</a></li>' for i in range(60))
    page = _page(article, _chrome()).replace(
        b"<main>", f'<header><nav class="menu"><ul>{menu}</ul></nav></header><main>'.encode()
    )
    tree = lxml_html.fromstring(page.decode())
    chrome_paragraphs = sum(len(p.text_content()) for p in tree.iter("p")) - len(" ".join(SENTENCES))
    assert chrome_paragraphs > 2 * len(" ".join(SENTENCES))  # the page's paragraphs are mostly chrome
    doc = extract(page)
    assert calls == [True]
    assert all(s in doc.text for s in SENTENCES)
    assert "lecteur" not in doc.text and "Mention légale" not in doc.text and "verdict" not in doc.text


def _lead_then_br_text() -> bytes:
    """An older CMS's article: a lead paragraph, then the body as lines separated by <br>, outside any <p>.
    trafilatura's fast mode keeps the lead only; readability (and the full cascade) find the body."""
    lead = f'<div class="chapo"><p>{SENTENCES[0]} {SENTENCES[1]} {SENTENCES[2]}</p></div>'
    body = '<div class="texte">' + "<br><br>".join(f"{s} {s}" for s in SENTENCES) + "</div>"
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un assistant vocal à l’essai</title>'
        '<link rel="canonical" href="https://exemple.fr/a/1.html"></head><body><div id="page">'
        f"<h1>Un assistant vocal à l’essai</h1>{lead}{body}</div></body></html>"
    ).encode()


def test_page_where_the_fast_result_misses_the_body_takes_the_full_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _lead_then_br_text()
    tree = extract_mod.parse_html(page.decode())
    fast = extract_mod._trafilatura(tree, "https://exemple.fr/a/1.html", fast=True)
    assert fast is not None and SENTENCES[3] not in fast.text  # the situation under test: the body is missed
    assert readability_chars(tree) > 2 * len(fast.text)
    calls = _calls(monkeypatch)
    doc = extract(page)
    assert calls == [True, False]
    assert all(s in doc.text for s in SENTENCES)


def test_doubtful_results() -> None:
    long = " ".join(SENTENCES)
    alone = lxml_html.fromstring(f"<html><body><article><p>{long}</p></article></body></html>")
    assert doubtful(None, alone)
    assert not doubtful(_result(long, f"<body><p>{long}</p></body>"), alone)
    assert doubtful(_result(long[:240], f"<body><p>{long[:240]}</p></body>"), alone)  # too short in itself
    assert doubtful(_result(long, f"<body><head>{long}</head></body>"), alone)  # no paragraph
    assert doubtful(_result(long, f"<body><p>{long}</p><footer><p>Contact</p></footer></body>"), alone)
    # readability finds a block three times as long as the result: the cascade may pick it
    triple = lxml_html.fromstring(
        "<html><body><article>"
        + "".join(f"<p>{s} {s} {s}</p>" for s in SENTENCES)
        + "</article></body></html>"
    )
    assert doubtful(_result(long, f"<body><p>{long}</p></body>"), triple)
    # readability edits the tree it reads: the page's own tree is left whole
    before = lxml_html.tostring(triple)
    readability_chars(triple)
    assert lxml_html.tostring(triple) == before


def test_empty_or_odd_trees_do_not_break_the_readability_check() -> None:
    for markup in (
        "<html></html>",
        "<html><body></body></html>",
        "<p>seul</p>",
        "<html><body><td>x</td></body></html>",
    ):
        assert readability_chars(lxml_html.fromstring(markup)) >= 0


def test_readability_runs_only_outside_the_safe_band(monkeypatch: pytest.MonkeyPatch) -> None:
    # the fast text holds between half and all of the page's paragraph text: readability, which scores those
    # paragraphs, cannot find twice as much, and is not run (the crawl's plain pages all fall here)
    long = " ".join(SENTENCES)
    runs: list[int] = []
    real = extract_mod.readability_chars
    monkeypatch.setattr(extract_mod, "readability_chars", lambda tree: runs.append(1) or real(tree))
    caption = "<p>Photo : la borne d’accueil de la médiathèque, en test depuis juin.</p>"
    page = lxml_html.fromstring(f"<html><body><article><p>{long}</p></article>{caption}</body></html>")
    assert FAST_MIN_CHARS <= len(long) < paragraph_chars(page)
    assert not doubtful(_result(long, f"<body><p>{long}</p></body>"), page)
    assert runs == []
    # fewer than half: paragraphs may be missed; as much as all of them or more: text outside <p>
    assert not doubtful(_result(long, f"<body><p>{long}</p></body>"), lxml_html.fromstring(f"<p>{long}</p>"))
    assert runs == [1]
    comments = "".join(f'<div class="comment"><p>{s} Je confirme.</p></div>' for s in SENTENCES * 2)
    crowded = lxml_html.fromstring(f"<html><body><article><p>{long}</p></article>{comments}</body></html>")
    assert not doubtful(_result(long, f"<body><p>{long}</p></body>"), crowded)
    assert runs == [1, 1]


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


def test_what_a_browser_never_shows_is_not_article_text() -> None:
    """A consent dialog's hidden list of partners at the top of the body, a closed menu and a <template> are not
    the article; text collapsed with hidden="until-found" is (a reader can open it)."""
    consent = (
        '<div id="consent"><p>Nous utilisons des cookies.</p><div class="vendors" hidden><h2>Partenaires</h2>'
        "<p>Les sociétés listées ci-dessous peuvent lire et écrire des identifiants sur votre appareil.</p>"
        "<p>Retirez votre accord partenaire par partenaire dans la liste suivante.</p></div></div>"
        '<nav hidden="hidden"><p>Rubriques masquées du menu principal, ouvertes par un bouton.</p></nav>'
        "<template><p>Gabarit de commentaire rempli par le script de la page.</p></template>"
    )
    more = (
        '<div hidden="until-found"><p>Le détail des tarifs figure dans une section repliée que le lecteur peut '
        "déplier d’un clic, sans script.</p></div>"
    )
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    raw = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Un assistant vocal à l’essai</title>'
        '<link rel="canonical" href="https://exemple.fr/a/1.html"></head><body>'
        f'{consent}<div class="grid"><div class="story"><h1>Un assistant vocal à l’essai</h1>'
        f'<div class="txt">{paragraphs}{more}</div></div></div>'
        "</body></html>"
    ).encode()
    text = extract(raw).text
    assert SENTENCES[0] in text and SENTENCES[-1] in text
    for hidden in (
        "identifiants sur votre appareil",
        "partenaire par partenaire",
        "Rubriques masquées",
        "Gabarit",
    ):
        assert hidden not in text, hidden
    assert "section repliée" in text


def test_hidden_consent_list_on_a_wire_page() -> None:
    """Set AZ's wire page (written for the project): its consent dialog holds a hidden list of partners before the
    story, which used to open the article text."""
    from pathlib import Path

    page = (
        Path(__file__).parent / "blind/pages/az/depeches-vilaine/cloudflare-chatgpt-x-coupures-en-chaine.html"
    )
    text = extract(page.read_bytes()).text
    assert "Peu après 12 h 20" in text
    assert "partenaires ci-dessous" not in text and "Décochez" not in text
