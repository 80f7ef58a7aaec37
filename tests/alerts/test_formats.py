"""Each channel's own format, as its receiver gets it: Slack, Mattermost, Discord, ntfy and e-mail (SMTP)."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime
from email import policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from app.alerts import formats
from app.alerts.message import build_alert
from tests.alerts.conftest import PUBLIC, alert_config, deliver, deliveries, ingest_outage, subscribe
from tests.conftest import free_port


def _one(db, settings, receiver, channel: str, path: str, **spec: Any) -> tuple[dict[str, Any], Any, int]:  # type: ignore[no-untyped-def]
    subscribe(db, settings, receiver.url + path, channel=channel, **spec)
    res = ingest_outage(db, f"{channel}-panne")
    deliver(settings, db, lambda: deliveries(db)[0].status == "delivered")
    (r,) = receiver.requests
    return r.json, r, res.incident_id


def test_slack_gets_block_kit_with_a_fallback_text(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    body, r, inc = _one(db, alert_settings, receiver, "slack", "/services/T000/B000/XXXX")
    assert r.path == "/services/T000/B000/XXXX" and r.header("content-type").startswith("application/json")
    assert body["text"].startswith("Nouvel incident : ")
    header, fields, link = body["blocks"]
    assert header["type"] == "header" and header["text"]["type"] == "plain_text"
    assert "*Ce qui ne va pas* : panne de ChatGPT (OpenAI)" in fields["text"]["text"]
    assert "*Depuis* : " in fields["text"]["text"] and "(heure de Paris)" in fields["text"]["text"]
    assert link["text"]["text"] == f"<{PUBLIC}/incidents/{inc}|Voir l'incident sur Veille IA>"
    assert r.header("idempotency-key")


def test_mattermost_gets_one_markdown_message(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    body, _, inc = _one(db, alert_settings, receiver, "mattermost", "/hooks/abc123")
    assert set(body) == {"text", "username"} and body["username"] == "Veille IA"
    text = body["text"]
    assert text.startswith("#### Nouvel incident : ")
    assert "- **Ce qui ne va pas** : panne de ChatGPT \\(OpenAI\\)" in text
    assert text.endswith(f"[Voir l'incident sur Veille IA]({PUBLIC}/incidents/{inc})")


def test_discord_gets_an_embed_and_no_mention_is_parsed(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    body, _, inc = _one(db, alert_settings, receiver, "discord", "/api/webhooks/123/jeton")
    assert body["allowed_mentions"] == {"parse": []}
    (embed,) = body["embeds"]
    assert embed["url"] == f"{PUBLIC}/incidents/{inc}" and embed["title"].startswith("Nouvel incident : ")
    assert "**Premier signalement** : Pixelmatin" in embed["description"]
    assert embed["color"] == 0xC62828 and datetime.fromisoformat(embed["timestamp"]).tzinfo is not None


def test_ntfy_publishes_json_to_the_root_with_topic_click_and_token(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    body, r, inc = _one(db, alert_settings, receiver, "ntfy", "/alertes-ia-7f3k", token="tk_essai")
    assert r.path == "/" and r.header("authorization") == "Bearer tk_essai"
    assert body["topic"] == "alertes-ia-7f3k" and body["click"] == f"{PUBLIC}/incidents/{inc}"
    assert body["title"].startswith("Nouvel incident : ") and body["priority"] == 4
    assert body["message"].startswith("Ce qui ne va pas : panne de ChatGPT (OpenAI)")
    assert body["actions"][0]["url"] == body["click"]


def test_text_from_articles_cannot_mention_everyone_nor_inject_links() -> None:
    facts = {
        "title": "<!channel> @everyone [piège](https://mal.example) & co",
        "kind": "outage",
        "products": ["@here"],
        "path": "/incidents/1",
    }
    alert = build_alert("e1", "new", facts, datetime.now(UTC), PUBLIC)
    slack = json.loads(formats.slack(alert, "https://x.example/").body)
    assert "<!channel>" not in json.dumps(slack) and "&lt;!channel&gt;" in slack["text"]
    mm = json.loads(formats.mattermost(alert, "https://x.example/").body)["text"]
    assert "@everyone" not in mm and "@here" not in mm and "\\[piège\\]\\(https://mal\\.example\\)" in mm
    discord = json.loads(formats.discord(alert, "https://x.example/").body)
    assert discord["allowed_mentions"] == {"parse": []} and "content" not in discord
    assert "@here" not in discord["embeds"][0]["description"]


class Mailbox:
    """An aiosmtpd handler that keeps messages, or refuses recipients with a given reply."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def] # noqa: N802
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def] # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(alert_settings, test_ca):  # type: ignore[no-untyped-def]
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings = alert_settings.model_copy(
        update={
            "alerts": alert_config(
                test_ca[1],
                smtp_host="127.0.0.1",
                smtp_port=port,
                smtp_security="none",
                smtp_from="alertes@veille.exemple.fr",
            )
        }
    )
    yield box, settings
    controller.stop()


def test_email_over_smtp_in_french_with_the_event_id_as_message_id(db, smtp) -> None:  # type: ignore[no-untyped-def]
    box, settings = smtp
    subscribe(db, settings, "camille@exemple.fr", channel="email", product="chatgpt")
    res = ingest_outage(db, "chatgpt-courriel")
    deliver(settings, db, lambda: deliveries(db)[0].status == "delivered")
    (msg,) = box.messages
    assert msg["To"] == "camille@exemple.fr" and msg["From"] == "alertes@veille.exemple.fr"
    assert msg["Subject"].startswith("[Veille IA] Nouvel incident : ")
    event_id = msg["X-Veille-Event-Id"]
    assert (
        msg["Message-ID"] == f"<{event_id}@veille.exemple.fr>" and msg["Auto-Submitted"] == "auto-generated"
    )
    text = msg.get_content()
    assert "Ce qui ne va pas : panne de ChatGPT (OpenAI)" in text and "(heure de Paris)" in text
    assert f"Détails : {PUBLIC}/incidents/{res.incident_id}" in text


@pytest.mark.parametrize(
    ("reply", "status"), [("550 5.1.1 mailbox unknown", "failed"), ("451 4.3.0 try again later", "pending")]
)
def test_smtp_refusals_permanent_or_temporary(db, smtp, reply: str, status: str) -> None:  # type: ignore[no-untyped-def]
    box, settings = smtp
    box.refuse = reply
    subscribe(db, settings, "personne@exemple.fr", channel="email")
    ingest_outage(db, "chatgpt-refus")
    deliver(settings, db, lambda: deliveries(db)[0].attempts == 1 and deliveries(db)[0].lease_until is None)
    (d,) = deliveries(db)
    assert d.status == status and d.last_status == int(reply[:3]) and d.last_error == "destinataire refusé"
