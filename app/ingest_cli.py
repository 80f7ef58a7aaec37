"""`veille ingest`: saved pages (files, folders) or WARC archives, through the crawl's pipeline, with a progress
bar on a terminal and one line per page."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy.exc import DBAPIError

from app.config import Settings

if TYPE_CHECKING:
    from rich.progress import Progress

    from app.scrapers.registry import SourceConfig
    from app.services.bulk_ingest import Item, Pipeline
    from app.services.extraction_pool import ExtractionPool
    from app.services.ingest import IngestResult

log = logging.getLogger(__name__)
STOP_GRACE = 5.0  # after a stop signal, seconds the pages already in the pool get to be stored
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
# records left out before extraction: counted, not printed
SILENT_SKIPS = {
    "not-response": "autres enregistrements que des réponses",
    "status": "réponses HTTP autres que 200",
    "not-html": "réponses qui ne sont pas du HTML",
    "off-source": "pages hors des sources déclarées",
}


def add_ingest_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `veille ingest` on the main parser."""
    p = subparsers.add_parser(
        "ingest",
        help="enregistrer des pages HTML sauvegardées (fichiers ou dossiers) ou des archives WARC",
        description=(
            "Enregistre des pages sauvegardées par le même chemin que la collecte (extraction dans des "
            "processus parallèles, écriture par lots). Avec --warc, lit des archives WARC (.warc ou .warc.gz, "
            "par exemple CC-NEWS de Common Crawl) : seules les réponses HTTP 200 en HTML, en français (langue "
            "détectée sur le texte de l'article), des sources déclarées (ou de tous les sites avec "
            "--tous-sites) sont gardées. La position atteinte dans chaque archive est enregistrée dans la base : "
            "une importation interrompue reprend là où elle s'était arrêtée."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="CHEMIN",
        help="fichiers ou dossiers (lus récursivement : *.html et *.htm, ou *.warc et *.warc.gz avec --warc)",
    )
    p.add_argument("--url", help="URL de l'article (un seul fichier), si la page ne la donne pas")
    p.add_argument("--json", action="store_true", help="une ligne JSON par page")
    p.add_argument(
        "--warc", action="store_true", help="les chemins sont des archives WARC (.warc ou .warc.gz)"
    )
    p.add_argument(
        "--tous-sites",
        "--any-site",
        dest="any_site",
        action="store_true",
        help="avec --warc : garder les pages en français de tous les sites, pas seulement des sources déclarées",
    )
    p.set_defaults(run=run_ingest)


def run_ingest(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `veille ingest`; returns the exit status."""
    if args.url and args.warc:
        print(
            "Erreur : --url ne s'utilise pas avec --warc (chaque enregistrement donne son URL)",
            file=sys.stderr,
        )
        return 2
    if args.any_site and not args.warc:
        print("Erreur : --tous-sites ne s'utilise qu'avec --warc", file=sys.stderr)
        return 2
    if args.warc:
        return ingest_warcs(settings, args.paths, any_site=args.any_site, as_json=args.json)
    return ingest_paths(settings, args.paths, url=args.url, as_json=args.json)


def _files(paths: list[str], suffixes: tuple[str, ...]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*") if f.name.lower().endswith(suffixes) and f.is_file())
        else:
            yield path


@dataclass
class _Run:
    """One `veille ingest`: the pool, the pipeline, the output, the stop signal."""

    settings: Settings
    as_json: bool
    counts: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    status: int = 0
    stop: int = 0  # the signal that asked to stop, 0 while none did
    bar: Progress | None = None
    pool: ExtractionPool | None = None
    done: int = 0  # bytes of the archives read before the current one (WARC progress)
    handlers: dict[int, object] = field(default_factory=dict)  # the signal handlers ours replaced

    def on_result(self, item: Item, result: IngestResult) -> None:
        if result.url is None and item.offset is not None:
            result.url = item.url  # an archived page that gave no document: the record's own URL
        if result.status == "skipped" and result.reason in SILENT_SKIPS:
            self.skipped[result.reason] = self.skipped.get(result.reason, 0) + 1
        else:
            self.counts[result.status] = self.counts.get(result.status, 0) + 1
            if result.status == "error":
                self.status = 1
            self._print(item, result)
        if self.bar is not None:
            task = self.bar.task_ids[0]
            if item.position is not None:
                self.bar.update(task, completed=self.done + item.position.next_offset)
            else:
                self.bar.advance(task, 1)

    def _print(self, item: Item, result: IngestResult) -> None:
        if self.as_json:
            where = (
                {"file": item.label} if item.offset is None else {"file": item.label, "offset": item.offset}
            )
            print(json.dumps({**where, **result.as_dict()}, ensure_ascii=False), flush=True)
        else:
            label = item.label if item.offset is None else f"{item.label}@{item.offset}"
            extra = result.reason or result.title or ""
            if result.reason == "not-french" and result.language:
                extra = f"langue détectée : {result.language} — {result.title or ''}"
            print(f"{result.status:9} {label}  {extra}", flush=True)

    def summary(self) -> None:
        if self.as_json:
            return
        print("Bilan : " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())), file=sys.stderr)
        if self.skipped:
            print(
                "Écartés sans extraction : "
                + ", ".join(f"{SILENT_SKIPS[k]} {v}" for k, v in sorted(self.skipped.items())),
                file=sys.stderr,
            )

    def on_signal(self, sig: int, _frame: FrameType | None) -> None:
        # first signal: no new page, pages in the pool get STOP_GRACE seconds, the position is saved; a second
        # one exits at once, taking the helper processes down with it
        from app.services.extraction_pool import hard_exit

        if self.stop:
            print("Second signal : arrêt immédiat (la suite sera reprise).", file=sys.stderr)
            hard_exit(self.pool, 128 + sig)
        self.stop = sig
        print(
            "Arrêt demandé : fin des pages en cours… (un second signal arrête tout de suite)", file=sys.stderr
        )


def _db_error(exc: Exception) -> str:
    if isinstance(exc, DBAPIError):
        return f"échec de l'enregistrement dans la base : {exc.orig or exc}"
    return str(exc)


def _progress(total: float, description: str) -> AbstractContextManager[Progress | None]:
    """A progress bar on stderr when both outputs are a terminal; nothing otherwise (logs, pipes, cron)."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
    bar.add_task(description, total=total)
    return bar


def _drive(
    settings: Settings,
    run: _Run,
    total: float,
    description: str,
    feed: Callable[[Pipeline], None],
    after: str,
) -> None:
    """Start the pool and the database, let `feed` fill the pipeline, store what is left; the pool is stopped and
    the signal handlers restored whatever happens. `after` tells what a database failure leaves to do."""
    from app.db import open_database
    from app.services.bulk_ingest import Pipeline, StoreFailed
    from app.services.extraction_pool import make_pool, stop_pool

    config = settings.crawl
    # First: the workers load their modules and the gazetteer while this process migrates.
    pool = make_pool(
        config.workers,
        time_limit=config.extract_timeout,
        max_mb=config.worker_max_mb,
        recycle_mb=config.worker_recycle_mb,
    )
    run.pool = pool
    try:
        db = open_database(settings.db_url)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    for sig in (signal.SIGINT, signal.SIGTERM):
        run.handlers[sig] = signal.signal(sig, run.on_signal)
    try:
        with _progress(total, description) as bar:
            run.bar = bar
            pipeline = Pipeline(db.sessions, pool, run.on_result)
            feed(pipeline)
            dropped = pipeline.flush(time.monotonic() + STOP_GRACE if run.stop else None)
            if dropped:
                print(f"{dropped} page(s) en cours abandonnée(s) : elles seront reprises.", file=sys.stderr)
    except (StoreFailed, DBAPIError) as exc:
        print(f"Erreur : {_db_error(exc)} ; {after}", file=sys.stderr)
        run.status = 1
    finally:
        stop_pool(pool, grace=2.0 if run.stop else None)
        for number, handler in run.handlers.items():  # `veille demo` goes on serving in this process
            signal.signal(number, handler)  # type: ignore[arg-type]
        db.dispose()


def ingest_paths(settings: Settings, paths: list[str], url: str | None = None, as_json: bool = False) -> int:
    """Ingest HTML files and folders; one result line per file. Returns the exit status."""
    from app.services.bulk_ingest import Item
    from app.services.ingest import IngestResult

    files = list(_files(paths, HTML_SUFFIXES))
    if url and len(files) != 1:
        print("--url ne s'utilise qu'avec un seul fichier", file=sys.stderr)
        return 2
    run = _Run(settings, as_json)

    def feed(pipeline: Pipeline) -> None:
        for f in files:
            if run.stop:
                return
            try:
                raw = f.read_bytes()
            except OSError as exc:
                reason = f"lecture impossible : {exc.strerror or exc}"
                pipeline.put(Item(str(f), result=IngestResult(status="error", reason=reason)))
                continue
            pipeline.put(Item(str(f), raw=raw, url=url))

    _drive(settings, run, len(files), "Pages", feed, "les pages suivantes n'ont pas été enregistrées.")
    run.summary()
    return 128 + run.stop if run.stop else run.status


class _KnownSources:
    """The declared news sites, looked up by a URL's host (then their url_pattern, as the crawl does)."""

    def __init__(self, sources: list[SourceConfig]) -> None:
        self.by_host: dict[str, list[SourceConfig]] = {}
        for s in sources:
            if s.kind == "site":
                self.by_host.setdefault(_host(s.homepage), []).append(s)

    def find(self, url: str) -> SourceConfig | None:
        return next((s for s in self.by_host.get(_host(url), []) if s.accepts(url)), None)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def ingest_warcs(settings: Settings, paths: list[str], any_site: bool = False, as_json: bool = False) -> int:
    """Ingest WARC archives, each from where an earlier run stopped. Returns the exit status."""
    from app.scrapers.registry import SourcesError, load_sources

    try:
        known = _KnownSources(load_sources(settings.sources_file))
    except SourcesError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    files = list(_files(paths, WARC_SUFFIXES))
    run = _Run(settings, as_json)
    sizes = {}
    for f in files:
        try:
            sizes[f] = f.stat().st_size
        except OSError as exc:
            print(f"Erreur : {f} : lecture impossible ({exc.strerror or exc})", file=sys.stderr)
            run.status = 1

    def feed(pipeline: Pipeline) -> None:
        for f, size in sizes.items():
            if run.stop:
                return
            _one_warc(run, pipeline, f, size, known, any_site)
            run.done += size

    _drive(
        settings,
        run,
        sum(sizes.values()),
        "Archives WARC",
        feed,
        "l'importation reprendra au dernier enregistrement sauvegardé.",
    )
    run.summary()
    return 128 + run.stop if run.stop else run.status


def _one_warc(
    run: _Run, pipeline: Pipeline, path: Path, size: int, known: _KnownSources, any_site: bool
) -> None:
    """Read one archive into the pipeline from its saved position; a bad archive is reported, never fatal."""
    from app.services.bulk_ingest import Item
    from app.services.ingest import IngestResult
    from app.services.warc_imports import Position, start_import
    from app.warc import WarcError, fingerprint, read_records

    label = str(path)
    try:
        fp = fingerprint(path, "tous-sites" if any_site else "")
    except OSError as exc:
        print(f"Erreur : {label} : lecture impossible ({exc.strerror or exc})", file=sys.stderr)
        run.status = 1
        return
    with pipeline.batch.page() as session:
        row = start_import(session, fp, path.name)
        import_id, start, records, finished = row.id, row.next_offset, row.records, row.finished
    if finished:
        print(f"{label} : déjà importée en entier, rien à faire.", file=sys.stderr)
        return
    if start > size:
        print(
            f"{label} : plus courte que la position enregistrée : lecture depuis le début.", file=sys.stderr
        )
        start, records = 0, 0
    elif start:
        print(f"{label} : reprise à l'octet {start} ({records} enregistrements déjà lus).", file=sys.stderr)
    max_bytes = run.settings.crawl.max_bytes
    last = Position(import_id, start, records)

    def wanted(url: str) -> bool:
        return any_site or known.find(url) is not None

    try:
        for rec in read_records(path, start, max_bytes, wanted):
            records += 1
            last = Position(import_id, rec.end, records)
            item = Item(label, offset=rec.offset, position=last, url=rec.url)
            if rec.is_page:
                item.raw, item.charset = rec.body, rec.charset
                item.served_from, item.french_only = rec.url, True
                item.source = known.find(rec.url) if rec.url else None
            else:
                status = "error" if rec.message else "skipped"
                item.result = IngestResult(status=status, reason=rec.message or rec.skip, url=rec.url)
            pipeline.put(item)
            if run.stop:
                return  # the position of the records stored so far is saved by the final flush
        pipeline.put(Item(label, position=Position(import_id, last.next_offset, records, finished=True)))
    except WarcError as exc:
        pipeline.put(Item(label, position=last))
        where = f"octet {exc.offset}" if exc.offset is not None else "lecture"
        print(
            f"Erreur : {label}, {where} : {exc.message}. Les enregistrements précédents sont conservés ; "
            f"la prochaine importation de ce fichier reprendra à l'octet {last.next_offset}.",
            file=sys.stderr,
        )
        run.status = 1
