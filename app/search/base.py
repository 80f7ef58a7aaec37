"""What both backends share: the resolved filters, the result shape, the facet output."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.analysis.entities import gazetteer
from app.search.text import tag

RANK_WINDOW = 1000  # bm25 costs ~1-2 µs per document: rank at most this many of the most recent matches
FACET_WINDOW = 2000  # facets of a larger result set are counted on its most recent matches
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
            # Articles naming a product carry its company's tag too (ArticleFacts.tags): one tag suffices,
            # and bm25, which scores every phrase of the expression, stays cheap.
            groups.append((tag("c", self.company),))
        if self.product:
            groups.append((tag("p", self.product),))
        return groups


@dataclass
class Hits:
    """One page of ranked article ids, the total and the facets."""

    total: int
    ids: list[int]
    facets: dict[str, Any] = field(default_factory=dict)


def facets_from_rows(rows: list[tuple[str, str, str, int]], based_on: int) -> dict[str, Any]:
    """The API facet shape from (kind, key, name, count) rows: most frequent first, years newest first.

    `based_on` is the number of matches the counts were taken from: the total, or FACET_WINDOW when the
    result set is larger (the most recent matches then stand for the whole set).
    """
    out: dict[str, Any] = {"companies": [], "products": [], "sources": [], "years": [], "outage": []}
    years: dict[int, int] = {}
    outage: dict[bool, int] = {}
    sources: dict[str, dict] = {}
    for kind, key, name, n in rows:
        if kind in ("company", "product"):
            out["companies" if kind == "company" else "products"].append({"slug": key, "name": name, "count": n})
        elif kind == "source":
            sources.setdefault(key, {"slug": key, "name": name, "count": 0})["count"] += n
        elif kind == "year" and key:
            years[int(key)] = years.get(int(key), 0) + n
        elif kind == "outage":
            flag = str(key).lower() in ("1", "true", "t")
            outage[flag] = outage.get(flag, 0) + n
    out["sources"] = list(sources.values())
    for k in ("companies", "products", "sources"):
        out[k].sort(key=lambda d: (-d["count"], d["slug"]))
    out["years"] = [{"year": y, "count": n} for y, n in sorted(years.items(), reverse=True)]
    out["outage"] = [{"value": v, "name": "Pannes" if v else "Autres articles", "count": outage[v]}
                     for v in (True, False) if outage.get(v)]
    out["based_on"] = based_on
    return out


def facets_from_concat(session: Session, ent_str: str | None, doc_str: str | None, based_on: int) -> dict[str, Any]:
    """Facets from the side-table values of the counted matches, concatenated by the database: entity keys
    ("product:chatgpt", space-separated) and "year:source:outage" keys. Counter over str.split() runs in C,
    several times faster than aggregating row by row in Python or grouping several times in SQL."""
    if not ent_str and not doc_str:
        return facets_from_rows([], based_on)
    ents: Counter[str] = Counter((ent_str or "").split())
    years: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    outage: Counter[str] = Counter()
    for key, n in Counter((doc_str or "").split()).items():
        year, source, is_outage = key.split(":")
        years[year] += n
        sources[source] += n
        outage[is_outage] += n
    names = {f"{k}:{s}": n for k, s, n in session.execute(text("SELECT kind, slug, name FROM entity"))}
    src_names: dict[str, str] = {s: n for s, n in session.execute(text("SELECT slug, name FROM source"))}
    out: list[tuple[str, str, str, int]] = []
    for key, n in ents.items():
        kind, _, slug = key.partition(":")
        out.append((kind, slug, names.get(key, slug), n))
    out += [("source", s, src_names.get(s, s), n) for s, n in sources.items()]
    out += [("year", y, "", n) for y, n in years.items() if y]
    out += [("outage", str(o), "", n) for o, n in outage.items()]
    return facets_from_rows(out, based_on)


class Indexable(Protocol):
    """What indexing reads of an article: an Article, or a row of these columns (INDEX_COLUMNS)."""

    id: int
    source_id: int
    title: str | None
    summary: str | None
    text: str | None
    published_at: datetime | None
    is_outage: bool
    is_ai: bool


@dataclass
class ArticleFacts:
    """What the index stores about an article besides its text."""

    source: str
    entities: list[tuple[str, str]]  # (kind, slug), sorted

    def tags(self, published: datetime | None, is_outage: bool) -> list[str]:
        """The facet and entity tokens of the article in the index."""
        tags = [tag("", "all"), tag("o", "1" if is_outage else "0"), tag("s", self.source)]
        if published is not None:
            tags.append(tag("y", str(published.year)))
        tags += [tag("p" if kind == "product" else "c", slug) for kind, slug in self.entities]
        entities = gazetteer().entities
        owners = {entities[f"product:{slug}"].company for kind, slug in self.entities
                  if kind == "product" and f"product:{slug}" in entities}
        tags += [tag("c", c) for c in sorted(o for o in owners if o) if ("company", c) not in self.entities]
        return tags


def article_facts(session: Session, article_id: int, source_id: int) -> ArticleFacts:
    """The source slug and linked entities of a stored article."""
    src = session.execute(text("SELECT slug FROM source WHERE id = :i"), {"i": source_id}).scalar() or ""
    ents = session.execute(text(
        "SELECT e.kind, e.slug FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE ae.article_id = :i "
        "ORDER BY e.kind, e.slug"), {"i": article_id}).all()
    return ArticleFacts(src, [(k, s) for k, s in ents])
