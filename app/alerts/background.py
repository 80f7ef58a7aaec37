"""The sender as a background task of the web app (`veille serve` with VEILLE_ALERTS_SENDER=1)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from app.config import Settings
from app.db import Database

log = logging.getLogger(__name__)
STOP_WAIT = 5.0  # seconds the task gets to finish its calls at shutdown


async def _nothing() -> None:
    return None


def start_alert_sender(db: Database, settings: Settings) -> Callable[[], Awaitable[None]]:
    """Start the sender when the settings ask for it; returns what stops it (call it at shutdown)."""
    if not settings.alerts.sender:
        return _nothing
    from app.alerts.sender import Sender

    stop = asyncio.Event()
    task = asyncio.create_task(Sender(db.sessions, settings).run(stop), name="alert-sender")
    log.info("alert sender started in the web app")

    async def stopper() -> None:
        stop.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=STOP_WAIT)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return stopper
