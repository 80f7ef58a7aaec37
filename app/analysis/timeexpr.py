"""The small French grammar of outage times: days, clock times, durations, resolved against publication time.

Why not dateparser here: on the spans outage articles use it fails or misleads ("hier soir", "ce matin",
"dans la nuit de lundi à mardi", "vers 12h30" return nothing; a bare "21 h" or "14 h 35" is read as a duration
"21 hours ago"), it cannot tell an outage clause from a recovery clause, and one call costs about a millisecond,
which alone would eat the analysis budget (25 % of extraction time). The forms are few and regular, so a grammar
over folded text (accents off, lowercase) handles them and keeps each match's position, which the outage module
uses to tie a time to the outage words rather than to the recovery words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.analysis.dates import DATELINE, MONTHS, PARIS, WEEKDAYS
from app.textfold import fold

_WD = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
# every day expression find_days reads: no match, no day (the outage rules screen sentences with it)
# the dead of night ("au cœur de la nuit": folding keeps the ligature, one character for one)
_DEAD_OF_NIGHT = r"(?:en pleine nuit|dans la nuit|au c(?:oe|\u0153)ur de la nuit|au milieu de la nuit)"
DAY_RX = re.compile(
    # "dans la nuit du 20 au 21 février", "nuit du mardi 20 au mercredi 21 février", "entre le mardi 20 et le mercredi
    # 21 février, au cœur de la nuit"
    rf"\b(?:nuit,? (?:du |de )?|entre (?=(?:le )?(?:(?:{_WD}) )?\d{{1,2}}(?:er)? et (?:le )?(?:(?:{_WD}) )?\d{{1,2}}(?:er)? "
    rf"(?:{_MON})\.?(?: 20\d\d)?,? {_DEAD_OF_NIGHT})(?:le )?)"
    rf"(?:(?:{_WD}) )?(?P<nd1>\d{{1,2}})(?:er)? (?:au|a|et) (?:le )?(?:(?:{_WD}) )?(?P<nd2>\d{{1,2}})(?:er)? (?P<nmon>{_MON})\.?"
    rf"(?: (?P<ny>20\d\d))?\b"
    rf"|\b(?:(?P<wd1>{_WD}) )?(?P<d>\d{{1,2}})(?:er)? (?P<mon>{_MON})\.?(?: (?P<y>20\d\d))?\b"
    # ("entre mercredi et jeudi, en pleine nuit": the night too)
    rf"|\b(?:(?:cette nuit|nuit),? (?:du |de )?(?P<n1>{_WD}) (?:a|au)|entre (?P<e1>{_WD})(?P<es> soir)? et) (?P<n2>{_WD})"
    rf"(?(e1)(?(es) matin|(?: matin|,? {_DEAD_OF_NIGHT})))\b"
    # ("pendant la nuit, entre mercredi et jeudi", "dans la nuit parisienne, entre mardi et mercredi"; each alternative
    # starts with a word, which the engine checks before entering it)
    rf"|\b(?:pendant|durant|dans) la nuit(?: [\w']+)?,? entre (?P<p1>{_WD}) et (?P<p2>{_WD})\b"
    r"|\b(?P<rel>avant-hier|hier|la veille|le lendemain|ce matin|aujourd'hui|ce midi|cet apres-midi|ce soir|cette nuit|"
    r"la nuit derniere|en debut de (?:soiree|journee|matinee|nuit)|en fin de (?:journee|matinee)|"
    r"dans la (?:matinee|soiree|journee))\b"
    rf"(?! (?:du|de) (?:\d|{_WD}))"
    rf"|\b(?P<wd>{_WD})(?P<last> dernier)?\b"
    r"|\bil y a (?P<ago>\d|deux|trois|quatre|cinq|six) jours\b"
    r"|\b(?P<we>ce week-end|le week-end dernier|ce weekend|le weekend dernier)\b"
)
_NUM = {
    "une": 1,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "quarante-cinq": 45,
    "cinquante": 50,
    "quelques": 3,
    "plusieurs": 3,
}
_CLOCK_RX = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?: ?(?:h|heures?)(?: ?(?P<m>[0-5]\d))?(?![\w])|:(?P<m2>[0-5]\d)\b(?!:))"
)
_EAST, _WEST = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles")
# UTC+1 all year: Tunis, Algiers, Kinshasa, Douala… (Morocco too, most of the year)
_WEST_AFRICA = ZoneInfo("Africa/Lagos")
_CHINA, _UTC, _TOKYO, _LONDON, _SEOUL, _INDIA = (
    ZoneInfo("Asia/Shanghai"),
    ZoneInfo("UTC"),
    ZoneInfo("Asia/Tokyo"),
    ZoneInfo("Europe/London"),
    ZoneInfo("Asia/Seoul"),
    ZoneInfo("Asia/Kolkata"),
)
# "heure de l'Est", "heure de la côte Est américaine", "(heure) de New York", "heure du Pacifique", "heure de Pékin",
# "heure de Séoul", "KST", "heure indienne", "UTC", "(HNE)"… right after a clock time. Abbreviations that are also French words (et, est, he, pt) count only
# when the page writes them in capitals.
_ZONE_RX = re.compile(
    r"[\s,(]*(?:(?:du matin|du soir|de l'apres-midi|de la nuit)[\s,(]*)?"
    r"(?:heure |heures |a l'heure |\(heure |en |selon l'horloge |a l'horloge |sur l'horloge |aux horloges )?"
    r"(?:(?P<e>de l'est|de la cote est|de new york|a new york|de washington|a washington|de boston|new-yorkaise|"
    # the francophone press outside France: Quebec and Ontario (Eastern time), West Africa (GMT), the Maghreb and
    # Central Africa (UTC+1, no summer time), Belgium, Switzerland and Luxembourg (Paris time)
    r"de montreal|a montreal|du quebec|de quebec|a quebec|d'ottawa|a ottawa|de toronto|a toronto|"
    r"de l'est americain|est americaine?|sur la cote est(?: americaine)?)|(?P<w>du pacifique|de la cote pacifique|de la cote ouest|"
    r"sur la cote ouest(?: americaine)?|de san francisco|de (?:la )?californie|californienne|"
    r"de seattle|de los angeles|en californie|a san francisco|pacifique)|"
    r"(?P<c>de pekin|de chine|chinoise|a pekin|de shanghai|de hong kong|de shenzhen|de hangzhou|de singapour|"
    r"a singapour|de taipei|a taipei|de manille|a manille|philippine)|"
    r"(?P<u>utc|gmt|tu|temps universel|de dakar|a dakar|d'abidjan|a abidjan|de bamako|a bamako|de conakry|"
    r"de lome|a lome|d'accra|de ouagadougou|de nouakchott)|"
    r"(?P<a>de tunis|a tunis|d'alger|a alger|de kinshasa|a kinshasa|de douala|a douala|de yaounde|a yaounde|"
    r"de libreville|de lagos|de niamey|de ndjamena|de casablanca|a casablanca|de rabat|a rabat)|(?P<t>de tokyo|japonaise|a tokyo|du japon)|(?P<l>de londres|a londres|britannique)|"
    r"(?P<k>de seoul|a seoul|coreenne|de coree(?: du sud)?|sud-coreenne)|(?P<i>de new delhi|a new delhi|indienne|de l'inde|"
    r"de bangalore|de mumbai|de bombay)|"
    r"(?P<p>cet|cest|heure francaise|francaise|de paris|de bruxelles|a bruxelles|belge|de geneve|a geneve|suisse|"
    r"de luxembourg)|(?P<loc>locale)|"
    r"(?P<abbr>hne|hae|edt|edt|pst|pdt|kst|jst|he|et|est|pt)(?=\W|$))\b"
)
_ABBR_ZONES = {
    "hne": _EAST,
    "hae": _EAST,
    "edt": _EAST,
    "he": _EAST,
    "et": _EAST,
    "est": _EAST,
    "pst": _WEST,
    "pdt": _WEST,
    "pt": _WEST,
    "kst": _SEOUL,
    "jst": _TOKYO,
}
_AMBIGUOUS_ABBR = frozenset({"et", "est", "he", "pt"})


# Dateline cities a wire writes its foreign dispatches from -> their zone: "heure locale" in such a dispatch is the
# city's time ("SÉOUL, 17 février (Agence) – … depuis samedi 18 heures, heure locale").
_CITY_ZONES = {
    **dict.fromkeys(
        (
            "san francisco",
            "los angeles",
            "seattle",
            "redmond",
            "mountain view",
            "cupertino",
            "menlo park",
            "palo alto",
            "santa clara",
            "san jose",
            "sunnyvale",
            "californie",
        ),
        _WEST,
    ),
    **dict.fromkeys(("new york", "washington", "boston", "miami", "atlanta"), _EAST),
    **dict.fromkeys(
        ("pekin", "shanghai", "hong kong", "shenzhen", "hangzhou", "singapour", "taipei", "manille"), _CHINA
    ),
    **dict.fromkeys(("new delhi", "bangalore", "mumbai", "bombay"), _INDIA),
    "seoul": _SEOUL,
    "tokyo": _TOKYO,
    "londres": _LONDON,
}
_DATELINE_CITY = re.compile(r"[^,(]+")  # a dateline's city: up to its comma or its parenthesis
_DATELINE_SPAN = 1500  # datelines open a dispatch


def dateline_zone(text: str) -> ZoneInfo | None:
    """The zone of the foreign city a dispatch's dateline names ("SÉOUL, 17 février (Agence) –", dates.DATELINE)
    at the start of one of the first lines of a text, if any."""
    pos = 0
    while pos < min(len(text), _DATELINE_SPAN):
        m = DATELINE.match(text, pos)
        if m is not None:
            city = _DATELINE_CITY.match(fold(m.group(0)))
            zone = _CITY_ZONES.get(city.group(0).strip()) if city else None
            if zone is not None:
                return zone
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return None


def _zone(zm: re.Match[str] | None, raw: str | None, local: ZoneInfo | None = None) -> ZoneInfo | None:
    """The zone a _ZONE_RX match names (None for Paris time or no match); "heure locale" is `local`'s."""
    if zm is None or zm["p"]:
        return None
    if zm["loc"]:
        return local
    if zm["abbr"]:
        ab = zm["abbr"]
        if ab in _AMBIGUOUS_ABBR and (raw is None or not raw[zm.start("abbr") : zm.end("abbr")].isupper()):
            return None
        return _ABBR_ZONES[ab]
    for group, zone in (
        ("e", _EAST),
        ("w", _WEST),
        ("c", _CHINA),
        ("u", _UTC),
        ("t", _TOKYO),
        ("l", _LONDON),
        ("k", _SEOUL),
        ("i", _INDIA),
        ("a", _WEST_AFRICA),
    ):
        if zm[group]:
            return zone
    return None


