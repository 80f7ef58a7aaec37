"""One alert, formatted for each channel: the signed JSON webhook, Slack, Mattermost, Discord, ntfy and e-mail.

Every HTTP request carries the event id (`Idempotency-Key`, and in the generic webhook's body and headers) so that
a receiver can drop the second copy of an alert sent twice (the sender delivers at least once). Text taken from
articles never triggers a mention: Slack's control characters are escaped, Mattermost's @ are broken, Discord is
told to parse no mention.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from app.alerts.destinations import ntfy_parts
from app.alerts.events import EventType
from app.alerts.message import Alert
from app.analysis.dates import iso_paris

SIGNATURE_HEADER = "X-Veille-Signature-256"
# Discord's limits (title 256, description 4096 characters); Slack's section text (3000)
_COLOURS = {
    EventType.NEW: 0xC62828,
    EventType.OFFICIAL: 0xC62828,
    EventType.CONFIRMED: 0xEF6C00,
    EventType.RESOLVED: 0x2E7D32,
    EventType.TEST: 0x546E7A,
}


@dataclass(frozen=True)
class OutgoingRequest:
    """A POST to make: where, which headers, which bytes."""

    url: str
    headers: dict[str, str]
    body: bytes


def sign(secret: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 of the raw body with the subscription's secret, as GitHub signs webhooks."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _headers(alert: Alert) -> dict[str, str]:
    return {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": alert.event_id}


def webhook_type(alert: Alert) -> str:
    return "test" if alert.type is EventType.TEST else f"incident.{alert.type.value}"


def webhook(alert: Alert, url: str, secret: str) -> OutgoingRequest:
    """The generic webhook: the event as JSON, its id and time, signed with the subscription's secret."""
    timestamp = int(alert.created_at.timestamp())
    payload = {
        "id": alert.event_id,
        "type": webhook_type(alert),
        "timestamp": timestamp,
        "created_at": iso_paris(alert.created_at),
        "headline": alert.headline,
        "lines": [{"label": label, "value": value} for label, value in alert.lines],
        "text": alert.text,
        "url": alert.url,
        "incident": {k: v for k, v in alert.facts.items() if k != "also"},
    }
    body = _json(payload)
    headers = {
        **_headers(alert),
        "X-Veille-Event": webhook_type(alert),
        "X-Veille-Event-Id": alert.event_id,
        "X-Veille-Timestamp": str(timestamp),
        SIGNATURE_HEADER: sign(secret, body),
    }
    return OutgoingRequest(url, headers, body)


def slack_escape(text: str) -> str:
    """Slack's mrkdwn control characters (&, <, >) as entities: no link nor mention can be injected."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ANGLES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def slack(alert: Alert, url: str) -> OutgoingRequest:
    """Slack incoming webhook: Block Kit, with `text` as the notification fallback."""
    fields = "\n".join(f"*{slack_escape(label)}* : {slack_escape(value)}" for label, value in alert.lines)
    payload = {
        "text": slack_escape(alert.headline),
        "unfurl_links": False,
        "blocks": [
            # plain text is not escaped by Slack: angle brackets become look-alikes there
            {
                "type": "header",
                "text": {"type": "plain_text", "text": alert.headline.translate(_ANGLES)[:150]},
            },
            {"type": "section", "text": {"type": "mrkdwn", "text": fields[:3000]}},
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"<{alert.url}|Voir l'incident sur Veille IA>"},
            },
        ],
    }
    return OutgoingRequest(url, _headers(alert), _json(payload))


_MD_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|>~<"})


def markdown_escape(text: str) -> str:
    """Markdown special characters escaped, and @ broken by a zero-width space (no @channel, @all)."""
    return text.translate(_MD_SPECIALS).replace("@", "@\u200b")


def mattermost(alert: Alert, url: str) -> OutgoingRequest:
    """Mattermost incoming webhook: one Markdown message."""
    lines = "\n".join(
        f"- **{markdown_escape(label)}** : {markdown_escape(value)}" for label, value in alert.lines
    )
    text = f"#### {markdown_escape(alert.headline)}\n{lines}\n\n[Voir l'incident sur Veille IA]({alert.url})"
    payload = {"text": text, "username": "Veille IA"}
    return OutgoingRequest(url, _headers(alert), _json(payload))


def discord(alert: Alert, url: str) -> OutgoingRequest:
    """Discord webhook: one embed (title linked to the incident, the lines, the time), no mention parsed."""
    description = "\n".join(
        f"**{markdown_escape(label)}** : {markdown_escape(value)}" for label, value in alert.lines
    )
    payload = {
        "username": "Veille IA",
        "allowed_mentions": {"parse": []},
        "embeds": [
            {
                "title": alert.headline[:256],
                "url": alert.url,
                "description": description[:4096],
                "color": _COLOURS[alert.type],
                "timestamp": alert.created_at.isoformat(),
                "footer": {"text": "Veille IA"},
            }
        ],
    }
    return OutgoingRequest(url, _headers(alert), _json(payload))


def ntfy(alert: Alert, url: str, token: str | None) -> OutgoingRequest:
    """ntfy: published as JSON to the server's root, with the topic, a click link and a priority."""
    root, topic = ntfy_parts(url)
    urgent = alert.type in (EventType.NEW, EventType.OFFICIAL)
    payload = {
        "topic": topic,
        "title": alert.headline,
        "message": "\n".join(f"{label} : {value}" for label, value in alert.lines),
        "click": alert.url,
        "priority": 4 if urgent else 3,
        "tags": [
            "rotating_light" if urgent else "white_check_mark" if alert.type is EventType.RESOLVED else "bell"
        ],
        "actions": [{"action": "view", "label": "Voir l'incident", "url": alert.url}],
    }
    headers = _headers(alert)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return OutgoingRequest(root, headers, _json(payload))


def email(alert: Alert, to: str, sender: str, site_name: str) -> EmailMessage:
    """A plain-text e-mail; its Message-ID comes from the event id, so a mailbox shows a resent alert once."""
    msg = EmailMessage()
    msg["Subject"] = f"[{site_name}] {alert.headline}"
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = format_datetime(alert.created_at)
    domain = sender.rpartition("@")[2] or "veille-ia.invalid"
    msg["Message-ID"] = f"<{alert.event_id}@{domain}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Veille-Event-Id"] = alert.event_id
    msg.set_content(alert.text + f"\n\n-- \n{site_name} : alertes sur les pannes des services d'IA\n")
    return msg
