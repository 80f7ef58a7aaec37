"""The JSON API through the real ASGI app, on the spine fixture pages."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import SPINE, ingest_files

PAGES = [
    "chatgpt-panne.html",
    "chatgpt-retour.html",
    "mistral-modele.html",
    "claude-cp1252.html",
    "telephone-test.html",
    "sans-date.html",
]


@pytest.fixture
def loaded(session_factory: sessionmaker[Session], client: TestClient) -> TestClient:
    ingest_files(session_factory, *(SPINE / p for p in PAGES))
    return client


def test_articles_shape_and_total(loaded: TestClient) -> None:
    r = loaded.get("/api/articles", params={"per_page": 50})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 5  # the phone review is not AI news
    item = data["items"][0]
    assert {
        "id",
        "url",
        "title",
        "source",
        "author",
        "published_at",
        "summary",
        "companies",
        "products",
        "is_outage",
        "incident_id",
        "snippet",
    } <= set(item)
    assert {"companies", "products", "sources"} <= set(data["facets"])
    assert all({"slug", "name", "count"} <= set(f) for f in data["facets"]["companies"])
    assert not any("pixelio" in i["url"] for i in data["items"])


def test_company_filter_includes_products(loaded: TestClient) -> None:
    data = loaded.get("/api/articles", params={"company": "anthropic"}).json()
    titles = {i["title"] for i in data["items"]}
    assert any(t.startswith("Claude inaccessible") for t in titles)
    assert any("Mistral AI dévoile" in t for t in titles)  # names only Claude Code, an Anthropic product
    assert loaded.get("/api/articles", params={"product": "chatgpt"}).json()["total"] == 2
    assert loaded.get("/api/articles", params={"company": "inconnue"}).json()["total"] == 0


def test_filters_outage_source_dates(loaded: TestClient) -> None:
    assert loaded.get("/api/articles", params={"outage": "true"}).json()["total"] == 3
    assert loaded.get("/api/articles", params={"outage": "false"}).json()["total"] == 2
    assert loaded.get("/api/articles", params={"since": "2026-01-01"}).json()["total"] == 1
    assert loaded.get("/api/articles", params={"until": "2025-04-02"}).json()["total"] == 1
    src = loaded.get("/api/articles").json()["facets"]["sources"]
    slug = next(s["slug"] for s in src if s["name"] == "Essai Tech")
    assert loaded.get("/api/articles", params={"source": slug}).json()["total"] == 3


@pytest.mark.parametrize(
    "q",
    [
        '"chatgpt AND (',
        'claude*"',
        "NEAR(",
        "'; DROP TABLE article;--",
        '"',
        "*",
        "-",
        "()",
        "OR OR",
        "é" * 300,
        "💥 panne",
    ],
)
def test_hostile_queries_never_fail(loaded: TestClient, q: str) -> None:
    r = loaded.get("/api/articles", params={"q": q})
    assert r.status_code == 200, r.text
    assert isinstance(r.json()["items"], list)
    assert loaded.get("/api/articles").json()["total"] == 5  # nothing lost


def test_pagination_and_bad_parameters(loaded: TestClient) -> None:
    r = loaded.get("/api/articles", params={"per_page": 2, "page": 3})
    assert r.status_code == 200 and len(r.json()["items"]) == 1
    r = loaded.get("/api/articles", params={"page": 9999})
    assert r.status_code == 200 and r.json()["items"] == [] and r.json()["total"] == 5
    for bad in ({"page": 0}, {"page": "abc"}, {"per_page": 1000}, {"since": "hier"}, {"sort": "random"}):
        r = loaded.get("/api/articles", params=bad)
        assert r.status_code == 422, bad
        assert r.json()["error"] == "Paramètres invalides"
    assert loaded.get("/api/articles", params={"inconnu": "x"}).status_code == 200  # unknown params ignored


def test_article_detail_and_404(loaded: TestClient) -> None:
    items = loaded.get("/api/articles", params={"product": "chatgpt"}).json()["items"]
    one = loaded.get(f"/api/articles/{items[0]['id']}").json()
    assert one["incident"]["date"] == "2025-04-02" and len(one["incident"]["articles"]) == 2
    r = loaded.get("/api/articles/999999")
    assert r.status_code == 404 and r.json()["error"] == "Page introuvable"
    assert loaded.get("/api/articles/abc").status_code == 422


def test_incidents_and_entities(loaded: TestClient) -> None:
    inc = loaded.get("/api/incidents").json()["items"]
    assert [i["date"] for i in inc] == ["2026-03-02", "2025-04-02"]  # newest first, one per outage
    chatgpt = inc[1]
    assert {"id", "date", "kind", "title", "companies", "products", "articles"} <= set(chatgpt)
    assert chatgpt["kind"] == "outage" and "ChatGPT" in chatgpt["title"]
    assert [a["published_at"][:10] for a in chatgpt["articles"]] == ["2025-04-02", "2025-04-03"]
    assert len(loaded.get("/api/incidents", params={"company": "openai"}).json()["items"]) == 1
    assert len(loaded.get("/api/incidents", params={"product": "claude"}).json()["items"]) == 1
    assert loaded.get("/api/incidents", params={"kind": "restriction"}).json()["items"] == []
    assert loaded.get("/api/incidents", params={"kind": "bogus"}).status_code == 422
    ents = loaded.get("/api/entities").json()
    openai = next(c for c in ents["companies"] if c["slug"] == "openai")
    assert openai["articles"] == 2 and openai["incidents"] == 1
    chat = next(p for p in ents["products"] if p["slug"] == "chatgpt")
    assert chat["company"] == "openai"


def test_healthz_and_openapi(loaded: TestClient) -> None:
    assert loaded.get("/healthz").json()["status"] == "ok"
    paths = loaded.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/incidents", "/api/entities"} <= set(paths)


def test_openapi_page_reads_in_french(loaded: TestClient) -> None:
    """Docstrings are English (they are code): none reaches the OpenAPI page, nor FastAPI's English defaults."""
    import inspect
    import re

    import app.errors
    import app.kinds
    import app.schemas

    text = loaded.get("/openapi.json").text
    descriptions = set(re.findall(r'"description":"((?:[^"\\]|\\.)*)"', text))
    assert descriptions and not descriptions & {"Successful Response", "Validation Error"}
    docstrings = {
        " ".join((obj.__doc__ or "").split())
        for module in (app.schemas, app.errors, app.kinds)
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if obj.__module__ == module.__name__ and obj.__doc__
    }
    from app.routes import articles, entities, feeds, health, incidents, sources

    docstrings |= {
        " ".join(fn.__doc__.split())
        for module in (articles, entities, feeds, health, incidents, sources)
        for _, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and fn.__doc__
    }
    assert not {" ".join(d.replace("\\n", " ").split()) for d in descriptions} & docstrings
    schemas = loaded.get("/openapi.json").json()["components"]["schemas"]
    assert "jamais le texte intégral" in schemas["ArticleDetail"]["description"]


