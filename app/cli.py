"""The `veille` command: ingest saved pages, serve the site, run the demo."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import PACKAGE_DIR, Settings

if TYPE_CHECKING:
    from app.db import Database

DEMO_DIR = PACKAGE_DIR / "demo" / "pages"
log = logging.getLogger("veille")


def _html_files(paths: list[str]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(
                f for f in path.rglob("*") if f.suffix.lower() in (".html", ".htm") and f.is_file()
            )
        else:
            yield path


def ingest_paths(settings: Settings, paths: list[str], url: str | None = None, as_json: bool = False) -> int:
    """Ingest files and folders; one result line per file. Returns the exit status."""
    from app.db import open_database

    files = list(_html_files(paths))
    if url and len(files) != 1:
        print("--url ne s'utilise qu'avec un seul fichier", file=sys.stderr)
        return 2
    db = open_database(settings.db_url)
    try:
        counts, status = _ingest_files(db, files, url, as_json)
    finally:
        db.dispose()
    if not as_json:
        print("Bilan : " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return status


def _ingest_files(
    db: Database, files: list[Path], url: str | None, as_json: bool
) -> tuple[dict[str, int], int]:
    """One result line per file; (count per status, exit status)."""
    from app.db import unit_of_work
    from app.services.ingest import IngestResult, ingest_bytes

    status = 0
    counts: dict[str, int] = {}
    for f in files:
        try:
            raw = f.read_bytes()
        except OSError as exc:
            result = IngestResult(status="error", reason=f"lecture impossible : {exc.strerror or exc}")
        else:
            try:
                with unit_of_work(
                    db.sessions
                ) as session:  # one file, one transaction: a failure loses nothing else
                    result = ingest_bytes(session, raw, url=url)
            except Exception as exc:
                log.exception("ingest failed file=%s", f)
                result = IngestResult(status="error", reason=f"échec de l'enregistrement : {exc}")
        counts[result.status] = counts.get(result.status, 0) + 1
        if result.status == "error":
            status = 1
        if as_json:
            print(json.dumps({"file": str(f), **result.as_dict()}, ensure_ascii=False), flush=True)
        else:
            extra = result.reason or result.title or ""
            print(f"{result.status:9} {f}  {extra}", flush=True)
    return counts, status


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Run the web service with uvicorn (options, public address and workers in app/serving.py)."""
    import uvicorn

    from app.main import create_app
    from app.serving import for_address, run_workers, server_config

    settings = for_address(settings, host, port)
    if workers > 1:
        run_workers(settings, host, port, workers)
        return
    uvicorn.Server(server_config(create_app(settings), settings, host, port)).run()


def demo(port: int, host: str) -> int:
    """Load the bundled demo corpus through the normal ingest path into its own database, then serve it."""
    base = Settings()
    data_dir = base.data_dir / "demo"
    settings = Settings(
        data_dir=data_dir, database_url=f"sqlite:///{(data_dir / 'demo.db').resolve()}", demo=True
    )
    print(f"Chargement du corpus de démonstration dans {settings.db_url} …", file=sys.stderr)
    ingest_paths(settings, [str(DEMO_DIR)], as_json=False)
    print(f"Veille IA (démo) sur http://{host}:{port}/", file=sys.stderr)
    serve(settings, host, port)
    return 0


def _workers(value: str) -> int:
    """--workers: a whole number from 1 to 64."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"nombre de processus invalide : « {value} » (un entier de 1 à 64)"
        ) from None
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"nombre de processus hors limites : {n} (de 1 à 64)")
    return n


def load_settings() -> Settings:
    """Settings from the environment; a bad value stops the command with a French message naming the variable."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            if (
                loc[0] == "crawl" and len(loc) > 1
            ):  # the crawler's knobs keep the message `veille crawl` gave them
                print(f"Erreur : réglage VEILLE_CRAWL_ invalide ({loc[1]} : {err['msg']})", file=sys.stderr)
                continue
            if loc[0] == "alerts" and len(loc) > 1:
                msg = str(err["msg"]).removeprefix("Value error, ")
                print(f"Configuration invalide : VEILLE_ALERTS_{loc[1].upper()} : {msg}", file=sys.stderr)
                continue
            name = "VEILLE_" + loc[0].upper()
            print(
                f"Configuration invalide : {name} : {str(err['msg']).removeprefix('Value error, ')}",
                file=sys.stderr,
            )
        sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `veille` console script."""
    parser = argparse.ArgumentParser(
        prog="veille", description="Veille IA : presse tech française et pannes des services d'IA"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_ing = sub.add_parser("ingest", help="enregistrer des pages HTML sauvegardées (fichiers ou dossiers)")
    p_ing.add_argument("paths", nargs="+", metavar="PATH")
    p_ing.add_argument("--url", help="URL de l'article (un seul fichier), si la page ne la donne pas")
    p_ing.add_argument("--json", action="store_true", help="une ligne JSON par fichier")
    p_srv = sub.add_parser("serve", help="servir le site et l'API")
    p_srv.add_argument("--host", default="127.0.0.1")
    p_srv.add_argument("--port", type=int, default=8000)
    p_srv.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="processus web (uvicorn) servant le même port ; 1 par cœur est un bon départ",
    )
    p_demo = sub.add_parser("demo", help="charger le corpus de démonstration et le servir")
    p_demo.add_argument("--host", default="127.0.0.1")
    p_demo.add_argument("--port", type=int, default=8000)
    sub.add_parser("migrate", help="appliquer les migrations (fait automatiquement au démarrage)")
    p_bak = sub.add_parser(
        "backup", help="copie cohérente de la base, service en marche (SQLite ; PostgreSQL : pg_dump)"
    )
    p_bak.add_argument("dest", metavar="DEST", help="fichier de la copie, ou dossier (copie datée dedans)")
    p_bak.add_argument("--force", action="store_true", help="remplacer DEST s'il existe déjà")
    from app.crawl_cli import add_crawl_parser

    add_crawl_parser(sub)
    from app.status_cli import add_status_parser

    add_status_parser(sub)

    from app.alerts.cli import add_alerts_parser

    add_alerts_parser(sub)
    args = parser.parse_args(argv)
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("trafilatura").setLevel(
        logging.ERROR
    )  # its per-page warnings duplicate our own outcome lines
    if args.command == "ingest":
        sys.exit(ingest_paths(settings, args.paths, url=args.url, as_json=args.json))
    if args.command == "serve":
        serve(settings, args.host, args.port, args.workers)
    elif args.command == "demo":
        sys.exit(demo(args.port, args.host))
    elif args.command == "backup":
        from app.backup import backup

        sys.exit(backup(settings, Path(args.dest), force=args.force))
    elif args.command == "migrate":
        from app.db import open_database

        open_database(settings.db_url).dispose()
    elif hasattr(args, "run"):
        sys.exit(args.run(settings, args))


if __name__ == "__main__":
    main()
