"""/api/articles and /recherche over a real uvicorn on 127.0.0.1, on both backends."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

HOSTILE = [
    '"',
    "*",
    "AND (",
    "NEAR(",
    "'; DROP TABLE article;--",
    '"panne',
    'panne"',
    "-",
    "- -",
    "--x",
    ".,;:!?()[]{}<>/\\|@#$%^&*~`+=_" * 17,
    "😀🤖🔥",
    "OR",
    "NOT",
    "NEAR/2",
    "panne AND",
    "title:panne",
    '""""',
    "\u202e\u200b",
    "ChatGPT)",
    "(((((",
    "'",
    "\\",
    "%",
    "_",
]


@pytest.fixture
def base(live_server, corpus: dict[str, int]) -> str:  # type: ignore[no-untyped-def]
    return live_server.url


@pytest.mark.parametrize("q", HOSTILE)
def test_api_never_fails_on_hostile_queries(base: str, corpus: dict[str, int], q: str) -> None:
    r = httpx.get(f"{base}/api/articles", params={"q": q}, timeout=30)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"total", "total_exact", "page", "per_page", "items", "facets", "q_truncated"}
    assert body["total"] >= 0
    page = httpx.get(f"{base}/recherche", params={"q": q}, timeout=30)
    assert page.status_code == 200
    assert 'lang="fr"' in page.text and ("article" in page.text or "résultat" in page.text)
    assert httpx.get(f"{base}/api/articles", timeout=30).json()["total"] == len(corpus)


def test_api_search_with_facets_and_filters(base: str, corpus: dict[str, int]) -> None:
    r = httpx.get(f"{base}/api/articles", params={"q": "generation", "per_page": 1}, timeout=30).json()
    assert r["total"] == 2 and len(r["items"]) == 1 and r["per_page"] == 1
    assert "<mark>génération</mark>" in r["items"][0]["snippet"]
    assert {y["year"] for y in r["facets"]["years"]} == {2024, 2025}
    r = httpx.get(f"{base}/api/articles", params={"company": "google", "q": "écoles"}, timeout=30).json()
    assert [i["id"] for i in r["items"]] == [corpus["gemini-europe"]]
    r = httpx.get(f"{base}/api/articles", params={"q": "panne", "outage": "true"}, timeout=30).json()
    assert r["items"] and all(i["is_outage"] for i in r["items"])
    assert r["facets"]["outage"] == [{"value": True, "name": "Pannes", "count": r["total"]}]
    r = httpx.get(f"{base}/api/articles", params={"q": "generation", "sort": "date"}, timeout=30).json()
    assert [i["id"] for i in r["items"]] == [corpus["mistral-generation"], corpus["claude-code"]]


def test_bad_parameters_get_a_clear_error(base: str, corpus: dict[str, int]) -> None:
    r = httpx.get(f"{base}/api/articles", params={"q": "x" * 501}, timeout=30)
    assert r.status_code == 200 and r.json()["q_truncated"] is True  # a long search is cut, never refused
    r = httpx.get(f"{base}/api/articles", params={"sort": "pertinence"}, timeout=30)
    assert r.status_code == 422


def test_search_page_highlights_safely(
    base: str, corpus: dict[str, int], session_factory: sessionmaker[Session]
) -> None:
    html = httpx.get(f"{base}/recherche", params={"q": "script"}, timeout=30).text
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<script>alert" not in html


def test_facet_names_follow_a_rename(
    base: str, corpus: dict[str, int], session_factory: sessionmaker[Session]
) -> None:
    """The names facets show are kept per state of the data: renaming a source (a write that changes the data
    stamp) shows in the next answers, on the API and on the search page."""

    def source_names() -> set[str]:
        r = httpx.get(f"{base}/api/articles", params={"q": "panne"}, timeout=30).json()
        return {s["name"] for s in r["facets"]["sources"]}

    before = source_names()
    assert before and "Gazette renommée" not in before
    with session_factory() as s:
        slug = s.execute(text("SELECT slug FROM source ORDER BY id LIMIT 1")).scalar()
        s.execute(text("UPDATE source SET name = 'Gazette renommée' WHERE slug = :s"), {"s": slug})
        s.commit()
    deadline = time.monotonic() + 10
    while "Gazette renommée" not in source_names() and time.monotonic() < deadline:
        time.sleep(0.2)  # each process trusts the stamp it read for up to a second
    assert "Gazette renommée" in source_names()
    page = httpx.get(f"{base}/recherche", params={"q": "panne"}, timeout=30).text
    assert "Gazette renommée" in page