# "…, heure de Paris", "à Paris", "en France", "heure française": the French time of a pair.
_PARIS_RX = re.compile(
    # ("21 h 35 aux horloges de Pékin, 15 h 35 aux nôtres", "4 h 33 chez nous")
    r"[\s,(]*(?:heure de paris|a paris|en france|heure francaise|heure de france|aux notres|chez nous|"
    r"(?:du matin|du soir),? heure (?:francaise|de paris))\b"
)
_DURATION_RX = re.compile(
    r"\b(?P<q>pendant|durant|plus de|pres de|environ|au moins|presque|quelque|plus d'|pendant pres de|"
    r"pendant environ|pendant plus de|pendant plus d')\s*(?P<n>\d{1,2}|" + "|".join(_NUM) + r")\s*"
    r"(?P<u>heures?|h\b|minutes?|min\b)(?P<half> et demie)?"
    r"|\b(?P<demi>une demi-heure)\b"
)


_FROM_ON = re.compile(
    r"(?:a partir du|a compter du|des le|avant le|d'ici (?:le|au)|jusqu'au|au plus tard le) $"
)
# A verb in the future or the conditional earlier in the sentence: "GPT-4.5 quittera l'API le 14 juillet", "serait
# retiré le 14 juillet" (a day to come, not the day something happened).
_FUTURE_BEFORE = re.compile(
    r"\b(?:sera|seront|serait|seraient|aura|auront|aurait|fera|feront|ferait|"
    r"(?!camera|opera)\w{3,}(?:era|eront|erait|eraient|ira|iront|irait|iraient|dra|dront|drait|aitra|aitront))\b"
    r"[^.!?;]*$"
)


