"""Date values as pages write them, to aware datetimes (no offset means Paris time).

ISO 8601 and its variants ("2016-08-15CEST10:01:00+0200", "20200414T00:38:07Z"), day-first numbers
("09/11/2016", the French and European order unless impossible), year-first numbers, French and English month
names ("Mardi 24 janvier 2017", "15 Août 2016", "August 15, 2016"). Values outside htmldate's plausible range
(1995 to tomorrow) are no date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from htmldate.validators import get_max_date, get_min_date

from app.analysis.dates import MONTHS, PARIS
from app.textfold import fold

_ISO_LIKE = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:(?:[T ]|[A-Z]{2,5})(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?"
)
_NUMERIC = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})\b(?:\D{1,4}(\d{1,2})[:hH](\d{2}))?")
_TEXTUAL = re.compile(
    r"(?<![\w])(\d{1,2})(?:er)?\s+([a-zéûA-ZÉÛ]{3,9})\.?,?\s+(\d{4})(?:\s*(?:[àa]|,|-)?\s*(\d{1,2})\s*[h:]\s*(\d{2})?)?",
)
_EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_TEXTUAL_EN = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def bounds() -> tuple[datetime, datetime]:
    return get_min_date(None), get_max_date(None)


def _plausible(moment: datetime) -> bool:
    low, high = bounds()
    naive = moment.replace(tzinfo=None)
    return low <= naive <= high + timedelta(days=1)


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def build(
    y: int, mo: int, d: int, hh: int = 0, mi: int = 0, ss: int = 0, tz: timezone | None = None
) -> datetime | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        moment = datetime(y, mo, d, hh, mi, ss, tzinfo=tz or PARIS)
    except ValueError:
        return None
    return moment if _plausible(moment) else None


def parse_date_value(value: object) -> datetime | None:
    """One date value as pages write it: ISO 8601 and its variants ("2016-08-15CEST10:01:00+0200"),
    day-first numbers ("09/11/2016", the French and European order unless impossible), year-first numbers,
    French and English month names ("Mardi 24 janvier 2017", "15 Août 2016", "August 15, 2016").
    No offset means Paris time."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    m = _ISO_LIKE.match(value)
    if m:
        y, mo, d, hh, mi, ss, off = m.groups()
        return build(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0), _offset(off))
    m = _NUMERIC.match(value)
    if m:
        a, b, c, hh, mi = m.groups()
        if len(a) == 4:  # 2016/08/15
            return build(int(a), int(b), int(c), int(hh or 0), int(mi or 0))
        day, month = int(a), int(b)
        if month > 12 >= day:  # 08/15/2016 can only be month first
            day, month = month, day
        return build(int(c), month, day, int(hh or 0), int(mi or 0))
    return textual(value)


def textual(value: str) -> datetime | None:
    m = _TEXTUAL.search(value)
    if m:
        month = MONTHS.get(fold(m.group(2)).rstrip(".")) or _EN_MONTHS.get(m.group(2).lower())
        if month:
            return build(int(m.group(3)), month, int(m.group(1)), int(m.group(4) or 0), int(m.group(5) or 0))
    m = _TEXTUAL_EN.search(value)
    if m:
        month = _EN_MONTHS.get(m.group(1).lower()) or _EN_MONTHS.get(
            next((k for k in _EN_MONTHS if k.startswith(m.group(1).lower()[:3])), "")
        )
        if month:
            return build(int(m.group(3)), month, int(m.group(2)))
    return None
