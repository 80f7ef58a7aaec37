"""The extraction pool: prepare() (extraction + analysis, CPU-bound) in worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from typing import NoReturn


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


def stop_pool(pool: ProcessPoolExecutor, grace: float | None = None) -> None:
    """Shut the pool down; with `grace`, workers still busy after that many seconds (a page that takes
    forever to extract) are killed, so that a stop requested by a signal stays a matter of seconds."""
    if grace is None:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for proc in processes:
        proc.join(max(0.0, deadline - time.monotonic()))
    for proc in processes:
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)


def hard_exit(pool: ProcessPoolExecutor | None, status: int) -> NoReturn:
    """Exit now, killing the helper processes first: the workers, the fork server, the resource tracker.

    Left alone they would outlive us: each holds the other end of the pipes that would tell it we are gone.
    multiprocessing exposes no public handle on them, hence the private attributes (checked, never required).
    """
    pids = [p.pid for p in (getattr(pool, "_processes", None) or {}).values() if p.pid]
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    tracker = getattr(multiprocessing.resource_tracker, "_resource_tracker", None)
    pids += [pid for pid in (getattr(server, "_forkserver_pid", None), getattr(tracker, "_pid", None)) if pid]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass  # already gone
    os._exit(status)