def _upcoming(d: int, month: int, pub: date) -> bool:
    """A day and month that fall in the next four months after the reference day."""
    for y in (pub.year, pub.year + 1):
        try:
            cand = date(y, month, d)
        except ValueError:
            continue
        if pub < cand <= pub + timedelta(days=120):
            return True
    return False


# minutes spelled out after midi or minuit: "minuit seize", "midi vingt-cinq"
_UNITS = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
_SPELLED = {
    w: n for n, w in enumerate(("", *_UNITS, "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"))
}
_SPELLED |= {f"dix-{u}": 10 + n for n, u in enumerate(_UNITS[6:], start=7)}
for _n, _tens in ((20, "vingt"), (30, "trente"), (40, "quarante"), (50, "cinquante")):
    _SPELLED |= {_tens: _n, f"{_tens} et un": _n + 1}
    _SPELLED |= {f"{_tens}-{u}": _n + i for i, u in enumerate(_UNITS, start=1) if u != "un"}
_SPELLED.pop("")
_MINUTES_SPELLED = "|".join(sorted(_SPELLED, key=len, reverse=True))
_MIDI_RX = re.compile(
    # (not "bien après minuit": long after, no time)
    rf"\b(?<!bien )(?:peu (?:apres|avant) |vers |a |des |aux alentours de |a partir de |jusqu'a |apres |avant |depuis |"
    # ("11 h GMT, soit midi à Paris": the converted time; "entre minuit seize et 4 h 38": a range's first end)
    rf"sur le coup de |autour de |soit |entre |(?:{_WD}|hier|aujourd'hui|ce) )(minuit|midi)"
    rf"(?:(?P<x> et (?P<q>demie?|quart))| (?P<w>{_MINUTES_SPELLED}))?\b"
    r"(?! ?-? ?(?:libre|pyrenees|olympique|de la france|toulousain))"
)
# "le marché du mardi", "chaque vendredi", "tous les lundis": a habit, not a day
_IDIOM_DAY = re.compile(r"\b(?:du|des|chaque|tous les) $")
_DAY_PART = re.compile(r" (?:matin|soir|midi|apres-midi|\d)")
PART_OF_DAY = ("en debut de", "en fin de", "dans la matinee", "dans la soiree", "dans la journee")


