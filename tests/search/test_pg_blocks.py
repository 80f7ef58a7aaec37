"""PostgreSQL: phrases read the recency blocks through the pairs vector, prefixes are expanded through
article_search_term; both give what the slow path (every hit at once, GIN's own prefix match) gives. Migration
0010_search_pairs on rows indexed before it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db import MIGRATIONS_DIR, migrate
from app.models import Article
from app.search import base, postgres
from app.search.base import ArticleQuery, Hits
from app.search.index import index_article
from app.search.query import parse
from tests.search.test_sync import _bare_article

pytestmark = pytest.mark.postgres

TITLES = [
    "L'intelligence artificielle régule le trafic du réseau numéro {n}",
    "Artificielle ou pas, cette intelligence de la régulation {n}",
    "Les bibliothèques numériques et leurs régulateurs {n}",
    "Un assistant pour les bibliothèques {n}",
]
QUERIES = [
    '"intelligence artificielle"',
    "régul*",
    "régul* bibliothèques",
    '"intelligence artificielle" OR bibliothèques',
    'régul* -"intelligence artificielle"',
    '"intelligence artificielle" régul*',
    "bibli* OR réseau*",
    "zorglu*",
]


@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 3 ids, read one at a time first: 40 articles make 14 blocks and several stages."""
    monkeypatch.setattr(postgres, "RECENCY_BLOCK", 3)
    monkeypatch.setattr(postgres, "FIRST_STAGE", 1)
    monkeypatch.setattr(postgres, "MAX_STAGE", 2)
    monkeypatch.setattr(postgres, "REST_HITS", 2)
    monkeypatch.setattr(base, "RANK_WINDOW", 4)
    monkeypatch.setattr(base, "FACET_WINDOW", 5)


@pytest.fixture
def corpus(session_factory: sessionmaker[Session], small_blocks: None) -> Iterator[None]:
    with session_factory() as s:
        for n in range(40):
            _bare_article(s, n, TITLES[n % 7 % 4].format(n=n))
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    yield


def _slow(s: Session, q: str, aq: ArticleQuery, monkeypatch: pytest.MonkeyPatch) -> Hits:
    """The path before: every hit at once, prefixes matched by GIN, the page ranked by its own statement."""
    with monkeypatch.context() as m:
        m.setattr(postgres.Compiler, "_expanded", lambda self, n: None)
        m.setattr(
            postgres,
            "_recent",
            # no scores asked of the stages: the page is ranked by _ranked's own statement
            lambda session, plan, need, facet_window, rank_window=0, at=0.0: postgres._stage(
                session, plan.where, plan.params, need, base.TOTAL_CAP + 1, facet_window
            ),
        )
        return postgres.search(s, parse(q), aq)


