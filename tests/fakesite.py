"""A real HTTP server on 127.0.0.1 whose routes the tests script (status, headers, delays, sequences)."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "crawl"


@dataclass
class Resp:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line (slow server)
    gzip: bool = False
    hold: threading.Event | None = None  # the answer waits until the test sets it (at most a minute)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0


Route = Resp | list[Resp] | Callable[[dict[str, str]], Resp]


def html(body: str | bytes, charset: str = "utf-8", **headers: str) -> Resp:
    raw = body.encode(charset) if isinstance(body, str) else body
    return Resp(body=raw, headers={"Content-Type": f"text/html; charset={charset}", **headers})


def page(name: str, base: str, **headers: str) -> Resp:
    """A fixture page with {BASE} replaced by the server URL (byte-level, so any encoding survives)."""
    raw = (FIXTURES / name).read_bytes().replace(b"{BASE}", base.encode())
    ctype = "text/html; charset=windows-1252" if b"windows-1252" in raw[:400] else "text/html; charset=utf-8"
    return Resp(body=raw, headers={"Content-Type": ctype, **headers})


def rss(base: str, items: list[tuple[str, str]], title: str = "Flux de test") -> Resp:
    """An RSS 2.0 feed of (path, RFC 822 date) items."""
    body = "".join(
        f"<item><title>{p}</title><link>{base}{p}</link><pubDate>{d}</pubDate>"
        f"<description>Résumé court.</description></item>"
        for p, d in items
    )
    xml = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link><description>Actualités</description>{body}</channel></rss>"
    )
    return Resp(body=xml.encode(), headers={"Content-Type": "application/rss+xml; charset=utf-8"})


def atom(base: str, items: list[tuple[str, str]]) -> Resp:
    """An Atom feed of (path, ISO date) items."""
    body = "".join(
        f'<entry><title>{p}</title><link rel="alternate" href="{base}{p}"/><id>{base}{p}</id>'
        f"<updated>{d}</updated></entry>"
        for p, d in items
    )
    xml = (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>'
        f"<id>{base}/</id><updated>2025-06-10T10:00:00Z</updated>{body}</feed>"
    )
    return Resp(body=xml.encode(), headers={"Content-Type": "application/atom+xml"})


class FakeSite:
    """Start with `with FakeSite(routes) as site:`; `site.url`, `site.hits`, `site.routes` (mutable)."""

    def __init__(self, routes: dict[str, Route] | None = None, port: int = 0) -> None:
        self.routes: dict[str, Route] = routes or {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms Nagle/delayed-ACK stall between headers and body

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with site.lock:
                    site.hits.append(hit)
                    route = site.routes.get(self.path.split("?")[0])
                    if isinstance(route, list):
                        resp = route.pop(0) if len(route) > 1 else route[0]
                    elif callable(route):
                        resp = route(hit.headers)
                    else:
                        resp = route or Resp(404, b"introuvable", {"Content-Type": "text/plain"})
                if resp.delay:
                    time.sleep(resp.delay)
                if resp.hold is not None:
                    resp.hold.wait(60)
                body = resp.body
                headers = dict(resp.headers)
                if resp.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                try:
                    self.send_response(resp.status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if resp.status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (size limit): that is the point of some tests
                hit.end = time.monotonic()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path.split("?")[0] == path]
