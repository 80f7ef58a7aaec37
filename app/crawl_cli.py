"""`veille crawl`: collect the declared sources once or on a schedule, with a progress bar and a summary."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import signal
import sys
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from app.config import Settings
from app.services.crawl_state import SourceReport
from app.services.extraction_pool import ExtractionPool, hard_exit, stop_pool

if TYPE_CHECKING:
    from app.db import Database
    from app.scrapers.registry import SourceConfig
    from app.services.crawl_workers import CrawlProcess

log = logging.getLogger(__name__)
STOP_GRACE = 2.0  # after a stop signal, seconds the extraction workers get to finish their page
BUSY = 3  # exit status: another crawl holds the SQLite database
BUSY_POLL = 0.5  # seconds between two looks at a SQLite database another crawl holds
_UNITS = {"s": 1, "m": 60, "h": 3600, "j": 86400, "d": 86400}


def parse_every(text: str) -> float:
    """'30m', '2h', '45s', '1j' -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhjd]?)\s*", text)
    if not m or float(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"durée invalide : {text!r} (exemples : 30m, 2h, 45s)")
    return float(m.group(1)) * _UNITS[m.group(2) or "m"]


def parse_since(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {text!r} (format AAAA-MM-JJ)") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"nombre de pages invalide : {text!r} (entier ≥ 1)")
    return int(text)


def add_crawl_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `veille crawl` on the main parser."""
    p = subparsers.add_parser(
        "crawl", help="collecter les sites et pages de statut déclarés dans le fichier des sources"
    )
    p.add_argument(
        "--source", action="append", metavar="NOM", help="ne collecter que cette source (répétable)"
    )
    p.add_argument(
        "--max-pages", type=_positive, metavar="N", help="au plus N pages par source et par passage"
    )
    p.add_argument(
        "--since", type=parse_since, metavar="DATE", help="ignorer les articles publiés avant cette date"
    )
    p.add_argument("--refresh", action="store_true", help="retélécharger aussi les articles déjà enregistrés")
    p.add_argument(
        "--every", type=parse_every, metavar="DURÉE", help="recommencer à intervalle régulier (ex. 30m)"
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help="sur SQLite, attendre la fin d'une collecte en cours au lieu de s'arrêter (implicite avec --every)",
    )
    p.set_defaults(run=run_crawl)


def summary_table(reports: list[SourceReport]) -> Table:
    """The end-of-crawl table, one row per source."""
    t = Table(title="Bilan de la collecte")
    for col in (
        "Source",
        "Découvertes",
        "Téléchargées",
        "Enregistrées",
        "Ignorées (hors IA)",
        "Inchangées",
        "Erreurs",
    ):
        t.add_column(col, justify="left" if col == "Source" else "right")
    for r in reports:
        errors = str(r.errors) + (
            f" ({', '.join(f'{k} {v}' for k, v in sorted(r.errors_by_kind.items()))})"
            if r.errors_by_kind
            else ""
        )
        t.add_row(
            r.name,
            str(r.discovered),
            str(r.fetched),
            str(r.stored + r.updated),
            str(r.skipped),
            str(r.unchanged),
            errors,
        )
    return t


class _Bars:
    """One rich progress bar per source, fed by the crawler's progress events."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.tasks: dict[str, TaskID] = {}

    def update(self, event: str, name: str, n: int) -> None:
        if name not in self.tasks:
            self.tasks[name] = self.bar.add_task(name, total=0)
        if event == "total":
            self.bar.update(self.tasks[name], total=n)
        else:
            self.bar.advance(self.tasks[name], n)


async def _crawl_loop(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import open_database
    from app.scrapers.base import Fetcher
    from app.scrapers.registry import SourcesError, load_sources, select_sources
    from app.services.crawl import Crawler, CrawlOptions
    from app.services.crawl_workers import CrawlProcess
    from app.services.extraction_pool import make_pool

    err = Console(stderr=True)
    try:
        sources = select_sources(load_sources(settings.sources_file), args.source)
    except SourcesError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    config = settings.crawl
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    pool: ExtractionPool | None = None

    def on_signal(sig: signal.Signals) -> None:
        # first signal: in-flight fetches and sleeps are cancelled, pages already downloaded are stored, the
        # run is saved (a few seconds); a second one exits at once, taking the helper processes down with it
        if stop.is_set():
            err.print("Second signal : arrêt immédiat (les pages non enregistrées seront reprises).")
            hard_exit(pool, 128 + sig)
        stop.set()
        err.print("Arrêt demandé : fin des pages en cours… (un second signal arrête tout de suite)")

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig)
    # First: the workers load their modules and the gazetteer while this process migrates and reads the feeds.
    pool = make_pool(
        config.workers,
        time_limit=config.extract_timeout,
        max_mb=config.worker_max_mb,
        recycle_mb=config.worker_recycle_mb,
    )
    try:
        db = open_database(settings.db_url)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    status = 0
    # the status pages' current status, polled next to the passes (every status_every seconds with --every)
    live = _start_status_polls(settings, db, sources, stop, args.every)
    process = CrawlProcess(db.engine, config.lease_seconds)
    try:
        process.start()
        first = True
        while True:
            if not first:
                try:  # a scheduled crawl picks up edits to the sources file; a broken edit keeps the old list
                    sources = select_sources(load_sources(settings.sources_file), args.source)
                except SourcesError as exc:
                    print(f"Erreur : {exc} (liste précédente conservée)", file=sys.stderr)
            first = False
            if not await _take_turn(process, stop, args.wait or bool(args.every), err):
                status = 0 if stop.is_set() else BUSY
                break
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=False,
            ) as bar:
                progress = _Bars(bar)
                async with Fetcher(settings.user_agent, config) as fetcher:
                    crawler = Crawler(
                        db.sessions,
                        fetcher,
                        pool,
                        CrawlOptions(args.max_pages, args.since, args.refresh),
                        stop=stop,
                        progress=progress.update,
                        process=process,
                    )
                    try:
                        reports = await crawler.run(sources)
                    finally:
                        process.end_round()
            # piped output (logs, cron) gets a wide table instead of wrapped headers
            Console(width=None if sys.stdout.isatty() else 160).print(summary_table(reports))
            if any(r.fatal for r in reports):
                status = 1
            if stop.is_set():
                err.print("Collecte interrompue : les pages restantes seront reprises au prochain passage.")
                break
            if not args.every:
                break
            err.print(f"Prochain passage dans {args.every:.0f} s (Ctrl+C pour arrêter).")
            try:
                await asyncio.wait_for(stop.wait(), timeout=args.every)
                break
            except TimeoutError:
                continue
    finally:
        await _end_status_polls(live, stop, args.every)
        if process.id:
            process.stop()
        stop_pool(pool, grace=STOP_GRACE if stop.is_set() else None)
        db.dispose()
    return status


