"""/alertes and /api/alertes: subscriptions with their state, recent deliveries, and never a secret."""

from __future__ import annotations

import html
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from tests.alerts.scene import build_scene


def test_alerts_page_and_its_json_twin(sqlite_url: str, tmp_path: Path) -> None:
    from app.main import create_app

    scene = build_scene(sqlite_url, tmp_path / "data")
    with TestClient(create_app(Settings(database_url=sqlite_url, data_dir=tmp_path / "data"))) as c:
        page = c.get("/alertes")
        api = c.get("/api/alertes")
        empty_inm = c.get("/api/alertes", headers={"If-None-Match": api.headers.get("etag", '"x"')})
    assert page.status_code == 200 and api.status_code == 200
    assert page.headers["cache-control"] == "no-store" and api.headers["cache-control"] == "no-store"
    assert empty_inm.status_code == 200  # never answered 304 from the data stamp (deliveries move without it)
    text = html.unescape(page.text)
    assert '<html lang="fr">' in page.text and "<h1>Alertes</h1>" in page.text
    assert 'aria-current="page">Alertes</a>' in page.text
    data = api.json()
    subs = {s["name"]: s for s in data["subscriptions"]}
    assert list(subs) == ["Astreinte OpenAI", "Canal #pannes", "Serveur de l'équipe", "Téléphone de garde"]
    assert subs["Astreinte OpenAI"]["active"] and subs["Astreinte OpenAI"]["delivered"] == 2
    assert subs["Astreinte OpenAI"]["product"] == {"slug": "chatgpt", "name": "ChatGPT"}
    slack = subs["Canal #pannes"]
    assert not slack["active"] and slack["disabled_reason"] == "la destination a répondu HTTP 410 (supprimée)"
    assert subs["Serveur de l'équipe"]["failed"] == 2 and subs["Serveur de l'équipe"]["kind"] == "outage"
    assert subs["Téléphone de garde"]["waiting"] == 2 and subs["Téléphone de garde"]["failing_since"]
    # never a secret: neither URL paths nor the webhook secret, in the page or its twin
    for secret in (scene.secret, "secret-slack", "secret-discord", "telephone-de-garde", "/astreinte"):
        assert secret not in page.text and secret not in api.text, secret
    assert all(s["destination"].endswith("/…") for s in data["subscriptions"])
    # disabled shown as such, with why; waiting and failed deliveries say why and when next
    assert "désactivée" in text and "le " in text and "la destination a répondu HTTP 410 (supprimée)" in text
    deliveries = data["deliveries"]
    assert len(deliveries) == 7  # new: 4 subscriptions; confirmed: the 3 still active
    assert {d["event_type"] for d in deliveries} == {"new", "confirmed"}
    assert sum(d["status"] == "delivered" for d in deliveries) == 2
    waiting = [d for d in deliveries if d["status"] == "pending"]
    assert len(waiting) == 2 and all(d["next_attempt_at"] and d["last_error"] == "HTTP 503" for d in waiting)
    assert f'href="/incidents/{scene.incident_id}"' in page.text
    assert "nouvel essai le" in text and "HTTP 400 : refusé par la destination" in text
    # the page shows what its twin holds, newest first
    shown = [d["headline"] for d in deliveries]
    assert shown[0].startswith("Confirmé par OpenAI : ") and text.index(shown[0]) < text.index(shown[-1])
