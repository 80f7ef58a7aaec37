"""Filtered searches on SQLite: the backend of a git revision (default main) against the working tree's, on the
same corpus in the same run. Checks that both return the same Hits (total, ids, facets) on random queries, then
measures the CPU (time.process_time) of a first search per query family.

    .venv/bin/python bench/filter_cost.py /tmp/copy-of-articles-100000_g2.db [--rev main] [--n 300] [--runs 15]

Works on a copy: the working tree's migrations may add tables to it (never point it at the cached corpus)."""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.search import fts5  # noqa: E402
from app.search.base import ArticleQuery, Hits  # noqa: E402
from app.search.query import parse  # noqa: E402
from bench.load_bench import WORDS  # noqa: E402
from bench.search_bench import QUERIES  # noqa: E402

FAMILIES: list[tuple[str, dict[str, str]]] = [
    ("entreprise + mots (pertinence)", {"q": "lancement modèle", "company": "openai"}),
    ("entreprise + mots (date)", {"q": "lancement modèle", "company": "openai", "sort": "date"}),
    ("produit rare + mot (pertinence)", {"q": "données", "product": "sora"}),
    ("produit + mot (pertinence)", {"q": "pannes", "product": "chatgpt"}),
    ("produit + mot (date)", {"q": "pannes", "product": "chatgpt", "sort": "date"}),
    ("source + panne + mot (pertinence)", {"q": "données", "outage": "false", "source": "octet"}),
    ("source rare + mot (pertinence)", {"q": "modèle", "source": "tech-lyon"}),
    ("panne + mot, page 3", {"q": "serveurs", "outage": "true", "page": "3"}),
    ("entreprise seule (date)", {"company": "anthropic"}),
    ("produit seul (date)", {"product": "le-chat"}),
    ("mot seul (sans filtre)", {"q": "pannes"}),
    ("mot seul (sans filtre, date)", {"q": "pannes", "sort": "date"}),
    ("deux mots (sans filtre, date)", {"q": "panne serveurs", "sort": "date"}),
]


def before_backend(rev: str) -> ModuleType:
    """app/search/fts5.py as of `rev`, loaded as a separate module."""
    src = subprocess.run(
        ["git", "show", f"{rev}:app/search/fts5.py"], capture_output=True, text=True, check=True
    ).stdout
    spec = importlib.util.spec_from_loader("fts5_before", loader=None)
    assert spec is not None
    mod = importlib.util.module_from_spec(spec)
    exec(compile(src, f"{rev}:app/search/fts5.py", "exec"), mod.__dict__)  # noqa: S102
    return mod


def article_query(p: dict[str, str]) -> ArticleQuery:
    return ArticleQuery(
        q=p.get("q", ""),
        company=p.get("company"),
        product=p.get("product"),
        source=p.get("source"),
        outage=None if "outage" not in p else p["outage"] == "true",
        sort="date" if p.get("sort") == "date" else "relevance",
        page=int(p.get("page", "1")),
        per_page=int(p.get("per_page", "20")),
    )


def random_queries(session: Session, n: int, seed: int = 14) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    words = list(WORDS) + [q["q"] for _, q in QUERIES] + ["", ""]
    top = session.execute(
        text(
            "SELECT e.kind, e.slug FROM article_entity ae JOIN entity e ON e.id = ae.entity_id "
            "GROUP BY e.id ORDER BY count(*) DESC LIMIT 40"
        )
    ).all()
    companies = [s for k, s in top if k == "company"] + ["h-company"]
    products = [s for k, s in top if k == "product"]
    sources = list(session.execute(text("SELECT slug FROM source")).scalars())
    out = []
    while len(out) < n:
        p: dict[str, str] = {}
        w = rnd.choice(words)
        if w:
            p["q"] = w
        if rnd.random() < 0.4:
            p["company"] = rnd.choice(companies)
        if rnd.random() < 0.35:
            p["product"] = rnd.choice(products)
        if rnd.random() < 0.3:
            p["source"] = rnd.choice(sources)
        if rnd.random() < 0.3:
            p["outage"] = rnd.choice(["true", "false"])
        if len(p) < 2 and "q" in p and rnd.random() < 0.8:
            continue  # mostly filtered queries, some words alone (the date order changed for them too)
        if rnd.random() < 0.3:
            p["sort"] = "date"
        p["page"] = str(rnd.choices([1, 2, 3, 5, 10, 60], weights=[50, 15, 10, 10, 10, 5])[0])
        p["per_page"] = rnd.choice(["20", "20", "50"])
        out.append(p)
    return out


def same(a: Hits, b: Hits) -> bool:
    return (a.total, a.total_exact, a.ids, a.facets) == (b.total, b.total_exact, b.ids, b.facets)


def cpu_ms(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        out.append((time.process_time() - t) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--rev", default="main")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    if "bench-cache" in args.db:
        sys.exit("work on a copy of the cached corpus")
    old = before_backend(args.rev)
    engine = create_engine(f"sqlite:///{args.db}")
    with Session(engine) as session:
        session.execute(text("PRAGMA cache_size = -262144"))
        prepare = getattr(fts5, "prepare", None)
        if prepare is not None:
            prepare(session)
            session.commit()

        def call(mod: ModuleType, p: dict[str, str]) -> Callable[[], Hits]:
            aq = article_query(p)

            def run() -> Hits:
                try:
                    return mod.search(session, parse(aq.q), aq)
                finally:
                    session.rollback()

            return run

        qs = random_queries(session, args.n)
        bad = 0
        for p in qs:
            a, b = call(old, p)(), call(fts5, p)()
            if not same(a, b):
                bad += 1
                print("DIFFERENT", p, a.total, b.total, a.ids[:5], b.ids[:5], file=sys.stderr)
        print(f"identity: {len(qs) - bad}/{len(qs)} random queries give the same Hits (total, ids, facets)")
        print()
        print(f"CPU of one search (time.process_time), {args.runs} runs each, in ms; avant = {args.rev}")
        print()
        print("| requête | résultats | avant p50 | avant p95 | après p50 | après p95 | avant/après p50 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, p in FAMILIES:
            fo, fn = call(old, p), call(fts5, p)
            h = fn()
            assert same(fo(), h), p
            fo(), fn()  # warm
            # interleaved so that both see the same machine load
            o: list[float] = []
            n: list[float] = []
            for _ in range(args.runs):
                o += cpu_ms(fo, 1)
                n += cpu_ms(fn, 1)
            shown = "&".join(f"{k}={v}" for k, v in p.items())
            tot = f"> {h.total}" if not h.total_exact else str(h.total)
            print(
                f"| {label} `{shown}` | {tot} | {pct(o, 50):.1f} | {pct(o, 95):.1f} | {pct(n, 50):.1f} | "
                f"{pct(n, 95):.1f} | {pct(o, 50) / max(pct(n, 50), 0.01):.1f} |"
            )


if __name__ == "__main__":
    main()
