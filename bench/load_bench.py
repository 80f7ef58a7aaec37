"""Mixed-load benchmark: the site and the API under 50 connections, weighted as real traffic would be, against a
real uvicorn with 2 workers over the cached 100,000-article corpus (bench/gen_articles.py), the code of a
baseline git revision (default: where this branch left main) measured in the same run on a copy of the same
corpus, its schema downgraded to that revision's.

    make bench-load                                        # 100,000 articles, 50 connections, 2 workers, 30 s
    make bench-load LOAD_BENCH_ARGS="--seconds 10 --n 20000"

The load comes from wrk (a Lua script draws every request from a weighted list of paths; `apt-get install wrk`).
Without wrk the benchmark says so and uses a bounded Python loader (asyncio + httpx), which itself takes CPU from
the server on a small machine. Before the load, each family of pages is measured alone (one client, URLs not
seen yet: the cost of a page nobody asked for since the data changed), and /api/entities on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from gen_articles import cached_url, ensure_corpus  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

WORDS = [
    "panne",
    "pannes",
    "modèle",
    "génération",
    "données",
    "serveurs",
    "régulation",
    "européenne",
    "abonnement",
    "ChatGPT",
    "Claude",
    "Gemini",
    "Le Chat",
    '"intelligence artificielle"',
    "lancement",
    "sécurité",
    "CNIL",
    "puces",
    "école",
    "santé",
    "agents",
    "navigateur",
    "Copilot",
    "voix",
    "traduction",
    "emploi",
    "énergie",
    "milliards",
    "régul*",
    "zorglub",
]
# Requests per 100, by family (a reader's visits: the timeline and articles first, the API for a few clients).
MIX = {
    "timeline": 14,
    "recherche": 18,
    "article": 22,
    "incident": 8,
    "entité": 7,
    "flux": 5,
    "api_articles": 12,
    "api_entities": 5,
    "api_sources": 3,
    "pages fixes": 6,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Corpus:
    """What the paths are drawn from: ids and slugs read from the corpus database."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import text

        from app.db import make_engine

        engine = make_engine(url)
        with engine.connect() as c:
            self.max_article = c.execute(text("SELECT max(id) FROM article")).scalar() or 1
            self.incidents = list(c.execute(text("SELECT id FROM incident ORDER BY id")).scalars())
            self.entities = list(
                c.execute(
                    text(
                        "SELECT DISTINCT e.slug FROM entity e JOIN article_entity ae ON ae.entity_id = e.id "
                        "ORDER BY e.slug"
                    )
                ).scalars()
            )
            self.products = list(
                c.execute(
                    text(
                        "SELECT slug FROM entity WHERE kind = 'product' AND id IN "
                        "(SELECT entity_id FROM incident_entity) ORDER BY slug"
                    )
                ).scalars()
            )
            self.sources = list(c.execute(text("SELECT slug FROM source ORDER BY slug")).scalars())
        engine.dispose()


def draw(family: str, c: Corpus, rnd: random.Random) -> str:
    """One path of a family."""
    if family == "timeline":
        return rnd.choice(
            [
                "/",
                "/",
                "/",
                f"/?product={rnd.choice(c.products)}",
                "/?kind=outage",
                f"/?year={rnd.choice([2023, 2024, 2025])}",
                f"/?page={rnd.randint(2, 5)}",
            ]
        )
    if family in ("recherche", "api_articles"):
        params = [f"q={quote(rnd.choice(WORDS))}"] if rnd.random() < 0.85 else []
        if rnd.random() < 0.15:
            params.append(f"product={rnd.choice(c.products)}")
        if rnd.random() < 0.1:
            params.append("sort=date")
        page = rnd.choices([1, 2, 3, 4, 5, 10], weights=[60, 15, 8, 5, 4, 3])[0]
        if page > 1:
            params.append(f"page={page}")
        if family == "api_articles":
            params.append(f"per_page={rnd.choice([10, 20, 20, 50, 100])}")
            return "/api/articles?" + "&".join(params)
        return "/recherche" + ("?" + "&".join(params) if params else "")
    if family == "article":
        return f"/articles/{rnd.randint(1, c.max_article)}"
    if family == "incident":
        return f"/incidents/{rnd.choice(c.incidents)}"
    if family == "entité":
        return f"/entites/{rnd.choice(c.entities)}"
    if family == "flux":
        return rnd.choice(
            ["/flux/pannes.atom", "/flux/pannes.json", f"/flux/pannes.atom?product={rnd.choice(c.products)}"]
        )
    if family == "api_entities":
        return "/api/entities"
    if family == "api_sources":
        return "/api/sources"
    return rnd.choice(["/entites", "/sources", "/recherche"])


