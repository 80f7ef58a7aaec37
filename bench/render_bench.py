"""Render and load benchmark of the reading pages (issue 6) and of the live status (issue 15).

1. With N synthetic articles (default 10,000), the server-side render time of the timeline, search and live
   status pages when nothing is cached (query + template), p50/p95 over varied filters.
2. One uvicorn worker serving the timeline, /etat and /api/etat under `wrk` (or a bounded httpx loader when wrk
   is absent) on 127.0.0.1, against a bare ASGI "hello" app measured in the same run. The status pages of the
   packaged sources file are given a fresh poll first (every component operational, one degraded).

Run: make -f bench/render.mk bench-render   (or python bench/render_bench.py --help)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.db import make_engine, make_sessionmaker, migrate  # noqa: E402
from bench.corpus import populate  # noqa: E402

TIMELINE_CASES = [
    "",
    "product=chatgpt",
    "company=openai",
    "kind=outage",
    "year=2024",
    "page=3",
    "company=google&kind=degradation",
    "product=claude&year=2025",
]
SEARCH_CASES = [
    "",
    "q=panne",
    "q=modèle+de+langage",
    "product=gemini",
    "q=erreurs&sort=date",
    "company=openai&page=4",
    "q=abonnés&outage=true",
    "source=bench-le-circuit",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure_render(db_url: str, rounds: int) -> dict[str, dict[str, float]]:
    """Uncached server-side render (database queries + Jinja2) of timeline and search pages, in ms."""
    from urllib.parse import parse_qsl

    from app.charts import chart_context
    from app.kinds import IncidentKind
    from app.schemas import EntityList
    from app.search.base import ArticleQuery
    from app.search_page import search_context
    from app.services.entities import list_entities
    from app.services.incident_list import IncidentFilter
    from app.services.search import search_articles
    from app.services.timeline import filter_choices, timeline
    from app.templating import render_template

    settings = Settings(database_url=db_url)
    engine = make_engine(db_url)
    factory = make_sessionmaker(engine)

    def timeline_once(qs: str) -> None:
        params = dict(parse_qsl(qs))
        year = params.get("year")
        kind = params.get("kind")
        f = IncidentFilter(
            company=params.get("company"),
            product=params.get("product"),
            kind=IncidentKind(kind) if kind else None,
            year=int(year) if year else None,
        )
        with factory() as session:
            data = timeline(session, f, int(params.get("page", 1)), choices=lambda: filter_choices(session))
        render_template(
            "timeline.html",
            settings,
            "/",
            t=data,
            f=f,
            **chart_context(data.chart),
            json_url="/api/incidents",
            atom_url="/flux/pannes.atom",
        )

    def status_once(_qs: str) -> None:
        from datetime import UTC, datetime

        from app.services.followed import load_followed
        from app.services.live_status import live_status

        with factory() as session:
            board = live_status(session, load_followed(), datetime.now(UTC), settings.status_max_age)
        render_template("status.html", settings, "/etat", live=board, json_url="/api/etat")

    def search_once(qs: str) -> None:
        params = dict(parse_qsl(qs))
        aq = ArticleQuery(
            q=params.get("q", ""),
            company=params.get("company"),
            product=params.get("product"),
            source=params.get("source"),
            outage=True if params.get("outage") else None,
            since=None,
            until=None,
            sort="date" if params.get("sort") == "date" else "relevance",
            page=int(params.get("page", 1)),
            per_page=20,
        )
        with factory() as session:
            t0 = time.perf_counter()
            result = search_articles(session, aq)
            search_service.append((time.perf_counter() - t0) * 1000)
            # the running server keeps the entity list until the data changes (deps.data_memo); so does this
            if "list" not in entities:
                entities["list"] = list_entities(session)
            ctx = search_context(aq, result, entities["list"])
        render_template(
            "search.html", settings, "/recherche", aq=aq, result=result, json_url="/api/articles", **ctx
        )

    entities: dict[str, EntityList] = {}

    search_service: list[float] = []
    search_times: list[float] = []
    out = {}
    for name, fn, cases in (
        ("timeline", timeline_once, TIMELINE_CASES),
        ("search", search_once, SEARCH_CASES),
        ("etat", status_once, [""]),
    ):
        for qs in cases:  # warm caches (SQLite pages, Jinja2 bytecode) as a running server would have them
            fn(qs)
        times, cpu = [], []
        for i in range(rounds):
            qs = cases[i % len(cases)]
            t0, c0 = time.perf_counter(), time.thread_time()
            fn(qs)
            times.append((time.perf_counter() - t0) * 1000)
            # CPU time of this thread (SQLite runs in it too): what the render costs when the machine
            # is shared and wall time includes waiting for a core.
            cpu.append((time.thread_time() - c0) * 1000)
        if name == "search":
            search_times = times
        out[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2),
            "max_ms": round(max(times), 2),
            "n": len(times),
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(percentile(cpu, 95), 2),
        }
    # The search page = search_articles (the search service, issue 4) + facets/filters/template (this page).
    service = search_service[-rounds:]
    page_only = [total - svc for total, svc in zip(search_times, service, strict=True)]
    out["search_service_only"] = {
        "p50_ms": round(statistics.median(service), 2),
        "p95_ms": round(percentile(service, 95), 2),
        "max_ms": round(max(service), 2),
        "n": len(service),
    }
    out["search_page_without_service"] = {
        "p50_ms": round(statistics.median(page_only), 2),
        "p95_ms": round(percentile(page_only, 95), 2),
        "max_ms": round(max(page_only), 2),
        "n": len(page_only),
    }
    engine.dispose()
    return out


def seed_status(db_url: str) -> int:
    """A fresh poll of every status page of the packaged sources file: each followed component operational,
    ChatGPT's conversations degraded (so that the live status has one line of each kind it can show)."""
    from datetime import UTC, datetime

    from app.db import unit_of_work
    from app.models import StatusCheck
    from app.scrapers.registry import load_sources
    from app.services.followed import load_followed

    settings = Settings(database_url=db_url)
    wanted: dict[str, list[str]] = {}
    for svc in load_followed():
        if svc.status_source:
            wanted.setdefault(svc.status_source, []).extend(svc.components)
    engine = make_engine(db_url)
    now = datetime.now(UTC)
    n = 0
    with unit_of_work(make_sessionmaker(engine)) as session:
        session.query(StatusCheck).delete()
        for src in load_sources(settings.sources_file):
            if src.kind != "statuspage":
                continue
            comps = [
                {"name": c, "group": None, "status": "operational"} for c in wanted.get(src.name, ["Service"])
            ]
            if src.provider == "OpenAI":
                comps.append({"name": "Conversations", "group": "ChatGPT", "status": "degraded_performance"})
            session.add(
                StatusCheck(
                    source=src.name,
                    provider=src.provider or src.name,
                    polled_at=now,
                    ok_at=now,
                    complete=bool(src.summary_url),
                    components=comps,
                    changed_at=now,
                )
            )
            n += 1
    engine.dispose()
    return n


