"""A small French site for page tests: the fixture pages ingested through the real pipeline, plus one
official status-page incident linked to the ChatGPT outage."""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.db import make_engine, make_sessionmaker, migrate, unit_of_work
from app.models import Article, OfficialIncident
from app.services.ingest import prepare, store

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


@dataclass
class SiteData:
    """Ids of what the fixture pages became, by page file stem."""

    articles: dict[str, int] = field(default_factory=dict)
    incidents: dict[str, int] = field(default_factory=dict)


_TEMPLATE: tuple[Path, SiteData] | None = None


def seeded_copy(dest: Path) -> SiteData:
    """Write the seeded database to `dest`. The pages are ingested once per process and copied after that,
    because trafilatura's deduplication drops paragraphs it has already seen in this process."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="veille-site-"))
        db = folder / "site.db"
        _TEMPLATE = (db, seed(f"sqlite:///{db}"))
    src_path, data = _TEMPLATE
    dest.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src_path) as src, sqlite3.connect(dest) as dst:
        src.backup(dst)
    return data


def seed(db_url: str, official: bool = True) -> SiteData:
    """Migrate the database and ingest every fixture page, one transaction per page (as `veille ingest`)."""
    engine = make_engine(db_url)
    migrate(engine)
    factory = make_sessionmaker(engine)
    data = SiteData()
    for path in sorted(PAGES.rglob("*.html")):
        with unit_of_work(factory) as session:
            result = store(session, prepare(path.read_bytes()))
        assert result.status == "stored", (path.name, result.status, result.reason)
        data.articles[path.stem] = result.article_id  # type: ignore[assignment]
        if result.incident_id:
            data.incidents[path.stem] = result.incident_id
    if official:
        with unit_of_work(factory) as session:
            inc_id = session.scalar(
                select(Article.incident_id).where(
                    Article.id == data.articles["chatgpt-panne-mondiale-2-avril"]
                )
            )
            now = datetime.now(UTC)
            session.add(
                OfficialIncident(
                    provider="openai",
                    external_id="01JQZTEST",
                    title="Elevated error rates on ChatGPT",
                    status="resolved",
                    impact="major",
                    url="https://status.openai.com/incidents/01JQZTEST",
                    started_at=datetime(2025, 4, 2, 13, 2, tzinfo=UTC),
                    resolved_at=datetime(2025, 4, 2, 16, 10, tzinfo=UTC),
                    updates=[  # the shape app/scrapers/statuspage.py stores
                        {
                            "status": "investigating",
                            "body": "We are investigating elevated errors.",
                            "at": "2025-04-02T13:20:00+00:00",
                        },
                        {
                            "status": "resolved",
                            "body": "All systems are back to normal.",
                            "at": "2025-04-02T16:10:00+00:00",
                        },
                    ],
                    products=["chatgpt"],
                    incident_id=inc_id,
                    updated_at=now,
                )
            )
    engine.dispose()
    return data