def mix(c: Corpus, n: int, seed: int) -> list[str]:
    """n paths drawn with the MIX weights."""
    rnd = random.Random(seed)
    families = rnd.choices(list(MIX), weights=list(MIX.values()), k=n)
    return [draw(f, c, rnd) for f in families]


def lua_script(paths: list[str], path: Path) -> None:
    """A wrk script that sends a random path of the list on every request (one seed per wrk thread)."""
    items = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    path.write_text(
        "local paths = {\n" + items + "\n}\n"
        "local counter = 0\n"
        "function setup(thread) counter = counter + 1; thread:set('seed', counter) end\n"
        "function init(args) math.randomseed(seed * 7919) end\n"
        "function request() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )


def start_server(
    code_dir: Path, db_url: str, port: int, workers: int, http: str = "h11", shared: Path | None = None
) -> subprocess.Popen:
    """uvicorn with `workers` processes, as `veille serve --workers N` runs it (h11 and bounded request heads by
    default; `http="httptools"` is VEILLE_HTTP_PARSER=httptools). `shared`: a new, empty directory for the
    answers the workers share (else those of an earlier run of the same code on the same corpus would be
    served: the benchmark would measure a warm cache)."""
    env = {
        **os.environ,
        **({"VEILLE_SHARED_CACHE": str(shared)} if shared else {}),
        "PYTHONPATH": str(code_dir),
        "VEILLE_DATABASE_URL": db_url,
        "VEILLE_LOG_LEVEL": "WARNING",
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--http",
        http,
        "--h11-max-incomplete-event-size",
        "16384",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, cwd=code_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "uvicorn exited")
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("uvicorn did not start")


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants (Linux /proc; 0 elsewhere).

    Divided by the requests served, it is what a request costs whatever the other jobs of the machine do to
    the wall-clock figures."""
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        entries = [d for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return 0.0
    for d in entries:
        try:
            fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(d))
        used[int(d)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += used.get(p, 0.0)
        todo += children.get(p, [])
    return total


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def cold_costs(
    base: str, c: Corpus, per_family: int, seed: int, pid: int = 0
) -> dict[str, tuple[float, float, float]]:
    """Per family: p50 and p95 ms of pages nobody asked for yet, one client, and the server's CPU ms per
    request (process `pid` and its workers)."""
    rnd = random.Random(seed)
    out = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for family in MIX:
            times = []
            cpu = server_cpu(pid) if pid else 0.0
            for _ in range(per_family):
                path = draw(family, c, rnd)
                t = time.perf_counter()
                r = client.get(path)
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (path, r.status_code)
            cpu_ms = (server_cpu(pid) - cpu) * 1000 / per_family if pid else float("nan")
            out[family] = (statistics.median(times), pct(times, 95), cpu_ms)
    return out


def entities_cost(base: str, calls: int) -> tuple[float, float, float]:
    """/api/entities: the first call (nothing computed yet in this worker) and then p50/p95 of `calls`."""
    with httpx.Client(base_url=base, timeout=60) as client:
        t = time.perf_counter()
        assert client.get("/api/entities").status_code == 200
        first = (time.perf_counter() - t) * 1000
        times = []
        for _ in range(calls):
            t = time.perf_counter()
            client.get("/api/entities")
            times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times), pct(times, 95)


def run_wrk(base: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def latency(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        return float(m.group(1)) * scale[m.group(2)] if m else float("nan")

    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "p50": latency("50"),
        "p90": latency("90"),
        "p99": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
    }


def run_httpx(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    """The fallback loader: `connections` keep-alive clients drawing from the same paths, bounded in time."""

    async def main() -> dict[str, float]:
        lat: list[float] = []
        bad = 0
        stop = time.monotonic() + seconds
        rnd = random.Random(5)
        limits = httpx.Limits(max_connections=connections)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

            async def worker() -> None:
                nonlocal bad
                while time.monotonic() < stop:
                    t = time.perf_counter()
                    r = await client.get(rnd.choice(paths), headers={"Accept-Encoding": "gzip"})
                    lat.append((time.perf_counter() - t) * 1000)
                    bad += not 200 <= r.status_code < 400

            t0 = time.monotonic()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.monotonic() - t0
        return {
            "rps": len(lat) / elapsed,
            "requests": len(lat),
            "p50": pct(lat, 50),
            "p90": pct(lat, 90),
            "p99": pct(lat, 99),
            "non_2xx": bad,
            "socket_errors": 0,
        }

    return asyncio.run(main())


def baseline_code(ref: str, into: Path) -> Path:
    """The app as it was at git revision `ref` (git archive: the repository is not touched)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref, "app"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def baseline_db(src_url: str, into: Path, code_dir: Path) -> str:
    """A copy of the corpus with the schema of the baseline code (newer revisions downgraded)."""
    from alembic import command
    from alembic.config import Config

    from app.db import MIGRATIONS_DIR, make_engine

    u = make_url(src_url)
    dst = into / "baseline.db"
    with sqlite3.connect(u.database) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    head = _head(code_dir / "app" / "migrations" / "versions")
    engine = make_engine(f"sqlite:///{dst}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, head)
    engine.dispose()
    return f"sqlite:///{dst}"


def _head(versions: Path) -> str:
    """The head revision of a migrations folder (the one no other revision names as its parent)."""
    revs, parents = set(), set()
    for f in versions.glob("*.py"):
        src = f.read_text()
        rev = re.search(r'^revision = "([^"]+)"', src, re.M)
        down = re.search(r'^down_revision = "([^"]+)"', src, re.M)
        if rev:
            revs.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    (head,) = revs - parents
    return head


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"charge {one:.1f} (1 min) / {five:.1f} (5 min) sur {os.cpu_count()} cœurs"


def measure(
    label: str,
    code_dir: Path,
    db_url: str,
    a: argparse.Namespace,
    c: Corpus,
    paths: list[str],
    script: Path | None,
) -> dict:
    port = free_port()
    shared = Path(tempfile.mkdtemp(prefix="veille-answers-"))  # mode 0700, empty
    proc = start_server(code_dir, db_url, port, a.workers, a.http, shared)
    base = f"http://127.0.0.1:{port}"
    try:
        ent = entities_cost(base, 30)
        cold = cold_costs(base, c, a.cold, seed=11, pid=proc.pid)
        before = load()
        cpu = server_cpu(proc.pid)
        res = (
            run_wrk(base, script, a.seconds, a.connections)
            if script
            else run_httpx(base, paths, a.seconds, a.connections)
        )
        res["cpu_ms"] = (server_cpu(proc.pid) - cpu) * 1000 / max(1, res["requests"])
        res["load"] = f"{before} → {load()}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(shared, ignore_errors=True)
    print(f"\n### {label}\n")
    print(
        f"- /api/entities seul : premier appel {ent[0]:.1f} ms, puis p50 {ent[1]:.1f} ms, p95 {ent[2]:.1f} ms"
    )
    print(
        f"- charge mixte : {res['rps']:.0f} req/s, p50 {res['p50']:.0f} ms, p90 {res['p90']:.0f} ms, "
        f"p99 {res['p99']:.0f} ms, {res['requests']} requêtes, non-2xx {res['non_2xx']}, "
        f"erreurs de socket {res['socket_errors']}, CPU du serveur {res['cpu_ms']:.2f} ms par requête "
        f"({res['load']})"
    )
    print(
        "- coût à froid par famille (un client, pages jamais demandées), p50 / p95 ms, CPU du serveur par requête :"
    )
    for family, (p50, p95, cpu_ms) in cold.items():
        print(f"  - {family} : {p50:.1f} / {p95:.1f} ; CPU {cpu_ms:.1f} ms")
    return {"entities": ent, "load": res, "cold": cold}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles in the corpus")
    ap.add_argument("--seconds", type=int, default=30, help="duration of each load run")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cold", type=int, default=10, help="cold requests per family before the load")
    ap.add_argument(
        "--http",
        default="h11",
        choices=["h11", "httptools"],
        help="uvicorn's HTTP parser (h11: what veille serve runs by default)",
    )
    ap.add_argument(
        "--baseline",
        default="merge-base",
        help="git revision measured as the baseline: by default where this branch left main ('' for none)",
    )
    a = ap.parse_args()
    if a.baseline == "merge-base":
        a.baseline = subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()[:12]
    url = cached_url("sqlite", a.n)
    ensure_corpus(url, a.n)
    c = Corpus(url)
    paths = mix(c, 20_000, seed=3)
    families = Counter(p.split("?")[0].split("/")[1] or "/" for p in paths)
    use_wrk = shutil.which("wrk") is not None
    print(
        f"# Charge mixte : {a.n} articles, {len(c.incidents)} incidents, {a.connections} connexions, "
        f"{a.workers} workers uvicorn ({a.http}), {a.seconds} s par mesure"
    )
    print(
        f"- générateur de charge : {'wrk (script Lua, chemins tirés au hasard)' if use_wrk else 'wrk ABSENT : chargeur Python asyncio/httpx, qui prend lui-même du CPU au serveur (apt-get install wrk)'}"
    )
    print(
        f"- mélange ({len(paths)} chemins tirés selon les poids {MIX}) : premiers segments {dict(families.most_common())}"
    )
    with tempfile.TemporaryDirectory(prefix="veille-load-") as tmp:
        tmpd = Path(tmp)
        script = tmpd / "mix.lua" if use_wrk else None
        if script:
            lua_script(paths, script)
        results = {}
        if a.baseline:
            code = baseline_code(a.baseline, tmpd / "baseline")
            db = baseline_db(url, tmpd, code)
            results["avant"] = measure(f"avant : code de `{a.baseline}`", code, db, a, c, paths, script)
        results["après"] = measure("après : cette branche", ROOT, url, a, c, paths, script)
    if "avant" in results:
        b, n = results["avant"]["load"], results["après"]["load"]
        print("\n| mesure | avant | après | après/avant |\n|---|---:|---:|---:|")
        print(f"| req/s | {b['rps']:.0f} | {n['rps']:.0f} | {n['rps'] / b['rps']:.2f} |")
        for k in ("p50", "p90", "p99"):
            print(f"| {k} (ms) | {b[k]:.0f} | {n[k]:.0f} | {n[k] / b[k]:.2f} |")
        be, ne = results["avant"]["entities"], results["après"]["entities"]
        print(f"| /api/entities p50 (ms) | {be[1]:.1f} | {ne[1]:.1f} | {ne[1] / be[1]:.2f} |")
        bc, nc = b["cpu_ms"], n["cpu_ms"]
        print(f"| CPU du serveur par requête (ms) | {bc:.2f} | {nc:.2f} | {nc / bc:.2f} |")
    n = results["après"]
    ok = n["load"]["rps"] >= 600 and n["load"]["p99"] <= 500 and n["entities"][1] <= 10
    print(
        f"\nObjectif (≥ 600 req/s, p99 ≤ 500 ms, /api/entities ≤ 10 ms) : {'atteint' if ok else 'NON atteint'} ; {load()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
