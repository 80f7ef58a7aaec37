"""The sender against real HTTPS receivers on 127.0.0.1: signature, retries, Retry-After, 410, giving up, limits."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.alerts.events import EventType
from app.analysis.dates import PARIS
from app.db import unit_of_work
from app.models import AlertSubscription
from app.templating import time_fr
from tests.alerts.conftest import (
    PUBLIC,
    alert_config,
    deliver,
    deliveries,
    ingest_outage,
    subscribe,
    subscription,
)
from tests.alerts.receiver import Receiver, Reply


def test_webhook_is_signed_and_tells_what_broke_since_when_who_first_and_links(
    db, alert_settings, receiver
) -> None:  # type: ignore[no-untyped-def]
    sub_id, secret = subscribe(db, alert_settings, receiver.url + "/veille", product="chatgpt")
    receiver.secret = secret
    res = ingest_outage(db, "chatgpt-signe")
    deliver(alert_settings, db, lambda: deliveries(db)[0].status == "delivered")
    (r,) = receiver.requests
    assert r.path == "/veille"
    assert receiver.signature_ok(r)
    body = r.json
    assert body["type"] == "incident.new" and r.header("x-veille-event") == "incident.new"
    assert r.header("x-veille-event-id") == body["id"] == r.header("idempotency-key")
    assert abs(body["timestamp"] - time.time()) < 120 and r.header("x-veille-timestamp") == str(
        body["timestamp"]
    )
    assert body["url"] == f"{PUBLIC}/incidents/{res.incident_id}"
    lines = dict((x["label"], x["value"]) for x in body["lines"])
    assert lines["Ce qui ne va pas"] == "panne de ChatGPT (OpenAI)"
    started = (datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2)).astimezone(PARIS)
    assert lines["Depuis"].endswith(f"à {time_fr(started)} (heure de Paris)"), lines["Depuis"]
    first = started + timedelta(
        minutes=40
    )  # the day is said too when the report came after midnight in Paris
    same_day = first.date() == started.date()
    assert lines["Premier signalement"].startswith("Pixelmatin, à " if same_day else "Pixelmatin, ")
    assert f"à {time_fr(first)} (« " in lines["Premier signalement"], lines["Premier signalement"]
    assert body["headline"].startswith("Nouvel incident : ")
    assert f"Détails : {PUBLIC}/incidents/{res.incident_id}" in body["text"]
    # a tampered body fails the check the receiver makes
    tampered = type(r)(r.path, r.headers, r.body.replace(b"ChatGPT", b"ChatGPZ"), r.at)
    assert not receiver.signature_ok(tampered)
    sub = subscription(db, sub_id)
    assert sub.last_success_at is not None and sub.failing_since is None


def test_500_then_200_is_delivered_after_the_wait_retry_after_asks(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    _, receiver.secret = subscribe(db, alert_settings, receiver.url + "/hook")
    receiver.script = [Reply(500, {"Retry-After": "1"}, b"panne")]
    ingest_outage(db, "chatgpt-retente")
    deliver(alert_settings, db, lambda: deliveries(db)[0].status == "delivered")
    first, second = receiver.requests
    assert second.at - first.at >= 0.95  # Retry-After: 1, although the backoff alone would be 0.1 to 0.2 s
    assert first.json["id"] == second.json["id"]  # the same event, which the receiver keeps once
    assert len(receiver.accepted()) == 1
    (d,) = deliveries(db)
    assert d.attempts == 2 and d.last_status == 200 and d.last_error is None


def test_backoff_doubles_without_retry_after(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    subscribe(db, alert_settings, receiver.url + "/hook")
    receiver.script = [Reply(503), Reply(503), Reply(503)]
    ingest_outage(db, "chatgpt-doublement")
    deliver(alert_settings, db, lambda: deliveries(db)[0].status == "delivered")
    gaps = [b.at - a.at for a, b in zip(receiver.requests, receiver.requests[1:], strict=False)]
    # base 0.2 s, cap 1 s, jitter 50-100 %: 0.1-0.2, 0.2-0.4, 0.4-0.8
    assert len(gaps) == 3 and 0.09 <= gaps[0] <= 0.5 and 0.19 <= gaps[1] <= 0.7 and 0.39 <= gaps[2] <= 1.2, (
        gaps
    )


def test_410_disables_the_subscription_and_abandons_its_waiting_alerts(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    sub_id, _ = subscribe(db, alert_settings, receiver.url + "/parti")
    receiver.script = [Reply(503, {"Retry-After": "600"}), Reply(410, body=b"gone")]
    ingest_outage(db, "chatgpt-410")
    deliver(
        alert_settings, db, lambda: deliveries(db)[0].attempts == 1 and deliveries(db)[0].lease_until is None
    )
    assert deliveries(db)[0].status == "pending"  # waiting ten minutes, as asked
    ingest_outage(db, "claude-410", product="Claude", company="Anthropic", site="lecircuit")
    deliver(alert_settings, db, lambda: not subscription(db, sub_id).active)
    sub = subscription(db, sub_id)
    assert sub.disabled_reason == "la destination a répondu HTTP 410 (supprimée)" and sub.disabled_at
    assert [(d.status, d.last_error) for d in deliveries(db)] == [
        ("abandoned", "destination désactivée"),
        ("failed", "HTTP 410 : destination supprimée"),
    ]
    assert len(receiver.requests) == 2  # nothing more is sent to a disabled destination
    ingest_outage(db, "gemini-410", product="Gemini", company="Google", site="neurone")
    assert len(deliveries(db)) == 2  # and new events no longer queue for it
    # `veille alerts enable N`: the next event is delivered again; what was abandoned stays abandoned
    from app.alerts.subscriptions import enable_subscription

    with unit_of_work(db.sessions) as session:
        assert enable_subscription(session, sub_id) is not None
        assert enable_subscription(session, 9999) is None
    sub = subscription(db, sub_id)
    assert sub.active and sub.disabled_reason is None and sub.failing_since is None
    receiver.script = [Reply(200)]
    ingest_outage(db, "mistral-410", product="Le Chat", company="Mistral AI", site="lecircuit")
    deliver(alert_settings, db, lambda: any(d.status == "delivered" for d in deliveries(db)))
    assert [d.status for d in deliveries(db)] == ["abandoned", "failed", "delivered"]


def test_a_destination_failing_for_the_whole_window_is_disabled(
    db, alert_settings, receiver, test_ca
) -> None:  # type: ignore[no-untyped-def]
    settings = alert_settings.model_copy(update={"alerts": alert_config(test_ca[1], give_up_after=1.5)})
    sub_id, _ = subscribe(db, settings, receiver.url + "/toujours-en-panne")
    receiver.script = [Reply(502)] * 100
    ingest_outage(db, "chatgpt-24h")
    deliver(settings, db, lambda: not subscription(db, sub_id).active)
    sub = subscription(db, sub_id)
    assert sub.disabled_reason is not None and sub.disabled_reason.startswith("en échec depuis plus de 1.5 s")
    assert "HTTP 502" in sub.disabled_reason
    (d,) = deliveries(db)
    assert d.status == "abandoned" and d.attempts >= 3 and d.last_status == 502


def test_4xx_fails_that_alert_without_retry_and_a_success_clears_the_failure(
    db, alert_settings, receiver
) -> None:  # type: ignore[no-untyped-def]
    sub_id, _ = subscribe(db, alert_settings, receiver.url + "/hook")
    receiver.script = [Reply(400, body=b"mauvais format")]
    ingest_outage(db, "chatgpt-400")
    deliver(alert_settings, db, lambda: deliveries(db)[0].status != "pending")
    (d,) = deliveries(db)
    assert d.status == "failed" and d.attempts == 1 and d.last_error == "HTTP 400 : refusé par la destination"
    assert subscription(db, sub_id).failing_since is not None and subscription(db, sub_id).active
    ingest_outage(db, "claude-ok", product="Claude", company="Anthropic", site="lecircuit")
    deliver(alert_settings, db, lambda: deliveries(db)[1].status == "delivered")
    assert subscription(db, sub_id).failing_since is None


def test_a_silent_destination_times_out_and_an_endless_answer_is_cut(
    db, alert_settings, receiver, test_ca
) -> None:  # type: ignore[no-untyped-def]
    settings = alert_settings.model_copy(
        update={"alerts": alert_config(test_ca[1], timeout=0.5, max_response_bytes=1024)}
    )
    subscribe(db, settings, receiver.url + "/lent")
    receiver.script = [Reply(hold=True), Reply(endless=True)]
    ingest_outage(db, "chatgpt-lent")
    deliver(settings, db, lambda: deliveries(db)[0].attempts == 1 and deliveries(db)[0].lease_until is None)
    assert deliveries(db)[0].last_error == "pas de réponse en 0.5 s"
    receiver.release.set()
    # the second answer never ends: only its first kilobyte is read, within the time limit
    deliver(settings, db, lambda: deliveries(db)[0].status == "delivered")
    (d,) = deliveries(db)
    assert d.attempts == 2 and d.last_status == 200


def test_a_name_or_address_that_is_not_allowed_is_refused_when_connecting(
    db, alert_settings, receiver, test_ca
) -> None:  # type: ignore[no-untyped-def]
    """A destination stored while loopback was allowed is refused at connection time once it no longer is."""
    sub_id, _ = subscribe(db, alert_settings, receiver.url + "/interne")
    closed = alert_settings.model_copy(update={"alerts": alert_config(test_ca[1], allowed_networks=[])})
    ingest_outage(db, "chatgpt-interdit")
    deliver(closed, db, lambda: deliveries(db)[0].status != "pending")
    (d,) = deliveries(db)
    assert d.status == "failed" and "adresse interdite" in (d.last_error or "")
    assert receiver.requests == []
    assert subscription(db, sub_id).active


def test_two_senders_never_send_the_same_delivery_at_once(db, alert_settings, receiver) -> None:  # type: ignore[no-untyped-def]
    from app.alerts.sender import Sender

    subscribe(db, alert_settings, receiver.url + "/hook")
    ingest_outage(db, "chatgpt-deux")
    a, b = Sender(db.sessions, alert_settings), Sender(db.sessions, alert_settings)
    first = a.claim()
    assert len(first) == 1 and first[0].attempt == 1
    assert b.claim() == []  # leased
    with unit_of_work(db.sessions) as s:  # the lease runs out (the first sender died)
        s.execute(update(AlertSubscription).values(active=True))
        from app.models import AlertDelivery

        s.execute(update(AlertDelivery).values(lease_until=datetime.now(UTC) - timedelta(seconds=1)))
    again = b.claim()
    assert [j.event_uid for j in again] == [first[0].event_uid] and again[0].attempt == 2
    assert again[0].event_type == EventType.NEW.value


def test_receiver_keeps_a_resent_event_once(test_ca) -> None:  # type: ignore[no-untyped-def]
    """The receiver's deduplication is real: two requests with one event id count once, two ids twice."""
    import httpx

    from app.alerts.transport import ssl_context

    with Receiver(test_ca[0]) as r, httpx.Client(verify=ssl_context(str(test_ca[1]))) as c:
        for event_id in ("a", "a", "b"):
            c.post(r.url, json={"id": event_id})
        assert len(r.requests) == 3 and [p["id"] for p in r.accepted()] == ["a", "b"]


