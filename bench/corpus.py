"""A synthetic corpus for benchmarks and size tests, inserted as rows (no extraction: fast and deterministic)."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from app.db import make_sessionmaker, unit_of_work
from app.models import Article, ArticleEntity, Entity, Incident, IncidentEntity, Source
from app.search.index import reindex_all
from app.services.entities import sync_entities

SOURCES = ["Pixel Matin", "Le Circuit", "Neurone Quotidien", "Octet Hebdo", "La Puce", "Signal Tech"]
PRODUCTS = ["chatgpt", "claude", "gemini", "le-chat", "copilot", "sora", "perplexity", "midjourney", "grok"]
OPENINGS = [
    "{p} a cessé de répondre pendant plusieurs heures",
    "les utilisateurs de {p} signalent des erreurs en série",
    "{p} ajoute une fonction attendue par les entreprises",
    "une mise à jour de {p} change la façon de travailler",
    "les abonnés de {p} découvrent de nouvelles limites d'utilisation",
    "{p} arrive dans une nouvelle version",
]
SENTENCES = [
    "L'entreprise explique avoir identifié l'origine du problème.",
    "Les développeurs ont constaté des réponses lentes.",
    "Cette annonce intervient dans un marché de l'intelligence artificielle très disputé.",
    "Plusieurs administrations françaises testent déjà le service.",
    "Le modèle de langage gagne en précision.",
    "Les réseaux sociaux se sont vite remplis de captures d'écran.",
    "Aucune perte de données n'est à déplorer.",
    "La concurrence européenne observe ces évolutions de près.",
    "Les tarifs restent inchangés pour le moment.",
]
KINDS = ["outage", "outage", "degradation", "restriction"]


def populate(engine: Engine, n_articles: int, seed: int = 7, outage_share: float = 0.3) -> dict[str, int]:
    """Insert `n_articles` AI articles (a share of them grouped into incidents) into a migrated database."""
    rnd = random.Random(seed)
    factory = make_sessionmaker(engine)
    now = datetime.now(UTC)
    with unit_of_work(factory) as session:
        sync_entities(session)
        ents = {(e.kind, e.slug): e for e in session.scalars(select(Entity))}
        src_ids = []
        for name in SOURCES:
            slug = name.lower().replace(" ", "-")
            src = Source(
                slug=f"bench-{slug}", name=name, domain=f"{slug}.example", homepage=f"https://{slug}.example/"
            )
            session.add(src)
            session.flush()
            src_ids.append(src.id)
        products = [ents[("product", p)] for p in PRODUCTS if ("product", p) in ents]
        start = date(2024, 1, 1)
        incidents: list[dict] = []
        articles, links, inc_links = [], [], []
        next_article = (session.scalar(select(Article.id).order_by(Article.id.desc()).limit(1)) or 0) + 1
        next_incident = (session.scalar(select(Incident.id).order_by(Incident.id.desc()).limit(1)) or 0) + 1
        open_incident: dict | None = None
        for i in range(n_articles):
            prod = rnd.choice(products)
            day = start + timedelta(days=int(i * 700 / max(1, n_articles)))
            published = datetime(
                day.year, day.month, day.day, rnd.randrange(7, 22), rnd.randrange(60), tzinfo=UTC
            )
            is_outage = rnd.random() < outage_share
            inc_id = None
            if is_outage:
                if open_incident is None or open_incident["left"] == 0 or open_incident["product"] != prod.id:
                    open_incident = {
                        "id": next_incident,
                        "date": day,
                        "kind": rnd.choice(KINDS),
                        "product": prod.id,
                        "company": prod.company_id,
                        "left": rnd.randrange(1, 6),
                        "name": prod.name,
                        "duration": rnd.choice([None, 45, 90, 180, 240]),
                    }
                    next_incident += 1
                    incidents.append(open_incident)
                open_incident["left"] -= 1
                inc_id = open_incident["id"]
            body = " ".join(rnd.choice(SENTENCES) for _ in range(8))
            title = rnd.choice(OPENINGS).format(p=prod.name).capitalize() + f" ({i})"
            articles.append(
                {
                    "id": next_article,
                    "url": f"https://bench.example/a/{i}",
                    "source_id": rnd.choice(src_ids),
                    "title": title,
                    "author": rnd.choice(["Camille Rousseau", "Hugo Lefèvre", "Inès Moreau", None]),
                    "published_at": published,
                    "lead": None,
                    "text": f"{title}. {body}",
                    "summary": body[:240],
                    "language": "fr",
                    "content_hash": hashlib.sha256(title.encode()).hexdigest(),
                    "is_ai": True,
                    "is_outage": is_outage,
                    "outage_kind": open_incident["kind"] if is_outage else None,  # type: ignore[index]
                    "outage_date": day if is_outage else None,
                    "outage_services": [prod.slug] if is_outage else [],
                    "incident_id": inc_id,
                    "fetched_at": now,
                    "updated_at": now,
                }
            )
            links.append({"article_id": next_article, "entity_id": prod.id, "mentions": 2})
            if prod.company_id:
                links.append({"article_id": next_article, "entity_id": prod.company_id, "mentions": 1})
            next_article += 1
        session.execute(
            insert(Incident),
            [
                {
                    "id": x["id"],
                    "date": x["date"],
                    "kind": x["kind"],
                    "title": f"Panne de {x['name']}",
                    "duration_minutes": x["duration"],
                    "origin": "press",
                    "created_at": now,
                    "updated_at": now,
                }
                for x in incidents
            ],
        )
        for x in incidents:
            inc_links.append({"incident_id": x["id"], "entity_id": x["product"]})
            if x["company"]:
                inc_links.append({"incident_id": x["id"], "entity_id": x["company"]})
        session.execute(insert(Article), articles)
        session.execute(insert(ArticleEntity), links)
        session.execute(insert(IncidentEntity), inc_links)
    with unit_of_work(factory) as session:
        reindex_all(session)  # rows inserted in bulk bypass ingest: index them as ingest would
    return {"articles": n_articles, "incidents": len(incidents)}
