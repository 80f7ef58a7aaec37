"""Search benchmark: the ten queries of /api/articles on SQLite (FTS5) and PostgreSQL, over a generated corpus
cached between runs (bench/gen_articles.py), against the search path before issue 14 measured in the same run.

    make bench-search                                   # 100,000 articles
    make bench-search SEARCH_BENCH_N=1000000 SEARCH_BENCH_PARAGRAPHS=2

Per query: API (GET /api/articles through the whole app: route, facets, 20 items with snippets) p50/p95, the
search itself (the backend's `search`: count, page of ids, facets) p50/p95, and the old path ("avant", bench/
search_baseline.py: exact count, and on PostgreSQL the recent windows sorted out of every hit) on the same
corpus, with the ratio. Then the corpus's generation record (generation, index build), the index size and the
cost of re-indexing one article. Environment: SEARCH_BENCH_N, SEARCH_BENCH_PARAGRAPHS, BENCH_RUNS,
BENCH_BASE_RUNS, BENCH_PG_URL, VEILLE_BENCH_CACHE, SEARCH_BENCH_ONLY (sqlite or postgresql).
"""

from __future__ import annotations

import json
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

import search_baseline  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from gen_articles import PARAGRAPHS, cached_url, describe, ensure_corpus  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import Article  # noqa: E402
from app.search import fts5, postgres  # noqa: E402
from app.search.base import ArticleQuery, Hits  # noqa: E402
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
GOAL_P95_MS = 50.0


