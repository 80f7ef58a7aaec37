"""Two crawl processes storing articles about one outage at the same moment (PostgreSQL) open one incident:
the second regrouping waits for the first transaction and sees its article."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import func, select

from app.db import open_database
from app.models import Article, Incident
from app.services.ingest import prepare, store

pytestmark = pytest.mark.postgres


def outage_page(url: str, title: str, text: str) -> bytes:
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": "2025-06-10T17:05:00+02:00",
        }
    )
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>{title}</h1><p>{text}</p><p>Les développeurs qui passent par l’API ont vu "
        "leurs requêtes échouer pendant toute la matinée, selon la page de statut de l’entreprise.</p>"
        "</article></body></html>"
    ).encode()


def test_concurrent_stores_of_one_outage_share_an_incident(pg_url: str) -> None:
    db = open_database(pg_url)  # as every crawl process starts: schema and entities in place
    factory = db.sessions
    first = prepare(
        outage_page(
            "https://www.premier-journal.fr/panne-chatgpt.html",
            "ChatGPT en panne ce mardi matin",
            "Le service ChatGPT d’OpenAI est resté inaccessible ce mardi 10 juin pendant trois heures.",
        )
    )
    second = prepare(
        outage_page(
            "https://www.second-media.fr/chatgpt-indisponible.html",
            "ChatGPT indisponible pendant trois heures",
            "Panne de ChatGPT ce mardi 10 juin : l’assistant d’OpenAI n’a plus répondu de 8 h 30 à 11 h 30.",
        )
    )
    stored = threading.Event()
    errors: list[BaseException] = []

    def other_process() -> None:
        try:
            with factory() as s:
                assert store(s, first).status == "stored"
                stored.set()
                time.sleep(0.5)  # its batch is still open when the second article comes in
                s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            stored.set()

    thread = threading.Thread(target=other_process)
    thread.start()
    assert stored.wait(30)
    with factory() as s:
        assert store(s, second).status == "stored"
        s.commit()
    thread.join(30)
    assert not errors, errors
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 1
        assert len(set(s.scalars(select(Article.incident_id)))) == 1
    db.dispose()
