"""Settings read from the environment (prefix VEILLE_)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
    # --- the public site (docs/security.md) ---
    # The address visitors use; every absolute URL (feeds, CSV, redirects) is built from it, never from the
    # Host header. When set, requests for any other host are refused (400).
    public_url: str | None = None
    # Extra host names accepted in the Host header ("*" accepts any); loopback names are always accepted.
    allowed_hosts: Annotated[list[str], NoDecode] = []
    # Where absolute URLs point when public_url is unset (`veille serve` sets it from --host/--port).
    local_url: str = "http://127.0.0.1:8000"
    max_header_bytes: int = 16 * 1024  # request line + all headers, per request
    max_headers: int = 100  # header lines per request
    # uvicorn's HTTP parser. h11 bounds a request head while it arrives (max_header_bytes); httptools serves
    # cached pages about twice as fast (bench-render) but buffers request heads of any size: choose it only
    # behind a reverse proxy that bounds them itself (docs/security.md).
    http_parser: str = "h11"

    @field_validator("http_parser")
    @classmethod
    def _parser(cls, value: str) -> str:
        if value not in ("h11", "httptools"):
            raise ValueError(f"analyseur HTTP inconnu « {value} » (valeurs possibles : h11, httptools)")
        return value

    @field_validator("public_url", "local_url")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        """An origin (scheme, host, optional port), kept without a trailing slash."""
        if value is None or not value.strip():
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
                or parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(f"adresse publique invalide : {value!r} (attendu : http(s)://hôte[:port], sans chemin)")
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:
            raise ValueError(f"port invalide dans l'adresse publique : {value!r}") from None
        return f"{parts.scheme}://{parts.netloc.lower()}"

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: object) -> object:
        """VEILLE_ALLOWED_HOSTS is a comma-separated list."""
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

    @property
    def base_url(self) -> str:
        """The origin absolute URLs are built from."""
        return self.public_url or self.local_url  # type: ignore[return-value]

    @cached_property
    def db_url(self) -> str:
        """The SQLAlchemy URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'veille.db').resolve()}"
