"""The sender: empties the outbox, at least once, with retries and backoff, and disables dead destinations.

A delivery is claimed with a lease (a conditional UPDATE: two senders never send it at once) and its attempt is
counted before the call. A sender killed mid-call leaves the lease to expire; the next one sends the same event
again, with the same event id, which the receiver uses to drop the copy. After the call the outcome is recorded:
delivered; another try later (exponential backoff with jitter, or the Retry-After asked for); failed for good; or,
for a destination that answered 410 or has failed for `give_up_after` (24 h), the subscription is disabled.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.alerts import formats
from app.alerts.message import build_alert
from app.alerts.transport import AlertClient, Outcome, send_email
from app.config import Settings
from app.db import unit_of_work
from app.models import AlertDelivery, AlertEvent, AlertSubscription

log = logging.getLogger(__name__)

LEASE_MARGIN = 5.0  # seconds a claim outlives the call's own timeout
BATCH = 20  # deliveries claimed at once


@dataclass(frozen=True)
class Job:
    """A claimed delivery with what sending it needs (plain values: no session crosses a thread)."""

    delivery_id: int
    subscription_id: int
    attempt: int
    channel: str
    target: str
    secret: str | None
    event_uid: str
    event_type: str
    facts: dict[str, Any]
    event_created_at: datetime


def now() -> datetime:
    return datetime.now(UTC)


def span_fr(seconds: float) -> str:
    """'24 h', '30 min', '5 s'."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{int(seconds // 3600)} h"
    if seconds >= 60:
        return f"{int(seconds // 60)} min"
    return f"{seconds:g} s"


