"""compose.yaml: its services run real `veille` commands with real options and settings, on the PostgreSQL
service it declares. `docker compose config` checks it too where Docker Compose is installed (not on this
project's machines, where the YAML is read with PyYAML)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from sqlalchemy.engine import make_url

from app.config import CrawlSettings, Settings
from tests.conftest import ROOT

COMPOSE = ROOT / "compose.yaml"


def _defaults(value: str) -> str:
    """${NAME:-default} as Compose expands it when NAME is unset."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


class Parsed(Exception):
    """Raised where `veille` would read its settings: the command line was accepted."""


def _accepted(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> bool:
    import app.cli as cli

    def stop() -> Settings:
        raise Parsed

    monkeypatch.setattr(cli, "load_settings", stop)
    try:
        cli.main(argv)
    except Parsed:
        return True
    except SystemExit:
        return False
    return False


def test_services_and_commands(services: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(services) == {"postgres", "web", "crawl"}
    assert (ROOT / "Dockerfile").is_file()
    assert not _accepted(["serve", "--workers", "zéro"], monkeypatch)  # the check can fail
    for name in ("web", "crawl"):
        svc = services[name]
        assert svc["build"] == "."
        program, *argv = svc["command"]
        assert program == "veille"  # the console script the image installs
        assert _accepted(argv, monkeypatch), svc["command"]
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["command"][1] == "serve" and services["crawl"]["command"][1] == "crawl"
    assert "--workers" in services["web"]["command"] and "--every" in services["crawl"]["command"]
    assert "healthcheck" in services["postgres"]
    port = services["web"]["command"][services["web"]["command"].index("--port") + 1]
    assert [p.rsplit(":", 1)[1] for p in services["web"]["ports"]] == [port]
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        out = subprocess.run(
            [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr  # Compose's own reading, where it is installed


def test_environment_is_real_settings_on_the_declared_database(
    services: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    pg = {k: _defaults(str(v)) for k, v in services["postgres"]["environment"].items()}
    fields = {f"VEILLE_{n.upper()}" for n in Settings.model_fields}
    fields |= {f"VEILLE_CRAWL_{n.upper()}" for n in CrawlSettings.model_fields}
    for name in ("web", "crawl"):
        env = {k: _defaults(str(v)) for k, v in services[name]["environment"].items()}
        assert set(env) <= fields, set(env) - fields
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings()  # every value valid
        url = make_url(settings.db_url)
        assert url.get_backend_name() == "postgresql" and url.host == "postgres" and url.port == 5432
        assert (url.username, url.password, url.database) == (
            pg["POSTGRES_USER"],
            pg["POSTGRES_PASSWORD"],
            pg["POSTGRES_DB"],
        )
        assert settings.public_url  # replicas build the same absolute URLs and ETags
