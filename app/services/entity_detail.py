"""The company or product page: outages and known downtime per year, its incidents, its latest articles."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, bindparam, func, select
from sqlalchemy.orm import Session

from app.models import Article, ArticleEntity, Entity, Incident, IncidentEntity
from app.schemas import EntityDetail, EntityYear, Ref
from app.services.articles import ITEM_COLUMNS, article_items, recent_links
from app.services.entities import expand_company
from app.services.incident_list import INCIDENT_COLUMNS, incident_items
from app.services.press_lead import entity_leads
from app.services.timeline import group_by_month

LATEST_ARTICLES = 10
LATEST_WINDOW = 50  # the latest articles are the newest by date among this many most recently stored
ENTITY_INCIDENTS = 30

# Statements built once, on the tables' columns (building them took a fifth of the page's CPU).
_A, _AE, _E, _I, _IE = (m.__table__.c for m in (Article, ArticleEntity, Entity, Incident, IncidentEntity))
_COMPANY = select(_E.slug, _E.name).where(_E.id == bindparam("id"))
# Only the products we have something about: a link to an empty page helps nobody.
# (EXISTS per product: a union of every linked entity id read all the links.)
_PRODUCTS = (
    select(_E.slug, _E.name)
    .where(
        _E.company_id == bindparam("id"),
        select(_AE.article_id).where(_AE.entity_id == _E.id).exists()
        | select(_IE.incident_id).where(_IE.entity_id == _E.id).exists(),
    )
    .order_by(_E.name)
)
_IN_ENTITY = select(_IE.incident_id).where(_IE.entity_id == bindparam("id"))
_YEAR = func.extract("year", _I.date)
_PER_YEAR = (
    select(_YEAR, func.count(), func.sum(_I.duration_minutes), func.count(_I.duration_minutes))
    .where(_I.id.in_(_IN_ENTITY))
    .group_by(_YEAR)
    .order_by(_YEAR.desc())
)
_INCIDENTS = (
    select(*INCIDENT_COLUMNS)
    .where(_I.id.in_(_IN_ENTITY))
    .order_by(_I.date.desc(), _I.id.desc())  # newest first (incident_list.newest_first)
    .limit(ENTITY_INCIDENTS)
)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_ARTICLE_COUNT = select(func.count(func.distinct(_AE.article_id))).where(_AE.entity_id.in_(_IDS))
_LATEST = (
    select(*ITEM_COLUMNS)
    .where(_A.id.in_(_IDS), _A.is_ai.is_(True))
    .order_by(_A.published_at.desc(), _A.id.desc())
    .limit(LATEST_ARTICLES)
)


def find_entity(session: Session, slug: str, kind: str | None = None) -> Entity | None:
    """The entity of a slug; the company wins when a company and a product share it."""
    rows = {e.kind: e for e in session.scalars(select(Entity).where(Entity.slug == slug))}
    if kind in rows:
        return rows[kind]
    return rows.get("company") or rows.get("product")


def entity_detail(session: Session, entity: Entity) -> EntityDetail:
    """Outages per year with known downtime, the entity's incidents and its latest articles."""
    company: Any = session.execute(_COMPANY, {"id": entity.company_id}).first() if entity.company_id else None
    products: list[Ref] = []
    if entity.kind == "company":
        products = [Ref(slug=slug, name=name) for slug, name in session.execute(_PRODUCTS, {"id": entity.id})]
    per_year = [
        EntityYear(year=int(y), incidents=int(n), downtime_minutes=int(total or 0), with_duration=int(known))
        for y, n, total, known in session.execute(_PER_YEAR, {"id": entity.id})
    ]
    incidents = incident_items(session, session.execute(_INCIDENTS, {"id": entity.id}).all())
    eids = expand_company(session, entity.slug) if entity.kind == "company" else [entity.id]
    # From the links alone (index on entity_id, article_id): every stored article is AI news (ingest deletes
    # one that no longer is), and reading the article rows, which hold the full text, for the tens of thousands
    # of articles of a popular entity cost most of this page.
    n_articles = session.scalar(_ARTICLE_COUNT, {"ids": eids}) or 0
    recent = sorted(set(recent_links(session, eids, LATEST_WINDOW)), reverse=True)[:LATEST_WINDOW]
    latest = session.execute(_LATEST, {"ids": recent}).all() if recent else []
    own_products = [p.slug for p in products] if entity.kind == "company" else [entity.slug]
    company_name = entity.name if entity.kind == "company" else (company.name if company else None)
    return EntityDetail(
        slug=entity.slug,
        name=entity.name,
        kind=entity.kind,
        company=Ref(slug=company.slug, name=company.name) if company else None,
        products=products,
        incident_count=sum(y.incidents for y in per_year),
        downtime_minutes=sum(y.downtime_minutes for y in per_year),
        per_year=per_year,
        incidents=incidents,
        months=group_by_month(incidents),
        article_count=n_articles,
        latest_articles=article_items(session, latest),
        press_lead=entity_leads(session, entity, own_products, company_name),
    )
