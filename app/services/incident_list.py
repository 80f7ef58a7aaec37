"""Reading incidents: the one incident filter, the incident shapes, lists and the incident page.

The write side (grouping articles into incidents) is app/services/incidents.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app.kinds import IncidentKind
from app.models import Article, Entity, Incident, IncidentEntity, OfficialIncident, Source
from app.schemas import CoverageArticle, IncidentArticle, IncidentDetail, IncidentItem, OfficialItem, Ref
from app.services.entities import entity_ids
from app.services.official import official_item
from app.services.press_lead import first_article_at, leads


@dataclass(frozen=True)
class IncidentFilter:
    """What a reader can narrow incidents to: the timeline, its JSON twin, the feeds and the exports."""

    company: str | None = None
    product: str | None = None
    kind: IncidentKind | None = None
    year: int | None = None
    since: date | None = None
    until: date | None = None

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        """WHERE conditions on Incident (applied directly: no IN over a list of ids)."""
        conds: list[ColumnElement[bool]] = []
        ids = entity_ids(session)
        for kind, slug in (("company", self.company), ("product", self.product)):
            if slug:
                eid = ids.get((kind, slug), -1)
                conds.append(
                    Incident.id.in_(select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == eid))
                )
        if self.kind:
            conds.append(Incident.kind == self.kind)
        if self.year:
            conds.append(Incident.date.between(date(self.year, 1, 1), date(self.year, 12, 31)))
        if self.since:
            conds.append(Incident.date >= self.since)
        if self.until:
            conds.append(Incident.date <= self.until)
        return conds

    def params(self) -> dict[str, str | int]:
        """The filter as query parameters (for links that keep it), unset values left out."""
        values: dict[str, str | int | date | None] = {
            "company": self.company,
            "product": self.product,
            "kind": self.kind,
            "year": self.year,
            "since": self.since,
            "until": self.until,
        }
        return {
            k: v.isoformat() if isinstance(v, date) else v
            for k, v in values.items()
            if v is not None and v != ""
        }

    @property
    def narrowed(self) -> bool:
        return bool(self.params())


_Query = TypeVar("_Query", bound=Select[Any])


def newest_first(query: _Query) -> _Query:
    """Incidents newest first (the day, then the latest created on a day)."""
    return query.order_by(Incident.date.desc(), Incident.id.desc())


def list_incidents(
    session: Session, f: IncidentFilter = IncidentFilter(), limit: int | None = None
) -> list[IncidentItem]:
    """Incidents matching the filter, newest first (for feeds and exports)."""
    q = newest_first(select(Incident).where(*f.conditions(session)))
    if limit:
        q = q.limit(limit)
    return incident_items(session, list(session.scalars(q)))


def incident_items(session: Session, incidents: list[Incident]) -> list[IncidentItem]:
    """Incidents with their entities, articles and official incidents (four queries, no N+1)."""
    inc_ids = [i.id for i in incidents]
    companies: dict[int, list[Ref]] = {i: [] for i in inc_ids}
    products: dict[int, list[Ref]] = {i: [] for i in inc_ids}
    arts: dict[int, list[IncidentArticle]] = {i: [] for i in inc_ids}
    official: dict[int, list[OfficialItem]] = {i: [] for i in inc_ids}
    if inc_ids:
        for o in session.scalars(
            select(OfficialIncident)
            .where(OfficialIncident.incident_id.in_(inc_ids))
            .order_by(OfficialIncident.started_at)
        ):
            if o.incident_id is not None:
                official[o.incident_id].append(official_item(o))
        for iid, e in session.execute(
            select(IncidentEntity.incident_id, Entity)
            .join(Entity)
            .where(IncidentEntity.incident_id.in_(inc_ids))
            .order_by(Entity.name)
        ):
            (companies if e.kind == "company" else products)[iid].append(Ref(slug=e.slug, name=e.name))
        for a, src in session.execute(
            select(Article, Source)
            .join(Source)
            .where(Article.incident_id.in_(inc_ids))
            .order_by(Article.published_at, Article.id)
        ):
            if a.incident_id is not None:
                arts[a.incident_id].append(
                    IncidentArticle(
                        id=a.id,
                        url=a.url,
                        title=a.title,
                        source=Ref(slug=src.slug, name=src.name),
                        published_at=a.published_at,
                        date_precision=a.date_precision,
                    )
                )
    return [
        IncidentItem(
            id=i.id,
            date=i.date,
            date_precision=i.date_precision,
            kind=IncidentKind(i.kind),
            title=i.title,
            started_at=i.started_at,
            ended_at=i.ended_at,
            duration_minutes=i.duration_minutes,
            origin=i.origin,
            companies=companies[i.id],
            products=products[i.id],
            articles=arts[i.id],
            official=official[i.id],
            updated_at=i.updated_at,
        )
        for i in incidents
    ]


def incident_item(session: Session, incident: Incident) -> IncidentItem:
    return incident_items(session, [incident])[0]


def incident_detail(session: Session, incident: Incident) -> IncidentDetail:
    """An incident with its coverage in publication order and who reported it first, how long after the start."""
    item = incident_item(session, incident)
    extra = {
        aid: (summary, author)
        for aid, summary, author in session.execute(
            select(Article.id, Article.summary, Article.author).where(Article.incident_id == incident.id)
        )
    }
    coverage = []
    for a in item.articles:
        summary, author = extra.get(a.id, (None, None))
        coverage.append(CoverageArticle(**dict(a), summary=summary or "", author=author))
    dated = sorted((a for a in coverage if a.published_at), key=lambda a: (a.published_at, a.id))
    undated = [a for a in coverage if not a.published_at]
    first = dated[0] if dated else None
    delay = None
    if first and first.published_at and item.started_at:
        minutes = int((first.published_at - item.started_at).total_seconds() // 60)
        delay = minutes if minutes >= 0 else None
    fields = {k: v for k, v in dict(item).items() if k != "articles"}
    lead = (
        leads(first_article_at(session, [incident.id]).get(incident.id), item.official)
        if item.official
        else []
    )
    return IncidentDetail(
        **fields,
        articles=dated + undated,
        first_report=first,
        first_report_delay_minutes=delay,
        press_lead=[x.item() for x in lead],
    )
