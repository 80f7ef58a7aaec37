"""Alembic is the only source of schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from app.db import make_engine, migrate

TABLES = {
    "source",
    "article",
    "entity",
    "article_entity",
    "incident",
    "incident_entity",
    "official_incident",
    "fetch_state",
    "crawl_run",
    "crawl_worker",
    "crawl_host",
    "alembic_version",
}


def test_migrations_create_schema_and_are_idempotent(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    migrate(engine)
    migrate(engine)  # a second start-up changes nothing
    names = set(inspect(engine).get_table_names())
    assert TABLES <= names, TABLES - names
    cols = {c["name"] for c in inspect(engine).get_columns("article")}
    assert {"url", "content_hash", "published_at", "is_ai", "is_outage", "incident_id"} <= cols
    engine.dispose()


def _upgrade(engine, target: str) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.config import Config

    from app.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


@pytest.mark.postgres
def test_pg_articles_stored_before_the_search_table_are_searchable_after_upgrade(pg_url: str) -> None:
    # Revision 0004 moves the PostgreSQL index into its own table and fills it from the stored articles.
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from app.search.base import ArticleQuery
    from app.services.search import search_articles

    engine = make_engine(pg_url)
    _upgrade(engine, "0003")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO source (slug, name, domain, homepage, kind) "
                "VALUES ('banc', 'Banc', 'banc.test', 'https://banc.test/', 'site')"
            )
        )
        c.execute(
            text(
                "INSERT INTO article (url, source_id, title, text, summary, content_hash, is_ai, is_outage, fetched_at, "
                "updated_at, outage_services) VALUES ('https://banc.test/a', 1, 'Pannes en série', "
                "'Les serveurs du modèle sont tombés deux fois dans la journée.', '', 'h', TRUE, FALSE, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '[]')"
            )
        )
    migrate(engine)
    with Session(engine) as s:
        found = search_articles(s, ArticleQuery(q="panne serveur"))
    assert found.total == 1 and found.items[0].title == "Pannes en série"
    engine.dispose()
