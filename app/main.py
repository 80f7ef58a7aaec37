"""The composition root: create_app() builds the service; nothing touches the disk or network at import."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp

from app.alerts.background import start_alert_sender
from app.config import Settings
from app.db import open_database
from app.errors import install_error_handlers
from app.http_cache import ConditionalMiddleware, StampKeeper, build_id, note_build, salt_of
from app.request_guard import RequestGuard
from app.routes import alerts, articles, entities, feeds, health, incidents, sources, status
from app.search.base import decode_recalled, encode_recalled
from app.security import SecurityHeadersMiddleware
from app.services.entities import ENTITY_LIST, list_entities
from app.services.followed import load_followed
from app.services.live_status import live_stamp_part
from app.shared_answers import SharedAnswers, store_path

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _freeze_startup_objects() -> None:
    """Keep what start-up built (gazetteer, compiled SQL, templates) out of the garbage collector's full
    passes: one pass over it took ~75 ms, which a search that triggered it paid in full. The templates are
    compiled here too (~0.15 s of CPU for all of them), not by the first visitors of each page."""
    from app.analysis.entities import gazetteer
    from app.templating import templates

    gazetteer()
    for name in templates.env.list_templates(filter_func=lambda n: n.endswith(".html")):
        templates.env.get_template(name)
    gc.collect()
    gc.freeze()


async def _warm_up(app: FastAPI) -> None:
    """Count the entities before the first visitor: the search page and /api/entities need the list, which
    counts every article link (~0.2 s of CPU at 100,000 articles). It is counted again, once, after a change of
    the data (app/http_cache.py StampKeeper.memo)."""
    keeper: StampKeeper = app.state.stamps
    stamp = await keeper.current(app.state.engine)

    def count() -> None:
        with app.state.sessionmaker() as session:
            keeper.memo(ENTITY_LIST, stamp.token, lambda: list_entities(session))

    try:
        await run_in_threadpool(count)
    except Exception:  # a page that needs it counts it then, and says what is wrong
        log.exception("entity list not counted at start-up")
    keeper.expire()  # the first request reads the stamp anew, as it did without this warm-up


class VeilleApp(FastAPI):
    """FastAPI with the security headers outside Starlette's error middleware, so that 500s carry them too
    (a middleware added with add_middleware always sits inside it)."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def shared_answers(settings: Settings) -> SharedAnswers | None:
    """The store where this machine's web processes share their answers (VEILLE_SHARED_CACHE), if any."""
    path = store_path(settings.shared_cache, settings.db_url)
    return SharedAnswers(path, settings.shared_cache_mb * 1024 * 1024) if path else None


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the FastAPI application; the engine is made and disposed in the lifespan."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        load_followed(settings.services_file)  # a broken followed-services file stops the start, in French
        db = open_database(settings.db_url)
        app.state.engine = db.engine
        app.state.sessionmaker = db.sessions
        note_build(db.engine, build_id())  # a new build counts as a change of the data (Last-Modified)
        _freeze_startup_objects()
        await _warm_up(app)
        stop_alerts = start_alert_sender(db, settings)  # VEILLE_ALERTS_SENDER: serve delivers alerts too
        try:
            yield
        finally:
            await stop_alerts()
            db.dispose()

    app = VeilleApp(
        title="Veille IA",
        description="La presse tech française sur l'IA : articles, entités et chronologie des pannes des services d'IA.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # the settings that change the bytes of an answer for the same data are part of every ETag; so is the live
    # status board, which pages show and which also moves with the clock (app/services/live_status.py)
    app.state.stamps = StampKeeper(
        salt=salt_of(settings.base_url, settings.site_name, settings.demo),
        extra=[live_stamp_part(settings.services_file, settings.status_max_age)],
        shared=shared_answers(settings),
    )
    app.state.stamps.share("search", encode_recalled, decode_recalled)  # a search's first matches and facets
    for module in (incidents, status, articles, entities, sources, feeds, health, alerts):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(ConditionalMiddleware)
    app.add_middleware(
        RequestGuard, settings=settings
    )  # outside the cache: a refused request never gets a 304
    return app
