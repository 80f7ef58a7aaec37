"""PostgreSQL backend: a weighted tsvector column (french config over unaccent), GIN index, bound tsqueries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import Article
from app.search.base import (
    FACET_WINDOW,
    RANK_WINDOW,
    RECENCY_BOOST,
    RECENCY_DAYS,
    ArticleFacts,
    Filters,
    Hits,
    article_facts,
    facets_from_rows,
)
from app.search.query import AnyOf, Phrase, Query, Word
from app.search.text import IndexText, pairs

# Title A, summary B, entity/facet tags C ('simple': never stemmed), body D. Angle brackets become spaces:
# PostgreSQL's parser would otherwise read "<script>" as a markup tag and index none of its words.
VECTOR_SQL = (
    "setweight(to_tsvector('french', veille_unaccent(translate(:t, '<>', '  '))), 'A') || "
    "setweight(to_tsvector('french', veille_unaccent(translate(:s, '<>', '  '))), 'B') || "
    "setweight(to_tsvector('simple', :g), 'C') || "
    "setweight(to_tsvector('french', veille_unaccent(translate(:b, '<>', '  '))), 'D') || "
    # Our adjacent term pairs ("intelligent_artificiel"), taken as lexemes without parsing: a phrase query
    # first narrows to the documents holding all its pairs, and only those are re-checked for positions.
    "setweight(array_to_tsvector(string_to_array(:p, ' ')), 'D')"
)
RANK_WEIGHTS = "'{0.1, 0.4, 0.4, 1.0}'"  # D, C, B, A


def index(session: Session, article: Article, analysed: IndexText | None = None,
          facts: ArticleFacts | None = None) -> None:
    """Recompute one article's search vector (PostgreSQL analyses the words; only our term pairs are ours)."""
    facts = facts or article_facts(session, article.id, article.source_id)
    tags = facts.tags(article.published_at, article.is_outage)
    title, summary, body = article.title or "", article.summary or "", article.text or ""
    session.execute(
        text(f"UPDATE article SET search_vector = {VECTOR_SQL} WHERE id = :i"),
        {"i": article.id, "t": title, "s": summary, "b": body, "g": " ".join(tags),
         "p": analysed.pairs if analysed is not None else pairs(title, summary, body)},
    )


def unindex(session: Session, article_id: int) -> None:
    """Clear one article's search vector (the row itself is deleted by the caller)."""
    session.execute(text("UPDATE article SET search_vector = NULL WHERE id = :i"), {"i": article_id})


