"""Search benchmark: latency of /api/articles?q=… (in-process, through the whole route stack) against the raw
index query for the same 10 queries, index size and cost of indexing one article; SQLite, then PostgreSQL.

    BENCH_ARTICLES=20000 python bench/search_bench.py        # quick run
    python bench/search_bench.py                              # 100,000 articles (generated once, then reused)
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fastapi.testclient import TestClient  # noqa: E402
from gen_articles import generate  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import Article  # noqa: E402
from app.search import fts5, postgres  # noqa: E402
from app.search.base import ArticleQuery  # noqa: E402
from app.search.index import index_article  # noqa: E402
from app.search.query import parse  # noqa: E402

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("un mot", {"q": "pannes"}),
    ("mot sans accent", {"q": "generation"}),
    ("deux mots", {"q": "panne serveurs"}),
    ("expression", {"q": '"intelligence artificielle"'}),
    ("préfixe", {"q": "régul*"}),
    ("entreprise + mots", {"q": "lancement modèle", "company": "openai"}),
    ("facettes (mot courant + filtres)", {"q": "données", "outage": "false", "source": "octet"}),
    ("entité (Le Chat)", {"q": "Le Chat"}),
    ("OR et exclusion", {"q": "Claude OR Gemini -Copilot"}),
    ("aucun résultat", {"q": "zorglubification"}),
]


def pct(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. CPU time (of this process: app + SQLite, not a PostgreSQL
    server) is what the work costs when the machine is shared; wall time is what a user waits."""
    for _ in range(3):  # warm the caches once, as a server would be
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu


def raw_query(session: Session, params: dict[str, str]) -> Callable[[], object]:
    """The bare index query a naive implementation would run: count + full ranking of every hit, top 20."""
    f = ArticleQuery(
        company=params.get("company"),
        source=params.get("source"),
        outage=None if "outage" not in params else params["outage"] == "true",
    )
    query = parse(params.get("q", ""))
    if session.get_bind().dialect.name == "postgresql":
        plan = postgres._Plan(query, f)
        sql = (
            f"SELECT s.id FROM article_search s WHERE {plan.where} ORDER BY "
            f"ts_rank({postgres.RANK_WEIGHTS}, s.vector, {plan.rank}) DESC LIMIT 20"
        )
        count = f"SELECT count(*) FROM article_search s WHERE {plan.where}"
        p = plan.params
    else:
        p = {"m": fts5.compile_match(query, f)}
        sql = f"SELECT rowid FROM article_fts WHERE article_fts MATCH :m ORDER BY {fts5.BM25} LIMIT 20"
        count = "SELECT count(*) FROM article_fts WHERE article_fts MATCH :m"

    def run() -> object:
        session.execute(text(count), p).scalar()
        return session.execute(text(sql), p).all()

    return run


def sizes(session: Session) -> tuple[float, float]:
    """(index MB, text MB)."""
    text_mb = (
        session.execute(
            text("SELECT sum(length(title) + length(summary) + length(text)) FROM article")
        ).scalar()
        / 1e6
    )
    if session.get_bind().dialect.name == "postgresql":
        idx = session.execute(text("SELECT pg_total_relation_size('article_search')")).scalar()
        return idx / 1e6, text_mb
    page = session.execute(text("PRAGMA page_size")).scalar()
    try:
        n = session.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article_fts%'")).scalar()
        return n / 1e6, text_mb
    except Exception:  # dbstat not compiled in: fall back to the stored blobs (the table is contentless)
        n = session.execute(text("SELECT sum(length(block)) FROM article_fts_data")).scalar() or 0
        return (n + page) / 1e6, text_mb


def index_cost(session: Session, k: int = 200) -> list[float]:
    """Milliseconds to re-index one stored article through index_article (rolled back)."""
    top = session.execute(text("SELECT max(id) FROM article")).scalar()
    ids = random.Random(3).sample(range(1, top + 1), k)
    out = []
    for i in ids:
        a = session.get(Article, i)
        t = time.perf_counter()
        index_article(session, a)
        out.append((time.perf_counter() - t) * 1000)
    session.rollback()
    return out


