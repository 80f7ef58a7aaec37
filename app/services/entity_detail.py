"""The company or product page: outages and known downtime per year, its incidents, its latest articles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Article, ArticleEntity, Entity, Incident, IncidentEntity
from app.schemas import EntityDetail, EntityYear, Ref
from app.services.articles import ITEM_COLUMNS, article_items, recent_links
from app.services.entities import expand_company
from app.services.incident_list import INCIDENT_COLUMNS, incident_items, newest_first
from app.services.press_lead import entity_leads
from app.services.timeline import group_by_month

LATEST_ARTICLES = 10
LATEST_WINDOW = 50  # the latest articles are the newest by date among this many most recently stored
ENTITY_INCIDENTS = 30


def find_entity(session: Session, slug: str, kind: str | None = None) -> Entity | None:
    """The entity of a slug; the company wins when a company and a product share it."""
    rows = {e.kind: e for e in session.scalars(select(Entity).where(Entity.slug == slug))}
    if kind in rows:
        return rows[kind]
    return rows.get("company") or rows.get("product")


def entity_detail(session: Session, entity: Entity) -> EntityDetail:
    """Outages per year with known downtime, the entity's incidents and its latest articles."""
    company = (
        session.execute(select(Entity.slug, Entity.name).where(Entity.id == entity.company_id)).first()
        if entity.company_id
        else None
    )
    products: list[Ref] = []
    if entity.kind == "company":
        # Only the products we have something about: a link to an empty page helps nobody.
        # (EXISTS per product: a union of every linked entity id read all the links.)
        linked = select(ArticleEntity.article_id).where(ArticleEntity.entity_id == Entity.id).exists()
        hit = select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == Entity.id).exists()
        products = [
            Ref(slug=slug, name=name)
            for slug, name in session.execute(
                select(Entity.slug, Entity.name)
                .where(Entity.company_id == entity.id, linked | hit)
                .order_by(Entity.name)
            )
        ]
    in_entity = select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == entity.id)
    year = func.extract("year", Incident.date)
    per_year = [
        EntityYear(year=int(y), incidents=int(n), downtime_minutes=int(total or 0), with_duration=int(known))
        for y, n, total, known in session.execute(
            select(
                year, func.count(), func.sum(Incident.duration_minutes), func.count(Incident.duration_minutes)
            )
            .where(Incident.id.in_(in_entity))
            .group_by(year)
            .order_by(year.desc())
        )
    ]
    incidents = incident_items(
        session,
        session.execute(
            newest_first(select(*INCIDENT_COLUMNS).where(Incident.id.in_(in_entity))).limit(ENTITY_INCIDENTS)
        ).all(),
    )
    eids = expand_company(session, entity.slug) if entity.kind == "company" else [entity.id]
    # From the links alone (index on entity_id, article_id): every stored article is AI news (ingest deletes
    # one that no longer is), and reading the article rows, which hold the full text, for the tens of thousands
    # of articles of a popular entity cost most of this page.
    n_articles = (
        session.scalar(
            select(func.count(func.distinct(ArticleEntity.article_id))).where(
                ArticleEntity.entity_id.in_(eids)
            )
        )
        or 0
    )
    recent = sorted(set(recent_links(session, eids, LATEST_WINDOW)), reverse=True)[:LATEST_WINDOW]
    latest = session.execute(
        select(*ITEM_COLUMNS)
        .where(Article.id.in_(recent), Article.is_ai.is_(True))
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(LATEST_ARTICLES)
    ).all()
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
