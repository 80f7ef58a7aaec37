"""Small builders for analysis tests: a Document from French text, an HTML page from the same parts."""

from __future__ import annotations

import html
import json
from datetime import datetime

from app.analysis.dates import PARIS
from app.extract import Document


def paris(iso: str) -> datetime:
    """A Paris wall-clock time from 'YYYY-MM-DDTHH:MM'."""
    return datetime.fromisoformat(iso).replace(tzinfo=PARIS)


def doc(
    title: str,
    text: str,
    published: str = "2025-04-02T18:30",
    lead: str | None = None,
    url: str = "https://www.exemple-tech.fr/article.html",
) -> Document:
    """A Document as extraction would give it."""
    return Document(url=url, title=title, text=text, published_at=paris(published), lead=lead, language="fr")


def outage(title: str, text: str, published: str = "2025-04-02T18:30", lead: str | None = None):  # type: ignore[no-untyped-def]
    """The outage analyse_document finds in an AI news text (OutageReport or None)."""
    from app.analysis import analyse_document

    a = analyse_document(doc(title, text, published, lead))
    assert a.is_ai, "these texts are AI news"
    return a.outage


def page(title: str, paragraphs: list[str], published: str, url: str, boilerplate: str = "") -> bytes:
    """A full HTML article page with JSON-LD, as a French tech site would serve it."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": paris(published).isoformat(),
        "author": {"@type": "Person", "name": "Léa Martin"},
    }
    # extraction wants a real article body (at least 200 characters): a neutral closing paragraph
    closing = (
        "Les équipes techniques publient des mises à jour régulières sur leur page d'état, que les "
        "professionnels consultent avant de relancer leurs traitements automatisés."
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in [*paragraphs, closing])
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="canonical" href="{url}"><script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><header><nav><a href="/">Accueil</a> <a href="/ia">IA</a></nav></header>
<article><h1>{html.escape(title)}</h1><div class="contenu">{body}</div>{boilerplate}</article>
<footer>© Exemple Tech 2025</footer></body></html>""".encode()


def undated_page(title: str, paragraphs: list[str], url: str, boilerplate: str = "") -> bytes:
    """An article page that gives no publication date anywhere (no JSON-LD date, no meta, no byline)."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="canonical" href="{url}"></head>
<body><header><nav><a href="/">Accueil</a></nav></header>
<article><h1>{html.escape(title)}</h1><div class="contenu">{body}</div>{boilerplate}</article>
<footer>Un site d'actualité technologique</footer></body></html>""".encode()
