"""Article listing and search with facets. One entry point: `search_articles` (app/search does the work)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.analysis.dates import iso_paris
from app.models import Article, ArticleEntity, Entity, Source
from app.search.base import ArticleQuery
from app.search.highlight import excerpt
from app.search.index import backend
from app.search.query import parse

MAX_PER_PAGE = 100


def search_articles(session: Session, aq: ArticleQuery) -> dict:
    """Total, one page of items and facets for a query; the backend (FTS5 or PostgreSQL) follows the dialect."""
    per_page = max(1, min(aq.per_page, MAX_PER_PAGE))
    page = max(1, aq.page)
    hits = backend(session).search(session, parse(aq.q), replace(aq, page=page, per_page=per_page))
    rows = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(hits.ids)))} if hits.ids else {}
    articles = [rows[i] for i in hits.ids if i in rows]
    items = serialize_articles(session, articles, aq.q)
    return {"total": hits.total, "page": page, "per_page": per_page, "items": items, "facets": hits.facets,
            "q_truncated": aq.q_truncated}


def snippet(article: Article, q: str, width: int = 220) -> str:
    """An HTML-safe excerpt around the first matched word; matched words (accents, inflections) in <mark>."""
    return excerpt(article.text or "", article.summary or "", q, width)


def serialize_articles(session: Session, articles: list[Article], q: str = "") -> list[dict]:
    """Articles as the API item shape, with entities and sources loaded in bulk."""
    if not articles:
        return []
    ids = [a.id for a in articles]
    ents: dict[int, dict[str, list[dict]]] = {i: {"companies": [], "products": []} for i in ids}
    if ids:
        for aid, e in session.execute(
            select(ArticleEntity.article_id, Entity).join(Entity).where(ArticleEntity.article_id.in_(ids))
            .order_by(ArticleEntity.mentions.desc(), Entity.name)
        ):
            ents[aid]["companies" if e.kind == "company" else "products"].append({"slug": e.slug, "name": e.name})
    sources = {s.id: s for s in session.scalars(select(Source).where(Source.id.in_({a.source_id for a in articles})))}
    return [
        {
            "id": a.id, "url": a.url, "title": a.title,
            "source": {"slug": sources[a.source_id].slug, "name": sources[a.source_id].name},
            "author": a.author, "published_at": iso_paris(a.published_at), "date_precision": a.date_precision,
            "summary": a.summary, "companies": ents[a.id]["companies"], "products": ents[a.id]["products"],
            "is_outage": a.is_outage, "outage_kind": a.outage_kind,
            "outage_date": a.outage_date.isoformat() if a.outage_date else None,
            "incident_id": a.incident_id, "snippet": snippet(a, q),
        }
        for a in articles
    ]
