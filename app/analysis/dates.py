"""French dates: ISO values from metadata, printed bylines, and the small grammar of dates in articles."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.textfold import fold

PARIS = ZoneInfo("Europe/Paris")

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "mar": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


# "Paris, 3 mars 2026 –", "Pékin, 28 janvier 2025 (ATP) –", "SAN FRANCISCO (Reuters) —", "REDMOND (États-Unis), 18
# févr. (AFP) -": a dispatch's dateline,
# matched at a sentence start in the unfolded text (the date there is the dispatch's, not the event's).
DATELINE = re.compile(
    r"[A-ZÀ-Þ][\w' .-]{1,30}(?: \([\w' .-]{2,30}\))?(?:,\s*(?:le )?\d{1,2}(?:er)? \w+\.?(?: \d{4})?(?: \([\w' .-]{2,40}\))?"
    r"| \([\w. ]{2,20}\))(?:,? \d{1,2} ?h ?\d{0,2})?\s*[–—-]+\s*"
)

_ISO = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


def parse_iso_datetime(value: str) -> datetime | None:
    """ISO 8601 and its common variants (space for T, date only, no offset = Paris, Z = UTC)."""
    m = _ISO.match(value)
    if not m:
        return None
    y, mo, d, hh, mm, ss, off = m.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    if off is None:
        return naive.replace(tzinfo=PARIS)
    if off == "Z":
        return naive.replace(tzinfo=ZoneInfo("UTC"))
    sign = 1 if off[0] == "+" else -1
    digits = off[1:].replace(":", "")
    from datetime import timezone

    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return naive.replace(tzinfo=timezone(sign * delta))


_BYLINE = re.compile(
    r"(?:publi[ée]e?|mis\s+[àa]\s+jour)\s+le\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?P<d>\d{1,2})(?:er)?(?:\s+(?P<mon>[a-zéû]+)\.?\s+|/(?P<mnum>\d{1,2})/)(?P<y>\d{2,4})"
    r"(?:\s*(?:[àa]|,)\s*(?P<h>\d{1,2})\s*[h:]\s*(?P<mi>\d{2})?)?",
    re.I,
)


def parse_byline_date(page_text: str) -> datetime | None:
    """First 'Publié le …' / 'Mis à jour le …' date printed on the page, in Paris time."""
    for m in _BYLINE.finditer(page_text):
        month = int(m["mnum"]) if m["mnum"] else MONTHS.get(fold(m["mon"] or "").rstrip("."))
        if not month:
            continue
        year = int(m["y"])
        year += 2000 if year < 100 else 0
        try:
            return datetime(year, month, int(m["d"]), int(m["h"] or 0), int(m["mi"] or 0), tzinfo=PARIS)
        except ValueError:
            continue
    return None


def iso_paris(moment: datetime | None) -> str | None:
    """ISO 8601 in Paris time (what the API shows); naive values are taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(PARIS).isoformat()
