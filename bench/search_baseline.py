"""The search paths before issue 14, kept as the benchmark's baseline (bench/search_bench.py measures both in
the same run): every hit counted exactly, and on PostgreSQL the recent windows sorted out of the list of every
hit. They run over the current index (the recency tags they do not use change nothing for them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.search import base, fts5, postgres
from app.search.base import (
    ArticleQuery,
    Hits,
    facets_from_concat,
    facets_from_rows,
    now,
    ranked_windows,
    recency_score,
)
from app.search.query import Query


def fts5_search(session: Session, query: Query, aq: ArticleQuery, with_facets: bool = True) -> Hits:
    """Total, one page of ids (bm25 + title boost + recency, or newest first) and facets."""
    plan = fts5._Plan(fts5.compile_match(fts5._expand(session, query), aq), aq)
    total = session.execute(text(plan.sql("count(*)")), plan.params).scalar() or 0
    if total == 0 or aq.offset >= total:
        ids: list[int] = []
    elif not aq.ranks(query):
        ids = fts5._by_date(session, plan, aq.offset, aq.limit)
    else:
        ids = _fts5_ranked(session, plan, total, aq.offset, aq.limit)
    facets = fts5._facets(session, plan, total) if with_facets and total else facets_from_rows([], 0)
    return Hits(total, ids, facets if with_facets else {})


def _fts5_ranked(session: Session, plan: fts5._Plan, counted: int, offset: int, limit: int) -> list[int]:
    """The page's ids by bm25 over the whole MATCH (the words and the filters' tags), window by window."""
    sql_order = (
        f"ORDER BY {recency_score(fts5.BM25, 'd.ts', 'max')}, article_fts.rowid DESC LIMIT :lim OFFSET :off"
    )
    at = now()

    def rank_window(w: int, skip: int, take: int) -> list[int]:
        size = base.RANK_WINDOW
        where, params = "", {**plan.params, "now": at, "lim": take, "off": skip}
        if w > 0:
            where += " AND article_fts.rowid <= :hi"
            params["hi"] = fts5._rowid_at(session, plan, w * size)
        if (w + 1) * size < counted:
            where += " AND article_fts.rowid > :lo"
            params["lo"] = fts5._rowid_at(session, plan, (w + 1) * size)
        sql = plan.sql("article_fts.rowid", where, sql_order, join=fts5.JOIN_DOC)
        return list(session.execute(text(sql), params).scalars())

    return ranked_windows(counted, offset, limit, rank_window)


def postgres_search(session: Session, query: Query, aq: ArticleQuery, with_facets: bool = True) -> Hits:
    """Total, one page of ids (ts_rank + title weight + recency, or newest first) and facets.

    One statement reads the hits once: counting them is the unavoidable cost on PostgreSQL (a bitmap heap scan
    visits every hit), so the facet window and the ranked window are taken from that same list."""
    plan = postgres._Plan(query, aq)
    offset, limit = aq.offset, aq.limit
    # A text search starts from the GIN bitmap (the hit list is materialised, kept in memory): for a frequent
    # word the planner would otherwise pick a sequential scan that reads every row's vector.
    # One round trip each way (no parameters: psycopg sends both statements at once).
    session.execute(
        text("SET LOCAL work_mem = '64MB'" + ("; SET LOCAL enable_seqscan = off" if plan.uses_index else ""))
    )
    ranked = aq.ranks(query)
    at = now()
    try:
        total, facets, ids = _first_pass(session, plan, with_facets, ranked, offset, limit, at)
        if ranked and len(ids) < limit:  # the page reaches beyond the first ranked window
            ids += _ranked(session, plan, total, offset + len(ids), limit - len(ids), at)
    finally:
        session.execute(text("RESET work_mem" + ("; RESET enable_seqscan" if plan.uses_index else "")))
    return Hits(total, ids, facets)


def _first_pass(
    session: Session,
    plan: postgres._Plan,
    with_facets: bool,
    ranked: bool,
    offset: int,
    limit: int,
    at: float,
) -> tuple[int, dict[str, Any], list[int]]:
    """Total, facets and, unless the page lies beyond the first ranked window, the page's ids."""
    mode = "MATERIALIZED" if plan.uses_index else "NOT MATERIALIZED"  # no text: let ORDER BY use the indexes
    # The hit list holds ids and dates only (tens of thousands of rows for a frequent word); the most recent
    # matches are sorted out of it once, and both the facet window and the first ranked window read those.
    ctes = [
        f"hits AS {mode} (SELECT s.id, s.ts FROM article_search s WHERE {plan.where})",
        # = ANY(array): a primary-key lookup per id whatever the planner thinks of joining
        "recent AS MATERIALIZED (SELECT s.id, s.entities, s.year, s.source, s.is_outage FROM article_search s "
        "WHERE s.id = ANY(ARRAY(SELECT id FROM hits ORDER BY id DESC LIMIT :recent)))",
    ]
    cols = ["(SELECT count(*) FROM hits)"]
    fw, rw = base.FACET_WINDOW, base.RANK_WINDOW
    params: dict[str, Any] = {
        **plan.params,
        "fw": fw,
        "lim": limit,
        "off": offset,
        "recent": max(fw if with_facets else 0, rw if ranked else 0, 1),
    }
    if with_facets:
        ctes.append("w AS MATERIALIZED (SELECT * FROM recent ORDER BY id DESC LIMIT :fw)")
        cols += [
            "(SELECT string_agg(entities, ' ') FROM w)",
            "(SELECT string_agg(coalesce(year::text, '') || ':' || source || ':' || is_outage::int, ' ') FROM w)",
        ]
    else:
        cols += ["NULL", "NULL"]
    if ranked and offset < rw:
        ctes.append(
            f"top AS (SELECT s.id, {plan.score} AS score FROM article_search s "
            "WHERE s.id = ANY(ARRAY(SELECT id FROM recent ORDER BY id DESC LIMIT :rw)) "
            "ORDER BY score DESC, s.id DESC LIMIT :lim OFFSET :off)"
        )
        cols.append("(SELECT array_agg(id ORDER BY score DESC, id DESC) FROM top)")
        params.update(rw=rw, now=at, lim=min(limit, rw - offset))
    elif not ranked:
        cols.append(
            "(SELECT array_agg(id ORDER BY ts DESC, id DESC) FROM "
            "(SELECT id, ts FROM hits ORDER BY ts DESC, id DESC LIMIT :lim OFFSET :off) d)"
        )
    else:
        cols.append("NULL")
    sql = f"WITH {', '.join(ctes)} SELECT {', '.join(cols)}"
    total, ent_str, doc_str, ids = session.execute(text(sql), params).one()
    total = total or 0
    facets = facets_from_concat(session, ent_str, doc_str, total) if with_facets else {}
    return total, facets, list(ids or [])


def _ranked(
    session: Session, plan: postgres._Plan, total: int, offset: int, limit: int, at: float
) -> list[int]:
    """Pages beyond the first window (base.ranked_windows): the next RANK_WINDOW matches by recency, ranked
    among themselves."""
    sql = (
        f"WITH win AS MATERIALIZED (SELECT s.id FROM article_search s WHERE {plan.where} "
        "ORDER BY s.id DESC LIMIT :window OFFSET :wo) "
        f"SELECT s.id FROM article_search s JOIN win ON win.id = s.id ORDER BY {plan.score} DESC, s.id DESC "
        "LIMIT :lim OFFSET :off"
    )

    def rank_window(w: int, skip: int, take: int) -> list[int]:
        size = base.RANK_WINDOW
        return list(
            session.execute(
                text(sql),
                {**plan.params, "now": at, "window": size, "wo": w * size, "lim": take, "off": skip},
            ).scalars()
        )

    return ranked_windows(total, offset, limit, rank_window)
