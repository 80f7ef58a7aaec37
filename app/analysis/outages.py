"""Outage reports: French outage vocabulary tied to an AI service, its kind, and the day it happened."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.analysis import OutageReport
from app.analysis.dates import MONTHS, PARIS, WEEKDAYS, fold, paris_datetime, paris_day
from app.analysis.summary import split_sentences

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document

_OUTAGE = re.compile(
    r"\b(en panne|panne|pannes|hors service|hors ligne|inaccessibles?|indisponibles?|indisponibilite|"
    r"injoignables?|plante|plantage|tombee?s?|coupure|interruption|ne repond plus|ne fonctionne plus|"
    r"ne fonctionnait plus|down|bad gateway|erreur 50[234])\b"
)
_DEGRADATION = re.compile(
    r"\b(ralentissements?|lenteurs?|taux d'erreurs? (?:eleves?|anormal)|erreurs? (?:en hausse|elevees?)|"
    r"degrad\w+|perturbe\w*|perturbations?|instabilites?|instables?|dysfonctionnements?|reponses? degradees?|"
    r"fonctionne mal|ralenti)\b"
)
_RESTRICTION = re.compile(
    r"\b(suspend\w*|desactiv\w*|inscriptions? (?:fermees?|restreintes?|suspendues?|limitees?)|"
    r"ferme\w* aux nouveaux|restreint\w*|limite\w* (?:d'utilisation|quotidiennes?|hebdomadaires?)|quotas?|"
    r"plafonn\w+|mis(?:e)? en pause|met en pause|en pause|bloque\w*|reserve\w* aux abonnes|"
    r"n'accepte plus|gel\w* des inscriptions)\b"
)
_RECOVERY = re.compile(r"\b(de retour|retabli\w*|revenu\w* a la normale|retour a la normale|fonctionne de nouveau)\b")
_PAST = re.compile(r"\b(l'an dernier|l'annee derniere|il y a (?:un|deux|trois|\d+) (?:ans?|mois)|en 20\d\d)\b")


def _kind_of(text: str) -> str | None:
    if _RESTRICTION.search(text):
        return "restriction"
    if _OUTAGE.search(text):
        return "outage"
    if _DEGRADATION.search(text):
        return "degradation"
    return None


def detect_outage(doc: Document, mentions: list[Mention]) -> OutageReport | None:
    """The primary outage reported by the article, or None."""
    title_f = fold(doc.title)
    head_len = len(doc.title) + 1 + len(doc.lead or "") + 1
    body_start = head_len
    title_services = [m for m in mentions if m.start < len(doc.title)]
    title_kind = _kind_of(title_f) if title_services else None
    sentences = split_sentences(doc.text)
    hits: list[tuple[str, str]] = []
    for s in sentences[:12]:
        f = fold(s)
        if _PAST.search(f):
            continue
        k = _kind_of(f)
        if k:
            hits.append((k, s))
    services_in_hits = bool(hits) and any(
        m.entity.kind == "product" or m.entity.kind == "company" for m in mentions if m.start >= body_start
    )
    if not title_kind and not (len(hits) >= 2 and services_in_hits and title_services):
        return None
    kind = title_kind or hits[0][0]
    primary = title_services or [m for m in mentions if m.start >= body_start][:2]
    products = tuple(sorted({m.entity.slug for m in primary if m.entity.kind == "product"}))
    companies = tuple(sorted({m.entity.company or m.entity.slug for m in primary}))
    published = doc.published_at.astimezone(PARIS) if doc.published_at else None
    context = " ".join([doc.title, doc.lead or ""] + [s for _, s in hits[:4]] + sentences[:3])
    day, start = resolve_day(context, published)
    if day is None:
        return None
    return OutageReport(
        kind=kind, day=day, services=products or companies, companies=companies, start=start,
        recovered=bool(_RECOVERY.search(title_f)),
    )


_EXPLICIT = re.compile(r"\b(\d{1,2})(?:er)? (" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?: (\d{4}))?\b")
_WEEKDAY = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")
_CLOCK = re.compile(r"\b(?:vers|des|a|aux alentours de|a partir de|depuis)\s+(\d{1,2}) ?h(?:eures?)? ?(\d{2})?\b")


def resolve_day(text: str, published: datetime | None) -> tuple[date | None, datetime | None]:
    """The day (and start time when given) an outage happened, relative to the publication time."""
    if published is None:
        return None, None
    pub_day = published.date()
    f = fold(text)
    day: date | None = None
    m = _EXPLICIT.search(f)
    if m:
        month = MONTHS[m.group(2)]
        year = int(m.group(3)) if m.group(3) else pub_day.year
        try:
            candidate = date(year, month, int(m.group(1)))
            if not m.group(3) and candidate > pub_day + timedelta(days=1):
                candidate = date(year - 1, month, int(m.group(1)))
            day = candidate
        except ValueError:
            day = None
    if day is None:
        if re.search(r"\b(avant-hier)\b", f):
            day = pub_day - timedelta(days=2)
        elif re.search(r"\b(hier|la veille)\b", f):
            day = pub_day - timedelta(days=1)
        elif re.search(r"\b(ce matin|aujourd'hui|ce midi|cet apres-midi|ce soir|cette nuit|depuis ce)\b", f):
            day = pub_day
        else:
            w = _WEEKDAY.search(f)
            if w:
                back = (pub_day.weekday() - WEEKDAYS[w.group(1)]) % 7
                day = pub_day - timedelta(days=back)
    if day is None:
        day = pub_day
    start = None
    c = _CLOCK.search(f)
    if c and int(c.group(1)) < 24:
        start = paris_datetime(day, int(c.group(1)), int(c.group(2) or 0))
    return day, start


__all__ = ["detect_outage", "resolve_day", "paris_day"]
