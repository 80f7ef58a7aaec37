"""The /sources page and /api/sources after real crawls (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import make_engine, make_sessionmaker, migrate
from app.main import create_app
from app.models import Article, OfficialIncident
from tests.crawl.conftest import crawl, sources_of
from tests.crawl.test_official import serve_status, status_toml
from tests.fakesite import FakeSite, Resp, html, page, rss


def test_source_health_page_and_json(any_db_url: str, tmp_path: Path, pool) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(any_db_url)
    migrate(engine)
    factory = make_sessionmaker(engine)
    no_text = html("<html><head><title>Vide</title></head><body><div id='app'></div></body></html>")
    with FakeSite() as site, FakeSite() as dead:
        base = site.url
        site.routes["/feed.xml"] = rss(
            base,
            [
                ("/actualites/panne-chatgpt.html", ""),
                ("/actualites/velo-cargo.html", ""),
                ("/js.html", ""),
                ("/absent.html", ""),
            ],
        )
        site.routes["/actualites/panne-chatgpt.html"] = page("panne-chatgpt.html", base)
        site.routes["/actualites/velo-cargo.html"] = page("velo.html", base)
        site.routes["/js.html"] = no_text
        dead.routes["/feed.xml"] = Resp(404)
        serve_status(site)
        text = (
            f'[[sources]]\nname = "Octet"\nhomepage = "{base}/"\nfeeds = ["{base}/feed.xml"]\ndelay = 0\n'
            f'[[sources]]\nname = "Muet"\nhomepage = "{dead.url}/"\nfeeds = ["{dead.url}/feed.xml"]\ndelay = 0\n'
            + status_toml(site)
        )
        crawl(factory, pool, sources_of(text))
    with factory() as s:
        assert s.scalars(select(Article.title)).all() == ["ChatGPT en panne pendant trois heures ce mardi"]
        assert len(s.scalars(select(OfficialIncident)).all()) == 3
    engine.dispose()

    settings = Settings(database_url=any_db_url, data_dir=tmp_path / "data")
    with TestClient(create_app(settings)) as client:
        items = {i["name"]: i for i in client.get("/api/sources").json()["items"]}
        octet = items["Octet"]
        assert (octet["fetched"], octet["stored"], octet["skipped"], octet["articles"]) == (3, 1, 1, 1)
        assert octet["share_text"] == round(2 / 3, 3) and octet["share_date"] == round(2 / 3, 3)
        assert octet["feed_ok"] is True and octet["last_crawl"]["finished_at"]
        kinds = {e["kind"]: e for e in octet["errors_by_kind"]}
        assert kinds["no-text"]["count"] == 1 and kinds["gone"]["label"] == "page disparue (404/410)"
        muet = items["Muet"]
        assert muet["feed_ok"] is False and "le flux ne répond pas" in muet["alerts"]
        assert muet["errors_by_kind"] == [
            {"kind": "feed-gone", "label": "flux introuvable (404/410)", "count": 1}
        ]
        assert items["Statut Forge"]["kind"] == "statuspage" and items["Statut Forge"]["discovered"] == 2
        page_html = client.get("/sources")
        assert page_html.status_code == 200 and 'lang="fr"' in page_html.text
        body = page_html.text
        assert "Santé des sources" in body and "Octet" in body and "ne répond pas" in body
        assert "67 %" in body and "page disparue (404/410)" in body and "Pages de statut officielles" in body
        assert 'href="/api/sources"' in body


def test_empty_source_health(client: TestClient) -> None:
    assert client.get("/api/sources").json() == {"items": [], "workers": []}
    assert "Aucune collecte pour l'instant" in client.get("/sources").text
