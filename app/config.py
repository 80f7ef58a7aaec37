"""Settings read from the environment (prefix VEILLE_)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


class Settings(BaseSettings):
    """Every knob of the service; defaults run out of the box on SQLite."""

    model_config = SettingsConfigDict(env_prefix="VEILLE_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    sources_file: Path = PACKAGE_DIR / "scrapers" / "sources.toml"
    user_agent: str = "VeilleIA/0.1 (+https://github.com/veille-ia/veille-ia)"
    demo: bool = False
    site_name: str = "Veille IA"

    @cached_property
    def db_url(self) -> str:
        """The SQLAlchemy URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'veille.db').resolve()}"
