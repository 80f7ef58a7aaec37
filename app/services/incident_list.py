"""Reading incidents: the one incident filter, the incident shapes, lists and the incident page.

The write side (grouping articles into incidents) is app/services/incidents.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, select
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


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


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


# Statements are built once, on the tables' columns (ORM attributes cost a third more per execution).
_A, _IE, _E, _S, _I = (m.__table__.c for m in (Article, IncidentEntity, Entity, Source, Incident))
# The columns of an incident its shapes show (IncidentItem): incident_items reads them by attribute, from an
# ORM Incident or a Core row of these.
INCIDENT_COLUMNS = (
    _I.id,
    _I.date,
    _I.date_precision,
    _I.kind,
    _I.title,
    _I.started_at,
    _I.ended_at,
    _I.duration_minutes,
    _I.origin,
    _I.updated_at,
)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_OFFICIAL = (
    select(OfficialIncident)
    .where(OfficialIncident.incident_id.in_(_IDS))
    .order_by(OfficialIncident.started_at)
)
_ENTITY_REFS = (
    select(_IE.incident_id, _E.kind, _E.slug, _E.name)
    .join(Entity.__table__)
    .where(_IE.incident_id.in_(_IDS))
    .order_by(_E.name)
)
_ARTICLE_COLUMNS = (
    _A.incident_id,
    _A.id,
    _A.url,
    _A.title,
    _S.slug,
    _S.name,
    _A.published_at,
    _A.date_precision,
)
_ARTICLES = (
    select(*_ARTICLE_COLUMNS)
    .join(Source.__table__)
    .where(_A.incident_id.in_(_IDS))
    .order_by(_A.published_at, _A.id)
)
# the coverage of one incident (its page): the same, with each article's summary and author
_COVERAGE = (
    select(*_ARTICLE_COLUMNS, _A.summary, _A.author)
    .join(Source.__table__)
    .where(_A.incident_id == bindparam("id"))
    .order_by(_A.published_at, _A.id)
)


_FIND = select(*INCIDENT_COLUMNS).where(_I.id == bindparam("id"))


def find_incident(session: Session, incident_id: int) -> Any:
    """An incident by id, a row of INCIDENT_COLUMNS (None when there is none)."""
    return session.execute(_FIND, {"id": incident_id}).first()


def incident_items(session: Session, incidents: Sequence[Any]) -> list[IncidentItem]:
    """Incidents (ORM objects or rows of INCIDENT_COLUMNS) with their entities, articles and official
    incidents (three queries and one when any is official, no N+1)."""
    inc_ids = [i.id for i in incidents]
    arts: dict[int, list[IncidentArticle]] = {i: [] for i in inc_ids}
    if inc_ids:
        for iid, aid, url, title, slug, name, published_at, precision in session.execute(
            _ARTICLES, {"ids": inc_ids}
        ):
            arts[iid].append(  # type: ignore[index]  # (WHERE incident_id IN ...: never NULL)
                IncidentArticle.model_construct(
                    id=aid,
                    url=url,
                    title=title,
                    source=Ref(slug=slug, name=name),
                    published_at=published_at,
                    date_precision=precision,
                )
            )
    return _items(session, incidents, arts)


def _items(
    session: Session, incidents: Sequence[Any], arts: Mapping[int, Sequence[Any]]
) -> list[IncidentItem]:
    """The incident shapes, their articles given (IncidentItem or IncidentDetail's coverage)."""
    inc_ids = [i.id for i in incidents]
    companies: dict[int, list[Ref]] = {i: [] for i in inc_ids}
    products: dict[int, list[Ref]] = {i: [] for i in inc_ids}
    official: dict[int, list[OfficialItem]] = {i: [] for i in inc_ids}
    if inc_ids:
        for o in session.scalars(_OFFICIAL, {"ids": inc_ids}):
            if o.incident_id is not None:
                official[o.incident_id].append(official_item(o))
        for iid, kind, slug, name in session.execute(_ENTITY_REFS, {"ids": inc_ids}):
            (companies if kind == "company" else products)[iid].append(Ref(slug=slug, name=name))
    return [
        IncidentItem.model_construct(
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
            articles=list(arts[i.id]),
            official=official[i.id],
            updated_at=i.updated_at,
        )
        for i in incidents
    ]


def incident_item(session: Session, incident: Any) -> IncidentItem:
    return incident_items(session, [incident])[0]


def incident_detail(session: Session, incident: Any) -> IncidentDetail:
    """An incident with its coverage in publication order and who reported it first, how long after the start."""
    coverage = [
        CoverageArticle.model_construct(
            id=aid,
            url=url,
            title=title,
            source=Ref(slug=slug, name=name),
            published_at=published_at,
            date_precision=precision,
            summary=summary or "",
            author=author,
        )
        for _, aid, url, title, slug, name, published_at, precision, summary, author in session.execute(
            _COVERAGE, {"id": incident.id}
        )
    ]
    item = _items(session, [incident], {incident.id: coverage})[0]
    dated = sorted((a for a in coverage if a.published_at), key=lambda a: (a.published_at, a.id))
    undated = [a for a in coverage if not a.published_at]
    first = dated[0] if dated else None
    delay = None
    if first and first.published_at and item.started_at:
        minutes = int((first.published_at - item.started_at).total_seconds() // 60)
        delay = minutes if minutes >= 0 else None
    fields = {k: getattr(item, k) for k in IncidentItem.model_fields if k != "articles"}
    lead = (
        leads(first_article_at(session, [incident.id]).get(incident.id), item.official)
        if item.official
        else []
    )
    return IncidentDetail.model_construct(
        **fields,
        articles=dated + undated,
        first_report=first,
        first_report_delay_minutes=delay,
        press_lead=[x.item() for x in lead],
    )
