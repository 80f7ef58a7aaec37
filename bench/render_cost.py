"""CPU of the first render of a page (issue 14): process CPU time per URL nobody asked for yet, per family,
for this code and a baseline git revision in the same run, on copies of the same corpus; and whether both
gave the same bytes for every URL.

    .venv/bin/python bench/render_cost.py                       # 200 URLs per family, baseline: merge-base
    .venv/bin/python bench/render_cost.py --n 50 --baseline ''  # this code only

In-process: the real app (create_app, its lifespan, its middleware) driven through httpx's ASGITransport in
one event loop; `time.process_time()` counts every thread of the process (the handlers run in the thread
pool), the client's own work included (the same for both revisions). Before measuring, a warm-up pass over
other URLs of each family fills what the server keeps per state of the data (entity list, each entity's
recent articles, search answers), as it is after a few seconds of traffic. Each revision runs in its own
process on its own copy of the corpus (VEILLE_BENCH_CACHE, `cached_url("sqlite", N)`), copied to a temporary
directory first: the app writes its build stamp at start-up, the cached corpus is never written.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

FAMILIES = (
    "article",
    "api_article",
    "recherche",
    "api_articles",
    "incident",
    "api_incident",
    "entité",
    "api_entity",
    "timeline",  # few distinct URLs, none kept for the warm-up; compared for their shared templates and shapes
    "flux",
)
FEW = ("timeline", "flux")
# a few hundred entities only: every entity page, with and without ?type= (a distinct URL, the same entity
# unless a company and a product share the slug); no warm-up (nothing is kept per entity)
ENTITY_FAMILIES = ("entité", "api_entity")
NO_WARM = FEW + ENTITY_FAMILIES
LOAD_FAMILY = {"api_article": "article", "api_incident": "incident", "api_entity": "entité"}


def draw_urls(db_url: str, n: int, seed: int) -> dict[str, list[str]]:
    """n distinct URLs per family, drawn as the load benchmark draws them (bench/load_bench.py `draw`)."""
    sys.path.insert(0, str(ROOT))
    from load_bench import Corpus, draw

    c = Corpus(db_url)
    rnd = random.Random(seed)
    out: dict[str, list[str]] = {}
    for family in FAMILIES:
        if family in ENTITY_FAMILIES:
            base = "/api/entites/" if family == "api_entity" else "/entites/"
            paths = [base + s + t for s in c.entities for t in ("", "?type=produit", "?type=entreprise")]
            rnd.shuffle(paths)
            out[family] = paths[:n]
            continue
        seen: dict[str, None] = {}
        for _ in range(n * 50):
            if len(seen) >= n:
                break
            path = draw(LOAD_FAMILY.get(family, family), c, rnd)
            seen["/api" + path if family in LOAD_FAMILY else path] = None
        out[family] = list(seen)
    return out


async def _measure(db_url: str, urls: dict[str, list[str]], warm: dict[str, list[str]], bodies: Path) -> dict:
    import httpx

    from app.config import Settings
    from app.main import create_app

    app = create_app(Settings(database_url=db_url))
    results: dict[str, dict] = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for family in FAMILIES:  # warm-up: what is kept per state of the data, as under load
                for path in warm[family]:
                    await client.get(path)
            bodies.mkdir(parents=True, exist_ok=True)
            for family in FAMILIES:
                cpu: list[float] = []
                digests: dict[str, str] = {}
                statuses: dict[int, int] = {}
                with (bodies / f"{family}.jsonl").open("w") as out:
                    for path in urls[family]:
                        t = time.process_time()
                        r = await client.get(path)
                        cpu.append((time.process_time() - t) * 1000)
                        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                        digests[path] = hashlib.sha256(r.content).hexdigest()
                        out.write(json.dumps({"path": path, "status": r.status_code, "body": r.text}) + "\n")
                results[family] = {
                    "mean": statistics.fmean(cpu),
                    "p50": statistics.median(cpu),
                    "p95": sorted(cpu)[int(0.95 * (len(cpu) - 1))],
                    "statuses": statuses,
                    "digests": digests,
                }
    return results


def worker(a: argparse.Namespace) -> None:
    """One revision, in this process (PYTHONPATH points at its code)."""
    spec = json.loads(Path(a.urls).read_text())
    res = asyncio.run(_measure(a.db, spec["urls"], spec["warm"], Path(a.bodies)))
    Path(a.out).write_text(json.dumps(res))


def code_of(ref: str, into: Path) -> Path:
    """The app as it was at git revision `ref` (git archive: the repository is not touched)."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", ref, "app"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def copy_db(src: str, dst: Path) -> str:
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    return f"sqlite:///{dst}"


