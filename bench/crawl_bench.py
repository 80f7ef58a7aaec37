"""Crawl benchmark: `veille crawl` on N generated French pages from a local server, politeness delays off.

Reports, in the same run and on the same pages:
- end-to-end crawl rate (pages/s, whole `veille crawl` process: start-up, downloads, pool, database);
- trafilatura extraction alone, single process (the baseline; goal: crawl >= 1.5x on 2 cores);
- app.extract.extract() and app.analysis.analyse_document() per article (issue 4 wants analysis <= 25 % of extraction);
- peak RSS of the crawl's whole process tree (goal: < 500 MB);
- the same peak under the worst hostile scenario, in the same run: a crawl of normal pages mixed with
  decompression bombs (1 GiB of zeros behind `Content-Encoding: gzip, gzip`, about 1 KB on the wire) and
  pages at the 5 MB cap (the most a worker is ever given to extract; the pool's time and memory limits,
  VEILLE_CRAWL_EXTRACT_TIMEOUT and VEILLE_CRAWL_WORKER_MAX_MB, stop those that cost more).
Run: make -f bench/crawl.mk bench-crawl   (or python bench/crawl_bench.py --pages 2000)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pagegen import article_page  # noqa: E402

SERVER = r"""
import http.server, sys, zlib
sys.path.insert(0, sys.argv[2])
from tests.pagegen import article_page, feed
n, base, hostile = int(sys.argv[1]), sys.argv[3], int(sys.argv[5])
pages = {f"/a/{i}.html": article_page(i, base, ai=i % 10 != 9) for i in range(n)}
pages["/feed.xml"] = feed(base, n)
pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
def gz(chunks):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join([*(c.compress(x) for x in chunks), c.flush()])
bomb = gz([gz([b"\0" * (1 << 20)] * 1024)])  # 1 GiB of zeros, gzipped twice
para = "<p>Le service a connu une panne de deux heures mardi soir, a indiqué l'éditeur du modèle. </p>".encode()
bombs, big = [], []
for i in range(hostile):  # the worst scenarios: one bomb, or one 5 MB page, for every ten normal pages
    pages[f"/h/{i}.html"] = article_page(i, base).replace(b"</article>", para * 52_000 + b"</article>", 1)[:5 << 20]
    pages[f"/b/{i}.html"] = bomb
    normal = [f"{base}/a/{j}.html" for j in range(10 * i, 10 * i + 10)]
    bombs += [f"{base}/b/{i}.html", *normal]
    big += [f"{base}/h/{i}.html", *normal]
for name, links in (("bombs", bombs), ("big", big)):
    pages[f"/feed-{name}.xml"] = ('<?xml version="1.0"?><rss version="2.0"><channel><title>h</title><link>' + base
        + '/</link><description>h</description>' + "".join(f"<item><link>{u}</link></item>" for u in links)
        + "</channel></rss>").encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms Nagle/delayed-ACK stall between headers and body
    def log_message(self, *a): pass
    def do_GET(self):
        body = pages.get(self.path)
        ctype = "text/html; charset=utf-8" if self.path.endswith(".html") else "application/xml"
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", ctype)
        if self.path.startswith("/b/"):
            self.send_header("Content-Encoding", "gzip, gzip")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")
srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[4])), H)
print("ready", flush=True)
srv.serve_forever()
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss(pid: int, cpu: dict[int, float] | None = None) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc; notes their CPU seconds."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        if cpu is not None:
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                cpu[p] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def baseline(pages: list[bytes], base: str) -> dict[str, float]:
    """Single-process timings on the same pages: trafilatura alone, extract(), analyse_document()."""
    import trafilatura
    from trafilatura.deduplication import LRU_TEST

    from app.analysis import analyse_document
    from app.analysis.entities import gazetteer
    from app.extract import ExtractionError, extract

    gazetteer()
    t_traf = t_extract = t_analyse = cpu_traf = 0.0
    analysed = 0
    for i, raw in enumerate(pages):
        url = f"{base}/a/{i}.html"
        LRU_TEST.clear()  # same as the crawl workers: each page stands alone
        t0, c0 = time.perf_counter(), time.process_time()
        trafilatura.bare_extraction(
            raw.decode("utf-8"),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=True,
        )
        t_traf += time.perf_counter() - t0
        cpu_traf += time.process_time() - c0
        LRU_TEST.clear()
        t0 = time.perf_counter()
        try:
            doc = extract(raw, url=url)
        except ExtractionError:
            continue
        t1 = time.perf_counter()
        analyse_document(doc)
        t2 = time.perf_counter()
        t_extract += t1 - t0
        t_analyse += t2 - t1
        analysed += 1
    n = len(pages)
    return {
        "trafilatura_pages_per_s": n / t_traf,
        "extract_ms": 1000 * t_extract / analysed,
        "analyse_ms": 1000 * t_analyse / analysed,
        "trafilatura_ms": 1000 * t_traf / n,
        "trafilatura_cpu_ms": 1000 * cpu_traf / n,
        "analysis_share_of_extraction": t_analyse / t_extract,
    }


