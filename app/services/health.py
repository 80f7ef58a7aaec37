"""The database half of the liveness check."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.models import Article


def database_health(session: Session) -> dict[str, object]:
    """The database answers, and how many articles it holds."""
    session.execute(text("SELECT 1"))
    return {"status": "ok", "articles": session.scalar(select(func.count()).select_from(Article))}
