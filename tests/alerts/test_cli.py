"""`veille alerts` as a user runs it: add, list, test, remove, refused destinations, and the sender killed
mid-delivery (a real `veille alerts run` process, SIGKILLed) whose alert still arrives exactly once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.alerts.conftest import PUBLIC, deliveries, ingest_outage
from tests.alerts.receiver import Reply
from tests.conftest import ROOT


@pytest.fixture
def cli_env(alert_settings, test_ca, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_DATABASE_URL=alert_settings.db_url,
        VEILLE_DATA_DIR=str(tmp_path / "data"),
        VEILLE_PUBLIC_URL=PUBLIC,
        VEILLE_ALERTS_ALLOWED_NETWORKS="127.0.0.0/8",
        VEILLE_ALERTS_CA_FILE=str(test_ca[1]),
        VEILLE_ALERTS_TIMEOUT="2",
        VEILLE_ALERTS_POLL_SECONDS="0.1",
        VEILLE_ALERTS_BACKOFF_BASE="0.2",
    )


def veille(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`veille alerts ARGS` in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "app", "alerts", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def veille_here(env: dict[str, str], monkeypatch, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """The same command through the same entry point, in this process (many cases, no start-up each time)."""
    from app.cli import main

    for k in [k for k in os.environ if k.startswith("VEILLE_")]:
        monkeypatch.delenv(k)
    for k, v in env.items():
        if k.startswith("VEILLE_"):
            monkeypatch.setenv(k, v)
    with pytest.raises(SystemExit) as stop:
        main(["alerts", *args])
    out = capsys.readouterr()
    return int(stop.value.code or 0), out.out, out.err


def test_add_list_test_remove_and_no_secret_is_ever_shown_back(cli_env, receiver, db) -> None:  # type: ignore[no-untyped-def]
    slack_url = receiver.url + "/services/T1/B2/tres-secret-123"
    add = veille(cli_env, "add", slack_url, "--format", "slack", "--product", "chatgpt", "--kind", "panne")
    assert add.returncode == 0, add.stderr
    assert add.stdout.startswith("Abonnement n° 1 enregistré : Slack https://127.0.0.1:")
    assert "(produit chatgpt, type panne)" in add.stdout and "tres-secret" not in add.stdout
    hook = veille(cli_env, "add", receiver.url + "/signe", "--name", "Supervision", "--event", "nouveau")
    assert hook.returncode == 0, hook.stderr
    secret = re.search(r"affiché cette fois seulement : (\S+)", hook.stdout)
    assert secret and len(secret.group(1)) >= 40
    listed = veille(cli_env, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Supervision" in listed.stdout and "Slack" in listed.stdout and "active" in listed.stdout
    as_json = veille(cli_env, "list", "--json")
    for out in (listed.stdout, as_json.stdout, listed.stderr):
        assert "tres-secret" not in out and secret.group(1) not in out and "/signe" not in out
    receiver.secret = secret.group(1)
    tested = veille(cli_env, "test", "2")
    assert tested.returncode == 0, tested.stderr
    assert tested.stdout.strip() == "Essai livré (réponse 200)."
    (r,) = receiver.requests
    assert receiver.signature_ok(r) and r.json["type"] == "test"
    assert r.json["url"] == f"{PUBLIC}/alertes" and "Supervision" in r.json["text"]
    for out in (tested.stdout, tested.stderr):
        assert secret.group(1) not in out
    removed = veille(cli_env, "remove", "1")
    assert removed.returncode == 0 and removed.stdout.strip() == "Abonnement n° 1 supprimé."
    again = veille(cli_env, "remove", "1")
    assert again.returncode == 1 and again.stderr.strip() == "Erreur : aucun abonnement n° 1"
    assert "Slack" not in veille(cli_env, "list").stdout
    # an outage, then one pass of the sender: the remaining subscription gets it, signed
    res = ingest_outage(db, "chatgpt-cli")
    once = veille(cli_env, "run", "--once")
    assert once.returncode == 0 and once.stderr.strip().endswith("1 envoi(s) tenté(s)."), once.stderr
    incident = receiver.requests[-1]
    assert receiver.signature_ok(incident) and incident.json["type"] == "incident.new"
    assert incident.json["url"] == f"{PUBLIC}/incidents/{res.incident_id}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["http://hooks.exemple.fr/x"], "seules les adresses https:// sont acceptées"),
        (["https://10.0.0.8/hook"], "10.0.0.8 est une adresse locale, privée ou réservée"),
        (["https://169.254.169.254/latest"], "169.254.169.254 est une adresse locale, privée ou réservée"),
        (["https://[::1]:8443/x"], "::1 est une adresse locale, privée ou réservée"),
        (["https://user:pw@hooks.exemple.fr/x"], "identifiants dans l'adresse"),
        (["https://ntfy.sh/a/b"], "sujet ntfy invalide"),
        (["pas-une-adresse@"], "adresse e-mail invalide"),
        (["nom@exemple.fr"], "définissez d'abord VEILLE_ALERTS_SMTP_HOST"),
        (["https://hooks.exemple.fr/x", "--product", "inconnu"], "produit inconnu(e) : « inconnu »"),
        (["https://hooks.exemple.fr/x", "--kind", "catastrophe"], "type d'incident inconnu « catastrophe »"),
        (["https://hooks.exemple.fr/x", "--event", "fin"], "événement inconnu « fin »"),
        (["https://hooks.exemple.fr/x", "--token", "t"], "--token ne sert qu'aux sujets ntfy"),
    ],
)
def test_refused_destinations_say_why_in_french_and_store_nothing(
    cli_env, monkeypatch, capsys, args, message: str
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = veille_here(
        cli_env, monkeypatch, capsys, "add", *args
    )  # loopback only: ::1 stays refused
    assert code == 2, (out, err)
    assert err.startswith("Erreur : ") and message in err, err
    assert "Aucun abonnement" in veille_here(cli_env, monkeypatch, capsys, "list")[1]


def test_loopback_is_refused_unless_a_setting_allows_it(cli_env, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    closed = {k: v for k, v in cli_env.items() if k != "VEILLE_ALERTS_ALLOWED_NETWORKS"}
    for url in ("https://127.0.0.1:8443/x", "https://localhost/x", "https://api.localhost/x"):
        code, _, err = veille_here(closed, monkeypatch, capsys, "add", url)
        assert code == 2 and "adresse locale, privée ou réservée" in err, err
    assert veille_here(cli_env, monkeypatch, capsys, "add", "https://127.0.0.1:8443/x")[0] == 0


def test_bad_ids_and_unknown_subscriptions(cli_env, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = veille_here(cli_env, monkeypatch, capsys, "test", "abc")
    assert code == 2 and "numéro d'abonnement invalide : 'abc'" in err
    code, _, err = veille_here(cli_env, monkeypatch, capsys, "test", "7")
    assert code == 1 and err.strip() == "Erreur : aucun abonnement n° 7"
    code, _, err = veille_here(cli_env, monkeypatch, capsys, "enable", "7")
    assert code == 1 and err.strip() == "Erreur : aucun abonnement n° 7"
    code, _, err = veille_here(cli_env, monkeypatch, capsys, "enable", "-3")
    assert code == 2 and "invalide" in err
    assert veille_here(cli_env, monkeypatch, capsys, "add", "https://127.0.0.1:8443/x")[0] == 0
    code, out, _ = veille_here(cli_env, monkeypatch, capsys, "enable", "1")
    assert code == 0 and out.strip() == "Abonnement n° 1 déjà actif."


def test_sender_killed_mid_delivery_delivers_exactly_once_after_restart(cli_env, receiver, db) -> None:  # type: ignore[no-untyped-def]
    add = veille(cli_env, "add", receiver.url + "/hook", "--name", "Astreinte")
    receiver.secret = re.search(r"seulement : (\S+)", add.stdout).group(1)  # type: ignore[union-attr]
    receiver.script = [Reply(hold=True)]  # the first request is received, then never answered
    res = ingest_outage(db, "chatgpt-kill")

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "app", "alerts", "run"],
            env=cli_env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = start()
    try:
        assert receiver.got.wait(timeout=60), "the sender never called"
        os.kill(first.pid, signal.SIGKILL)  # in the middle of the delivery: the request is in, no answer yet
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    (d,) = deliveries(db)
    assert d.status == "pending" and d.attempts == 1 and d.lease_until is not None  # the claim survived
    receiver.release.set()
    second = start()
    try:
        deadline = time.monotonic() + 60
        while deliveries(db)[0].status != "delivered":
            assert time.monotonic() < deadline, "not delivered after the restart"
            assert second.poll() is None, second.stderr.read() if second.stderr else ""
            time.sleep(0.1)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    assert second.returncode == 0
    # sent twice (at least once), received once: the receiver drops the copy by its event id
    assert len(receiver.requests) == 2
    assert all(receiver.signature_ok(r) for r in receiver.requests)
    (alert,) = receiver.accepted()
    assert alert["type"] == "incident.new" and alert["url"] == f"{PUBLIC}/incidents/{res.incident_id}"
    (d,) = deliveries(db)
    assert d.attempts == 2 and d.status == "delivered"