def run_crawl(n: int, tmp: Path, base: str, workers: int, feed: str = "/feed.xml") -> dict[str, float]:
    sources = tmp / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "banc"\nhomepage = "{base}/"\nfeeds = ["{base}{feed}"]\ndelay = 0\n'
    )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_SOURCES_FILE=str(sources),
        VEILLE_DATA_DIR=str(tmp),
        VEILLE_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        VEILLE_CRAWL_DELAY_OVERRIDE="0",
        VEILLE_CRAWL_WORKERS=str(workers),
    )
    peak = 0
    cpu: dict[int, float] = {}
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "crawl"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(child.pid, cpu))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"crawl failed ({child.returncode}):\n{out}")
    import sqlite3

    con = sqlite3.connect(tmp / "bench.db")
    stored = con.execute("SELECT count(*) FROM article").fetchone()[0]
    fetched, started, finished, kinds = con.execute(
        "SELECT fetched, started_at, finished_at, errors_by_kind FROM crawl_run"
    ).fetchone()
    # pages the extraction pool stopped (time or memory limit): the hostile pages, when the limits bite
    stopped = sum(
        n for k, n in json.loads(kinds or "{}").items() if k in ("too-slow", "too-heavy", "worker-died")
    )
    con.close()
    from datetime import datetime

    crawl_s = (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()
    return {
        "wall_s": wall,
        "pages_per_s": n / wall,
        "crawl_phase_s": crawl_s,
        "crawl_phase_pages_per_s": n / crawl_s,
        "stored": stored,
        "fetched": fetched,
        "peak_rss_mb": peak / 2**20,
        "extraction_stopped": stopped,
        "main_cpu_ms_per_page": 1000 * cpu.get(child.pid, 0.0) / n,
        "other_cpu_ms_per_page": 1000 * sum(v for k, v in cpu.items() if k != child.pid) / n,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--hostile",
        type=int,
        default=20,
        help="bombs (and 5 MB pages) in the worst-scenario crawl; 0 skips it",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    hostile = min(args.hostile, args.pages // 10)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(args.pages), str(ROOT), base, str(port), str(hostile)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        pages = [article_page(i, base, ai=i % 10 != 9) for i in range(args.pages)]
        size = sum(map(len, pages)) / len(pages)
        with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
            crawl = run_crawl(args.pages, Path(tmp), base, args.workers)
        worst: dict[str, dict[str, float]] = {}
        for name in ("bombs", "big") if hostile else ():
            with tempfile.TemporaryDirectory(prefix="bench-crawl-hostile-") as tmp:
                worst[name] = run_crawl(11 * hostile, Path(tmp), base, args.workers, feed=f"/feed-{name}.xml")
        base_fig = baseline(pages, base)
    finally:
        server.terminate()
        server.wait()
    ratio = crawl["pages_per_s"] / base_fig["trafilatura_pages_per_s"]
    load = os.getloadavg()[0]
    figures = {
        "pages": args.pages,
        "load_average_1m": load,
        "avg_page_kb": size / 1024,
        "cpus": os.cpu_count(),
        **crawl,
        **base_fig,
        **{f"{name}_{k}": v for name, fig in worst.items() for k, v in fig.items()},
        "hostile_pages": hostile,
        "crawl_vs_trafilatura": ratio,
        "crawl_phase_vs_trafilatura": crawl["crawl_phase_pages_per_s"] / base_fig["trafilatura_pages_per_s"],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{args.pages} pages (moyenne {size / 1024:.0f} Ko), {os.cpu_count()} cœurs, {args.workers} workers, "
        f"charge de la machine {load:.1f}"
    )
    print(
        f"crawl de bout en bout : {crawl['pages_per_s']:.1f} pages/s ({crawl['wall_s']:.1f} s, "
        f"{crawl['stored']} articles enregistrés)"
    )
    print(
        f"  dont phase de collecte : {crawl['crawl_phase_pages_per_s']:.1f} pages/s ({crawl['crawl_phase_s']:.1f} s)"
    )
    print(
        f"trafilatura seul, 1 processus : {base_fig['trafilatura_pages_per_s']:.1f} pages/s "
        f"({base_fig['trafilatura_ms']:.1f} ms/page)"
    )
    print(
        f"rapport crawl / trafilatura seul : {ratio:.2f} (objectif ≥ 1,5) ; "
        f"phase de collecte : {figures['crawl_phase_vs_trafilatura']:.2f}"
    )
    print(
        f"extract() : {base_fig['extract_ms']:.1f} ms/article ; analyse_document() : {base_fig['analyse_ms']:.1f} ms/article "
        f"= {100 * base_fig['analysis_share_of_extraction']:.0f} % de l'extraction (objectif ≤ 25 %)"
    )
    print(
        f"CPU par page : processus principal {crawl['main_cpu_ms_per_page']:.1f} ms, "
        f"workers d'extraction {crawl['other_cpu_ms_per_page']:.1f} ms"
    )
    cpu_page = crawl["main_cpu_ms_per_page"] + crawl["other_cpu_ms_per_page"]
    ceiling = (os.cpu_count() or 1) * 1000 / cpu_page
    print(
        f"plafond sur machine libre ({os.cpu_count()} cœurs / {cpu_page:.1f} ms CPU par page) : {ceiling:.1f} pages/s "
        f"= {ceiling / (1000 / base_fig['trafilatura_cpu_ms']):.2f} × trafilatura seul "
        f"({base_fig['trafilatura_cpu_ms']:.1f} ms CPU/page)"
    )
    print(
        f"mémoire de pointe (arbre de processus du crawl) : {crawl['peak_rss_mb']:.0f} Mo (objectif < 500 Mo)"
    )
    for name, label in (("bombs", "bombes gzip, gzip de 1 Gio"), ("big", "pages HTML de 5 Mo")):
        if name in worst:
            fig = worst[name]
            print(
                f"scénario hostile : {hostile} {label} parmi {10 * hostile} pages normales : mémoire de pointe "
                f"{fig['peak_rss_mb']:.0f} Mo, {fig['stored']} articles enregistrés, "
                f"{fig['extraction_stopped']} extractions arrêtées (temps ou mémoire), {fig['wall_s']:.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
