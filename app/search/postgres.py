"""PostgreSQL backend: a narrow side table `article_search` holding, per AI article, what search reads (a
weighted tsvector built with the french configuration over unaccent, the adjacent term pairs, the date and
the facet keys), with GIN indexes on both vectors.

Why a side table and not a column of `article`: every hit of a frequent word is visited by the bitmap scan
that counts it. On the wide article rows (full text inline) that read hundreds of MB per search; the side
rows are ~150 bytes, the vectors themselves live out of line (ROW_TARGET) and are only read to rank a bounded
window. The pairs have their own vector for the same reason: they would double what ranking has to read.

Layout (migration 0012_pg_search_partitions): `article_search` is PARTITIONED BY RANGE (id), one partition
`article_search_p<k>` per block of PARTITION_IDS consecutive ids (k = lower id // PARTITION_IDS), each with its
own GIN indexes (vector, pairs), date index and primary key. A search reads the newest blocks first (_recent)
with an id range: the planner prunes the scan to the partitions of the range, whose posting lists hold only
their own ids, so a frequent word's newest hits cost what its hits in those blocks cost. (Before 0012 every
vector carried a "recency tag" naming its block, OR-ed into the tsquery: each tag's posting list of 10,000 ids
cost ~0.9 ms of GIN scan per block read. Rows indexed before 0012 keep their tags; nothing reads them and new
rows get none.) There is no DEFAULT partition (it would have to be scanned to attach each later one):
partitions are created ahead of the ids, PARTITIONS_AHEAD beyond the newest, by ensure_partition. The table has
no foreign key to `article` (attaching a partition would wait for every writer of `article`): a trigger on
`article` deletes an article's search row with it. A window of recent matches (facets, ranking) is read
partition by partition (by_ids), and every search statement gets a plan for its own values (search)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.search import base
from app.search.base import (
    ArticleFacts,
    ArticleQuery,
    Hits,
    Indexable,
    capped,
    date_conditions,
    facets_from_concat,
    now,
    page_span,
    ranked_windows,
    recency_score,
    side_row,
)
from app.search.query import AnyOf, Phrase, Query, Word
from app.search.text import TAG_MARK, IndexText, pairs, tag
from app.write_locks import WriteLock, hold

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
# A search reads blocks of RECENCY_BLOCK consecutive ids newest first (_recent): the most recent hits of a frequent
# word or of a phrase are found in the newest blocks without building the bitmap of every hit, which at a million
# articles costs hundreds of milliseconds. A block is one partition (PARTITION_IDS, fixed here: tests shrink
# RECENCY_BLOCK to make many stages, the partitions stay what the database holds; any block size gives the same
# results, an aligned one lets each stage prune to whole partitions).
RECENCY_BLOCK = 10_000
PARTITION_IDS = RECENCY_BLOCK
PARTITIONS_AHEAD = 2  # partitions kept ready beyond the one holding the newest id
# Bytes above which a row's values move to TOAST (migration 0013_pg_search_narrow_rows): the vectors live out of
# line and a row keeps its id, date, facet keys and two pointers, so that counting matches and reading facets visit
# few heap pages (189 per partition of 10,000 rows instead of 2,004 with the default of about 2 KB).
ROW_TARGET = 256
AHEAD_LOCK_WAIT = "100ms"  # how long creating a partition ahead may wait for the tables' locks (then: later)
AHEAD_RETRY_S = 10.0  # seconds before a process tries again a partition ahead it could not create
# Every lexeme of every vector is listed in article_search_term (migration 0010_search_pairs), so that a prefix
# is expanded into the lexemes it covers before the GIN lookup, as FTS5 does with article_fts_term: GIN's own
# prefix match builds the bitmap of every hit of every covered lexeme, whatever the blocks of ids. A prefix
# covering more lexemes than MAX_EXPANSION keeps GIN's prefix match. Stale entries (a lexeme no row holds any
# more) match nothing.
MAX_EXPANSION = 64
ADD_TERMS = (
    "INSERT INTO article_search_term (term) SELECT unnest(tsvector_to_array(vector)) FROM article_search "
    "WHERE id = :i ON CONFLICT DO NOTHING"
)
# Whether the row holds a lexeme the list lacks (read without locks). Only then are terms inserted, under
# WriteLock.TERMS: writers inserting the same new lexemes in different orders (several articles per transaction,
# several crawl processes) deadlocked on the term list's unique index.
MISSING_TERMS = (
    "SELECT EXISTS (SELECT 1 FROM (SELECT unnest(tsvector_to_array(vector)) AS t FROM article_search WHERE id = :i) v "
    "WHERE NOT EXISTS (SELECT 1 FROM article_search_term s WHERE s.term = v.t))"
)
# The same for a range of ids (bulk loads): ts_stat lists the distinct lexemes of the range's vectors.
TERMS_FROM_RANGE = (
    "INSERT INTO article_search_term (term) SELECT word FROM ts_stat(format("
    "'SELECT vector FROM article_search WHERE id BETWEEN %s AND %s', CAST(:lo AS int), CAST(:hi AS int))) "
    "ON CONFLICT DO NOTHING"
)
COLUMNS = "id, ts, year, source, is_outage, entities, vector, pairs"
UPSERT = (
    f"INSERT INTO article_search ({COLUMNS}) VALUES (:i, :ts, :y, :src, :o, :e, {VECTOR_SQL}, {PAIRS_SQL}) "
    "ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts, year = EXCLUDED.year, source = EXCLUDED.source, "
    "is_outage = EXCLUDED.is_outage, entities = EXCLUDED.entities, vector = EXCLUDED.vector, pairs = EXCLUDED.pairs"
)


def recency_tag(article_id: int) -> str:
    """The recency tag rows indexed before migration 0012 carry ("qqr57": ids 570,000 to 579,999). Nothing
    reads it any more; kept for the tests and tools that write such rows."""
    return tag("r", str(article_id // RECENCY_BLOCK))


def index(
    session: Session, article: Indexable, analysed: IndexText | None = None, facts: ArticleFacts | None = None
) -> None:
    """Write (or rewrite) one article's search row (PostgreSQL analyses the words; only our term pairs are
    ours). `analysed` and `facts`, when the caller has them, must describe the article as stored."""
    ensure_partition(session, article.id)
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
    if _has_terms(session) and session.execute(text(MISSING_TERMS), {"i": article.id}).scalar():
        hold(session, WriteLock.TERMS)  # after INCIDENTS: a batch may regroup incidents too (write_locks)
        session.execute(text(ADD_TERMS), {"i": article.id})


def _has_terms(session: Session) -> bool:
    """Whether article_search_term exists (not while an older migration rebuilds the index: 0010 then lists
    the terms of every row itself); looked up once per session."""
    known = session.info.get("article_search_term")
    if known is None:
        known = session.info["article_search_term"] = bool(
            session.execute(text("SELECT to_regclass('article_search_term') IS NOT NULL")).scalar()
        )
    return bool(known)


insert = index  # an upsert: the same for an article that is not indexed yet

# Whether article_search is partitioned (not before migration 0012, which 0004's re-indexing precedes) and the
# upper bound of its highest partition (the partition bound as pg_get_expr prints it: "FOR VALUES FROM (a) TO (b)").
TOP_BOUND = (
    "SELECT c.relkind = 'p', (SELECT max(CAST(substring(pg_get_expr(p.relpartbound, p.oid) FROM 'TO \\((\\d+)\\)') "
    "AS bigint)) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid) "
    "FROM pg_class c WHERE c.oid = to_regclass('article_search')"
)
# Per database (URL): the highest partition bound this process knows to exist, and when it may try again to
# create the partitions ahead after a failed attempt. The common path of ensure_partition reads only these.
_TOP: dict[str, int] = {}
_PARTITIONED = "article_search_partitioned"  # session.info key: whether article_search is partitioned (0012)
_RETRY_AT: dict[str, float] = {}


def ensure_partition(session: Session, article_id: int) -> None:
    """Make sure the partition of `article_id` exists, and PARTITIONS_AHEAD more beyond it.

    A partition is created as a plain table, then ATTACHed: ATTACH takes a SHARE UPDATE EXCLUSIVE lock on
    article_search, which searches and writers of article_search do not wait for (CREATE TABLE ... PARTITION OF
    would hold an ACCESS EXCLUSIVE lock, blocking every search until the writer's transaction ends). The table
    has no foreign key for the same reason (migration 0012): attaching a partition with one waits for every
    transaction that wrote `article`. Creators take turns on WriteLock.PARTITIONS and read the catalog again
    under it (another process may have just created the same partitions). The partition an id needs is created
    whatever it waits for; the ones ahead only if the lock comes within AHEAD_LOCK_WAIT (else a later article
    tries again), so a partition is normally there long before its first row."""
    key = str(session.get_bind().engine.url)
    known = _TOP.get(key, 0)
    need = (article_id // PARTITION_IDS + 1) * PARTITION_IDS  # the upper bound of the id's partition
    wanted = need + PARTITIONS_AHEAD * PARTITION_IDS
    if wanted <= known or (need <= known and time.monotonic() < _RETRY_AT.get(key, 0.0)):
        return
    if session.info.get(_PARTITIONED) is False:
        return
    row = session.execute(text(TOP_BOUND)).one_or_none()
    if row is None or not row[0]:  # no table yet, or not partitioned (before migration 0012)
        session.info[_PARTITIONED] = False
        return
    top = int(row[1] or 0)
    if wanted > top:
        hold(session, WriteLock.PARTITIONS)
        top = int(session.execute(text(TOP_BOUND)).one()[1] or 0)
        created = False
        while top < wanted:
            if not _attach(session, top, wait=top < need):
                _RETRY_AT[key] = time.monotonic() + AHEAD_RETRY_S
                break
            top += PARTITION_IDS
            created = True
        if created and not event.contains(session, "after_rollback", _forget_top):
            # Until this transaction commits, only this session sees those partitions.
            event.listen(session, "after_rollback", _forget_top)
    _TOP[key] = top


def _forget_top(session: Session) -> None:
    """After a rollback, partitions this session created may be gone: read the catalog again."""
    _TOP.pop(str(session.get_bind().engine.url), None)


def partition_name(lo: int) -> str:
    """The partition of ids lo to lo + PARTITION_IDS - 1."""
    return f"article_search_p{lo // PARTITION_IDS}"


def _attach(session: Session, lo: int, wait: bool) -> bool:
    """Create the partition of ids from `lo` (its indexes and primary key come with ATTACH); when
    not `wait`, give up (False) if the locks do not come within AHEAD_LOCK_WAIT."""
    name = partition_name(lo)
    ddl = [
        f"CREATE TABLE IF NOT EXISTS {name} (LIKE article_search INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
        f"INCLUDING STORAGE INCLUDING COMPRESSION) WITH (toast_tuple_target = {ROW_TARGET})",
        f"ALTER TABLE article_search ATTACH PARTITION {name} FOR VALUES FROM ({lo}) TO ({lo + PARTITION_IDS})",
    ]
    if wait:
        for sql in ddl:
            session.execute(text(sql))
        return True
    try:
        with session.begin_nested():  # a lock timeout rolls back to here, the transaction goes on
            before = session.execute(
                text("SELECT current_setting('lock_timeout'), set_config('lock_timeout', :t, true)"),
                {"t": AHEAD_LOCK_WAIT},
            ).one()[0]
            for sql in ddl:
                session.execute(text(sql))
            session.execute(text("SELECT set_config('lock_timeout', :t, true)"), {"t": before})
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        return False
    return True


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
        return self.cond if self.cond is not None else f"s.vector @@ ({self.tsq})"


class Compiler:
    """Compiles the AST into SQL in which every user string is a bound parameter."""

    def __init__(self, session: Session | None = None) -> None:
        self.params: dict[str, Any] = {}
        self.positive = False
        self.session = session  # prefixes are expanded through article_search_term when given

    def _bind(self, value: str) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _tags(self, tags: tuple[str, ...]) -> str:
        # Tags are our own [a-z0-9] tokens, so "a | b" is a well-formed tsquery.
        return f"to_tsquery('simple', {self._bind(' | '.join(tags))})"

    def _expanded(self, n: Word) -> str | None:
        """A prefix as the disjunction of the lexemes it covers (None: too many, or not a plain word)."""
        if self.session is None or not n.term.isalnum() or not n.term.isascii():
            return None
        terms = (
            self.session.execute(
                text("SELECT term FROM article_search_term WHERE term LIKE :p ORDER BY term LIMIT :m"),
                {"p": n.term + "%", "m": MAX_EXPANSION + 1},
            )
            .scalars()
            .all()
        )
        if len(terms) > MAX_EXPANSION:
            return None
        label = ":ABD" if TAG_MARK.startswith(n.term[:2]) else ""
        # No lexeme starts with the prefix: the prefix itself is not a lexeme either, so it matches nothing.
        # Lexemes are quoted as tsquery input wants (quotes and backslashes doubled), read without parsing.
        quoted = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" + label for t in terms or [n.term]]
        return f"CAST({self._bind(' | '.join(quoted))} AS tsquery)"

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
        rank = None
        if isinstance(n, Word):
            tsq = self._word(n)
            expanded = self._expanded(n) if n.prefix else None
            if expanded is not None:  # the lexemes match, GIN's prefix match still ranks (the same score)
                tsq, rank = expanded, tsq
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
            tags = self._tags(n.entities)
            tsq, rank = f"({tsq} || {tags})", f"({rank or tsq} || {tags})"
        return _Part(tsq=tsq, rank=rank or tsq)

    def compile(self, query: Query, aq: ArticleQuery) -> tuple[str | None, list[str], str | None]:
        """(tsquery over `vector` that every clause it can answer joins into one GIN lookup, or None; the other
        conditions over `article_search s`; the tsquery that ranks, or None when no word was asked)."""
        parts = [self.node(c) for c in query.must]
        filters = [_Part(tsq=self._tags(g)) for g in aq.tag_groups()]
        negs = [self.node(n) for n in query.must_not]
        vector = [p.tsq for p in parts + filters if p.tsq] + [f"!!{p.tsq}" for p in negs if p.tsq]
        self.positive = any(p.cond for p in parts)  # a condition that finds hits (a phrase) besides `vector`
        conds = [p.cond for p in parts if p.cond] + [f"NOT {p.cond}" for p in negs if p.cond]
        ranks = [p.rank for p in parts if p.rank]
        return (
            "(" + " && ".join(vector) + ")" if vector else None,
            conds,
            " && ".join(ranks) if ranks else None,
        )


class _Plan:
    """The WHERE of one search over `article_search s`, its parameters and the recency-boosted score."""

    def __init__(self, query: Query, aq: ArticleQuery, session: Session | None = None) -> None:
        comp = Compiler(session)
        self.vector, conds, self.rank = comp.compile(query, aq)
        dates, date_params = date_conditions(aq, "s.ts")
        self.conds = conds + dates
        # Read by blocks of ids (partitions) when a GIN lookup finds the hits: the words' tsquery, or a
        # phrase's pairs.
        self.stages = self.vector is not None or comp.positive
        self.uses_index = self.vector is not None or bool(conds)
        parts = ([f"s.vector @@ {self.vector}"] if self.vector else []) + self.conds
        self.where = " AND ".join(parts) or "TRUE"
        self.params: dict[str, Any] = {**comp.params, **date_params}
        self.score = recency_score(f"ts_rank({RANK_WEIGHTS}, s.vector, {self.rank})", "s.ts", "greatest")


# Blocks of ids (partitions) are read newest first: FIRST_STAGE blocks, then as many as the density of matches seen
# so far says the count still needs (a quarter more), at most MAX_STAGE at a time while ids are still to be listed;
# once only the count is missing, or when the rest holds few matches, the blocks the density says it needs are read
# in one go (the whole rest when the estimate reaches it). A frequent word fills the count and the recent
# windows from the first blocks; a prefix (which GIN matches through a bitmap of every hit of every expansion,
# whatever the blocks) in two lookups; a rare word reads its few hits at once.
FIRST_STAGE = 2
MAX_STAGE = 16
REST_HITS = 5000  # matches the rest may hold to be listed at once
# What a stage returns of its newest rows (`top`, numbered newest first as `n`), in one pass over them: their ids and
# the facet keys of the first {facets} (the entities of each row, and one "year:source:outage" key per row,
# concatenated: facets_from_concat counts them); _stage adds the [score, id] pairs of the first window when asked
# (the score computed for those rows only). Taken as three sorted reads of `top`, these were three sorts of the
# same rows (2-3 ms of a 10 ms stage).
TOP_AGGREGATES = (
    "array_agg(s.id), string_agg(s.entities, ' ') FILTER (WHERE s.n <= {facets}), "
    "string_agg(coalesce(s.year::text, '') || ':' || s.source || ':' || s.is_outage::int, ' ') "
    "FILTER (WHERE s.n <= {facets})"
)
FACET_COLUMNS = "s.id, s.entities, s.year, s.source, s.is_outage"


@dataclass
class _Recent:
    """What the newest blocks gave: the ids of the most recent matches (newest first), the number of matches
    (counted up to TOTAL_CAP + 1), the facet keys of the first `facet_window` of those ids and the scores of the
    first `rank_window`."""

    ids: list[int]
    counted: int
    entities: list[str]
    docs: list[str]
    scores: list[tuple[float, int]]  # (score, id) of the first `rank_window` of those ids, when asked

    def add(self, other: _Recent) -> None:
        self.ids += other.ids
        self.counted += other.counted
        self.entities += other.entities
        self.docs += other.docs
        self.scores += other.scores


def _is_partitioned(session: Session) -> bool:
    """Whether article_search is partitioned, looked up once per session (a table migrated in place, in tests, is
    never read mid-session)."""
    known = session.info.get(_PARTITIONED)
    if known is None:
        known = session.info[_PARTITIONED] = bool(
            session.execute(
                text("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass('article_search')")
            ).scalar()
        )
    return bool(known)


def by_ids(session: Session, columns: str, ids: list[int], params: dict[str, Any]) -> str:
    """The rows of article_search with these ids (a window of recent matches), as a UNION ALL of one lookup per
    partition the ids fall in, each with its own ids (bound into `params`), read from the partition by name. On
    the parent table, every partition the planner keeps would look up every id, and pruning them with the ids
    costs ~1 ms of planning per 700 ids."""
    partitioned = _is_partitioned(session)
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(i // PARTITION_IDS if partitioned else 0, []).append(i)
    parts = []
    for k, group in groups.items():
        params[f"ids{k}"] = group
        table = partition_name(k * PARTITION_IDS) if partitioned else "article_search"
        parts.append(f"SELECT {columns} FROM {table} s WHERE s.id = ANY(CAST(:ids{k} AS int[]))")
    return " UNION ALL ".join(parts)


def search(
    session: Session,
    query: Query,
    aq: ArticleQuery,
    with_facets: bool = True,
    names: base.FacetNames | None = None,
) -> Hits:
    """Total (counted up to TOTAL_CAP + 1), one page of ids (ts_rank + title weight + recency, or newest first)
    and facets.

    Facets and ranking read the most recent matches (by id); they and the count are taken from the newest
    blocks of ids first (_recent), so that a frequent word never makes PostgreSQL visit all its hits."""
    plan = _Plan(query, aq, session)
    offset, limit = aq.offset, aq.limit
    # A text search starts from the GIN index: for a frequent word the planner would otherwise pick a
    # sequential scan that reads every row's vector. Every statement is planned for its own values: psycopg
    # prepares a statement run 5 times on a connection, and PostgreSQL may then keep a generic plan, which
    # knows neither the id range of a stage (no pruning while planning) nor how frequent the words are (seen:
    # `régul*` at 26 ms, then 100 ms for runs of ten searches). One round trip (psycopg sends them at once).
    session.execute(
        text(
            "SET LOCAL work_mem = '64MB'; SET LOCAL plan_cache_mode = force_custom_plan"
            + ("; SET LOCAL enable_seqscan = off" if plan.uses_index else "")
        )
    )
    ranked = aq.ranks(query)
    rw = base.RANK_WINDOW
    need = max(
        base.FACET_WINDOW if with_facets else 0,
        min(((offset + limit - 1) // rw + 1) * rw, base.TOTAL_CAP) if ranked else 0,
    )
    # A page within the first window (nearly every visit) is ranked from scores the stages read with the ids.
    first_window = ranked and offset + limit <= rw
    try:
        got = _recent(
            session,
            plan,
            need,
            base.FACET_WINDOW if with_facets else 0,
            rw if first_window else 0,
            at=now(),
        )
        recent, counted = got.ids, got.counted
        total, exact = capped(counted)
        span = page_span(offset, limit, total)
        facets: dict[str, Any] = {}
        if with_facets:
            facets = facets_from_concat(
                session, " ".join(filter(None, got.entities)), " ".join(filter(None, got.docs)), total, names
            )
        if span == 0:
            ids: list[int] = []
        elif first_window and len(got.scores) == min(rw, len(recent)):
            # ORDER BY score DESC, id DESC among the window's matches, as _ranked's statement does
            ids = [i for _score, i in sorted(got.scores, reverse=True)[offset : offset + span]]
        elif ranked:
            ids = _ranked(session, plan, recent, counted, offset, span)
        else:
            ids = _by_date(session, plan, offset, span, recent)
    finally:
        session.execute(
            text(
                "RESET work_mem; RESET plan_cache_mode"
                + ("; RESET enable_seqscan" if plan.uses_index else "")
            )
        )
    return Hits(total, ids, facets, exact)


def _recent(
    session: Session, plan: _Plan, need: int, facet_window: int, rank_window: int = 0, at: float = 0.0
) -> _Recent:
    """The ids of the `need` most recent matches (newest first), the number of matches, counted up to
    TOTAL_CAP + 1, the facet keys of the `facet_window` most recent and the scores (as of `at`) of the
    `rank_window` most recent, read by the same statements: a stage visits their rows anyway. A stage is an id
    range (`s.id >= :lo AND s.id < :hi`, bound values: the planner prunes the scan to the range's partitions when
    it plans the statement)."""
    cap = base.TOTAL_CAP + 1
    if not plan.uses_index:  # no words: the primary key gives the newest first, the count stops at the bound
        return _stage(session, plan.where, plan.params, need, cap, facet_window, by_key=True)
    score = plan.score if rank_window > 0 else None
    if not plan.stages:
        params = {**plan.params, "now": at}
        return _stage(session, plan.where, params, need, cap, facet_window, rank_window, score)
    # Where to start: the newest article's id (the primary key of `article`, planned at once; the partitioned
    # table's max(id) would plan one scan per partition). Blocks above the newest match just read nothing.
    top = session.execute(text("SELECT max(id) FROM article")).scalar()
    out = _Recent([], 0, [], [], [])
    if top is None:
        return out
    block = top // RECENCY_BLOCK  # the newest block not read yet
    size, density = FIRST_STAGE, 1.0  # blocks in the next stage; matches per id in the blocks read
    while block >= 0 and out.counted < cap:
        # At most MAX_STAGE blocks while ids are still to be listed from a rest that holds many matches; else
        # as many blocks as the density says the count (or the few remaining matches) needs, in one go: a
        # statement plans every partition of its range, ~0.06 ms each (the whole rest of a million articles
        # cost 4.5 ms of planning for a count that read a fifth of it).
        if size > MAX_STAGE and need > len(out.ids) and density * block * RECENCY_BLOCK > REST_HITS:
            size = MAX_STAGE
        oldest = max(block - size + 1, 0)
        where = f"{plan.where} AND s.id >= :lo AND s.id < :hi"
        params = {**plan.params, "lo": oldest * RECENCY_BLOCK, "hi": (block + 1) * RECENCY_BLOCK, "now": at}
        n = len(out.ids)
        out.add(
            _stage(
                session, where, params, need - n, cap - out.counted, facet_window - n, rank_window - n, score
            )
        )
        block = oldest - 1
        density = out.counted / (top - oldest * RECENCY_BLOCK + 1)
        # The next stage is sized for the ids still to list when there are some, else for the count: a stage
        # that lists ids keeps every hit of its range in memory with its facet keys and sorts them, where a
        # count alone stops at its bound (sized for the count, one stage of a phrase held 12,500 hits for 1,124
        # ids: 10 ms of its 18).
        missing = need - len(out.ids) if need > len(out.ids) else cap - out.counted
        size = max(1, math.ceil(missing / max(density, 1e-9) / RECENCY_BLOCK * 1.25))
    return out


def _stage(
    session: Session,
    where: str,
    params: dict[str, Any],
    take: int,
    left: int,
    facet_take: int = 0,
    rank_take: int = 0,
    score: str | None = None,
    by_key: bool = False,
) -> _Recent:
    """The `take` newest matches of `where`, their count up to `left`, the facet keys of the `facet_take`
    newest and, given the `score` expression, the scores of the `rank_take` newest (their vectors are read
    from TOAST for those rows only). The hits are listed once (a bitmap scan, kept in memory) unless `by_key`:
    then the primary key is walked backwards."""
    count = f"SELECT count(*) FROM (SELECT 1 FROM {{src}} LIMIT {int(left)}) c"
    if take <= 0:
        n = session.execute(text(count.format(src=f"article_search s WHERE {where}")), params).scalar()
        return _Recent([], n or 0, [], [], [])
    facets = max(0, min(int(facet_take), int(take)))
    rank_take = min(int(rank_take), int(take)) if score is not None and not by_key else 0
    aggregates = TOP_AGGREGATES.format(facets=facets)
    if rank_take > 0:  # [score, id] pairs (double precision: ids below 2^53 stay exact)
        aggregates += f", array_agg(ARRAY[{score}, s.id]) FILTER (WHERE s.n <= {rank_take})"
    # the newest rows, numbered newest first (the window reads them in the order the LIMIT's sort gave)
    numbered = "SELECT *, row_number() OVER (ORDER BY id DESC) AS n FROM ({rows}) o"
    if by_key:
        rows = (
            f"SELECT {FACET_COLUMNS} FROM article_search s WHERE {where} ORDER BY s.id DESC LIMIT {int(take)}"
        )
        sql = (
            f"WITH top AS ({numbered.format(rows=rows)}) "
            f"SELECT ({count.format(src=f'article_search s WHERE {where}')}), {aggregates} FROM top s"
        )
    else:
        # the ranked rows' date and vector (a TOAST pointer, read by ts_rank for those rows only)
        more = ", s.ts, s.vector" if rank_take > 0 else ""
        rows = f"SELECT * FROM hits ORDER BY id DESC LIMIT {int(take)}"
        sql = (
            f"WITH hits AS MATERIALIZED (SELECT {FACET_COLUMNS}{more} FROM article_search s WHERE {where}), "
            f"top AS ({numbered.format(rows=rows)}) "
            f"SELECT ({count.format(src='hits')}), {aggregates} FROM top s"
        )
    row = session.execute(text(sql), params).one()
    scores = [(float(sc), int(i)) for sc, i in row[4]] if rank_take > 0 and row[4] else []
    ids = sorted(row[1] or [], reverse=True)  # (an aggregate's order is not promised: newest first here)
    return _Recent(ids, row[0] or 0, [row[2] or ""], [row[3] or ""], scores)


def _ranked(
    session: Session, plan: _Plan, recent: list[int], counted: int, offset: int, limit: int
) -> list[int]:
    """The page's ids by score, window by window (base.ranked_windows): each window of RANK_WINDOW matches by
    recency is ranked among themselves."""
    at = now()

    def rank_window(w: int, skip: int, take: int) -> list[int]:
        size = base.RANK_WINDOW
        window = recent[w * size : (w + 1) * size]
        if not window:
            return []
        params = {**plan.params, "now": at, "lim": take, "off": skip}
        rows = by_ids(session, f"s.id, {plan.score} AS score", window, params)
        sql = f"SELECT id FROM ({rows}) r ORDER BY score DESC, id DESC LIMIT :lim OFFSET :off"
        return list(session.execute(text(sql), params).scalars())

    return ranked_windows(counted, offset, limit, rank_window)


def _by_date(session: Session, plan: _Plan, offset: int, limit: int, recent: list[int]) -> list[int]:
    """The page's ids newest first (the planner walks the date index for a frequent word, sorts the hits of a
    rare one).

    When the most recent matches by id (`recent`, every match from recent[-1] up) hold the page's depth, the
    page is taken from their partitions first; the older partitions then only have to give their matches dated
    at least as late as the last of those, which their date indexes find at once (articles are mostly stored in
    date order). Read over every partition at once, each partition's date index (or sort) would be walked for
    its own newest matches first: 5-25 ms at a million articles instead of 0.5-2.5 on one table."""
    order = "ORDER BY s.ts DESC, s.id DESC"
    depth = offset + limit
    if len(recent) < depth:
        sql = f"SELECT s.id FROM article_search s WHERE {plan.where} {order} LIMIT :lim OFFSET :off"
        return list(session.execute(text(sql), {**plan.params, "lim": limit, "off": offset}).scalars())
    params = {**plan.params, "lo": recent[-1], "k": depth}
    newer = session.execute(
        text(f"SELECT s.id, s.ts FROM article_search s WHERE {plan.where} AND s.id >= :lo {order} LIMIT :k"),
        params,
    ).all()
    older = session.execute(
        text(
            f"SELECT s.id, s.ts FROM article_search s WHERE {plan.where} AND s.id < :lo AND s.ts >= :last "
            f"{order} LIMIT :k"
        ),
        {**params, "last": newer[-1][1]},
    ).all()
    rows = sorted([*newer, *older], key=lambda r: (r[1], r[0]), reverse=True)
    return [r[0] for r in rows[offset:depth]]
