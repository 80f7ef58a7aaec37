"""Alembic is the only source of schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from app.db import make_engine, migrate

TABLES = {"source", "article", "entity", "article_entity", "incident", "incident_entity", "official_incident",
          "fetch_state", "crawl_run", "alembic_version"}


def test_migrations_create_schema_and_are_idempotent(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    migrate(engine)
    migrate(engine)  # a second start-up changes nothing
    names = set(inspect(engine).get_table_names())
    assert TABLES <= names, TABLES - names
    cols = {c["name"] for c in inspect(engine).get_columns("article")}
    assert {"url", "content_hash", "published_at", "is_ai", "is_outage", "incident_id"} <= cols
    engine.dispose()
