"""Requests written byte by byte on a socket: what httpx would refuse to send, and answers read as sent."""

from __future__ import annotations

import socket


def raw_request(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send `data` to 127.0.0.1:port and read until the server closes the connection."""
    chunks: list[bytes] = []
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything we send
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    """The status code of a raw HTTP/1.1 answer (0 when there is none)."""
    first = answer.split(b"\r\n", 1)[0].split()
    return int(first[1]) if len(first) >= 2 and first[1].isdigit() else 0


def split(answer: bytes) -> tuple[dict[str, str], bytes]:
    """Headers (lowercased names) and the bytes after them."""
    head, _, body = answer.partition(b"\r\n\r\n")
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    return headers, body