def pct(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


class CpuClock:
    """CPU seconds spent on a query: this process (the app, and SQLite which runs inside it) plus, on
    PostgreSQL, the server processes serving the corpus's database (/proc/<pid>/schedstat, in nanoseconds).
    On a shared machine wall time includes waiting for a core; CPU time is what the query costs."""

    def __init__(self, pids: list[int] | None = None) -> None:
        self.pids = pids or []

    def __call__(self) -> float:
        total = time.process_time()
        for pid in self.pids:
            try:
                with open(f"/proc/{pid}/schedstat") as f:
                    total += int(f.read().split()[0]) / 1e9
            except OSError:  # the server process ended (pool recycled): its time is lost, not counted twice
                pass
        return total


def server_pids(session: Session) -> list[int]:
    """The PostgreSQL processes serving this database (the app's pool and this session)."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    return list(
        session.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars()
    )


def timed(fn: Callable[[], object], runs: int, clock: CpuClock) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call, after warming the caches as a running server would have them."""
    for _ in range(2):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), clock()
        fn()
        cpu.append((clock() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu


def article_query(params: dict[str, str]) -> ArticleQuery:
    """The ArticleQuery /api/articles builds from these parameters."""
    return ArticleQuery(
        q=params.get("q", ""),
        company=params.get("company"),
        source=params.get("source"),
        outage=None if "outage" not in params else params["outage"] == "true",
    )


def search_call(session: Session, params: dict[str, str], old: bool) -> Callable[[], Hits]:
    """The backend's search (or the old one) for these parameters, each call in its own transaction."""
    pg = session.get_bind().dialect.name == "postgresql"
    if old:
        fn = search_baseline.postgres_search if pg else search_baseline.fts5_search
    else:
        fn = postgres.search if pg else fts5.search
    aq = article_query(params)

    def run() -> Hits:
        try:
            return fn(session, parse(aq.q), aq)
        finally:
            session.rollback()

    return run


def sizes(session: Session) -> dict[str, float]:
    """Index and text sizes in MB, measured once per corpus (a full scan at a million articles) and kept in
    bench_meta."""
    kept = session.execute(text("SELECT value FROM bench_meta WHERE key = 'sizes'")).scalar()
    if kept:
        return json.loads(kept)
    text_mb = (
        session.execute(
            text("SELECT sum(length(title) + length(summary) + length(text)) FROM article")
        ).scalar()
        / 1e6
    )
    if session.get_bind().dialect.name == "postgresql":
        idx = (
            session.execute(
                text(
                    # every partition of article_search (the partitioned parent itself holds nothing)
                    "SELECT coalesce((SELECT CAST(sum(pg_total_relation_size(relid)) AS bigint) "
                    "FROM pg_partition_tree('article_search')), pg_total_relation_size('article_search')) "
                    "+ coalesce(pg_total_relation_size(to_regclass('article_search_term')), 0)"
                )
            ).scalar()
            / 1e6
        )
    else:
        try:
            n = session.execute(
                text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article_fts%'")
            ).scalar()
        except Exception:  # noqa: BLE001 - dbstat not compiled in: the stored blobs (the table is contentless)
            n = session.execute(text("SELECT sum(length(block)) FROM article_fts_data")).scalar() or 0
        idx = n / 1e6
    db_mb = _database_mb(session)
    out = {"index_mb": idx, "text_mb": text_mb, "database_mb": db_mb}
    session.execute(text("INSERT INTO bench_meta VALUES ('sizes', :v)"), {"v": json.dumps(out)})
    session.commit()
    return out


def _database_mb(session: Session) -> float:
    if session.get_bind().dialect.name == "postgresql":
        return session.execute(text("SELECT pg_database_size(current_database())")).scalar() / 1e6
    pages = session.execute(text("PRAGMA page_count")).scalar()
    return pages * session.execute(text("PRAGMA page_size")).scalar() / 1e6


def index_cost(session: Session, k: int = 100) -> list[float]:
    """Milliseconds to re-index one stored article through index_article (rolled back)."""
    top = session.execute(text("SELECT max(id) FROM article")).scalar()
    out = []
    for i in random.Random(3).sample(range(1, top + 1), k):
        a = session.get(Article, i)
        t = time.perf_counter()
        index_article(session, a)
        out.append((time.perf_counter() - t) * 1000)
    session.rollback()
    return out


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"charge de la machine {one:.1f} (1 min), {five:.1f} (5 min) sur {os.cpu_count()} cœurs"


def bench(url: str, meta: dict, runs: int, base_runs: int) -> dict[str, float]:
    """Run every query; print the table; return the API p95 per query name."""
    engine = make_engine(url)
    name = engine.dialect.name
    version = "SQLite " + __import__("sqlite3").sqlite_version if name == "sqlite" else "PostgreSQL"
    p95s: dict[str, float] = {}
    cpu95s: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        TestClient(create_app(Settings(database_url=url, data_dir=Path(tmp)))) as c,
        Session(engine) as session,
    ):
        if name == "postgresql":
            version = session.execute(text("SHOW server_version")).scalar().split()[0]
            version = f"PostgreSQL {version}"
        print(f"\n## {version} : {meta['n']} articles ({meta.get('paragraphs', PARAGRAPHS)} paragraphes)\n")
        print(f"- corpus : {describe(meta)} (généré le {meta['when']})")
        sz = sizes(session)
        print(
            f"- index : {sz['index_mb']:.0f} Mo pour {sz['text_mb']:.0f} Mo de texte "
            f"({sz['index_mb'] / sz['text_mb']:.2f}×) ; base entière {sz['database_mb']:.0f} Mo"
        )
        print(f"- {load()} ; {runs} mesures par requête (avant : {base_runs}), en ms\n")
        print(
            "| requête | résultats | API p50 | API p95 | API CPU p95 | recherche p95 | recherche CPU p50 "
            "| recherche CPU p95 | avant CPU p50 | avant CPU p95 | avant/après CPU p95 |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, params in QUERIES:
            resp = c.get("/api/articles", params=params)
            assert resp.status_code == 200, resp.text
            body = resp.json()
            clock = CpuClock(server_pids(session))
            new, new_cpu = timed(search_call(session, params, old=False), runs, clock)
            old_fn = search_call(session, params, old=True)
            exact = old_fn().total
            _, old_cpu = timed(old_fn, base_runs, clock)

            def api_call(p: dict[str, str] = params, keeper: object = c.app.state.stamps) -> object:
                keeper.forget_answers()  # type: ignore[attr-defined]  # a first visit: nothing kept by the app
                return c.get("/api/articles", params=p)

            api, api_cpu = timed(api_call, runs, clock)
            p95s[label] = pct(api, 95)
            cpu95s[label] = pct(api_cpu, 95)
            shown = f"{body['total']}" if body["total_exact"] else f"> {body['total']} ({exact})"
            query = "&".join(f"{k}={v}" for k, v in params.items())
            print(
                f"| {label} `{query}` | {shown} | {pct(api, 50):.1f} | {pct(api, 95):.1f} | "
                f"{pct(api_cpu, 95):.1f} | {pct(new, 95):.1f} | {pct(new_cpu, 50):.1f} | "
                f"{pct(new_cpu, 95):.1f} | {pct(old_cpu, 50):.1f} | {pct(old_cpu, 95):.1f} | "
                f"{pct(old_cpu, 95) / max(pct(new_cpu, 95), 0.01):.1f} |",
                flush=True,
            )
        cost = index_cost(session)
        for what, values in (("API p95", p95s), ("API CPU p95", cpu95s)):
            worst = max(values.values())
            print(
                f"\n- {what} : max {worst:.1f} ms, médiane {statistics.median(values.values()):.1f} ms ; "
                f"objectif ≤ {GOAL_P95_MS:.0f} ms {'atteint' if worst <= GOAL_P95_MS else 'NON atteint'} "
                f"({sum(v <= GOAL_P95_MS for v in values.values())}/10)"
            )
        print(
            f"- réindexer un article : p50 {statistics.median(cost):.2f} ms, p95 {pct(cost, 95):.2f} ms ; {load()}"
        )
    engine.dispose()
    return p95s


def main() -> None:
    n = int(os.environ.get("SEARCH_BENCH_N") or os.environ.get("BENCH_ARTICLES") or 100_000)
    paragraphs = int(os.environ.get("SEARCH_BENCH_PARAGRAPHS") or PARAGRAPHS)
    runs = int(os.environ.get("BENCH_RUNS") or 40)
    base_runs = int(os.environ.get("BENCH_BASE_RUNS") or min(runs, 15))
    only = os.environ.get("SEARCH_BENCH_ONLY") or None
    logging.basicConfig(level=logging.WARNING)
    results = {}
    for backend in ("sqlite", "postgresql"):
        if only and backend != only:
            continue
        url = cached_url(backend, n, paragraphs)
        try:
            meta = ensure_corpus(url, n, paragraphs=paragraphs)
        except Exception as exc:  # noqa: BLE001 - PostgreSQL not running: say so, bench SQLite anyway
            if backend == "sqlite":
                raise
            print(f"\nPostgreSQL ignoré : injoignable ({type(exc).__name__}: {exc})")
            continue
        results[backend] = bench(url, meta, runs, base_runs)
    if len(results) == 2:
        print("\n| requête | SQLite API p95 | PostgreSQL API p95 | PG/SQLite |\n|---|---:|---:|---:|")
        for label in results["sqlite"]:
            s, p = results["sqlite"][label], results["postgresql"][label]
            print(f"| {label} | {s:.1f} | {p:.1f} | {p / s:.2f} |")


if __name__ == "__main__":
    main()
