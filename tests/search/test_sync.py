"""The index follows the articles: insert, update, delete through ingest; direct index calls; migration backfill;
ranking and facet windows on result sets larger than the window."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db import MIGRATIONS_DIR, migrate
from app.models import Article, Source
from app.search import base
from app.search import text as text_mod
from app.search.base import ArticleQuery
from app.search.index import index_article, reindex_all, unindex_article
from app.services.ingest import ingest_bytes
from app.services.search import search_articles
from tests.search.corpus import FILLER, page


def hits(factory: sessionmaker[Session], q: str, **kw: object) -> list[int]:
    with factory() as s:
        return [i.id for i in search_articles(s, ArticleQuery(q=q, **kw)).items]  # type: ignore[arg-type]


def ingest(factory: sessionmaker[Session], raw: bytes) -> int | None:
    with factory() as s:
        r = ingest_bytes(s, raw)
        s.commit()
    return r.article_id


def test_insert_update_delete_stay_in_sync(session_factory: sessionmaker[Session]) -> None:
    first = page(
        "suivi",
        "OpenAI lance un assistant vocal pour les centres d'appels",
        [
            "OpenAI présente un assistant d'intelligence artificielle capable de répondre au téléphone "
            "dans les centres d'appels, avec une voix synthétique.",
            FILLER,
        ],
    )
    aid = ingest(session_factory, first)
    assert aid is not None
    assert hits(session_factory, "téléphone") == [aid]
    assert hits(session_factory, "centres appels", company="openai") == [aid]

    # Same URL, new text: the old words leave the index, the new ones come in, the row keeps its id.
    second = page(
        "suivi",
        "OpenAI lance un assistant vocal pour les hôpitaux",
        [
            "OpenAI présente un assistant d'intelligence artificielle capable d'orienter les patients "
            "aux urgences des hôpitaux, avec une voix synthétique.",
            FILLER,
        ],
    )
    assert ingest(session_factory, second) == aid
    assert hits(session_factory, "téléphone") == []
    assert hits(session_factory, "hopitaux") == [aid]
    with session_factory() as s:
        assert search_articles(s, ArticleQuery()).total == 1  # no stale duplicate in the index

    # The page is rewritten into something that is not AI news: the article and its index entry go.
    third = page(
        "suivi",
        "Les hôpitaux recrutent des infirmiers pour l'été",
        [
            "Les hôpitaux publics cherchent des infirmiers pour l'été, selon le ministère de la santé, "
            "qui promet des primes aux volontaires dans les services d'urgences.",
            "Les syndicats jugent ces mesures insuffisantes et réclament des embauches durables dans tous "
            "les établissements de la région, notamment en pédiatrie.",
        ],
    )
    ingest(session_factory, third)
    with session_factory() as s:
        assert s.get(Article, aid) is None
        assert search_articles(s, ArticleQuery()).total == 0
    assert hits(session_factory, "hopitaux") == []


def _bare_article(s: Session, n: int, title: str) -> Article:
    src = s.scalars(select(Source).where(Source.slug == "direct")).one_or_none()
    if src is None:
        src = Source(slug="direct", name="Direct", kind="site")
        s.add(src)
        s.flush()
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    a = Article(
        url=f"https://exemple.test/{n}",
        source_id=src.id,
        title=title,
        text=f"{title}. {FILLER}",
        summary="",
        content_hash=str(n),
        is_ai=True,
        is_outage=False,
        outage_services=[],
        published_at=now.replace(day=1 + n % 28),
        fetched_at=now,
        updated_at=now,
    )
    s.add(a)
    s.flush()
    return a


def test_index_article_and_unindex_article(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        a = _bare_article(s, 1, "Un robot conversationnel pour les mairies")
        assert search_articles(s, ArticleQuery(q="mairies")).total == 0  # rows alone are not searchable
        index_article(s, a)
        assert [i.id for i in search_articles(s, ArticleQuery(q="mairie")).items] == [a.id]
        a.title = "Un robot conversationnel pour les musées"
        a.text = a.title + ". " + FILLER
        index_article(s, a)
        assert search_articles(s, ArticleQuery(q="mairie")).total == 0
        assert search_articles(s, ArticleQuery(q="musées")).total == 1
        unindex_article(s, a)
        assert search_articles(s, ArticleQuery(q="musées")).total == 0
        a.is_ai = False
        index_article(s, a)  # an article that is not AI news stays out of the index
        assert search_articles(s, ArticleQuery(q="musées")).total == 0


def test_migration_backfills_existing_articles(db_url: str, session_factory: sessionmaker[Session]) -> None:
    aid = ingest(
        session_factory,
        page(
            "avant",
            "Mistral AI ouvre un bureau à Singapour",
            [
                "Mistral AI, la start-up française d'intelligence artificielle, ouvre un "
                "bureau à Singapour pour ses clients asiatiques.",
                FILLER,
            ],
        ),
    )
    engine = session_factory.kw["bind"]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    migrate(engine)  # back to head: the new index is built from the stored articles
    assert hits(session_factory, "singapour") == [aid]


@pytest.mark.parametrize("window", [2, 3])
def test_results_beyond_the_ranking_window(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(base, "RANK_WINDOW", window)  # both backends read the windows from base
    monkeypatch.setattr(base, "FACET_WINDOW", window)
    with session_factory() as s:
        made = [_bare_article(s, n, f"Assistant numéro {n} pour les bibliothèques").id for n in range(7)]
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    seen: list[int] = []
    for p in range(1, 5):
        with session_factory() as s:
            r = search_articles(s, ArticleQuery(q="bibliothèque", per_page=2, page=p)).model_dump(mode="json")
        assert r["total"] == 7
        assert r["facets"]["based_on"] == window
        assert sum(y["count"] for y in r["facets"]["years"]) == window
        seen += [i["id"] for i in r["items"]]
    assert sorted(seen) == sorted(made)  # every match exactly once across the windows
    # The first page holds the most recent matches (the first window).
    assert set(seen[:2]) <= set(sorted(made)[-window:]) | set(sorted(made)[-2:])


def test_company_filter_covers_an_article_linked_to_a_product_only(
    session_factory: sessionmaker[Session],
) -> None:
    from app.models import ArticleEntity
    from app.services.entities import entity_ids

    with session_factory() as s:
        a = _bare_article(s, 5, "Un assistant pour les enseignants")
        s.add(ArticleEntity(article_id=a.id, entity_id=entity_ids(s)[("product", "gemini")], mentions=1))
        s.flush()
        index_article(s, a)
        assert [i.id for i in search_articles(s, ArticleQuery(company="google")).items] == [a.id]
        assert search_articles(s, ArticleQuery(company="openai")).total == 0


def test_ingest_index_rows_equal_a_reindex(session_factory: sessionmaker[Session]) -> None:
    # store() indexes with texts analysed in prepare() and facts it already holds: the rows must be the ones
    # a reindex computes from the stored article.
    from sqlalchemy import text

    from app.search.index import reindex_all

    aid = ingest(
        session_factory,
        page(
            "coherence",
            "Mistral AI publie un modèle ouvert pour ChatGPT et Gemini",
            [
                "Mistral AI présente un modèle d'intelligence artificielle ouvert, comparé "
                "à ChatGPT d'OpenAI et à Gemini de Google par ses auteurs.",
                FILLER,
            ],
        ),
    )
    assert aid is not None
    with session_factory() as s:
        if s.get_bind().dialect.name == "postgresql":
            sql = (
                "SELECT vector::text, pairs::text, ts, year, source, is_outage, entities FROM article_search "
                "WHERE id = :i"
            )
        else:
            # the table is contentless: the side row holds the tags and a digest of the indexed texts
            sql = "SELECT tags, digest, ts, year, source, is_outage, entities FROM article_fts_doc WHERE id = :i"

        def row() -> tuple:
            r = s.execute(text(sql), {"i": aid}).one()
            # entity order may differ between the two paths: compare token sets
            return tuple(sorted(v.split()) if isinstance(v, str) else v for v in r)

        stored = row()
        assert reindex_all(s) == 1
        again = row()
        assert [
            d
            for a, b in zip(again, stored, strict=True)
            if isinstance(a, list) and (d := sorted(set(a) ^ set(b)))
        ] == []
        assert again == stored
        s.rollback()


def _index_state(s: Session) -> tuple[list[tuple], list[tuple]] | None:
    """What the SQLite index holds (every term instance, every side row), None on PostgreSQL.

    FTS5's integrity-check cannot see a contentless 'delete' replayed with wrong values (it has no content to
    compare with), so the tests compare the index with one rebuilt from scratch out of the stored articles."""
    if s.get_bind().dialect.name != "sqlite":
        return None
    s.execute(text("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')"))
    s.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, article_fts, 'instance')"
        )
    )
    terms = s.execute(text("SELECT term, doc, col, offset FROM temp.fts_vocab ORDER BY 1, 2, 3, 4")).all()
    docs = s.execute(text("SELECT * FROM article_fts_doc ORDER BY id")).all()
    return [tuple(r) for r in terms], [tuple(r) for r in docs]


def assert_index_exact(factory: sessionmaker[Session]) -> None:
    """The index holds exactly what a rebuild from the stored articles would write."""
    with factory() as s:
        before = _index_state(s)
        reindex_all(s)
        assert _index_state(s) == before
        s.rollback()


def _version(n: int, topic: str) -> bytes:
    return page(
        "suivi",
        f"OpenAI lance un assistant vocal pour les {topic}",
        [
            f"OpenAI présente un assistant d'intelligence artificielle numéro {n} pour les {topic}, "
            "avec une voix synthétique.",
            FILLER,
        ],
    )


def test_update_twice_then_delete_leaves_an_exact_index(
    session_factory: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    other = ingest(
        session_factory,
        page(
            "autre",
            "Mistral AI ouvre un bureau à Singapour",
            [
                "Mistral AI, la start-up française d'intelligence artificielle, ouvre un "
                "bureau à Singapour pour ses clients asiatiques.",
                FILLER,
            ],
        ),
    )
    aid = ingest(session_factory, _version(1, "mairies"))
    assert_index_exact(session_factory)
    for n, topic in ((2, "musées"), (3, "bibliothèques")):
        assert ingest(session_factory, _version(n, topic)) == aid
        assert_index_exact(session_factory)
    assert hits(session_factory, "mairies") == [] and hits(session_factory, "musées") == []
    assert hits(session_factory, "bibliothèques") == [aid]
    with session_factory() as s:  # entity links change after indexing: the delete uses the tags as indexed
        s.execute(text("DELETE FROM article_entity WHERE article_id = :i"), {"i": aid})
        s.commit()
    ingest(
        session_factory,
        page(
            "suivi",
            "Les hôpitaux recrutent des infirmiers pour l'été",
            [
                "Les hôpitaux publics cherchent des infirmiers pour l'été, selon le ministère de "
                "la santé, qui promet des primes aux volontaires dans les services d'urgences.",
                "Les syndicats jugent ces mesures insuffisantes et réclament des embauches "
                "durables dans tous les établissements de la région, notamment en pédiatrie.",
            ],
        ),
    )
    assert_index_exact(session_factory)
    assert hits(session_factory, "bibliothèques") == [] and hits(session_factory, "singapour") == [other]
    with session_factory() as s:
        if (state := _index_state(s)) is not None:
            assert not any(t[1] == aid for t in state[0])
    assert "rebuilding" not in caplog.text  # ingest removed each old entry with its own values


def test_reindex_after_changes_made_in_memory(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        a = _bare_article(s, 2, "Un robot conversationnel pour les mairies")
        aid = a.id
        index_article(s, a)
        s.flush()
        a.title = "Un robot conversationnel pour les musées"
        a.text = a.title + ". " + FILLER
        s.flush()  # flushed too: neither the object nor its row still holds the indexed text
        index_article(s, a)  # the digest catches it: the index is rebuilt instead of corrupted
        s.commit()
    assert hits(session_factory, "mairies") == [] and hits(session_factory, "musées") == [aid]
    assert_index_exact(session_factory)


def test_a_change_of_analysis_rebuilds_the_index_at_start_up(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = ingest(session_factory, _version(1, "mairies"))
    assert hits(session_factory, "assistant vocal") == [aid]
    # "vocal" becomes a stop word: the stored entries no longer match what the analysis recomputes.
    monkeypatch.setattr(text_mod, "STOP_WORDS", text_mod.STOP_WORDS | {"vocal"})
    engine = session_factory.kw["bind"]
    migrate(engine)  # start-up
    with session_factory() as s:
        if s.get_bind().dialect.name == "sqlite":
            stored = s.execute(text("SELECT value FROM article_fts_meta")).scalar()
            assert stored == text_mod.analysis_fingerprint()
    assert_index_exact(session_factory)
    assert hits(session_factory, "assistant") == [aid]
    assert ingest(session_factory, _version(2, "musées")) == aid  # a later update and delete still work
    assert hits(session_factory, "mairies") == [] and hits(session_factory, "musées") == [aid]
    assert_index_exact(session_factory)
    with session_factory() as s:
        a = s.get(Article, aid)
        assert a is not None
        unindex_article(s, a)
        s.delete(a)
        s.commit()
    assert hits(session_factory, "musées") == []
    assert_index_exact(session_factory)


def test_downgrade_to_the_content_table_and_back(session_factory: sessionmaker[Session]) -> None:
    aid = ingest(session_factory, _version(1, "mairies"))
    engine = session_factory.kw["bind"]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:  # the entries come back with their content, as revision 0004 had them
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM article_fts_content")).scalar() == 1
            assert c.execute(
                text("SELECT rowid FROM article_fts WHERE article_fts MATCH 'mair'")
            ).scalars().all() == [aid]
    migrate(engine)
    with engine.connect() as c:
        if sqlite:
            assert (
                c.execute(text("SELECT sql FROM sqlite_master WHERE name = 'article_fts'"))
                .scalar()
                .find("content = ''")
                > 0
            )
            assert (
                c.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE name = 'article_fts_content'")
                ).scalar()
                == 0
            )
    assert hits(session_factory, "mairies") == [aid]
    assert ingest(session_factory, _version(2, "musées")) == aid
    assert hits(session_factory, "mairies") == [] and hits(session_factory, "musées") == [aid]
    assert_index_exact(session_factory)
