"""An outage goes through the real ingest path (`veille ingest`) and the live status follows it, over HTTP from a
real uvicorn server: opérationnel -> en panne -> opérationnel, when the press reports the end or when the
official status page resolves its incident. On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.db import open_database
from tests.conftest import LiveServer, free_port
from tests.fakesite import FakeSite
from tests.helpers import json_lines, run_cli
from tests.status.helpers import (
    chatgpt_back_page,
    chatgpt_down_page,
    hm,
    incidents,
    json_resp,
    paris_times,
    poll,
    status_toml,
    summary,
    v2_incident,
    write,
)

NBSP = "\u00a0"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def status_site() -> Iterator[FakeSite]:
    with FakeSite() as site:
        site.routes["/api/v2/summary.json"] = json_resp(summary())
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        yield site


@pytest.fixture
def server(settings: Settings) -> Iterator[httpx.Client]:
    from app.main import create_app

    app = create_app(settings)
    app.state.stamps.ttl = 0  # every request re-reads the stamp: a write shows on the next request
    with LiveServer(app, free_port()) as srv, httpx.Client(base_url=srv.url, timeout=30) as client:
        yield client


def line(client: httpx.Client, name: str) -> dict:
    board = client.get("/api/etat").json()
    return next(s for s in board["services"] if s["name"] == name)


def html_line(client: httpx.Client, slug: str, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """(verdict class, text) of a service's line on /etat."""
    r = client.get("/etat", headers=headers or {})
    assert r.status_code == 200
    m = re.search(rf'<li id="svc-{slug}" class="live-line v-(\w+)">(.*?)</li>\n', r.text, re.S)
    assert m, r.text[:2000]
    return m.group(1), html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))


def ingest(path: Path, settings: Settings, tmp_path: Path) -> dict:
    out = run_cli(["ingest", str(path), "--json"], settings.db_url, tmp_path / "cli")
    assert out.returncode == 0, out.stderr
    return json_lines(out.stdout)[0]


def test_press_outage_turns_the_line_down_and_its_reported_end_brings_it_back(
    settings: Settings, status_site: FakeSite, server: httpx.Client, tmp_path: Path
) -> None:
    db = open_database(settings.db_url)
    toml = status_toml(status_site)
    assert poll(settings, db.sessions, toml)["Statut OpenAI"].ok
    assert line(server, "ChatGPT")["verdict"] == "operational"
    first = server.get("/etat")
    verdict, text = html_line(server, "chatgpt")
    assert verdict == "operational" and "opérationnel" in text and "aucun article depuis 6 h" in text

    start, published, end, published_back = paris_times([40, 25, 8, 5])
    down = ingest(write(tmp_path, "panne.html", chatgpt_down_page(start, published)), settings, tmp_path)
    assert down["status"] == "stored" and down["is_outage"] and "chatgpt" in down["products"], down

    # the cached page and its validator follow the new data: the old ETag gets the new page, not a 304
    verdict, text = html_line(server, "chatgpt", {"If-None-Match": first.headers["etag"]})
    assert verdict == "down" and "en panne" in text
    assert f"1 article depuis {hm(published, NBSP)}" in text
    chat = line(server, "ChatGPT")
    assert chat["verdict"] == "down" and chat["verdict_fr"] == "en panne"
    assert chat["reason"] == "Selon la presse."
    assert chat["official"]["status"] == "operational" and chat["official"]["fresh"]
    assert [i["id"] for i in chat["incidents"]] == [down["incident_id"]]
    assert line(server, "API d'OpenAI")["verdict"] == "operational"  # another component of the same page
    timeline = server.get("/").text
    assert "<strong>En panne : ChatGPT.</strong>" in timeline
    assert timeline.index('class="live"') < timeline.index('class="month"')  # at the top of the timeline

    back = ingest(write(tmp_path, "retour.html", chatgpt_back_page(end, published_back)), settings, tmp_path)
    assert back["incident_id"] == down["incident_id"], back
    chat = line(server, "ChatGPT")
    assert chat["verdict"] == "operational" and chat["incidents"] == []
    assert (
        chat["press"]["articles"] == 2 and chat["press"]["text"] == f"2 articles depuis {hm(published, NBSP)}"
    )
    verdict, text = html_line(server, "chatgpt")
    assert verdict == "operational" and "2 articles depuis" in text
    db.dispose()


def test_official_resolution_closes_the_press_incident_and_measures_the_press_lead(
    settings: Settings, status_site: FakeSite, server: httpx.Client, tmp_path: Path
) -> None:
    db = open_database(settings.db_url)
    toml = status_toml(status_site)
    poll(settings, db.sessions, toml)
    start, published, acknowledged, resolved = paris_times([40, 25, 15, 5])
    down = ingest(write(tmp_path, "panne.html", chatgpt_down_page(start, published)), settings, tmp_path)
    assert line(server, "ChatGPT")["verdict"] == "down"

    # the status page acknowledges the outage, then resolves it; the summary says ChatGPT is fine again
    official = v2_incident("inc-live-1", "Elevated errors on ChatGPT", acknowledged, resolved)
    status_site.routes["/api/v2/incidents.json"] = json_resp(incidents(official))
    report = poll(settings, db.sessions, toml)["Statut OpenAI"]
    assert report.ok and report.incidents["stored"] == 1, report
    chat = line(server, "ChatGPT")
    assert chat["verdict"] == "operational" and chat["incidents"] == [], chat

    detail = server.get(f"/api/incidents/{down['incident_id']}").json()
    assert [o["title"] for o in detail["official"]] == ["Elevated errors on ChatGPT"]
    expected = int((acknowledged - published.replace(microsecond=0)).total_seconds() / 60)
    assert expected > 0
    lead = detail["press_lead"]
    assert [(x["provider"], x["minutes"]) for x in lead] == [("OpenAI", expected)]
    text = f"La presse l'a signalé {expected} min avant la page de statut d'OpenAI"
    assert lead[0]["text"] == text
    assert text in html.unescape(server.get(f"/incidents/{down['incident_id']}").text)
    db.dispose()


def test_official_outage_alone_turns_the_line_down(
    settings: Settings, status_site: FakeSite, server: httpx.Client
) -> None:
    db = open_database(settings.db_url)
    poll(settings, db.sessions, status_toml(status_site))
    assert line(server, "Sora")["verdict"] == "operational"
    [ack] = paris_times([3])
    sora = v2_incident("inc-sora", "Sora video generation failing", ack, component="Sora")
    status_site.routes["/api/v2/summary.json"] = json_resp(summary(sora="major_outage", incidents=[sora]))
    poll(settings, db.sessions, status_toml(status_site))
    s = line(server, "Sora")
    assert (s["verdict"], s["reason"]) == ("down", "Selon la page de statut d'OpenAI.")
    assert [c["name"] for c in s["official"]["components"]] == ["Sora"]
    assert line(server, "ChatGPT")["verdict"] == "operational"
    assert (
        "Incident officiel : Sora video generation failing" in server.get("/").text
    )  # an official-only incident
    db.dispose()
