"""What both backends share: the query, the result shape, the backend protocol, the date filter, the ranking
windows, the facet output and what indexing reads of an article."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.analysis.dates import PARIS
from app.analysis.entities import gazetteer
from app.search.query import Query
from app.search.text import IndexText, tag

# The backends read both windows as `base.RANK_WINDOW` / `base.FACET_WINDOW` at call time (tests shrink them).
RANK_WINDOW = 1000  # bm25 costs ~1-2 µs per document: rank at most this many of the most recent matches
FACET_WINDOW = 2000  # facets of a larger result set are counted on its most recent matches
# Totals are exact up to TOTAL_CAP matches; a larger result set says "more than TOTAL_CAP" (total = TOTAL_CAP,
# total_exact false). Counting every hit of a frequent word costs time in proportion to the corpus (every hit
# is visited), while counting up to a bound stops early; Elasticsearch chose the same bound for the same reason.
# Only the first TOTAL_CAP matches can be paged through: a page beyond them is empty (the pager stops there).
TOTAL_CAP = 10_000
RECENCY_BOOST = 0.3  # a new article scores up to 30 % above an old one with the same text score
RECENCY_DAYS = 30.0  # the boost halves after this many days
NO_DATE = 0.0  # articles without a date rank and sort as the oldest

Sort = Literal["relevance", "date"]


@dataclass(frozen=True)
class ArticleQuery:
    """What a user asks of /api/articles and /recherche: words, structured filters, order and page."""

    q: str = ""
    company: str | None = None
    product: str | None = None
    source: str | None = None
    outage: bool | None = None
    since: date | None = None
    until: date | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20
    q_truncated: bool = False  # the words typed were longer than MAX_QUERY_CHARS and were cut

    @property
    def offset(self) -> int:
        """How many matches come before the page."""
        return (self.page - 1) * self.per_page

    @property
    def limit(self) -> int:
        """How many matches the page holds at most."""
        return self.per_page

    def ranks(self, query: Query) -> bool:
        """Whether hits are ordered by relevance: not asked by date, and there are words to rank by."""
        return self.sort != "date" and bool(query.must)

    def tag_groups(self) -> list[tuple[str, ...]]:
        """The structured filters but dates as tag groups: an article must carry one tag of each group."""
        groups: list[tuple[str, ...]] = []
        if self.company:
            # Articles naming a product carry its company's tag too (ArticleFacts.tags): one tag suffices,
            # and bm25, which scores every phrase of the expression, stays cheap.
            groups.append((tag("c", self.company),))
        if self.product:
            groups.append((tag("p", self.product),))
        if self.source:
            groups.append((tag("s", self.source),))
        if self.outage is not None:
            groups.append((tag("o", "1" if self.outage else "0"),))
        return groups


@dataclass
class Hits:
    """One page of ranked article ids, the total (exact, or TOTAL_CAP when `total_exact` is false: more matches
    than that) and the facets."""

    total: int
    ids: list[int]
    facets: dict[str, Any] = field(default_factory=dict)
    total_exact: bool = True


def capped(count: int) -> tuple[int, bool]:
    """(total, exact) from a count taken up to TOTAL_CAP + 1 matches."""
    cap = TOTAL_CAP
    return (cap, False) if count > cap else (count, True)


def page_span(offset: int, limit: int, total: int) -> int:
    """How many matches the page at `offset` holds: none past the total (the first TOTAL_CAP matches when the
    total is capped), at most `limit`."""
    return max(0, min(limit, total - offset))


class Indexable(Protocol):
    """What indexing reads of an article: an Article, or a row of these columns (index.INDEX_COLUMNS)."""

    @property
    def id(self) -> int: ...
    @property
    def source_id(self) -> int: ...
    @property
    def title(self) -> str | None: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def is_outage(self) -> bool: ...
    @property
    def is_ai(self) -> bool: ...


class SearchBackend(Protocol):
    """A search backend: the modules app.search.fts5 (SQLite) and app.search.postgres implement it."""

    def index(
        self,
        session: Session,
        article: Indexable,
        analysed: IndexText | None = None,
        facts: ArticleFacts | None = None,
    ) -> None:
        """Write (or rewrite) one article into the index."""

    def insert(
        self,
        session: Session,
        article: Indexable,
        analysed: IndexText | None = None,
        facts: ArticleFacts | None = None,
    ) -> None:
        """Add an article that is not in the index."""

    def unindex(self, session: Session, article: Indexable) -> None:
        """Remove one article from the index (call it while the article holds the text it was indexed with)."""

    def clear(self, session: Session) -> None:
        """Empty the index before a full rebuild."""

    def check_analysis(self, session: Session) -> bool:
        """Rebuild the index when it was written by another text analysis; True when it rebuilt."""

    def search(
        self,
        session: Session,
        query: Query,
        aq: ArticleQuery,
        with_facets: bool = True,
        names: FacetNames | None = None,
    ) -> Hits:
        """Total, the page of ids `aq` asks for (by relevance or newest first) and facets (`names`: what they
        show for their keys, when the caller keeps them)."""


def day_start(day: date) -> float:
    """Unix time of the Paris midnight that starts `day`."""
    return datetime.combine(day, time(), PARIS).timestamp()


def day_after(day: date) -> float:
    """Unix time of the Paris midnight that ends `day` (the last representable instant for 9999-12-31)."""
    if day == date.max:
        return datetime.combine(day, time.max, PARIS).timestamp()
    return day_start(day + timedelta(days=1))


def date_conditions(aq: ArticleQuery, ts: str) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on the side table's `ts` column (Unix time) for the query's Paris days, and their
    parameters."""
    conds: list[str] = []
    params: dict[str, Any] = {}
    if aq.since or aq.until:
        conds.append(f"{ts} > :no_date")  # an undated article is outside any range, even one before 1970
        params["no_date"] = NO_DATE
    if aq.since:
        conds.append(f"{ts} >= :since")
        params["since"] = day_start(aq.since)
    if aq.until:
        conds.append(f"{ts} < :until")
        params["until"] = day_after(aq.until)
    return conds, params


