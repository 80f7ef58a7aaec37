"""Pages stored in batches: invisible until the batch commits, a failing page rolled back alone, commits by count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine, make_sessionmaker, migrate
from app.models import Source
from app.services.crawl_batch import PageBatch


@pytest.fixture
def factory(any_db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(any_db_url)
    migrate(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def _slugs(factory: sessionmaker[Session]) -> list[str]:
    """What another connection sees (committed rows only)."""
    with factory() as s:
        return sorted(s.scalars(select(Source.slug)))


def _add(session: Session, slug: str) -> None:
    session.add(Source(slug=slug, name=slug))
    session.flush()


def test_pages_commit_together_and_a_failing_page_alone_is_rolled_back(
    factory: sessionmaker[Session],
) -> None:
    batch = PageBatch(factory, pages=10)
    with batch.page() as s:
        _add(s, "premiere")
    with pytest.raises(RuntimeError), batch.page() as s:
        _add(s, "ratee")
        raise RuntimeError("échec de l'enregistrement d'une page")
    with batch.page() as s:
        _add(s, "troisieme")
    assert _slugs(factory) == []  # nothing committed page by page (a savepoint release is not a commit)
    batch.commit()
    assert _slugs(factory) == ["premiere", "troisieme"]


def test_batch_commits_after_its_page_count(factory: sessionmaker[Session]) -> None:
    batch = PageBatch(factory, pages=2)
    for slug in ("a", "b", "c"):
        with batch.page() as s:
            _add(s, slug)
    assert _slugs(factory) == ["a", "b"]
    batch.commit()
    assert _slugs(factory) == ["a", "b", "c"]
