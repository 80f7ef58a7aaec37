"""Totals exact up to 10,000 matches, "plus de 10 000 résultats" beyond, on both backends: more than 10,000
matching articles are bulk-inserted and indexed with each backend's own statements (seconds, not minutes)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine, make_sessionmaker, migrate
from app.main import create_app
from app.models import Article, Source
from app.search import base, fts5, postgres
from app.search.base import ArticleFacts, doc_row
from app.search.text import index_text

N = base.TOTAL_CAP + 50  # articles that say "bibliothèque"
RARE = 30  # of which this many also say "planétarium", spread over the whole id range
START = datetime(2024, 1, 1, 8, tzinfo=UTC)


STEP = N // RARE


def _is_rare(i: int) -> bool:
    return i % STEP == STEP - 100  # never among the newest, which the ranking tests look at


def _texts(rare: bool) -> tuple[str, str, str]:
    # The same number of words either way: every article gets the same text score, recency alone orders them.
    title = "Un assistant pour les bibliothèques du " + ("planétarium" if rare else "quartier")
    summary = "Les bibliothécaires testent un outil de recherche dans les fonds anciens."
    body = f"{title}. {summary} Les lecteurs posent leurs questions en français, à toute heure."
    return title, summary, body


def _bulk_corpus(session: Session) -> None:
    """N articles with their index rows, written with the statements each backend's index uses."""
    session.add(Source(slug="direct", name="Direct", kind="site"))
    session.flush()
    source_id = session.execute(text("SELECT id FROM source WHERE slug = 'direct'")).scalar_one()
    rows = []
    for i in range(1, N + 1):
        title, summary, body = _texts(_is_rare(i))
        day = START + timedelta(minutes=10 * i)
        rows.append(
            {
                "id": i,
                "url": f"https://exemple.test/{i}",
                "source_id": source_id,
                "title": title,
                "text": body,
                "summary": summary,
                "content_hash": hashlib.sha256(str(i).encode()).hexdigest(),
                "is_ai": True,
                "is_outage": False,
                "outage_services": [],
                "published_at": day,
                "fetched_at": day,
                "updated_at": day,
            }
        )
    session.execute(insert(Article), rows)
    facts = ArticleFacts("direct", [])
    tags = " ".join(facts.tags(START, False))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(postgres.UPSERT),
            [
                {
                    **doc_row(r["id"], r["published_at"], False, facts),
                    "o": False,
                    "g": f"{tags} {postgres.recency_tag(r['id'])}",
                    "t": r["title"],
                    "s": r["summary"],
                    "b": r["text"],
                    "p": "",
                }
                for r in rows
            ],
        )
        session.execute(text("SELECT setval(pg_get_serial_sequence('article', 'id'), :n)"), {"n": N})
        return
    analysed = {rare: index_text(*_texts(rare)) for rare in (False, True)}
    values = {rare: fts5._values(a) for rare, a in analysed.items()}
    fts, docs = [], []
    for r in rows:
        v = values["planétarium" in r["title"]]
        fts.append({"i": r["id"], **v, "g": tags})
        docs.append({**doc_row(r["id"], r["published_at"], False, facts), "g": tags, "d": fts5.digest(v)})
    session.execute(text(fts5.INSERT_FTS), fts)
    session.execute(text(fts5.INSERT_DOC), docs)
    terms = fts5.vocabulary(*(v for a in values.values() for k, v in a.items() if k in "tsb"))
    session.execute(text(fts5.INSERT_TERM), [{"t": t} for t in terms])


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over one database of N articles per backend, built once for the module's tests."""
    tmp = tmp_path_factory.mktemp("cap")
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp / 'veille.db'}", None
    else:
        server = request.getfixturevalue("pg_server")
        name = f"veille_t_{uuid.uuid4().hex[:10]}"
        admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url, drop = server.rsplit("/", 1)[0] + f"/{name}", name
    # Small recency blocks on PostgreSQL: the hits span many blocks, so every stage of the search runs
    # (the newest blocks, the growing stages, then the rest of the index at once).
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(postgres, "RECENCY_BLOCK", 500)
        engine = make_engine(url)
        migrate(engine)
        with make_sessionmaker(engine)() as s:
            _bulk_corpus(s)
            s.commit()
        if drop:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE article_search"))
        engine.dispose()
        with TestClient(create_app(Settings(database_url=url, data_dir=tmp / "data"))) as client:
            yield client
    if drop:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)'))
        admin.dispose()


