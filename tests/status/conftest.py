"""Status tests: settings with the crawler's small limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from tests.status.helpers import FAST


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, data_dir=tmp_path / "data", crawl=FAST)
