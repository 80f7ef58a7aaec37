"""Publication dates: ours against htmldate's find_date(original_date=True) on htmldate's public evaluation set.

Usage: VEILLE_HTMLDATE_EVAL=/path/to/htmldate-checkout python bench/dates_bench.py [--misses] [--french-misses]
The set is tests/eval_default.json and tests/eval_mediacloud_2020.json of a local clone of adbar/htmldate
(pages under tests/test_set, tests/cache, tests/eval). Not run in CI: the pages are third-party and stay outside.
Target (issue 11): our accuracy >= htmldate's overall, and >= 0.95 on the French pages.

A page counts as French when its <html lang> or og:locale says so; when it declares neither, when French
function words dominate its text. The set itself does not mark languages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from htmldate import find_date  # noqa: E402

from app.extract import page_dates  # noqa: E402

ENV = "VEILLE_HTMLDATE_EVAL"
SETS = ("eval_default.json", "eval_mediacloud_2020.json")
_LANG = re.compile(rb"<html[^>]*?\blang=[\"']?([a-zA-Z]{2})", re.I)
_LOCALE = re.compile(rb"og:locale[\"'][^>]*?content=[\"']([a-zA-Z]{2})", re.I)
_FR_WORDS = re.compile(r"\b(?:les|des|est|une|dans|pour|qui|avec|sur|aux|du|pas|sont)\b")
_EN_WORDS = re.compile(r"\b(?:the|and|is|of|to|in|that|for|with|on|are|was)\b")
_DE_WORDS = re.compile(r"\b(?:der|die|und|das|ist|nicht|mit|den|von|sich|auf)\b")


@dataclass
class Page:
    url: str
    path: Path
    gold: str


def load(root: Path) -> list[Page]:
    """Every annotated page of the two sets whose file is present."""
    tests = root / "tests"
    pages = []
    for name in SETS:
        data = json.loads((tests / name).read_text(encoding="utf-8"))
        for url, item in data.items():
            for sub in ("test_set", "cache", "eval"):
                p = tests / sub / item["file"]
                if p.is_file():
                    pages.append(Page(url, p, item["date"]))
                    break
    return pages


def is_french(raw: bytes) -> bool:
    """Declared language first (lang, og:locale); else which function words dominate the visible text."""
    head = raw[:60000]
    declared = [m.group(1).lower() for m in (_LANG.search(head), _LOCALE.search(head)) if m]
    if declared:
        return b"fr" in declared
    text = re.sub(r"<[^>]+>", " ", raw.decode("utf-8", "replace")).lower()
    fr, en, de = (len(r.findall(text)) for r in (_FR_WORDS, _EN_WORDS, _DE_WORDS))
    return fr > max(en, de)


def htmldate_day(raw: bytes, url: str) -> str | None:
    """htmldate the way its own evaluation runs it (extensive search is its default)."""
    try:
        return find_date(raw, original_date=True, url=url)
    except Exception:  # a crash counts as a miss, as in htmldate's evaluation
        return None


def our_day(raw: bytes, url: str) -> str | None:
    dates = page_dates(raw, url)
    return dates.day.isoformat() if dates.day else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every page we get wrong")
    ap.add_argument(
        "--french-misses", action="store_true", help="list the French pages either of us gets wrong"
    )
    args = ap.parse_args(argv)
    root = os.environ.get(ENV)
    if not root:
        print(f"{ENV} is not set: point it at a local clone of adbar/htmldate (see bench/pages.mk); skipped.")
        return 0
    pages = load(Path(root))
    if not pages:
        print(f"no evaluation page found under {root}/tests; skipped.")
        return 0
    rows = []
    t_ours = t_ref = 0.0
    for p in pages:
        raw = p.path.read_bytes()
        t0 = time.perf_counter()
        ours = our_day(raw, p.url)
        t1 = time.perf_counter()
        ref = htmldate_day(raw, p.url)
        t2 = time.perf_counter()
        t_ours += t1 - t0
        t_ref += t2 - t1
        rows.append((p, is_french(raw), ours, ref))
    fr = [r for r in rows if r[1]]

    def acc(rs: list, i: int) -> str:
        good = sum(1 for r in rs if r[i] == r[0].gold)
        return f"{good}/{len(rs)} = {good / len(rs):.3f}" if rs else "-"

    print("| pages | n | ours | htmldate find_date(original_date=True) |")
    print("|---|---|---|---|")
    print(f"| all | {len(rows)} | {acc(rows, 2)} | {acc(rows, 3)} |")
    print(f"| French | {len(fr)} | {acc(fr, 2)} | {acc(fr, 3)} |")
    print(
        f"\ntime per page: ours {1000 * t_ours / len(rows):.1f} ms, htmldate {1000 * t_ref / len(rows):.1f} ms"
    )
    for p, french, ours, ref in rows:
        if (args.misses and ours != p.gold) or (
            args.french_misses
            and french
            and p.gold not in (ours, ref)
            or args.french_misses
            and french
            and ours != ref
        ):
            print(
                f"{'FR ' if french else '   '}gold={p.gold} ours={ours} htmldate={ref} {p.path.name} {p.url}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
