"""Items 1-3 and 8 of issue 12: values a visitor types that once reached the database and failed there."""

from __future__ import annotations

import httpx
import pytest

from tests.hostile_site.conftest import Served

HUGE = ["2147483648", "9223372036854775807", "9223372036854775808", "1" + "0" * 40]
ID_PATHS = ["/api/articles/{}", "/articles/{}", "/incidents/{}", "/api/incidents/{}"]


@pytest.mark.parametrize("template", ID_PATHS)
def test_huge_ids_are_not_found(served: Served, template: str) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        for n in HUGE:
            r = c.get(template.format(n))
            assert r.status_code == 404, (template, n, r.status_code)
            assert (
                ("introuvable" in r.json()["detail"])
                if template.startswith("/api")
                else "introuvable" in r.text
            )
        assert c.get(template.format(1)).status_code == 200  # a real id still answers


DATE_CASES = [
    ("until", "9999-12-31"),
    ("since", "9999-12-31"),
    ("since", "0001-01-01"),
    ("until", "0001-01-01"),
]
DATE_PATHS = [
    "/api/articles?q=panne&{p}={v}",
    "/api/articles?{p}={v}",
    "/recherche?{p}={v}",
    "/recherche?q=panne&{p}={v}",
    "/api/incidents?{p}={v}",
    "/export/incidents.csv?{p}={v}",
    "/export/incidents.json?{p}={v}",
    "/api/articles?sort=date&{p}={v}",
]


@pytest.mark.parametrize("param, value", DATE_CASES)
def test_extreme_dates_answer(served: Served, param: str, value: str) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        for template in DATE_PATHS:
            r = c.get(template.format(p=param, v=value))
            assert r.status_code == 200, (template, param, value, r.status_code, r.text[:200])
        for path in (
            "/?year=9999",
            "/?year=0000",
            "/?year=0001",
            "/api/incidents?since=9999-12-31&until=0001-01-01",
            "/api/articles?since=9999-12-31&until=0001-01-01&sort=date",
        ):
            assert c.get(path).status_code == 200, path
        both = c.get("/api/articles", params={"since": "0001-01-01", "until": "9999-12-31"}).json()
        assert both["total"] == c.get("/api/articles").json()["total"]  # the widest range is everything dated


NUL_PATHS = [
    "/entites/open%00ai",
    "/api/entites/open%00ai",
    "/entites/%00",
    "/api/entites/%00?type=produit",
    "/nulle%00part",
    "/api/articles/1%00",
    "/static/style%00.css",
]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_nul_byte_in_path_is_not_found(served: Served, path: str) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        assert c.get(path).status_code == 404


NUL_QUERIES = [
    ("/api/articles?q=pan%00ne", 200),
    ("/recherche?q=%00", 200),
    ("/api/articles?company=open%00ai", 200),
    ("/api/articles?source=%00", 200),
    ("/recherche?product=chat%00gpt", 200),
    ("/api/incidents?company=open%00ai", 200),
    ("/?company=%00", 200),
    ("/flux/pannes.atom?company=open%00ai", 200),
    ("/export/incidents.csv?product=%00x", 404),
    ("/entites/openai?type=%00", 200),
    ("/entites/openai?type=produit%00x", 422),
    ("/api/entites/openai?type=entre%00prise", 200),
]


@pytest.mark.parametrize("path, status", NUL_QUERIES)
def test_nul_byte_in_query_never_reaches_the_database(served: Served, path: str, status: int) -> None:
    """NUL characters are dropped from query values (no database stores them); what is left is read as usual."""
    with httpx.Client(base_url=served.url, timeout=10) as c:
        r = c.get(path)
        assert r.status_code == status, (path, r.status_code, r.text[:200])


def test_long_search_is_cut_and_said(served: Served) -> None:
    q = "panne " * 200  # 1,200 characters
    with httpx.Client(base_url=served.url, timeout=10) as c:
        page = c.get("/recherche", params={"q": q})
        assert page.status_code == 200
        assert "recherche a été raccourcie à 500 caractères" in page.text
        assert c.get("/recherche", params={"q": "panne"}).text.count("raccourcie") == 0
        api = c.get("/api/articles", params={"q": q})
        assert api.status_code == 200
        assert api.json()["q_truncated"] is True
        assert api.json()["total"] == c.get("/api/articles", params={"q": q[:500]}).json()["total"]
        assert c.get("/api/articles", params={"q": "panne"}).json()["q_truncated"] is False
