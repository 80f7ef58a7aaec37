"""An incident carries only the services hit; its articles keep every entity they name (issue 10, pattern 6)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.articles import article_items
from app.services.ingest import prepare, store
from tests.helpers import incidents_as_json

from .helpers import page


def test_rival_named_in_comparison_stays_off_the_incident(session: Session) -> None:
    raw = page(
        "DeepSeek, le rival de ChatGPT, ferme ses inscriptions",
        [
            "DeepSeek, le concurrent chinois de ChatGPT, a fermé ce lundi les inscriptions à son assistant après "
            "une attaque contre ses serveurs. Les comptes existants fonctionnent toujours.",
            "La start-up dit vouloir protéger la qualité du service pour ses utilisateurs actuels.",
        ],
        "2025-01-27T20:00",
        "https://www.exemple-tech.fr/deepseek-inscriptions.html",
    )
    res = store(session, prepare(raw))
    session.commit()
    assert res.kind == "restriction" and "chatgpt" in res.products
    incidents = incidents_as_json(session)
    assert len(incidents) == 1
    inc = incidents[0]
    assert [p["slug"] for p in inc["products"]] == ["deepseek"]
    assert [c["slug"] for c in inc["companies"]] == ["deepseek"]
    assert "ChatGPT" not in inc["title"] and inc["title"].startswith("DeepSeek")
    assert (
        incidents_as_json(session, product="chatgpt") == []
        and incidents_as_json(session, company="openai") == []
    )
    from app.models import Article

    art = session.get(Article, res.article_id)
    item = article_items(session, [art])[0].model_dump(mode="json")
    assert {"chatgpt", "deepseek"} <= {p["slug"] for p in item["products"]}