def test_totals_beyond_the_cap_are_not_exact(api: TestClient) -> None:
    r = api.get("/api/articles", params={"q": "bibliothèque"}).json()
    assert (r["total"], r["total_exact"]) == (base.TOTAL_CAP, False)
    assert len(r["items"]) == 20
    # Ranked by relevance then recency: the same text everywhere, so the newest come first.
    assert [i["id"] for i in r["items"]] == list(range(N, N - 20, -1))
    assert r["facets"]["based_on"] == base.FACET_WINDOW
    assert r["facets"]["sources"] == [{"slug": "direct", "name": "Direct", "count": base.FACET_WINDOW}]
    everything = api.get("/api/articles").json()  # no words: every article matches
    assert (everything["total"], everything["total_exact"]) == (base.TOTAL_CAP, False)


def test_totals_under_the_cap_stay_exact(api: TestClient) -> None:
    r = api.get("/api/articles", params={"q": "planétarium", "per_page": 100}).json()
    assert (r["total"], r["total_exact"]) == (RARE, True)
    assert sorted(i["id"] for i in r["items"]) == [i for i in range(1, N + 1) if _is_rare(i)]
    assert r["facets"]["based_on"] == RARE
    # A word and a filter that leave exactly the cap's worth or fewer: still exact.
    r = api.get("/api/articles", params={"q": "bibliothèque -planétarium", "sort": "date"}).json()
    assert (r["total"], r["total_exact"]) == (base.TOTAL_CAP, False)  # N - RARE = cap + 20
    r = api.get("/api/articles", params={"q": "bibliothèque", "until": "2024-01-01"}).json()
    assert r["total_exact"] and 0 < r["total"] < base.TOTAL_CAP


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_reach_the_capth_match_and_stop(api: TestClient, sort: str) -> None:
    def page(n: int) -> dict:
        params = {"q": "bibliothèque", "per_page": 100, "page": n, "sort": sort}
        return api.get("/api/articles", params=params).json()

    last = page(base.TOTAL_CAP // 100)
    assert len(last["items"]) == 100
    # The cap-th match is the last one served: newest first, so id N - cap + 1 ends the last page.
    assert last["items"][-1]["id"] == N - base.TOTAL_CAP + 1
    assert sorted(i["id"] for i in last["items"]) == list(
        range(N - base.TOTAL_CAP + 1, N - base.TOTAL_CAP + 101)
    )
    beyond = page(base.TOTAL_CAP // 100 + 1)
    assert beyond["items"] == [] and (beyond["total"], beyond["total_exact"]) == (base.TOTAL_CAP, False)
    # A page size that does not divide the cap: the last page is cut at the cap-th match.
    odd = api.get(
        "/api/articles", params={"q": "bibliothèque", "per_page": 30, "page": 334, "sort": sort}
    ).json()
    assert len(odd["items"]) == base.TOTAL_CAP - 333 * 30


def test_the_search_page_says_more_than_ten_thousand(api: TestClient) -> None:
    html = api.get("/recherche", params={"q": "bibliothèque"}).text
    assert "Plus de 10\u202f000 résultats" in html
    assert "page 1 sur 500" in html
    assert "Seuls les 10\u202f000 premiers résultats se parcourent" in html
    assert 'aria-label="Page 500"' in html and 'aria-label="Page 501"' not in html
    beyond = api.get("/recherche", params={"q": "bibliothèque", "page": 501}).text
    assert "Cette page est au-delà des résultats" in beyond
    assert "Aucun article ne correspond" not in beyond
    rare = api.get("/recherche", params={"q": "planétarium"}).text
    assert "30 articles" in rare and "Plus de" not in rare


def test_openapi_documents_the_shape_in_french(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    props = spec["components"]["schemas"]["SearchResult"]["properties"]
    assert "exact jusqu'à 10\u202f000" in props["total"]["description"]
    assert "total_exact" in props and "plus de 10\u202f000" in props["total_exact"]["description"]
    route = spec["paths"]["/api/articles"]["get"]["description"]
    assert "`total_exact: false`" in route and "plus de 10\u202f000 résultats" in route
