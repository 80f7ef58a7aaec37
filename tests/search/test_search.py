"""search_articles on both backends: French matching, query language, entities, ranking, facets, snippets."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.search.base import ArticleQuery
from app.services.search import search_articles


def ids_for(factory: sessionmaker[Session], **kw: object) -> list[int]:
    with factory() as s:
        return [i.id for i in search_articles(s, ArticleQuery(**kw)).items]  # type: ignore[arg-type]


def result(factory: sessionmaker[Session], **kw: object) -> dict:
    with factory() as s:
        return search_articles(s, ArticleQuery(**kw)).model_dump(mode="json")  # type: ignore[arg-type]


def test_plural_and_accents_match(session_factory: sessionmaker[Session], corpus: dict[str, int]) -> None:
    # "claude-panne" only says "panne"; "pannes" must find it.
    assert set(ids_for(session_factory, q="pannes")) == {corpus["chatgpt-pannes"], corpus["claude-panne"]}
    assert set(ids_for(session_factory, q="generation")) == {
        corpus["mistral-generation"],
        corpus["claude-code"],
    }
    assert set(ids_for(session_factory, q="GÉNÉRATION")) == {
        corpus["mistral-generation"],
        corpus["claude-code"],
    }


def test_all_words_must_match(session_factory: sessionmaker[Session], corpus: dict[str, int]) -> None:
    assert ids_for(session_factory, q="génération navigateur") == [corpus["claude-code"]]
    assert ids_for(session_factory, q="génération zébrures") == []


def test_phrase_exclusion_or_prefix(session_factory: sessionmaker[Session], corpus: dict[str, int]) -> None:
    assert ids_for(session_factory, q='"nouvelle génération"') == [corpus["mistral-generation"]]
    assert ids_for(session_factory, q='"génération nouvelle"') == []
    assert ids_for(session_factory, q='"nouvelle génération de modèles"') == [corpus["mistral-generation"]]
    assert ids_for(session_factory, q='"nouvelle génération de code"') == []
    assert ids_for(session_factory, q="génération -Mistral") == [corpus["claude-code"]]
    assert set(ids_for(session_factory, q="ChatGPT OR Gemini -écoles")) == {
        corpus["chatgpt-pannes"],
        corpus["balises-script"],
        corpus["navigateur-titre"],
    }
    assert set(ids_for(session_factory, q="génér*")) == {corpus["mistral-generation"], corpus["claude-code"]}
    excluded = {corpus[k] for k in ("mistral-generation", "claude-code", "chatgpt-pannes", "claude-panne")}
    assert set(ids_for(session_factory, q="-génération -pannes")) == set(corpus.values()) - excluded


def test_a_named_entity_matches_linked_articles(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    # The Alphabet article never writes "Google" but is linked to the company.
    found = ids_for(session_factory, q="Google")
    assert corpus["alphabet-puces"] in found
    assert corpus["gemini-europe"] in found
    assert ids_for(session_factory, q="Alphabet") == [corpus["alphabet-puces"]] or corpus[
        "alphabet-puces"
    ] in ids_for(session_factory, q="Alphabet")
    assert ids_for(session_factory, q="Le Chat") == [corpus["mistral-generation"]]


def test_company_filter_includes_products(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    got = set(ids_for(session_factory, company="google"))
    assert got == {corpus["gemini-europe"], corpus["alphabet-puces"], corpus["navigateur-titre"]}
    assert ids_for(session_factory, company="google", q="écoles") == [corpus["gemini-europe"]]
    assert ids_for(session_factory, product="le-chat") == [corpus["mistral-generation"]]
    assert ids_for(session_factory, company="inconnue") == []


def test_title_ranks_above_body_and_recent_above_old(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    # "écoles" is in the Gemini title, only in the body of the Mistral article (which is newer).
    assert ids_for(session_factory, q="écoles") == [corpus["gemini-europe"], corpus["mistral-generation"]]
    # Same text twice: the newer one first, although it was stored first.
    assert ids_for(session_factory, q="quantique") == [corpus["quantique-recent"], corpus["quantique-ancien"]]


def test_sort_by_date_and_pagination(session_factory: sessionmaker[Session], corpus: dict[str, int]) -> None:
    r = result(session_factory, q="intelligence", sort="date", per_page=2)
    everything = []
    for page in range(1, (r["total"] + 1) // 2 + 1):
        p = result(session_factory, q="intelligence", sort="date", per_page=2, page=page)
        assert p["total"] == r["total"] and p["page"] == page
        everything += p["items"]
    dates = [i["published_at"][:10] for i in everything]
    assert dates == sorted(dates, reverse=True)
    assert len({i["id"] for i in everything}) == r["total"] >= 5
    assert result(session_factory, q="intelligence", page=50)["items"] == []


def test_filters_combine_with_text_and_dates(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    assert ids_for(session_factory, q="panne", outage=True) == [corpus["chatgpt-pannes"]] or set(
        ids_for(session_factory, q="panne", outage=True)
    ) <= {corpus["chatgpt-pannes"], corpus["claude-panne"]}
    assert ids_for(session_factory, q="génération", since=date(2025, 1, 1)) == [corpus["mistral-generation"]]
    assert ids_for(session_factory, q="génération", until=date(2024, 12, 31)) == [corpus["claude-code"]]
    assert ids_for(session_factory, q="génération", since=date(2025, 3, 13), until=date(2025, 3, 13)) == [
        corpus["mistral-generation"]
    ]
    assert ids_for(session_factory, source="octet-essai-fr", q="quantique") == [
        corpus["quantique-recent"],
        corpus["quantique-ancien"],
    ]
    assert ids_for(session_factory, source="absente", q="quantique") == []


def test_facets_follow_the_filtered_result_set(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    r = result(session_factory, q="génération")
    f = r["facets"]
    assert {c["slug"]: c["count"] for c in f["companies"]} == {"mistral-ai": 1, "anthropic": 1}
    assert {p["slug"] for p in f["products"]} >= {"claude", "le-chat"}
    assert f["years"] == [{"year": 2025, "count": 1}, {"year": 2024, "count": 1}]
    assert f["outage"] == [{"value": False, "name": "Autres articles", "count": 2}]
    assert f["sources"] == [{"slug": "octet-essai-fr", "name": "octet-essai.fr", "count": 2}]
    assert f["based_on"] == r["total"] == 2
    g = result(session_factory, company="google")["facets"]
    assert {c["slug"] for c in g["companies"]} == {"google"}
    assert sum(y["count"] for y in g["years"]) == 3
    everything = result(session_factory)
    assert everything["total"] == len(corpus)
    assert sum(o["count"] for o in everything["facets"]["outage"]) == len(corpus)


def test_snippets_mark_matches_and_escape_html(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    item = result(session_factory, q="generation")["items"][0]
    assert "<mark>génération</mark>" in item["snippet"]
    item = result(session_factory, q="pannes")["items"]
    assert any("<mark>panne</mark>" in i["snippet"] for i in item)
    s = result(session_factory, q="script alert")["items"][0]["snippet"]
    assert "<script" not in s and "&lt;<mark>script</mark>&gt;" in s
    assert s.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    hostile = result(session_factory, q="<b>intelligence</b>")["items"]
    assert hostile and all("<b>" not in i["snippet"] for i in hostile)


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "*",
        "AND (",
        "NEAR(",
        "'; DROP TABLE article;--",
        '"panne',
        "-",
        "--",
        "&|!():*<>'\\" * 30,
        "😀",
        "panne OR",
        "OR",
        "-panne -claude",
        "gpt-4o*",
        "x" * 500,
    ],
)
def test_hostile_queries_return_results_or_nothing(
    session_factory: sessionmaker[Session], corpus: dict[str, int], q: str
) -> None:
    r = result(session_factory, q=q)
    assert r["total"] >= 0 and isinstance(r["items"], list)
    with session_factory() as s:  # the table is still there
        assert search_articles(s, ArticleQuery()).total == len(corpus)


def test_prefix_beyond_the_expansion_limit(
    session_factory: sessionmaker[Session], corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.search import fts5

    expanded = set(ids_for(session_factory, q="génér*"))
    monkeypatch.setattr(fts5, "MAX_EXPANSION", 1)  # too many terms: FTS5's own prefix query takes over
    assert (
        set(ids_for(session_factory, q="génér*"))
        == expanded
        == {corpus["mistral-generation"], corpus["claude-code"]}
    )
    assert ids_for(session_factory, q="zzz*") == []


def test_internal_tag_tokens_typed_as_words_match_nothing(
    session_factory: sessionmaker[Session], corpus: dict[str, int]
) -> None:
    # Entity tags live in the index as "qq…" tokens; typing one must not reach the tagged articles.
    assert ids_for(session_factory, company="google")
    assert ids_for(session_factory, q="qqcgoogle") == []
    assert ids_for(session_factory, q="qqcgoo*") == []
