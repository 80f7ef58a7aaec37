"""SQLite: the ranking MATCH leaves out what cannot change a bm25 score (an excluded word, a word found in half the
articles or more, whose IDF FTS5 clamps to 1e-6) and so skips walking their doclists; the ranked ids are the ones
the whole expression gives."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from app.search import fts5
from app.search.base import ArticleQuery
from app.search.index import index_article
from app.search.query import Query, parse
from tests.search.test_sync import _bare_article


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url  # the FTS5 backend only


@pytest.fixture
def indexed(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """30 articles: « assistant » in every one, « vocal » in a third, « hôpitaux » in a fifth, in varied
    numbers and title lengths (distinct scores)."""
    with session_factory() as s:
        for n in range(30):
            words = ["Assistant"] * (1 + n % 3)
            words += ["vocal"] * (1 + n % 2) if n % 3 == 0 else ["conversationnel"]
            words += ["hôpitaux"] if n % 5 == 0 else []
            words += ["pour", "les", "équipes", "de", "nuit"][: n % 6]
            _bare_article(s, n, " ".join(words) + f" {n}")
        s.flush()
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    fts5._DOC_FREQ.clear()
    return session_factory


def _ranking_matches(factory: sessionmaker[Session], q: str) -> tuple[list[int], list[str]]:
    """The ranked ids of a search and the MATCH expressions of its ranking statements."""
    seen: list[str] = []
    with factory() as s:
        engine = s.get_bind()

        def spy(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            if "bm25(" in statement:
                seen.append(params[0] if isinstance(params, tuple) else params)

        event.listen(engine, "before_cursor_execute", spy)
        try:
            hits = fts5.search(s, parse(q), ArticleQuery(q=q, per_page=50))
        finally:
            event.remove(engine, "before_cursor_execute", spy)
    return hits.ids, seen


def _unpruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        fts5, "_rank_query", lambda session, query: Query(list(query.must), list(query.must_not))
    )


@pytest.mark.parametrize("q", ["assistant vocal", "assistant vocal -hôpitaux", "vocal -hôpitaux"])
def test_pruned_ranking_gives_the_same_ids(
    indexed: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, q: str
) -> None:
    ids, matches = _ranking_matches(indexed, q)
    assert matches and all('"assist"' not in m and "hopital" not in m for m in matches), matches
    _unpruned(monkeypatch)
    full_ids, full_matches = _ranking_matches(indexed, q)
    assert any("hopital" in m or '"assist"' in m for m in full_matches)  # the check above can fail
    assert ids == full_ids and len(ids) >= 5


def test_every_word_saturated_keeps_them_all(indexed: sessionmaker[Session]) -> None:
    """« assistant » alone: its clamped IDF is the whole score, it stays in the ranking."""
    ids, matches = _ranking_matches(indexed, "assistant")
    assert len(ids) == 30 and matches and all('"assist"' in m for m in matches)


def test_a_word_in_fewer_than_half_the_articles_stays(indexed: sessionmaker[Session]) -> None:
    with indexed() as s:
        assert not fts5._saturated(s, "vocal", 30)
        assert fts5._saturated(s, "assist", 30)
        # more articles than when it was counted (ids grown by over a tenth): counted again against them
        assert not fts5._saturated(s, "assist", 70)
