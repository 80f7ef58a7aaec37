"""The live status as a reader sees it in Chromium: /etat and the top of the timeline at 1280 and 390 px, light
and dark, with the accessibility check; screenshots in artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings
from app.db import make_engine, make_sessionmaker, unit_of_work
from app.services.ingest import prepare, store
from tests.conftest import LiveServer, free_port
from tests.fakesite import FakeSite, Resp
from tests.status.helpers import (
    FAST,
    chatgpt_down_page,
    google,
    incidents,
    json_resp,
    paris_times,
    poll,
    status_toml,
    summary,
    v2_incident,
)

from .conftest import SCREENSHOTS, no_horizontal_scroll, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def live_site(settings: Settings, site_data) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The seeded site, its status pages polled from 127.0.0.1, and a ChatGPT outage reported minutes ago."""
    from app.main import create_app

    settings = settings.model_copy(update={"crawl": FAST})
    engine = make_engine(settings.db_url)
    factory = make_sessionmaker(engine)
    start, published, ack = paris_times([50, 30, 20])
    with FakeSite() as site:
        sora = v2_incident(
            "inc-sora", "Sora is slow", ack, impact="minor", component="Sora", component_status="x"
        )
        site.routes["/api/v2/summary.json"] = json_resp(
            summary(sora="degraded_performance", incidents=[sora])
        )
        site.routes["/api/v2/incidents.json"] = json_resp(incidents(sora))
        site.routes["/google/incidents.json"] = json_resp(google())
        site.routes["/forge/incidents.json"] = json_resp(incidents())
        toml = status_toml(site, google_page=True, forge=True)
        poll(settings, factory, toml)
        site.routes["/forge/incidents.json"] = Resp(503, b"indisponible", {"Content-Type": "text/plain"})
        poll(settings, factory, toml)  # a failed poll: the last good status holds, the error shows
    with unit_of_work(factory) as session:
        assert store(session, prepare(chatgpt_down_page(start, published))).status == "stored"
    engine.dispose()
    with LiveServer(create_app(settings), free_port()) as srv:
        yield srv.url


@pytest.mark.parametrize("dark", [False, True], ids=["clair", "sombre"])
def test_live_status_reads_well_and_passes_axe(live_site: str, page_factory, dark: bool) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for width in (1280, 390):
        page = page_factory(width=width, height=900, dark=dark)
        page.goto(live_site + "/etat")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.title() == "État des services d'IA en direct · Veille IA"
        assert page.locator('nav a[aria-current="page"]').inner_text() == "État en direct"
        chat = page.locator("#svc-chatgpt")
        assert chat.locator(".verdict").inner_text().strip() == "✕ en panne"
        assert "1 article depuis" in chat.inner_text() and "Selon la presse." in chat.inner_text()
        sora = page.locator("#svc-sora")
        assert sora.locator(".verdict").inner_text().strip() == "! perturbé"
        assert "OpenAI : performances dégradées" in sora.inner_text()
        copilot = page.locator("#svc-github-copilot").inner_text()
        assert "Dernière tentative : HTTP 503" in copilot and "opérationnel" in copilot
        assert "aucune page de statut suivie" in page.locator("#svc-le-chat").inner_text()
        assert page.locator(".live-summary").inner_text() == "En panne : ChatGPT. Perturbé : Sora."
        assert no_horizontal_scroll(page), width
        suffix = "-sombre" if dark else ""
        page.screenshot(path=str(SCREENSHOTS / f"etat-{width}{suffix}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            problems[f"/etat @{width}"] = violations

        page.goto(live_site + "/")
        live = page.locator("section.live")
        assert live.locator("h2").inner_text() == "État des services en direct"
        assert live.locator(".live-chip.v-down").all_inner_texts()[0].startswith("ChatGPT")
        assert no_horizontal_scroll(page), width
        page.screenshot(path=str(SCREENSHOTS / f"chronologie-etat-{width}{suffix}.png"))
        violations = run_axe(page)
        if violations:
            problems[f"/ @{width}"] = violations
        live.get_by_role("link", name="Sora").click()
        page.wait_for_url("**/etat#svc-sora")
    assert not problems, problems
    assert not page_factory.outside, page_factory.outside


def test_screenshots_are_written(live_site: str, page_factory) -> None:  # type: ignore[no-untyped-def]
    page = page_factory(width=390, height=844)
    page.goto(live_site + "/etat#svc-sora")
    path = Path(SCREENSHOTS / "etat-sora-390.png")
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
