"""Bulk import benchmark (issue 14): `veille ingest DIR` and `veille ingest --warc` against bare trafilatura.

Reports, in the same run and on the same pages (French news pages of real size, 30–120 KB: tests/pagegen.py
articles wrapped in bench/realsize.py chrome; `--plain`: the crawl benchmark's pages, without that chrome):
- `veille ingest DIR` end to end (the whole process: start-up, migrations, pool, database), pages/s;
- `veille ingest --warc` on a WARC (gzip, one member per record, a request record before each response, as
  crawlers write them) holding the same pages, pages/s, and the same for a resume that finds nothing left;
- trafilatura's bare_extraction alone, one process (the baseline, measured before and after the CLI runs);
- the ratios of both to the baseline (goal: ingest at least as fast as the crawl path, ≥ 1 on 2 cores).
Run: make bench-ingest   (or python bench/ingest_bench.py --pages 1000)
`--app-root DIR` runs the CLI of another checkout (e.g. `git archive` of an older commit) for a before/after.
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

from bench.crawl_bench import tree_rss  # noqa: E402
from bench.realsize import inflate, real_size  # noqa: E402
from tests.pagegen import article_page  # noqa: E402

BASE = "https://banc-import.example"


def make_pages(n: int, plain: bool = False) -> list[bytes]:
    """N French article pages of real size (one in ten off-topic), deterministic; `plain`: without the real-size
    chrome (the crawl benchmark's pages)."""
    pages = (article_page(i, BASE, ai=i % 10 != 9) for i in range(n))
    return list(pages) if plain else [inflate(raw, real_size(i), seed=i) for i, raw in enumerate(pages)]


def trafilatura_rate(pages: list[bytes]) -> tuple[float, float]:
    """Trafilatura's bare_extraction alone, one process, same options as app.extract: (pages per second, CPU
    milliseconds per page)."""
    import trafilatura
    from trafilatura.deduplication import LRU_TEST

    elapsed = cpu = 0.0
    for i, raw in enumerate(pages):
        LRU_TEST.clear()  # as in the workers: each page stands alone
        t0, c0 = time.perf_counter(), time.process_time()
        trafilatura.bare_extraction(
            raw.decode("utf-8"),
            url=f"{BASE}/a/{i}.html",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=True,
        )
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
    return len(pages) / elapsed, 1000 * cpu / len(pages)


def write_warc(pages: list[bytes], path: Path) -> None:
    """The pages as HTTP responses in a gzipped WARC, each after its request record."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, raw in enumerate(pages):
            url = f"{BASE}/a/{i}.html"
            req = StatusAndHeaders(f"GET /a/{i}.html HTTP/1.1", [("Host", BASE[8:])], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=BytesIO(raw), http_headers=http)
            )


def run_cli(args: list[str], tmp: Path, app_root: Path, workers: int) -> tuple[float, float, float]:
    """One `python -m app ARGS` on the database of `tmp`: (wall seconds, CPU seconds of its process tree, CPU
    seconds of its main process)."""
    env = dict(
        os.environ,
        PYTHONPATH=str(app_root),
        VEILLE_DATA_DIR=str(tmp),
        VEILLE_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        VEILLE_SOURCES_FILE=str(tmp / "sources.toml"),
        VEILLE_CRAWL_WORKERS=str(workers),
    )
    cpu: dict[int, float] = {}
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=app_root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    done = threading.Event()

    def sample() -> None:  # CPU seconds of every process of the tree, last seen (workers exit before us)
        while not done.is_set():
            tree_rss(child.pid, cpu)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = child.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if child.returncode not in (0, 1):  # 1: some pages are errors, which a bench run does not produce
        raise SystemExit(f"ingest failed ({child.returncode}):\n{err[-3000:]}")
    return wall, sum(cpu.values()), cpu.get(child.pid, 0.0)


def stored(tmp: Path) -> int:
    import sqlite3

    con = sqlite3.connect(tmp / "bench.db")
    try:
        return int(con.execute("SELECT count(*) FROM article").fetchone()[0])
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-root", type=Path, default=ROOT, help="checkout whose CLI is measured")
    parser.add_argument("--no-warc", action="store_true", help="skip the WARC figures (older checkouts)")
    parser.add_argument(
        "--plain", action="store_true", help="the crawl benchmark's pages, without real-size chrome"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    pages = make_pages(args.pages, args.plain)
    size = sum(map(len, pages)) / len(pages)
    fig: dict[str, float] = {"pages": args.pages, "avg_page_kb": size / 1024}
    before = trafilatura_rate(pages)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as name:
        tmp = Path(name)
        (tmp / "sources.toml").write_text(
            f'[[sources]]\nname = "Banc import"\nhomepage = "{BASE}/"\nfeeds = []\n', encoding="utf-8"
        )
        folder = tmp / "pages"
        folder.mkdir()
        for i, raw in enumerate(pages):
            (folder / f"{i:06d}.html").write_bytes(raw)
        wall, cpu, main_cpu = run_cli(["ingest", str(folder)], tmp, args.app_root, args.workers)
        fig.update(
            dir_wall_s=wall,
            dir_pages_per_s=args.pages / wall,
            dir_cpu_ms_per_page=1000 * cpu / args.pages,
            dir_main_cpu_ms_per_page=1000 * main_cpu / args.pages,
            dir_stored=stored(tmp),
        )
        if not args.no_warc:
            warc = tmp / "banc.warc.gz"
            write_warc(pages, warc)
            (tmp / "bench.db").unlink()
            wall, cpu, main_cpu = run_cli(["ingest", "--warc", str(warc)], tmp, args.app_root, args.workers)
            fig.update(
                warc_main_cpu_ms_per_page=1000 * main_cpu / args.pages,
                warc_mb=warc.stat().st_size / 2**20,
                warc_wall_s=wall,
                warc_pages_per_s=args.pages / wall,
                warc_cpu_ms_per_page=1000 * cpu / args.pages,
                warc_stored=stored(tmp),
            )
            # the same file again: everything was done, the recorded position skips it whole
            fig["warc_again_wall_s"] = run_cli(
                ["ingest", "--warc", str(warc)], tmp, args.app_root, args.workers
            )[0]
    after = trafilatura_rate(pages)
    # the baseline brackets the CLI runs (once before, once after): a machine whose load changes during the
    # run weighs on both sides of the ratio alike
    fig["trafilatura_pages_per_s"] = 2 / (1 / before[0] + 1 / after[0])
    fig["trafilatura_cpu_ms_per_page"] = (before[1] + after[1]) / 2
    cores = os.cpu_count() or 1
    for kind in ("dir", "warc"):
        if f"{kind}_pages_per_s" in fig:
            fig[f"{kind}_vs_trafilatura"] = fig[f"{kind}_pages_per_s"] / fig["trafilatura_pages_per_s"]
            # what the CPU spent allows on an idle machine of this size, against trafilatura on one core: the
            # cores share all of it, the main process does its part alone, each worker its share of the rest
            traf, total = fig["trafilatura_cpu_ms_per_page"], fig[f"{kind}_cpu_ms_per_page"]
            main_cpu = fig[f"{kind}_main_cpu_ms_per_page"]
            bounds = [cores * traf / total, traf / main_cpu]
            if (
                total > main_cpu * 1.05
            ):  # workers did the extraction (older checkouts extract in the main process)
                bounds.append(args.workers * traf / (total - main_cpu))
            fig[f"{kind}_ceiling_vs_trafilatura"] = min(bounds)
    fig["load_average_1m"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(fig, indent=2))
        return 0
    print(
        f"{args.pages} pages (moyenne {size / 1024:.0f} Ko), {os.cpu_count()} cœurs, {args.workers} workers, "
        f"charge de la machine {fig['load_average_1m']:.1f}, code mesuré : {args.app_root}"
    )
    print(
        f"trafilatura seul, 1 processus : {fig['trafilatura_pages_per_s']:.1f} pages/s "
        f"({fig['trafilatura_cpu_ms_per_page']:.1f} ms CPU/page)"
    )
    for kind, label in (("dir", "veille ingest DOSSIER"), ("warc", "veille ingest --warc")):
        if f"{kind}_pages_per_s" not in fig:
            continue
        print(
            f"{label} : {fig[f'{kind}_pages_per_s']:.1f} pages/s ({fig[f'{kind}_wall_s']:.1f} s, "
            f"{fig[f'{kind}_stored']:.0f} articles) = {fig[f'{kind}_vs_trafilatura']:.2f} × trafilatura seul ; "
            f"{fig[f'{kind}_cpu_ms_per_page']:.1f} ms CPU/page (tous processus, dont principal "
            f"{fig[f'{kind}_main_cpu_ms_per_page']:.1f}), plafond sur machine libre "
            f"{fig[f'{kind}_ceiling_vs_trafilatura']:.2f} × trafilatura seul"
        )
    if "warc_again_wall_s" in fig:
        print(
            f"  archive de {fig['warc_mb']:.1f} Mo ; la même une seconde fois (position enregistrée) : "
            f"{fig['warc_again_wall_s']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
