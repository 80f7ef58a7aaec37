"""Status pages crawled from local servers: stored, updated, linked to press incidents or shown as official only."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Incident, OfficialIncident
from tests.crawl.conftest import crawl, sources_of
from tests.fakesite import FIXTURES, FakeSite, Resp, page, rss


def status_toml(site: FakeSite) -> str:
    return (
        f'[[sources]]\nname = "Statut Forge"\nkind = "statuspage"\nprovider = "GitHub"\n'
        f'url = "{site.url}/api/v2/incidents.json"\nformat = "statuspage-v2"\nproducts = ["github-copilot"]\n'
        f'match = ["Copilot"]\ndelay = 0\n'
        f'[[sources]]\nname = "Statut Gemini"\nkind = "statuspage"\nprovider = "Google"\nhomepage = "{site.url}/"\n'
        f'url = "{site.url}/incidents.json"\nformat = "google"\nproducts = ["gemini"]\nmatch = ["Gemini"]\n'
        f"delay = 0\n"
    )


def press_toml(site: FakeSite) -> str:
    return (
        f'[[sources]]\nname = "octet"\nhomepage = "{site.url}/"\nfeeds = ["{site.url}/feed.xml"]\ndelay = 0\n'
    )


def serve_status(site: FakeSite, v2: bytes | None = None) -> None:
    site.routes["/api/v2/incidents.json"] = Resp(
        body=v2 or (FIXTURES / "statuspage-v2.json").read_bytes(),
        headers={"Content-Type": "application/json", "ETag": '"s1"'},
    )
    site.routes["/incidents.json"] = Resp(
        body=(FIXTURES / "google.json").read_bytes(), headers={"Content-Type": "application/json"}
    )


def test_official_incidents_link_to_press_or_stand_alone(
    session_factory: sessionmaker[Session],
    pool,  # type: ignore[no-untyped-def]
    settings,
) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        base = site.url
        site.routes["/feed.xml"] = rss(
            base,
            [
                ("/actualites/github-copilot-panne.html", "Tue, 10 Jun 2025 16:20:00 +0000"),
                ("/actualites/gemini-perturbations.html", "Fri, 13 Jun 2025 09:00:00 +0000"),
            ],
        )
        site.routes["/actualites/github-copilot-panne.html"] = page("copilot-panne.html", base)
        site.routes["/actualites/gemini-perturbations.html"] = page("gemini-cp1252.html", base)
        serve_status(site)
        reports = {
            r.name: r for r in crawl(session_factory, pool, sources_of(press_toml(site) + status_toml(site)))
        }
        assert reports["Statut Forge"].discovered == 2 and reports["Statut Forge"].stored == 2
        assert reports["Statut Gemini"].stored == 1
        with session_factory() as s:
            rows = {o.external_id: o for o in s.scalars(select(OfficialIncident))}
            assert set(rows) == {"inc-copilot-0610", "inc-copilot-0520", "gq1AbC"}
            press_copilot = s.get(Incident, rows["inc-copilot-0610"].incident_id)
            assert press_copilot is not None and press_copilot.origin == "press"
            press_gemini = s.get(Incident, rows["gq1AbC"].incident_id)
            assert press_gemini is not None and press_gemini.origin == "press"
            alone = s.get(Incident, rows["inc-copilot-0520"].incident_id)
            assert alone is not None and alone.origin == "official"
            assert alone.title == "Incident officiel : Copilot chat slow to respond"
            assert alone.date.isoformat() == "2025-05-20" and alone.kind == "degradation"
            assert alone.duration_minutes == 88

        from app.main import create_app

        with TestClient(create_app(settings)) as client:
            items = client.get("/api/incidents").json()["items"]
            by_title = {i["title"]: i for i in items}
            cop = next(i for i in items if i["id"] == press_copilot.id)
            assert cop["articles"] and cop["official"][0]["provider"] == "GitHub"
            assert (
                cop["official"][0]["started_at"] == "2025-06-10T14:58:00+02:00"
            )  # Paris time, like every time the API shows
            assert cop["official"][0]["updates"][-1]["status"] == "resolved"
            only = by_title["Incident officiel : Copilot chat slow to respond"]
            assert only["origin"] == "official" and only["articles"] == []
            assert only["started_at"].startswith("2025-05-20T09:52")  # Paris time, like press incidents
            assert {p["slug"] for p in only["products"]} == {"github-copilot"}
            html = client.get("/").text
            assert "Confirmé par GitHub : du 10 juin 2025 à 14 h 58 au 10 juin 2025 à 17 h 02" in html
            assert "Signalé par le fournisseur uniquement" in html and "vers 9 h 52" in html

        # the provider edits an incident: it is updated, not duplicated; the unchanged one stays as is
        data = json.loads((FIXTURES / "statuspage-v2.json").read_bytes())
        data["incidents"][1]["name"] = "Copilot chat slow to respond in Europe"
        serve_status(site, json.dumps(data).encode())
        site.routes["/api/v2/incidents.json"].headers["ETag"] = '"s2"'  # type: ignore[union-attr]
        reports = {r.name: r for r in crawl(session_factory, pool, sources_of(status_toml(site)))}
        assert (
            reports["Statut Forge"].stored,
            reports["Statut Forge"].updated,
            reports["Statut Forge"].unchanged,
        ) == (0, 1, 1)
        assert site.hits_for("/api/v2/incidents.json")[-1].headers.get("if-none-match") == '"s1"'
        with session_factory() as s:
            o = s.scalars(
                select(OfficialIncident).where(OfficialIncident.external_id == "inc-copilot-0520")
            ).one()
            assert o.title.endswith("in Europe")
            assert (
                s.get(Incident, o.incident_id).title
                == "Incident officiel : Copilot chat slow to respond in Europe"
            )  # type: ignore[union-attr]
            assert len(s.scalars(select(OfficialIncident)).all()) == 3


def test_official_only_incident_is_relinked_when_press_arrives(
    session_factory: sessionmaker[Session], pool
) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        serve_status(site)
        crawl(session_factory, pool, sources_of(status_toml(site)))
        with session_factory() as s:
            o = s.scalars(
                select(OfficialIncident).where(OfficialIncident.external_id == "inc-copilot-0610")
            ).one()
            own_id = o.incident_id
            assert s.get(Incident, own_id).origin == "official"  # type: ignore[union-attr]
        site.routes["/feed.xml"] = rss(
            site.url, [("/actualites/github-copilot-panne.html", "Tue, 10 Jun 2025 16:20:00 +0000")]
        )
        site.routes["/actualites/github-copilot-panne.html"] = page("copilot-panne.html", site.url)
        crawl(session_factory, pool, sources_of(press_toml(site)))
        with session_factory() as s:
            o = s.scalars(
                select(OfficialIncident).where(OfficialIncident.external_id == "inc-copilot-0610")
            ).one()
            assert s.get(Incident, o.incident_id).origin == "press"  # type: ignore[union-attr]
            assert s.get(Incident, own_id) is None, "the official-only entry was replaced, not left behind"


def test_bad_status_json_is_reported(session_factory: sessionmaker[Session], pool) -> None:  # type: ignore[no-untyped-def]
    with FakeSite() as site:
        serve_status(site, b'{"page": {"id": "x"}}')
        site.routes["/incidents.json"] = Resp(503)
        reports = {r.name: r for r in crawl(session_factory, pool, sources_of(status_toml(site)))}
    assert reports["Statut Forge"].feed_ok is False and reports["Statut Forge"].errors_by_kind == {
        "status-unreadable": 1
    }
    assert reports["Statut Gemini"].feed_ok is False and reports["Statut Gemini"].errors_by_kind == {
        "status-http-503": 1
    }
