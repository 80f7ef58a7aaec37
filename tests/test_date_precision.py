"""Undated pages through the real paths (issue 10, pattern 1): `veille ingest --json`, the JSON API and the pages
say how sure an outage's date is, and the site writes "date approximative" where it is not exact."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.services.ingest import prepare, store
from tests.analysis.helpers import page, paris, undated_page
from tests.helpers import json_lines, run_cli

UNDATED_URL = "https://www.exemple-tech.fr/2025/06/10/chatgpt-hors-service/"
UNDATED = undated_page(
    "ChatGPT hors service pour des millions d'utilisateurs",
    [
        "Depuis ce matin, ChatGPT est inaccessible pour une grande partie de ses utilisateurs européens, qui ne "
        "voient s'afficher qu'un message d'erreur. OpenAI indique enquêter sur l'incident.",
        "Les développeurs qui passent par l'API d'OpenAI signalent eux aussi des requêtes qui échouent, et les "
        "entreprises qui ont branché le chatbot sur leurs outils internes se retrouvent à l'arrêt.",
    ],
    UNDATED_URL,
)
NOWHERE = undated_page(
    "Claude ne répond plus",
    [
        "Claude, l'assistant d'Anthropic, ne répond plus depuis ce matin : chaque question se solde par une erreur "
        "et l'application reste bloquée sur l'écran de chargement.",
        "Anthropic dit avoir identifié la cause et promet un retour rapide à la normale pour ses abonnés.",
    ],
    "https://www.exemple-tech.fr/ia/claude-ne-repond-plus.html",
)


def test_ingest_json_reports_the_precision(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "sans-date.html").write_bytes(UNDATED)
    out = run_cli(["ingest", str(tmp_path / "sans-date.html"), "--json"], sqlite_url, tmp_path)
    o = json_lines(out.stdout)[0]
    assert out.returncode == 0, out.stderr
    # the page declares no date: extraction reads the day off its URL, which stays an inference
    assert o["status"] == "stored" and o["is_outage"] is True
    assert o["published_at"].startswith("2025-06-10") and o["date_source"] == "url"
    assert o["incident_date"] == "2025-06-10" and o["date_precision"] == "inferred"


def test_api_and_pages_show_how_sure_the_date_is(
    session_factory: sessionmaker[Session], client: TestClient
) -> None:
    dated = page(
        "Gemini en panne ce mardi",
        [
            "Gemini est inaccessible ce mardi depuis 15 h, Google enquête sur "
            "l'incident qui touche son assistant d'IA."
        ],
        "2025-06-10T17:00",
        "https://www.exemple-tech.fr/gemini-panne.html",
    )
    with session_factory() as s:
        for raw in (UNDATED, dated):
            assert store(s, prepare(raw)).status == "stored"
        assert store(s, prepare(NOWHERE, seen_at=paris("2025-07-01T10:00"))).status == "stored"
        s.commit()
    incidents = client.get("/api/incidents").json()["items"]
    by_product = {p["slug"]: i for i in incidents for p in i["products"]}
    chatgpt, gemini, claude = by_product["chatgpt"], by_product["gemini"], by_product["claude"]
    assert chatgpt["date"] == "2025-06-10" and chatgpt["date_precision"] == "inferred"
    assert gemini["date_precision"] == "exact"
    assert claude["date"] == "2025-07-01" and claude["date_precision"] == "approximate"
    assert chatgpt["articles"][0]["date_precision"] == "inferred"
    items = client.get("/api/articles", params={"per_page": 50}).json()["items"]
    assert {i["date_precision"] for i in items} == {"exact", "inferred", "approximate"}
    one = client.get(f"/api/articles/{chatgpt['articles'][0]['id']}").json()
    assert one["date_precision"] == "inferred"
    html = client.get(f"/incidents/{chatgpt['id']}").text
    assert 'lang="fr"' in html and "date approximative" in html
    assert "date approximative" not in client.get(f"/incidents/{gemini['id']}").text
    art = client.get(f"/articles/{claude['articles'][0]['id']}").text
    assert "date de publication inconnue" in art and "date approximative" in art
    home = client.get("/").text
    assert home.count("date approximative") >= 2
