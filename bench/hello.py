"""The baseline of the load test: a bare ASGI app answering a short HTML page."""

from __future__ import annotations

from typing import Any

BODY = b'<!DOCTYPE html><html lang="fr"><title>Bonjour</title><p>Bonjour</p></html>'


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answer every HTTP request with the same bytes."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(BODY)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": BODY})
