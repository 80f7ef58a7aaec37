"""/alertes in Chromium at desktop and phone widths: readable states, no horizontal scroll, axe finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.alerts.scene import build_scene
from tests.browser.conftest import SCREENSHOTS, no_horizontal_scroll, run_axe

pytestmark = pytest.mark.browser


def test_alerts_page_at_1280_and_390_passes_axe(settings, page_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app
    from tests.conftest import LiveServer, free_port

    scene = build_scene(settings.db_url, tmp_path / "scene")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    with LiveServer(create_app(settings), free_port()) as server:
        for width, dark in ((1280, False), (390, False), (390, True)):
            page = page_factory(width=width, height=900, dark=dark)
            page.goto(server.url + "/alertes")
            assert page.title() == "Alertes · Veille IA"
            assert page.locator('nav a[aria-current="page"]').inner_text() == "Alertes"
            cards = page.locator("li.subscription")
            assert cards.count() == 4
            disabled = page.locator("li.subscription.disabled")
            assert disabled.count() == 1 and "Canal #pannes" in disabled.inner_text()
            assert "désactivée" in disabled.locator(".state").inner_text()
            assert "HTTP 410" in disabled.inner_text()
            rows = page.locator("ol.deliveries > li")
            assert rows.count() == 7
            assert rows.first.locator("a").get_attribute("href") == f"/incidents/{scene.incident_id}"
            assert "En attente" in rows.first.inner_text() and "nouvel essai le" in rows.first.inner_text()
            for secret in (scene.secret, "secret-slack", "secret-discord", "telephone-de-garde"):
                assert secret not in page.content(), secret
            assert no_horizontal_scroll(page), width
            suffix = "-sombre" if dark else ""
            page.screenshot(path=str(SCREENSHOTS / f"alertes-{width}{suffix}.png"), full_page=True)
            violations = run_axe(page)
            if violations:
                problems[f"{width}{suffix}"] = violations
    assert not problems, problems
    assert not page_factory.outside, page_factory.outside
