"""The extraction pool: prepare() (extraction + analysis, CPU-bound) in worker processes, each page bounded.

A hostile page can make extraction slow (a 5 MB page takes seconds in trafilatura) or heavy (hundreds of MB,
some of which the worker keeps afterwards). concurrent.futures.ProcessPoolExecutor cannot stop one task, and a
worker that dies breaks the whole pool; so this pool gives each worker process a thread of ours that watches it:
- a page still extracting after `time_limit` seconds, or whose worker grows past `max_mb` while on it: the
  worker is killed and replaced, the page's future fails with PageTooCostly (the crawl records the kind);
- a worker whose memory stays above `recycle_mb` after a page is replaced by a fresh one (memory a Python
  process has grown into is rarely given back, even after malloc_trim).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from typing import Any, NoReturn

log = logging.getLogger(__name__)

POLL = 0.1  # seconds between two looks at a busy worker (time and memory)
PAGE = os.sysconf("SC_PAGE_SIZE")


class PageTooCostly(Exception):
    """A page stopped during extraction: `kind` (too-slow | too-heavy | worker-died), a French `message`."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _warm() -> None:
    # Ctrl+C reaches the whole process group: workers ignore it so that the main process can let the
    # pages in flight finish before it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from app.analysis.entities import gazetteer

    gazetteer()  # once per worker instead of on the first page


def _serve(conn: Connection) -> None:
    """A worker's life: say it is ready, run the calls it is sent, answer (ok, value, rss in MB), until None or
    EOF."""
    _warm()
    conn.send("ready")
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if call is None:
            return
        fn, args, kwargs = call
        try:
            answer: tuple[bool, object] = (True, fn(*args, **kwargs))
        except BaseException as exc:  # sent back to the caller, as ProcessPoolExecutor does
            answer = (False, exc)
        try:
            conn.send((*answer, rss_mb(os.getpid())))
        except Exception as exc:  # an unpicklable result or exception
            conn.send((False, RuntimeError(f"réponse du worker illisible : {exc!r}"), rss_mb(os.getpid())))
        del answer


@dataclass
class _Call:
    future: Future[Any]
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class _Worker:
    """One worker process and the pipe to it; replaced when killed or recycled."""

    def __init__(self, ctx: ForkServerContext) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True, name="veille-extraction")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> bool:
        """Wait for the end of its start-up (not counted in a page's time limit); False if it died."""
        if not self.ready:
            try:
                self.ready = self.conn.recv() == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def stop(self, grace: float) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(grace)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5.0)
        self.conn.close()


