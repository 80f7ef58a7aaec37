"""Alert events, decided on the incident write side and written to the outbox in the caller's transaction.

`record_incident_events` is called by app/services/incidents.py (after a regroup) and app/services/official.py
(after an official incident is linked). It never commits: the event and its deliveries commit or roll back with the
change that caused them, so a crash never loses an alert nor sends one for a change that did not happen.

An incident gets each event type at most once (a unique key per incident and type). Only recent incidents give
events: a crawl of the archives must not page anybody.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.analysis.dates import PARIS
from app.models import (
    AlertDelivery,
    AlertEvent,
    AlertSubscription,
    Entity,
    Incident,
    IncidentEntity,
    OfficialIncident,
)

log = logging.getLogger(__name__)

# an incident that started (or, for "resolved", ended) longer ago than this gives no event
FRESH_FOR = timedelta(hours=48)


# What happened to an incident. The values are stored and sent in webhooks as `incident.<value>`.
class EventType(StrEnum):
    NEW = "new"
    CONFIRMED = "confirmed"
    RESOLVED = "resolved"
    OFFICIAL = "official"
    TEST = "test"

    @property
    def label_fr(self) -> str:
        return _LABELS_FR[self]


_LABELS_FR = {
    EventType.NEW: "nouvel incident",
    EventType.CONFIRMED: "confirmé par la page de statut",
    EventType.RESOLVED: "incident résolu",
    EventType.OFFICIAL: "incident officiel",
    EventType.TEST: "essai",
}
# the event types a subscription can choose (a test goes to the one subscription it tests)
INCIDENT_EVENTS = (EventType.NEW, EventType.CONFIRMED, EventType.RESOLVED, EventType.OFFICIAL)


def event_key(incident: Incident, etype: EventType) -> str:
    """One event per incident and type; the creation time tells apart incidents that reuse a deleted id."""
    created = incident.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"incident:{incident.id}:{created}:{etype.value}"


def _start(incident: Incident) -> datetime:
    if incident.started_at is not None:
        return incident.started_at
    return datetime.combine(incident.date, time(0, 0), PARIS)


def _end(incident: Incident, officials: list[OfficialIncident]) -> datetime | None:
    """When it ended: the articles' end, else the status page's resolution."""
    if incident.ended_at is not None:
        return incident.ended_at
    ends = [o.resolved_at for o in officials if o.resolved_at is not None]
    return max(ends) if ends else None


def due_events(
    incident: Incident, officials: list[OfficialIncident], opened: bool, now: datetime
) -> list[EventType]:
    """The events the incident's state calls for, in the order they happen (`opened`: its first event exists)."""
    recent = _start(incident) >= now - FRESH_FOR
    due: list[EventType] = []
    if recent:
        if incident.origin == "official":
            due.append(EventType.OFFICIAL)
        else:
            due.append(EventType.NEW)
            if officials:
                due.append(EventType.CONFIRMED)
    end = _end(incident, officials)
    if end is not None and end >= now - FRESH_FOR and (recent or opened):
        due.append(EventType.RESOLVED)
    return due


def _live(incident: Incident) -> bool:
    state = sa_inspect(incident)
    return incident.id is not None and not (state.deleted or state.was_deleted or state.detached)


def record_incident_events(session: Session, incidents: Iterable[Incident]) -> list[AlertEvent]:
    """Write the events now due for these incidents, and one delivery per matching subscription. Flushes.

    When several events are due at once (an article that reports an outage already over), a subscription gets
    only the first it wants: that alert tells the rest (confirmation, end) from the same facts."""
    now = datetime.now(UTC)
    cutoff = now - FRESH_FOR
    candidates = {
        i.id: i
        for i in incidents
        if _live(i) and (_start(i) >= cutoff or (i.ended_at is not None and i.ended_at >= cutoff))
    }
    if not candidates:
        return []
    officials: dict[int, list[OfficialIncident]] = {i: [] for i in candidates}
    for o in session.scalars(select(OfficialIncident).where(OfficialIncident.incident_id.in_(candidates))):
        if o.incident_id is not None:
            officials[o.incident_id].append(o)
    wanted = {
        event_key(inc, t): (inc, t)
        for inc in candidates.values()
        for t in (EventType.NEW, EventType.OFFICIAL, EventType.CONFIRMED, EventType.RESOLVED)
    }
    done = set(session.scalars(select(AlertEvent.key).where(AlertEvent.key.in_(list(wanted)))))
    written: list[AlertEvent] = []
    for inc in candidates.values():
        opened = any(event_key(inc, t) in done for t in (EventType.NEW, EventType.OFFICIAL))
        due = [t for t in due_events(inc, officials[inc.id], opened, now) if event_key(inc, t) not in done]
        if not due:
            continue
        from app.alerts.facts import incident_facts  # the incident page's data: imports the read side

        facts = incident_facts(session, inc)
        served: set[int] = set()
        for n, etype in enumerate(due):
            subs = [s for s in matching_subscriptions(session, inc, etype) if s.id not in served]
            event = _write(session, inc, etype, {**facts, "also": [t.value for t in due[n + 1 :]]}, subs, now)
            if event is not None:
                written.append(event)
                served.update(s.id for s in subs)
    return written


def _write(
    session: Session,
    incident: Incident,
    etype: EventType,
    facts: dict[str, Any],
    subscriptions: list[AlertSubscription],
    now: datetime,
) -> AlertEvent | None:
    """One event and its deliveries, in a savepoint: a concurrent writer that recorded the same event first
    wins, and this transaction goes on."""
    event = AlertEvent(
        uid=str(uuid.uuid4()),
        key=event_key(incident, etype),
        type=etype.value,
        incident_id=incident.id,
        facts=facts,
        created_at=now,
    )
    if session.get_bind().dialect.name == "sqlite":
        # The incident change before this call holds SQLite's only write lock: no other writer can record the
        # same event meanwhile (and a SAVEPOINT issued by pysqlite outside a transaction would commit alone).
        session.add(event)
        session.flush()
        enqueue(session, event, subscriptions, now)
    else:
        try:
            with session.begin_nested():
                session.add(event)
                session.flush()
                enqueue(session, event, subscriptions, now)
        except IntegrityError:
            log.info("alert event already recorded key=%s", event.key)
            return None
    log.info(
        "alert event type=%s incident=%s uid=%s deliveries=%d",
        etype.value,
        incident.id,
        event.uid,
        len(subscriptions),
    )
    return event


def enqueue(
    session: Session, event: AlertEvent, subscriptions: list[AlertSubscription], now: datetime
) -> list[AlertDelivery]:
    """The outbox rows of an event: one per subscription, due now."""
    rows = [
        AlertDelivery(
            event_id=event.id,
            subscription_id=s.id,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        for s in subscriptions
    ]
    session.add_all(rows)
    session.flush()
    return rows


def matching_subscriptions(session: Session, incident: Incident, etype: EventType) -> list[AlertSubscription]:
    """Active subscriptions whose company, product, kind and event filters all match."""
    subs = list(session.scalars(select(AlertSubscription).where(AlertSubscription.active.is_(True))))
    if not subs:
        return []
    slugs = {
        (kind, slug)
        for kind, slug in session.execute(
            select(Entity.kind, Entity.slug)
            .join(IncidentEntity)
            .where(IncidentEntity.incident_id == incident.id)
        )
    }
    return [
        s
        for s in subs
        if (not s.company or ("company", s.company) in slugs)
        and (not s.product or ("product", s.product) in slugs)
        and (not s.kind or s.kind == incident.kind)
        and (not s.events or etype.value in s.events)
    ]
