"""PostgreSQL: article_search is partitioned by blocks of ids (migration 0012_pg_search_partitions). Indexing an
id beyond the partitions creates its partition and the ones ahead (also when two writers need it at once, and
again after a rollback took it away); the migration converts a populated table keeping every row, and back."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db import migrate
from app.models import Article
from app.search import postgres
from app.search.base import ArticleQuery
from app.search.index import index_article
from app.search.query import parse
from tests.search.test_pg_blocks import TITLES, _migrate_to
from tests.search.test_sync import _bare_article

pytestmark = pytest.mark.postgres

W = postgres.PARTITION_IDS


@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


def _partitions(s: Session) -> list[str]:
    return list(
        s.execute(
            text(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'article_search'::regclass ORDER BY c.relname"
            )
        ).scalars()
    )


def _article_at(s: Session, article_id: int, title: str) -> Article:
    """A stored (not indexed) article whose id is `article_id`."""
    s.execute(text("SELECT setval(pg_get_serial_sequence('article', 'id'), :n)"), {"n": article_id - 1})
    a = _bare_article(s, article_id, title)
    assert a.id == article_id
    return a


def _where(s: Session, article_id: int) -> str | None:
    return s.execute(
        text("SELECT tableoid::regclass::text FROM article_search WHERE id = :i"), {"i": article_id}
    ).scalar()


def test_indexing_beyond_the_partitions_creates_them(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        # An empty index: the partitions of the first block and PARTITIONS_AHEAD more.
        assert _partitions(s) == [
            postgres.partition_name(k * W) for k in range(1 + postgres.PARTITIONS_AHEAD)
        ]
        a = _article_at(s, 5 * W + 7, "Les bibliothèques numériques du réseau")
        index_article(s, a)
        assert _where(s, a.id) == "article_search_p5"
        s.commit()
        names = set(_partitions(s))
        assert {f"article_search_p{k}" for k in range(8)} <= names  # p5 and two ahead
        assert "article_search_p8" not in names
        assert postgres.search(s, parse("bibliothèques"), ArticleQuery(q="bibliothèques")).ids == [a.id]
        # Each new partition has the search indexes (ATTACH creates them).
        indexes = set(
            s.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'article_search_p6'")).scalars()
        )
        assert any("gin (vector)" in d for d in indexes) and any("gin (pairs)" in d for d in indexes)
        assert any("(ts DESC, id DESC)" in d for d in indexes)
    # Partitions created by a transaction that rolls back are gone: the process must not trust them.
    with session_factory() as s:
        index_article(s, _article_at(s, 10 * W, "Un article annulé"))
        assert "article_search_p12" in _partitions(s)
        s.rollback()
        assert "article_search_p10" not in _partitions(s)
        b = _article_at(s, 9 * W + 1, "Un assistant pour les mairies")
        index_article(s, b)
        s.commit()
        assert _where(s, b.id) == "article_search_p9"


def test_two_writers_needing_a_new_partition_both_commit(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        _bare_article(s, 0, "Un premier article")  # the source
        s.execute(text("SELECT setval(pg_get_serial_sequence('article', 'id'), :n)"), {"n": 4 * W - 10})
        s.commit()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    stored: list[int] = []

    def writer(n: int) -> None:
        try:
            with session_factory() as s:
                a = _bare_article(s, 100 + n, f"Le modèle numéro {n} tombe en panne")
                barrier.wait(timeout=5)  # both articles stored, uncommitted, before either is indexed
                index_article(s, a)
                s.commit()
                stored.append(a.id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(stored) == 2
    with session_factory() as s:
        assert {_where(s, i) for i in stored} == {"article_search_p3"}
        assert "article_search_p5" in _partitions(s)


def _rows(s: Session) -> list[tuple]:
    return [
        tuple(r)
        for r in s.execute(
            text(
                "SELECT id, ts, year, source, is_outage, entities, vector::text, pairs::text "
                "FROM article_search ORDER BY id"
            )
        )
    ]


def _kind(s: Session) -> str:
    return str(
        s.execute(text("SELECT relkind FROM pg_class WHERE oid = 'article_search'::regclass")).scalar()
    )


def test_migration_partitions_a_populated_table_and_keeps_every_row(
    session_factory: sessionmaker[Session],
) -> None:
    engine = session_factory.kw["bind"]
    _migrate_to(engine, "0011_incident_entity_by_entity", down=True)  # the table as before 0012
    with session_factory() as s:
        assert _kind(s) == "r"
        for n in range(12):
            _bare_article(s, n, TITLES[n % 4].format(n=n))
        _article_at(s, 6 * W + 3, "L'intelligence artificielle et les bibliothèques")
        for a in s.scalars(select(Article)):
            index_article(s, a)  # no partition to create: the table is not partitioned yet
        s.commit()
        before = _rows(s)
    queries = ['"intelligence artificielle"', "régul*", "bibliothèques -régul*"]
    with session_factory() as s:
        expect = [postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50)) for q in queries]
    assert len(before) == 13 and all(e.total for e in expect)
    migrate(engine)
    with session_factory() as s:
        assert _kind(s) == "p"
        assert _rows(s) == before
        names = set(_partitions(s))
        assert {f"article_search_p{k}" for k in range(9)} <= names  # up to the highest id, and two ahead
        assert _where(s, 6 * W + 3) == "article_search_p6"
        assert [postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50)) for q in queries] == expect
        # Deleting an article deletes its search row (a trigger: the partitioned table has no foreign key).
        s.execute(text("DELETE FROM article WHERE id = :i"), {"i": 6 * W + 3})
        s.commit()
        assert _where(s, 6 * W + 3) is None
        after = _rows(s)
    _migrate_to(engine, "0011_incident_entity_by_entity", down=True)
    with session_factory() as s:
        assert _kind(s) == "r" and _rows(s) == after
    migrate(engine)


def _options(s: Session) -> dict[str, list[str] | None]:
    return {
        str(name): opts
        for name, opts in s.execute(
            text(
                "SELECT c.relname, c.reloptions FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'article_search'::regclass"
            )
        )
    }


def _heap_pages(s: Session, table: str) -> int:
    return int(s.execute(text("SELECT pg_relation_size(CAST(:t AS regclass)) / 8192"), {"t": table}).scalar())


# A body whose vectors compress to about 1.4 KB each, like those of the benchmark's articles: with the default target
# (about 2 KB) a row keeps one of them inline.
LONG = " ".join(f"terme{k * k % 90}" for k in range(260))


def test_migration_moves_the_vectors_out_of_line(session_factory: sessionmaker[Session]) -> None:
    engine = session_factory.kw["bind"]
    _migrate_to(engine, "0012_pg_search_partitions", down=True)  # partitions without the row target
    with session_factory() as s:
        assert not any(_options(s).values())
        for n in range(40):
            a = _bare_article(s, n, TITLES[n % 4].format(n=n))
            a.text = f"{a.text} {LONG} fin{n}"
        s.flush()
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
        wide = _heap_pages(s, "article_search_p0")
        before = _rows(s)
        expect = [
            postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50))
            for q in ("fin7", "régul*", "terme1*")
        ]
    assert wide >= 6 and all(e.total for e in expect)  # about 1.6 KB a row: five rows a page
    migrate(engine)
    with session_factory() as s:
        assert all(o == [f"toast_tuple_target={postgres.ROW_TARGET}"] for o in _options(s).values())
        narrow = _heap_pages(s, "article_search_p0")
        assert narrow * 4 <= wide, (narrow, wide)  # the rows keep pointers to their vectors
        assert _rows(s) == before
        assert [
            postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50))
            for q in ("fin7", "régul*", "terme1*")
        ] == expect
        # A partition created later has the target too.
        index_article(s, _article_at(s, 9 * W + 1, "Un article plus récent"))
        s.commit()
        assert _options(s)["article_search_p11"] == [f"toast_tuple_target={postgres.ROW_TARGET}"]