def recency_score(text_score: str, ts: str, greatest: str) -> str:
    """SQL: a text score times the recency boost of the article dated by `ts`, as of the `:now` parameter.
    `greatest` is the dialect's two-argument maximum (max on SQLite, greatest on PostgreSQL)."""
    return (
        f"{text_score} * (1.0 + {RECENCY_BOOST} / "
        f"(1.0 + {greatest}(0.0, :now - {ts}) / {86400 * RECENCY_DAYS}))"
    )


def now() -> float:
    """The `:now` parameter of recency_score."""
    return datetime.now(UTC).timestamp()


def ranked_windows(
    total: int, offset: int, limit: int, rank_window: Callable[[int, int, int], list[int]]
) -> list[int]:
    """Rank window by window: the RANK_WINDOW most recent matches first, then the next ones.

    `rank_window(w, skip, take)` ranks the w-th window of RANK_WINDOW matches by recency among themselves and
    returns `take` of its ids after the first `skip`."""
    out: list[int] = []
    while limit > 0 and offset < total:
        w, skip = divmod(offset, RANK_WINDOW)
        rows = rank_window(w, skip, min(limit, RANK_WINDOW - skip))
        if not rows:
            break
        out += rows
        offset += len(rows)
        limit -= len(rows)
    return out


def timestamp(published: datetime | None) -> float:
    """Unix time of a stored (aware) date; NO_DATE when there is none."""
    return NO_DATE if published is None else published.timestamp()


def doc_row(
    article_id: int, published: datetime | None, is_outage: bool, facts: ArticleFacts
) -> dict[str, Any]:
    """The side-table row of one article ("product:chatgpt company:openai" for its entities)."""
    return {
        "i": article_id,
        "ts": timestamp(published),
        "y": published.year if published else None,
        "src": facts.source,
        "o": int(is_outage),
        "e": " ".join(f"{k}:{s}" for k, s in facts.entities),
    }


def side_row(session: Session, article: Indexable, facts: ArticleFacts | None = None) -> dict[str, Any]:
    """The side-table row of an article (doc_row) and, as "g", its tags as indexed; `facts`, when the caller
    has them, spare two queries."""
    facts = facts or article_facts(session, article.id, article.source_id)
    return {
        **doc_row(article.id, article.published_at, article.is_outage, facts),
        "g": " ".join(facts.tags(article.published_at, article.is_outage)),
    }


