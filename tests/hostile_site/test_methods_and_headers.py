"""Items 4 and 5 of issue 12: HEAD and 405 as HTTP says, security headers on every answer."""

from __future__ import annotations

import httpx
import pytest

from app.config import Settings
from tests.hostile_site.conftest import Served, start
from tests.hostile_site.rawhttp import raw_request, split, status_of

GET_PATHS = [
    "/healthz",
    "/api/articles?q=panne",
    "/api/articles/1",
    "/api/incidents",
    "/api/incidents/1",
    "/api/entities",
    "/api/entites/openai",
    "/api/sources",
    "/",
    "/recherche?q=panne",
    "/articles/1",
    "/incidents/1",
    "/entites",
    "/entites/openai",
    "/sources",
    "/flux/pannes.atom",
    "/flux/pannes.json",
    "/export/incidents.csv",
    "/export/incidents.json",
    "/static/style.css",
    "/openapi.json",
]
SECURITY = {"content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy"}


@pytest.mark.parametrize("path", GET_PATHS)
def test_head_works_wherever_get_works_without_a_body(served: Served, path: str) -> None:
    with httpx.Client(base_url=served.url, timeout=10, headers={"accept-encoding": "identity"}) as c:
        get = c.get(path)
        assert get.status_code == 200, (path, get.status_code)
    for _ in range(2):  # the second time the page may come from the page cache
        answer = raw_request(
            served.port, f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        headers, body = split(answer)
        assert status_of(answer) == 200, (path, answer[:200])
        assert body == b"", (path, body[:100])
        assert headers["content-type"] == get.headers["content-type"]
        if "content-length" in headers:
            assert int(headers["content-length"]) == len(get.content)
        assert SECURITY <= set(headers)


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/api/articles"),
        ("DELETE", "/healthz"),
        ("PUT", "/flux/pannes.atom"),
        ("POST", "/recherche"),
        ("PATCH", "/articles/1"),
        ("OPTIONS", "/"),
    ],
)
def test_405_says_which_methods_are_allowed(served: Served, method: str, path: str) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        r = c.request(method, path)
    assert r.status_code == 405
    allowed = {m.strip() for m in r.headers["allow"].split(",")}
    assert allowed == {"GET", "HEAD"}
    assert "Méthode non autorisée" in r.text
    assert SECURITY <= set(r.headers)


def test_head_of_a_missing_page_is_a_bodiless_404(served: Served) -> None:
    answer = raw_request(
        served.port, b"HEAD /articles/999999 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    assert status_of(answer) == 404 and split(answer)[1] == b""


def test_security_headers_on_every_kind_of_answer(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        first = c.get("/api/incidents")
        answers = {
            "200 page": c.get("/"),
            "200 api": first,
            "404 page": c.get("/nulle-part"),
            "404 api": c.get("/api/articles/0"),
            "422 page": c.get("/?page=0"),
            "422 api": c.get("/api/articles?per_page=0"),
            "405": c.post("/"),
            "304": c.get("/api/incidents", headers={"if-none-match": first.headers["etag"]}),
            "static": c.get("/static/style.css"),
            "static 404": c.get("/static/absent.css"),
        }
    assert answers["304"].status_code == 304
    for name, r in answers.items():
        missing = SECURITY - set(r.headers)
        assert not missing, (name, r.status_code, missing)
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"


def test_a_crash_is_a_french_500_with_security_headers(served: Served, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app

    settings = Settings(database_url=served.settings.database_url, data_dir=tmp_path)
    app = create_app(settings)

    def crash() -> None:
        raise RuntimeError("détail interne à ne pas montrer")

    app.add_api_route("/api/test-panne", crash)  # only in this test's app
    app.add_api_route("/test-panne", crash)
    srv, _ = start(settings, app)
    # uvicorn closes a connection whose app raised: one connection per request.
    with srv, httpx.Client(base_url=srv.url, timeout=10, headers={"connection": "close"}) as c:
        for path in ("/api/test-panne", "/test-panne"):
            r = c.get(path)
            assert r.status_code == 500
            assert "Erreur interne du serveur" in r.text and "détail interne" not in r.text
            missing = SECURITY - set(r.headers)
            assert not missing, (path, missing)
            assert "default-src 'none'" in r.headers["content-security-policy"]
