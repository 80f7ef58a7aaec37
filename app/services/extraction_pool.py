"""The extraction pool: prepare() (extraction + analysis, CPU-bound) in worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def _warm() -> None:
    # Ctrl+C reaches the whole process group: workers ignore it so that the main process can let the
    # pages in flight finish before it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from app.analysis.entities import gazetteer

    gazetteer()  # once per worker instead of on the first page


def make_pool(workers: int) -> ProcessPoolExecutor:
    """The extraction pool; forkserver so that workers never inherit the event loop or threads."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.services.ingest"])
    # Start the fork server with SIGINT ignored: every worker it forks is then born deaf to Ctrl+C
    # (which a terminal sends to the whole process group), so pages in flight can finish.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm)
    # Workers are started on demand, one per submitted task: start them all now, so that they get ready
    # while the caller goes on (instead of delaying the first pages).
    for _ in range(workers):
        pool.submit(os.getpid)
    return pool
