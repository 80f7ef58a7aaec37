"""The cheaper first render (issue 14): the shortcuts give what the plain computation gave."""

from __future__ import annotations

import heapq
import random
from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.services.articles import most_shared
from tests.site_data import SiteData


def test_most_shared_is_the_plain_ranking() -> None:
    rnd = random.Random(14)
    for _ in range(300):
        windows = [rnd.sample(range(1, 400), rnd.randint(0, 120)) for _ in range(rnd.randint(0, 5))]
        shared = Counter(i for w in windows for i in w)
        n = rnd.choice([1, 6, 24, 500])
        assert most_shared(shared, n) == heapq.nsmallest(n, shared, key=lambda i: (-shared[i], -i))


def test_search_form_lists_every_entity_selected_or_not(site: tuple[TestClient, SiteData]) -> None:
    """The <option>s kept per state of the data (none selected) and those rendered for a selection agree."""
    client, _ = site
    plain = client.get("/recherche?q=panne").text
    chosen = client.get("/recherche?q=panne&company=openai&product=chatgpt").text
    assert '<option value="openai">' in plain and '<option value="openai" selected>' in chosen
    assert '<option value="chatgpt">' in plain and '<option value="chatgpt" selected>' in chosen
    strip = lambda html: html.split("<select", 1)[1].split("</form>", 1)[0].replace(" selected", "")  # noqa: E731
    assert strip(plain) == strip(chosen)


def test_pages_of_missing_rows_are_404s(site: tuple[TestClient, SiteData]) -> None:
    client, _ = site
    for path in ("/articles/999999", "/api/articles/999999", "/incidents/999999", "/api/incidents/999999"):
        r = client.get(path)
        assert r.status_code == 404, path
    assert client.get(f"/articles/{2**31}").status_code == 404
    assert client.get("/incidents/0").status_code == 404
    assert client.get("/entites/zorglub").status_code == 404
    assert client.get("/api/entites/zorglub").status_code == 404


def test_column_reads_see_the_session_pending_changes(site_data: SiteData, settings: Settings) -> None:
    """As ORM queries did: a caller still writing (alert facts read an incident being stored) reads its changes."""
    from app.models import Article, Incident
    from app.services.articles import article_items, find_article
    from app.services.incident_list import incident_detail

    engine = make_engine(settings.db_url)
    with make_sessionmaker(engine)() as session:
        article_id = next(iter(site_data.articles.values()))
        session.get(Article, article_id).title = "Titre pas encore écrit"  # type: ignore[union-attr]
        row = find_article(session, article_id)
        assert row is not None and row.title == "Titre pas encore écrit"
        assert article_items(session, [row])[0].title == "Titre pas encore écrit"
        incident = session.scalars(
            select(Incident).where(Incident.id.in_(select(Article.incident_id)))
        ).first()
        assert incident is not None
        incident.title = "Incident pas encore écrit"
        covered = session.scalars(select(Article).where(Article.incident_id == incident.id)).first()
        assert covered is not None
        covered.title = "Couverture pas encore écrite"
        detail = incident_detail(session, incident)
        assert detail.title == "Incident pas encore écrit"
        assert "Couverture pas encore écrite" in [a.title for a in detail.articles]
        session.rollback()
    engine.dispose()
