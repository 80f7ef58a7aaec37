"""Main text: our extraction against trafilatura's default extract() on trafilatura's public evaluation set.

Usage: VEILLE_TRAFILATURA_EVAL=/path/to/trafilatura-checkout python bench/text_bench.py [--limit N] [--worst K]
The set is tests/evaldata.json with the pages under tests/eval/ (and tests/cache/) of a local clone of
adbar/trafilatura. Scoring is trafilatura's own (tests/eval_common.py): per page, each "with" string found in
the whitespace-normalised text is a true positive, each "without" string found a false positive; precision,
recall and F1 over all pages. Ours is app.extract.extract (fast path plus fallback, the sources file's site
rules where a source's host matches); a page it rejects counts as an empty text, as trafilatura's own
evaluation counts a crash. Not run in CI: the pages are third-party and stay outside.
Target (issue 11): our F1 >= trafilatura's, our time per page <= its time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from app.config import Settings  # noqa: E402
from app.extract import ExtractionError, SiteRules, extract  # noqa: E402
from app.scrapers.registry import load_sources  # noqa: E402

ENV = "VEILLE_TRAFILATURA_EVAL"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count(item: dict, result: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page, as trafilatura's eval_common.count_item does."""
    res = norm(result)
    tp = sum(1 for w in item["with"] if norm(w) in res)
    fp = sum(1 for w in item["without"] if norm(w) in res)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(c: list[int]) -> tuple[float, float, float]:
    tp, fp, fn, _tn = c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def site_rules() -> dict[str, SiteRules]:
    """Host -> rules of the configured sources (the packaged sources file unless VEILLE_SOURCES_FILE)."""
    out: dict[str, SiteRules] = {}
    for src in load_sources(Settings().sources_file):
        if src.rules is not None:
            out[src.host.removeprefix("www.")] = src.rules
    return out


def ours(rules: dict[str, SiteRules]) -> Callable[[bytes, str], str]:
    def run(raw: bytes, url: str) -> str:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        try:
            return extract(raw, url=url, rules=rules.get(host)).text
        except ExtractionError:
            return ""

    return run


def theirs(raw: bytes, url: str) -> str:
    return trafilatura.extract(raw, url=url) or ""


def theirs_with_metadata(raw: bytes, url: str) -> str:
    """trafilatura doing the work we do on every page: the text plus title, author and date (htmldate)."""
    return trafilatura.extract(raw, url=url, with_metadata=True) or ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted by URL)")
    ap.add_argument(
        "--worst", type=int, default=0, help="list the K pages where we lose most against trafilatura"
    )
    args = ap.parse_args(argv)
    root = os.environ.get(ENV)
    if not root:
        print(
            f"{ENV} is not set: point it at a local clone of adbar/trafilatura (see bench/pages.mk); skipped."
        )
        return 0
    tests = Path(root) / "tests"
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(data):
        for sub in ("cache", "eval"):
            p = tests / sub / data[url]["file"]
            if p.is_file():
                pages.append((url, data[url], p.read_bytes()))
                break
    if args.limit:
        pages = pages[: args.limit]
    runners = {
        "ours (app.extract)": ours(site_rules()),
        "trafilatura extract()": theirs,
        "trafilatura extract(with_metadata=True)": theirs_with_metadata,
    }
    for fn in runners.values():  # imports and caches (dateparser, htmldate, trafilatura's settings) load once
        fn(pages[0][2], pages[0][0])
    totals = {name: [0, 0, 0, 0] for name in runners}
    times = dict.fromkeys(runners, 0.0)
    per_page: dict[str, list[tuple[int, int, int, int]]] = {name: [] for name in runners}
    for url, item, raw in pages:
        for name, fn in runners.items():
            t0 = time.perf_counter()
            text = fn(raw, url)
            times[name] += time.perf_counter() - t0
            c = count(item, text)
            per_page[name].append(c)
            totals[name] = [a + b for a, b in zip(totals[name], c, strict=True)]
    print(f"{len(pages)} pages\n")
    print("| extractor | precision | recall | F1 | time per page |")
    print("|---|---|---|---|---|")
    for name in runners:
        p, r, f = scores(totals[name])
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {1000 * times[name] / len(pages):.1f} ms |")
    if args.worst:
        names = list(runners)
        diffs = []
        for i, (url, _item, _raw) in enumerate(pages):
            a, b = per_page[names[0]][i], per_page[names[1]][i]
            diffs.append(((b[0] - b[1]) - (a[0] - a[1]), url, a, b))
        for d, url, a, b in sorted(diffs, reverse=True)[: args.worst]:
            print(f"{d:+d} ours(tp,fp,fn,tn)={a} theirs={b} {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
