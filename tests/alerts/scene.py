"""A lived-in alerts page: four subscriptions that met a working, a vanished (410), a refusing (400) and a busy
(503, Retry-After) destination, after an outage and its confirmation by the status page went through the sender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import trustme
from sqlalchemy import select

from app.config import Settings
from app.db import open_database
from app.models import AlertDelivery
from tests.alerts.conftest import PUBLIC, alert_config, deliver, ingest_outage, now_minute, subscribe
from tests.alerts.receiver import Receiver, Reply


@dataclass
class Scene:
    incident_id: int
    subscriptions: dict[str, int]
    secret: str
    urls: list[str]


def build_scene(db_url: str, data_dir: Path) -> Scene:
    """Subscriptions, an outage and its confirmation, delivered through the real sender to local receivers."""
    from app.scrapers.statuspage import OfficialRecord
    from app.services.official import store_official

    ca = trustme.CA()
    ca_file = data_dir / "ca.pem"
    data_dir.mkdir(parents=True, exist_ok=True)
    ca.cert_pem.write_to_path(str(ca_file))
    settings = Settings(
        database_url=db_url, data_dir=data_dir, public_url=PUBLIC, alerts=alert_config(ca_file)
    )
    db = open_database(db_url)
    try:
        with Receiver(ca) as ok, Receiver(ca) as gone, Receiver(ca) as refusing, Receiver(ca) as busy:
            gone.script = [Reply(410)]
            refusing.script = [Reply(400)] * 5
            busy.script = [Reply(503, {"Retry-After": "3600"})] * 5
            subs = {}
            subs["astreinte"], secret = subscribe(
                db, settings, ok.url + "/astreinte", name="Astreinte OpenAI", product="chatgpt"
            )
            subs["slack"], _ = subscribe(
                db, settings, gone.url + "/services/T0/B0/secret-slack", channel="slack", name="Canal #pannes"
            )
            subs["discord"], _ = subscribe(
                db,
                settings,
                refusing.url + "/api/webhooks/1/secret-discord",
                channel="discord",
                name="Serveur de l'équipe",
                kind="panne",
            )
            subs["ntfy"], _ = subscribe(
                db, settings, busy.url + "/telephone-de-garde", channel="ntfy", name="Téléphone de garde"
            )
            res = ingest_outage(db, "chatgpt-scene", ago=timedelta(hours=2))

            def settled() -> bool:
                with db.sessions() as s:
                    rows = list(s.scalars(select(AlertDelivery)))
                return all(d.attempts >= 1 and d.lease_until is None for d in rows)

            deliver(settings, db, settled)
            started = now_minute() - timedelta(hours=2) + timedelta(minutes=15)
            record = OfficialRecord(
                external_id="scene-1",
                title="Elevated error rates on ChatGPT",
                status="investigating",
                impact="major",
                started_at=started,
                resolved_at=None,
                url="https://status.openai.com/incidents/scene-1",
                updates=[{"status": "investigating", "body": "Investigating.", "at": started.isoformat()}],
            )
            with db.sessions() as s:
                store_official(s, "openai", [record], ("chatgpt",))
                s.commit()
            deliver(settings, db, settled)
            urls = [r.url for r in (ok, gone, refusing, busy)]
    finally:
        db.dispose()
    assert res.incident_id is not None
    return Scene(res.incident_id, subs, secret or "", urls)
