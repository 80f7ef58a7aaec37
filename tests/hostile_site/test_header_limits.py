"""Item 9 of issue 12: oversized or countless request headers are refused, by the server `veille serve` runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT, free_port
from tests.hostile_site.conftest import Served
from tests.hostile_site.rawhttp import raw_request, split, status_of

MIB = 1024 * 1024


def _request(headers: bytes) -> bytes:
    return b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"Connection: close\r\n\r\n"


def _refused(port: int) -> dict[str, int]:
    cases = {
        "one 1 MiB header": _request(b"X-Grand: " + b"a" * MIB + b"\r\n"),
        "5,000 headers": _request(b"".join(b"X-H%d: v\r\n" % i for i in range(5000))),
        "5,000 tiny headers": _request(b"a:\r\n" * 5000),
        "200 headers": _request(b"".join(b"X-H%d: v\r\n" % i for i in range(200))),
        "a 1 MiB URL": b"GET /recherche?q="
        + b"a" * MIB
        + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    }
    return {name: status_of(raw_request(port, data)) for name, data in cases.items()}


def _assert_refused(statuses: dict[str, int]) -> None:
    for name, status in statuses.items():
        assert status in (400, 414, 431), (name, status)


def test_header_limits(served: Served) -> None:
    _assert_refused(_refused(served.port))
    ordinary = _request(b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(40)))
    assert status_of(raw_request(served.port, ordinary)) == 200  # a browser's 40 headers still pass
    with httpx.Client(base_url=served.url, timeout=10) as c:
        assert c.get("/healthz").status_code == 200  # the server still answers


def test_veille_serve_has_the_limits_and_a_local_public_url(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, VEILLE_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("VEILLE_PUBLIC_URL", None)
    env.pop("VEILLE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "veille serve did not start"
            time.sleep(0.2)
        _assert_refused(_refused(port))
        # what uvicorn's parser refuses before the app is answered in French too
        french: list[bool] = []
        for bad in (
            b"GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            _request(b"X-Grand: " + b"a" * MIB + b"\r\n"),
        ):
            answer = raw_request(port, bad)
            assert status_of(answer) in (400, 431), answer[:200]
            french.append(status_of(answer) == 400 and "Requête HTTP invalide" in split(answer)[1].decode())
        assert french[0], "a broken request line gets uvicorn's 400, in French"
        feed = httpx.get(
            f"http://127.0.0.1:{port}/flux/pannes.atom", headers={"host": "evil.example"}, timeout=10
        )
        assert feed.status_code == 400  # `veille serve` on loopback answers only to loopback names
        feed = httpx.get(f"http://127.0.0.1:{port}/flux/pannes.atom", timeout=10)
        assert f'href="http://127.0.0.1:{port}/"' in feed.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_bad_public_url_stops_veille_serve_with_a_french_message(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        VEILLE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        VEILLE_PUBLIC_URL="https://exemple.org/veille",
    )
    done = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Configuration invalide : VEILLE_PUBLIC_URL : adresse publique invalide" in done.stderr
    assert "Traceback" not in done.stderr


def _serve(tmp_path: Path, **extra: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, VEILLE_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), **extra)
    env.pop("VEILLE_PUBLIC_URL", None)
    env.pop("VEILLE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc, port
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "veille serve did not start"
        time.sleep(0.2)


def test_httptools_behind_a_proxy_still_gets_the_request_guard(tmp_path: Path) -> None:
    """VEILLE_HTTP_PARSER=httptools trades h11's bound on arriving heads for speed; the guard's 431 still holds."""
    proc, port = _serve(tmp_path, VEILLE_HTTP_PARSER="httptools")
    try:
        many = _request(b"".join(b"X-H%d: v\r\n" % i for i in range(200)))
        assert status_of(raw_request(port, many)) == 431
        big = _request(b"X-Grand: " + b"a" * 64 * 1024 + b"\r\n")
        assert status_of(raw_request(port, big)) == 431
        ordinary = _request(b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(40)))
        assert status_of(raw_request(port, ordinary)) == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_an_unknown_http_parser_stops_veille_serve_with_a_french_message(tmp_path: Path) -> None:
    env = dict(os.environ, VEILLE_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), VEILLE_HTTP_PARSER="asyncio")
    done = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Configuration invalide : VEILLE_HTTP_PARSER : analyseur HTTP inconnu « asyncio »" in done.stderr
    assert "Traceback" not in done.stderr
