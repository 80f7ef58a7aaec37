"""Small helpers shared by tests: run the CLI, ingest fixture pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.services.ingest import IngestResult, ingest_bytes

ROOT = Path(__file__).resolve().parent.parent
SPINE = Path(__file__).resolve().parent / "fixtures" / "spine"


def run_cli(
    args: list[str], db_url: str, data_dir: Path, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m app ARGS` against a given database (`env`: more environment variables)."""
    env = dict(
        os.environ,
        VEILLE_DATABASE_URL=db_url,
        VEILLE_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        **(env or {}),
    )
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip().startswith("{")]


def ingest_files(factory: sessionmaker[Session], *paths: Path) -> list[IngestResult]:
    """Ingest pages through the real pipeline, one transaction per page."""
    results = []
    for p in paths:
        with factory() as s:
            results.append(ingest_bytes(s, p.read_bytes()))
            s.commit()
    return results


def incidents_as_json(session: Session, **filters: object) -> list[dict]:
    """Incidents as the API writes them (JSON types: days as text, moments in Paris time), newest first."""
    from app.services.incident_list import IncidentFilter, list_incidents

    return [i.model_dump(mode="json") for i in list_incidents(session, IncidentFilter(**filters))]  # type: ignore[arg-type]


def search_as_json(session: Session, **query: object) -> dict:
    """A search as /api/articles writes it."""
    from app.search.base import ArticleQuery
    from app.services.search import search_articles

    return search_articles(session, ArticleQuery(**query)).model_dump(mode="json")  # type: ignore[arg-type]
