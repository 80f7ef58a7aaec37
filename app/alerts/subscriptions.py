"""Subscriptions: add (checked, with its secret made here), remove, test, and the overview /alertes shows.

Services flush, never commit. Nothing read back ever contains a destination URL, an e-mail address or a secret:
the overview shows them masked (app/alerts/destinations.py).
"""

from __future__ import annotations

import secrets
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.alerts.destinations import CHANNEL_LABELS, DestinationError, check_target, masked
from app.alerts.events import INCIDENT_EVENTS, EventType, enqueue
from app.alerts.message import build_alert
from app.kinds import IncidentKind
from app.models import AlertDelivery, AlertEvent, AlertSubscription, Entity, Incident
from app.schemas import AlertDeliveryItem, AlertsOverview, AlertSubscriptionItem, Ref
from app.scrapers.netguard import IPNetwork

STATUS_LABELS = {
    "pending": "en attente",
    "delivered": "livrée",
    "failed": "échec",
    "abandoned": "abandonnée",
}
# what a user may type for an incident kind or an event type (French first), to the stored value
KIND_WORDS = {"panne": "outage", "dégradation": "degradation", "degradation": "degradation"} | {
    k.value: k.value for k in IncidentKind
}
EVENT_WORDS = {
    "nouveau": "new",
    "confirmé": "confirmed",
    "confirme": "confirmed",
    "résolu": "resolved",
    "resolu": "resolved",
    "officiel": "official",
} | {e.value: e.value for e in INCIDENT_EVENTS}


@dataclass
class NewSubscription:
    """What `veille alerts add` was given."""

    channel: str
    target: str
    name: str | None = None
    company: str | None = None
    product: str | None = None
    kind: str | None = None
    events: list[str] = field(default_factory=list)
    token: str | None = None  # ntfy access token


def _entity(session: Session, kind: str, slug: str | None, what: str) -> str | None:
    if not slug:
        return None
    found = session.scalar(
        select(Entity.slug).where(Entity.kind == kind, Entity.slug == slug.strip().lower())
    )
    if found is None:
        raise DestinationError(f"{what} inconnu(e) : « {slug} » (voir la page /entites)")
    return found