@dataclass(frozen=True)
class DayExpr:
    """A day expression found in a text: its span and the day it resolves to."""

    start: int
    end: int
    day: date
    night_to: date | None = None  # "la nuit de lundi à mardi": the day after midnight
    certain: bool = False  # a full date ("10 juin 2025", "mardi 10 juin"): it holds whatever the reference
    explicit: bool = False  # a day and a month ("10 juin"): the text gives the day in full
    evening: bool = False  # "entre dimanche soir et lundi matin": it began on the evening before night_to


def _weekday_back(pub: date, wd: int, strictly: bool) -> date:
    back = (pub.weekday() - wd) % 7
    if strictly and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _explicit(d: int, month: int, year: int | None, pub: date, weekday: int | None = None) -> date | None:
    if year is None and weekday is not None:
        # "mardi 10 juin": the latest year, up to the reference, where the 10th of June is a Tuesday
        for y in range(pub.year + (1 if month == 1 and pub.month == 12 else 0), pub.year - 7, -1):
            try:
                cand = date(y, month, d)
            except ValueError:
                continue
            if cand.weekday() == weekday and cand <= pub + timedelta(days=1):
                return cand
    years = [year] if year else [pub.year, pub.year - 1, pub.year + 1]
    best: date | None = None
    for y in years:
        try:
            cand = date(y, month, d)
        except ValueError:
            continue
        if year or cand <= pub + timedelta(days=1):
            if best is None or abs((cand - pub).days) < abs((best - pub).days):
                best = cand
    return best