def start_server(target: list[str], port: int, env: dict[str, str]) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        *target,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "uvicorn exited") from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("uvicorn did not start")


def run_wrk(url: str, seconds: int, connections: int) -> dict[str, float | None]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests_per_s": rps,
        "requests": total,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else None,
    }


def run_httpx(url: str, seconds: int, connections: int, max_requests: int) -> dict[str, float | None]:
    """Fallback loader: `connections` concurrent keep-alive clients, stopped by time or request count."""
    import httpx

    async def main() -> dict[str, float | None]:
        done = bad = 0
        stop = time.monotonic() + seconds
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=connections)) as client:

            async def worker() -> None:
                nonlocal done, bad
                while time.monotonic() < stop and done < max_requests:
                    r = await client.get(url)
                    done += 1
                    bad += r.status_code != 200

            t0 = time.monotonic()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.monotonic() - t0
        return {"requests_per_s": round(done / elapsed, 1), "requests": done, "non_2xx": bad, "p99_ms": None}

    return asyncio.run(main())


def load_test(db_url: str, seconds: int, connections: int, max_requests: int) -> dict[str, dict]:
    """Requests/s of one uvicorn worker: bare ASGI hello, then the timeline (cached and filtered)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VEILLE_DATABASE_URL": db_url}
    use_wrk = shutil.which("wrk") is not None
    results: dict[str, dict] = {"loader": {"name": "wrk" if use_wrk else "httpx"}}
    app = ["app.main:create_app", "--factory"]
    # `veille serve` runs h11 with a bounded request head (app/serving.py); uvicorn's default httptools parser,
    # which buffers headers of any size, is kept as the baseline of the same run
    served = [*app, "--http", "h11", "--h11-max-incomplete-event-size", "16384"]
    targets = [
        ("hello", ["bench.hello:app"], "/"),
        ("timeline", app, "/"),
        ("timeline_filtre", app, "/?product=chatgpt&kind=outage"),
        ("timeline_h11", served, "/"),
        ("timeline_filtre_h11", served, "/?product=chatgpt&kind=outage"),
        ("etat", app, "/etat"),
        ("api_etat", app, "/api/etat"),
        ("etat_h11", served, "/etat"),
    ]
    for name, target, path in targets:
        port = free_port()
        proc = start_server(target, port, env)
        try:
            url = f"http://127.0.0.1:{port}{path}"
            import httpx

            first = httpx.get(url, timeout=30)  # one warm-up request renders and caches the page
            assert first.status_code == 200, (name, first.status_code)
            results[name] = (
                run_wrk(url, seconds, connections)
                if use_wrk
                else run_httpx(url, seconds, connections, max_requests)
            )
            results[name]["bytes"] = len(first.content)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=200, help="renders per page type")
    ap.add_argument("--seconds", type=int, default=10, help="duration of each load run")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--max-requests", type=int, default=200_000, help="cap for the httpx loader")
    ap.add_argument("--no-load", action="store_true", help="skip the load test")
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench-render.json")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(db_url)
        migrate(engine)
        t0 = time.perf_counter()
        counts = populate(engine, args.articles)
        engine.dispose()
        print(
            f"corpus: {counts['articles']} articles, {counts['incidents']} incidents "
            f"({time.perf_counter() - t0:.1f} s)"
        )
        report: dict = {"corpus": counts, "status_pages": seed_status(db_url)}
        report["render"] = measure_render(db_url, args.rounds)
        load1 = os.getloadavg()[0]
        report["loadavg_1min"] = load1
        print(f"charge machine (loadavg 1 min) : {load1:.1f} sur {os.cpu_count()} cœurs")
        for name, r in report["render"].items():
            cpu = (
                f"  CPU p50 {r['cpu_p50_ms']:6.2f} p95 {r['cpu_p95_ms']:6.2f} ms" if "cpu_p95_ms" in r else ""
            )
            print(
                f"render {name:27} (sans cache) p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms  "
                f"max {r['max_ms']:7.2f} ms{cpu}  (n={r['n']}, cible p95 <= 50 ms)"
            )
        if not args.no_load:
            seed_status(db_url)  # polled "now": fresh for the whole load test (status_max_age)
            load = load_test(db_url, args.seconds, args.connections, args.max_requests)
            report["load"] = load
            hello = load["hello"]["requests_per_s"]
            print(
                f"charge ({load['loader']['name']}, {args.connections} connexions, {args.seconds} s, 1 worker uvicorn):"
            )
            for name in (
                "hello",
                "timeline",
                "timeline_filtre",
                "timeline_h11",
                "timeline_filtre_h11",
                "etat",
                "api_etat",
                "etat_h11",
            ):
                r = load[name]
                ratio = r["requests_per_s"] / hello if hello else 0
                print(
                    f"  {name:16} {r['requests_per_s']:9.0f} req/s  ({ratio:5.1%} de hello)  "
                    f"p99 {r['p99_ms']} ms  non-2xx {r['non_2xx']}  {r['bytes']} octets"
                )
            h11 = load["timeline_h11"]["requests_per_s"] / (load["timeline"]["requests_per_s"] or 1)
            print(f"  h11 (veille serve) / httptools, timeline : {h11:.2f}")
            timeline_rps = load["timeline"]["requests_per_s"] or 1
            for name in ("etat", "api_etat"):
                print(f"  {name} / timeline : {load[name]['requests_per_s'] / timeline_rps:.2f}")
            print(
                f"  etat / timeline (h11) : {load['etat_h11']['requests_per_s'] / (load['timeline_h11']['requests_per_s'] or 1):.2f}"
            )
            print(
                f"  cible timeline >= 1500 req/s : {'atteinte' if load['timeline']['requests_per_s'] >= 1500 else 'NON atteinte'}"
            )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print(f"résultats : {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
