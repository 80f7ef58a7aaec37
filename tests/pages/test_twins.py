"""Every page and its JSON twin come from one service call: they show the same items, in the same order."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.site_data import SiteData

LINK = re.compile(r'href="/(articles|incidents)/(\d+)"')


def _ids(html: str, kind: str, region: str | None = None) -> list[int]:
    """The ids of the articles or incidents a page links to, in order, each once."""
    if region is not None:
        html = html.split(region, 1)[1]
    seen: list[int] = []
    for k, n in LINK.findall(html):
        if k == kind and int(n) not in seen:
            seen.append(int(n))
    return seen


def test_timeline_and_api_incidents_show_the_same_incidents(site: tuple[TestClient, SiteData]) -> None:
    client, _ = site
    for query in ("", "?product=chatgpt", "?kind=outage", "?company=openai&year=2025", "?kind=restriction"):
        api = client.get("/api/incidents" + query).json()
        page = client.get("/" + query).text
        want = [i["id"] for i in api["items"]]
        assert _ids(page.split("<main", 1)[1], "incidents") == want, query
        assert f"{api['total']} incident" in page.replace("\u202f", "")
        # the page's own JSON link points at this twin, with the same filters
        assert f'href="/api/incidents{query.replace("&", "&amp;")}"' in page


def test_search_page_and_api_articles_show_the_same_hits(site: tuple[TestClient, SiteData]) -> None:
    client, _ = site
    for query in (
        "?q=panne",
        "?q=panne&sort=date",
        "?company=openai",
        "?q=claude&outage=true",
        "?q=xylophone",
    ):
        api = client.get("/api/articles" + query).json()
        page = client.get("/recherche" + query).text
        results = page.split('<ol class="results">', 1)[1].split("</ol>", 1)[0] if api["items"] else ""
        assert _ids(results, "articles") == [a["id"] for a in api["items"]], query
        for facet in api["facets"]["products"][:3]:
            assert facet["name"] in html.unescape(page)


def test_article_page_and_api_article_show_the_same_article(site: tuple[TestClient, SiteData]) -> None:
    client, data = site
    for stem in ("chatgpt-panne-mondiale-2-avril", *list(data.articles)[:5]):
        aid = data.articles[stem]
        api = client.get(f"/api/articles/{aid}").json()
        page = client.get(f"/articles/{aid}").text
        assert api["id"] == aid and api["title"] in html.unescape(page)
        if api["incident"]:
            assert f'href="/incidents/{api["incident"]["id"]}"' in page
        related = [a["id"] for a in api["related"]["same_incident"] + api["related"]["same_entities"]]
        if related:
            assert _ids(page, "articles", '<section class="related"') == related
        for entity in api["products"] + api["companies"]:
            assert entity["name"] in html.unescape(page)


def test_incident_page_and_api_incident_show_the_same_coverage(site: tuple[TestClient, SiteData]) -> None:
    client, data = site
    for iid in sorted(set(data.incidents.values())):
        api = client.get(f"/api/incidents/{iid}").json()
        page = client.get(f"/incidents/{iid}").text
        coverage = page.split('id="cov-title"', 1)[1]
        assert _ids(coverage, "articles") == [a["id"] for a in api["articles"]], iid
        if api["first_report"]:
            assert api["first_report"]["id"] == api["articles"][0]["id"]


def test_entity_pages_and_their_twins(site: tuple[TestClient, SiteData]) -> None:
    client, _ = site
    listing = client.get("/api/entities").json()
    page = client.get("/entites").text
    for e in listing["companies"]:
        assert f'href="/entites/{e["slug"]}"' in page
    for e in listing["products"]:
        assert f'href="/entites/{e["slug"]}?type=produit"' in page
    for slug in ("openai", "chatgpt?type=produit"):
        api = client.get(f"/api/entites/{slug}").json()
        html = client.get(f"/entites/{slug}").text
        assert _ids(html.split('id="tl-title"', 1)[1].split('id="art-title"', 1)[0], "incidents") == [
            i["id"] for i in api["incidents"]
        ]
        assert _ids(html.split('id="art-title"', 1)[1], "articles") == [
            a["id"] for a in api["latest_articles"]
        ]
        assert "months" not in api  # a display grouping, not data


def test_sources_page_and_api_sources_list_the_same_sources(site: tuple[TestClient, SiteData]) -> None:
    client, _ = site
    api = client.get("/api/sources").json()
    page = client.get("/sources").text
    assert "<title>Santé des sources · Veille IA</title>" in page
    assert '<a class="brand" href="/">Veille IA</a>' in page
    assert '<a href="/sources" aria-current="page">Sources</a>' in page
    for s in api["items"]:
        assert s["name"] in html.unescape(page)
