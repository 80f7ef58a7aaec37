"""Search tests run on SQLite and on PostgreSQL: every DB fixture of tests/conftest.py follows `any_db_url`."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.services.ingest import ingest_bytes
from tests.search.corpus import ARTICLES, article_page, twin_pages


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def corpus(session_factory: sessionmaker[Session]) -> dict[str, int]:
    """The test corpus ingested through the real pipeline; article id by corpus key."""
    ids: dict[str, int] = {}
    with session_factory() as s:
        for key in ARTICLES:
            r = ingest_bytes(s, article_page(key))
            assert r.status == "stored", (key, r)
            ids[key] = r.article_id  # type: ignore[assignment]
        for key, raw in zip(("quantique-recent", "quantique-ancien"), twin_pages(), strict=True):
            r = ingest_bytes(s, raw)
            assert r.status == "stored", (key, r)
            ids[key] = r.article_id  # type: ignore[assignment]
        s.commit()
    return ids
