"""SQLite backend: one FTS5 table fed with our own folded and stemmed text, facets and filters as tag tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import Article
from app.search.base import RANK_WINDOW, RECENCY_BOOST, RECENCY_DAYS, FacetValue, Filters, Hits, article_tags, \
    facet_universe, facets_from_counts
from app.search.query import AnyOf, Phrase, Query, Word
from app.search.text import analyse, tag

TEXT_COLUMNS = "{title summary body}"
# Column weights for bm25: title above summary above body; tags (entity names) count like a summary.
BM25 = "bm25(article_fts, 10.0, 4.0, 1.0, 4.0)"
ALL = tag("", "all")

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "title, summary, body, tags, tokenize = 'unicode61 remove_diacritics 0')"
)


def index(session: Session, article: Article) -> None:
    """Write (or rewrite) one article into the index; rowid = article id."""
    tags = article_tags(session, article.id, article.source_id, article.published_at, article.is_outage)
    session.execute(text("DELETE FROM article_fts WHERE rowid = :i"), {"i": article.id})
    session.execute(
        text("INSERT INTO article_fts (rowid, title, summary, body, tags) VALUES (:i, :t, :s, :b, :g)"),
        {"i": article.id, "t": analyse(article.title or ""), "s": analyse(article.summary or ""),
         "b": analyse(article.text or ""), "g": " ".join(tags)},
    )


def unindex(session: Session, article_id: int) -> None:
    """Remove one article from the index."""
    session.execute(text("DELETE FROM article_fts WHERE rowid = :i"), {"i": article_id})


def _quote(s: str) -> str:
    """An FTS5 string: every user term is inside double quotes, so no operator can come from the user."""
    return '"' + s.replace('"', '""') + '"'


def _node(n: Word | Phrase | AnyOf) -> str:
    if isinstance(n, AnyOf):
        return "(" + " OR ".join(_node(o) for o in n.options) + ")"
    if isinstance(n, Word):
        expr = f"{TEXT_COLUMNS} : {_quote(n.term)}" + ("*" if n.prefix else "")
    else:
        expr = f"{TEXT_COLUMNS} : {_quote(' '.join(n.terms))}"
    if n.entities:
        expr = "(" + " OR ".join([expr, *(f"tags : {_quote(t)}" for t in n.entities)]) + ")"
    return expr


def compile_match(query: Query, f: Filters) -> str:
    """The MATCH expression for a query and its filters (tags); never empty."""
    positives = [_node(c) for c in query.must]
    groups = list(f.entity_tag_groups())
    if f.source:
        groups.append((tag("s", f.source),))
    if f.outage is not None:
        groups.append((tag("o", "1" if f.outage else "0"),))
    positives += ["(" + " OR ".join(f"tags : {_quote(t)}" for t in g) + ")" for g in groups]
    expr = " AND ".join(positives) if positives else f"tags : {_quote(ALL)}"
    for n in query.must_not:
        expr = f"({expr}) NOT {_node(n)}"
    return expr


class _Plan:
    """The FROM/WHERE of one search, with the date filters that need a join on article."""

    def __init__(self, match: str, f: Filters) -> None:
        self.params: dict[str, Any] = {"m": match}
        conds = []
        if f.since:
            conds.append("a.published_at >= :since")
            self.params["since"] = f.since.isoformat()
        if f.until:
            conds.append("a.published_at < :until")
            self.params["until"] = (f.until + timedelta(days=1)).isoformat()
        self.join = " JOIN article a ON a.id = article_fts.rowid" if conds else ""
        self.where = "article_fts MATCH :m" + "".join(f" AND {c}" for c in conds)

    def sql(self, select: str, where: str = "", tail: str = "", join: str | None = None) -> str:
        return (f"SELECT {select} FROM article_fts{self.join if join is None else join} "
                f"WHERE {self.where}{where} {tail}")


def search(session: Session, query: Query, f: Filters, sort: str, offset: int, limit: int,
           with_facets: bool = True) -> Hits:
    """Total, one page of ids (bm25 + title boost + recency, or newest first) and facets."""
    plan = _Plan(compile_match(query, f), f)
    total = session.execute(text(plan.sql("count(*)")), plan.params).scalar() or 0
    if total == 0 or offset >= total:
        ids: list[int] = []
    elif sort == "date" or not query.must:
        ids = _by_date(session, plan, offset, limit)
    else:
        ids = _ranked(session, plan, total, offset, limit)
    facets = _facets(session, plan, query, f) if with_facets else {}
    return Hits(total, ids, facets)


def _by_date(session: Session, plan: _Plan, offset: int, limit: int) -> list[int]:
    inner = plan.sql("article_fts.rowid", join="" if not plan.join else None)
    sql = (f"SELECT a.id FROM article a WHERE a.id IN ({inner}) "
           "ORDER BY a.published_at DESC, a.id DESC LIMIT :lim OFFSET :off")
    return list(session.execute(text(sql), {**plan.params, "lim": limit, "off": offset}).scalars())


def _rowid_at(session: Session, plan: _Plan, k: int) -> int | None:
    """The rowid of the k-th most recent match (rowid order is free in FTS5)."""
    sql = plan.sql("article_fts.rowid", tail="ORDER BY article_fts.rowid DESC LIMIT 1 OFFSET :k")
    return session.execute(text(sql), {**plan.params, "k": k}).scalar()


def _ranked(session: Session, plan: _Plan, total: int, offset: int, limit: int) -> list[int]:
    """Rank window by window: the RANK_WINDOW most recent matches first, then the next ones."""
    score = (f"{BM25} * (1.0 + {RECENCY_BOOST} / (1.0 + max(0.0, coalesce("
             f"julianday('now') - julianday(substr(a.published_at, 1, 10)), 3650.0)) / {RECENCY_DAYS}))")
    out: list[int] = []
    while limit > 0 and offset < total:
        w = offset // RANK_WINDOW
        where, params = "", dict(plan.params)
        if total > RANK_WINDOW:
            hi = _rowid_at(session, plan, w * RANK_WINDOW)
            lo = _rowid_at(session, plan, (w + 1) * RANK_WINDOW) if (w + 1) * RANK_WINDOW < total else None
            where = " AND article_fts.rowid <= :hi" + (" AND article_fts.rowid > :lo" if lo is not None else "")
            params.update(hi=hi, lo=lo)
        take = min(limit, RANK_WINDOW - (offset - w * RANK_WINDOW))
        sql = plan.sql("article_fts.rowid", where, f"ORDER BY {score}, article_fts.rowid DESC LIMIT :lim OFFSET :off",
                       join=" JOIN article a ON a.id = article_fts.rowid")
        rows = list(session.execute(text(sql), {**params, "lim": take, "off": offset - w * RANK_WINDOW}).scalars())
        if not rows:
            break
        out += rows
        offset += len(rows)
        limit -= len(rows)
    return out


def _facets(session: Session, plan: _Plan, query: Query, f: Filters) -> dict[str, list[dict]]:
    """Counts of each facet value within the filtered result set: one FTS5 count per value, one statement."""
    universe = facet_universe(session)
    if not universe:
        return facets_from_counts([])
    base = plan.params["m"]
    plain = base == f"tags : {_quote(ALL)}"
    parts, params = [], dict(plan.params)
    for i, v in enumerate(universe):
        params[f"m{i}"] = f"tags : {_quote(v.tag)}" if plain else f"({base}) AND tags : {_quote(v.tag)}"
        parts.append("(" + plan.sql("count(*)").replace(":m", f":m{i}", 1) + ")")
    row = session.execute(text("SELECT " + ", ".join(parts)), params).one()
    counts: list[tuple[FacetValue, int]] = list(zip(universe, row, strict=True))
    return facets_from_counts(counts)
