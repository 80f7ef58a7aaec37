"""Article listing and search with facets. One entry point: `search_articles` (app/search does the work)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.models import Article
from app.schemas import Facets, SearchHit, SearchResult
from app.search.base import ArticleQuery, FacetNames, Hits
from app.search.highlight import excerpt
from app.search.index import backend
from app.search.query import parse
from app.services.articles import ITEM_COLUMNS, item_fields

MAX_PER_PAGE = 100


# (key, compute) -> the value kept for key, computed when missing (the routes keep it per state of the data)
Recall = Callable[[Hashable, Callable[[], Any]], Any]
# the first BLOCK matches of a search are asked for at once and kept (see search_articles)
BLOCK = MAX_PER_PAGE
# the hits' columns: what an item shows, and the text for its snippet
_A = Article.__table__.c
_HITS = select(*ITEM_COLUMNS, _A.text).where(_A.id.in_(bindparam("ids", expanding=True)))


def search_articles(
    session: Session, aq: ArticleQuery, recall: Recall | None = None, names: FacetNames | None = None
) -> SearchResult:
    """Total, one page of hits and facets for a query; the backend (FTS5 or PostgreSQL) follows the dialect.

    `recall`: where the answers of the backend are kept, per state of the data. A search (words, filters,
    order) is then asked of the backend once for its first BLOCK matches, with its total and facets, and every
    page within them, in any page size, on the page and in the API, is cut from that (nearly every visit asks
    for one of the first pages); a page further on is asked for alone, its facets still counted once. `names`:
    what the facets show for their keys, when the caller keeps them per state of the data."""
    per_page = max(1, min(aq.per_page, MAX_PER_PAGE))
    page = max(1, aq.page)
    query, paged = parse(aq.q), replace(aq, page=page, per_page=per_page)
    search = functools.partial(backend(session).search, names=names)
    # keys: the query itself (frozen), its page set aside, so that every filter is part of them
    whole = replace(aq, page=1, per_page=BLOCK)
    if recall is None:
        hits = search(session, query, paged)
    elif paged.offset + per_page <= BLOCK:
        first: Hits = recall(
            ("first", whole),
            lambda: search(session, query, replace(paged, page=1, per_page=BLOCK)),
        )
        hits = replace(first, ids=first.ids[paged.offset : paged.offset + per_page])
    else:
        counted: list[Hits] = []  # the hits of the search that counted the facets, when this one did

        def count() -> Any:
            counted.append(search(session, query, paged))
            return counted[0].facets

        facets = recall(("facets", replace(whole, sort="relevance")), count)  # the order does not change them
        hits = (
            counted[0]
            if counted
            else replace(search(session, query, paged, with_facets=False), facets=facets)
        )
    rows = {r.id: r for r in session.execute(_HITS, {"ids": hits.ids})} if hits.ids else {}
    articles = [rows[i] for i in hits.ids if i in rows]
    items = [
        SearchHit.model_construct(**fields, snippet=snippet(a, aq.q))
        for a, fields in zip(articles, item_fields(session, articles), strict=True)
    ]
    return SearchResult.model_construct(
        total=hits.total,
        total_exact=hits.total_exact,
        page=page,
        per_page=per_page,
        items=items,
        facets=Facets.model_validate(hits.facets),
        q_truncated=aq.q_truncated,
    )


def snippet(article: Any, q: str, width: int = 220) -> str:
    """An HTML-safe excerpt around the first matched word; matched words (accents, inflections) in <mark>."""
    return excerpt(article.text or "", article.summary or "", q, width)