def facets_from_rows(rows: list[tuple[str, str, str, int]], based_on: int) -> dict[str, Any]:
    """The API facet shape from (kind, key, name, count) rows: most frequent first, years newest first.

    `based_on` is the number of matches the counts were taken from: the total, or FACET_WINDOW when the
    result set is larger (the most recent matches then stand for the whole set).
    """
    out: dict[str, Any] = {"companies": [], "products": [], "sources": [], "years": [], "outage": []}
    years: dict[int, int] = {}
    outage: dict[bool, int] = {}
    sources: dict[str, dict[str, Any]] = {}
    for kind, key, name, n in rows:
        if kind in ("company", "product"):
            out["companies" if kind == "company" else "products"].append(
                {"slug": key, "name": name, "count": n}
            )
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
    out["outage"] = [
        {"value": v, "name": "Pannes" if v else "Autres articles", "count": outage[v]}
        for v in (True, False)
        if outage.get(v)
    ]
    out["based_on"] = based_on
    return out


@dataclass(frozen=True)
class FacetNames:
    """What facets show for their keys: entity names by "kind:slug", source names by slug. They change with the
    data only; the routes keep them per state of the data (reading them was 2-3 ms of a search at 1M articles)."""

    entities: dict[str, str]
    sources: dict[str, str]


def facet_names(session: Session) -> FacetNames:
    """The names of every entity and source, read from the database."""
    return FacetNames(
        {f"{k}:{s}": n for k, s, n in session.execute(text("SELECT kind, slug, name FROM entity"))},
        {s: n for s, n in session.execute(text("SELECT slug, name FROM source"))},
    )


def facets_from_concat(
    session: Session,
    ent_str: str | None,
    doc_str: str | None,
    total: int,
    names: FacetNames | None = None,
) -> dict[str, Any]:
    """Facets of a result set of `total` matches from the side-table values of its counted matches (its
    FACET_WINDOW most recent), concatenated by the database: entity keys ("product:chatgpt", space-separated)
    and "year:source:outage" keys. Counter over str.split() runs in C, several times faster than aggregating
    row by row in Python or grouping several times in SQL. `names`: the entity and source names when the caller
    keeps them (else read here)."""
    based_on = min(total, FACET_WINDOW)
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
    names = names or facet_names(session)
    out: list[tuple[str, str, str, int]] = []
    for key, n in ents.items():
        kind, _, slug = key.partition(":")
        out.append((kind, slug, names.entities.get(key, slug), n))
    out += [("source", s, names.sources.get(s, s), n) for s, n in sources.items()]
    out += [("year", y, "", n) for y, n in years.items() if y]
    out += [("outage", str(o), "", n) for o, n in outage.items()]
    return facets_from_rows(out, based_on)


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
        owners = {
            entities[f"product:{slug}"].company
            for kind, slug in self.entities
            if kind == "product" and f"product:{slug}" in entities
        }
        tags += [tag("c", c) for c in sorted(o for o in owners if o) if ("company", c) not in self.entities]
        return tags


def article_facts(session: Session, article_id: int, source_id: int) -> ArticleFacts:
    """The source slug and linked entities of a stored article."""
    src = session.execute(text("SELECT slug FROM source WHERE id = :i"), {"i": source_id}).scalar() or ""
    ents = session.execute(
        text(
            "SELECT e.kind, e.slug FROM article_entity ae JOIN entity e ON e.id = ae.entity_id WHERE ae.article_id = :i "
            "ORDER BY e.kind, e.slug"
        ),
        {"i": article_id},
    ).all()
    return ArticleFacts(src, [(k, s) for k, s in ents])


def encode_recalled(value: Any) -> bytes:
    """What a search keeps per state of the data (Hits, or a facets dict) as JSON, for the other web processes
    of the machine (app/http_cache.py StampKeeper.share)."""
    if isinstance(value, Hits):
        return json.dumps({"hits": asdict(value)}, separators=(",", ":")).encode()
    return json.dumps({"value": value}, separators=(",", ":")).encode()


def decode_recalled(data: bytes) -> Any:
    """The value encode_recalled wrote."""
    obj = json.loads(data)
    if "hits" in obj:
        h = obj["hits"]
        return Hits(
            total=int(h["total"]),
            ids=[int(i) for i in h["ids"]],
            facets=h["facets"],
            total_exact=bool(h["total_exact"]),
        )
    return obj["value"]
