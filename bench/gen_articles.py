"""Generate N synthetic French AI-news articles straight into a migrated database (bulk insert, no extraction).

python bench/gen_articles.py --url sqlite:///data/bench-search.db --n 100000
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
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
from app.models import Article, ArticleEntity, Source  # noqa: E402
from app.search.base import ArticleFacts, doc_row  # noqa: E402
from app.search.fts5 import INSERT_DOC, INSERT_FTS, INSERT_TERM, digest, vocabulary  # noqa: E402
from app.search.postgres import COLUMNS, PAIRS_SQL, VECTOR_SQL  # noqa: E402
from app.search.text import joined_terms, pairs  # noqa: E402
from app.services.entities import entity_ids  # noqa: E402

log = logging.getLogger("gen_articles")
START = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
SPAN_DAYS = 1050
BATCH = 2000


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

    def article(self, i: int, n_total: int, rnd: random.Random) -> dict:
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
            self.sentences(rnd, self.words(rnd, topic, names, rnd.randint(70, 110))) for _ in range(6)
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
        row["fts"] = (
            joined_terms(title),
            joined_terms(summary),
            joined_terms(body),
            pairs(title, summary, body),
        )
        return row


_W: Writer | None = None


def _chunk(args: tuple[int, int, int, bool]) -> list[dict]:
    global _W
    start, stop, n_total, with_fts = args
    _W = _W or Writer()
    rnd = random.Random(start)
    rows = [_W.article(i, n_total, rnd) for i in range(start, stop)]
    if not with_fts:
        for r in rows:
            r["pairs"] = r.pop("fts")[3]
    return rows


def generate(url: str, n: int, workers: int = os.cpu_count() or 2) -> dict[str, float]:
    """Create a fresh database at `url` with n articles and their index; returns timings (seconds)."""
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
    gen_time = insert_time = 0.0
    with Session(engine) as s:
        ids = entity_ids(s)
        s.execute(
            insert(Source),
            [
                {"slug": a, "name": b, "domain": d, "homepage": f"https://www.{d}/", "kind": "site"}
                for a, b, d in SOURCES
            ],
        )
        src_ids = dict(s.execute(text("SELECT slug, id FROM source")).all())
        chunks = [(i, min(i + BATCH, n), n, not pg) for i in range(0, n, BATCH)]
        with Pool(workers) as pool:
            tg = time.perf_counter()
            for rows in pool.imap(_chunk, chunks):
                ti = time.perf_counter()
                gen_time += ti - tg
                _insert(s, rows, ids, src_ids, pg)
                tg = time.perf_counter()
                insert_time += tg - ti
        if pg:
            s.execute(
                text("SELECT setval(pg_get_serial_sequence('article', 'id'), (SELECT max(id) FROM article))")
            )
        s.commit()
    # Statistics (and on PostgreSQL the visibility map, as autovacuum would set it) before measuring.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE" if pg else "ANALYZE"))
    engine.dispose()
    return {"total": time.perf_counter() - t0, "generate_wait": gen_time, "insert_and_index": insert_time}


def _insert(s: Session, rows: list[dict], ids: dict, src_ids: dict, pg: bool) -> None:
    cols = [c.name for c in Article.__table__.columns]
    s.execute(
        insert(Article), [{k: r[k] if k != "source_id" else src_ids[r["source"]] for k in cols} for r in rows]
    )
    links, tags, docs = [], [], []
    for r in rows:
        facts = ArticleFacts(
            r["source"], [("product", p) for p in r["products"]] + [("company", c) for c in r["companies"]]
        )
        links += [{"article_id": r["id"], "entity_id": ids[e], "mentions": 1} for e in facts.entities]
        tags.append(" ".join(facts.tags(r["published_at"], r["is_outage"])))
        docs.append(doc_row(r["id"], r["published_at"], r["is_outage"], facts))
    s.execute(insert(ArticleEntity), links)
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
    log.info("inserted up to id=%d", rows[-1]["id"])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default="sqlite:///data/bench-search.db")
    p.add_argument("--n", type=int, default=int(os.environ.get("BENCH_ARTICLES", "100000")))
    a = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    t = generate(a.url, a.n)
    print(
        f"{a.n} articles in {t['total']:.1f} s ({a.n / t['total']:.0f}/s); "
        f"waiting on generation {t['generate_wait']:.1f} s, insert+index {t['insert_and_index']:.1f} s"
    )


if __name__ == "__main__":
    main()
