"""Generate N synthetic French AI-news articles straight into a migrated database (bulk insert, no extraction),
with their incidents (outage stories of one product on one day) and their search index.

    python bench/gen_articles.py --url sqlite:///data/bench-search.db --n 100000
    python bench/gen_articles.py --n 1000000          # into the cache (cached_url), reused by the benchmarks

A corpus is a function of (GEN_VERSION, n, paragraphs per article): `cached_url` names one per version and size
under the cache folder
($VEILLE_BENCH_CACHE, default data/bench-cache; PostgreSQL: one database per version and size), and
`ensure_corpus` generates it only when it is missing or incomplete. The timings of the run that generated it are
kept in the corpus itself (table bench_meta), so a benchmark reusing it still reports them.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import logging
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from vocab import FUNCTION, GENERAL, POPULAR, SOURCES, TOPIC_WEIGHTS, TOPICS, rare_words  # noqa: E402

from app.analysis.entities import gazetteer  # noqa: E402
from app.db import make_engine, migrate  # noqa: E402
from app.models import Article, ArticleEntity, Incident, IncidentEntity, Source  # noqa: E402
from app.search.base import ArticleFacts, doc_row  # noqa: E402
from app.search.fts5 import INSERT_DOC, INSERT_FTS, INSERT_TERM, digest, vocabulary  # noqa: E402
from app.search.postgres import COLUMNS, PAIRS_SQL, TERMS_FROM_RANGE, VECTOR_SQL, ensure_partition  # noqa: E402
from app.search.text import joined_terms, pairs  # noqa: E402
from app.services.entities import entity_ids  # noqa: E402

log = logging.getLogger("gen_articles")
START = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
SPAN_DAYS = 1050
BATCH = 2000
COMMIT_EVERY = (
    10  # chunks per transaction on SQLite: FTS5 flushes its pending terms (up to FTS5_HASH) at commit
)
FTS5_HASH = 256 * 1024 * 1024  # bigger level-0 segments: fewer merges while loading (FTS5 'hashsize')
PARAGRAPHS = 6  # per article, 70-110 words each: about 600 words, the length of a press article
# Bump when the corpus changes (words, dates, entities, incidents, index layout): cached corpora of another
# version are ignored and generated again.
# 2: incidents; PostgreSQL recency tags; timings kept in bench_meta
# 3 (PostgreSQL only): recency tags in the pairs vector, the term list article_search_term
# 4 (PostgreSQL only): article_search partitioned by blocks of ids (migration 0012), no recency tags
GEN_VERSIONS = {"sqlite": 2, "postgresql": 4}
GEN_VERSION = GEN_VERSIONS["postgresql"]  # the newest
CACHE_ENV = "VEILLE_BENCH_CACHE"
ROOT = Path(__file__).resolve().parent.parent
PG_BASE = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
# Built after the bulk load (an index built once is faster and smaller than one grown row by row); on the
# partitioned article_search, each builds one index per partition.
PG_INDEXES = [
    "CREATE INDEX ix_article_search_vector ON article_search USING gin (vector)",
    "CREATE INDEX ix_article_search_pairs ON article_search USING gin (pairs)",
    "CREATE INDEX ix_article_search_ts ON article_search (ts DESC, id DESC)",
]
# Tables whose secondary indexes are dropped during the load and built again after it (a sort instead of one
# random B-tree insertion per row: at a million articles, most of the insertion time).
BULK_TABLES = ("article", "article_entity", "incident", "incident_entity", "article_fts_doc")


def cache_dir() -> Path:
    """Where generated corpora are kept between runs ($VEILLE_BENCH_CACHE, default data/bench-cache)."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / "data" / "bench-cache")


