"""`veille serve` as a real process on 127.0.0.1, as a replica behind a load balancer would run it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import ROOT, free_port

PUBLIC_URL = "https://veille.example"  # every replica knows the site by the load balancer's name


@dataclass
class Serving:
    """A running `veille serve` process."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path
    port: int

    def children(self) -> list[int]:
        """The worker processes of `--workers N` (uvicorn's supervisor spawns them; not its resource tracker)."""
        pid = self.proc.pid
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [
            int(k)
            for k in kids
            if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()  # not the resource tracker
        ]


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def serve_env(db_url: str, data_dir: Path, public_url: str | None = PUBLIC_URL) -> dict[str, str]:
    env = dict(os.environ, VEILLE_DATABASE_URL=db_url, VEILLE_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    env.pop("VEILLE_PUBLIC_URL", None)
    if public_url:
        env["VEILLE_PUBLIC_URL"] = public_url
    return env


def start(db_url: str, data_dir: Path, workers: int = 1, public_url: str | None = PUBLIC_URL) -> Serving:
    """Start `python -m app serve` on a free port; wait_up() before use."""
    port = free_port()
    log = data_dir / f"serve-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(port), "--workers", str(workers)],
            cwd=ROOT,
            env=serve_env(db_url, data_dir, public_url),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Serving(proc, f"http://127.0.0.1:{port}", log, port)


def wait_up(srv: Serving, workers: int = 1, timeout: float = 90) -> None:
    """Until /healthz answers and, with several workers, every worker has finished its start-up."""
    deadline = time.monotonic() + timeout
    while True:
        assert srv.proc.poll() is None, srv.log.read_text()
        assert time.monotonic() < deadline, "veille serve did not start:\n" + srv.log.read_text()
        try:
            up = httpx.get(srv.url + "/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            up = False
        if up and srv.log.read_text().count("Application startup complete") >= workers:
            return
        time.sleep(0.1)


def stop(srv: Serving) -> None:
    """SIGTERM, as a service manager stops it; SIGKILL past 20 s."""
    if srv.proc.poll() is None:
        srv.proc.send_signal(signal.SIGTERM)
        try:
            srv.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.proc.kill()
            srv.proc.wait()


@contextmanager
def serving(
    db_url: str, data_dir: Path, count: int = 1, workers: int = 1, public_url: str | None = PUBLIC_URL
) -> Iterator[list[Serving]]:
    """`count` servers on one database, started together."""
    servers = [start(db_url, data_dir, workers, public_url) for _ in range(count)]
    try:
        for s in servers:
            wait_up(s, workers)
        yield servers
    finally:
        for s in servers:
            stop(s)
