"""The live status is served from the page cache and rebuilt when it changes, whether the data changed or only
the clock did (a status page gone silent), with the same answers from /etat, /api/etat and the timeline."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.services.followed import FollowedError, parse_followed
from tests.conftest import LiveServer, free_port
from tests.fakesite import FakeSite
from tests.status.helpers import incidents, json_resp, poll, status_toml, summary


def test_a_silent_status_page_turns_the_line_unknown_without_any_write(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    from app.main import create_app

    max_age = 6.0
    settings = settings.model_copy(update={"status_max_age": max_age})
    with FakeSite() as site:
        site.routes["/api/v2/summary.json"] = json_resp(summary())
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        polled = time.monotonic()
        poll(settings, session_factory, status_toml(site))
    app = create_app(settings)
    with LiveServer(app, free_port()) as srv, httpx.Client(base_url=srv.url) as client:
        first = client.get("/api/etat")
        chat = next(s for s in first.json()["services"] if s["name"] == "ChatGPT")
        assert chat["verdict"] == "operational", chat
        assert time.monotonic() - polled < max_age, "the machine was too slow to see the fresh state"
        etag = first.headers["etag"]
        assert client.get("/api/etat", headers={"If-None-Match": etag}).status_code == 304
        cached = client.get("/etat")
        assert client.get("/etat").content == cached.content
        time.sleep(max(0.0, max_age + 1.5 - (time.monotonic() - polled)))  # the page is now too old
        later = client.get("/api/etat", headers={"If-None-Match": etag})
        assert later.status_code == 200 and later.headers["etag"] != etag
        chat = next(s for s in later.json()["services"] if s["name"] == "ChatGPT")
        assert chat["verdict"] == "unknown"
        assert chat["reason"].startswith("Pas de réponse exploitable de la page de statut d'OpenAI depuis ")
        assert "v-unknown" in client.get("/etat").text.split('id="svc-chatgpt"')[1][:40]


def test_the_page_and_its_json_twin_say_the_same(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    with FakeSite() as site:
        site.routes["/api/v2/summary.json"] = json_resp(summary(api="partial_outage"))
        site.routes["/api/v2/incidents.json"] = json_resp(incidents())
        poll(settings, session_factory, status_toml(site))
    with TestClient(create_app(settings)) as client:
        board = client.get("/api/etat").json()
        page = client.get("/etat").text
        timeline = client.get("/").text
    assert [s["name"] for s in board["services"]][:3] == ["ChatGPT", "API d'OpenAI", "Sora"]
    assert board["counts"] == {"operational": 2, "degraded": 1, "down": 0, "unknown": 12}
    for s in board["services"]:
        assert f'id="svc-{s["product"]["slug"]}" class="live-line v-{s["verdict"]}"' in page
        assert f'class="live-chip v-{s["verdict"]}"><a href="/etat#svc-{s["product"]["slug"]}"' in timeline
    assert "<strong>Perturbé : API d&#39;OpenAI.</strong>" in page
    assert len(board["rules"]) == 5 and "Inconnu" in board["rules"][3]
    assert 'lang="fr"' in page and "Comment le verdict est établi" in page


def test_openapi_describes_the_live_status_in_french(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/etat"]["get"]
    assert op["summary"] == "État des services d'IA en direct" and "verdict" in op["description"]
    shapes = spec["components"]["schemas"]
    assert shapes["LiveStatus"]["description"].startswith("L'état en direct des services d'IA suivis")
    assert "en panne" in shapes["ServiceLine"]["properties"]["verdict"]["description"]


def test_a_broken_followed_services_file_is_refused_in_french(tmp_path: Path) -> None:
    cases = {
        '[[service]]\nname = "X"\nproduct = "inexistant"\n': "« product » doit être un produit du gazetteer",
        '[[service]]\nname = "X"\nproduct = "chatgpt"\ncomponents = ["A"]\n': "« components » demande une",
        '[[service]]\nname = "X"\nproduct = "chatgpt"\ncouleur = 1\n': "clé(s) inconnue(s) couleur",
        "[[service]\n": "TOML invalide",
        "": "aucun service",
    }
    for text, message in cases.items():
        try:
            parse_followed(text)
        except FollowedError as exc:
            assert message in str(exc), (text, exc)
        else:
            raise AssertionError(f"accepted: {text!r}")
