"""Fixtures for page tests over HTTP: the seeded fixture site behind the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from app.config import Settings
from tests.site_data import SiteData, seeded_copy


@pytest.fixture
def site_data(settings: Settings) -> SiteData:
    return seeded_copy(Path(make_url(settings.db_url).database))  # type: ignore[arg-type]


@pytest.fixture
def site(site_data: SiteData, settings: Settings) -> Iterator[tuple[TestClient, SiteData]]:
    """(client, ids) on the seeded database; the stamp is re-read on every request so writes show at once."""
    from app.main import create_app

    app = create_app(settings)
    app.state.stamps.ttl = 0
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, site_data
