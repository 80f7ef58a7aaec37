"""Polling status pages served on 127.0.0.1: components stored, statuses derived, validators reused, and every
kind of bad answer recorded in French while the last good status is kept (then reported stale)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import FetchState, OfficialIncident, StatusCheck
from app.services.followed import load_followed
from app.services.live_status import live_status
from tests.fakesite import FakeSite, Resp
from tests.status.helpers import (
    google,
    google_incident,
    incidents,
    json_resp,
    poll,
    status_toml,
    summary,
    v2_incident,
)


def board(factory: sessionmaker[Session], settings: Settings, now: datetime | None = None) -> dict[str, dict]:
    with factory() as s:
        b = live_status(s, load_followed(), now or datetime.now(UTC), settings.status_max_age)
    return {line.name: line.model_dump(mode="json") for line in b.services}


def check(factory: sessionmaker[Session], source: str = "Statut OpenAI") -> StatusCheck:
    with factory() as s:
        return s.scalars(select(StatusCheck).where(StatusCheck.source == source)).one()


def test_summary_gives_every_component_and_the_ongoing_incidents(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    now = datetime.now(UTC)
    sora = v2_incident("inc-sora", "Sora generations failing", now - timedelta(minutes=12), component="Sora")
    old = v2_incident("inc-old", "Login issues", now - timedelta(days=3), now - timedelta(days=3, hours=-1))
    with FakeSite() as site:
        body = summary(chatgpt="degraded_performance", sora="major_outage", incidents=[sora])
        site.routes["/api/v2/summary.json"] = json_resp(body, ETag='"v1"')
        site.routes["/api/v2/incidents.json"] = json_resp(incidents(sora, old), ETag='"i1"')
        report = poll(settings, session_factory, status_toml(site))["Statut OpenAI"]
        assert report.ok and report.error is None and report.changed
        assert report.components == 6 and report.troubled == ["ChatGPT", "Conversations", "Sora"]
        assert report.incidents == {"stored": 2, "updated": 0, "unchanged": 0}
        row = check(session_factory)
        assert row.complete and row.ok_at is not None and row.error is None
        assert {"name": "Responses", "group": "APIs", "status": "operational"} in row.components
        lines = board(session_factory, settings)
        assert lines["ChatGPT"]["verdict"] == "degraded" and lines["ChatGPT"]["official"]["status_fr"] == (
            "performances dégradées"
        )
        assert lines["API d'OpenAI"]["verdict"] == "operational"
        assert (
            lines["Sora"]["verdict"] == "down"
            and lines["Sora"]["reason"] == "Selon la page de statut d'OpenAI."
        )
        assert lines["Claude"]["verdict"] == "unknown"  # its page is not in this sources file
        assert lines["Le Chat"]["reason"].startswith("Aucune page de statut suivie")

        # the next poll asks with the validators of the last answer; a 304 keeps the components, fresh
        site.routes["/api/v2/summary.json"] = Resp(304, headers={"ETag": '"v1"'})
        site.routes["/api/v2/incidents.json"] = Resp(304, headers={"ETag": '"i1"'})
        changed_at = row.changed_at
        report = poll(settings, session_factory, status_toml(site))["Statut OpenAI"]
        assert report.ok and not report.changed
        assert site.hits_for("/api/v2/summary.json")[-1].headers.get("if-none-match") == '"v1"'
        assert site.hits_for("/api/v2/incidents.json")[-1].headers.get("if-none-match") == '"i1"'
        again = check(session_factory)
        assert (
            again.ok_at > row.ok_at and again.changed_at == changed_at and again.components == row.components
        )
    with session_factory() as s:
        assert {o.external_id for o in s.scalars(select(OfficialIncident))} == {"inc-sora", "inc-old"}


def test_pages_without_a_component_list_derive_it_from_ongoing_incidents(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    now = datetime.now(UTC)
    with FakeSite() as site:
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        site.routes["/google/incidents.json"] = json_resp(
            google(
                google_incident("g-1", "Gemini ne répond plus", "Gemini", now - timedelta(minutes=8)),
                google_incident(
                    "g-2", "Information", "Gemini", now - timedelta(minutes=2), "SERVICE_INFORMATION"
                ),
            )
        )
        minor = v2_incident(
            "f-1",
            "Copilot slow",
            now - timedelta(minutes=4),
            impact="minor",
            component="Copilot",
            component_status="x",
        )
        site.routes["/forge/incidents.json"] = json_resp(incidents(minor))
        reports = poll(
            settings, session_factory, status_toml(site, summary_url=False, google_page=True, forge=True)
        )
        assert all(r.ok for r in reports.values()), reports
        lines = board(session_factory, settings)
        assert lines["Gemini"]["verdict"] == "down"
        # an unknown component status word falls back on the incident's impact (minor: partial outage)
        assert lines["GitHub Copilot"]["verdict"] == "degraded"
        assert lines["GitHub Copilot"]["official"]["status"] == "partial_outage"
        # a page listing only troubles says nothing bad about ChatGPT: operational
        assert lines["ChatGPT"]["verdict"] == "operational"
        assert not check(session_factory).complete

        # resolved: the product leaves the list of troubles and the line is operational again
        site.routes["/google/incidents.json"] = json_resp(google())
        poll(settings, session_factory, status_toml(site, summary_url=False, google_page=True))
        assert board(session_factory, settings)["Gemini"]["verdict"] == "operational"


BAD = {
    "json-illisible": (json_resp(b'{"components": [ {"name": '), "réponse illisible : JSON illisible"),
    "forme-inattendue": (json_resp(json.dumps({"page": {"id": "x"}}).encode()), "« components »"),
    "imbrication": (json_resp(b"[" * 100_000), "JSON illisible"),
    "http-500": (Resp(500, b"panne", {"Content-Type": "text/plain"}), "HTTP 500"),
    "disparue": (Resp(404, b"introuvable", {"Content-Type": "text/plain"}), "HTTP 404 : page disparue"),
    "trop-grande": (json_resp(b" " * 300_000 + b"{}"), "trop volumineuse"),
    "hors-site": (
        Resp(302, headers={"Location": "http://10.1.2.3/api/v2/summary.json"}),
        "redirection refusée",
    ),
    "trop-lente": (Resp(body=summary(), headers={"Content-Type": "application/json"}, delay=4.0), "délai"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_a_bad_answer_is_recorded_in_french_and_the_last_status_kept(
    case: str, settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    settings = settings.model_copy(
        update={"crawl": settings.crawl.model_copy(update={"max_bytes": 200_000, "request_deadline": 2.0})}
    )
    with FakeSite() as site:
        site.routes["/api/v2/summary.json"] = json_resp(summary(chatgpt="partial_outage"))
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        poll(settings, session_factory, status_toml(site))
        good = check(session_factory)
        resp, message = BAD[case]
        site.routes["/api/v2/summary.json"] = resp
        report = poll(settings, session_factory, status_toml(site))["Statut OpenAI"]
    assert not report.ok and report.error and message in report.error, report
    row = check(session_factory)
    assert row.error == report.error and row.polled_at > good.polled_at
    assert row.ok_at == good.ok_at and row.components == good.components  # nothing lost
    lines = board(session_factory, settings)
    assert lines["ChatGPT"]["verdict"] == "degraded"  # still fresh: the last good answer holds
    assert lines["ChatGPT"]["official"]["error"] == report.error
    later = board(
        session_factory, settings, datetime.now(UTC) + timedelta(seconds=settings.status_max_age + 60)
    )
    assert later["ChatGPT"]["verdict"] == "unknown"
    assert later["ChatGPT"]["reason"].startswith(
        "Pas de réponse exploitable de la page de statut d'OpenAI depuis "
    )
    if case != "trop-lente":  # (cut by the poll's own time budget: no answer to note)
        with session_factory() as s:
            state = s.scalars(select(FetchState).where(FetchState.url.endswith("/summary.json"))).one()
        assert state.kind == "status" and state.state in ("error", "gone") and state.error == report.error


def test_an_unknown_component_is_no_signal(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    with FakeSite() as site:
        body = json.loads(summary())
        body["components"] = [c for c in body["components"] if c["name"] != "Sora"]
        site.routes["/api/v2/summary.json"] = json_resp(json.dumps(body).encode())
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        poll(settings, session_factory, status_toml(site))
    sora = board(session_factory, settings)["Sora"]
    assert (
        sora["verdict"] == "unknown"
        and sora["reason"] == "Le service n'apparaît pas sur la page de statut d'OpenAI."
    )
