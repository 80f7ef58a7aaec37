"""Grouping outage articles into incidents through the real ingest path on a migrated SQLite database."""

from __future__ import annotations

import itertools

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article, Incident
from app.services.ingest import prepare, store
from tests.helpers import incidents_as_json

from .helpers import page

# Three sites cover one ChatGPT outage on two publication days; a fourth page is another event.
PAGES = {
    "a": page(
        "Panne mondiale de ChatGPT ce mardi soir",
        [
            "ChatGPT est inaccessible dans le monde entier depuis ce mardi 3 février, vers 21 h.",
            "OpenAI a reconnu un incident touchant le chatbot et son API, sans donner de délai.",
        ],
        "2026-02-03T22:47",
        "https://www.silicium-demo.fr/chatgpt-panne-mondiale.html",
    ),
    "b": page(
        "ChatGPT : la panne d'hier soir expliquée",
        [
            "Hier soir, vers 21 heures, ChatGPT est tombé en panne pour des millions d'utilisateurs.",
            "OpenAI évoque une erreur de configuration de ses serveurs d'IA générative.",
        ],
        "2026-02-04T07:15",
        "https://www.labotech-demo.fr/panne-chatgpt-hier-soir.html",
    ),
    "c": page(
        "ChatGPT est de retour après la panne de mardi soir",
        [
            "ChatGPT fonctionne de nouveau. Le service a été rétabli vers 23 h 30, après la panne de mardi.",
            "OpenAI promet un rapport sur l'incident qui a privé les utilisateurs de leur chatbot.",
        ],
        "2026-02-04T09:00",
        "https://www.reseau-demo.fr/chatgpt-est-de-retour.html",
    ),
    "d": page(
        "Sora : la génération vidéo fermée aux nouveaux comptes",
        [
            "Ce mardi, OpenAI a suspendu les inscriptions à Sora, son générateur de vidéos par IA.",
            "La génération de vidéos est fermée aux nouveaux comptes, faute de serveurs disponibles.",
        ],
        "2026-02-03T19:00",
        "https://www.silicium-demo.fr/sora-inscriptions.html",
    ),
    "e": page(
        "Claude en panne ce mardi",
        [
            "Claude, l'assistant d'Anthropic, est inaccessible depuis ce mardi 3 février, vers 20 h.",
            "Anthropic enquête sur l'incident qui touche aussi Claude Code.",
        ],
        "2026-02-03T21:30",
        "https://www.silicium-demo.fr/claude-panne.html",
    ),
}


def ingest(session: Session, keys: str) -> None:
    for k in keys:
        res = store(session, prepare(PAGES[k]))
        assert res.status in ("stored", "unchanged"), res
    session.commit()


def partition(session: Session) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for url, inc in session.execute(
        select(Article.url, Article.incident_id).where(Article.incident_id.isnot(None))
    ):
        groups.setdefault(inc, set()).add(url)
    return {frozenset(g) for g in groups.values()}


def test_one_incident_per_event_with_end_from_the_return_article(session: Session) -> None:
    ingest(session, "abcde")
    incidents = incidents_as_json(session)
    assert len(incidents) == 3
    by_title = {i["title"]: i for i in incidents}
    chatgpt = by_title["Panne mondiale de ChatGPT"]
    assert chatgpt["date"] == "2026-02-03" and chatgpt["kind"] == "outage"
    assert len(chatgpt["articles"]) == 3
    assert chatgpt["started_at"].startswith("2026-02-03T21:00")
    assert chatgpt["ended_at"].startswith("2026-02-03T23:30")
    assert chatgpt["duration_minutes"] == 150
    # « un incident touchant le chatbot et son API »: OpenAI's API was hit too
    assert {p["slug"] for p in chatgpt["products"]} == {"chatgpt", "openai-api"}
    assert by_title["Sora : génération vidéo fermée aux nouveaux comptes"]["kind"] == "restriction"
    assert "Panne de Claude et Claude Code" in by_title


def test_grouping_does_not_depend_on_ingest_order(session_factory: sessionmaker[Session]) -> None:
    results = set()
    for order in itertools.islice(itertools.permutations("abcde"), 0, 120, 17):
        with session_factory() as s:
            s.execute(Article.__table__.delete())
            s.execute(Incident.__table__.delete())
            s.commit()
            ingest(s, "".join(order))
            results.add(frozenset(partition(s)))
            titles = sorted(i["title"] for i in incidents_as_json(s))
        assert titles == sorted(
            [
                "Panne mondiale de ChatGPT",
                "Panne de Claude et Claude Code",
                "Sora : génération vidéo fermée aux nouveaux comptes",
            ]
        )
    assert len(results) == 1


