"""Keeping the search index in sync: one entry point per change, the backend picked by dialect."""

from __future__ import annotations

import logging
from types import ModuleType

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Article
from app.search.base import ArticleFacts
from app.search.text import IndexText

log = logging.getLogger(__name__)


def backend(session: Session) -> ModuleType:
    """The search backend module for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        from app.search import postgres

        return postgres
    from app.search import fts5

    return fts5


def index_article(session: Session, article: Article, analysed: IndexText | None = None,
                  facts: ArticleFacts | None = None) -> None:
    """Index (or re-index) an article after it was stored; articles that are not AI news leave the index.
    `analysed` (its texts through index_text()) and `facts` spare work when the caller already has them."""
    mod = backend(session)
    if not article.is_ai:
        mod.unindex(session, article.id)
        return
    mod.index(session, article, analysed, facts)


def unindex_article(session: Session, article_id: int) -> None:
    """Remove an article from the index (call it before or after deleting the row, in the same transaction)."""
    backend(session).unindex(session, article_id)


def reindex_all(session: Session, batch: int = 500) -> int:
    """Rebuild the index of every stored article (after a migration or a change of analysis); returns the count."""
    n, last = 0, 0
    while True:
        rows = session.scalars(select(Article).where(Article.id > last).order_by(Article.id).limit(batch)).all()
        if not rows:
            return n
        for a in rows:
            index_article(session, a)
        n += len(rows)
        last = rows[-1].id
        session.expunge_all()
        log.info("reindexed articles=%d", n)
