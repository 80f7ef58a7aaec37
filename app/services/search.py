"""Article listing and search with facets. One entry point: `search_articles` (app/search does the work)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

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


# (key, compute) -> the value kept for key, computed when missing (the routes keep it per state of the data)
Recall = Callable[[Hashable, Callable[[], Any]], Any]


def search_articles(session: Session, aq: ArticleQuery, facets_of: Recall | None = None) -> SearchResult:
    """Total, one page of hits and facets for a query; the backend (FTS5 or PostgreSQL) follows the dialect.

    `facets_of`: where facets already counted are kept. They depend on the words and the filters only, not on
    the page, its size or the order, and counting them was a third of the backend's work for a search."""
    per_page = max(1, min(aq.per_page, MAX_PER_PAGE))
    page = max(1, aq.page)
    query, paged = parse(aq.q), replace(aq, page=page, per_page=per_page)
    search = backend(session).search
    if facets_of is None:
        hits = search(session, query, paged)
    else:
        key = (aq.q, aq.company, aq.product, aq.source, aq.outage, aq.since, aq.until)
        counted: list[Any] = []  # the hits of the search that counted the facets, when this one did

        def count() -> Any:
            counted.append(search(session, query, paged))
            return counted[0].facets

        facets = facets_of(key, count)
        hits = (
            counted[0]
            if counted
            else replace(search(session, query, paged, with_facets=False), facets=facets)
        )
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
