"""SQLite backend: a contentless FTS5 table fed with our own folded and stemmed text (filters as tag tokens),
plus a narrow side table with what ranking and facets read per hit (date, source, outage, entities) and what
removing an entry needs (the tags as indexed, a digest of the text values)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.orm import InstanceState, Session

from app.search import base
from app.search.base import (
    ArticleFacts,
    ArticleQuery,
    Hits,
    Indexable,
    capped,
    date_conditions,
    facets_from_concat,
    facets_from_rows,
    now,
    page_span,
    ranked_windows,
    recency_score,
    side_row,
)
from app.search.query import AnyOf, Phrase, Query, Word
from app.search.text import TAG_MARK, IndexText, analysis_fingerprint, index_text, tag

log = logging.getLogger(__name__)

TEXT_COLUMNS = "{title summary body}"
# Column weights for bm25: title above summary above body; tags (entity names) count like a summary;
# a phrase match (pairs) counts between summary and body.
BM25 = "bm25(article_fts, 10.0, 4.0, 1.0, 4.0, 2.0)"
ALL = tag("", "all")

# Why contentless (content=''): a normal FTS5 table keeps a copy of every inserted value (our analysed
# title, summary, body, tags and pairs), 2.5x the size of the index itself, and nothing reads it: bm25 needs
# only the index and the column sizes, snippets come from article.text, prefixes expand through
# article_fts_term. The price: SQLite 3.40 has no contentless_delete, so removing a row means replaying the
# 'delete' command with exactly the values that were indexed (see unindex), else the index is corrupted.
CREATE_SQL = [
    # `pairs` holds adjacent term pairs joined by "_" (a token character here, never produced by analyse()).
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "title, summary, body, tags, pairs, content = '', tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
    # Ranking and facets read one small row per hit here instead of a wide article row. It also keeps what
    # a 'delete' cannot recompute: the tags as indexed (entity links and the gazetteer change later) and a
    # digest of the indexed text values, checked before they are replayed.
    "CREATE TABLE IF NOT EXISTS article_fts_doc (id INTEGER PRIMARY KEY, ts REAL NOT NULL, "
    "year INTEGER, source TEXT NOT NULL, is_outage INTEGER NOT NULL, entities TEXT NOT NULL, "
    "tags TEXT NOT NULL DEFAULT '', digest INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS ix_article_fts_doc_ts ON article_fts_doc (ts)",
    # Every indexed term, so that a prefix can be expanded into the terms it covers (see _expand).
    "CREATE TABLE IF NOT EXISTS article_fts_term (term TEXT PRIMARY KEY) WITHOUT ROWID",
    # The analysis fingerprint the index was built with (see app.search.text.analysis_fingerprint).
    "CREATE TABLE IF NOT EXISTS article_fts_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
]
DROP_SQL = [
    "DROP TABLE IF EXISTS article_fts_meta",
    "DROP TABLE IF EXISTS article_fts_term",
    "DROP TABLE IF EXISTS article_fts_doc",
    "DROP TABLE IF EXISTS article_fts",
]
MAX_EXPANSION = 40  # a prefix covering more terms falls back to FTS5's own prefix query
INSERT_TERM = "INSERT OR IGNORE INTO article_fts_term (term) VALUES (:t)"
INSERT_FTS = (
    "INSERT INTO article_fts (rowid, title, summary, body, tags, pairs) VALUES (:i, :t, :s, :b, :g, :p)"
)
DELETE_FTS = (
    "INSERT INTO article_fts (article_fts, rowid, title, summary, body, tags, pairs) "
    "VALUES ('delete', :i, :t, :s, :b, :g, :p)"
)
INSERT_DOC = "INSERT INTO article_fts_doc VALUES (:i, :ts, :y, :src, :o, :e, :g, :d)"
FINGERPRINT_KEY = "analysis"
JOIN_DOC = " JOIN article_fts_doc d ON d.id = article_fts.rowid"


def index(
    session: Session, article: Indexable, analysed: IndexText | None = None, facts: ArticleFacts | None = None
) -> None:
    """Write (or rewrite) one article into the index; rowid = article id. `analysed` and `facts`, when the
    caller has them, must describe the article as stored (they spare the text analysis and two queries)."""
    unindex(session, article)
    insert(session, article, analysed, facts)


def insert(
    session: Session, article: Indexable, analysed: IndexText | None = None, facts: ArticleFacts | None = None
) -> None:
    """Add an article that is not in the index."""
    row = side_row(session, article, facts)
    values = (
        _values(analysed)
        if analysed is not None
        else indexed_values(article.title, article.summary, article.text)
    )
    session.execute(text(INSERT_FTS), {"i": article.id, **values, "g": row["g"]})
    session.execute(text(INSERT_TERM), [{"t": t} for t in vocabulary(values["t"], values["s"], values["b"])])
    session.execute(text(INSERT_DOC), {**row, "d": digest(values)})


def indexed_values(title: str | None, summary: str | None, body: str | None) -> dict[str, str]:
    """The text columns as written into the index (the tags apart)."""
    return _values(index_text(title or "", summary or "", body or ""))


def _values(a: IndexText) -> dict[str, str]:
    return {"t": a.title, "s": a.summary, "b": a.body, "p": a.pairs}


def digest(values: dict[str, str]) -> int:
    """A 64-bit digest of indexed text values: proves that recomputed values are the indexed ones."""
    h = hashlib.blake2b("\x1f".join(values[k] for k in "tsbp").encode("utf-8"), digest_size=8)
    return int.from_bytes(h.digest(), "big", signed=True)


def vocabulary(*analysed: str) -> set[str]:
    """The distinct terms of analysed texts."""
    return {t for a in analysed for t in a.split()}


def unindex(session: Session, article: Indexable) -> None:
    """Remove one article from the index, replaying the values it was indexed with.

    Call it while the article still holds the text it was indexed with (before overwriting its fields).
    Each candidate's digest is checked against the stored one, so a wrong value never reaches FTS5: when
    the article was changed in memory, the values before the change and the stored row are tried too, and
    when nothing matches the whole index is rebuilt from the stored articles (slow, logged, but correct)."""
    row = session.execute(
        text("SELECT tags, digest FROM article_fts_doc WHERE id = :i"), {"i": article.id}
    ).first()
    if row is None:
        return  # not indexed
    tags, stored = row
    values = next((v for v in _candidates(session, article) if digest(v) == stored), None)
    if values is None:
        log.warning(
            "index entry of article id=%d does not match its text: rebuilding the search index", article.id
        )
        rebuild(session)  # from the stored rows, so the stored row is now a matching candidate
        row = session.execute(
            text("SELECT tags, digest FROM article_fts_doc WHERE id = :i"), {"i": article.id}
        ).first()
        if row is None:
            return
        tags, stored = row
        values = next((v for v in _candidates(session, article) if digest(v) == stored), None)
        if values is None:
            raise RuntimeError(f"cannot remove article id={article.id} from the search index")
    session.execute(text(DELETE_FTS), {"i": article.id, **values, "g": tags})
    session.execute(text("DELETE FROM article_fts_doc WHERE id = :i"), {"i": article.id})


def _candidates(session: Session, article: Indexable) -> Iterator[dict[str, str]]:
    """Possible indexed values of an article: its fields, their values before unflushed changes, its row."""
    yield indexed_values(article.title, article.summary, article.text)
    state = inspect(article, raiseerr=False)
    if isinstance(state, InstanceState) and state.committed_state:
        old = {k: state.committed_state.get(k, getattr(article, k)) for k in ("title", "summary", "text")}
        yield indexed_values(old["title"], old["summary"], old["text"])
    row = session.execute(
        text("SELECT title, summary, text FROM article WHERE id = :i"), {"i": article.id}
    ).first()
    if row is not None:
        yield indexed_values(*row)


def clear(session: Session) -> None:
    """Empty the index before a full rebuild; what is indexed next follows the current analysis."""
    session.execute(text("INSERT INTO article_fts (article_fts) VALUES ('delete-all')"))
    session.execute(text("DELETE FROM article_fts_doc"))
    session.execute(text("DELETE FROM article_fts_term"))
    session.execute(
        text("INSERT OR REPLACE INTO article_fts_meta (key, value) VALUES (:k, :v)"),
        {"k": FINGERPRINT_KEY, "v": analysis_fingerprint()},
    )


def rebuild(session: Session) -> int:
    """Re-index every stored AI article from scratch; returns the count."""
    from app.search.index import reindex_all

    return reindex_all(session)


def check_analysis(session: Session) -> bool:
    """Rebuild the index when it was written by another analysis (start-up); True when it rebuilt."""
    stored = session.execute(
        text("SELECT value FROM article_fts_meta WHERE key = :k"), {"k": FINGERPRINT_KEY}
    ).scalar()
    current = analysis_fingerprint()
    if stored == current:
        return False
    log.warning("search analysis changed (index %s, code %s): rebuilding the search index", stored, current)
    n = rebuild(session)
    log.info("search index rebuilt articles=%d", n)
    return True


def _quote(s: str) -> str:
    """An FTS5 string: every user term is inside double quotes, so no operator can come from the user."""
    return '"' + s.replace('"', '""') + '"'


def _text(terms: tuple[str, ...], prefix: bool = False) -> str:
    """Text terms, matched in every column when no tag can answer for them.

    A column filter makes FTS5 decode the position list of every hit just to check the column: it doubles
    the cost of counting and ranking a frequent word. Tags all start with TAG_MARK and pairs all hold "_",
    so a term that cannot be (or, as a prefix, begin) a tag only ever matches the text columns anyway."""
    body = " OR ".join(_quote(t) for t in terms) + ("*" if prefix else "")
    clash = any(t.startswith(TAG_MARK) or (prefix and TAG_MARK.startswith(t)) for t in terms)
    if clash:
        return f"{TEXT_COLUMNS} : ({body})" if len(terms) > 1 else f"{TEXT_COLUMNS} : {body}"
    return f"({body})" if len(terms) > 1 else body


def _node(n: Word | Phrase | AnyOf) -> str:
    if isinstance(n, AnyOf):
        return "(" + " OR ".join(_node(o) for o in n.options) + ")"
    if isinstance(n, Word) and n.expansion:
        expr = _text(n.expansion)
    elif isinstance(n, Word):
        expr = _text((n.term,), n.prefix)
    elif len(n.terms) == 1:
        expr = _text((n.terms[0],))
    else:  # consecutive pairs (tokens holding "_", found only in the pairs column): the exact phrase,
        # without reading the positions of every word
        expr = _quote(" ".join(f"{a}_{b}" for a, b in zip(n.terms, n.terms[1:], strict=False)))
    if n.entities:
        expr = "(" + " OR ".join([expr, *(f"tags : {_quote(t)}" for t in n.entities)]) + ")"
    return expr


def compile_match(query: Query, aq: ArticleQuery) -> str:
    """The MATCH expression for a query and its filters but dates (tags); never empty."""
    positives = [_node(c) for c in query.must]
    positives += ["(" + " OR ".join(f"tags : {_quote(t)}" for t in g) + ")" for g in aq.tag_groups()]
    expr = " AND ".join(positives) if positives else f"tags : {_quote(ALL)}"
    for n in query.must_not:
        expr = f"({expr}) NOT {_node(n)}"
    return expr


class _Plan:
    """The FROM/WHERE of one search; date filters read the side table.

    Ranking matches the words alone (`rank_match`) and keeps the rows that the whole expression (words and
    filters' tags) matches in the window: bm25 scores every phrase of its MATCH, and the IDF of a filter's tag
    reads the tag's whole doclist (the outage flag is in nine articles out of ten: 60 ms at a million articles)
    for a term every ranked match holds anyway. The ranked matches are the same; their order no longer depends
    on the length of their tags column (as on PostgreSQL, whose ts_rank only reads the words).

    The filters are checked through FTS5 (`filtered`): the window's matches of the whole expression, read by
    FTS5 from the tags' doclists within the window's rowid range and kept in a temporary b-tree by SQLite,
    then probed for each word match. Testing each word match's tags on the side table (a row lookup and a
    string search per word match: up to 1/density of the filter word matches per window) cost 3-4x more."""

    def __init__(self, match: str, aq: ArticleQuery, rank_match: str | None = None) -> None:
        conds, dates = date_conditions(aq, "d.ts")
        self.params: dict[str, Any] = {"m": match, **dates}
        self.rank_where = "article_fts MATCH :m" + "".join(f" AND {c}" for c in conds)
        self.join = JOIN_DOC if conds else ""
        self.where = "article_fts MATCH :m" + "".join(f" AND {c}" for c in conds)
        self.filtered = rank_match is not None and rank_match != match
        if self.filtered:
            self.params["rm"] = rank_match
            # `+` keeps the rowid test out of FTS5's plan (a rowid lookup per value would restart the
            # cursor, and bm25's IDF with it); the subquery is run once and probed per word match.
            self.rank_where = (
                "article_fts MATCH :rm"
                + "".join(f" AND {c}" for c in conds)
                + " AND +article_fts.rowid IN ("
                + f"SELECT article_fts.rowid FROM article_fts{self.join} WHERE {self.where}"
                + "{bounds})"
            )
        # No words and no filter but dates: every indexed article matches, the side table alone answers
        # (its date index gives the newest first without reading the whole hit list).
        self.everything = match == f"tags : {_quote(ALL)}"
        self.doc_where = " AND ".join(conds) or "1"
        self.rowid = "d.id" if self.everything else "article_fts.rowid"

    def sql(self, select: str, where: str = "", tail: str = "", join: str | None = None) -> str:
        if self.everything and join is None:
            return f"SELECT {select} FROM article_fts_doc d WHERE {self.doc_where}{where} {tail}"
        return (
            f"SELECT {select} FROM article_fts{self.join if join is None else join} "
            f"WHERE {self.where}{where} {tail}"
        )


def search(
    session: Session,
    query: Query,
    aq: ArticleQuery,
    with_facets: bool = True,
    names: base.FacetNames | None = None,
) -> Hits:
    """Total (counted up to TOTAL_CAP + 1), one page of ids (bm25 + title boost + recency, or newest first) and
    facets."""
    expanded = _expand(session, query)
    plan = _Plan(
        compile_match(expanded, aq),
        aq,
        compile_match(_rank_query(session, expanded), ArticleQuery()) if query.must else None,
    )
    # FTS5 stops reading the doclists once the bound is reached: a frequent word costs no more than a rare one.
    counted = (
        session.execute(
            text(f"SELECT count(*) FROM ({plan.sql('1', tail='LIMIT :cap')})"),
            {**plan.params, "cap": base.TOTAL_CAP + 1},
        ).scalar()
        or 0
    )
    total, exact = capped(counted)
    span = page_span(aq.offset, aq.limit, total)
    if span == 0:
        ids: list[int] = []
    elif not aq.ranks(query):
        ids = _by_date(session, plan, aq.offset, span, counted)
    else:
        ids = _ranked(session, plan, counted, aq.offset, span)
    facets = _facets(session, plan, total, names) if with_facets and total else facets_from_rows([], 0)
    return Hits(total, ids, facets if with_facets else {}, exact)


def _expand(session: Session, query: Query) -> Query:
    """Prefixes as OR-lists of the terms they cover: without a prefix index FTS5 merges every matching
    doclist in full for each statement, while an OR of terms is read lazily and honours rowid windows."""

    def one(n: Word | Phrase) -> Word | Phrase:
        if not isinstance(n, Word) or not n.prefix:
            return n
        rows = (
            session.execute(
                text("SELECT term FROM article_fts_term WHERE term >= :lo AND term < :hi LIMIT :n"),
                {"lo": n.term, "hi": n.term + "\U0010ffff", "n": MAX_EXPANSION + 1},
            )
            .scalars()
            .all()
        )
        return replace(n, expansion=tuple(rows)) if 0 < len(rows) <= MAX_EXPANSION else n

    def clause(c: Word | Phrase | AnyOf) -> Word | Phrase | AnyOf:
        return AnyOf(tuple(one(o) for o in c.options)) if isinstance(c, AnyOf) else one(c)

    return Query([clause(c) for c in query.must], [one(n) for n in query.must_not])


# What the ranking MATCH can leave out without changing any score by more than 5e-5. FTS5's bm25 scores every
# phrase of its expression and reads each phrase's IDF by walking its whole doclist, once per statement
# (fts5_aux.c, fts5Bm25GetData): at a million articles a word found in nearly all of them ("modèle") cost 26 of the
# 38 ms of a ranked window. Two kinds of phrase add (almost) nothing to a score:
# - an excluded word (-Copilot): no ranked row holds it, its term is 0;
# - a word found in half the rows or more: its IDF is clamped to 1e-6 (idf <= 0 becomes 1e-6), so its share of a
#   score is at most 1e-6 x (sum of the column weights, 21) x (k1 + 1 = 2.2), below 5e-5.
# The ranked rows still match the whole expression: they are checked against it (_Plan's filtered subquery).
SATURATED_SAMPLE = 10_000  # a word is first counted among the newest ids: under 40 % there, it is kept
# (database, term) -> (documents holding it, or -1 when not counted over the index; the highest id then)
_DOC_FREQ: dict[tuple[str, str], tuple[int, int]] = {}


def _rank_query(session: Session, query: Query) -> Query:
    """The query the ranking MATCH is compiled from: its positive clauses but the words found in half the indexed
    articles or more, no exclusions. When every clause is such a word, all are kept: their clamped IDFs are then
    the whole score."""
    plain = [c for c in query.must if isinstance(c, Word) and _plain_word(c)]
    top = (session.execute(text("SELECT max(id) FROM article_fts_doc")).scalar() or 0) if plain else 0
    common = [c for c in plain if top and _saturated(session, c.term, top)]
    keep = [c for c in query.must if c not in common]
    return Query(keep or list(query.must), [])


def _plain_word(c: Word) -> bool:
    """A single indexed term and nothing else (no prefix, no entity tags, not a possible tag)."""
    return not (c.prefix or c.expansion or c.entities or c.term.startswith(TAG_MARK))


def _db(session: Session) -> str:
    return str(session.get_bind().engine.url)


def _saturated(session: Session, term: str, top: int) -> bool:
    """Whether `term` is in at least half of the indexed articles, so that bm25 clamps its IDF. `top` (the
    highest id) bounds the number of articles from above, and a term's document count only grows as articles are
    indexed (a re-index removes and adds the same terms), so a count read earlier that reaches top / 2 still
    proves it. Counted once per process and database, again once the ids have grown by a tenth: first among the
    newest SATURATED_SAMPLE ids (a fraction of a millisecond), then, only when it is frequent there, over the
    whole index (fts5vocab: a walk of its doclist, up to ~85 ms at a million articles, once)."""
    key = (_db(session), term)
    known = _DOC_FREQ.get(key)
    if known is None or top > known[1] * 1.1 or top < known[1]:  # (fewer ids: rows removed, another database)
        sample = min(SATURATED_SAMPLE, top)
        recent = session.execute(
            text("SELECT count(*) FROM article_fts WHERE article_fts MATCH :t AND rowid > :lo"),
            {"t": f"{TEXT_COLUMNS} : {_quote(term)}", "lo": top - sample},
        ).scalar()
        docs = -1
        if recent is not None and recent >= 0.4 * sample:
            session.execute(
                text(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_fts_vocab "
                    "USING fts5vocab(main, article_fts, row)"
                )
            )
            docs = (
                session.execute(
                    text("SELECT doc FROM temp.article_fts_vocab WHERE term = :t"), {"t": term}
                ).scalar()
                or 0
            )
        known = _DOC_FREQ[key] = (docs, top)
    return known[0] >= 0 and 2 * known[0] >= top


DATE_SPLIT = 2000  # a result set larger than this is ordered by date from its newest matches (_by_date)
DATE_MARGIN = 50  # candidates read beyond twice the page's end


def _by_date(session: Session, plan: _Plan, offset: int, limit: int, counted: int) -> list[int]:
    """The page's ids, newest first (date, then id).

    A small result set: its hits joined to their dates and sorted (2-3x faster than walking the date index
    over an IN list); with no words and no filters, the side table's date index alone. A larger one: dates
    follow ids closely (an article is stored when it is found), so the page is among the most recent matches
    by rowid (FTS5 reads them without visiting the others), plus any older match dated after the last of the
    page's candidates, looked for between the oldest id dated after it and the newest matches. Same ids, in
    the same order, as sorting every match."""
    k = offset + limit
    n = 2 * k + DATE_MARGIN
    if plan.everything or counted <= max(DATE_SPLIT, n):
        sql = plan.sql(
            plan.rowid,
            tail="ORDER BY d.ts DESC, d.id DESC LIMIT :lim OFFSET :off",
            join=None if plan.everything else JOIN_DOC,
        )
        return list(session.execute(text(sql), {**plan.params, "lim": limit, "off": offset}).scalars())
    newest = sql_rows(
        session,
        plan.sql("article_fts.rowid, d.ts", tail="ORDER BY article_fts.rowid DESC LIMIT :n", join=JOIN_DOC),
        {**plan.params, "n": n},
    )
    rows = newest
    if len(newest) == n:  # else: every match is there
        oldest = newest[-1][0]
        last = sorted(newest, key=lambda r: (r[1], r[0]), reverse=True)[k - 1][1]
        lo = session.execute(
            text("SELECT min(id) FROM article_fts_doc INDEXED BY ix_article_fts_doc_ts WHERE ts > :t"),
            {"t": last},
        ).scalar()
        if lo is not None and lo < oldest:
            where = " AND article_fts.rowid >= :lo AND article_fts.rowid < :hi AND d.ts > :t"
            rows = newest + sql_rows(
                session,
                plan.sql("article_fts.rowid, d.ts", where=where, join=JOIN_DOC),
                {**plan.params, "lo": lo, "hi": oldest, "t": last},
            )
    rows = sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)
    return [i for i, _ in rows[offset:k]]


def sql_rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[int, float]]:
    """(id, ts) rows of a statement."""
    return [(int(i), float(t)) for i, t in session.execute(text(sql), params)]


def _rowid_at(session: Session, plan: _Plan, k: int) -> int | None:
    """The rowid of the k-th most recent match (rowid order is free in FTS5)."""
    sql = plan.sql("article_fts.rowid", tail="ORDER BY article_fts.rowid DESC LIMIT 1 OFFSET :k")
    return session.execute(text(sql), {**plan.params, "k": k}).scalar()


def _oldest(session: Session, plan: _Plan) -> int | None:
    """The rowid of the oldest match (FTS5 reads doclists forwards: the first match found)."""
    sql = plan.sql("article_fts.rowid", tail="ORDER BY article_fts.rowid ASC LIMIT 1")
    return session.execute(text(sql), plan.params).scalar()


def _ranked(session: Session, plan: _Plan, counted: int, offset: int, limit: int) -> list[int]:
    """The page's ids by score (bm25, lower is better), window by window (base.ranked_windows); `counted` is
    the number of matches counted (up to TOTAL_CAP + 1)."""
    sql_order = (
        f"ORDER BY {recency_score(BM25, 'd.ts', 'max')}, article_fts.rowid DESC LIMIT :lim OFFSET :off"
    )
    at = now()

    def rank_window(w: int, skip: int, take: int) -> list[int]:
        # The window's bounds by rowid (the k-th most recent match is found through the rowid order). With
        # filters, the last window is bounded by the oldest match too: the older word matches cannot pass
        # the filters, and FTS5 skips them.
        size = base.RANK_WINDOW
        where, params = "", {**plan.params, "now": at, "lim": take, "off": skip}
        if w > 0:
            where += " AND article_fts.rowid <= :hi"
            params["hi"] = _rowid_at(session, plan, w * size)
        if (w + 1) * size < counted:
            where += " AND article_fts.rowid > :lo"
            params["lo"] = _rowid_at(session, plan, (w + 1) * size)
        elif plan.filtered:
            where += " AND article_fts.rowid >= :lo"
            params["lo"] = _oldest(session, plan)
        rank_where = plan.rank_where.replace("{bounds}", where)
        sql = f"SELECT article_fts.rowid FROM article_fts{JOIN_DOC} WHERE {rank_where}{where} {sql_order}"
        return list(session.execute(text(sql), params).scalars())

    return ranked_windows(counted, offset, limit, rank_window)


def _facets(
    session: Session, plan: _Plan, total: int, names: base.FacetNames | None = None
) -> dict[str, Any]:
    """Facet counts over the result set (its FACET_WINDOW most recent matches when it is larger)."""
    window = plan.sql(plan.rowid, tail=f"ORDER BY {plan.rowid} DESC LIMIT :fw")
    sql = (
        "SELECT group_concat(entities, ' '), group_concat(ifnull(year, '') || ':' || source || ':' || is_outage, ' ') "
        f"FROM article_fts_doc WHERE id IN ({window})"
    )
    ent_str, doc_str = session.execute(text(sql), {**plan.params, "fw": base.FACET_WINDOW}).one()
    return facets_from_concat(session, ent_str, doc_str, total, names)
