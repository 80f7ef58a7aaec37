"""Pages over HTTP: French errors, CSP, bad input, sizes, entity pages, search facets, demo banner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import make_engine, migrate
from app.schemas import FacetCount, Facets, OutageCount, YearCount
from app.search.base import ArticleQuery
from app.search_page import FacetLink, facet_groups, query_params
from bench.corpus import populate

STYLE = Path(__file__).resolve().parents[2] / "app" / "static" / "style.css"


def test_pages_are_french_and_protected_by_csp(site) -> None:
    client, data = site
    for path in (
        "/",
        "/recherche?q=panne",
        f"/articles/{data.articles['gemini-panne-juin']}",
        "/entites",
        "/absente",
    ):
        r = client.get(path)
        assert '<html lang="fr">' in r.text
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script" not in csp  # no script may run on our pages
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "http://" not in r.text.split("<body>")[0].replace("http://www.w3.org", "")  # nothing external
    assert "cdn" not in STYLE.read_text() and "url(" not in STYLE.read_text()


def test_french_404(site) -> None:
    client, _ = site
    r = client.get("/nulle-part")
    assert r.status_code == 404 and "Page introuvable" in r.text and "Erreur 404" in r.text
    r = client.get("/articles/99999")
    assert r.status_code == 404 and "article introuvable" in r.text
    r = client.get("/entites/licorne")
    assert r.status_code == 404 and "entreprise ou produit inconnu : licorne" in r.text
    assert client.get("/api/entites/licorne").json()["detail"] == "entreprise ou produit inconnu : licorne"


def test_french_500_when_the_database_fails(settings: Settings) -> None:
    from app.main import create_app

    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:

        def broken() -> None:
            raise RuntimeError("base indisponible")

        app.state.sessionmaker = broken
        r = client.get("/articles/1")
        assert r.status_code == 500
        assert "Erreur interne du serveur" in r.text and "réessayez dans un instant" in r.text
        assert "base indisponible" not in r.text  # no internals shown


@pytest.mark.parametrize(
    "path, param",
    [
        ("/?kind=panne", "kind"),
        ("/?year=deux-mille", "year"),
        ("/?page=0", "page"),
        ("/recherche?page=-1", "page"),
        ("/recherche?sort=hasard", "sort"),
        ("/articles/abc", "article_id"),
        ("/entites/openai?type=chat", "type"),
    ],
)
def test_bad_parameters_get_a_french_422_naming_them(site, path: str, param: str) -> None:
    client, _ = site
    r = client.get(path)
    assert r.status_code == 422
    assert "Paramètres invalides" in r.text and f"<code>{param}</code>" in r.text


def test_empty_form_values_mean_all(site) -> None:
    client, _ = site
    r = client.get("/?company=&product=&kind=&year=")
    assert r.status_code == 200 and r.text.count('class="incident"') == 5
    r = client.get("/?kind=restriction&year=2024")
    assert (
        r.text.count('class="incident"') == 1
        and "Sora : génération vidéo fermée aux nouveaux comptes" in r.text
    )
    none = client.get("/?product=claude&year=2024")
    assert (
        "Aucun incident pour ces filtres" in none.text
        and 'href="/">affichez toute la chronologie' in none.text
    )


def test_entity_page_company_first_and_product(site) -> None:
    client, _ = site
    r = client.get("/entites/openai")
    assert "<h1>OpenAI</h1>" in r.text and "Entreprise" in r.text
    assert '<a href="/?company=openai&amp;year=2025">2025</a>' in r.text
    data = client.get("/api/entites/chatgpt").json()
    assert data["kind"] == "product" and data["company"] == {"slug": "openai", "name": "OpenAI"}
    assert data["incident_count"] == 1 and data["per_year"][0]["year"] == 2025
    assert {a["title"][:7] for a in data["latest_articles"]} >= {"ChatGPT", "OpenAI "}


def test_shared_slug_goes_to_the_company(settings: Settings) -> None:
    """Midjourney is both a company and a product: the company page wins, ?type=produit reaches the product."""
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        company = client.get("/api/entites/midjourney").json()
        product = client.get("/api/entites/midjourney?type=produit").json()
    assert company["kind"] == "company" and product["kind"] == "product"
    assert product["company"]["slug"] == "midjourney"


def test_search_page_keeps_query_and_shows_facets(site) -> None:
    client, _ = site
    r = client.get("/recherche?q=panne&product=chatgpt&sort=date")
    assert 'value="panne"' in r.text
    assert '<option value="date" selected>' in r.text
    assert 'aria-label="Retirer le filtre Produit : ChatGPT"' in r.text
    assert 'href="?q=panne&amp;sort=date"' in r.text  # removing the product keeps the rest
    assert '<h3 id="facet-sources">Sources</h3>' in r.text


def test_facet_groups_handle_years_and_outage_lists() -> None:
    aq = ArticleQuery(q="panne", since=date(2025, 1, 1), until=date(2025, 12, 31))
    params = query_params(aq)
    groups = facet_groups(
        Facets(
            companies=[FacetCount(slug="openai", name="OpenAI", count=4)],
            years=[YearCount(year=2025, count=3), YearCount(year=2024, count=1)],
            outage=[OutageCount(value=True, name="", count=2), OutageCount(value=False, name="", count=5)],
        ),
        params,
        aq,
    )
    by_key = {g.key: g for g in groups}
    assert [g.key for g in groups] == ["companies", "outage", "years"]
    y2025, y2024 = by_key["years"].items
    assert y2025.active and y2025.href == "?q=panne"
    assert y2024.href == "?q=panne&since=2024-01-01&until=2024-12-31"
    assert by_key["outage"].items[0] == FacetLink(
        "Articles sur une panne", 2, False, "?q=panne&outage=true&since=2025-01-01&until=2025-12-31"
    )


def test_demo_banner_only_in_demo_mode(settings: Settings) -> None:
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        empty = client.get("/").text
        assert "demo-banner" not in empty
        assert "Aucun incident pour l'instant" in empty and "<svg" not in empty
    with TestClient(create_app(settings.model_copy(update={"demo": True}))) as client:
        assert "Démonstration" in client.get("/").text


@pytest.fixture
def big_client(tmp_path: Path) -> Iterator[TestClient]:
    from app.main import create_app

    url = f"sqlite:///{tmp_path / 'big.db'}"
    engine = make_engine(url)
    migrate(engine)
    populate(engine, 3000)
    engine.dispose()
    with TestClient(create_app(Settings(database_url=url, data_dir=tmp_path))) as c:
        yield c


def test_pages_stay_under_100_kb_with_many_articles(big_client: TestClient) -> None:
    css = len(STYLE.read_bytes())
    first = big_client.get("/api/incidents").json()["items"][0]
    for path in (
        "/",
        "/?page=3",
        "/recherche",
        "/recherche?q=panne&per_page=100",
        "/entites/openai",
        f"/incidents/{first['id']}",
        f"/articles/{first['articles'][0]['id']}",
        "/entites",
    ):
        r = big_client.get(path)
        assert r.status_code == 200, path
        assert len(r.content) + css < 100_000, (path, len(r.content), css)


def test_timeline_paginates(big_client: TestClient) -> None:
    r = big_client.get("/")
    assert r.text.count('class="incident"') == 50
    assert "Page 1 sur" in r.text and 'rel="next" href="?page=2"' in r.text
    last = big_client.get("/?page=9999")
    assert last.status_code == 200 and "Incidents plus récents" in last.text


def test_search_paginates_and_keeps_filters(big_client: TestClient) -> None:
    r = big_client.get("/recherche?product=chatgpt&sort=date")
    assert r.status_code == 200 and r.text.count('<li>\n        <h2><a href="/articles/') == 20
    assert 'href="?product=chatgpt&amp;sort=date&amp;page=2" rel="next"' in r.text
    second = big_client.get("/recherche?product=chatgpt&sort=date&page=2")
    assert 'aria-current="page" href="?product=chatgpt&amp;sort=date&amp;page=2">2<' in second.text
    assert 'href="?product=chatgpt&amp;sort=date" rel="prev"' in second.text


def test_api_docs_get_their_own_narrow_policy(site) -> None:
    client, _ = site
    docs = client.get("/docs").headers["content-security-policy"]
    assert "https://cdn.jsdelivr.net" in docs and "frame-ancestors 'none'" in docs
    assert "cdn" not in client.get("/").headers["content-security-policy"]


def test_a_company_named_like_its_product_shows_one_chip(client, session_factory) -> None:  # type: ignore[no-untyped-def]
    """DeepSeek the company and DeepSeek the assistant: one « DeepSeek » chip, the product's; OpenAI stays."""
    import re

    from tests.helpers import ingest_files

    demo = (
        Path(__file__).resolve().parents[2]
        / "app/demo/pages/octet/deepseek-inscriptions-limitees-attaques.html"
    )
    [res] = ingest_files(session_factory, demo)
    assert res.status == "stored", res
    html = client.get(f"/articles/{res.article_id}").text
    tags = re.search(r'<ul class="tags" aria-label="Entités citées">(.*?)</ul>', html, re.S)
    assert tags is not None
    chips = re.findall(r'class="tag (\w+)" href="[^"]+">([^<]+)<', tags.group(1))
    assert chips.count(("product", "DeepSeek")) == 1 and ("company", "DeepSeek") not in chips
    assert ("company", "OpenAI") in chips and ("product", "ChatGPT") in chips