@pytest.mark.parametrize("cap", [10_000, 7])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_phrases_and_prefixes_by_blocks_match_the_slow_path(
    session_factory: sessionmaker[Session],
    corpus: None,
    monkeypatch: pytest.MonkeyPatch,
    sort: str,
    cap: int,
) -> None:
    monkeypatch.setattr(base, "TOTAL_CAP", cap)
    stages: list[str] = []
    stage = postgres._stage

    def spy(session: Session, where: str, *args: object, **kw: object) -> object:
        stages.append(where)
        return stage(session, where, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(postgres, "_stage", spy)
    with session_factory() as s:
        for q in QUERIES:
            for p in (1, 2, 3):
                aq = ArticleQuery(q=q, sort=sort, page=p, per_page=3)  # type: ignore[arg-type]
                stages.clear()
                fast = postgres.search(s, parse(q), aq)
                read = list(stages)
                slow = _slow(s, q, aq, monkeypatch)
                assert (fast.total, fast.total_exact, fast.ids, fast.facets) == (
                    slow.total,
                    slow.total_exact,
                    slow.ids,
                    slow.facets,
                ), (q, sort, p)
                assert any("s.id >= :lo AND s.id < :hi" in w for w in read), q  # read by blocks of ids


def test_phrase_reads_recency_blocks(
    session_factory: sessionmaker[Session], corpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, object]] = []
    stage = postgres._stage

    def spy(session: Session, where: str, params: dict[str, object], *args: object) -> object:
        seen.append({"where": where, **params})
        return stage(session, where, params, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(postgres, "_stage", spy)
    with session_factory() as s:
        hits = postgres.search(s, parse('"intelligence artificielle"'), ArticleQuery(q="x"))
    assert hits.total > 0
    # The first stage reads the newest block only (ids 39 to 41 in blocks of 3), through the pairs vector.
    assert (seen[0]["lo"], seen[0]["hi"]) == (39, 42)
    assert "s.pairs @@ CAST(" in str(seen[0]["where"]) and "s.id >= :lo AND s.id < :hi" in str(
        seen[0]["where"]
    )


def test_prefix_expansion_quotes_odd_lexemes(session_factory: sessionmaker[Session], corpus: None) -> None:
    # Lexemes come from the text: a quote or a backslash in one must not break the tsquery (nor match more).
    with session_factory() as s:
        s.execute(
            text(
                "INSERT INTO article_search_term VALUES ('regul''x'), ('regul\\y'), ('regul x'), ('regul|z')"
            )
        )
        s.commit()
        q = "régul*"
        got = postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50))
        expect = s.execute(
            text("SELECT count(*) FROM article_search WHERE vector @@ to_tsquery('simple', 'regul:*')")
        ).scalar()
    assert got.total == expect and expect > 0


def test_prefix_of_too_many_lexemes_keeps_the_gin_prefix(
    session_factory: sessionmaker[Session], corpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres, "MAX_EXPANSION", 1)
    with session_factory() as s:
        comp = postgres.Compiler(s)
        tsq, _conds, _rank = comp.compile(parse("régul*"), ArticleQuery(q="régul*"))
        assert tsq is not None and ":*" in str(comp.params)
        got = postgres.search(s, parse("régul*"), ArticleQuery(q="régul*"))
    assert got.total > 0


def _migrate_to(engine: object, target: str, down: bool = False) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:  # type: ignore[attr-defined]
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def test_migration_tags_existing_pairs_and_lists_their_terms(session_factory: sessionmaker[Session]) -> None:
    engine = session_factory.kw["bind"]
    with session_factory() as s:
        for n in range(12):
            _bare_article(s, n, TITLES[n % 4].format(n=n))
        for a in s.scalars(select(Article)):
            index_article(s, a)
        s.commit()
    queries = ['"intelligence artificielle"', "régul*", "bibli* -régul*"]
    with session_factory() as s:
        expect = [postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50)) for q in queries]
    assert all(e.total for e in expect)
    _migrate_to(engine, "0009_i14scale", down=True)
    with session_factory() as s:
        assert s.execute(text("SELECT to_regclass('article_search_term')")).scalar() is None
        untagged = s.execute(
            text("SELECT count(*) FROM article_search WHERE pairs @@ to_tsquery('simple', 'qqr0 | qqr1')")
        ).scalar()
        assert untagged == 0  # as rows indexed before 0010
    migrate(engine)
    with session_factory() as s:
        missing = s.execute(
            text(
                "SELECT count(*) FROM article_search WHERE NOT pairs @@ "
                "to_tsquery('simple', 'qqr' || (id / 10000)::text)"
            )
        ).scalar()
        assert missing == 0
        terms = set(s.execute(text("SELECT term FROM article_search_term")).scalars())
        lexemes = set(
            s.execute(text("SELECT DISTINCT unnest(tsvector_to_array(vector)) FROM article_search")).scalars()
        )
        assert lexemes <= terms and "regul" in {t[:5] for t in terms}
        assert [postgres.search(s, parse(q), ArticleQuery(q=q, per_page=50)) for q in queries] == expect
