"""PostgreSQL backend: a narrow side table `article_search` holding, per AI article, what search reads (a
weighted tsvector built with the french configuration over unaccent, the adjacent term pairs, the date and
the facet keys), with GIN indexes on both vectors.

Why a side table and not a column of `article`: every hit of a frequent word is visited by the bitmap scan
that counts it. On the wide article rows (full text inline) that read hundreds of MB per search; the side
rows are ~100 bytes, the vectors themselves live out of line and are only read to rank a bounded window.
The pairs have their own vector for the same reason: they would double what ranking has to read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.search import base
from app.search.base import (
    ArticleFacts,
    ArticleQuery,
    Hits,
    Indexable,
    date_conditions,
    facets_from_concat,
    now,
    ranked_windows,
    recency_score,
    side_row,
)
from app.search.query import AnyOf, Phrase, Query, Word
from app.search.text import TAG_MARK, IndexText, pairs

# Title A, summary B, entity/facet tags C ('simple': never stemmed), body D. Angle brackets become spaces:
# PostgreSQL's parser would otherwise read "<script>" as a markup tag and index none of its words.
VECTOR_SQL = (
    "setweight(to_tsvector('french', veille_unaccent(translate(:t, '<>', '  '))), 'A') || "
    "setweight(to_tsvector('french', veille_unaccent(translate(:s, '<>', '  '))), 'B') || "
    "setweight(to_tsvector('simple', :g), 'C') || "
    "setweight(to_tsvector('french', veille_unaccent(translate(:b, '<>', '  '))), 'D')"
)
# Our adjacent term pairs ("intelligent_artificiel"), taken as lexemes without parsing and without positions.
PAIRS_SQL = "array_to_tsvector(string_to_array(:p, ' '))"
RANK_WEIGHTS = "'{0.1, 0.4, 0.4, 1.0}'"  # D, C, B, A
COLUMNS = "id, ts, year, source, is_outage, entities, vector, pairs"
UPSERT = (
    f"INSERT INTO article_search ({COLUMNS}) VALUES (:i, :ts, :y, :src, :o, :e, {VECTOR_SQL}, {PAIRS_SQL}) "
    "ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts, year = EXCLUDED.year, source = EXCLUDED.source, "
    "is_outage = EXCLUDED.is_outage, entities = EXCLUDED.entities, vector = EXCLUDED.vector, pairs = EXCLUDED.pairs"
)


def index(
    session: Session, article: Indexable, analysed: IndexText | None = None, facts: ArticleFacts | None = None
) -> None:
    """Write (or rewrite) one article's search row (PostgreSQL analyses the words; only our term pairs are
    ours). `analysed` and `facts`, when the caller has them, must describe the article as stored."""
    row = side_row(session, article, facts)
    title, summary, body = article.title or "", article.summary or "", article.text or ""
    session.execute(
        text(UPSERT),
        {
            **row,
            "o": bool(row["o"]),
            "t": title,
            "s": summary,
            "b": body,
            "p": analysed.pairs if analysed is not None else pairs(title, summary, body),
        },
    )


insert = index  # an upsert: the same for an article that is not indexed yet


def unindex(session: Session, article: Indexable) -> None:
    """Remove one article from the index (by id: unlike FTS5's contentless table, nothing else is needed)."""
    session.execute(text("DELETE FROM article_search WHERE id = :i"), {"i": article.id})


def clear(session: Session) -> None:
    """Empty the index before a full rebuild."""
    session.execute(text("DELETE FROM article_search"))


def check_analysis(session: Session) -> bool:
    """Never rebuilds: this index keeps no analysis fingerprint (PostgreSQL stems the words itself)."""
    return False


@dataclass
class _Part:
    """One clause: a tsquery over `vector` (combined with the others into one GIN lookup) or, for what the
    vector cannot answer alone (phrases through their pairs), an SQL condition; and what ranks it."""

    tsq: str | None = None
    cond: str | None = None
    rank: str | None = None

    def as_cond(self) -> str:
        return self.cond if self.cond is not None else f"s.vector @@ {self.tsq}"


class Compiler:
    """Compiles the AST into SQL in which every user string is a bound parameter."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def _bind(self, value: str) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _tags(self, tags: tuple[str, ...]) -> str:
        # Tags are our own [a-z0-9] tokens, so "a | b" is a well-formed tsquery.
        return f"to_tsquery('simple', {self._bind(' | '.join(tags))})"

    def _word(self, n: Word) -> str:
        if n.prefix or n.term.startswith(TAG_MARK):
            # The prefix is matched against stems, like FTS5 does; quoted so it is one lexeme. A word that
            # looks like one of our tags is only looked up in the text weights (A, B, D), never in the tags.
            label = ("*" if n.prefix else "") + ("ABD" if TAG_MARK.startswith(n.term[:2]) else "")
            return f"to_tsquery('simple', {self._bind(chr(39) + n.term + chr(39) + ':' + label)})"
        return f"plainto_tsquery('french', veille_unaccent({self._bind(n.folded)}))"

    def node(self, n: Word | Phrase | AnyOf) -> _Part:
        if isinstance(n, AnyOf):
            parts = [self.node(o) for o in n.options]
            ranks = [p.rank for p in parts if p.rank]
            rank = "(" + " || ".join(ranks) + ")" if ranks else None
            if all(p.tsq for p in parts):
                return _Part(tsq="(" + " || ".join(p.tsq for p in parts if p.tsq) + ")", rank=rank)
            return _Part(cond="(" + " OR ".join(p.as_cond() for p in parts) + ")", rank=rank)
        if isinstance(n, Word):
            tsq = self._word(n)
        elif len(n.terms) == 1:
            tsq = f"phraseto_tsquery('french', veille_unaccent({self._bind(' '.join(n.folded))}))"
        else:
            words = f"phraseto_tsquery('french', veille_unaccent({self._bind(' '.join(n.folded))}))"
            # Pairs are [^\W_]+ tokens joined by "_": safe inside a quoted tsquery literal. Two terms: the
            # pair is the phrase (as on SQLite). Longer phrases: the pairs narrow, the positions decide.
            literal = " & ".join(f"'{a}_{b}'" for a, b in zip(n.terms, n.terms[1:], strict=False))
            cond = f"s.pairs @@ CAST({self._bind(literal)} AS tsquery)"
            if len(n.terms) > 2:
                cond = f"({cond} AND s.vector @@ {words})"
            if n.entities:
                cond = f"({cond} OR s.vector @@ {self._tags(n.entities)})"
            return _Part(cond=cond, rank=words)
        if n.entities:
            tsq = f"({tsq} || {self._tags(n.entities)})"
        return _Part(tsq=tsq, rank=tsq)

    def compile(self, query: Query, aq: ArticleQuery) -> tuple[str, str | None]:
        """(WHERE condition over `article_search s`, tsquery that ranks, or None when no word was asked)."""
        parts = [self.node(c) for c in query.must]
        filters = [_Part(tsq=self._tags(g)) for g in aq.tag_groups()]
        negs = [self.node(n) for n in query.must_not]
        vector = [p.tsq for p in parts + filters if p.tsq] + [f"!!{p.tsq}" for p in negs if p.tsq]
        conds = [p.cond for p in parts if p.cond] + [f"NOT {p.cond}" for p in negs if p.cond]
        if vector:  # one GIN lookup for every clause the vector answers
            conds.insert(0, "s.vector @@ (" + " && ".join(vector) + ")")
        ranks = [p.rank for p in parts if p.rank]
        return " AND ".join(conds) or "TRUE", (" && ".join(ranks) if ranks else None)


class _Plan:
    """The WHERE of one search over `article_search s`, its parameters and the recency-boosted score."""

    def __init__(self, query: Query, aq: ArticleQuery) -> None:
        comp = Compiler()
        self.where, self.rank = comp.compile(query, aq)
        self.uses_index = "@@" in self.where
        conds, dates = date_conditions(aq, "s.ts")
        self.where += "".join(f" AND {c}" for c in conds)
        self.params: dict[str, Any] = {**comp.params, **dates}
        self.score = recency_score(f"ts_rank({RANK_WEIGHTS}, s.vector, {self.rank})", "s.ts", "greatest")


def search(session: Session, query: Query, aq: ArticleQuery, with_facets: bool = True) -> Hits:
    """Total, one page of ids (ts_rank + title weight + recency, or newest first) and facets.

    One statement reads the hits once: counting them is the unavoidable cost on PostgreSQL (a bitmap heap scan
    visits every hit), so the facet window and the ranked window are taken from that same list."""
    plan = _Plan(query, aq)
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
    session: Session, plan: _Plan, with_facets: bool, ranked: bool, offset: int, limit: int, at: float
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


def _ranked(session: Session, plan: _Plan, total: int, offset: int, limit: int, at: float) -> list[int]:
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
