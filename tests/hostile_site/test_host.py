"""Item 6 of issue 12: the Host header is not trusted; absolute URLs come from VEILLE_PUBLIC_URL."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from tests.hostile_site.conftest import Served, start

EVIL = "evil.example"
ABSOLUTE = ["/flux/pannes.atom", "/flux/pannes.json", "/export/incidents.csv"]


def _urls(path: str, body: str) -> list[str]:
    """The absolute URLs an answer gives out."""
    if path.endswith(".csv"):
        return [row["url"] for row in csv.DictReader(io.StringIO(body))]
    return re.findall(r"https?://[^\s\"<>,]+", body)


def test_default_public_url_ignores_the_host_header(served: Served) -> None:
    """No public URL configured: absolute URLs use the local address, whatever Host says."""
    with httpx.Client(base_url=served.url, timeout=10) as c:
        for path in ABSOLUTE:
            r = c.get(path, headers={"host": EVIL})
            assert r.status_code == 200
            assert EVIL not in r.text, path
            assert any(u.startswith("http://127.0.0.1:8000/incidents/") for u in _urls(path, r.text)), path
            honest = c.get(path)
            assert honest.content == r.content  # one representation whatever the Host: a shared ETag is right
        r = c.get("/recherche/", headers={"host": EVIL}, follow_redirects=False)
        assert r.status_code in (307, 308) and EVIL not in r.headers["location"]


@pytest.fixture
def public(served: Served, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = Settings(
        database_url=served.settings.database_url,
        data_dir=tmp_path,
        public_url="https://veille.example.org/",
        allowed_hosts=["veille.internal"],
    )
    srv, _ = start(settings)
    with srv:
        yield srv


def test_public_url_makes_every_absolute_url(public) -> None:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=public.url, timeout=10, headers={"host": "veille.example.org"}) as c:
        for path in ABSOLUTE:
            r = c.get(path)
            assert r.status_code == 200, path
            urls = _urls(path, r.text)
            assert urls and all(
                u.startswith("https://veille.example.org/") or "jsonfeed.org" in u or "w3.org" in u
                for u in urls
            ), (path, urls[:5])
        atom = c.get("/flux/pannes.atom?company=openai").text
        assert '<link rel="self" href="https://veille.example.org/flux/pannes.atom?company=openai"' in atom
        r = c.get("/recherche/?q=panne", follow_redirects=False)
        assert r.status_code in (307, 308)
        assert r.headers["location"] in ("https://veille.example.org/recherche?q=panne", "/recherche?q=panne")


def test_unknown_hosts_are_refused_when_a_public_url_is_set(public) -> None:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=public.url, timeout=10) as c:
        good = c.get("/api/incidents", headers={"host": "veille.example.org"})
        assert good.status_code == 200
        for host in (EVIL, "veille.example.org.evil.example", "evil.example:443", ""):
            for path in ("/api/incidents", "/", "/flux/pannes.atom"):
                r = c.get(path, headers={"host": host, "if-none-match": good.headers["etag"]})
                assert r.status_code == 400, (
                    host,
                    path,
                    r.status_code,
                )  # never a 304 or a page for a foreign host
                assert "Hôte non autorisé" in r.text
                assert "content-security-policy" in r.headers
        for host in ("veille.internal", "VEILLE.EXAMPLE.ORG:443", "127.0.0.1", "localhost:8000", "[::1]"):
            assert c.get("/healthz", headers={"host": host}).status_code == 200, host
