"""Hostile-visitor tests: the app behind a real uvicorn on loopback, configured as `veille serve` runs it,
on a small synthetic corpus, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from app.config import Settings
from app.db import make_engine, migrate
from bench.corpus import populate
from tests.conftest import PG_ADMIN_URL, LiveServer, _pg_available, free_port


@dataclass
class Served:
    """A running server and what its database holds."""

    url: str
    backend: str
    port: int
    settings: Settings


class ServeLikeServer(LiveServer):
    """A LiveServer whose uvicorn has the options `veille serve` uses (HTTP parser and its limits)."""

    def __init__(self, app: FastAPI, port: int) -> None:
        import uvicorn

        from app.serving import server_config

        super().__init__(app, port)
        self.server = uvicorn.Server(
            server_config(app, app.state.settings, "127.0.0.1", port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)


def start(settings: Settings, app: FastAPI | None = None) -> tuple[ServeLikeServer, int]:
    """A server for `settings` (or for an app built from them) on a free loopback port, not yet started."""
    from app.main import create_app

    port = free_port()
    return ServeLikeServer(app or create_app(settings), port), port


@pytest.fixture(scope="package", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server per backend for the whole package, on 60 synthetic articles."""
    folder = tmp_path_factory.mktemp("hostile")
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'veille.db'}"
    else:
        reason = _pg_available()
        if reason:
            pytest.skip(reason)
        name = f"veille_h_{uuid.uuid4().hex[:10]}"
        admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    migrate(engine)
    populate(engine, 60)
    engine.dispose()
    settings = Settings(database_url=url, data_dir=Path(folder))
    srv, port = start(settings)
    with srv:
        yield Served(srv.url, request.param, port, settings)
    if admin is not None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