def find_days(folded: str, published: datetime, anchor: date | None = None) -> list[DayExpr]:
    """Every day expression of a folded text, resolved against the publication time (Paris).

    "la veille" and "le lendemain" are relative to the last full date given before them (in this text, else
    `anchor`): "Le 28 janvier, … détectée la veille au soir" is the 27th.
    """
    pub = published.astimezone(PARIS)
    pub_day = pub.date()
    out: list[DayExpr] = []
    weekends: list[DayExpr] = []  # "le week-end dernier": its Saturday, unless the text names the day itself
    for m in DAY_RX.finditer(folded):
        day: date | None = None
        night_to: date | None = None
        certain = False
        if m["nmon"]:
            night_to = _explicit(int(m["nd2"]), MONTHS[m["nmon"]], int(m["ny"]) if m["ny"] else None, pub_day)
            day = night_to - timedelta(days=1) if night_to else None
            certain = m["ny"] is not None
        elif (
            m["mon"]
            and m["y"] is None
            and (
                _FROM_ON.search(folded, max(0, m.start() - 16), m.start())
                or _FUTURE_BEFORE.search(folded, max(0, m.start() - 90), m.start())
            )
            and _upcoming(int(m["d"]), MONTHS[m["mon"]], pub_day)
        ):
            # "à partir du 28 août", "quittera l'API le 14 juillet" in an article of July or April: a measure to
            # come, not a day it happened
            continue
        elif m["mon"]:
            wd = WEEKDAYS[m["wd1"]] if m["wd1"] else None
            day = _explicit(int(m["d"]), MONTHS[m["mon"]], int(m["y"]) if m["y"] else None, pub_day, wd)
            certain = m["y"] is not None or (day is not None and wd is not None and day.weekday() == wd)
            if day is not None:
                anchor = day
        elif m["n1"] or m["e1"] or m["p1"]:
            # "la nuit de mercredi à jeudi", "entre mercredi soir et jeudi matin", "pendant la nuit, entre … et jeudi"
            night_to = _weekday_back(pub_day, WEEKDAYS[m["n2"] or m["p2"]], False)
            day = night_to - timedelta(days=1)
        elif m["rel"]:
            rel = m["rel"]
            if out and out[-1].end + 3 >= m.start() and rel.startswith(PART_OF_DAY):
                continue  # "lundi 27 janvier en fin de journée": the part of the day named just before
            if rel == "avant-hier":
                day = pub_day - timedelta(days=2)
            elif rel == "la veille":
                day = (anchor or pub_day) - timedelta(days=1)
            elif rel == "le lendemain":
                day = anchor + timedelta(days=1) if anchor else None
            elif rel in ("hier", "la nuit derniere"):
                day = pub_day - timedelta(days=1)
            else:
                day = pub_day
        elif m["wd"]:
            if _IDIOM_DAY.search(folded, 0, m.start()) and not _DAY_PART.match(folded, m.end()):
                continue  # "les créateurs du dimanche", "le marché du mardi": a habit, not a day
            day = _weekday_back(pub_day, WEEKDAYS[m["wd"]], bool(m["last"]))
        elif m["ago"]:
            day = pub_day - timedelta(days=int(m["ago"]) if m["ago"].isdigit() else _NUM[m["ago"]])
        elif m["we"]:
            # the weekend that just ended (or is under way): its Saturday
            day = _weekday_back(pub_day, 5, "dernier" in m["we"] and pub_day.weekday() >= 5)
        if day is not None:
            found = DayExpr(
                m.start(), m.end(), day, night_to, certain, bool(m["mon"] or m["nmon"]), bool(m["es"])
            )
            out.append(found)
            if m["we"]:
                weekends.append(found)
    # ("le week-end dernier, … dimanche": the weekend's Sunday, named, is the day)
    for w in weekends:
        if any(d is not w and d.day in (w.day, w.day + timedelta(days=1)) for d in out):
            out.remove(w)
    return out


@dataclass(frozen=True)
class ClockExpr:
    """A wall-clock time in a text, converted to Paris time when the text gives another zone."""

    start: int
    end: int
    hour: int
    minute: int
    zone: ZoneInfo | None = None  # set when the time is not Paris time


