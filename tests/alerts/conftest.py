"""Alert fixtures: a test CA and HTTPS receivers on 127.0.0.1, settings that allow loopback destinations, a
migrated database, and helpers that ingest fresh outage articles and run the real sender."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme
from sqlalchemy import select

from app.alerts.sender import Sender
from app.alerts.subscriptions import NewSubscription, add_subscription
from app.alerts.transport import AlertClient
from app.config import AlertSettings, Settings
from app.db import Database, open_database, unit_of_work
from app.models import AlertDelivery, AlertSubscription
from app.scrapers.netguard import networks_of
from app.services.ingest import IngestResult, ingest_bytes
from tests.alerts.pages import outage_page
from tests.alerts.receiver import Receiver

PUBLIC = "https://veille.exemple.fr"


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    """A certificate authority made for the tests; its certificate in a PEM file (VEILLE_ALERTS_CA_FILE)."""
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, path


@pytest.fixture
def receiver(test_ca: tuple[trustme.CA, Path]) -> Iterator[Receiver]:
    with Receiver(test_ca[0]) as r:
        yield r


def alert_config(ca_file: Path, **changes: object) -> AlertSettings:
    """Loopback allowed (the receivers live there), the test CA trusted, short waits."""
    values: dict[str, object] = {
        "allowed_networks": ["127.0.0.0/8"],
        "ca_file": ca_file,
        "timeout": 3.0,
        "backoff_base": 0.2,
        "backoff_cap": 1.0,
        "poll_seconds": 0.05,
    }
    return AlertSettings(**{**values, **changes})  # type: ignore[arg-type]


@pytest.fixture
def alert_settings(db_url: str, tmp_path: Path, test_ca: tuple[trustme.CA, Path]) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp_path / "data",
        public_url=PUBLIC,
        alerts=alert_config(test_ca[1]),
    )


@pytest.fixture
def db(alert_settings: Settings) -> Iterator[Database]:
    database = open_database(alert_settings.db_url)
    yield database
    database.dispose()


def subscribe(db: Database, settings: Settings, destination: str, **spec: object) -> tuple[int, str | None]:
    """Add a subscription through the service `veille alerts add` uses; (id, secret)."""
    channel = str(spec.pop("channel", "webhook"))
    with unit_of_work(db.sessions) as s:
        sub, secret = add_subscription(
            s,
            NewSubscription(channel=channel, target=destination, **spec),  # type: ignore[arg-type]
            networks_of(settings.alerts.allowed_networks),
            smtp_ready=bool(settings.alerts.smtp_host),
        )
        return sub.id, secret


def now_minute() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


def ingest_outage(
    db: Database,
    slug: str,
    product: str = "ChatGPT",
    company: str = "OpenAI",
    site: str = "pixelmatin",
    ago: timedelta = timedelta(hours=2),
    published_after: timedelta = timedelta(minutes=40),
    lasted: timedelta | None = None,
) -> IngestResult:
    """Ingest one fresh outage article, in its own transaction (as `veille ingest` does)."""
    start = now_minute() - ago
    page = outage_page(
        site, slug, product, company, start, start + published_after, end=start + lasted if lasted else None
    )
    with unit_of_work(db.sessions) as s:
        result = ingest_bytes(s, page)
    assert result.status in ("stored", "updated"), result
    assert result.incident_id is not None, "the page must be read as an outage"
    return result


def deliver(settings: Settings, db: Database, until: Callable[[], bool], timeout: float = 20.0) -> None:
    """Run the real sender (passes of deliver_due) until `until()` holds."""

    async def loop() -> None:
        sender = Sender(db.sessions, settings)
        deadline = time.monotonic() + timeout
        async with AlertClient(settings.alerts, settings.user_agent) as client:
            while not until():
                if time.monotonic() > deadline:
                    raise AssertionError("the sender did not get there in time")
                if not await sender.deliver_due(client):
                    await asyncio.sleep(0.05)

    # in its own thread: a test driving Chromium already runs Playwright's event loop in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: asyncio.run(loop())).result()


def deliveries(db: Database) -> list[AlertDelivery]:
    with db.sessions() as s:
        return list(s.scalars(select(AlertDelivery).order_by(AlertDelivery.id)))


def subscription(db: Database, sub_id: int) -> AlertSubscription:
    with db.sessions() as s:
        sub = s.get(AlertSubscription, sub_id)
        assert sub is not None
        return sub