def test_entity_counts_follow_the_data(session_factory: sessionmaker[Session], client: TestClient) -> None:
    # /api/entities is counted once per state of the data: an ingest must show in the next counts.
    ingest_files(session_factory, SPINE / "chatgpt-panne.html")

    def openai_articles() -> int:
        ents = client.get("/api/entities").json()
        return next(c["articles"] for c in ents["companies"] if c["slug"] == "openai")

    assert openai_articles() == 1
    assert openai_articles() == 1  # the remembered list
    ingest_files(session_factory, SPINE / "chatgpt-retour.html")
    deadline = time.monotonic() + 10  # the data stamp is re-read at most once a second
    while openai_articles() != 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert openai_articles() == 2
    assert "OpenAI" in client.get("/entites").text


def test_related_articles_share_the_most_entities(loaded: TestClient) -> None:
    everything = loaded.get("/api/articles", params={"per_page": 50}).json()["items"]

    def entities(a: dict) -> set[str]:
        return {f"c:{c['slug']}" for c in a["companies"]} | {f"p:{p['slug']}" for p in a["products"]}

    checked = 0
    for item in everything:
        one = loaded.get(f"/api/articles/{item['id']}").json()
        skip = {one["id"]} | {i["id"] for i in one["related"]["same_incident"]}
        shared = {a["id"]: len(entities(a) & entities(one)) for a in everything if a["id"] not in skip}
        # newest first on a tie, undated last
        when = {
            a["id"]: datetime.fromisoformat(a["published_at"]).timestamp() if a["published_at"] else 0
            for a in everything
        }
        expected = sorted((i for i, n in shared.items() if n), key=lambda i: (-shared[i], -when[i], -i))
        got = [r["id"] for r in one["related"]["same_entities"]]
        assert got == expected[: len(got)] and len(got) == min(6, len(expected)), (one["id"], got, expected)
        checked += bool(got)
    assert checked >= 2