def run(label: str, code: Path, db: str, spec: Path, tmpd: Path) -> dict:
    out = tmpd / f"{label}.json"
    env = {**os.environ, "PYTHONPATH": str(code), "VEILLE_LOG_LEVEL": "WARNING"}
    cmd = [sys.executable, __file__, "--worker", "--db", db, "--urls", str(spec), "--out", str(out)]
    subprocess.run([*cmd, "--bodies", str(tmpd / f"bodies-{label}")], env=env, check=True, cwd=tmpd)
    return json.loads(out.read_text())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def compare(tmpd: Path, family: str) -> tuple[int, int, int, list[str]]:
    """(identical, same but for whitespace, different, a few differing paths) over the family's URLs."""
    read = lambda label: [json.loads(x) for x in (tmpd / f"bodies-{label}" / f"{family}.jsonl").open()]  # noqa: E731
    same = ws = diff = 0
    bad: list[str] = []
    for x, y in zip(read("avant"), read("après"), strict=True):
        if (x["status"], x["body"]) == (y["status"], y["body"]):
            same += 1
        elif x["status"] == y["status"] and _squash(x["body"]) == _squash(y["body"]):
            ws += 1
        else:
            diff += 1
            bad.append(x["path"])
    return same, ws, diff, bad[:5]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=200, help="distinct URLs measured per family")
    p.add_argument("--warm", type=int, default=150, help="other URLs per family visited first")
    p.add_argument("--articles", type=int, default=100_000, help="size of the cached corpus")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument(
        "--baseline", default="merge-base", help="git revision ('' for none; default: merge-base main)"
    )
    p.add_argument("--reuse", action="store_true", help="with --keep: the URLs and baseline of the last run")
    p.add_argument("--keep", help="directory where bodies and results are kept (default: a temporary one)")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--urls", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--bodies", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.worker:
        worker(a)
        return
    from gen_articles import cached_url
    from sqlalchemy.engine import make_url

    src = make_url(cached_url("sqlite", a.articles)).database or ""
    if not Path(src).exists():
        sys.exit(f"pas de corpus en cache : {src} (bench/gen_articles.py)")
    if a.baseline == "merge-base":
        a.baseline = subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="render-cost-") as tmp:
        tmpd = Path(a.keep) if a.keep else Path(tmp)
        tmpd.mkdir(parents=True, exist_ok=True)
        db = copy_db(src, tmpd / "après.db")
        if not (a.reuse and (tmpd / "urls.json").exists()):
            drawn = draw_urls(db, a.n + a.warm, a.seed)
            spec = {
                "urls": {f: u[0 if f in NO_WARM else a.warm :][: a.n] for f, u in drawn.items()},
                "warm": {f: u[: 0 if f in NO_WARM else a.warm] for f, u in drawn.items()},
            }
            (tmpd / "urls.json").write_text(json.dumps(spec))
        results = {}
        if a.reuse and (tmpd / "avant.json").exists():  # the baseline of an earlier run, same URLs
            results["avant"] = json.loads((tmpd / "avant.json").read_text())
        elif a.baseline:
            code = code_of(a.baseline, tmpd / "baseline")
            results["avant"] = run("avant", code, copy_db(src, tmpd / "avant.db"), tmpd / "urls.json", tmpd)
            (tmpd / "avant.db").unlink()
        results["après"] = run("après", ROOT, db, tmpd / "urls.json", tmpd)
        print(f"CPU du processus par premier rendu (ms), {a.articles} articles, {a.n} URL par famille")
        head = f"{'famille':<14}" + "".join(f"{k + ' moy/p50/p95':>26}" for k in results)
        print(head + ("   identiques / espaces / différentes" if "avant" in results else ""))
        for f in FAMILIES:
            row = f"{f:<14}"
            for r in results.values():
                x = r[f]
                row += f"{x['mean']:>12.2f}{x['p50']:>7.2f}{x['p95']:>7.2f}"
            if a.baseline:
                same, ws, diff, bad = compare(tmpd, f)
                row += f"   {same} / {ws} / {diff}" + (f"  ex. {bad}" if bad else "")
            print(row + f"   {results['après'][f]['statuses']}")


if __name__ == "__main__":
    main()