def cached_url(backend: str, n: int, paragraphs: int = PARAGRAPHS) -> str:
    """The database URL of the cached corpus of n articles for a backend ("sqlite" or "postgresql")."""
    key = f"{n}_g{GEN_VERSIONS[backend]}" + (f"_p{paragraphs}" if paragraphs != PARAGRAPHS else "")
    if backend == "sqlite":
        return f"sqlite:///{cache_dir() / f'articles-{key}.db'}"
    return str(make_url(PG_BASE).set(database=f"veille_bench_{key}"))


def corpus_meta(url: str) -> dict | None:
    """The generation record of a complete corpus at `url` (None when it is missing, partial or of another
    version)."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and not Path(u.database or "").exists():
        return None
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            raw = c.execute(text("SELECT value FROM bench_meta WHERE key = 'generation'")).scalar()
    except Exception:  # noqa: BLE001 - no database, no table: not generated
        return None
    finally:
        engine.dispose()
    meta = json.loads(raw) if raw else None
    backend = "sqlite" if u.get_backend_name() == "sqlite" else "postgresql"
    return meta if meta and meta.get("version") == GEN_VERSIONS[backend] else None


def ensure_corpus(url: str, n: int, regen: bool = False, paragraphs: int = PARAGRAPHS) -> dict:
    """The generation record of the corpus at `url`, generating it first when missing (or when `regen`)."""
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        admin = make_engine(str(u.set(database="postgres"))).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": u.database}
            ).scalar():
                c.execute(text(f'CREATE DATABASE "{u.database}"'))
        admin.dispose()
    meta = None if regen else corpus_meta(url)
    if meta is None or meta.get("n") != n or meta.get("paragraphs", PARAGRAPHS) != paragraphs:
        print(f"génération de {n} articles dans {u.render_as_string(hide_password=True)} …", flush=True)
        meta = generate(url, n, paragraphs=paragraphs)
        print(f"  {describe(meta)}", flush=True)
    return meta


def describe(meta: dict) -> str:
    """The generation record in one line (French)."""
    return (
        f"{meta['n']} articles générés en {meta['total']:.0f} s ({meta['n'] / meta['total']:.0f}/s) : "
        f"textes {meta['generate']:.0f} s (processus), insertion {meta['insert']:.0f} s, "
        f"index {meta['index']:.0f} s (analyse {meta['analysis']:.0f} s CPU des processus, écriture "
        f"{meta['index_write']:.0f} s, construction {meta['index_build']:.0f} s)"
        + (
            f", index des tables construits après le chargement {meta['table_indexes']:.0f} s"
            if "table_indexes" in meta
            else ""
        )
    )


def _zipf(n: int, s: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))


class Writer:
    """Draws words, entities and dates; one per worker process, seeded per chunk."""

    def __init__(self) -> None:
        g = gazetteer()
        products = [e for e in g.entities.values() if e.kind == "product"]
        order = {slug: i for i, slug in enumerate(POPULAR)}
        products.sort(key=lambda e: order.get(e.slug, len(order)))
        self.products = products
        self.product_cw = _zipf(len(products), 1.0)
        self.companies = {e.slug: e for e in g.entities.values() if e.kind == "company"}
        self.rare = rare_words(30000)
        self.rare_cw = _zipf(len(self.rare), 1.1)
        self.general_cw = _zipf(len(GENERAL), 0.7)
        self.topics = list(TOPIC_WEIGHTS)
        self.topic_cw = list(itertools.accumulate(TOPIC_WEIGHTS.values()))
        prnd = random.Random(11)
        self.pools = {t: self._pool(prnd, t, 200_000) for t in TOPICS}

    def _pool(self, rnd: random.Random, topic: str, k: int) -> list[str]:
        """A long pre-drawn word stream for a topic: articles take slices of it (drawing per word is too slow)."""
        kinds = rnd.choices("fgtr", cum_weights=[46, 75, 89, 100], k=k)
        f = iter(rnd.choices(FUNCTION, k=k))
        gw = iter(rnd.choices(GENERAL, cum_weights=self.general_cw, k=k))
        tw = iter(rnd.choices(TOPICS[topic], k=k))
        rw = iter(rnd.choices(self.rare, cum_weights=self.rare_cw, k=k))
        src = {"f": f, "g": gw, "t": tw, "r": rw}
        return [next(src[kd]) for kd in kinds]

    def words(self, rnd: random.Random, topic: str, names: list[str], k: int) -> list[str]:
        pool = self.pools[topic]
        start = rnd.randrange(len(pool) - k)
        ws = pool[start : start + k]
        for _ in range(max(1, k // 18)):  # entity names and figures, ~5 % of the words
            ws[rnd.randrange(k)] = rnd.choice(names) if rnd.random() < 0.7 else str(rnd.randint(2, 2025))
        return ws

    def sentences(self, rnd: random.Random, ws: list[str]) -> str:
        out, i = [], 0
        while i < len(ws):
            n = rnd.randint(10, 24)
            s = " ".join(ws[i : i + n])
            out.append(s[:1].upper() + s[1:] + ".")
            i += n
        return " ".join(out)

    def article(self, i: int, n_total: int, rnd: random.Random, n_paragraphs: int = 6) -> dict:
        topic = self.topics[
            next(j for j, c in enumerate(self.topic_cw) if rnd.random() * self.topic_cw[-1] <= c)
        ]
        prods = {
            p.slug: p
            for p in rnd.choices(self.products, cum_weights=self.product_cw, k=rnd.choice([1, 1, 2, 3]))
        }
        companies = {
            p.company: self.companies[p.company] for p in prods.values() if p.company in self.companies
        }
        if rnd.random() < 0.25:
            extra = rnd.choice(list(self.companies.values()))
            companies[extra.slug] = extra
        names = [p.name for p in prods.values()] + [c.name for c in companies.values()]
        main = next(iter(prods.values())).name
        title_words = self.words(rnd, topic, names, rnd.randint(6, 10))
        title = f"{main} : " + " ".join(title_words)
        paragraphs = [
            self.sentences(rnd, self.words(rnd, topic, names, rnd.randint(70, 110)))
            for _ in range(n_paragraphs)
        ]
        body = "\n\n".join(paragraphs)
        day = START + timedelta(
            days=SPAN_DAYS * i / n_total + rnd.uniform(-3, 0), minutes=rnd.randint(0, 900)
        )
        is_outage = topic == "outage" and rnd.random() < 0.8
        src = SOURCES[min(int(rnd.paretovariate(1.2)) - 1, len(SOURCES) - 1)]
        summary = " ".join(body.split(" ")[:40])
        row = {
            "id": i + 1,
            "url": f"https://www.{src[2]}/articles/{i + 1}-{topic}.html",
            "source": src[0],
            "title": title,
            "author": "Rédaction",
            "published_at": day,
            "lead": None,
            "text": body,
            "summary": summary,
            "language": "fr",
            "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            "is_ai": True,
            "is_outage": is_outage,
            "outage_kind": "outage" if is_outage else None,
            "outage_date": day.date() if is_outage else None,
            "outage_start": None,
            "outage_end": None,
            "outage_duration_minutes": None,
            "outage_services": list(prods) if is_outage else [],
            "incident_id": None,
            "fetched_at": day,
            "updated_at": day,
            "modified_at": None,
            "date_source": "meta",
            "date_precision": "exact",
            "products": list(prods),
            "companies": list(companies),
        }
        return row


_W: Writer | None = None


def _chunk(args: tuple[int, int, int, bool, int]) -> tuple[list[dict], float]:
    """A chunk of articles and the CPU seconds their text analysis (the index's share) took."""
    global _W
    start, stop, n_total, with_fts, paragraphs = args
    _W = _W or Writer()
    rnd = random.Random(start)
    rows = [_W.article(i, n_total, rnd, paragraphs) for i in range(start, stop)]
    t = time.process_time()
    for r in rows:
        r["pairs"] = pairs(r["title"], r["summary"], r["text"])
        if with_fts:
            r["fts"] = (
                joined_terms(r["title"]),
                joined_terms(r["summary"]),
                joined_terms(r["text"]),
                r["pairs"],
            )
    return rows, time.process_time() - t


def generate(url: str, n: int, workers: int = os.cpu_count() or 2, paragraphs: int = PARAGRAPHS) -> dict:
    """Create a fresh database at `url` with n articles, their incidents and their index; returns (and keeps in
    bench_meta) the timings in seconds.

    Bulk load: the secondary indexes of the article tables (and PostgreSQL's search indexes) are built after the
    rows are in; PostgreSQL receives the articles through COPY; SQLite writes without syncing, with a large page
    cache, FTS5 flushing its terms every COMMIT_EVERY chunks. What is indexed is exactly what the app writes."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{u.database}{suffix}").unlink(missing_ok=True)
    engine = make_engine(url)
    pg = engine.dialect.name == "postgresql"
    if pg:
        with engine.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    migrate(engine)
    t0 = time.perf_counter()
    clock = {
        "generate": 0.0,
        "insert": 0.0,
        "index_write": 0.0,
        "analysis": 0.0,
        "index_build": 0.0,
        "table_indexes": 0.0,
    }
    state = _Incidents()
    with engine.connect() as conn, Session(bind=conn) as s:
        if pg:
            s.execute(text("SET synchronous_commit = off"))
        else:
            for pragma in ("synchronous = OFF", "cache_size = -1048576", "temp_store = MEMORY"):
                s.execute(text(f"PRAGMA {pragma}"))
            s.execute(
                text("INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', :h)"), {"h": FTS5_HASH}
            )
        ids = entity_ids(s)
        s.execute(
            insert(Source),
            [
                {"slug": a, "name": b, "domain": d, "homepage": f"https://www.{d}/", "kind": "site"}
                for a, b, d in SOURCES
            ],
        )
        src_ids = dict(s.execute(text("SELECT slug, id FROM source")).all())
        later = _drop_indexes(s, pg)
        if pg:  # the partitions of every id before the load (the app creates them as ids grow)
            ensure_partition(s, n)
        s.commit()
        chunks = [(i, min(i + BATCH, n), n, not pg, paragraphs) for i in range(0, n, BATCH)]
        with Pool(workers) as pool:
            tg = time.perf_counter()
            for k, (rows, analysis) in enumerate(pool.imap(_chunk, chunks), 1):
                ti = time.perf_counter()
                clock["generate"] += ti - tg
                clock["analysis"] += analysis
                _insert(s, rows, ids, src_ids, pg, state, clock)
                if pg or k % COMMIT_EVERY == 0:
                    s.commit()
                tg = time.perf_counter()
        s.commit()
        tb = time.perf_counter()
        if pg:
            s.execute(
                text("SELECT setval(pg_get_serial_sequence('article', 'id'), (SELECT max(id) FROM article))")
            )
            s.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('incident', 'id'), (SELECT max(id) FROM incident))"
                )
            )
            s.execute(text("SET maintenance_work_mem = '1GB'"))
        for name, ddl in later:
            t = time.perf_counter()
            s.execute(text(ddl))
            s.commit()
            search = name.startswith(("ix_article_search", "ix_article_fts"))
            clock["index_build" if search else "table_indexes"] += time.perf_counter() - t
        if not pg:  # back to FTS5's default for the writes of the benchmark (one article at a time)
            s.execute(text("INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', 1048576)"))
            s.commit()
        log.info("indexes built in %.0f s", time.perf_counter() - tb)
    # Statistics (and on PostgreSQL the visibility map, as autovacuum would set it) before measuring.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE" if pg else "ANALYZE"))
    meta = {
        "version": GEN_VERSIONS["postgresql" if pg else "sqlite"],
        "n": n,
        "paragraphs": paragraphs,
        "incidents": state.count,
        "total": time.perf_counter() - t0,
        **clock,
        # the index's share: its text analysis (CPU of the worker processes, spread over them), its writes and
        # building its indexes after the load
        "index": clock["analysis"] / workers + clock["index_write"] + clock["index_build"],
        "workers": workers,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with engine.begin() as c:
        c.execute(text("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
        c.execute(text("DELETE FROM bench_meta WHERE key = 'generation'"))
        c.execute(text("INSERT INTO bench_meta VALUES ('generation', :v)"), {"v": json.dumps(meta)})
    engine.dispose()
    return meta


def _drop_indexes(s: Session, pg: bool) -> list[tuple[str, str]]:
    """Drop the secondary indexes of BULK_TABLES (and the search indexes); their (name, DDL) to build them
    again after the load. Indexes behind a constraint (primary keys, unique columns) stay."""
    if pg:
        rows = s.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "AND tablename = ANY(CAST(:t AS text[])) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
            ),
            {"t": [*BULK_TABLES, "article_search"]},
        ).all()
    else:
        rows = s.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN (" + ", ".join(f"'{t}'" for t in BULK_TABLES) + ")"
            )
        ).all()
    for name, _ in rows:
        s.execute(text(f'DROP INDEX "{name}"'))
    later = [(name, ddl) for name, ddl in rows if not name.startswith("ix_article_search")]
    return later + ([(ddl.split()[2], ddl) for ddl in PG_INDEXES] if pg else [])


class _Incidents:
    """Outage stories of one product on one day form one incident (as the press analysis would group them)."""

    def __init__(self) -> None:
        self.count = 0
        self.open: dict[tuple[str, object], int] = {}

    def assign(self, rows: list[dict], ids: dict) -> tuple[list[dict], list[dict]]:
        """Set each outage row's incident_id; returns the new incidents and their entity links."""
        incidents, links = [], []
        for r in rows:
            if not r["is_outage"]:
                continue
            key = (r["products"][0], r["outage_date"])
            if key not in self.open:
                self.count += 1
                self.open[key] = self.count
                day = r["published_at"]
                incidents.append(
                    {
                        "id": self.count,
                        "date": r["outage_date"],
                        "kind": "outage",
                        "title": f"Panne de {r['title'].split(' : ')[0]}",
                        "started_at": day,
                        "duration_minutes": 30 + self.count % 7 * 45,
                        "origin": "press",
                        "date_precision": "exact",
                        "created_at": day,
                        "updated_at": day,
                    }
                )
                ents = {("product", r["products"][0])} | {("company", c) for c in r["companies"][:1]}
                links += [{"incident_id": self.count, "entity_id": ids[e]} for e in sorted(ents) if e in ids]
            r["incident_id"] = self.open[key]
        if len(self.open) > 5000:  # rows come in date order: old days never come back
            for key in list(self.open)[:2500]:
                del self.open[key]
        return incidents, links


def _insert(
    s: Session, rows: list[dict], ids: dict, src_ids: dict, pg: bool, state: _Incidents, clock: dict
) -> None:
    t = time.perf_counter()
    incidents, incident_links = state.assign(rows, ids)
    if incidents:
        s.execute(insert(Incident), incidents)
        s.execute(insert(IncidentEntity), incident_links)
    cols = [c.name for c in Article.__table__.columns]
    articles = [{k: r[k] if k != "source_id" else src_ids[r["source"]] for k in cols} for r in rows]
    if pg:
        _copy(s, "article", cols, [[_pg_value(a[k]) for k in cols] for a in articles])
    else:
        s.execute(insert(Article), articles)
    links, tags, docs = [], [], []
    for r in rows:
        facts = ArticleFacts(
            r["source"], [("product", p) for p in r["products"]] + [("company", c) for c in r["companies"]]
        )
        links += [{"article_id": r["id"], "entity_id": ids[e], "mentions": 1} for e in facts.entities]
        tags.append(" ".join(facts.tags(r["published_at"], r["is_outage"])))
        docs.append(doc_row(r["id"], r["published_at"], r["is_outage"], facts))
    if pg:
        cols = ["article_id", "entity_id", "mentions"]
        _copy(s, "article_entity", cols, [[x[k] for k in cols] for x in links])
    else:
        s.execute(insert(ArticleEntity), links)
    ti = time.perf_counter()
    clock["insert"] += ti - t
    if pg:
        vec = (
            VECTOR_SQL.replace(":t", "a.title")
            .replace(":s", "a.summary")
            .replace(":b", "a.text")
            .replace(":g", "x.tags")
        )
        s.execute(
            text(
                f"INSERT INTO article_search ({COLUMNS}) SELECT a.id, x.ts, x.y, x.src, x.o, x.e, {vec}, "
                f"{PAIRS_SQL.replace(':p', 'x.pairs')} FROM article a JOIN unnest(CAST(:ids AS int[]), "
                "CAST(:tags AS text[]), CAST(:pairs AS text[]), CAST(:ts AS float8[]), CAST(:y AS int[]), "
                "CAST(:src AS text[]), CAST(:o AS bool[]), CAST(:e AS text[])) "
                "AS x(id, tags, pairs, ts, y, src, o, e) ON a.id = x.id"
            ),
            {
                "ids": [r["id"] for r in rows],
                "tags": tags,
                "pairs": [r["pairs"] for r in rows],
                "ts": [d["ts"] for d in docs],
                "y": [d["y"] for d in docs],
                "src": [d["src"] for d in docs],
                "o": [bool(d["o"]) for d in docs],
                "e": [d["e"] for d in docs],
            },
        )
        s.execute(text(TERMS_FROM_RANGE), {"lo": rows[0]["id"], "hi": rows[-1]["id"]})
    else:
        s.execute(
            text(INSERT_FTS),
            [
                {"i": r["id"], "t": r["fts"][0], "s": r["fts"][1], "b": r["fts"][2], "g": g, "p": r["fts"][3]}
                for r, g in zip(rows, tags, strict=True)
            ],
        )
        # The side row keeps the tags as indexed and a digest of the text values (a later 'delete' replays them).
        s.execute(
            text(INSERT_DOC),
            [
                {**d, "g": g, "d": digest(dict(zip("tsbp", r["fts"], strict=True)))}
                for d, g, r in zip(docs, tags, rows, strict=True)
            ],
        )
        s.execute(
            text(INSERT_TERM), [{"t": t} for t in set().union(*(vocabulary(*r["fts"][:3]) for r in rows))]
        )
    clock["index_write"] += time.perf_counter() - ti
    log.info("inserted up to id=%d", rows[-1]["id"])


def _copy(s: Session, table: str, cols: list[str], rows: list[list]) -> None:
    """COPY rows into a PostgreSQL table, in the session's transaction."""
    raw = s.connection().connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:  # type: ignore[union-attr]
        for row in rows:
            cp.write_row(row)


def _pg_value(v: object) -> object:
    """A value as COPY's text format reads it (lists are JSON columns here)."""
    return json.dumps(v) if isinstance(v, list) else v


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="target database (default: the cached corpus of --backend)")
    p.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--n", type=int, default=int(os.environ.get("BENCH_ARTICLES", "100000")))
    p.add_argument(
        "--paragraphs", type=int, default=PARAGRAPHS, help="paragraphs per article (70-110 words each)"
    )
    p.add_argument("--regen", action="store_true", help="generate again even when the corpus is cached")
    a = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    meta = ensure_corpus(a.url or cached_url(a.backend, a.n, a.paragraphs), a.n, a.regen, a.paragraphs)
    print(f"corpus prêt : {describe(meta)}")


if __name__ == "__main__":
    main()
