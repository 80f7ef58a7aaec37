"""The `veille` command: ingest saved pages, serve the site, run the demo."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.config import PACKAGE_DIR, Settings

DEMO_DIR = PACKAGE_DIR / "demo" / "pages"
log = logging.getLogger("veille")


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
    from app.ingest_cli import ingest_paths

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
    from app.ingest_cli import add_ingest_parser

    add_ingest_parser(sub)
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