# What comes right before a number that makes it a time of day, not a duration: "il était un peu plus de 18 h", "il
# était un peu plus de dix heures", "depuis environ 02 h 20 GMT", "vers environ 9 h" (read by find_clocks and
# find_duration)
_TIME_OF_DAY = re.compile(
    r"\bil (?:etait|est) (?:un peu |tout juste |deja )?(?:plus de |pres de |environ )?$|"
    r"\b(?:depuis|vers|des|a partir de|jusqu'a) environ\s*$|\ba partir d'environ\s*$"
)


def find_clocks(folded: str, raw: str | None = None, local: ZoneInfo | None = None) -> list[ClockExpr]:
    """Clock times ("vers 21 h", "dès 14 h 35", "0 h 16"), skipping durations ("pendant 3 heures").

    `raw` is the unfolded text (same offsets): it tells a capitalised zone abbreviation ("ET") from a word.
    `local`: the zone "heure locale" means (a foreign dispatch's dateline city), if known.
    """
    out: list[ClockExpr] = []
    for m in _CLOCK_RX.finditer(folded):
        before = folded[max(0, m.start() - 22) : m.start()]
        if re.search(
            r"(pendant|durant|plus de|pres de|environ|moins de|au moins|quelque|depuis plus de|"
            r"\d|une|deux|trois|quatre|cinq|six|dix|quinze|vingt)\s*$",
            before,
        ) and not (
            _TIME_OF_DAY.search(before)
            or (_ZONE_RX.match(folded, m.end()) and re.search(r"\bun peu plus de $", before))
        ):
            continue
        after = folded[m.end() : m.end() + 40]
        zone = _zone(_ZONE_RX.match(folded, m.end()), raw, local)
        if re.match(r"\s*(du matin|du soir)", after) and m["h"] and int(m["h"]) < 12 and "soir" in after[:10]:
            out.append(ClockExpr(m.start(), m.end(), int(m["h"]) + 12, int(m["m"] or m["m2"] or 0), zone))
            continue
        if " heures" in m.group(0) or " heure" in m.group(0):
            # "19 heures" is a clock time only after a preposition, or as the French side of a converted time
            # ("…, soit 17 heures à Paris"); "trois heures" never reaches here.
            if not re.search(
                r"(vers|a|des|depuis|aux alentours de|autour de|apres|avant|jusqu'a|de|entre|et|"
                rf"(?:{_WD}|hier|aujourd'hui)(?: (?:matin|soir|apres-midi))?,?)\s*$",
                before,
            ) and not (before.endswith("soit ") and _PARIS_RX.match(after)):
                continue
        out.append(ClockExpr(m.start(), m.end(), int(m["h"]), int(m["m"] or m["m2"] or 0), zone))
    # "vers midi", "depuis minuit", "jeudi midi", "hier minuit": midi and minuit as clock times; "Midi Libre", "le
    # Midi" (the south of France) and "midi-pyrénées" are places.
    for m in _MIDI_RX.finditer(folded):
        zone = _zone(_ZONE_RX.match(folded, m.end()), raw, local)  # "vers midi, heure de la côte Est"
        # "midi et demi", "minuit et quart", "minuit seize"
        minute = (30 if m["q"].startswith("dem") else 15) if m["x"] else _SPELLED[m["w"]] if m["w"] else 0
        out.append(ClockExpr(m.start(1), m.end(), 0 if m.group(1) == "minuit" else 12, minute, zone))
    out.sort(key=lambda c: c.start)
    # "2 h 45 du matin, heure de l'Est, soit 8 h 45 en France": keep the converted (French) time only, and the
    # French one of "19 h 51 à Paris (10 h 51 en Californie)" too.
    kept: list[ClockExpr] = []
    for c in out:
        # (not a time given in Paris first: "vers 18 h 20 à Paris, soit un peu après midi à New York")
        if (
            not _PARIS_RX.match(folded, c.end)
            and any(
                o.start > c.end
                and o.start - c.end < 90  # (the zone, "sur la côte ouest américaine", lies between)
                and re.search(
                    r"\b(?:soit|ce qui correspond a|c'est-a-dire|autrement dit)\b", folded[c.end : o.start]
                )
                for o in out
            )
        ):
            continue
        if c.zone is not None and any(
            o.zone is None and abs(o.start - c.start) < 70 and _PARIS_RX.match(folded, o.end) for o in out
        ):
            continue
        kept.append(c)
    return _share_zones(_zone_ahead(kept, folded, raw, local), folded)


