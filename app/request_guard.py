"""What a request must look like before the app reads it: a known host, a bounded set of headers, no NUL byte.

Also maps HEAD onto GET, so that HEAD works wherever GET does, without a body. One pure ASGI pass, outside the
page cache (a refused request never gets a 304 or a cached page) and inside the security headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request

from app.config import Settings
from app.errors import answer

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def host_name(value: str) -> str:
    """The host of a Host header value, lowercased, without port or IPv6 brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(settings: Settings) -> frozenset[str] | None:
    """The host names the site answers to, or None when any host is accepted.

    Checked only when the operator named the site (VEILLE_PUBLIC_URL or VEILLE_ALLOWED_HOSTS): loopback names
    always pass, so local health checks keep working."""
    names = set(settings.allowed_hosts)
    if "*" in names or not (settings.public_url or names):
        return None
    for url in (settings.public_url, settings.local_url):
        if url:
            names.add(urlsplit(url).hostname or "")
    return frozenset(host_name(n) for n in names) | LOOPBACK_NAMES


def without_nul(query: bytes) -> bytes:
    """The query string with NUL characters removed from names and values (no database accepts them in text)."""
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
    return urlencode([(k.replace("\x00", ""), v.replace("\x00", "")) for k, v in pairs]).encode("ascii")


class RequestGuard:
    """Refuse or normalise a request before routing; see the module docstring."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.hosts = allowed_hosts(settings)
        self.max_headers = settings.max_headers
        self.max_header_bytes = settings.max_header_bytes
        origin = urlsplit(settings.base_url)
        self.scheme = origin.scheme
        self.host_header = origin.netloc.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            status, detail = refusal
            await answer(Request(scope), status, detail)(scope, receive, send)
            return
        # From here on the app sees the public origin: request.url, url_for and redirects never carry the
        # visitor's Host header.
        headers = [(k, v) for k, v in scope["headers"] if k != b"host"]
        headers.append((b"host", self.host_header))
        inner = dict(scope, headers=headers, scheme=self.scheme)
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query:
            inner["query_string"] = without_nul(query)
        if scope["method"] != "HEAD":
            await self.app(inner, receive, send)
            return
        inner["method"] = "GET"

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(inner, receive, send_headers_only)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        # uvicorn's HTTP parser bounds the bytes it buffers (`veille serve`); this holds under any server.
        if len(headers) > self.max_headers:
            return 431, f"trop d'en-têtes ({len(headers)}, au plus {self.max_headers})"
        if sum(len(k) + len(v) + 4 for k, v in headers) > self.max_header_bytes:
            return 431, f"en-têtes trop volumineux (au plus {self.max_header_bytes} octets)"
        if self.hosts is not None:
            host = next((v for k, v in headers if k == b"host"), None)
            if host is not None and host_name(host.decode("latin-1")) not in self.hosts:
                return 400, "Hôte non autorisé : ce site ne répond pas sous ce nom"
        if "\x00" in scope["path"]:
            return 404, "Page introuvable"
        return None