def _start_status_polls(
    settings: Settings, db: Database, sources: list[SourceConfig], stop: asyncio.Event, every: float | None
) -> asyncio.Task[None] | None:
    from app.services.status_poll import status_loop, status_sources

    pages = status_sources(sources)
    if not pages:
        return None
    return asyncio.create_task(
        status_loop(settings, db.sessions, pages, stop, settings.status_every if every else None)
    )


async def _end_status_polls(
    task: asyncio.Task[None] | None, stop: asyncio.Event, every: float | None
) -> None:
    """A one-off crawl waits for its poll to finish; a scheduled or stopped one cuts it (`stop` ends the loop)."""
    if task is None:
        return
    if every or stop.is_set():
        stop.set()
    await asyncio.gather(task, return_exceptions=True)


async def _take_turn(process: CrawlProcess, stop: asyncio.Event, wait: bool, err: Console) -> bool:
    """Enter a pass. On SQLite another crawl may hold the database: say so in French, then wait for it
    (--wait, --every) or give up; False when the pass does not start."""
    from app.services.crawl_workers import CrawlBusy

    told = False
    while True:
        try:
            process.begin_round()
            return True
        except CrawlBusy as exc:
            if not wait:
                print(f"Erreur : {exc}", file=sys.stderr)
                return False
            if not told:
                err.print(f"Une autre collecte est en cours ({exc.holder.describe()}) : attente de sa fin…")
                told = True
        try:
            await asyncio.wait_for(stop.wait(), timeout=BUSY_POLL)
            return False
        except TimeoutError:
            continue


def run_crawl(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `veille crawl`; returns the exit status."""
    try:
        return asyncio.run(_crawl_loop(settings, args))
    except KeyboardInterrupt:
        return 130
