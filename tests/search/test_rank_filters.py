"""A filter keeps the order of the matches it keeps: ranking reads the words only (on SQLite, the filters' tags
are checked on the side table instead of being scored by bm25, whose IDF would read their whole doclists)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from app.search.base import ArticleQuery
from app.search.index import index_article
from app.services.search import search_articles
from tests.search.test_sync import _bare_article


def _ids(factory: sessionmaker[Session], **kw: object) -> list[int]:
    with factory() as s:
        return [i.id for i in search_articles(s, ArticleQuery(q="assistant", per_page=50, **kw)).items]  # type: ignore[arg-type]


def test_filtered_ranking_is_the_unfiltered_ranking_restricted(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory() as s:
        outage = set()
        for n in range(14):
            # more or fewer occurrences of the word, titles of different lengths: distinct scores
            title = " ".join(["Assistant"] * (1 + n % 4) + ["vocal", "pour", "les", "hôpitaux"][: n % 5])
            a = _bare_article(s, n, f"{title} {n}")
            a.is_outage = n % 3 == 0
            if a.is_outage:
                outage.add(a.id)
        s.flush()
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    every = _ids(session_factory)
    assert len(every) == 14
    assert _ids(session_factory, outage=True) == [i for i in every if i in outage]
    assert _ids(session_factory, outage=False) == [i for i in every if i not in outage]
    assert _ids(session_factory, outage=True, source="direct") == [i for i in every if i in outage]
    assert _ids(session_factory, outage=True, source="ailleurs") == []