def add_subscription(
    session: Session, spec: NewSubscription, allowed: list[IPNetwork], smtp_ready: bool
) -> tuple[AlertSubscription, str | None]:
    """Check and store a subscription; (the row, the webhook secret to show once). Flushes.

    Raises DestinationError (French) and stores nothing when anything is wrong."""
    target = check_target(spec.channel, spec.target, allowed)
    if spec.channel == "email" and not smtp_ready:
        raise DestinationError("envoi d'e-mails impossible : définissez d'abord VEILLE_ALERTS_SMTP_HOST")
    if spec.token and spec.channel != "ntfy":
        raise DestinationError("--token ne sert qu'aux sujets ntfy protégés")
    kind = None
    if spec.kind:
        kind = KIND_WORDS.get(spec.kind.strip().lower())
        if kind is None:
            raise DestinationError(
                f"type d'incident inconnu « {spec.kind} » (panne, dégradation, restriction)"
            )
    events = []
    for word in spec.events:
        value = EVENT_WORDS.get(word.strip().lower())
        if value is None:
            raise DestinationError(f"événement inconnu « {word} » (nouveau, confirmé, résolu, officiel)")
        if value not in events:
            events.append(value)
    name = (spec.name or "").strip() or f"{CHANNEL_LABELS[spec.channel]} {masked(spec.channel, target)}"
    if len(name) > 100:
        raise DestinationError("nom trop long (100 caractères au plus)")
    secret = secrets.token_urlsafe(32) if spec.channel == "webhook" else (spec.token or None)
    sub = AlertSubscription(
        name=name,
        channel=spec.channel,
        target=target,
        secret=secret,
        company=_entity(session, "company", spec.company, "entreprise"),
        product=_entity(session, "product", spec.product, "produit"),
        kind=kind,
        events=events,
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(sub)
    session.flush()
    return sub, secret if spec.channel == "webhook" else None


def remove_subscription(session: Session, sub_id: int) -> bool:
    """Delete a subscription and its deliveries (the events stay). Flushes."""
    sub = session.get(AlertSubscription, sub_id)
    if sub is None:
        return False
    session.execute(delete(AlertDelivery).where(AlertDelivery.subscription_id == sub_id))
    session.delete(sub)
    session.flush()
    return True


def enable_subscription(session: Session, sub_id: int) -> AlertSubscription | None:
    """Send to a disabled subscription again, from the next event on. Flushes.

    The alerts abandoned while it was disabled stay abandoned: they are old news by now, and resending a day of
    alerts at once would flood the destination. The failure window starts afresh.
    """
    sub = session.get(AlertSubscription, sub_id)
    if sub is None:
        return None
    sub.active = True
    sub.disabled_at = None
    sub.disabled_reason = None
    sub.failing_since = None
    session.flush()
    return sub


def filters_fr(sub: AlertSubscription) -> str:
    """'entreprise openai, type panne, événements nouveau, résolu', or 'tous les incidents'."""
    parts = []
    if sub.company:
        parts.append(f"entreprise {sub.company}")
    if sub.product:
        parts.append(f"produit {sub.product}")
    if sub.kind:
        parts.append(f"type {IncidentKind(sub.kind).label_fr}")
    if sub.events:
        parts.append("événements " + ", ".join(EventType(e).label_fr for e in sub.events))
    return ", ".join(parts) or "tous les incidents"


def queue_test(session: Session, sub: AlertSubscription) -> AlertDelivery:
    """A test event for one subscription, with its delivery, due now. Flushes."""
    now = datetime.now(UTC)
    event = AlertEvent(
        uid=str(uuid.uuid4()),
        key=f"test:{uuid.uuid4()}",
        type=EventType.TEST.value,
        incident_id=None,
        facts={"path": "/alertes", "subscription": sub.name, "filters": filters_fr(sub)},
        created_at=now,
    )
    session.add(event)
    session.flush()
    return enqueue(session, event, [sub], now)[0]


def _refs(session: Session, subs: list[AlertSubscription]) -> dict[tuple[str, str], Ref]:
    slugs = {s.company for s in subs if s.company} | {s.product for s in subs if s.product}
    if not slugs:
        return {}
    return {
        (e.kind, e.slug): Ref(slug=e.slug, name=e.name)
        for e in session.scalars(select(Entity).where(Entity.slug.in_(slugs)))
    }


def alerts_overview(session: Session, recent: int = 50) -> AlertsOverview:
    """Every subscription (masked) with its delivery counts, and the most recent deliveries."""
    subs = list(session.scalars(select(AlertSubscription).order_by(AlertSubscription.id)))
    counts: Counter[tuple[int, str]] = Counter()
    for sid, status, n in session.execute(
        select(AlertDelivery.subscription_id, AlertDelivery.status, func.count()).group_by(
            AlertDelivery.subscription_id, AlertDelivery.status
        )
    ):
        counts[(sid, status)] = n
    refs = _refs(session, subs)
    items = [
        AlertSubscriptionItem(
            id=s.id,
            name=s.name,
            channel=s.channel,
            channel_label=CHANNEL_LABELS.get(s.channel, s.channel),
            destination=masked(s.channel, s.target),
            company=refs.get(("company", s.company or "")),
            product=refs.get(("product", s.product or "")),
            kind=IncidentKind(s.kind) if s.kind else None,
            events=[EventType(e).label_fr for e in s.events or []],
            active=s.active,
            disabled_at=s.disabled_at,
            disabled_reason=s.disabled_reason,
            failing_since=s.failing_since,
            last_success_at=s.last_success_at,
            created_at=s.created_at,
            delivered=counts[(s.id, "delivered")],
            waiting=counts[(s.id, "pending")],
            failed=counts[(s.id, "failed")] + counts[(s.id, "abandoned")],
        )
        for s in subs
    ]
    names = {s.id: s.name for s in subs}
    rows = session.execute(
        select(AlertDelivery, AlertEvent, Incident.id)
        .join(AlertEvent, AlertEvent.id == AlertDelivery.event_id)
        .outerjoin(Incident, Incident.id == AlertEvent.incident_id)
        .order_by(AlertDelivery.created_at.desc(), AlertDelivery.id.desc())
        .limit(recent)
    ).all()
    deliveries = [
        AlertDeliveryItem(
            id=d.id,
            event_id=ev.uid,
            event_type=ev.type,
            event_label=EventType(ev.type).label_fr,
            subscription_id=d.subscription_id,
            subscription_name=names.get(d.subscription_id, "?"),
            incident_id=inc_id,
            headline=build_alert(ev.uid, ev.type, ev.facts or {}, ev.created_at, "").headline,
            status=d.status,
            status_label=STATUS_LABELS.get(d.status, d.status),
            attempts=d.attempts,
            last_status=d.last_status,
            last_error=d.last_error,
            created_at=d.created_at,
            delivered_at=d.delivered_at,
            next_attempt_at=d.next_attempt_at if d.status == "pending" else None,
        )
        for d, ev, inc_id in rows
    ]
    return AlertsOverview(subscriptions=items, deliveries=deliveries)
