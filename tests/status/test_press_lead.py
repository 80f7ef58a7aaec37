"""How far ahead the press was: the figure, its French sentence, the incident page and API, the entity's median
per year."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import Article, Entity, Incident, IncidentEntity, OfficialIncident, Source
from app.schemas import OfficialItem, OfficialUpdate
from app.services.press_lead import acknowledged_at, lead_phrase, leads, press_lead
from tests.site_data import seeded_copy

T0 = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def official(provider: str, started: datetime | None, *updates: datetime) -> OfficialItem:
    return OfficialItem(
        provider=provider,
        title="Incident",
        url=None,
        status="resolved",
        impact="major",
        started_at=started,
        resolved_at=None,
        updates=[OfficialUpdate(status="investigating", body="", at=u) for u in updates],
    )


def test_lead_figures_and_sentences() -> None:
    # the acknowledgement is the first update posted, not the (back-dated) start of the impact
    o = official("OpenAI", T0 - timedelta(hours=1), T0 + timedelta(minutes=50), T0 + timedelta(minutes=34))
    assert acknowledged_at(o) == T0 + timedelta(minutes=34)
    assert acknowledged_at(official("google", T0)) == T0  # no dated update: the start
    [lead] = leads(T0, [o])
    assert (lead.minutes, lead.text) == (34, "La presse l'a signalé 34 min avant la page de statut d'OpenAI")
    [after] = leads(T0 + timedelta(minutes=125), [o])
    assert (
        after.minutes == -91 and after.text == "La presse l'a signalé 1 h 31 après la page de statut d'OpenAI"
    )
    [same] = leads(T0 + timedelta(minutes=34, seconds=20), [o])
    assert same.text == "La presse l'a signalé en même temps que la page de statut d'OpenAI"
    both = leads(T0, [o, official("google", None, T0 + timedelta(minutes=5)), official("GitHub", None)])
    assert [(x.provider, x.minutes) for x in both] == [
        ("google", 5),
        ("OpenAI", 34),
    ]  # one per provider, dated
    assert both[0].text.endswith("avant la page de statut de Google")
    assert leads(None, [o]) == []
    assert lead_phrase(-1) == "1 min après" and lead_phrase(60 * 26) == "1 j 2 h avant"


@pytest.fixture
def seeded(settings: Settings) -> tuple[Settings, object]:
    return settings, seeded_copy(Path(make_url(settings.db_url).database))  # type: ignore[arg-type]


def test_incident_page_and_api_say_how_far_ahead_the_press_was(seeded, session_factory) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app

    settings, data = seeded
    inc = data.incidents["chatgpt-panne-mondiale-2-avril"]
    # first article 16:05 Paris (14:05 UTC); OpenAI's first update 13:20 UTC: the press came 45 min after
    with session_factory() as s:
        assert [(x.provider, x.minutes) for x in press_lead(s, inc)] == [("openai", -45)]
    with TestClient(create_app(settings)) as client:
        item = client.get(f"/api/incidents/{inc}").json()
        assert item["press_lead"] == [
            {
                "provider": "OpenAI",
                "first_article_at": "2025-04-02T16:05:00+02:00",
                "official_at": "2025-04-02T15:20:00+02:00",
                "minutes": -45,
                "text": "La presse l'a signalé 45 min après la page de statut d'OpenAI",
            }
        ]
        page = html.unescape(client.get(f"/incidents/{inc}").text)
        assert "La presse l'a signalé 45 min après la page de statut d'OpenAI" in page
        other = data.incidents["claude-degradation-14-mars"]
        assert client.get(f"/api/incidents/{other}").json()["press_lead"] == []  # no official incident


def _incident(
    s: Session, day: date, first_article: datetime, product: Entity, company: Entity, n: int
) -> Incident:
    src = s.scalars(select(Source)).first() or Source(slug="le-relais", name="Le Relais")
    s.add(src)
    stamp = datetime.now(UTC)
    inc = Incident(date=day, kind="outage", title=f"Panne {n}", created_at=stamp, updated_at=stamp)
    s.add(inc)
    s.flush()
    s.add_all(
        [
            IncidentEntity(incident_id=inc.id, entity_id=product.id),
            IncidentEntity(incident_id=inc.id, entity_id=company.id),
        ]
    )
    for i, (at, origin) in enumerate(
        [(first_article, "jsonld"), (first_article - timedelta(hours=3), "url")]
    ):
        s.add(
            Article(
                url=f"https://relais.example/{n}/{i}",
                source_id=src.id,
                title="Panne",
                text="Texte",
                content_hash=f"{n}-{i}",
                published_at=at,
                date_source=origin,  # the URL's day is no publication time: it must not count as the first
                incident_id=inc.id,
                is_outage=True,
                fetched_at=stamp,
                updated_at=stamp,
            )
        )
    return inc


def test_entity_page_shows_the_median_lead_per_year(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    from app.main import create_app

    with TestClient(create_app(settings)) as client:  # migrates and creates the gazetteer's entities
        with session_factory() as s:
            ents = {(e.kind, e.slug): e for e in s.scalars(select(Entity))}
            chatgpt, openai = ents[("product", "chatgpt")], ents[("company", "openai")]
            # 2025: press 10 min before, 30 min before, 20 min after -> median 10 min before; 2024: 90 min after
            for n, (day, lead) in enumerate(
                [
                    (date(2025, 3, 1), 10),
                    (date(2025, 5, 2), 30),
                    (date(2025, 9, 9), -20),
                    (date(2024, 12, 12), -90),
                ]
            ):
                first = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
                inc = _incident(s, day, first, chatgpt, openai, n)
                s.add(
                    OfficialIncident(
                        provider="OpenAI",
                        external_id=f"o-{n}",
                        title="Errors",
                        started_at=first - timedelta(hours=2),
                        updates=[
                            {
                                "status": "investigating",
                                "body": "",
                                "at": (first + timedelta(minutes=lead)).isoformat(),
                            }
                        ],
                        products=["chatgpt"],
                        incident_id=inc.id,
                        updated_at=first,
                    )
                )
                # another provider's page on the same event says nothing about OpenAI's lead
                s.add(
                    OfficialIncident(
                        provider="Anthropic",
                        external_id=f"a-{n}",
                        title="Errors",
                        started_at=first - timedelta(hours=5),
                        updates=[],
                        products=["claude"],
                        incident_id=inc.id,
                        updated_at=first,
                    )
                )
            s.commit()
        data = client.get("/api/entites/openai").json()
        assert [(y["year"], y["median_minutes"], y["incidents"], y["text"]) for y in data["press_lead"]] == [
            (2025, 10.0, 3, "10 min avant la page de statut"),
            (2024, -90.0, 1, "1 h 30 après la page de statut"),
        ]
        assert client.get("/api/entites/chatgpt?type=produit").json()["press_lead"] == data["press_lead"]
        page = client.get("/entites/openai").text
        assert "Avance médiane de la presse" in page
        row_2025 = page.split('year=2025">2025</a></th>')[1].split("</tr>")[0]
        assert "10 min avant la page de statut" in row_2025 and "3 incidents" in row_2025
        assert "non mesurée" not in row_2025
