"""PostgreSQL: writers adding new lexemes to article_search_term in crossed orders (several articles per
transaction, several crawl processes) once deadlocked on the list's unique index and lost a page; they now
take turns (an advisory lock, only when a row brings lexemes the list lacks). That lock and the incidents' one
are taken in one order (app.write_locks): a batch that added terms then regrouped incidents, against one that
did the reverse, once deadlocked too (CI: 598 of 600 pages stored by three crawl processes)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.models import Article
from app.search.index import index_article
from app.services.incidents import serialise_incidents
from tests.search.test_sync import _bare_article

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


def test_writers_adding_new_lexemes_in_crossed_orders_both_commit(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory() as s:
        index_article(s, _bare_article(s, 0, "Un premier article ordinaire"))  # the filler's words listed
        arts = [_bare_article(s, n, title) for n, title in enumerate(["Zorglonde", "Brimbalis"] * 2, start=1)]
        s.commit()
        ids = [a.id for a in arts]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(first: int, second: int) -> None:
        try:
            with session_factory() as s:
                index_article(s, s.get(Article, first))  # type: ignore[arg-type]
                try:  # both hold their first new lexeme, uncommitted, before either takes the other's
                    barrier.wait(timeout=3)
                except threading.BrokenBarrierError:
                    pass  # (the other writer waits for its turn: it never reaches the barrier)
                index_article(s, s.get(Article, second))  # type: ignore[arg-type]
                s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # writer 1: zorglonde then brimbalis; writer 2: brimbalis then zorglonde
    threads = [
        threading.Thread(target=writer, args=(ids[0], ids[1])),
        threading.Thread(target=writer, args=(ids[3], ids[2])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with session_factory() as s:
        terms = set(s.execute(text("SELECT term FROM article_search_term")).scalars())
        indexed = set(s.execute(text("SELECT id FROM article_search")).scalars())
        assert {"zorglond", "brimbal"} <= terms or {"zorglonde", "brimbalis"} <= terms, sorted(terms)[:20]
        assert set(ids) <= indexed
        assert s.scalars(select(Article.id)).all()


def test_a_batch_adding_terms_and_one_regrouping_incidents_in_the_other_order_both_commit(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory() as s:
        index_article(s, _bare_article(s, 0, "Un premier article ordinaire"))
        arts = [_bare_article(s, n, title) for n, title in enumerate(["Zorglonde", "Brimbalis"], start=1)]
        s.commit()
        ids = [a.id for a in arts]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def meet() -> None:
        try:  # both hold their first lock, uncommitted, before either asks for the other
            barrier.wait(timeout=3)
        except threading.BrokenBarrierError:
            pass  # (the other writer waits for its turn: it never reaches the barrier)

    def terms_then_incidents() -> None:
        try:
            with session_factory() as s:
                index_article(s, s.get(Article, ids[0]))  # type: ignore[arg-type]
                meet()
                serialise_incidents(s)
                s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def incidents_then_terms() -> None:
        try:
            with session_factory() as s:
                serialise_incidents(s)
                meet()
                index_article(s, s.get(Article, ids[1]))  # type: ignore[arg-type]
                s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=terms_then_incidents), threading.Thread(target=incidents_then_terms)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with session_factory() as s:
        indexed = set(s.execute(text("SELECT id FROM article_search")).scalars())
    assert set(ids) <= indexed