def ensure(url: str, n: int, regen: bool) -> None:
    """Generate the corpus unless a database with exactly n articles is already there."""
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        admin = make_engine(str(u.set(database="postgres"))).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": u.database}
            ).scalar():
                c.execute(text(f'CREATE DATABASE "{u.database}"'))
        admin.dispose()
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            have = c.execute(text("SELECT count(*) FROM article")).scalar()
    except Exception:
        have = -1
    engine.dispose()
    if regen or have != n:
        print(f"generating {n} articles into {u.render_as_string(hide_password=True)} …", flush=True)
        t = generate(url, n)
        print(
            f"  {n / t['total']:.0f} articles/s including generation; insert+index {t['insert_and_index']:.1f} s"
        )


def bench(url: str, runs: int) -> dict[str, float]:
    """Run every query; print the table; return the p95 per query name."""
    engine = make_engine(url)
    name = engine.dialect.name
    p95s: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        TestClient(
            create_app(Settings(database_url=url, data_dir=Path(tmp))), raise_server_exceptions=True
        ) as c,
        Session(engine) as session,
    ):
        total = session.execute(text("SELECT count(*) FROM article")).scalar()
        print(f"\n## {name}: {total} articles, {runs} runs per query (ms)\n")
        print(
            "| requête | résultats | API p50 | API p95 | API p99 | brut p50 | brut p95 | API/brut p95 "
            "| API CPU p95 | brut CPU p95 |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, params in QUERIES:
            resp = c.get("/api/articles", params=params)
            assert resp.status_code == 200, resp.text
            hits = resp.json()["total"]
            api, api_cpu = timed(lambda p=params: c.get("/api/articles", params=p), runs)
            raw, raw_cpu = timed(raw_query(session, params), runs)
            p95s[label] = pct(api, 95)
            print(
                f"| {label} `{'&'.join(f'{k}={v}' for k, v in params.items())}` | {hits} | {pct(api, 50):.1f} | "
                f"{pct(api, 95):.1f} | {pct(api, 99):.1f} | {pct(raw, 50):.1f} | {pct(raw, 95):.1f} | "
                f"{pct(api, 95) / max(pct(raw, 95), 0.01):.2f} | {pct(api_cpu, 95):.1f} | "
                f"{pct(raw_cpu, 95):.1f} |",
                flush=True,
            )
        idx_mb, text_mb = sizes(session)
        cost = index_cost(session)
        print(
            f"\nindex: {idx_mb:.0f} MB for {text_mb:.0f} MB of text ({idx_mb / text_mb:.2f}×); "
            f"indexing one article: p50 {statistics.median(cost):.2f} ms, p95 {pct(cost, 95):.2f} ms"
        )
        print(
            f"API p95 over all queries: max {max(p95s.values()):.1f} ms, "
            f"median {statistics.median(p95s.values()):.1f} ms; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs"
        )
    engine.dispose()
    return p95s


def main() -> None:
    n = int(os.environ.get("BENCH_ARTICLES", "100000"))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sqlite-url", default=f"sqlite:///{ROOT / 'data' / f'bench-search-{n}.db'}")
    ap.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", f"postgresql+psycopg://postgres@127.0.0.1:5432/veille_bench_{n}"
        ),
    )
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "60")))
    ap.add_argument("--regen", action="store_true", help="regenerate the corpus even if present")
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    a = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    results = {}
    if a.only != "postgresql":
        ensure(a.sqlite_url, n, a.regen)
        results["sqlite"] = bench(a.sqlite_url, a.runs)
    if a.only != "sqlite":
        try:
            ensure(a.pg_url, n, a.regen)
        except Exception as exc:  # noqa: BLE001
            print(f"\nPostgreSQL ignoré : injoignable ({type(exc).__name__}: {exc})")
        else:
            results["postgresql"] = bench(a.pg_url, a.runs)
    if len(results) == 2:
        print("\n| requête | SQLite p95 | PostgreSQL p95 | PG/SQLite |\n|---|---:|---:|---:|")
        for label in results["sqlite"]:
            s, p = results["sqlite"][label], results["postgresql"][label]
            print(f"| {label} | {s:.1f} | {p:.1f} | {p / s:.2f} |")


if __name__ == "__main__":
    main()