def test_serve_delivers_alerts_in_the_background_when_enabled(db, alert_settings, receiver, test_ca) -> None:  # type: ignore[no-untyped-def]
    """`veille serve` with VEILLE_ALERTS_SENDER=1: the web app's own task empties the outbox, and stops with it."""
    from app.main import create_app
    from tests.conftest import LiveServer, free_port

    _, receiver.secret = subscribe(db, alert_settings, receiver.url + "/depuis-serve")
    settings = alert_settings.model_copy(update={"alerts": alert_config(test_ca[1], sender=True)})
    with LiveServer(create_app(settings), free_port()) as server:
        ingest_outage(
            db, "chatgpt-serve"
        )  # another process (a crawl) writes; the server's sender picks it up
        (r,) = receiver.wait_for(1)
        assert receiver.signature_ok(r) and r.json["type"] == "incident.new"
        deadline = time.monotonic() + 10
        while deliveries(db)[0].status != "delivered":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        import httpx

        page = httpx.get(server.url + "/alertes")
        assert "Livrée" in page.text
    assert not server.thread.is_alive()


def test_logs_never_show_a_destination_path_nor_a_secret(db, alert_settings, receiver, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    caplog.set_level(logging.DEBUG)
    _, secret = subscribe(db, alert_settings, receiver.url + "/services/T9/B9/jeton-tres-secret")
    receiver.script = [Reply(500)]
    ingest_outage(db, "chatgpt-journal")
    deliver(alert_settings, db, lambda: deliveries(db)[0].status == "delivered")
    assert len(receiver.requests) == 2
    assert "HTTP Request: POST https://127.0.0.1:" in caplog.text  # httpx did log its requests...
    assert "jeton-tres-secret" not in caplog.text and "/services/" not in caplog.text  # ...without their path
    assert secret and secret not in caplog.text
