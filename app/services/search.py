"""Article listing and search with facets. One entry point: `search_articles` (app/search does the work)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Article
from app.schemas import Facets, SearchHit, SearchResult
from app.search.base import ArticleQuery
from app.search.highlight import excerpt
from app.search.index import backend
from app.search.query import parse
from app.services.articles import article_items

MAX_PER_PAGE = 100


def search_articles(session: Session, aq: ArticleQuery) -> SearchResult:
    """Total, one page of hits and facets for a query; the backend (FTS5 or PostgreSQL) follows the dialect."""
    per_page = max(1, min(aq.per_page, MAX_PER_PAGE))
    page = max(1, aq.page)
    hits = backend(session).search(session, parse(aq.q), replace(aq, page=page, per_page=per_page))
    rows = (
        {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(hits.ids)))}
        if hits.ids
        else {}
    )
    articles = [rows[i] for i in hits.ids if i in rows]
    items = [
        SearchHit(**dict(item), snippet=snippet(a, aq.q))
        for a, item in zip(articles, article_items(session, articles), strict=True)
    ]
    return SearchResult(
        total=hits.total,
        total_exact=hits.total_exact,
        page=page,
        per_page=per_page,
        items=items,
        facets=Facets.model_validate(hits.facets),
        q_truncated=aq.q_truncated,
    )


def snippet(article: Article, q: str, width: int = 220) -> str:
    """An HTML-safe excerpt around the first matched word; matched words (accents, inflections) in <mark>."""
    return excerpt(article.text or "", article.summary or "", q, width)
