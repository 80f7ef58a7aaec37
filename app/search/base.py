"""What both backends share: the resolved filters, the result shape, the facet universe and its output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.analysis.entities import gazetteer
from app.search.text import tag

RANK_WINDOW = 4000  # bm25 costs ~1-2 µs per document: rank at most this many of the most recent matches
RECENCY_BOOST = 0.3  # a new article scores up to 30 % above an old one with the same text score
RECENCY_DAYS = 30.0  # the boost halves after this many days


@dataclass
class Filters:
    """Structured filters of a search (everything but the text query)."""

    company: str | None = None
    product: str | None = None
    source: str | None = None
    outage: bool | None = None
    since: date | None = None
    until: date | None = None

    def entity_tag_groups(self) -> list[tuple[str, ...]]:
        """Entity filters as tag groups: an article must carry one tag of each group."""
        groups: list[tuple[str, ...]] = []
        if self.company:
            products = [e.slug for e in gazetteer().entities.values() if e.kind == "product" and e.company == self.company]
            groups.append((tag("c", self.company), *(tag("p", p) for p in products)))
        if self.product:
            groups.append((tag("p", self.product),))
        return groups


@dataclass
class Hits:
    """One page of ranked article ids, the total and the facets."""

    total: int
    ids: list[int]
    facets: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetValue:
    """One value a facet can take, with the tag that selects it in the index."""

    facet: str  # companies | products | sources | years | outage
    key: Any  # entity/source slug, year, or bool
    name: str
    tag: str


def facet_universe(session: Session) -> list[FacetValue]:
    """Every facet value that at least one article has (cheap: index probes on small tables)."""
    values: list[FacetValue] = []
    for kind, slug, name in session.execute(text(
        "SELECT e.kind, e.slug, e.name FROM entity e "
        "WHERE EXISTS (SELECT 1 FROM article_entity ae WHERE ae.entity_id = e.id)"
    )):
        is_product = kind == "product"
        values.append(FacetValue("products" if is_product else "companies", slug, name,
                                 tag("p" if is_product else "c", slug)))
    for slug, name in session.execute(text(
        "SELECT s.slug, s.name FROM source s WHERE EXISTS (SELECT 1 FROM article a WHERE a.source_id = s.id)"
    )):
        values.append(FacetValue("sources", slug, name, tag("s", slug)))
    lo, hi = session.execute(text("SELECT min(published_at), max(published_at) FROM article")).one()
    if lo is not None and hi is not None:
        for year in range(_year(lo) - 1, _year(hi) + 2):  # ±1: the stored value may be in another offset
            values.append(FacetValue("years", year, str(year), tag("y", str(year))))
    values.append(FacetValue("outage", True, "Pannes", tag("o", "1")))
    values.append(FacetValue("outage", False, "Autres articles", tag("o", "0")))
    return values


def _year(value: datetime | str) -> int:
    return value.year if isinstance(value, datetime) else int(str(value)[:4])


def facets_from_counts(counts: list[tuple[FacetValue, int]]) -> dict[str, list[dict]]:
    """The API facet shape: non-zero values, most frequent first (years newest first)."""
    out: dict[str, list[dict]] = {"companies": [], "products": [], "sources": [], "years": [], "outage": []}
    for v, n in counts:
        if not n:
            continue
        if v.facet == "years":
            out["years"].append({"year": v.key, "count": n})
        elif v.facet == "outage":
            out["outage"].append({"value": v.key, "name": v.name, "count": n})
        else:
            out[v.facet].append({"slug": v.key, "name": v.name, "count": n})
    for key in ("companies", "products", "sources"):
        out[key].sort(key=lambda d: (-d["count"], d["slug"]))
    out["years"].sort(key=lambda d: -d["year"])
    out["outage"].sort(key=lambda d: not d["value"])
    return out


def article_tags(session: Session, article_id: int, source_id: int, published: datetime | None,
                 is_outage: bool) -> list[str]:
    """The facet and entity tags one article carries in the index."""
    tags = [tag("", "all"), tag("o", "1" if is_outage else "0")]
    if published is not None:
        tags.append(tag("y", str(published.year)))
    src = session.execute(text("SELECT slug FROM source WHERE id = :i"), {"i": source_id}).scalar()
    if src:
        tags.append(tag("s", src))
    for kind, slug in session.execute(text(
        "SELECT e.kind, e.slug FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE ae.article_id = :i"
    ), {"i": article_id}):
        tags.append(tag("p" if kind == "product" else "c", slug))
    return tags
