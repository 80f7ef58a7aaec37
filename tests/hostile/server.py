"""A hostile HTTP server on a loopback address: every answer a malicious site may send, scripted per path.

Routes are either a plain `Resp` (as in tests.fakesite) or a function that writes raw bytes on the socket
(slow headers, endless slow bodies, compressed bombs). It listens on 127.0.0.1 by default, or 127.0.0.2 or
::1 to play "another host" without ever leaving the machine.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from tests.fakesite import Hit, Resp

Raw = Callable[["Handler", threading.Event], None]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        with site.lock:
            site.hits.append(hit)
            route = site.routes.get(self.path.split("?")[0])
        try:
            if callable(route):
                route(self, site.stopping)
            else:
                resp = (
                    route
                    if isinstance(route, Resp)
                    else Resp(404, b"introuvable", {"Content-Type": "text/plain"})
                )
                if resp.delay:
                    time.sleep(resp.delay)
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if resp.status != 304:
                    self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up: often the point of the scenario
        hit.end = time.monotonic()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    site: Hostile


class _Server6(_Server):
    address_family = socket.AF_INET6


class Hostile:
    """`with Hostile(routes, host="127.0.0.2") as srv:`; `srv.url`, `srv.hits`, `srv.routes`."""

    def __init__(self, routes: dict[str, Resp | Raw] | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Resp | Raw] = routes or {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        cls = _Server6 if ":" in host else _Server
        self.httpd = cls((host, 0), Handler)
        self.httpd.site = self
        netloc = f"[{host}]" if ":" in host else host
        self.url = f"http://{netloc}:{self.httpd.server_address[1]}"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Hostile:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # ends the endless slow writers
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path.split("?")[0] == path]

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]


def redirect(location: str, status: int = 302) -> Resp:
    return Resp(status, b"", {"Location": location, "Content-Type": "text/plain"})


def text(body: bytes | str, ctype: str = "text/plain") -> Resp:
    return Resp(body=body.encode() if isinstance(body, str) else body, headers={"Content-Type": ctype})


def drip_headers(interval: float = 0.5) -> Raw:
    """Status line and headers one byte at a time, forever: every read gets a byte, no request ever ends."""

    def route(h: Handler, stop: threading.Event) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Lent: " + b"a" * 100_000
        for i in range(len(head)):
            if stop.wait(interval):
                return
            h.wfile.write(head[i : i + 1])
            h.wfile.flush()

    return route


def drip_body(interval: float = 0.5, ctype: str = "text/html; charset=utf-8") -> Raw:
    """Headers at once, then a body of one byte every `interval` seconds, forever."""

    def route(h: Handler, stop: threading.Event) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(10**9))
        h.end_headers()
        h.wfile.flush()
        while not stop.wait(interval):
            h.wfile.write(b"<")
            h.wfile.flush()

    return route


def gzip_of(chunks: Callable[[], object], level: int = 9) -> bytes:
    """gzip a stream of chunks without holding the whole input in memory."""
    comp = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [comp.compress(c) for c in chunks()]  # type: ignore[attr-defined]
    out.append(comp.flush())
    return b"".join(out)


@dataclass(frozen=True)
class Bomb:
    """A body of `size` zero bytes, gzipped `layers` times (1 GiB -> a few KB with two layers)."""

    size: int
    layers: int = 2

    def build(self) -> bytes:
        block = b"\0" * (1 << 20)
        full, rest = divmod(self.size, len(block))
        body = gzip_of(lambda: [*([block] * full), block[:rest]])
        for _ in range(self.layers - 1):
            body = gzip_of(lambda b=body: [b])
        return body


def encoded(body: bytes, encoding: str, ctype: str = "text/html; charset=utf-8") -> Resp:
    return Resp(body=body, headers={"Content-Type": ctype, "Content-Encoding": encoding})
