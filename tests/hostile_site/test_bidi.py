"""Item 10 of issue 12: bidirectional control characters never reach stored text or the pages."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from app.config import Settings
from app.db import make_engine, make_sessionmaker, migrate, unit_of_work
from app.models import Article, Source
from app.scrapers.registry import parse_sources
from app.services.ingest import ingest_bytes
from tests.hostile_site.conftest import start

RLO, PDF, LRI, PDI, RLM, ALM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c"
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# A page written for this test: a trap title that would display reversed, and controls scattered everywhere.
PAGE = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Claude {RLO}exe.ennap{PDF} : l'assistant d'Anthropic hors service ce jeudi</title>
<meta property="og:site_name" content="Le {LRI}Miroir{PDI} Num{RLM}érique">
<link rel="canonical" href="https://miroir-numerique.example/ia/claude-hors-service-jeudi.html">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Claude {RLO}exe.ennap{PDF} : l'assistant d'Anthropic hors service ce jeudi","datePublished":"2025-03-06T10:12:00+01:00","author":{{"@type":"Person","name":"Mar{RLO}ion Leb{PDF}lanc"}}}}</script>
</head><body><article><h1>Claude {RLO}exe.ennap{PDF} : l'assistant d'Anthropic hors service ce jeudi</h1>
<p>Ce jeudi matin, Claude, l'assistant conversationnel d'Anthropic, est resté {ALM}muet pour une large part de ses
abonnés européens. Les tentatives de connexion aboutissaient à une page blanche{RLM} puis à un message d'erreur.</p>
<p>La page de statut d'Anthropic a reconnu une panne {LRI}touchant l'application web{PDI} et l'API, avant d'annoncer
un retour progressif du service en fin de matinée, après un peu plus de deux heures d'interruption.</p>
<p>Les développeurs qui avaient branché leurs outils internes sur le modèle ont dû patienter, faute de solution de
repli configurée à l'avance dans leurs chaînes de traitement.</p>
</article></body></html>""".encode()


def _clean(value: object) -> bool:
    return not (BIDI & set(str(value)))


def test_bidi_controls_are_stripped_from_stored_and_served_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    engine = make_engine(url)
    migrate(engine)
    with unit_of_work(make_sessionmaker(engine)) as session:
        result = ingest_bytes(session, PAGE)
    assert result.status == "stored", result
    with make_sessionmaker(engine)() as session:
        article = session.scalars(select(Article)).one()
        source = session.get(Source, article.source_id)
        assert article.title.startswith("Claude exe.ennap : ")
        assert article.author == "Marion Leblanc"
        for value in (
            article.title,
            article.author,
            article.summary,
            article.text,
            article.lead,
            source.name,
        ):
            assert _clean(value), repr(value)
        assert source.name == "Le Miroir Numérique"
    engine.dispose()
    settings = Settings(database_url=url, data_dir=tmp_path)
    srv, _ = start(settings)
    with srv, httpx.Client(base_url=srv.url, timeout=10) as c:
        for path in (
            f"/api/articles/{result.article_id}",
            f"/articles/{result.article_id}",
            "/api/articles?q=claude",
            "/recherche?q=claude",
            "/",
            "/flux/pannes.atom",
            "/sources",
            "/api/sources",
        ):
            r = c.get(path)
            assert r.status_code == 200 and _clean(r.text), path


def test_bidi_controls_are_stripped_from_configured_source_names() -> None:
    sources = parse_sources(
        f'[[sources]]\nname = "Pixel{RLO}s Ma{PDF}tin"\nhomepage = "https://pixels.example/"\n'
        'feeds = ["https://pixels.example/flux.xml"]\n',
        origin="test",
    )
    assert sources[0].name == "Pixels Matin"


def test_bidi_controls_are_stripped_from_official_incident_titles(session) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from app.models import OfficialIncident
    from app.scrapers.statuspage import OfficialRecord
    from app.services.official import store_official

    record = OfficialRecord(
        external_id="bidi-1",
        title=f"Erreurs {RLO}IPA'l ed{PDF} en hausse",
        status="resolved",
        impact="minor",
        started_at=datetime(2025, 5, 3, 9, 0, tzinfo=UTC),
        resolved_at=None,
        url="https://status.exemple.example/incidents/bidi-1",
    )
    store_official(session, "exemple", [record], ("chatgpt",))
    assert session.scalars(select(OfficialIncident.title)).one() == "Erreurs IPA'l ed en hausse"
