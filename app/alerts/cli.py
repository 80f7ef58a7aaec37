"""`veille alerts add|list|test|remove|run`: subscriptions on the command line, and the sender."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from rich.console import Console
from rich.table import Table

from app.alerts.destinations import CHANNELS, DestinationError, guess_channel
from app.config import Settings


def _id(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 2**31 - 1:
        raise argparse.ArgumentTypeError(f"numéro d'abonnement invalide : {text!r}")
    return int(text)


def add_alerts_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `veille alerts` on the main parser."""
    p = subparsers.add_parser(
        "alerts", help="alertes : abonnements (webhook, Slack, Discord, ntfy, e-mail) et envoi"
    )
    sub = p.add_subparsers(dest="alerts_command", required=True, metavar="{add,list,test,enable,remove,run}")
    add = sub.add_parser(
        "add", help="s'abonner : une adresse https de webhook, Slack, Mattermost, Discord, ntfy, ou un e-mail"
    )
    add.add_argument("destination", metavar="DESTINATION", help="https://… ou nom@domaine.fr")
    add.add_argument(
        "--format",
        choices=CHANNELS,
        help="type de destination (deviné d'après l'adresse sinon : Slack, Discord, ntfy.sh, e-mail, webhook)",
    )
    add.add_argument("--name", metavar="NOM", help="nom affiché de l'abonnement")
    add.add_argument(
        "--company", metavar="SLUG", help="seulement les incidents de cette entreprise (ex. openai)"
    )
    add.add_argument("--product", metavar="SLUG", help="seulement les incidents de ce produit (ex. chatgpt)")
    add.add_argument(
        "--kind", metavar="TYPE", help="seulement ce type d'incident : panne, dégradation, restriction"
    )
    add.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="ÉVÉNEMENT",
        help="seulement ces événements (répétable) : nouveau, confirmé, résolu, officiel",
    )
    add.add_argument("--token", metavar="JETON", help="jeton d'accès d'un sujet ntfy protégé")
    add.set_defaults(run=run_add)
    ls = sub.add_parser("list", help="lister les abonnements (adresses masquées)")
    ls.add_argument("--json", action="store_true", help="en JSON")
    ls.set_defaults(run=run_list)
    test = sub.add_parser("test", help="envoyer tout de suite une alerte d'essai à un abonnement")
    test.add_argument("id", type=_id, metavar="NUMÉRO")
    test.set_defaults(run=run_test)
    en = sub.add_parser(
        "enable",
        help="réactiver un abonnement désactivé (410, échecs répétés) : il reçoit les alertes suivantes",
    )
    en.add_argument("id", type=_id, metavar="NUMÉRO")
    en.set_defaults(run=run_enable)
    rm = sub.add_parser("remove", help="supprimer un abonnement et ses envois")
    rm.add_argument("id", type=_id, metavar="NUMÉRO")
    rm.set_defaults(run=run_remove)
    run = sub.add_parser("run", help="envoyer les alertes en attente, en continu (Ctrl+C pour arrêter)")
    run.add_argument("--once", action="store_true", help="envoyer ce qui est dû maintenant, puis s'arrêter")
    run.set_defaults(run=run_sender)


def run_add(settings: Settings, args: argparse.Namespace) -> int:
    from app.alerts.subscriptions import NewSubscription, add_subscription, filters_fr
    from app.db import open_database, unit_of_work
    from app.scrapers.netguard import networks_of

    spec = NewSubscription(
        channel=args.format or guess_channel(args.destination),
        target=args.destination,
        name=args.name,
        company=args.company,
        product=args.product,
        kind=args.kind,
        events=args.event,
        token=args.token,
    )
    db = open_database(settings.db_url)
    try:
        with unit_of_work(db.sessions) as session:
            sub, secret = add_subscription(
                session, spec, networks_of(settings.alerts.allowed_networks), bool(settings.alerts.smtp_host)
            )
            sub_id, name, filters = sub.id, sub.name, filters_fr(sub)
    except DestinationError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"Abonnement n° {sub_id} enregistré : {name} ({filters}).")
    if secret:
        print(f"Secret de signature (X-Veille-Signature-256), affiché cette fois seulement : {secret}")
    return 0


