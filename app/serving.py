"""How `veille serve` and `veille demo` run the app: uvicorn options, the address the site is known by, and
the worker processes of `veille serve --workers N`."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from app.config import Settings

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

WILDCARD_HOSTS = ("", "0.0.0.0", "::")
# The settings `veille serve` validated (for_address included), handed to its worker processes as JSON: a
# worker serves exactly what the parent would have, whatever it would read from the environment by itself.
SETTINGS_ENV = "VEILLE_SERVE_SETTINGS_JSON"
WORKER_APP = "app.serving:app_from_environment"
# uvicorn answers a request it cannot parse (a broken request line or header, a head past max_header_bytes)
# itself, before the app, in English: these protocol classes say it in French (import strings, so that the
# worker processes of --workers N load them too)
FRENCH_PROTOCOLS = {
    "h11": "app.http_french:FrenchH11Protocol",
    "httptools": "app.http_french:FrenchHttpToolsProtocol",
}


def for_address(settings: Settings, host: str, port: int) -> Settings:
    """Settings for a server bound to host:port.

    Without VEILLE_PUBLIC_URL, absolute URLs point at the bound address; a server bound to one address answers
    only to that name and loopback names (a page elsewhere cannot reach it through DNS rebinding). Bound to
    every interface, the site cannot know its name: any Host is accepted and a warning says what to set."""
    if settings.public_url:
        return settings
    wildcard = host in WILDCARD_HOSTS
    name = "127.0.0.1" if wildcard else host
    update: dict[str, object] = {"local_url": f"http://{f'[{name}]' if ':' in name else name}:{port}"}
    if wildcard:
        print(
            "Attention : VEILLE_PUBLIC_URL n'est pas défini. Les liens absolus des flux et de l'export pointeront "
            f"vers {update['local_url']} et tout nom d'hôte sera accepté. Pour un site public, définissez "
            "VEILLE_PUBLIC_URL=https://votre-domaine (voir docs/security.md).",
            file=sys.stderr,
        )
    elif not settings.allowed_hosts:
        update["allowed_hosts"] = [name]
    return Settings(
        **{**settings.model_dump(), **update}
    )  # validated again; model_copy would keep cached values


def server_config(
    app: FastAPI | str,
    settings: Settings,
    host: str,
    port: int,
    log_level: str = "info",
    workers: int = 1,
) -> uvicorn.Config:
    """uvicorn with h11 by default, which refuses (400) a request head still incomplete past max_header_bytes, so
    it never holds more than that plus one socket read; httptools (VEILLE_HTTP_PARSER) buffers heads of any size.
    Under either, a complete head is bounded by app.request_guard (431). With several workers, `app` is the import
    string of a factory (each worker builds its own app)."""
    import uvicorn

    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        http=FRENCH_PROTOCOLS[settings.http_parser],
        h11_max_incomplete_event_size=settings.max_header_bytes,
        proxy_headers=True,
        server_header=False,
    )


def app_from_environment() -> FastAPI:
    """The app of one worker of `veille serve --workers N`: the parent's settings, from SETTINGS_ENV."""
    from app.main import create_app

    raw = os.environ.get(SETTINGS_ENV)
    settings = Settings.model_validate_json(raw) if raw else Settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return create_app(settings)


def run_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """N uvicorn worker processes on one socket, each with its own app and database pool, under uvicorn's
    supervisor (it restarts a worker that dies and stops them all on SIGTERM or Ctrl+C).

    The schema is migrated here, once, before any worker starts: N workers migrating at once would race."""
    from uvicorn.supervisors import Multiprocess

    from app.db import open_database

    open_database(settings.db_url).dispose()
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    config = server_config(WORKER_APP, settings, host, port, workers=workers)
    sock = config.bind_socket()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