class TsqueryCompiler:
    """Compiles the AST into a tsquery SQL expression in which every user string is a bound parameter."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def _bind(self, value: str) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _tags(self, tags: tuple[str, ...]) -> str:
        # Tags are our own [a-z0-9] tokens, so "a | b" is a well-formed tsquery.
        return f"to_tsquery('simple', {self._bind(' | '.join(tags))})"

    def node(self, n: Word | Phrase | AnyOf) -> str:
        if isinstance(n, AnyOf):
            return "(" + " || ".join(self.node(o) for o in n.options) + ")"
        if isinstance(n, Word) and n.prefix:
            # The prefix is matched against stems, like FTS5 does; quoted so it is one lexeme.
            expr = f"to_tsquery('simple', {self._bind(chr(39) + n.term + chr(39) + ':*')})"
        elif isinstance(n, Word):
            expr = f"plainto_tsquery('french', veille_unaccent({self._bind(n.folded)}))"
        else:
            expr = f"phraseto_tsquery('french', veille_unaccent({self._bind(' '.join(n.folded))}))"
            if len(n.terms) > 1:
                # Pairs are [^\W_]+ tokens joined by "_": safe inside a quoted tsquery literal.
                literal = " & ".join(f"'{a}_{b}'" for a, b in zip(n.terms, n.terms[1:], strict=False))
                pair_query = f"CAST({self._bind(literal)} AS tsquery)"
                # Two terms: the pair is the phrase (as on SQLite), and needs no position re-check of the
                # (large, TOASTed) vectors. Longer phrases: the pairs narrow, the positions decide.
                expr = pair_query if len(n.terms) == 2 else f"({pair_query} && {expr})"
        if n.entities:
            expr = f"({expr} || {self._tags(n.entities)})"
        return expr

    def compile(self, query: Query, f: Filters) -> str | None:
        """The tsquery expression, or None when nothing constrains the text."""
        parts = [self.node(c) for c in query.must] + [self._tags(g) for g in f.entity_tag_groups()]
        negs = [f"!!{self.node(n)}" for n in query.must_not]
        if not parts and not negs:
            return None
        return "(" + " && ".join(parts + negs) + ")"


class _Plan:
    def __init__(self, query: Query, f: Filters) -> None:
        comp = TsqueryCompiler()
        self.tsq = comp.compile(query, f)
        self.params: dict[str, Any] = dict(comp.params)
        # Only AI articles carry a search vector, so a text query needs no is_ai test: the count can then
        # come from the GIN bitmap alone (all-visible heap pages are not read).
        conds = [f"a.search_vector @@ {self.tsq}" if self.tsq else "a.is_ai"]
        if f.source:
            conds.append("a.source_id IN (SELECT id FROM source WHERE slug = :source)")
            self.params["source"] = f.source
        if f.outage is not None:
            conds.append("a.is_outage = :outage")
            self.params["outage"] = f.outage
        if f.since:
            conds.append("a.published_at >= :since")
            self.params["since"] = f.since
        if f.until:
            conds.append("a.published_at < :until")
            self.params["until"] = f.until + timedelta(days=1)
        self.where = " AND ".join(conds)


def search(session: Session, query: Query, f: Filters, sort: str, offset: int, limit: int,
           with_facets: bool = True) -> Hits:
    """Total, one page of ids (ts_rank + title weight + recency, or newest first) and facets."""
    plan = _Plan(query, f)
    if plan.tsq:
        # For a frequent word the planner estimates most rows match and picks a sequential scan that
        # de-TOASTs every vector (~5x slower than the GIN bitmap here); keep it on the index for this search.
        session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        total, facets = _count_and_facets(session, plan, with_facets)
        if total == 0 or offset >= total:
            ids: list[int] = []
        elif sort == "date" or not query.must:
            sql = (f"SELECT a.id FROM article a WHERE {plan.where} "
                   "ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT :lim OFFSET :off")
            ids = list(session.execute(text(sql), {**plan.params, "lim": limit, "off": offset}).scalars())
        else:
            ids = _ranked(session, plan, total, offset, limit)
    finally:
        if plan.tsq:
            session.execute(text("RESET enable_seqscan"))
    return Hits(total, ids, facets)


def _ranked(session: Session, plan: _Plan, total: int, offset: int, limit: int) -> list[int]:
    """Rank the RANK_WINDOW most recent matches first, then the next window."""
    score = (f"ts_rank({RANK_WEIGHTS}, a.search_vector, {plan.tsq}) * (1.0 + {RECENCY_BOOST} / (1.0 + "
             f"greatest(0.0, coalesce(extract(epoch FROM now() - a.published_at) / 86400.0, 3650.0)) / {RECENCY_DAYS}))")
    out: list[int] = []
    while limit > 0 and offset < total:
        w = offset // RANK_WINDOW
        take = min(limit, RANK_WINDOW - (offset - w * RANK_WINDOW))
        sql = (f"WITH {_hits_cte(plan)}, win AS MATERIALIZED (SELECT id FROM hits "
               "ORDER BY id DESC LIMIT :window OFFSET :wo) "
               f"SELECT a.id FROM article a JOIN win ON win.id = a.id ORDER BY {score} DESC, a.id DESC "
               "LIMIT :lim OFFSET :off")
        rows = list(session.execute(text(sql), {**plan.params, "window": RANK_WINDOW, "wo": w * RANK_WINDOW,
                                                "lim": take, "off": offset - w * RANK_WINDOW}).scalars())
        if not rows:
            break
        out += rows
        offset += len(rows)
        limit -= len(rows)
    return out


def _hits_cte(plan: _Plan) -> str:
    # Materialised: the hit list comes from the GIN bitmap once, then is sorted by id in memory, instead of
    # the planner walking the primary key backwards and testing (de-TOASTing) one vector per row.
    return f"hits AS MATERIALIZED (SELECT a.id FROM article a WHERE {plan.where})"


def _count_and_facets(session: Session, plan: _Plan, with_facets: bool) -> tuple[int, dict[str, Any]]:
    """The total and the facets (over the FACET_WINDOW most recent matches) in one statement."""
    if not with_facets:
        total = session.execute(text(f"WITH {_hits_cte(plan)} SELECT count(*) FROM hits"), plan.params).scalar()
        return total or 0, {}
    sql = (
        f"WITH {_hits_cte(plan)}, w AS MATERIALIZED (SELECT a.id, a.source_id, a.is_outage, a.published_at "
        "FROM article a JOIN (SELECT id FROM hits ORDER BY id DESC LIMIT :fw) t ON t.id = a.id) "
        "SELECT 'total', '', '', (SELECT count(*) FROM hits) "
        "UNION ALL SELECT e.kind, e.slug, e.name, count(*) FROM w JOIN article_entity ae ON ae.article_id = w.id "
        "JOIN entity e ON e.id = ae.entity_id GROUP BY e.kind, e.slug, e.name "
        "UNION ALL SELECT 'source', s.slug, s.name, x.n FROM (SELECT source_id, count(*) AS n FROM w "
        "GROUP BY source_id) x JOIN source s ON s.id = x.source_id "
        "UNION ALL SELECT 'year', y::text, '', count(*) FROM (SELECT extract(year FROM published_at "
        "AT TIME ZONE 'Europe/Paris')::int AS y FROM w WHERE published_at IS NOT NULL) x GROUP BY y "
        "UNION ALL SELECT 'outage', is_outage::text, '', count(*) FROM w GROUP BY is_outage"
    )
    rows = session.execute(text(sql), {**plan.params, "fw": FACET_WINDOW}).all()
    total = next(n for kind, _, _, n in rows if kind == "total")
    facet_rows = [tuple(r) for r in rows if r[0] != "total"]
    return total, facets_from_rows(facet_rows, min(total, FACET_WINDOW))  # type: ignore[arg-type]
