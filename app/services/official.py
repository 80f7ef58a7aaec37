"""Official incidents: stored from status pages and linked to the press incident they confirm."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.alerts.events import record_incident_events
from app.analysis.dates import PARIS
from app.bidi import strip_bidi
from app.kinds import IncidentKind
from app.models import Entity, Incident, IncidentEntity, OfficialIncident
from app.schemas import OfficialItem, OfficialUpdate
from app.scrapers.statuspage import OfficialRecord
from app.services.incidents import serialise_incidents

log = logging.getLogger(__name__)

LINK_WINDOW = timedelta(days=1)
_IMPACT_KIND = {
    "critical": IncidentKind.OUTAGE,
    "major": IncidentKind.OUTAGE,
    "minor": IncidentKind.DEGRADATION,
    "none": IncidentKind.DEGRADATION,
}


def _day(when: datetime) -> date:
    """The Paris day of a moment (incidents are dated by the Paris calendar)."""
    return when.astimezone(PARIS).date()


def store_official(
    session: Session, provider: str, records: list[OfficialRecord], products: tuple[str, ...]
) -> dict[str, int]:
    """Insert new official incidents, update the changed ones, then link them. Flushes, never commits."""
    serialise_incidents(session)
    counts = {"stored": 0, "updated": 0, "unchanged": 0}
    ids = [r.external_id for r in records]
    existing = (
        {
            o.external_id: o
            for o in session.scalars(
                select(OfficialIncident).where(
                    OfficialIncident.provider == provider, OfficialIncident.external_id.in_(ids)
                )
            )
        }
        if ids
        else {}
    )
    now = datetime.now(UTC)
    for rec in records:
        values = {
            "title": strip_bidi(rec.title)[:1000],
            "status": rec.status,
            "impact": rec.impact,
            "started_at": rec.started_at,
            "resolved_at": rec.resolved_at,
            "url": rec.url,
            "components": rec.components,
            "updates": rec.updates,
            "products": list(products),
        }
        row = existing.get(rec.external_id)
        if row is None:
            row = OfficialIncident(provider=provider, external_id=rec.external_id, updated_at=now, **values)
            session.add(row)
            counts["stored"] += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = now
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
            continue
        session.flush()
        link_official(session, row)
    return counts


def _product_slugs_by_incident(session: Session, incident_ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {i: set() for i in incident_ids}
    if incident_ids:
        for iid, slug in session.execute(
            select(IncidentEntity.incident_id, Entity.slug)
            .join(Entity)
            .where(IncidentEntity.incident_id.in_(incident_ids), Entity.kind == "product")
        ):
            out[iid].add(slug)
    return out


def _press_match(session: Session, oi: OfficialIncident, day: date) -> Incident | None:
    candidates = list(
        session.scalars(
            select(Incident)
            .where(Incident.origin == "press", Incident.date.between(day - LINK_WINDOW, day + LINK_WINDOW))
            .order_by(Incident.id)
        )
    )
    slugs = _product_slugs_by_incident(session, [c.id for c in candidates])
    wanted = set(oi.products or [])
    hits = [c for c in candidates if slugs[c.id] & wanted]
    return min(hits, key=lambda c: (abs((c.date - day).days), c.id)) if hits else None


def link_official(session: Session, oi: OfficialIncident) -> None:
    """Point the official incident at the press incident of the same product (±1 day), else at its own entry."""
    if oi.started_at is None:
        return
    day = _day(oi.started_at)
    own = session.get(Incident, oi.incident_id) if oi.incident_id else None
    press = _press_match(session, oi, day)
    if press is not None:
        oi.incident_id = press.id
        session.flush()
        if own is not None and own.origin == "official" and own.id != press.id:
            _drop_if_orphan(session, own)
        record_incident_events(session, [press])  # confirmed (or resolved): written with the link
        return
    if own is None or own.origin != "official":
        stamp = datetime.now(UTC)
        own = Incident(
            origin="official",
            created_at=stamp,
            updated_at=stamp,
            date=day,
            kind=IncidentKind.OUTAGE,
            title="",
        )
        session.add(own)
        session.flush()
        oi.incident_id = own.id
    own.date = day
    own.kind = _IMPACT_KIND.get(oi.impact or "", IncidentKind.OUTAGE)
    own.title = f"Incident officiel : {oi.title}"[:300]
    own.started_at = oi.started_at
    own.ended_at = oi.resolved_at
    own.duration_minutes = (
        int((oi.resolved_at - oi.started_at).total_seconds() // 60)
        if oi.resolved_at and oi.resolved_at > oi.started_at
        else None
    )
    own.updated_at = datetime.now(UTC)
    from app.services.incidents import link_incident_entities  # incidents imports this module

    link_incident_entities(session, own, list(oi.products or []))
    session.flush()
    record_incident_events(session, [own])  # an official-only incident (or its end), written with it


def _drop_if_orphan(session: Session, inc: Incident) -> None:
    left = session.scalar(select(func.count()).where(OfficialIncident.incident_id == inc.id))
    if not left:
        session.delete(inc)
        session.flush()


def relink_all(session: Session) -> int:
    """Relink official incidents that have no press incident yet (press coverage may have arrived since)."""
    serialise_incidents(session)
    rows = list(
        session.scalars(
            select(OfficialIncident)
            .outerjoin(Incident, OfficialIncident.incident_id == Incident.id)
            .where((OfficialIncident.incident_id.is_(None)) | (Incident.origin == "official"))
        )
    )
    for oi in rows:
        link_official(session, oi)
    return len(rows)


def official_item(row: OfficialIncident) -> OfficialItem:
    """One official incident as pages and API show it: provider, title, link, times, impact, updates (oldest first)."""
    updates = sorted(
        (_update(u) for u in row.updates or [] if isinstance(u, dict)),
        key=lambda u: (u.at is None, u.at or datetime.min.replace(tzinfo=UTC)),
    )
    return OfficialItem(
        provider=row.provider,
        title=row.title,
        url=row.url,
        status=row.status,
        impact=row.impact,
        started_at=row.started_at,
        resolved_at=row.resolved_at,
        updates=updates,
    )


def _update(raw: dict[str, Any]) -> OfficialUpdate:
    """A stored status-page update (its time is ISO 8601 text with its offset, as the scraper wrote it)."""
    at = raw.get("at")
    try:
        moment = datetime.fromisoformat(at) if isinstance(at, str) and at else None
    except ValueError:
        moment = None
    return OfficialUpdate(status=raw.get("status"), body=str(raw.get("body") or ""), at=moment)
