"""The French alert every destination formats its own way: a headline, a few labelled lines and a link.

Written from the facts stored with the event (app/alerts/facts.py) and the site's public address (Settings): what
broke, since when (Paris time), who reported it first, the status page, the press's lead, the incident page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.alerts.events import EventType
from app.alerts.facts import of_fr
from app.kinds import IncidentKind
from app.templating import date_fr, duration_fr, time_fr


@dataclass(frozen=True)
class Alert:
    """One alert, ready to be formatted for a destination."""

    event_id: str
    type: EventType
    headline: str
    lines: list[tuple[str, str]]  # (label, value), in reading order
    url: str  # absolute link to the incident page (or to /alertes for a test)
    created_at: datetime
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """Plain text: the headline, the lines, the link (e-mail body, ntfy message, chat fallback)."""
        body = "\n".join(f"{label} : {value}" for label, value in self.lines)
        return f"{self.headline}\n\n{body}\n\nDétails : {self.url}"


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def when_fr(moment: datetime, same_day_as: datetime | None = None) -> str:
    """'samedi 5 décembre 2026 à 21 h 04', or 'à 23 h 10' on the day already named."""
    if same_day_as is not None and date_fr(moment) == date_fr(same_day_as):
        return f"à {time_fr(moment)}"
    return f"{date_fr(moment)} à {time_fr(moment)}"


def _what(facts: dict[str, Any]) -> str:
    """'panne de ChatGPT, OpenAI API (OpenAI)'."""
    products = list(facts.get("products") or [])
    companies = list(facts.get("companies") or [])
    named = ", ".join(products) or ", ".join(companies) or "service non précisé"
    if products and companies:
        named += f" ({', '.join(companies)})"
    kind = str(facts.get("kind") or "")
    label = IncidentKind(kind).label_fr if kind in set(IncidentKind) else "incident"
    return f"{label} {of_fr(named)}"


def _headline(etype: EventType, facts: dict[str, Any]) -> str:
    title = str(facts.get("title") or "incident")
    official = facts.get("official") or {}
    if etype is EventType.NEW:
        return f"Nouvel incident : {title}"
    if etype is EventType.CONFIRMED:
        return f"Confirmé par {official.get('provider_name') or 'la page de statut'} : {title}"
    if etype is EventType.RESOLVED:
        return f"Incident résolu : {title}"
    if etype is EventType.OFFICIAL:
        return f"Incident signalé par {official.get('provider_name') or 'une page de statut'} : {official.get('title') or title}"
    return "Essai d'alerte de Veille IA"


def incident_lines(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What broke, since when, until when, who reported it first, the status page, the press's lead."""
    lines = [("Ce qui ne va pas", _what(facts))]
    start = _moment(facts.get("started_at"))
    if start is not None:
        lines.append(("Depuis", f"{when_fr(start)} (heure de Paris)"))
    elif facts.get("date"):
        day = datetime.fromisoformat(str(facts["date"]))
        lines.append(("Depuis", f"{date_fr(day.date())} (heure de début inconnue)"))
    end = _moment(facts.get("ended_at"))
    if end is not None:
        minutes = int((end - start).total_seconds() // 60) if start and end > start else 0
        lasted = f" (durée {duration_fr(minutes)})" if minutes else ""
        lines.append(("Résolu", f"{when_fr(end, start)}{lasted}"))
    first = facts.get("first_report") or {}
    first_at = _moment(first.get("at"))
    if first.get("by") and first_at is not None:
        title = f" (« {first['title']} »)" if first.get("origin") == "press" and first.get("title") else ""
        lines.append(("Premier signalement", f"{first['by']}, {when_fr(first_at, start)}{title}"))
    official = facts.get("official") or {}
    if official:
        ack = _moment(official.get("acknowledged_at"))
        said = f" {when_fr(ack, start)}" if ack else ""
        lines.append(
            (
                "Page de statut",
                f"{official.get('provider_name')} l'a reconnu{said} : « {official.get('title')} »",
            )
        )
    if facts.get("press_lead"):  # issue 15's "how far ahead the press was" (app/alerts/facts.py)
        lines.append(("Avance de la presse", str(facts["press_lead"])))
    return lines


def build_alert(
    event_id: str, etype: str, facts: dict[str, Any], created_at: datetime, base_url: str
) -> Alert:
    """The alert of a stored event, with links made absolute from the site's public address."""
    t = EventType(etype)
    path = str(facts.get("path") or "/")
    if t is EventType.TEST:
        lines = [
            ("Essai", "cette destination recevra les alertes de Veille IA sur les pannes des services d'IA."),
            ("Abonnement", str(facts.get("subscription") or "")),
            ("Filtres", str(facts.get("filters") or "tous les incidents")),
        ]
    else:
        lines = incident_lines(facts)
    return Alert(
        event_id=event_id,
        type=t,
        headline=_headline(t, facts),
        lines=lines,
        url=base_url.rstrip("/") + path,
        created_at=created_at,
        facts=facts,
    )
