"""Pages written for issue 11: each reproduces one way real news pages fooled date, text or charset handling.

Every sentence is original. Each date page comes with what extraction must find: (published, modified,
date_source), published and modified as ISO prefixes.
"""

from __future__ import annotations

TITLE = "Déjà-vu : l’assistant Vega répond de travers en français"
BODY = (
    "<p>L’assistant conversationnel Vega, un service d’intelligence artificielle, a donné mardi des réponses "
    "étranges à ses utilisateurs francophones : plusieurs phrases revenaient deux fois, comme un déjà-vu.</p>"
    "<p>L’éditeur explique que la dernière mise à jour de son modèle de langage a mal géré les caractères "
    "accentués, ce qui a perturbé la génération des réponses pendant environ trois heures.</p>"
    "<p>Les équipes ont retiré la mise à jour dans l’après-midi. Le service fonctionne de nouveau "
    "normalement, et l’entreprise promet des tests plus complets avant chaque nouvelle version.</p>"
    "<p>Des développeurs rappellent que l’IA générative reste sensible aux détails d’encodage : une lettre "
    "mal lue en entrée peut suffire à dérouter un modèle pendant toute une conversation.</p>"
)
DRAWING = (
    "<p>L’illustration qui accompagne cet article reprend un dessin daté du 3 mars 1998, conservé par "
    "l’auteur depuis ses années d’école.</p>"
)


def page(
    slug: str,
    head: str = "",
    header: str = "",
    body: str = BODY,
    canonical: str | None = None,
    before: str = "",
    after: str = "",
) -> str:
    """A French news page: head extras, an <article> with its heading and header, sidebars around it."""
    url = canonical or f"https://presse.example/actualites/{slug}.html"
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{TITLE} | Presse Exemple</title>'
        f'<link rel="canonical" href="{url}">{head}</head><body>'
        f'<nav><a href="/">Accueil</a> <a href="/ia">Intelligence artificielle</a></nav>{before}'
        f"<article><h1>{TITLE}</h1>{header}{body}</article>{after}"
        f"<footer><p>Presse Exemple, site de démonstration.</p></footer></body></html>"
    )


SIDEBAR_ITEMS = (
    '<div class="liste">'
    '<div itemscope itemtype="https://schema.org/NewsArticle"><h3 itemprop="headline">Un autre sujet</h3>'
    '<meta itemprop="datePublished" content="2015-01-05T08:00:00+01:00"></div>'
    '<div itemscope itemtype="https://schema.org/NewsArticle"><h3 itemprop="headline">Encore un autre</h3>'
    '<meta itemprop="datePublished" content="2015-02-11T08:00:00+01:00"></div></div>'
)

# name -> (html, published prefix or None, modified prefix or None, date_source)
DATE_PAGES: dict[str, tuple[str, str | None, str | None, str]] = {
    "url-seule": (
        page("x", canonical="https://presse.example/2019/05/07/vega-deja-vu.html"),
        "2019-05-07",
        None,
        "url",
    ),
    "signature-jour-semaine": (
        page(
            "signature-mardi",
            header=(
                '<p class="signature">Par <span class="auteur">Claire Dumas</span>, Mardi 24 janvier 2017</p>'
            ),
        ),
        "2017-01-24",
        None,
        "byline",
    ),
    "signature-majuscule": (
        page(
            "signature-aout",
            header=(
                '<p class="byline">Par <a rel="author" href="/auteurs/ml">Marc Lenoir</a> | 15 Août 2016</p>'
            ),
        ),
        "2016-08-15",
        None,
        "byline",
    ),
    "time-jour-en-premier": (
        page("time-jour", header='<time datetime="09/11/2016">9 novembre 2016</time>'),
        "2016-11-09",
        None,
        "time",
    ),
    "meta-valeur-bizarre": (
        page(
            "meta-cest",
            head=('<meta property="article:published_time" content="2016-08-15CEST10:01:00+0200">'),
        ),
        "2016-08-15T10:01:00+02:00",
        None,
        "meta",
    ),
    "dc-date": (
        page("dc-date", head='<meta name="DC.date" content="2018-03-12">'),
        "2018-03-12",
        None,
        "meta",
    ),
    "citation-date": (
        page("citation", head='<meta name="citation_date" content="2020/06/30">'),
        "2020-06-30",
        None,
        "meta",
    ),
    "microdonnees-barre-laterale": (
        page(
            "microdonnees",
            before=SIDEBAR_ITEMS,
            body=(
                '<div itemscope itemtype="https://schema.org/NewsArticle">'
                '<time itemprop="datePublished" datetime="2021-04-06T08:00:00+02:00">6 avril 2021</time>'
                f"{BODY}</div>"
            ),
        ),
        "2021-04-06T08:00:00+02:00",
        None,
        "microdata",
    ),
    "jsonld-liste": (
        page(
            "jsonld-liste",
            head=(
                '<script type="application/ld+json">[{"@type": "NewsArticle", "headline": "Un autre sujet", '
                '"url": "https://presse.example/actualites/autre.html", "datePublished": "2014-06-01T10:00:00+02:00"}, '
                '{"@type": "NewsArticle", "headline": "Vega", "url": "https://presse.example/actualites/jsonld-liste.html",'
                ' "datePublished": "2023-09-18T07:30:00+02:00", "dateModified": "2023-09-19T12:00:00+02:00"}]</script>'
            ),
        ),
        "2023-09-18T07:30:00+02:00",
        "2023-09-19T12:00:00+02:00",
        "jsonld",
    ),
    "modifie-avant-publie-meta": (
        page(
            "modifie-meta",
            head=(
                '<meta property="article:modified_time" content="2022-10-05T16:00:00+02:00">'
                '<meta property="article:published_time" content="2022-10-03T09:00:00+02:00">'
            ),
        ),
        "2022-10-03T09:00:00+02:00",
        "2022-10-05T16:00:00+02:00",
        "meta",
    ),
    "modifie-avant-publie-signature": (
        page(
            "modifie-signature",
            header=("<p>Mis à jour le 5 octobre 2022 à 16h00</p><p>Publié le 3 octobre 2022 à 9h00</p>"),
        ),
        "2022-10-03T09:00:00+02:00",
        "2022-10-05T16:00:00+02:00",
        "byline",
    ),
    "date-du-dessin": (
        page(
            "dessin",
            header='<time datetime="2016-05-12T09:30:00+02:00">12 mai 2016</time>',
            body=DRAWING + BODY,
        ),
        "2016-05-12T09:30:00+02:00",
        None,
        "time",
    ),
}


def charset_page(slug: str, declared: str | None) -> str:
    """The article page with a <meta charset> of `declared` (none when None)."""
    html = page(slug)
    meta = f'<meta charset="{declared}">' if declared else ""
    return html.replace('<meta charset="utf-8">', meta)
