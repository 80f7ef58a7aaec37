"""Analysis cost against extraction cost, per page, over the demo and evaluation pages (same run).

Usage: python bench/analysis_bench.py [--pages-dir DIR ...] [--repeat N] [--bare]
Target (issues 4 and 10): analysing one article costs at most 25 % of extracting it, on pages of real size
(30–120 KB): each labelled page is wrapped in the chrome of a real news page (bench/realsize.py) before timing.
`--bare` times the labelled pages as they are (about 4 KB, chrome-less): reported for comparison, not the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analysis import analyse_document  # noqa: E402
from app.analysis.entities import gazetteer  # noqa: E402
from app.extract import ExtractionError, extract  # noqa: E402
from bench.realsize import inflate, real_size  # noqa: E402

DEFAULT_DIRS = (ROOT / "tests/eval/pages", ROOT / "app/demo/pages")
TARGET = 0.25


def pages(dirs: list[Path]) -> list[Path]:
    """Every HTML page under the given folders."""
    return sorted(p for d in dirs if d.exists() for p in d.rglob("*.html"))


def measure(paths: list[Path], repeat: int, bare: bool = False) -> list[tuple[Path, float, float]]:
    """(page, best extraction seconds, best analysis seconds) for each page that extracts."""
    gazetteer()  # built once per process, like in a worker: not a per-article cost
    rows = []
    for i, p in enumerate(paths):
        raw = p.read_bytes() if bare else inflate(p.read_bytes(), real_size(i), i)
        ext: list[float] = []
        ana: list[float] = []
        doc = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            try:
                doc = extract(raw, url="https://bench.invalid/" + p.name)
            except ExtractionError:
                doc = None
                break
            t1 = time.perf_counter()
            analyse_document(doc)
            t2 = time.perf_counter()
            ext.append(t1 - t0)
            ana.append(t2 - t1)
        if doc is not None and ext:
            rows.append((p, min(ext), min(ana)))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print per-page and total ratios; exit 1 above the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages-dir", action="append", type=Path)
    ap.add_argument("--repeat", type=int, default=5, help="runs per page (the best is kept)")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument(
        "--bare", action="store_true", help="the labelled pages as they are, without real-size chrome"
    )
    args = ap.parse_args(argv)
    paths = pages(args.pages_dir or list(DEFAULT_DIRS))
    if not paths:
        print("aucune page à mesurer", file=sys.stderr)
        return 2
    rows = measure(paths, args.repeat, args.bare)
    ratios = [a / e for _, e, a in rows]
    total_e = sum(e for _, e, _ in rows)
    total_a = sum(a for _, _, a in rows)
    if args.verbose:
        for (p, e, a), r in zip(rows, ratios, strict=True):
            print(f"{e * 1000:8.2f} ms  {a * 1000:7.2f} ms  {r:6.1%}  {p}")
    print(
        f"pages: {len(rows)} ({'telles quelles' if args.bare else 'taille réelle 30–120 Ko'})  extraction: {total_e * 1000:.1f} ms  analyse: {total_a * 1000:.1f} ms"
    )
    print(
        f"ratio analyse/extraction: total {total_a / total_e:.1%}, médiane par page {statistics.median(ratios):.1%}, "
        f"pire page {max(ratios):.1%} (cible ≤ {TARGET:.0%})"
    )
    return 0 if total_a / total_e <= TARGET and statistics.median(ratios) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
