"""The pages as a reader uses them, in Chromium: timeline, filters, search, article, incident, phone width."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SCREENSHOTS, no_horizontal_scroll, run_axe

pytestmark = pytest.mark.browser


def test_timeline_lists_incidents_by_month_and_filters_by_product(site, page_factory) -> None:
    base, data = site
    page = page_factory()
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Chronologie des pannes des services d'IA"
    months = page.locator("section.month h2").all_inner_texts()
    assert months == ["Juin 2025", "Avril 2025", "Mars 2025", "Janvier 2025", "Décembre 2024"]
    chatgpt = page.locator("li.incident", has_text="Panne de ChatGPT")
    assert "mercredi 2 avril 2025" in chatgpt.inner_text()
    assert "vers 15 h 00" in chatgpt.inner_text()
    assert chatgpt.locator(".badge").inner_text() == "panne"
    assert "2 articles" in chatgpt.inner_text()
    assert "Confirmé par OpenAI : du 2 avril 2025 à 15 h 02" in chatgpt.inner_text()
    assert page.locator("li.incident", has_text="Claude").locator(".badge").inner_text() == "dégradation"
    assert page.locator("li.incident", has_text="Sora").locator(".badge").inner_text() == "restriction"
    # The chart is inline SVG with a text alternative and a data table.
    assert (
        page.locator("svg.chart[role=img] title").first.text_content()
        == "Incidents par mois et par entreprise"
    )
    assert "5 incidents" in page.locator(".chart-text").inner_text()
    assert page.locator("figure details table tbody tr").count() >= 6

    page.select_option("#f-product", "chatgpt")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"product=chatgpt"))
    titles = page.locator("li.incident .inc-title").all_inner_texts()
    assert titles == ["Panne de ChatGPT et OpenAI API"] or all("ChatGPT" in t for t in titles)
    assert page.locator("li.incident").count() == 1
    assert page.locator("#f-product").input_value() == "chatgpt"
    page.get_by_role("link", name="Tout afficher").click()
    assert page.locator("li.incident").count() == 5


def test_a_company_keeps_its_colour_when_the_timeline_is_filtered(site, page_factory) -> None:
    """The legend and the bars colour a company the same on the whole timeline and filtered to it."""
    base, _ = site
    page = page_factory()

    def legend() -> dict[str, str]:
        return {
            li.inner_text().strip(): li.locator(".swatch").evaluate(
                "e => getComputedStyle(e).backgroundColor"
            )
            for li in page.locator("ul.legend li").all()
        }

    page.goto(base + "/")
    whole = legend()
    assert "OpenAI" in whole and "Anthropic" in whole
    assert len(set(whole.values())) == len(whole)  # no two series share a colour
    page.goto(base + "/?company=anthropic")
    filtered = legend()
    assert filtered["Anthropic"] == whole["Anthropic"]
    fills = page.locator("svg.chart rect").evaluate_all("rs => rs.map(r => getComputedStyle(r).fill)")
    assert fills and whole["Anthropic"] in fills


def test_search_keeps_query_highlights_and_removes_filters(site, page_factory) -> None:
    base, _ = site
    page = page_factory()
    page.goto(base + "/")
    page.fill("#q-top", "ralentissements")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche\?q="))
    assert page.locator("#q").input_value() == "ralentissements"
    results = page.locator("ol.results > li")
    assert results.count() >= 1
    assert "Claude" in results.first.inner_text()
    assert page.locator("ol.results mark").count() >= 1
    # A facet link adds a filter; the active filter shows and can be removed.
    page.locator("aside.facets a", has_text="Anthropic").first.click()
    page.wait_for_url(re.compile(r"company=anthropic"))
    chip = page.locator(".active-filters a", has_text="Entreprise : Anthropic")
    assert chip.count() == 1
    chip.click()
    assert "company=" not in page.url
    assert page.locator("#q").input_value() == "ralentissements"


def test_search_without_accents_finds_the_same_articles(site, page_factory) -> None:
    base, _ = site
    page = page_factory()
    found = {}
    for q in ("dégradées", "degradees"):
        page.goto(f"{base}/recherche?q={q}")
        found[q] = page.locator("ol.results h2").all_inner_texts()
    assert found["dégradées"] and found["dégradées"] == found["degradees"]


def test_empty_search_says_what_to_try(site, page_factory) -> None:
    base, _ = site
    page = page_factory()
    page.goto(base + "/recherche?q=xylophone&product=claude")
    empty = page.locator(".empty")
    assert "Aucun article ne correspond à «\u00a0xylophone\u00a0»" in empty.inner_text()
    empty.get_by_role("link", name="cherchez sans filtre").click()
    assert page.locator("#product").input_value() == ""
    assert page.locator("#q").input_value() == "xylophone"


def test_article_page_leads_to_its_incident(site, page_factory) -> None:
    base, data = site
    page = page_factory()
    page.goto(base + "/recherche?q=ChatGPT&outage=true&sort=date")
    page.locator("ol.results h2 a", has_text="ChatGPT en panne").click()
    assert page.locator("h1").inner_text().startswith("ChatGPT en panne")
    meta = page.locator("article.article .meta").inner_text()
    assert "Camille Rousseau" in meta and "mercredi 2 avril 2025 à 18 h 30" in meta
    original = page.locator("a.original")
    assert original.get_attribute("href") == (
        "https://www.pixelmatin.fr/actualites/chatgpt-panne-mondiale-2-avril.html"
    )
    assert "Pixel Matin" in original.inner_text()
    # Never the publisher's full text: a sentence from the end of the article is absent.
    assert "l'une des plus longues" not in page.content()
    assert (
        page.locator(".tags a", has_text="ChatGPT").get_attribute("href") == "/entites/chatgpt?type=produit"
    )
    assert page.locator("#rel-inc + ol li").count() == 1  # the other ChatGPT article
    page.locator(".reported a").click()
    page.wait_for_url(re.compile(r"/incidents/\d+$"))
    coverage = page.locator("ol.coverage > li")
    assert coverage.count() == 2
    assert "Le Circuit" in coverage.nth(0).inner_text()  # published 16:05, before Pixel Matin at 18:30
    assert "premier à en parler" in coverage.nth(0).inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert "Le Circuit" in facts and "1 h 05 après le début" in facts
    official = page.locator(".official-box")
    assert "Elevated error rates on ChatGPT" in official.inner_text()
    assert official.locator("ol.updates li").count() == 2
    first_update = official.locator("ol.updates li").nth(0).inner_text()
    assert (
        "mercredi 2 avril 2025 à 15 h 20" in first_update and "enquête en cours" in first_update
    )  # 13:20 UTC


def test_entity_page_counts_outages_per_year(site, page_factory) -> None:
    base, _ = site
    page = page_factory()
    page.goto(base + "/entites/openai")
    assert page.locator("h1").inner_text() == "OpenAI"
    rows = page.locator("table.years tbody tr").all_inner_texts()
    assert rows[0].split("\t")[:2] == ["2025", "1"] and rows[1].split("\t")[:2] == ["2024", "1"]
    assert page.locator("section[aria-labelledby=art-title] ol.articles li").count() >= 3
    page.locator("a", has_text="ChatGPT").first.click()
    assert page.locator("h1").inner_text() == "ChatGPT"


def test_keyboard_skip_link_and_visible_focus(site, page_factory) -> None:
    base, _ = site
    page = page_factory()
    page.goto(base + "/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # moved on screen when focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    page.wait_for_url("**#contenu", timeout=5000)  # fragment navigation is asynchronous under load
    assert page.url.endswith("#contenu")


def test_phone_width_has_no_horizontal_scroll(site, page_factory) -> None:
    base, data = site
    page = page_factory(width=390, height=844)
    for path in _pages(data):
        page.goto(base + path)
        assert no_horizontal_scroll(page), path
    page.goto(base + "/")
    page.select_option("#f-kind", "outage")
    page.get_by_role("button", name="Filtrer").click()
    assert page.locator("li.incident").count() == 3


def _pages(data) -> list[str]:  # type: ignore[no-untyped-def]
    art = data.articles["chatgpt-panne-mondiale-2-avril"]
    inc = data.incidents["chatgpt-panne-mondiale-2-avril"]
    return [
        "/",
        "/?product=chatgpt",
        "/recherche?q=panne",
        "/recherche?q=xylophone",
        f"/articles/{art}",
        f"/incidents/{inc}",
        "/entites/openai",
        "/entites/chatgpt?type=produit",
        "/entites",
        "/sources",
        "/page-absente",
    ]


def _name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "chronologie"


@pytest.mark.parametrize("dark", [False, True], ids=["clair", "sombre"])
def test_every_page_passes_axe_and_is_screenshotted(site, page_factory, dark: bool) -> None:
    base, data = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for width in (1280, 390):
        page = page_factory(width=width, height=900, dark=dark)
        for path in _pages(data):
            page.goto(base + path)
            suffix = "-sombre" if dark else ""
            page.screenshot(path=str(SCREENSHOTS / f"{_name(path)}-{width}{suffix}.png"), full_page=True)
            violations = run_axe(page)
            if violations:
                problems[f"{path} @{width}"] = violations
    assert not problems, problems
    assert not page_factory.outside, page_factory.outside


def test_demo_banner_and_source_health_pass_axe(settings, site_data, page_factory) -> None:
    """The demo banner sits in a landmark, and /sources with both of its tables has a title, a brand link and its
    navigation marker: axe finds nothing at either width."""
    from datetime import UTC, datetime, timedelta

    from app.db import make_engine, make_sessionmaker
    from app.main import create_app
    from app.models import CrawlRun, Source
    from tests.conftest import LiveServer, free_port

    engine = make_engine(settings.db_url)
    with make_sessionmaker(engine)() as s:
        started = datetime(2025, 4, 2, 14, 0, tzinfo=UTC)
        sources = s.query(Source).all()
        status = Source(
            slug="statut-openai",
            name="Statut OpenAI",
            kind="statuspage",
            homepage="https://status.openai.com/",
        )
        s.add(status)
        s.flush()
        for i, src in enumerate([*sources[:2], status]):
            s.add(
                CrawlRun(
                    source_id=src.id,
                    started_at=started + timedelta(minutes=i),
                    finished_at=None if i == 1 else started + timedelta(minutes=i + 3),
                    discovered=12,
                    fetched=10,
                    stored=4,
                    updated=1,
                    skipped=2,
                    unchanged=3,
                    errors=2,
                    with_text=9,
                    with_date=2,
                    with_author=8,
                    errors_by_kind={"timeout": 1, "http-503": 1},
                    feed_ok=i != 0,
                )
            )
        s.commit()
    engine.dispose()
    demo = settings.model_copy(update={"demo": True})
    with LiveServer(create_app(demo), free_port()) as server:
        problems = {}
        for width in (1280, 390):
            page = page_factory(width=width, height=900)
            for path in ("/", "/sources", "/entites/openai", "/page-absente"):
                page.goto(server.url + path)
                if path == "/":
                    assert page.locator("header.site .demo-banner").count() == 1
                if path == "/sources":
                    assert page.title() == "Santé des sources · Veille IA"
                    assert page.locator("a.brand").inner_text() == "Veille IA"
                    assert page.locator('nav a[aria-current="page"]').inner_text() == "Sources"
                    assert page.locator("table.health").count() == 2
                    assert no_horizontal_scroll(page), width  # wide tables scroll inside their own region
                    page.screenshot(path=str(SCREENSHOTS / f"sources-demo-{width}.png"), full_page=True)
                violations = run_axe(page)
                if violations:
                    problems[f"{path} @{width}"] = violations
        assert not problems, problems


def test_no_request_leaves_the_machine_and_csp_holds(site, page_factory) -> None:
    base, data = site
    page = page_factory()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in _pages(data)[:-1]:
        response = page.goto(base + path)
        assert response is not None and response.status == 200
        assert "default-src 'none'" in response.headers["content-security-policy"]
    assert not page_factory.outside
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_axe_check_reports_real_violations(page_factory) -> None:
    """The accessibility check can fail: a page with an unlabelled field and an image without text fails it."""
    page = page_factory()
    page.set_content('<html><body><main><img src="data:,"><input type="text"></main></body></html>')
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "label"} <= ids, ids
