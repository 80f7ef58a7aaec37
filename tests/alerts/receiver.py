"""An HTTPS receiver on 127.0.0.1 (certificate from a test CA) that records what it is sent, checks webhook
signatures, deduplicates on the event id as a real receiver would, and answers what the test scripted."""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme


@dataclass
class Reply:
    """What the receiver answers to one request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    hold: bool = False  # wait for `Receiver.release` before answering (the sender is killed meanwhile)
    endless: bool = False  # a 200 whose body never ends (until the client hangs up)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Receiver:
    """Use as a context manager; `url` is https://127.0.0.1:PORT."""

    def __init__(self, ca: trustme.CA, secret: str | None = None) -> None:
        self.secret = secret
        self.requests: list[Received] = []
        self.script: list[Reply] = []  # replies used in order; then 200
        self.got = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.requests.append(
                        Received(
                            self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()
                        )
                    )
                    reply = receiver.script.pop(0) if receiver.script else Reply()
                receiver.got.set()
                if reply.hold:
                    receiver.release.wait(timeout=30)
                if reply.endless:
                    self._endless()
                    return
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:  # the sender is gone
                    pass

            def _endless(self) -> None:
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"x" * 65536
                deadline = time.monotonic() + 30
                try:
                    while time.monotonic() < deadline:
                        self.wfile.write(chunk)
                except OSError:
                    return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        cert = ca.issue_cert("127.0.0.1", "localhost")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(ctx)
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def signature_ok(self, r: Received) -> bool:
        """X-Veille-Signature-256 is HMAC-SHA256 of the raw body with the subscription's secret."""
        assert self.secret, "the receiver needs the subscription's secret"
        want = "sha256=" + hmac.new(self.secret.encode(), r.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(want, r.header("x-veille-signature-256") or "")

    def accepted(self) -> list[dict[str, Any]]:
        """The alerts as the receiver's application sees them: signed, answered 2xx... and each event id once."""
        seen: dict[str, dict[str, Any]] = {}
        for r in self.requests:
            if self.secret and not self.signature_ok(r):
                continue
            payload = r.json
            seen.setdefault(payload["id"], payload)
        return list(seen.values())

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.02)
        raise AssertionError(f"{count} requests expected, {len(self.requests)} received")