class Sender:
    """Delivers due alerts; `run` loops until stopped, `deliver_due` does one pass."""

    def __init__(self, sessions: sessionmaker[Session], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings
        self.config = settings.alerts
        self.lease = timedelta(seconds=self.config.timeout + LEASE_MARGIN)
        self.give_up = timedelta(seconds=self.config.give_up_after)
        self.on_sent: Callable[[Job, Outcome], None] | None = None  # a hook for the CLI's `test`

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver what is due, then wait for the next poll, until `stop` is set."""
        async with AlertClient(self.config, self.settings.user_agent) as client:
            while not stop.is_set():
                try:
                    sent = await self.deliver_due(client)
                except Exception:  # a database hiccup must not end the sender
                    log.exception("alert pass failed")
                    sent = 0
                if sent:
                    continue  # there may be more due at once
                try:
                    await asyncio.wait_for(stop.wait(), timeout=self.config.poll_seconds)
                except TimeoutError:
                    pass

    async def deliver_due(self, client: AlertClient, only: int | None = None) -> int:
        """Claim and send the deliveries due now (or the one `only` names); returns how many were tried."""
        jobs = await asyncio.to_thread(self.claim, only)
        if not jobs:
            return 0
        gate = asyncio.Semaphore(self.config.concurrency)

        async def one(job: Job) -> None:
            async with gate:
                outcome = await self.send(client, job)
            await asyncio.to_thread(self.record, job, outcome)
            if self.on_sent is not None:
                self.on_sent(job, outcome)

        await asyncio.gather(*(one(j) for j in jobs))
        return len(jobs)

    def claim(self, only: int | None = None) -> list[Job]:
        """Take a lease on due deliveries of active subscriptions and count their attempt. Commits."""
        t = now()
        free = or_(AlertDelivery.lease_until.is_(None), AlertDelivery.lease_until < t)
        with unit_of_work(self.sessions) as s:
            q = (
                select(AlertDelivery.id)
                .join(AlertSubscription, AlertSubscription.id == AlertDelivery.subscription_id)
                .where(AlertDelivery.status == "pending", free, AlertSubscription.active.is_(True))
            )
            q = (
                q.where(AlertDelivery.id == only)
                if only is not None
                else q.where(AlertDelivery.next_attempt_at <= t).order_by(
                    AlertDelivery.next_attempt_at, AlertDelivery.id
                )
            )
            claimed = []
            for did in s.scalars(q.limit(BATCH)).all():
                taken = s.execute(
                    update(AlertDelivery)
                    .where(AlertDelivery.id == did, AlertDelivery.status == "pending", free)
                    .values(lease_until=t + self.lease, attempts=AlertDelivery.attempts + 1, updated_at=t)
                )
                if taken.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(did)
            if not claimed:
                return []
            rows = s.execute(
                select(AlertDelivery, AlertEvent, AlertSubscription)
                .join(AlertEvent, AlertEvent.id == AlertDelivery.event_id)
                .join(AlertSubscription, AlertSubscription.id == AlertDelivery.subscription_id)
                .where(AlertDelivery.id.in_(claimed))
                .order_by(AlertDelivery.id)
            ).all()
            return [
                Job(
                    delivery_id=d.id,
                    subscription_id=sub.id,
                    attempt=d.attempts,
                    channel=sub.channel,
                    target=sub.target,
                    secret=sub.secret,
                    event_uid=ev.uid,
                    event_type=ev.type,
                    facts=dict(ev.facts or {}),
                    event_created_at=ev.created_at,
                )
                for d, ev, sub in rows
            ]

    async def send(self, client: AlertClient, job: Job) -> Outcome:
        """Format the alert for its channel and make the call."""
        alert = build_alert(
            job.event_uid, job.event_type, job.facts, job.event_created_at, self.settings.base_url
        )
        log.info(
            "alert send delivery=%d subscription=%d channel=%s attempt=%d event=%s",
            job.delivery_id,
            job.subscription_id,
            job.channel,
            job.attempt,
            job.event_uid,
        )
        if job.channel == "email":
            sender = self.config.smtp_from or f"veille@{_host(self.settings.base_url)}"
            message = formats.email(alert, job.target, sender, self.settings.site_name)
            return await asyncio.to_thread(send_email, self.config, message)
        if job.channel == "webhook":
            request = formats.webhook(alert, job.target, job.secret or "")
        elif job.channel == "slack":
            request = formats.slack(alert, job.target)
        elif job.channel == "mattermost":
            request = formats.mattermost(alert, job.target)
        elif job.channel == "discord":
            request = formats.discord(alert, job.target)
        elif job.channel == "ntfy":
            request = formats.ntfy(alert, job.target, job.secret)
        else:
            return Outcome(False, error=f"type de destination inconnu : {job.channel}")
        return await client.post(request)

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before the next try: what the destination asked, else doubling waits with jitter."""
        if retry_after is not None:
            return min(retry_after, self.config.give_up_after)
        wait = min(self.config.backoff_cap, self.config.backoff_base * 2.0 ** max(attempt - 1, 0))
        return wait * random.uniform(0.5, 1.0)

    def record(self, job: Job, outcome: Outcome) -> None:
        """Write the outcome of a call: delivered, retried later, failed, or the subscription disabled. Commits."""
        t = now()
        with unit_of_work(self.sessions) as s:
            d = s.get(AlertDelivery, job.delivery_id)
            sub = s.get(AlertSubscription, job.subscription_id)
            if d is None or sub is None:  # removed while the call was made
                return
            d.lease_until = None
            d.last_status = outcome.status
            d.updated_at = t
            if outcome.ok:
                d.status, d.delivered_at, d.last_error = "delivered", t, None
                sub.failing_since, sub.last_success_at = None, t
                log.info("alert delivered delivery=%d attempt=%d", d.id, job.attempt)
                return
            d.last_error = outcome.error
            sub.failing_since = sub.failing_since or t
            log.warning(
                "alert failed delivery=%d subscription=%d attempt=%d error=%s",
                d.id,
                sub.id,
                job.attempt,
                outcome.error,
            )
            if outcome.gone:
                d.status = "failed"
                disable(s, sub, "la destination a répondu HTTP 410 (supprimée)", t)
                return
            if not outcome.retry or job.event_type == "test":
                d.status = "failed"
            elif t - d.created_at >= self.give_up:
                d.status = "abandoned"
                d.last_error = (
                    f"{outcome.error} ; abandon après {span_fr(self.config.give_up_after)} d'essais"
                )
            else:
                d.next_attempt_at = t + timedelta(seconds=self.backoff(job.attempt, outcome.retry_after))
            if sub.active and t - sub.failing_since >= self.give_up:
                if d.status == "pending":
                    d.status = "abandoned"
                disable(
                    s,
                    sub,
                    f"en échec depuis plus de {span_fr(self.config.give_up_after)} (dernière erreur : {outcome.error})",
                    t,
                )


def disable(session: Session, sub: AlertSubscription, reason: str, at: datetime) -> None:
    """Stop sending to a subscription: it is shown as disabled, with why; its waiting alerts are abandoned."""
    sub.active = False
    sub.disabled_at = at
    sub.disabled_reason = reason
    session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.subscription_id == sub.id, AlertDelivery.status == "pending")
        .values(status="abandoned", last_error="destination désactivée", lease_until=None, updated_at=at)
    )
    log.warning("alert subscription disabled subscription=%d reason=%s", sub.id, reason)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "localhost"
