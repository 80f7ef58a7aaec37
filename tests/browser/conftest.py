"""Browser fixtures: Debian's Chromium driven by Playwright, against the real app on a loopback port."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.site_data import SiteData, seeded_copy

CHROMIUM = Path(os.environ.get("VEILLE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per module (its event loop must not outlive the module); skips with the reason when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium absent ({CHROMIUM}) : installez les paquets Debian chromium et chromium-driver"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def site_data(settings) -> SiteData:  # type: ignore[no-untyped-def]
    """The fixture pages ingested into the test database before the server starts."""
    return seeded_copy(Path(make_url(settings.db_url).database))


@pytest.fixture
def site(site_data: SiteData, live_server):  # type: ignore[no-untyped-def]
    """The seeded site served by uvicorn on 127.0.0.1: (base URL, ids)."""
    return live_server.url, site_data


@pytest.fixture
def page_factory(browser):  # type: ignore[no-untyped-def]
    """New pages at a given width; every request leaving 127.0.0.1 is blocked and recorded."""
    contexts = []
    outside: list[str] = []

    def make(width: int = 1280, height: int = 900, dark: bool = False):  # type: ignore[no-untyped-def]
        ctx = browser.new_context(
            viewport={"width": width, "height": height},
            locale="fr-FR",
            color_scheme="dark" if dark else "light",
        )

        def guard(route):  # type: ignore[no-untyped-def]
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        ctx.route("**/*", guard)
        contexts.append(ctx)
        return ctx.new_page()

    make.outside = outside  # type: ignore[attr-defined]
    yield make
    for ctx in contexts:
        ctx.close()


def run_axe(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every axe-core violation of the current page, whatever its impact (WCAG 2.x A/AA + best practices)."""
    # evaluate() goes through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def no_horizontal_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    """True when the page is not wider than the viewport."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