# "En heure californienne, le document fait commencer l'incident à 15 h 16": a zone said before the clock times of
# its sentence
_ZONE_AHEAD = re.compile(r"\b(?:en |a l')heure\b")
_SENTENCE_END = re.compile(r"[.;!?]")


def _zone_ahead(
    clocks: list[ClockExpr], folded: str, raw: str | None, local: ZoneInfo | None
) -> list[ClockExpr]:
    """Clock times without a zone of their own, after a zone named ahead in the same sentence ("En heure
    californienne, … à 15 h 16 … et le termine à 19 h 38"), are in that zone (no Paris time named between)."""
    if not any(c.zone is None for c in clocks) or "heure" not in folded:
        return clocks
    out = list(clocks)
    for m in _ZONE_AHEAD.finditer(folded):
        zm = _ZONE_RX.match(folded, m.end() - len("heure"))  # (from "heure": "heure californienne")
        if zm is None or zm.end() <= m.end() or (zone := _zone(zm, raw, local)) is None:
            continue
        for i, c in enumerate(out):
            if (
                c.start > zm.end()
                and c.zone is None
                and not _SENTENCE_END.search(folded, zm.end(), c.start)
                and not _PARIS_RX.match(folded, c.end)
            ):
                out[i] = replace(c, zone=zone)
    return out


# "de 17:34 à 18:52 UTC", "entre 0 h 16 et 4 h 38 GMT", "17:34–18:52 UTC": the zone after a range's end is its start's
_RANGE_GAP = re.compile(r"\s*(?:a|et|-|–|—)\s*")
# "à 1 h 34, heure de Singapour, et se sont prolongées jusqu'à 2 h 52": an end in the start's zone
_UNTIL_GAP = re.compile(
    r"(?:(?!\bsoit\b|\bparis\b|\bfrance\b|\bfrancaise\b)[^.;]){0,80}\bjusqu'(?:a|aux environs de)\s*"
)


def _share_zones(clocks: list[ClockExpr], folded: str) -> list[ClockExpr]:
    """A range's two ends in one zone: the zone written once after the pair applies to both, and an end "jusqu'à"
    a time right after a zoned start is in that zone (no Paris time named between)."""
    out = list(clocks)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.zone is None and b.zone is not None and _RANGE_GAP.fullmatch(folded, a.end, b.start):
            out[i] = replace(a, zone=b.zone)
        elif (
            a.zone is not None
            and b.zone is None
            and _UNTIL_GAP.fullmatch(folded, a.end, b.start)
            and not _ZONE_RX.match(folded, b.end)  # "jusqu'à 16 h, heure de Paris": its own zone
        ):
            out[i + 1] = replace(b, zone=a.zone)
    return out


def at(day: date, clock: ClockExpr) -> datetime:
    """The Paris datetime of a clock time on a day (converting from the clock's own zone)."""
    if clock.zone is None:
        return datetime(day.year, day.month, day.day, clock.hour, clock.minute, tzinfo=PARIS)
    local = datetime(day.year, day.month, day.day, clock.hour, clock.minute, tzinfo=clock.zone)
    return local.astimezone(PARIS)


_VAGUE = frozenset({"quelques", "plusieurs"})


def find_duration(folded: str) -> int | None:
    """Minutes of the first duration expression ("plus de dix heures"); a vague one ("pendant plusieurs minutes",
    counted as three) only when no later one gives a number ("… un correctif environ huit minutes après")."""
    # "il était un peu plus de dix heures": a time of day, not a duration
    found = [
        x
        for x in _DURATION_RX.finditer(folded)
        if not (x["n"] and _TIME_OF_DAY.search(folded, max(0, x.start("n") - 40), x.start("n")))
    ]
    if not found:
        return None
    m = next((x for x in found if x["n"] not in _VAGUE), found[0])
    if m["demi"]:
        return 30
    n = m["n"]
    value = int(n) if n.isdigit() else _NUM[n]
    minutes = value * 60 if m["u"].startswith("h") else value
    if m["half"]:
        minutes += 30
    return minutes