def run_list(settings: Settings, args: argparse.Namespace) -> int:
    from app.alerts.subscriptions import alerts_overview
    from app.db import open_database

    db = open_database(settings.db_url)
    try:
        with db.sessions() as session:
            overview = alerts_overview(session, recent=0)
    finally:
        db.dispose()
    if args.json:
        for s in overview.subscriptions:
            print(s.model_dump_json())
        return 0
    if not overview.subscriptions:
        print("Aucun abonnement. Ajoutez-en un avec « veille alerts add ».")
        return 0
    t = Table(title="Abonnements aux alertes")
    for col in ("N°", "Nom", "Destination", "Filtres", "État", "Livrées", "En attente", "Échecs"):
        t.add_column(col, justify="right" if col in ("N°", "Livrées", "En attente", "Échecs") else "left")
    for s in overview.subscriptions:
        filters = [
            f"entreprise {s.company.name}" if s.company else "",
            f"produit {s.product.name}" if s.product else "",
        ]
        filters += [f"type {s.kind.label_fr}" if s.kind else "", ", ".join(s.events)]
        state = "active" if s.active else f"désactivée : {s.disabled_reason}"
        t.add_row(
            str(s.id),
            s.name,
            f"{s.channel_label} {s.destination}",
            " ; ".join(f for f in filters if f) or "tous les incidents",
            state,
            str(s.delivered),
            str(s.waiting),
            str(s.failed),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(t)
    return 0


def run_remove(settings: Settings, args: argparse.Namespace) -> int:
    from app.alerts.subscriptions import remove_subscription
    from app.db import open_database, unit_of_work

    db = open_database(settings.db_url)
    try:
        with unit_of_work(db.sessions) as session:
            removed = remove_subscription(session, args.id)
    finally:
        db.dispose()
    if not removed:
        print(f"Erreur : aucun abonnement n° {args.id}", file=sys.stderr)
        return 1
    print(f"Abonnement n° {args.id} supprimé.")
    return 0


def run_enable(settings: Settings, args: argparse.Namespace) -> int:
    from app.alerts.subscriptions import enable_subscription
    from app.db import open_database, unit_of_work
    from app.models import AlertSubscription

    db = open_database(settings.db_url)
    try:
        with unit_of_work(db.sessions) as session:
            sub = session.get(AlertSubscription, args.id)
            was_active = bool(sub and sub.active)
            enabled = enable_subscription(session, args.id)
    finally:
        db.dispose()
    if enabled is None:
        print(f"Erreur : aucun abonnement n° {args.id}", file=sys.stderr)
        return 1
    if was_active:
        print(f"Abonnement n° {args.id} déjà actif.")
    else:
        print(f"Abonnement n° {args.id} réactivé : il recevra les alertes des prochains événements.")
    return 0


def run_test(settings: Settings, args: argparse.Namespace) -> int:
    """Queue a test alert for one subscription and send it now, through the sender's own path."""
    from app.alerts.sender import Sender
    from app.alerts.subscriptions import queue_test
    from app.alerts.transport import AlertClient
    from app.db import open_database, unit_of_work
    from app.models import AlertSubscription

    db = open_database(settings.db_url)
    try:
        with unit_of_work(db.sessions) as session:
            sub = session.get(AlertSubscription, args.id)
            if sub is None:
                print(f"Erreur : aucun abonnement n° {args.id}", file=sys.stderr)
                return 1
            if not sub.active:
                print(f"Erreur : abonnement n° {args.id} désactivé ({sub.disabled_reason})", file=sys.stderr)
                return 1
            delivery_id = queue_test(session, sub).id
        sender = Sender(db.sessions, settings)
        results = []
        sender.on_sent = lambda job, outcome: results.append(outcome)

        async def once() -> None:
            async with AlertClient(settings.alerts, settings.user_agent) as client:
                await sender.deliver_due(client, only=delivery_id)

        asyncio.run(once())
    finally:
        db.dispose()
    if not results:
        print("Erreur : l'essai n'a pas pu être envoyé (déjà pris par un autre envoi ?)", file=sys.stderr)
        return 1
    outcome = results[0]
    if outcome.ok:
        print(f"Essai livré (réponse {outcome.status}).")
        return 0
    print(f"Échec de l'essai : {outcome.error}", file=sys.stderr)
    return 1


async def _sender_loop(settings: Settings, once: bool) -> int:
    from app.alerts.sender import Sender
    from app.alerts.transport import AlertClient
    from app.db import open_database

    db = open_database(settings.db_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    sender = Sender(db.sessions, settings)
    try:
        if once:
            total = 0
            async with AlertClient(settings.alerts, settings.user_agent) as client:
                while not stop.is_set() and (n := await sender.deliver_due(client)):
                    total += n
            print(f"{total} envoi(s) tenté(s).", file=sys.stderr)
        else:
            print("Envoi des alertes en continu (Ctrl+C pour arrêter).", file=sys.stderr, flush=True)
            await sender.run(stop)
    finally:
        db.dispose()
    return 0


def run_sender(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `veille alerts run`."""
    try:
        return asyncio.run(_sender_loop(settings, args.once))
    except KeyboardInterrupt:
        return 130