class ExtractionPool(Executor):
    """A process pool whose every task is bounded in time and memory (see the module's docstring)."""

    def __init__(
        self,
        workers: int,
        ctx: ForkServerContext,
        time_limit: float | None = None,
        max_mb: float | None = None,
        recycle_mb: float | None = None,
    ) -> None:
        self._size = workers
        self.ctx = ctx
        self.time_limit = time_limit
        self.max_mb = max_mb
        self.recycle_mb = recycle_mb
        self.replaced = 0  # workers replaced so far (killed or recycled)
        self._calls: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = [
            _Worker(ctx) for _ in range(workers)
        ]  # started now: they warm up early
        self._closing = False
        self._threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True, name=f"extraction-{i}")
            for i in range(workers)
        ]
        for t in self._threads:
            t.start()

    @property
    def size(self) -> int:
        """How many worker processes extract at once (the crawl sizes its in-flight window on it)."""
        return self._size

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            if self._closing:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future: Future[Any] = Future()
            self._calls.put(_Call(future, fn, args, kwargs))
        return future

    def pids(self) -> list[int]:
        """The worker processes alive now."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid and w.process.is_alive()]

    def _replace(self, slot: int, reason: str, kill: bool) -> None:
        old = self._workers[slot]
        if kill:
            old.kill()
        else:
            old.stop(5.0)
        with self._lock:
            self.replaced += 1
            if not self._closing:
                self._workers[slot] = _Worker(self.ctx)
        log.warning("extraction worker replaced pid=%s reason=%s", old.process.pid, reason)

    def _run(self, slot: int) -> None:
        """The thread that feeds one worker and watches it."""
        while True:
            call = self._calls.get()
            if call is None:
                self._workers[slot].stop(5.0)
                return
            if not call.future.set_running_or_notify_cancel():
                continue
            worker = self._workers[slot]
            if not worker.process.is_alive() or not worker.wait_ready():
                self._replace(slot, "died while idle", kill=True)
                worker = self._workers[slot]
                if not worker.wait_ready():
                    call.future.set_exception(
                        PageTooCostly("worker-died", "le processus d'extraction ne démarre pas")
                    )
                    continue
            try:
                worker.conn.send((call.fn, call.args, call.kwargs))
            except OSError:  # the worker died between two pages
                self._replace(slot, "died", kill=True)
                call.future.set_exception(
                    PageTooCostly("worker-died", "le processus d'extraction s'est arrêté")
                )
                continue
            except Exception as exc:  # unpicklable arguments
                call.future.set_exception(exc)
                continue
            failure = self._watch(worker)
            if failure is not None:
                self._replace(slot, failure.kind, kill=True)
                call.future.set_exception(failure)
                continue
            try:
                ok, value, rss = worker.conn.recv()
            except (EOFError, OSError):
                self._replace(slot, "died", kill=True)
                call.future.set_exception(
                    PageTooCostly("worker-died", "le processus d'extraction s'est arrêté")
                )
                continue
            if self.recycle_mb is not None and rss > self.recycle_mb:
                # before answering: whoever waits on this page then finds the pool already renewed
                self._replace(slot, f"{rss:.0f} MB after a page (limit {self.recycle_mb:g} MB)", kill=False)
            if ok:
                call.future.set_result(value)
            else:
                call.future.set_exception(value)
            del call, value

    def _watch(self, worker: _Worker) -> PageTooCostly | None:
        """Wait for the worker's answer; a failure when it takes too long, grows too big or dies."""
        start = time.monotonic()
        while True:
            try:
                if worker.conn.poll(POLL):
                    return None
            except (EOFError, OSError):
                return PageTooCostly("worker-died", "le processus d'extraction s'est arrêté pendant la page")
            if not worker.process.is_alive():
                return PageTooCostly("worker-died", "le processus d'extraction s'est arrêté pendant la page")
            if self.time_limit is not None and time.monotonic() - start > self.time_limit:
                return PageTooCostly(
                    "too-slow", f"extraction trop longue (plus de {self.time_limit:g} s) : page abandonnée"
                )
            if self.max_mb is not None and (rss := rss_mb(worker.process.pid or 0)) > self.max_mb:
                return PageTooCostly(
                    "too-heavy",
                    f"extraction trop gourmande en mémoire ({rss:.0f} Mo, plafond "
                    f"{self.max_mb:g} Mo) : page abandonnée",
                )

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if self._closing:
                return
            self._closing = True
            if cancel_futures:
                while True:
                    try:
                        call = self._calls.get_nowait()
                    except queue.Empty:
                        break
                    if call is not None:
                        call.future.cancel()
            for _ in self._threads:
                self._calls.put(None)
        if wait:
            for t in self._threads:
                t.join()

    def kill(self, grace: float) -> None:
        """After shutdown(wait=False): workers still busy after `grace` seconds are killed."""
        deadline = time.monotonic() + grace
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            workers = list(self._workers)
        for w in workers:  # the processes only: each thread sees its worker gone, answers, closes its pipe
            if w.process.is_alive():
                w.process.kill()
        for t in self._threads:
            t.join(1.0)


def make_pool(
    workers: int,
    time_limit: float | None = None,
    max_mb: float | None = None,
    recycle_mb: float | None = None,
) -> ExtractionPool:
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
    return ExtractionPool(workers, ctx, time_limit=time_limit, max_mb=max_mb, recycle_mb=recycle_mb)


def stop_pool(pool: ExtractionPool, grace: float | None = None) -> None:
    """Shut the pool down; with `grace`, workers still busy after that many seconds (a page that takes
    forever to extract) are killed, so that a stop requested by a signal stays a matter of seconds."""
    if grace is None:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    pool.shutdown(wait=False, cancel_futures=True)
    pool.kill(grace)


def hard_exit(pool: ExtractionPool | None, status: int) -> NoReturn:
    """Exit now, killing the helper processes first: the workers, the fork server, the resource tracker.

    Left alone they would outlive us: each holds the other end of the pipes that would tell it we are gone.
    multiprocessing exposes no public handle on the last two, hence the private attributes (checked, never
    required).
    """
    pids = pool.pids() if pool is not None else []
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    tracker = getattr(multiprocessing.resource_tracker, "_resource_tracker", None)
    pids += [pid for pid in (getattr(server, "_forkserver_pid", None), getattr(tracker, "_pid", None)) if pid]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass  # already gone
    os._exit(status)
