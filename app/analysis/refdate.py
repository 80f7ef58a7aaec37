"""The moment an article's relative dates resolve against, and how sure it is.

A page's own publication date is exact. Many real pages carry none: their date is then inferred from the URL
(`/2025/06/10/`) or from the full dates the text gives (a dateline "Pékin, 28 janvier 2025 –", "le 10 juin 2025"),
and failing both it is the time the page was first seen, an approximation. An outage day is exact on a page that
declares its date, or when the text gives the day in full; otherwise it is as sure as the reference it resolves
against (outages._precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from app.analysis.dates import MONTHS, PARIS, WEEKDAYS

if TYPE_CHECKING:
    from app.extract import Document

EXACT, INFERRED, APPROXIMATE = "exact", "inferred", "approximate"
PRECISION_ORDER = (EXACT, INFERRED, APPROXIMATE)  # best first
# date sources of app.pagedate that give a day the page did not declare as its own (see reference())
DAY_ONLY_SOURCES = frozenset({"url", "htmldate"})

# /2025/06/10/, /2025-06-10-, /20250610/, -2025-06-10.html in a URL path; a news channel's id with the time after
# the day, _AN-202501271912.html (YYYYMMDDHHMM)
_URL_DATE = re.compile(
    r"[/_-](20\d\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])"
    r"(?:(?<=\d{8})(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)?(?=[/\-_.]|$)"
)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
# "10 juin 2025", "1er mars 2026", "10/06/2025" in folded text
_TEXT_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:er)? (?P<mon>{_MON})\.? (?P<y>20\d\d)\b"
    r"|\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>20\d\d)\b"
)
# "en octobre 2025": a month the text reports, so the article was written in it or after it
_MONTH_YEAR = re.compile(rf"\b(?:en|depuis|d'|de|fin|debut|mi-) ?(?P<mon>{_MON})\.? (?P<y>20\d\d)\b")
# a wire's year-less dateline: "san francisco, 15 janv (adc) -"
# (or without the agency at the head of a paragraph: "san francisco, 27 mars — victime d'un engouement…")
_DATELINE_RX = re.compile(
    rf"(?P<city>(?:^|\n)[^\n,.]{{2,40}}, )?\b(?P<d>\d{{1,2}})(?:er)? (?P<mon>{_MON})\.? "
    rf"(?P<agency>\([\w' .-]{{2,40}}\) )?[-–—]"
)


def _dateline_day(folded: str) -> re.Match[str] | None:
    """The first year-less dateline among the first paragraphs: with its agency's name, or heading a paragraph."""
    for m in _DATELINE_RX.finditer(folded, 0, _TEXT_SPAN):
        if m["agency"] or m["city"]:
            return m
    return None


_TEXT_SPAN = 4000  # the dates of the facts sit in the title, the lead and the first paragraphs
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
# a year-less day with its weekday: "vendredi 9 janvier" (not "vendredi 9 janvier 2026", which needs no guess)
_WEEKDAY_DAY = re.compile(
    r"\b(?P<wd>" + "|".join(WEEKDAYS) + rf") (?P<d>\d{{1,2}})(?:er)? (?P<mon>{_MON})\b(?!\.? \d{{4}})"
)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_DISPATCH_YEARS = 7  # a year-less day is matched to its weekday within this many years back


@dataclass(frozen=True)
class Reference:
    """What "hier", "mardi" or "ce matin" resolve against, and how sure that moment is."""

    moment: datetime  # Paris time
    precision: str  # exact | inferred | approximate


def _end_of(day: date) -> datetime:
    # the end of the day: every time of that day reported by the article is then in its past
    return datetime.combine(day, time(23, 59), tzinfo=PARIS)


