"""Keeping the search index in sync: one entry point per change, the backend picked by dialect."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Article
from app.search.base import ArticleFacts, Indexable, SearchBackend
from app.search.text import IndexText

log = logging.getLogger(__name__)

# What indexing reads of an article: a full rebuild selects these columns only (no ORM objects to track).
INDEX_COLUMNS = (
    Article.id,
    Article.source_id,
    Article.title,
    Article.summary,
    Article.text,
    Article.published_at,
    Article.is_outage,
    Article.is_ai,
)


def backend(session: Session) -> SearchBackend:
    """The search backend for the session's database (a module implementing SearchBackend)."""
    if session.get_bind().dialect.name == "postgresql":
        from app.search import postgres

        return postgres
    from app.search import fts5

    return fts5


def index_article(
    session: Session, article: Indexable, analysed: IndexText | None = None, facts: ArticleFacts | None = None
) -> None:
    """Index (or re-index) an article after it was stored; articles that are not AI news leave the index.
    `analysed` (its texts through index_text()) and `facts` spare work when the caller already has them.

    On SQLite an article already in the index must still hold the text it was indexed with: when its text
    changes, call unindex_article before overwriting the fields (ingest.store does)."""
    mod = backend(session)
    if not article.is_ai:
        mod.unindex(session, article)
        return
    mod.index(session, article, analysed, facts)


def unindex_article(session: Session, article: Indexable) -> None:
    """Remove an article from the index, before its indexed fields are overwritten or its row deleted (same
    transaction): the SQLite index replays the indexed values to remove them."""
    backend(session).unindex(session, article)


def reindex_all(session: Session, batch: int = 500) -> int:
    """Rebuild the index of every stored article (after a migration or a change of analysis); returns the count."""
    mod = backend(session)
    mod.clear(session)
    n, last = 0, 0
    while True:
        rows = session.execute(
            select(*INDEX_COLUMNS)
            .where(Article.id > last, Article.is_ai.is_(True))
            .order_by(Article.id)
            .limit(batch)
        ).all()
        if not rows:
            return n
        for a in rows:
            mod.insert(session, a)
        n += len(rows)
        last = rows[-1].id
        log.info("reindexed articles=%d", n)


def check_analysis(session: Session) -> None:
    """At start-up: rebuild the index if it was written with another analysis than the running code's."""
    backend(session).check_analysis(session)
