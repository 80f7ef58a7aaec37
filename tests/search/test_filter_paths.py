"""SQLite's cheaper paths for filtered and date-ordered searches give what the plain statements give: filtered
ranking window by window (the filters checked through FTS5 within each window's rowid range), and the date
order of a large result set taken from its newest matches plus older matches dated later (dates out of id
order)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from app.search import base, fts5
from app.search.base import ArticleQuery
from app.search.index import index_article
from app.services.search import search_articles
from tests.search.test_sync import _bare_article

N = 40


def _ids(factory: sessionmaker[Session], **kw: object) -> list[int]:
    with factory() as s:
        return [i.id for i in search_articles(s, ArticleQuery(per_page=7, **kw)).items]  # type: ignore[arg-type]


def _pages(factory: sessionmaker[Session], **kw: object) -> list[int]:
    out: list[int] = []
    for page in range(1, 8):
        out += _ids(factory, page=page, **kw)
    return out


@pytest.fixture
def corpus(session_factory: sessionmaker[Session]) -> tuple[set[int], dict[int, datetime]]:
    outage: set[int] = set()
    dates: dict[int, datetime] = {}
    start = datetime(2025, 3, 1, 12, tzinfo=UTC)
    with session_factory() as s:
        for n in range(N):
            title = " ".join(["Assistant"] * (1 + n % 4) + ["vocal", "pour", "les", "hôpitaux"][: n % 5])
            a = _bare_article(s, n, f"{title} {n}")
            a.is_outage = n % 3 != 1
            # dates mostly follow ids, some older ids are dated later, some days are shared
            a.published_at = start + timedelta(days=n // 2 + (9 if n % 11 == 0 else 0))
            dates[a.id] = a.published_at
            if a.is_outage:
                outage.add(a.id)
        s.flush()
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    return outage, dates


def test_filtered_and_dated_paths_match_the_plain_ones(
    session_factory: sessionmaker[Session],
    corpus: tuple[set[int], dict[int, datetime]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outage, dates = corpus
    calls: list[int] = []
    plain = fts5.sql_rows

    def counted(*args: object) -> list[tuple[int, float]]:
        calls.append(1)
        return plain(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fts5, "sql_rows", counted)
    every = _pages(session_factory, q="assistant")
    assert len(every) == N
    newest = sorted(dates, key=lambda i: (dates[i], i), reverse=True)
    for window, split in ((1000, 2000), (4, 0), (3, 0)):
        monkeypatch.setattr(base, "RANK_WINDOW", window)
        monkeypatch.setattr(fts5, "DATE_SPLIT", split)
        monkeypatch.setattr(fts5, "DATE_MARGIN", 0 if split == 0 else 50)
        # a small window ranks each block of recent matches by itself: compare with the unfiltered
        # ranking restricted only when one window holds everything
        if window >= N:
            assert _pages(session_factory, q="assistant", outage=True) == [i for i in every if i in outage]
        ranked = _pages(session_factory, q="assistant", outage=True)
        assert sorted(ranked) == sorted(outage)
        assert _pages(session_factory, q="assistant", outage=True, sort="date") == [
            i for i in newest if i in outage
        ]
        assert _pages(session_factory, outage=False) == [i for i in newest if i not in outage]
        assert _pages(session_factory, q="assistant", sort="date") == newest
    with session_factory() as s:
        sqlite = s.get_bind().dialect.name == "sqlite"
    assert bool(calls) == sqlite  # the newest-matches path ran (SQLite)


def test_filtered_windows_rank_like_the_side_table_check(
    session_factory: sessionmaker[Session],
    corpus: tuple[set[int], dict[int, datetime]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With windows of 4, each window's order is the order of its matches by score: the same with the filter
    checked through FTS5 as with every word match ranked and the filter applied afterwards (window by window)."""
    outage, _ = corpus
    monkeypatch.setattr(base, "RANK_WINDOW", 4)
    got = _pages(session_factory, q="assistant", outage=True)
    # windows of the filtered matches, newest ids first; within each, the unfiltered order restricted
    every = _pages(session_factory, q="assistant")
    monkeypatch.setattr(base, "RANK_WINDOW", 1000)
    full = _pages(session_factory, q="assistant")
    kept = sorted(outage, reverse=True)
    expected: list[int] = []
    for w in range(0, len(kept), 4):
        block = set(kept[w : w + 4])
        expected += [i for i in full if i in block]
    assert len(every) == N
    assert got == expected
