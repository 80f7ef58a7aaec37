"""The Jinja2 environment and the French filters every page uses."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi.templating import Jinja2Templates

from app.analysis.dates import PARIS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
KIND_FR = {"outage": "panne", "degradation": "dégradation", "restriction": "restriction"}


def _as_date(value: date | datetime | str | None) -> date | datetime | None:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return None
    return value


def date_fr(value: date | datetime | str | None, weekday: bool = True) -> str:
    """'mercredi 2 avril 2025' (Paris time for datetimes)."""
    v = _as_date(value)
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.astimezone(PARIS).date() if v.tzinfo else v.date()
    day = "1er" if v.day == 1 else str(v.day)
    text = f"{day} {MONTHS_FR[v.month - 1]} {v.year}"
    return f"{DAYS_FR[v.weekday()]} {text}" if weekday else text


def time_fr(value: datetime | str | None) -> str:
    """'16 h 33' in Paris time."""
    v = _as_date(value)
    if not isinstance(v, datetime):
        return ""
    v = v.astimezone(PARIS) if v.tzinfo else v
    return f"{v.hour} h {v.minute:02d}"


def month_fr(value: date | str) -> str:
    """'avril 2025'."""
    v = _as_date(value)
    if v is None:
        return ""
    return f"{MONTHS_FR[v.month - 1]} {v.year}"


def duration_fr(minutes: int | None) -> str:
    """'2 h 30', '45 min'."""
    if not minutes:
        return ""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h {m:02d}" if m else f"{h} h"


templates.env.filters.update(date_fr=date_fr, time_fr=time_fr, month_fr=month_fr, duration_fr=duration_fr,
                             kind_fr=lambda k: KIND_FR.get(k or "", k or ""))
