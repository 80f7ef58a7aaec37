"""Alert events are decided on the incident write side and written in the same transaction (the outbox)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.alerts.events import EventType
from app.db import Database, open_database, unit_of_work
from app.models import AlertDelivery, AlertEvent, Incident
from app.scrapers.statuspage import OfficialRecord
from app.services.ingest import ingest_bytes
from app.services.official import store_official
from tests.alerts.conftest import ingest_outage, now_minute, subscribe
from tests.alerts.pages import outage_page


def events(db: Database) -> list[AlertEvent]:
    with db.sessions() as s:
        return list(s.scalars(select(AlertEvent).order_by(AlertEvent.id)))


def official(
    db: Database, external_id: str, started: datetime, resolved: datetime | None = None, products=("chatgpt",)
) -> None:  # type: ignore[no-untyped-def]
    record = OfficialRecord(
        external_id=external_id,
        title="Elevated error rates for conversations",
        status="resolved" if resolved else "investigating",
        impact="major",
        started_at=started,
        resolved_at=resolved,
        url=f"https://status.openai.com/incidents/{external_id}",
        updates=[{"status": "investigating", "body": "We are investigating.", "at": started.isoformat()}],
    )
    with unit_of_work(db.sessions) as s:
        store_official(s, "openai", [record], tuple(products))


def test_new_incident_writes_one_event_and_a_delivery_per_matching_subscription(db, alert_settings) -> None:  # type: ignore[no-untyped-def]
    everything, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    chatgpt, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/chatgpt", product="chatgpt")
    anthropic, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/anthropic", company="anthropic")
    restrictions, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/restr", kind="restriction")
    resolved_only, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/fin", events=["résolu"])
    first = ingest_outage(db, "chatgpt-tombe")
    ingest_outage(db, "chatgpt-tombe-bis", site="lecircuit", published_after=timedelta(minutes=55))
    evs = events(db)
    assert [(e.type, e.incident_id) for e in evs] == [("new", first.incident_id)]  # the second joined it
    facts = evs[0].facts
    assert facts["path"] == f"/incidents/{first.incident_id}"
    assert facts["products"] == ["ChatGPT"] and facts["companies"] == ["OpenAI"]
    assert facts["first_report"]["by"] == "Pixelmatin" and facts["first_report"]["origin"] == "press"
    with db.sessions() as s:
        subs = {d.subscription_id for d in s.scalars(select(AlertDelivery))}
    assert subs == {everything, chatgpt}, (anthropic, restrictions, resolved_only)


def test_a_rolled_back_ingest_leaves_no_alert_behind(db, alert_settings) -> None:  # type: ignore[no-untyped-def]
    subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    start = now_minute() - timedelta(hours=1)
    page = outage_page("pixelmatin", "annule", "ChatGPT", "OpenAI", start, start + timedelta(minutes=20))
    with pytest.raises(RuntimeError), unit_of_work(db.sessions) as s:
        ingest_bytes(s, page)
        assert s.scalar(select(AlertEvent.id)) is not None  # written in the ingest's own transaction...
        raise RuntimeError("crash before commit")
    assert events(db) == []  # ...so it went away with it
    with db.sessions() as s:
        assert s.scalar(select(AlertDelivery.id)) is None and s.scalar(select(Incident.id)) is None


def test_official_confirmation_then_resolution_each_give_one_event(db, alert_settings) -> None:  # type: ignore[no-untyped-def]
    subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    res = ingest_outage(db, "chatgpt-panne-soir", ago=timedelta(hours=3))
    started = now_minute() - timedelta(hours=3) + timedelta(minutes=12)
    official(db, "inc-1", started)
    official(db, "inc-1", started)  # the same status page read again: nothing new
    assert [e.type for e in events(db)] == ["new", "confirmed"]
    confirmed = events(db)[1].facts
    assert confirmed["official"]["provider_name"] == "OpenAI"
    assert (
        confirmed["first_report"]["origin"] == "official"
    )  # the status page spoke 12 min in, before the press
    # the first article came 40 min after the start, 28 min after the status page (app/services/press_lead.py)
    assert confirmed["press_lead"] == "La presse l'a signalé 28 min après la page de statut d'OpenAI"
    official(db, "inc-1", started, resolved=now_minute() - timedelta(minutes=5))
    assert [(e.type, e.incident_id) for e in events(db)] == [
        ("new", res.incident_id),
        ("confirmed", res.incident_id),
        ("resolved", res.incident_id),
    ]
    assert events(db)[2].facts["ended_at"] is not None
    with db.sessions() as s:
        assert s.query(AlertDelivery).count() == 3


def test_official_only_incident_and_its_end(db, alert_settings) -> None:  # type: ignore[no-untyped-def]
    subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    started = now_minute() - timedelta(hours=1)
    official(db, "sora-1", started, products=("sora",))
    evs = events(db)
    assert [e.type for e in evs] == ["official"]
    assert (
        evs[0].facts["origin"] == "official"
        and evs[0].facts["first_report"]["by"] == "la page de statut d'OpenAI"
    )
    official(db, "sora-1", started, resolved=started + timedelta(minutes=40), products=("sora",))
    assert [e.type for e in events(db)] == ["official", "resolved"]


def test_an_article_about_an_outage_already_over_sends_one_alert_that_tells_the_end(
    db, alert_settings
) -> None:  # type: ignore[no-untyped-def]
    everything, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    ends, _ = subscribe(db, alert_settings, "https://127.0.0.1:9/fin", events=["resolu"])
    ingest_outage(db, "gemini-revenu", product="Gemini", company="Google", lasted=timedelta(minutes=50))
    evs = events(db)
    assert [e.type for e in evs] == ["new", "resolved"]
    assert evs[0].facts["also"] == ["resolved"] and evs[0].facts["ended_at"]
    with db.sessions() as s:
        got = {(d.event_id, d.subscription_id) for d in s.scalars(select(AlertDelivery))}
    # each subscription gets one alert: the first event it wants
    assert got == {(evs[0].id, everything), (evs[1].id, ends)}


def test_archives_give_no_alert(db, alert_settings) -> None:  # type: ignore[no-untyped-def]
    subscribe(db, alert_settings, "https://127.0.0.1:9/tout")
    ingest_outage(db, "vieille-panne", ago=timedelta(days=3))
    official(db, "old-1", datetime.now(UTC) - timedelta(days=5), products=("sora",))
    assert events(db) == []


@pytest.mark.postgres
def test_events_on_postgresql(pg_url: str, alert_settings) -> None:  # type: ignore[no-untyped-def]
    pg = open_database(pg_url)
    try:
        sub_id, _ = subscribe(pg, alert_settings, "https://127.0.0.1:9/tout")
        res = ingest_outage(pg, "chatgpt-pg")
        ingest_outage(pg, "chatgpt-pg-2", site="lecircuit")
        official(pg, "pg-1", now_minute() - timedelta(hours=2))
        evs = events(pg)
        assert [e.type for e in evs] == [EventType.NEW.value, EventType.CONFIRMED.value]
        assert {e.incident_id for e in evs} == {res.incident_id}
        with pg.sessions() as s:
            assert [d.subscription_id for d in s.scalars(select(AlertDelivery))] == [sub_id, sub_id]
    finally:
        pg.dispose()
