"""Every HTML page goes through here: the Jinja2 environment, the French filters, the context all pages share
(site name, demo banner, current section) and the page cache hand-off."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.analysis.dates import PARIS
from app.config import Settings
from app.kinds import IncidentKind

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)
# Templates are read once: a page render must not stat files on every request.
templates.env.auto_reload = False
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
# Status-page vocabulary (Statuspage, incident.io, Google) in French.
STATUS_FR = {
    "investigating": "enquête en cours",
    "identified": "cause identifiée",
    "monitoring": "sous surveillance",
    "resolved": "résolu",
    "postmortem": "analyse publiée",
    "update": "mise à jour",
    "posted": "incident publié",
    "service_outage": "panne",
    "service_disruption": "perturbation",
    "service_information": "information",
    "available": "disponible",
    "none": "aucun",
    "minor": "mineur",
    "major": "majeur",
    "critical": "critique",
    "low": "faible",
    "medium": "moyen",
    "high": "élevé",
}
PROVIDERS = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "google": "Google",
    "google-cloud": "Google Cloud",
    "github": "GitHub",
    "mistral": "Mistral AI",
    "mistral-ai": "Mistral AI",
}


def as_datetime(value: date | datetime | None) -> date | datetime | None:
    """Moments in Paris time (they are stored aware, in UTC); days as they are."""
    if isinstance(value, datetime):
        return value.astimezone(PARIS)
    return value


def date_fr(value: date | datetime | None, weekday: bool = True) -> str:
    """'mercredi 2 avril 2025' (Paris time for datetimes)."""
    v = as_datetime(value)
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.date()
    day = "1er" if v.day == 1 else str(v.day)
    text = f"{day} {MONTHS_FR[v.month - 1]} {v.year}"
    return f"{DAYS_FR[v.weekday()]} {text}" if weekday else text


def time_fr(value: datetime | None) -> str:
    """'16 h 33' in Paris time."""
    v = as_datetime(value)
    if not isinstance(v, datetime):
        return ""
    return f"{v.hour} h {v.minute:02d}"


def datetime_fr(value: datetime | None) -> str:
    """'mercredi 2 avril 2025 à 16 h 33'."""
    t = time_fr(value)
    d = date_fr(value)
    return f"{d} à {t}" if t else d


def month_fr(value: date) -> str:
    """'avril 2025'."""
    v = as_datetime(value)
    if v is None:
        return ""
    return f"{MONTHS_FR[v.month - 1]} {v.year}"


SHORT_MONTHS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def month_label(key: str, short: bool = False) -> str:
    """'2025-04' -> 'avril 2025' (or 'avr. 25')."""
    y, m = int(key[:4]), int(key[5:7])
    return f"{SHORT_MONTHS[m - 1]} {str(y)[2:]}" if short else f"{MONTHS_FR[m - 1]} {y}"


def duration_fr(minutes: int | None) -> str:
    """'2 h 30', '45 min', '1 j 3 h'."""
    if not minutes:
        return ""
    days, rest = divmod(int(minutes), 24 * 60)
    h, m = divmod(rest, 60)
    if days:
        return f"{days} j {h} h" if h else f"{days} j"
    if not h:
        return f"{m} min"
    return f"{h} h {m:02d}" if m else f"{h} h"


def iso(value: date | datetime | None) -> str:
    """A machine-readable value for <time datetime>."""
    v = as_datetime(value)
    return v.isoformat() if v is not None else ""


def int_fr(n: int) -> str:
    """French digit grouping with a narrow no-break space: 12010 -> '12 010'."""
    return f"{n:,}".replace(",", "\u202f")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 article', '3 articles', '12 010 articles'."""
    return f"{int_fr(n)} {singular if n <= 1 else (plural_form or singular + 's')}"


def query_string(params: Mapping[str, object], **changes: object) -> str:
    """'?a=1&b=2' from current params with some changed; None or '' drops a key."""
    merged = {**params, **changes}
    pairs = [(k, str(v)) for k, v in merged.items() if v not in (None, "", False)]
    return "?" + urlencode(pairs) if pairs else "?"


templates.env.filters.update(
    date_fr=date_fr,
    time_fr=time_fr,
    datetime_fr=datetime_fr,
    month_fr=month_fr,
    duration_fr=duration_fr,
    iso=iso,
    int_fr=int_fr,
    kind_fr=lambda k: IncidentKind(k).label_fr if k else "",
    status_fr=lambda s: STATUS_FR.get(str(s or "").lower(), s or ""),
    provider_name=lambda p: PROVIDERS.get(str(p or "").lower(), p or ""),
)
templates.env.globals.update(plural=plural, month_label=month_label, query_string=query_string)

# The navigation's sections: a page under one of these paths marks its link as the current page.
SECTIONS = ("/recherche", "/entites", "/sources", "/etat", "/alertes")


def section(path: str) -> str | None:
    """The navigation section a path belongs to ("/" is the timeline itself, not every page)."""
    if path == "/":
        return "/"
    return next((s for s in SECTIONS if path == s or path.startswith(s + "/")), None)


def render_template(name: str, settings: Settings, path: str | None = None, **context: Any) -> str:
    """A page template rendered with the context every page shares (`path`: the current navigation section)."""
    shared = {"demo": settings.demo, "site_name": settings.site_name, "path": path}
    return templates.get_template(name).render({**shared, **context})


def render(request: Request, name: str, **context: Any) -> str:
    """The page template for this request, with the shared context."""
    return render_template(name, request.app.state.settings, section(request.url.path), **context)


def page(
    request: Request,
    name: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A rendered page as an HTML answer (ConditionalMiddleware keeps a 200 until the data changes)."""
    return HTMLResponse(render(request, name, **context), status_code=status_code, headers=headers)
