"""How `veille serve` and `veille demo` run the app: uvicorn options and the address the site is known by."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app.config import Settings

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

WILDCARD_HOSTS = ("", "0.0.0.0", "::")


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
    app: FastAPI, settings: Settings, host: str, port: int, log_level: str = "info"
) -> uvicorn.Config:
    """uvicorn with h11 by default, which refuses (400) a request head still incomplete past max_header_bytes, so
    it never holds more than that plus one socket read; httptools (VEILLE_HTTP_PARSER) buffers heads of any size.
    Under either, a complete head is bounded by app.request_guard (431)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=settings.http_parser,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        proxy_headers=True,
        server_header=False,
    )
