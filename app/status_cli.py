"""`veille status`: poll the official status pages once or on a schedule, and print the live status."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.crawl_cli import parse_every
from app.services.status_poll import PollReport


def add_status_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `veille status` on the main parser."""
    p = subparsers.add_parser(
        "status",
        help="interroger les pages de statut officielles (état actuel des services et incidents) "
        "et afficher l'état en direct",
        description="Interroge les pages de statut déclarées dans le fichier des sources, sans collecter les "
        "sites de presse, puis affiche l'état en direct de chaque service suivi.",
    )
    p.add_argument(
        "--source", action="append", metavar="NOM", help="n'interroger que cette page de statut (répétable)"
    )
    p.add_argument(
        "--every", type=parse_every, metavar="DURÉE", help="recommencer à intervalle régulier (ex. 2m)"
    )
    p.set_defaults(run=run_status)


def poll_table(reports: list[PollReport]) -> Table:
    """One row per status page: what this poll gave."""
    t = Table(title="Pages de statut")
    for col in ("Page", "Résultat", "Composants", "En difficulté", "Incidents"):
        t.add_column(col)
    for r in reports:
        outcome = "à jour" if r.ok else f"échec : {r.error} (dernier état conservé)"
        inc = ", ".join(f"{k} {v}" for k, v in r.incidents.items() if v) or "—"
        if r.incidents_error:
            inc += f" (incidents : {r.incidents_error})"
        t.add_row(r.name, outcome, str(r.components), ", ".join(r.troubled[:5]) or "—", inc)
    return t


def board_table(settings: Settings, factory: sessionmaker[Session]) -> Table:
    """The live status as /etat shows it."""
    from app.services.followed import load_followed
    from app.services.live_status import live_status

    with factory() as session:
        board = live_status(
            session, load_followed(settings.services_file), datetime.now(UTC), settings.status_max_age
        )
    t = Table(title="État des services en direct")
    for col in ("Service", "Verdict", "Pourquoi", "Presse"):
        t.add_column(col)
    for s in board.services:
        t.add_row(s.name, s.verdict_fr, s.reason, s.press.text or "—")
    return t


async def _status_loop(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import open_database
    from app.scrapers.registry import SourcesError, load_sources, select_sources
    from app.services.followed import FollowedError, load_followed
    from app.services.status_poll import status_loop, status_sources

    err = Console(stderr=True)
    try:
        load_followed(settings.services_file)
        sources = status_sources(select_sources(load_sources(settings.sources_file), args.source))
    except (SourcesError, FollowedError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    if not sources:
        print(
            'Erreur : aucune page de statut (kind = "statuspage") dans le fichier des sources',
            file=sys.stderr,
        )
        return 2
    if not args.source:
        declared = {s.name for s in sources}
        missing: dict[str, list[str]] = {}
        for svc in load_followed(settings.services_file):
            if svc.status_source and svc.status_source not in declared:
                missing.setdefault(svc.status_source, []).append(svc.name)
        for page, names in missing.items():
            print(
                f"Attention : « {page} » (page de statut de {', '.join(names)}) n'est pas dans le fichier des "
                "sources : sans la presse, ces services resteront « inconnu ».",
                file=sys.stderr,
            )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    db = open_database(settings.db_url)
    failed = False
    out = Console(width=None if sys.stdout.isatty() else 160)

    def on_round(reports: list[PollReport]) -> None:
        nonlocal failed
        failed = any(not r.ok for r in reports)
        out.print(poll_table(reports))
        out.print(board_table(settings, db.sessions))
        if args.every:
            err.print(f"Prochaine consultation dans {args.every:.0f} s (Ctrl+C pour arrêter).")

    try:
        await status_loop(settings, db.sessions, sources, stop, args.every, on_round)
    finally:
        db.dispose()
    if stop.is_set():
        err.print("Consultation des pages de statut arrêtée.")
        return 0
    return 1 if failed else 0


def run_status(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `veille status`; returns the exit status."""
    try:
        return asyncio.run(_status_loop(settings, args))
    except KeyboardInterrupt:
        return 130
