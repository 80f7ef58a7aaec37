"""What the search page shows around the results: facets as links, active filters, pagination, suggestions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import ArticleEntity, Entity
from app.services.search import ArticleQuery
from app.templating import date_fr, query_string

FACET_TITLES = {"companies": "Entreprises", "products": "Produits", "sources": "Sources", "years": "Années",
                "outage": "Pannes"}
FACET_PARAMS = {"companies": "company", "products": "product", "sources": "source"}
FACET_ORDER = ["products", "companies", "outage", "years", "sources"]
FACET_LIMIT = 12


def query_params(aq: ArticleQuery) -> dict[str, object]:
    """The query as URL parameters, defaults left out so links stay short."""
    return {
        "q": aq.q or None, "company": aq.company, "product": aq.product, "source": aq.source,
        "outage": None if aq.outage is None else str(aq.outage).lower(),
        "since": aq.since.isoformat() if aq.since else None, "until": aq.until.isoformat() if aq.until else None,
        "sort": aq.sort if aq.sort != "relevance" else None,
        "per_page": aq.per_page if aq.per_page != 20 else None,
    }


def _value(item: dict) -> object:
    for k in ("slug", "value", "year", "key"):
        if k in item:
            return item[k]
    return None


def _outage_value(v: object) -> bool | None:
    if isinstance(v, bool):
        return v
    s = str(v).lower()
    if s in ("true", "1", "oui", "outage", "panne", "yes"):
        return True
    if s in ("false", "0", "non", "other", "no"):
        return False
    return None


def _facet_item(key: str, item: dict, params: dict[str, object], aq: ArticleQuery) -> dict | None:
    value = _value(item)
    count = item.get("count", 0)
    label = item.get("name") or item.get("label")
    if key in FACET_PARAMS:
        param = FACET_PARAMS[key]
        active = params.get(param) == value
        return {"label": label or str(value), "count": count, "active": active,
                "href": query_string(params, **{param: None if active else value, "page": None})}
    if key == "years":
        try:
            y = int(str(value))
        except ValueError:
            return None
        since, until = date(y, 1, 1), date(y, 12, 31)
        active = aq.since == since and aq.until == until
        changes = {"since": None, "until": None} if active else {"since": since.isoformat(), "until": until.isoformat()}
        return {"label": label or str(y), "count": count, "active": active,
                "href": query_string(params, page=None, **changes)}
    if key == "outage":
        b = _outage_value(value)
        if b is None:
            return None
        active = aq.outage is b
        text = label or ("Articles sur une panne" if b else "Autres articles")
        return {"label": text, "count": count, "active": active,
                "href": query_string(params, outage=None if active else str(b).lower(), page=None)}
    return {"label": label or str(value), "count": count, "active": False, "href": None}


def facet_groups(facets: dict, params: dict[str, object], aq: ArticleQuery) -> list[dict]:
    """Every facet list the search returned, in a stable order, each item a link that adds or removes it."""
    keys = [k for k in FACET_ORDER if k in facets] + sorted(k for k in facets if k not in FACET_ORDER)
    groups = []
    for key in keys:
        raw = facets.get(key) or []
        if isinstance(raw, dict):  # {"true": 3, "false": 9} style
            raw = [{"value": k, "count": v} for k, v in raw.items()]
        if not isinstance(raw, list):  # e.g. "based_on": how many hits the counts were made on
            continue
        items = [x for x in (_facet_item(key, i, params, aq) for i in raw if isinstance(i, dict)) if x]
        if items:
            groups.append({"key": key, "title": FACET_TITLES.get(key, key.capitalize()),
                           "items": items[:FACET_LIMIT], "more": max(0, len(items) - FACET_LIMIT)})
    return groups


def active_filters(aq: ArticleQuery, params: dict[str, object], names: dict[tuple[str, str], str]) -> list[dict]:
    """The filters in force, each with a link that removes it."""
    out = []
    if aq.q:
        out.append({"label": f"Mots : «\u00a0{aq.q}\u00a0»", "href": query_string(params, q=None, page=None)})
    for param, kind, title in (("company", "company", "Entreprise"), ("product", "product", "Produit"),
                               ("source", "source", "Source")):
        slug = params.get(param)
        if slug:
            name = names.get((kind, str(slug)), str(slug))
            out.append({"label": f"{title} : {name}", "href": query_string(params, **{param: None, "page": None})})
    if aq.outage is not None:
        out.append({"label": "Pannes seulement" if aq.outage else "Hors pannes",
                    "href": query_string(params, outage=None, page=None)})
    if aq.since and aq.until and aq.since.year == aq.until.year and (aq.since.month, aq.since.day) == (1, 1) \
            and (aq.until.month, aq.until.day) == (12, 31):
        out.append({"label": f"Année {aq.since.year}", "href": query_string(params, since=None, until=None, page=None)})
    else:
        if aq.since:
            out.append({"label": f"Depuis le {date_fr(aq.since, weekday=False)}",
                        "href": query_string(params, since=None, page=None)})
        if aq.until:
            out.append({"label": f"Jusqu'au {date_fr(aq.until, weekday=False)}",
                        "href": query_string(params, until=None, page=None)})
    return out


def pagination(total: int, page: int, per_page: int, params: dict[str, object]) -> dict:
    """Previous/next links and a window of page numbers."""
    pages = max(1, -(-total // per_page))
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "page": page, "pages": pages,
        "prev": query_string(params, page=page - 1 if page > 2 else None) if page > 1 else None,
        "next": query_string(params, page=page + 1) if page < pages else None,
        "numbers": [{"n": n, "href": query_string(params, page=n if n > 1 else None), "gap": i > 0 and n - window[i - 1] > 1}
                    for i, n in enumerate(window)],
    }


def entity_choices(session: Session) -> dict[str, list[dict]]:
    """Companies and products named by at least one article, most cited first (for the selects)."""
    # Counted on the link table alone (its entity_id index answers it) rather than joined with articles.
    counts = dict(session.execute(
        select(ArticleEntity.entity_id, func.count()).group_by(ArticleEntity.entity_id)).all())
    out: dict[str, list[dict]] = {"companies": [], "products": []}
    for eid, kind, slug, name in session.execute(
        select(Entity.id, Entity.kind, Entity.slug, Entity.name).where(Entity.id.in_(list(counts)))
    ):
        out["companies" if kind == "company" else "products"].append({"slug": slug, "name": name,
                                                                     "articles": counts[eid]})
    for items in out.values():
        items.sort(key=lambda e: (-e["articles"], e["name"]))
    return out


def search_context(session: Session, aq: ArticleQuery, result: dict) -> dict:
    """Everything the search template needs beyond the raw result."""
    params = query_params(aq)
    ents = entity_choices(session)
    names = {("company", e["slug"]): e["name"] for e in ents["companies"]}
    names.update({("product", e["slug"]): e["name"] for e in ents["products"]})
    for s in (result.get("facets") or {}).get("sources", []):
        names[("source", s.get("slug"))] = s.get("name")
    return {
        "params": params, "entities": ents, "facet_groups": facet_groups(result.get("facets") or {}, params, aq),
        "active": active_filters(aq, params, names),
        "pager": pagination(result["total"], result["page"], result["per_page"], {**params, "page": None}),
        "suggestions": ents["products"][:6],
    }
