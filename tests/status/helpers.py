"""Status pages written for the tests (Statuspage v2 summaries and incident lists, Google's flat list), served by
a FakeSite on 127.0.0.1, and outage articles dated around the current time for the real ingest path."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.analysis.dates import PARIS
from app.config import CrawlSettings, Settings
from app.scrapers.registry import parse_sources
from app.services.status_poll import PollReport, poll_all, status_sources
from tests.fakesite import FakeSite, Resp

FAST = CrawlSettings(
    connect_timeout=1.0,
    read_timeout=2.0,
    max_retries=1,
    backoff_base=0.01,
    backoff_cap=0.5,
    request_deadline=5.0,
)
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def summary(
    chatgpt: str = "operational",
    api: str = "operational",
    sora: str = "operational",
    incidents: list | None = None,
) -> bytes:
    """An OpenAI-like Statuspage summary: a ChatGPT group, an APIs group, Sora on its own."""
    comps = [
        {"id": "g-chat", "name": "ChatGPT", "status": chatgpt, "group": True, "group_id": None},
        {"id": "c-login", "name": "Connexion", "status": "operational", "group": False, "group_id": "g-chat"},
        {"id": "c-conv", "name": "Conversations", "status": chatgpt, "group": False, "group_id": "g-chat"},
        {"id": "g-api", "name": "APIs", "status": api, "group": True, "group_id": None},
        {"id": "c-resp", "name": "Responses", "status": api, "group": False, "group_id": "g-api"},
        {"id": "c-sora", "name": "Sora", "status": sora, "group": False, "group_id": None},
    ]
    page = {"page": {"id": "p1", "name": "Statut de test"}, "status": {"indicator": "none"}}
    return json.dumps({**page, "components": comps, "incidents": incidents or []}).encode()


def v2_incident(
    ident: str,
    name: str,
    start: datetime,
    resolved: datetime | None = None,
    impact: str = "major",
    component: str = "ChatGPT",
    component_status: str = "major_outage",
) -> dict:
    """One Statuspage v2 incident with its first update posted at `start` (+ a resolution update)."""
    updates = [
        {
            "id": f"{ident}-u1",
            "status": "investigating",
            "body": f"We are looking into issues affecting {component}.",
            "created_at": iso(start),
            "display_at": iso(start),
            "affected_components": [
                {"code": "c", "name": component, "old_status": "operational", "new_status": component_status}
            ],
        }
    ]
    if resolved is not None:
        updates.append(
            {
                "id": f"{ident}-u2",
                "status": "resolved",
                "body": "This incident has been resolved.",
                "created_at": iso(resolved),
                "display_at": iso(resolved),
            }
        )
    return {
        "id": ident,
        "name": name,
        "status": "resolved" if resolved else "investigating",
        "impact": impact,
        "created_at": iso(start),
        "updated_at": iso(resolved or start),
        "started_at": iso(start),
        "resolved_at": iso(resolved) if resolved else None,
        "shortlink": f"https://statut.example/incidents/{ident}",
        "components": [
            {"id": "c", "name": component, "status": "operational" if resolved else component_status}
        ],
        "incident_updates": list(reversed(updates)),
    }


def incidents(*items: dict) -> bytes:
    return json.dumps({"page": {"id": "p1"}, "incidents": list(items)}).encode()


def google(*items: dict) -> bytes:
    return json.dumps(list(items)).encode()


def google_incident(
    ident: str, title: str, product: str, begin: datetime, impact: str = "SERVICE_OUTAGE"
) -> dict:
    return {
        "id": ident,
        "begin": iso(begin),
        "end": "",
        "external_desc": title,
        "severity": "high",
        "status_impact": impact,
        "affected_products": [{"title": product, "id": "p-" + ident}],
        "most_recent_update": {
            "text": "Nos équipes enquêtent.",
            "when": iso(begin),
            "status": "SERVICE_OUTAGE",
        },
        "uri": f"incidents/{ident}",
    }


def json_resp(body: bytes, **headers: str) -> Resp:
    return Resp(body=body, headers={"Content-Type": "application/json", **headers})


def status_toml(
    site: FakeSite, summary_url: bool = True, google_page: bool = False, forge: bool = False
) -> str:
    """Status sources named as in the packaged sources file, so the packaged followed list ties to them."""
    text = (
        f'[[sources]]\nname = "Statut OpenAI"\nkind = "statuspage"\nprovider = "OpenAI"\nhomepage = "{site.url}/"\n'
        f'url = "{site.url}/api/v2/incidents.json"\nformat = "statuspage-v2"\nproducts = ["chatgpt"]\ndelay = 0\n'
    )
    if summary_url:
        text += f'summary_url = "{site.url}/api/v2/summary.json"\n'
    if google_page:
        text += (
            f'[[sources]]\nname = "Statut Google Gemini"\nkind = "statuspage"\nprovider = "Google"\n'
            f'homepage = "{site.url}/"\nurl = "{site.url}/google/incidents.json"\nformat = "google"\n'
            f'products = ["gemini"]\nmatch = ["Gemini"]\ndelay = 0\n'
        )
    if forge:
        text += (
            f'[[sources]]\nname = "Statut GitHub Copilot"\nkind = "statuspage"\nprovider = "GitHub"\n'
            f'homepage = "{site.url}/"\nurl = "{site.url}/forge/incidents.json"\nformat = "statuspage-v2"\n'
            f'products = ["github-copilot"]\nmatch = ["Copilot"]\ndelay = 0\n'
        )
    return text


def poll(settings: Settings, factory: sessionmaker[Session], toml: str) -> dict[str, PollReport]:
    """One real poll round (Fetcher, netguard, limits) of the status pages of a sources text (in a thread of its
    own: the browser tests' Playwright keeps an event loop running in this one)."""
    with ThreadPoolExecutor(1) as pool:
        reports = pool.submit(
            asyncio.run, poll_all(settings, factory, status_sources(parse_sources(toml)))
        ).result()
    return {r.name: r for r in reports}


def paris_times(minutes_ago: list[int]) -> list[datetime]:
    """Moments `minutes_ago` before now, squeezed after midnight (Paris) so that all share today's date."""
    now = datetime.now(UTC)
    midnight = now.astimezone(PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    room = (now - midnight).total_seconds() / 60 - 0.5
    scale = min(1.0, room / max(minutes_ago)) if room > 0 else 0.0
    return [now - timedelta(minutes=m * scale) for m in minutes_ago]


def hm(at: datetime, space: str = " ") -> str:
    """'21 h 04' (Paris time); space="\u00a0" as the live status writes it (a time never breaks)."""
    p = at.astimezone(PARIS)
    return f"{p.hour}{space}h{space}{p.minute:02d}"


def outage_page(slug: str, title: str, paragraphs: list[str], published: datetime) -> bytes:
    """A news article page written for the tests, with its publication time in JSON-LD."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    when = published.astimezone(PARIS).isoformat(timespec="seconds")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title} | Le Relais Tech</title>
<link rel="canonical" href="https://www.relais-tech.fr/actualites/{slug}.html">
<meta property="og:site_name" content="Le Relais Tech">
<meta property="article:published_time" content="{when}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{title}",
"datePublished": "{when}", "author": {{"@type": "Person", "name": "Inès Carpentier"}}}}</script>
</head><body><main><article><h1>{title}</h1><div class="article-body">{body}</div></article></main>
<footer><p>© Le Relais Tech</p></footer></body></html>""".encode()


def chatgpt_down_page(start: datetime, published: datetime) -> bytes:
    day = DAYS[start.astimezone(PARIS).weekday()]
    return outage_page(
        "chatgpt-ne-repond-plus",
        "ChatGPT en panne : l'assistant d'OpenAI ne répond plus",
        [
            f"ChatGPT ne répond plus depuis {hm(start)} ce {day}. Les utilisateurs français voient s'afficher un "
            "message d'erreur à chaque question posée à l'assistant d'OpenAI.",
            "La panne touche la version web comme les applications mobiles. OpenAI n'a pas encore communiqué "
            "sur la cause de l'incident.",
            "Nous mettrons cet article à jour dès que le service sera rétabli.",
        ],
        published,
    )


def chatgpt_back_page(end: datetime, published: datetime) -> bytes:
    return outage_page(
        "chatgpt-est-de-retour",
        "ChatGPT est de retour après la panne",
        [
            f"ChatGPT fonctionne de nouveau. L'assistant d'OpenAI a été rétabli vers {hm(end)}, après une panne "
            "d'environ une demi-heure.",
            "Les conversations reprennent normalement sur le web et dans les applications mobiles. OpenAI n'a "
            "pas détaillé la cause de l'interruption.",
        ],
        published,
    )


def write(tmp: Path, name: str, raw: bytes) -> Path:
    path = tmp / name
    path.write_bytes(raw)
    return path
