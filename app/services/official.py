"""Official status-page incidents linked to our incidents, in the shape pages and API share."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import OfficialIncident


def _iso(value: object) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else None  # type: ignore[union-attr]


def serialize_official(row: OfficialIncident) -> dict:
    """One official incident: provider, title, link, times, impact and its updates (oldest first)."""
    updates = sorted(row.updates or [], key=lambda u: str(u.get("created_at") or u.get("display_at") or ""))
    return {
        "provider": row.provider, "title": row.title, "url": row.url, "status": row.status, "impact": row.impact,
        "started_at": _iso(row.started_at), "resolved_at": _iso(row.resolved_at), "updates": updates,
    }


def with_official(session: Session, items: list[dict]) -> list[dict]:
    """Add the "official" list to incident dicts that do not carry it yet (one query for all)."""
    missing = [i for i in items if "official" not in i]
    if not missing:
        return items
    found: dict[int, list[dict]] = {i["id"]: [] for i in missing}
    for row in session.scalars(
        select(OfficialIncident).where(OfficialIncident.incident_id.in_(list(found)))
        .order_by(OfficialIncident.started_at, OfficialIncident.id)
    ):
        found[row.incident_id].append(serialize_official(row))  # type: ignore[index]
    for item in missing:
        item["official"] = found[item["id"]]
    return items