def test_reingesting_changes_nothing(session: Session) -> None:
    ingest(session, "abcde")
    before = [(i["id"], i["title"], i["date"], len(i["articles"])) for i in incidents_as_json(session)]
    ingest(session, "edcba")
    after = [(i["id"], i["title"], i["date"], len(i["articles"])) for i in incidents_as_json(session)]
    assert before == after
    assert session.scalar(select(func.count()).select_from(Incident)) == 3


def test_an_updated_article_moves_and_empty_incidents_go(session: Session) -> None:
    ingest(session, "e")
    first = session.scalars(select(Incident)).one()
    moved = page(
        "Claude en panne ce mardi",
        [
            "Claude, l'assistant d'Anthropic, est inaccessible depuis le 10 février, vers 20 h.",
            "Anthropic enquête sur l'incident qui touche aussi Claude Code.",
        ],
        "2026-02-10T21:30",
        "https://www.silicium-demo.fr/claude-panne.html",
    )
    assert store(session, prepare(moved)).status == "updated"
    session.commit()
    incidents = session.scalars(select(Incident)).all()
    assert len(incidents) == 1 and incidents[0].date.isoformat() == "2026-02-10"
    assert session.get(Incident, first.id) is None or first.id == incidents[0].id


def test_outages_two_days_apart_are_two_incidents(session: Session) -> None:
    later = page(
        "ChatGPT de nouveau en panne ce jeudi",
        [
            "ChatGPT est inaccessible depuis ce jeudi 5 février, vers 10 h.",
            "OpenAI a reconnu un nouvel incident touchant son chatbot.",
        ],
        "2026-02-05T11:00",
        "https://www.silicium-demo.fr/chatgpt-jeudi.html",
    )
    ingest(session, "a")
    store(session, prepare(later))
    session.commit()
    assert len(incidents_as_json(session)) == 2


def test_grouping_on_every_database(any_db_url: str) -> None:
    """The same grouping on SQLite and PostgreSQL (aware times there, naive Paris times in SQLite)."""
    from app.db import make_engine, make_sessionmaker, migrate

    engine = make_engine(any_db_url)
    migrate(engine)
    try:
        with make_sessionmaker(engine)() as s:
            ingest(s, "cbaed")
            incidents = {i["title"]: i for i in incidents_as_json(s)}
            chatgpt = incidents["Panne mondiale de ChatGPT"]
            assert len(chatgpt["articles"]) == 3 and chatgpt["duration_minutes"] == 150
            assert len(incidents) == 3
    finally:
        engine.dispose()


def test_different_product_granularity_meets_on_the_platform(session: Session) -> None:
    """ "API Gemini" and "Vertex AI" in one article, only "Gemini" in the other: one event."""
    cloud = page(
        "Google Cloud flanche : Vertex AI et l'API Gemini inaccessibles",
        [
            "Ce lundi 9 mars, vers 15 h, les appels à Vertex AI et à l'API Gemini ont échoué en série.",
            "Google évoque un incident sur son infrastructure d'IA générative.",
        ],
        "2026-03-09T18:00",
        "https://www.silicium-demo.fr/google-cloud-vertex.html",
    )
    app_page = page(
        "Gemini en panne hier après-midi",
        [
            "Hier, vers 15 h, le chatbot Gemini est resté inaccessible pendant deux heures.",
            "Google n'a pas encore détaillé la cause de l'incident.",
        ],
        "2026-03-10T08:00",
        "https://www.labotech-demo.fr/gemini-panne-hier.html",
    )
    other = page(
        "Claude en panne ce lundi",
        [
            "Claude, l'assistant d'Anthropic, est inaccessible depuis ce lundi 9 mars, vers 14 h.",
            "Anthropic enquête sur l'incident.",
        ],
        "2026-03-09T16:00",
        "https://www.silicium-demo.fr/claude-lundi.html",
    )
    for raw in (cloud, app_page, other):
        assert store(session, prepare(raw)).status == "stored"
    session.commit()
    groups = partition(session)
    assert (
        frozenset(
            {
                "https://www.silicium-demo.fr/google-cloud-vertex.html",
                "https://www.labotech-demo.fr/gemini-panne-hier.html",
            }
        )
        in groups
    )
    assert frozenset({"https://www.silicium-demo.fr/claude-lundi.html"}) in groups
