"""What an alert tells about an incident, taken when the event happens: a JSON snapshot stored with the event.

The alert is written from these facts when it is sent (app/alerts/message.py), so that a retry hours later tells
the same story, and so that a receiver deduplicating on the event id never sees two versions of one event.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.analysis.dates import iso_paris
from app.models import Incident
from app.services.press_lead import acknowledged_at, of_fr, press_lead

log = logging.getLogger(__name__)


def _iso(moment: datetime | None) -> str | None:
    return iso_paris(moment) if moment else None


def incident_facts(session: Session, incident: Incident) -> dict[str, Any]:
    """The incident as its page shows it (what broke, since when, who reported it first, the status page)."""
    from app.services.incident_list import incident_detail
    from app.templating import PROVIDERS

    d = incident_detail(session, incident)
    official = None
    first: dict[str, Any] | None = None
    if d.first_report is not None and d.first_report.published_at is not None:
        first = {
            "origin": "press",
            "by": d.first_report.source.name,
            "at": _iso(d.first_report.published_at),
            "title": d.first_report.title,
            "url": d.first_report.url,
        }
    if d.official:
        o = d.official[0]
        name = PROVIDERS.get(o.provider.lower(), o.provider)
        ack = acknowledged_at(o)
        official = {
            "provider": o.provider,
            "provider_name": name,
            "title": o.title,
            "url": o.url,
            "status": o.status,
            "started_at": _iso(o.started_at),
            "acknowledged_at": _iso(ack),
            "resolved_at": _iso(o.resolved_at),
        }
        press_at = d.first_report.published_at if d.first_report else None
        if ack is not None and (press_at is None or ack < press_at):
            first = {
                "origin": "official",
                "by": f"la page de statut {of_fr(name)}",
                "at": _iso(ack),
                "title": o.title,
                "url": o.url,
            }
    ended = d.ended_at or (d.official[0].resolved_at if d.official else None)
    return {
        "incident_id": d.id,
        "path": f"/incidents/{d.id}",
        "title": d.title,
        "kind": d.kind.value,
        "origin": d.origin,
        "date": d.date.isoformat(),
        "started_at": _iso(d.started_at),
        "ended_at": _iso(ended),
        "companies": [r.name for r in d.companies],
        "products": [r.name for r in d.products],
        "articles": len(d.articles),
        "first_report": first,
        "official": official,
        "press_lead": press_lead_sentence(session, incident),
    }


def press_lead_sentence(session: Session, incident: Incident) -> str | None:
    """« La presse l'a signalé 34 min avant la page de statut d'OpenAI »: the first status page's lead
    (app/services/press_lead.py), None without both press coverage and an official incident."""
    try:
        leads = press_lead(session, incident.id)
    except Exception:  # a bug there must not lose the alert (nor roll back the ingest that caused it)
        log.exception("press lead failed incident=%s", incident.id)
        return None
    return leads[0].text if leads else None