def url_date(url: str | None) -> date | None:
    """The date a URL path carries, if any."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[3]), int(m[4]))
    except ValueError:
        return None


def text_dates(folded: str) -> list[date]:
    """Full dates (with a year) the beginning of a folded text gives."""
    out = []
    for m in _TEXT_DATE.finditer(folded, 0, _TEXT_SPAN):
        try:
            if m["mon"]:
                out.append(date(int(m["y"]), MONTHS[m["mon"]], int(m["d"])))
            else:
                out.append(date(int(m["ny"]), int(m["nm"]), int(m["nd"])))
        except ValueError:
            continue
    return out


def _text_after(day: date, folded: str, seen_at: datetime | None) -> date | None:
    """htmldate's guess (often a date in a link or a sidebar) when the text gives a later full date: the article is
    written on or after every past date it reports, so the latest of those is closer (a note dated only by "le lundi
    13 mai 2024" in its text, beside a sidebar link to /2023/06/20/)."""
    seen = (seen_at or datetime.now(UTC)).astimezone(PARIS).date()
    later = [d for d in text_dates(folded) if day < d <= seen]
    if later:
        return max(later)
    # a year-less dateline ("15 janv (ADC) -") on a page that reports a later month than htmldate's guess ("en
    # octobre 2025", beside a guess of 1 January 2025, a year alone, as from a copyright line): the dateline's day,
    # first after that month
    if (day.month, day.day) != (1, 1):
        return None
    dateline = _dateline_day(folded)
    # or a day given with its weekday ("vendredi 9 janvier", beside "fin décembre 2025"): the first year from that
    # month on in which the weekday matches
    said = dateline or _WEEKDAY_DAY.search(folded, 0, _TEXT_SPAN)
    months = [
        date(int(m["y"]), MONTHS[m["mon"]], 1)
        for m in _MONTH_YEAR.finditer(folded, 0, _TEXT_SPAN)
        if day < date(int(m["y"]), MONTHS[m["mon"]], 1) <= seen
    ]
    if said is None or not months:
        return None
    floor = max(months)
    for year in (floor.year, floor.year + 1):
        try:
            found = date(year, MONTHS[said["mon"]], int(said["d"]))
        except ValueError:
            return None
        if floor <= found <= seen and (dateline is not None or found.weekday() == WEEKDAYS[said["wd"]]):
            return found
    return None


def reference(doc: Document, folded: str, seen_at: datetime | None = None) -> Reference:
    """The page's date if it has one; else its URL's date, the latest full date of its text, or first sight."""
    if doc.published_at is not None:
        if doc.date_source in DAY_ONLY_SOURCES:
            # a day read off the URL or found in the text by htmldate: the page did not declare it
            day = doc.published_at.astimezone(PARIS).date()
            if doc.date_source == "htmldate":
                day = _text_after(day, folded, seen_at) or _dateline_over_year(day, folded, seen_at) or day
            return Reference(_end_of(day), INFERRED)
        moment = doc.published_at.astimezone(PARIS)
        modified = doc.modified_at.astimezone(PARIS) if doc.modified_at is not None else None
        if modified is not None and moment < modified and modified.date() == moment.date():
            # a page updated later the same day (a live page: "mis à jour à 19 h 20"): the times it reports up to
            # the update are that day's, not the day before
            moment = modified
        if moment.time() == time(0, 0):
            # a declared day without its time ("Publié le jeudi 23 janvier 2025", a bare date in the metadata): the
            # article may be from any moment of that day, and its times ("vers midi") are not after it
            return Reference(_end_of(moment.date()), EXACT)
        return Reference(moment, EXACT)
    seen = (seen_at or datetime.now(UTC)).astimezone(PARIS)
    from_url = url_date(doc.url)
    if from_url is not None and from_url <= seen.date():
        return Reference(min(_end_of(from_url), seen), INFERRED)
    # an article is written on or after every past date it reports: the latest one is the closest to it
    past = [d for d in text_dates(folded) if d <= seen.date()]
    if past:
        return Reference(min(_end_of(max(past)), seen), INFERRED)
    dispatch = _dispatch_day(folded, seen.date())
    if dispatch is not None:
        return Reference(min(_end_of(dispatch), seen), INFERRED)
    weekday_day = _weekday_day_year(folded, seen.date())
    if weekday_day is not None:
        return Reference(min(_end_of(weekday_day), seen), INFERRED)
    return Reference(seen, APPROXIMATE)


def _weekday_day_year(folded: str, seen: date) -> date | None:
    """A day given with its weekday and no year in the opening of the text ("Ce jeudi 4 décembre, …"): that day in
    the latest year in which it falls on that weekday."""
    said = _WEEKDAY_DAY.search(folded, 0, _TEXT_SPAN)
    if said is None:
        return None
    return _latest_year(int(said["d"]), MONTHS[said["mon"]], {WEEKDAYS[said["wd"]]}, seen)


def _latest_year(day: int, month: int, weekdays: set[int], seen: date) -> date | None:
    """The day and month in the latest year, not after first sight and within _DISPATCH_YEARS, in which it falls on
    one of `weekdays`; None if none does."""
    for year in range(seen.year, seen.year - _DISPATCH_YEARS, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue  # (29 February)
        if found <= seen and found.weekday() in weekdays:
            return found
    return None


def _dateline_over_year(day: date, folded: str, seen_at: datetime | None) -> date | None:
    """A year-less wire dateline matched by its weekday, over htmldate's 1 January: a guess of a year alone (an
    archive menu, a copyright line) says less about the dispatch than the dateline's day does. Over the first of
    another month (a URL's /2026/03/, a month alone), the dateline's day in that month."""
    if day.day != 1:
        return None
    seen = (seen_at or datetime.now(UTC)).astimezone(PARIS).date()
    if day.month == 1:
        return _dispatch_day(folded, seen)
    m = _dateline_day(folded)
    if m is None or MONTHS[m["mon"]] != day.month:
        return None
    try:
        found = date(day.year, day.month, int(m["d"]))
    except ValueError:
        return None
    return found if found <= seen else None


def _dispatch_day(folded: str, seen: date) -> date | None:
    """The day of a year-less wire dateline ("sydney, 4 fev (apl) -") whose first sentences tell the news on a
    weekday ("a interdit mardi"; after a hook: "Les Européens devront patienter. Apple a fait savoir vendredi…"):
    a dispatch reports the day's news, so its year is the latest one (not after first sight) in which that date
    fell on that weekday. None without a weekday to match, or none that matches."""
    m = _dateline_day(folded)
    if m is None:
        return None
    said: set[int] = set()
    start = m.end()
    for _ in range(2):  # the first sentence, or after a hook the second
        stop = _SENTENCE_END.search(folded, start)
        said = {WEEKDAYS[w] for w in _WEEKDAY.findall(folded, start, stop.start() if stop else start + 400)}
        if said or stop is None:
            break
        start = stop.end()
    if len(said) != 1:
        return None  # no weekday, or several ("lundi… puis mardi"): nothing to match
    return _latest_year(int(m["d"]), MONTHS[m["mon"]], said, seen)


def best_precision(values: list[str]) -> str:
    """The surest of several precisions (an incident is as sure as its best-dated article)."""
    known = [v for v in values if v in PRECISION_ORDER]
    return min(known, key=PRECISION_ORDER.index) if known else EXACT
