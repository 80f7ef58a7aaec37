"""Where an alert can go: the channels, the check of a destination before it is saved, and how it is shown.

A destination URL is a secret (a Slack or Discord webhook URL lets anyone post; an ntfy topic lets anyone read):
it is shown only as its host. URLs must be https and must not name a loopback, private or link-local address,
unless VEILLE_ALERTS_ALLOWED_NETWORKS allows that network; the resolved address is checked again at every call
(app/alerts/transport.py), so a name that later points inside is refused too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from app.scrapers.netguard import IPNetwork, forbidden, ip_of

CHANNELS = ("webhook", "slack", "mattermost", "discord", "ntfy", "email")
CHANNEL_LABELS = {
    "webhook": "webhook signé",
    "slack": "Slack",
    "mattermost": "Mattermost",
    "discord": "Discord",
    "ntfy": "ntfy",
    "email": "e-mail",
}
MAX_URL = 2000
EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
NTFY_TOPIC = re.compile(r"[-_A-Za-z0-9]{1,64}")
LOCAL_NAMES = ("localhost", "localhost.localdomain")


class DestinationError(ValueError):
    """A destination refused before it is saved; the message is French."""


def guess_channel(target: str) -> str:
    """The channel a destination names: an e-mail address, a known chat webhook, an ntfy topic, else a webhook."""
    target = target.strip()
    if target.lower().startswith("mailto:") or ("@" in target and "://" not in target):
        return "email"
    parts = urlsplit(target)
    host = (parts.hostname or "").lower()
    if host == "hooks.slack.com":
        return "slack"
    if host.endswith(("discord.com", "discordapp.com")) and "/api/webhooks/" in parts.path:
        return "discord"
    if host == "ntfy.sh" or host.startswith("ntfy."):
        return "ntfy"
    if "/hooks/" in parts.path and "mattermost" in host:
        return "mattermost"
    return "webhook"


def check_target(channel: str, target: str, allowed: list[IPNetwork]) -> str:
    """The destination as it will be stored, or DestinationError saying why it is refused."""
    if channel not in CHANNELS:
        raise DestinationError(
            f"type de destination inconnu « {channel} » (valeurs possibles : {', '.join(CHANNELS)})"
        )
    target = target.strip()
    if any(c in target for c in "\r\n\t\x00 "):
        raise DestinationError("destination invalide : espaces et caractères de contrôle refusés")
    if channel == "email":
        address = target.removeprefix("mailto:")
        if len(address) > 254 or not EMAIL.fullmatch(address):
            raise DestinationError(f"adresse e-mail invalide : {address[:100]!r} (attendu : nom@domaine.fr)")
        return address
    return check_url(channel, target, allowed)


def check_url(channel: str, url: str, allowed: list[IPNetwork]) -> str:
    """An https URL without credentials, whose host is not a forbidden address."""
    if len(url) > MAX_URL:
        raise DestinationError(f"adresse trop longue ({len(url)} caractères, au plus {MAX_URL})")
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise DestinationError("adresse refusée : seules les adresses https:// sont acceptées")
    if not parts.hostname:
        raise DestinationError("adresse refusée : nom d'hôte absent")
    if parts.username or parts.password:
        raise DestinationError("adresse refusée : identifiants dans l'adresse (utilisez --token pour ntfy)")
    if parts.fragment:
        raise DestinationError("adresse refusée : fragment (#…) inutile dans une adresse de destination")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise DestinationError("adresse refusée : port invalide") from None
    host = parts.hostname.lower().rstrip(".")
    ip = ip_of(host)
    if ip is None and (host in LOCAL_NAMES or host.endswith(".localhost")):
        ip = ip_of("127.0.0.1")
    if ip is not None and forbidden(ip) and not any(ip in n for n in allowed):
        raise DestinationError(
            f"adresse refusée : {host} est une adresse locale, privée ou réservée "
            "(VEILLE_ALERTS_ALLOWED_NETWORKS peut autoriser un réseau)"
        )
    if channel == "ntfy":
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) != 1 or not NTFY_TOPIC.fullmatch(segments[0]):
            raise DestinationError(
                "sujet ntfy invalide : attendu https://serveur/sujet (lettres, chiffres, - et _, 64 au plus)"
            )
    return url


def masked(channel: str, target: str) -> str:
    """How a destination is shown: the host of a URL, the domain of an e-mail address; never the secret part."""
    if channel == "email":
        local, _, domain = target.partition("@")
        return f"{local[:1]}…@{domain}"
    parts = urlsplit(target)
    host = parts.hostname or "?"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}/…"


def ntfy_parts(url: str) -> tuple[str, str]:
    """(server root, topic) of an ntfy topic URL: messages are published as JSON to the root."""
    parts = urlsplit(url)
    topic = parts.path.strip("/")
    return f"{parts.scheme}://{parts.netloc}/", topic
