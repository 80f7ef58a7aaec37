"""French pages served by a real uvicorn on loopback."""

from __future__ import annotations

import httpx
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import LiveServer
from tests.helpers import SPINE, ingest_files


def test_pages_over_http(session_factory: sessionmaker[Session], live_server: LiveServer) -> None:
    ingest_files(
        session_factory,
        *(
            SPINE / p
            for p in (
                "chatgpt-panne.html",
                "chatgpt-retour.html",
                "claude-cp1252.html",
                "mistral-modele.html",
            )
        ),
    )
    with httpx.Client(base_url=live_server.url, timeout=10) as c:
        home = c.get("/")
        assert home.status_code == 200 and '<html lang="fr"' in home.text
        assert "mercredi 2 avril 2025" in home.text and "lundi 2 mars 2026" in home.text
        assert home.text.count("/incidents/") >= 2
        search = c.get("/recherche", params={"q": "panne", "product": "chatgpt"})
        assert search.status_code == 200 and "ChatGPT ne répond plus" in search.text
        hostile = c.get("/recherche", params={"q": '"<script>alert(1)</script> AND ('})
        assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.text
        art_id = c.get("/api/articles", params={"product": "chatgpt", "sort": "date"}).json()["items"][-1][
            "id"
        ]
        art = c.get(f"/articles/{art_id}")
        assert art.status_code == 200 and "Lire l'article original" in art.text and "/incidents/" in art.text
        inc_id = c.get(f"/api/articles/{art_id}").json()["incident_id"]
        inc = c.get(f"/incidents/{inc_id}")
        assert inc.status_code == 200 and "Couverture" in inc.text
        missing = c.get("/articles/424242")
        assert (
            missing.status_code == 404 and "Page introuvable" in missing.text and 'lang="fr"' in missing.text
        )
        assert c.get("/nulle-part").status_code == 404
