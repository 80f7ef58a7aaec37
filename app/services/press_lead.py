"""How far ahead the press was: the first article of an incident against the official acknowledgement.

The acknowledgement is the first update a provider posted about its incident (its earliest dated update);
without any dated update, the incident's start as the page gives it. The first article is the earliest one
whose page states its publication time (a day found in the URL, or the time we first saw the page, is not a
moment anybody published). One figure per provider, since one event can reach several status pages.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Article, Entity, Incident, IncidentEntity, OfficialIncident
from app.schemas import EntityLeadYear, OfficialItem, PressLeadItem
from app.services.official import official_item
from app.templating import PROVIDERS, duration_fr

# Where a publication moment came from (article.date_source) when the page states a time of day.
TIMED_SOURCES = ("jsonld", "meta", "microdata", "byline", "time")


@dataclass(frozen=True)
class PressLead:
    """The press lead over one provider's status page; `minutes` > 0 when the press came first."""

    provider: str
    first_article_at: datetime
    official_at: datetime
    minutes: int

    @property
    def text(self) -> str:
        """'La presse l'a signalé 34 min avant la page de statut d'OpenAI' (or 'après')."""
        return f"La presse l'a signalé {lead_phrase(self.minutes)} la page de statut {of_provider(self.provider)}"

    def item(self) -> PressLeadItem:
        return PressLeadItem(
            provider=provider_name(self.provider),
            first_article_at=self.first_article_at,
            official_at=self.official_at,
            minutes=self.minutes,
            text=self.text,
        )


def provider_name(provider: str) -> str:
    return PROVIDERS.get(provider.lower(), provider)


def of_fr(name: str) -> str:
    """ "d'OpenAI", "de Google" (French elision before a vowel)."""
    return f"d'{name}" if name[:1].lower() in "aeiouyéèh" else f"de {name}"


def of_provider(provider: str) -> str:
    return of_fr(provider_name(provider))


def lead_phrase(minutes: float) -> str:
    """'34 min avant', '1 h 05 après', 'en même temps que'."""
    m = round(minutes)
    if m == 0:
        return "en même temps que"
    return f"{duration_fr(abs(m))} {'avant' if m > 0 else 'après'}"


def acknowledged_at(official: OfficialItem) -> datetime | None:
    """When the provider acknowledged its incident: its earliest dated update, else its start."""
    dated = [u.at for u in official.updates if u.at is not None]
    return min(dated) if dated else official.started_at


def leads(first_article_at: datetime | None, official: Iterable[OfficialItem]) -> list[PressLead]:
    """One lead per provider (its earliest acknowledgement), earliest acknowledgement first."""
    if first_article_at is None:
        return []
    acks: dict[str, datetime] = {}
    for o in official:
        at = acknowledged_at(o)
        if at is not None and (o.provider not in acks or at < acks[o.provider]):
            acks[o.provider] = at
    out = [
        PressLead(p, first_article_at, at, int((at - first_article_at).total_seconds() / 60))
        for p, at in acks.items()
    ]
    return sorted(out, key=lambda lead: (lead.official_at, lead.provider))


def first_article_at(session: Session, incident_ids: list[int]) -> dict[int, datetime]:
    """The first publication moment a page states, per incident."""
    if not incident_ids:
        return {}
    rows = session.execute(
        select(Article.incident_id, func.min(Article.published_at))
        .where(
            Article.incident_id.in_(incident_ids),
            Article.published_at.is_not(None),
            Article.date_source.in_(TIMED_SOURCES),
        )
        .group_by(Article.incident_id)
    )
    return {iid: _aware(at) for iid, at in rows if iid is not None and at is not None}


def _aware(at: datetime) -> datetime:
    # min() over the column keeps SQLite's naive text on some drivers: the stored values are UTC
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def press_lead(session: Session, incident_id: int) -> list[PressLead]:
    """The press lead of one incident over each status page that reported it (empty without both)."""
    official = [
        official_item(o)
        for o in session.scalars(select(OfficialIncident).where(OfficialIncident.incident_id == incident_id))
    ]
    if not official:
        return []
    return leads(first_article_at(session, [incident_id]).get(incident_id), official)


def entity_leads(
    session: Session, entity: Entity, product_slugs: list[str], company_name: str | None
) -> list[EntityLeadYear]:
    """The median press lead per year over an entity's incidents that have press coverage and an official one.

    Only official incidents about the entity's own products, or published by its company, count (a Cloudflare
    outage reaches several status pages: OpenAI's page says nothing about how early the press was on Claude)."""
    in_entity = select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == entity.id)
    rows = list(session.scalars(select(OfficialIncident).where(OfficialIncident.incident_id.in_(in_entity))))
    wanted = set(product_slugs)
    by_incident: dict[int, list[OfficialItem]] = {}
    for o in rows:
        own = (company_name or "").casefold() == provider_name(o.provider).casefold()
        if o.incident_id is not None and (own or wanted & set(o.products or [])):
            by_incident.setdefault(o.incident_id, []).append(official_item(o))
    firsts = first_article_at(session, list(by_incident))
    days = dict(
        session.execute(select(Incident.id, Incident.date).where(Incident.id.in_(list(firsts)))).all()
    )
    per_year: dict[int, list[int]] = {}
    for iid, first in firsts.items():
        found = leads(first, by_incident[iid])
        if found and iid in days:
            per_year.setdefault(days[iid].year, []).append(found[0].minutes)  # the first acknowledgement
    out = []
    for year in sorted(per_year, reverse=True):
        median = float(statistics.median(per_year[year]))
        out.append(
            EntityLeadYear(
                year=year,
                median_minutes=median,
                incidents=len(per_year[year]),
                text=lead_phrase(median) + " la page de statut",
            )
        )
    return out
