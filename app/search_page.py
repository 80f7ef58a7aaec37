"""What the search page shows around the results: facets as links, active filters, pagination, suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.schemas import EntityList, Facets, SearchResult
from app.search.base import ArticleQuery
from app.templating import date_fr, query_string

FACET_TITLES = {
    "companies": "Entreprises",
    "products": "Produits",
    "sources": "Sources",
    "years": "Années",
    "outage": "Pannes",
}
FACET_PARAMS = {"companies": "company", "products": "product", "sources": "source"}


@dataclass(frozen=True)
class FacetLink:
    """One facet value as a link that adds it to the query, or removes it when it is already there."""

    label: str
    count: int
    active: bool
    href: str


@dataclass(frozen=True)
class FacetGroup:
    key: str
    title: str
    items: list[FacetLink]
    more: int


FACET_ORDER = ["products", "companies", "outage", "years", "sources"]
FACET_LIMIT = 12


def query_params(aq: ArticleQuery) -> dict[str, object]:
    """The query as URL parameters, defaults left out so links stay short."""
    return {
        "q": aq.q or None,
        "company": aq.company,
        "product": aq.product,
        "source": aq.source,
        "outage": None if aq.outage is None else str(aq.outage).lower(),
        "since": aq.since.isoformat() if aq.since else None,
        "until": aq.until.isoformat() if aq.until else None,
        "sort": aq.sort if aq.sort != "relevance" else None,
        "per_page": aq.per_page if aq.per_page != 20 else None,
    }


def _facet_items(
    key: str, facets: Facets, params: dict[str, object], aq: ArticleQuery, limit: int | None = None
) -> list[FacetLink]:
    """One facet list as links that add the value to the query, or remove it when it is already there; the
    first `limit` values only (a link is a query string to encode: hundreds of sources or products are not)."""
    out: list[FacetLink] = []
    if key in FACET_PARAMS:
        param = FACET_PARAMS[key]
        for e in getattr(facets, key)[:limit]:
            active = params.get(param) == e.slug
            out.append(
                FacetLink(
                    e.name or e.slug,
                    e.count,
                    active,
                    query_string(params, **{param: None if active else e.slug, "page": None}),
                )
            )
    elif key == "years":
        for y in facets.years[:limit]:
            since, until = date(y.year, 1, 1), date(y.year, 12, 31)
            active = aq.since == since and aq.until == until
            changes = (
                {"since": None, "until": None}
                if active
                else {"since": since.isoformat(), "until": until.isoformat()}
            )
            out.append(FacetLink(str(y.year), y.count, active, query_string(params, page=None, **changes)))
    elif key == "outage":
        for o in facets.outage[:limit]:
            active = aq.outage is o.value
            text = o.name or ("Articles sur une panne" if o.value else "Autres articles")
            out.append(
                FacetLink(
                    text,
                    o.count,
                    active,
                    query_string(params, outage=None if active else str(o.value).lower(), page=None),
                )
            )
    return out


def facet_groups(facets: Facets, params: dict[str, object], aq: ArticleQuery) -> list[FacetGroup]:
    """Every facet list the search returned, in a stable order, each item a link that adds or removes it."""
    groups = []
    for key in FACET_ORDER:
        items = _facet_items(key, facets, params, aq, FACET_LIMIT)
        if items:
            values = len(getattr(facets, key))
            groups.append(FacetGroup(key, FACET_TITLES[key], items, max(0, values - FACET_LIMIT)))
    return groups


def active_filters(
    aq: ArticleQuery, params: dict[str, object], names: dict[tuple[str, str], str]
) -> list[dict[str, str]]:
    """The filters in force, each with a link that removes it."""
    out = []
    if aq.q:
        out.append({"label": f"Mots : «\u00a0{aq.q}\u00a0»", "href": query_string(params, q=None, page=None)})
    for param, kind, title in (
        ("company", "company", "Entreprise"),
        ("product", "product", "Produit"),
        ("source", "source", "Source"),
    ):
        slug = params.get(param)
        if slug:
            name = names.get((kind, str(slug)), str(slug))
            out.append(
                {"label": f"{title} : {name}", "href": query_string(params, **{param: None, "page": None})}
            )
    if aq.outage is not None:
        out.append(
            {
                "label": "Pannes seulement" if aq.outage else "Hors pannes",
                "href": query_string(params, outage=None, page=None),
            }
        )
    if (
        aq.since
        and aq.until
        and aq.since.year == aq.until.year
        and (aq.since.month, aq.since.day) == (1, 1)
        and (aq.until.month, aq.until.day) == (12, 31)
    ):
        out.append(
            {
                "label": f"Année {aq.since.year}",
                "href": query_string(params, since=None, until=None, page=None),
            }
        )
    else:
        if aq.since:
            out.append(
                {
                    "label": f"Depuis le {date_fr(aq.since, weekday=False)}",
                    "href": query_string(params, since=None, page=None),
                }
            )
        if aq.until:
            out.append(
                {
                    "label": f"Jusqu'au {date_fr(aq.until, weekday=False)}",
                    "href": query_string(params, until=None, page=None),
                }
            )
    return out


def pagination(total: int, page: int, per_page: int, params: dict[str, object]) -> dict[str, object]:
    """Previous/next links and a window of page numbers."""
    pages = max(1, -(-total // per_page))
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "page": page,
        "pages": pages,
        "prev": query_string(params, page=page - 1 if page > 2 else None) if page > 1 else None,
        "next": query_string(params, page=page + 1) if page < pages else None,
        "numbers": [
            {
                "n": n,
                "href": query_string(params, page=n if n > 1 else None),
                "gap": i > 0 and n - window[i - 1] > 1,
            }
            for i, n in enumerate(window)
        ],
    }


def search_context(aq: ArticleQuery, result: SearchResult, entities: EntityList) -> dict[str, Any]:
    """Everything the search template needs beyond the result: links, filters in force, pages, suggestions."""
    params = query_params(aq)
    companies = [e for e in entities.companies if e.articles]
    products = [e for e in entities.products if e.articles]
    names = {("company", e.slug): e.name for e in companies}
    names.update({("product", e.slug): e.name for e in products})
    names.update({("source", s.slug): s.name for s in result.facets.sources})
    return {
        "params": params,
        "entities": {"companies": companies, "products": products},
        "facet_groups": facet_groups(result.facets, params, aq),
        "active": active_filters(aq, params, names),
        "pager": pagination(result.total, result.page, result.per_page, {**params, "page": None}),
        "suggestions": products[:6],
    }
