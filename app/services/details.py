"""Data for the article, incident and company/product pages (each also served as JSON)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analysis.dates import PARIS, iso_paris
from app.models import Article, ArticleEntity, Entity, Incident, IncidentEntity
from app.services.entities import expand_company
from app.services.incidents import serialize_incidents
from app.services.search import serialize_articles
from app.services.timeline import group_by_month

RELATED = 6
LATEST_ARTICLES = 10
ENTITY_INCIDENTS = 30


def _aware(value: datetime | None) -> datetime | None:
    # SQLite returns naive Paris wall time; PostgreSQL returns aware values.
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=PARIS)


def _public(item: dict) -> dict:
    """An article dict as pages show it: the snippet is a search-only field."""
    item.pop("snippet", None)
    return item


def incident_item(session: Session, incident_id: int) -> dict | None:
    """One incident with its entities, articles and official incidents."""
    inc = session.get(Incident, incident_id)
    if inc is None:
        return None
    return serialize_incidents(session, [inc])[0]


def article_detail(session: Session, article_id: int) -> dict | None:
    """An article (summary, never the full text), its incident and related articles."""
    article = session.get(Article, article_id)
    if article is None or not article.is_ai:
        return None
    item = _public(serialize_articles(session, [article])[0])
    item["outage_start"] = iso_paris(article.outage_start)
    item["outage_duration_minutes"] = article.outage_duration_minutes
    item["modified_at"] = iso_paris(article.modified_at)
    item["date_source"] = article.date_source
    incident = incident_item(session, article.incident_id) if article.incident_id else None
    same_incident = [a for a in (incident["articles"] if incident else []) if a["id"] != article_id]
    excluded = {article_id, *(a["id"] for a in same_incident)}
    eids = select(ArticleEntity.entity_id).where(ArticleEntity.article_id == article_id)
    shared = func.count().label("shared")
    rows = session.execute(
        select(ArticleEntity.article_id, shared).join(Article, Article.id == ArticleEntity.article_id)
        .where(ArticleEntity.entity_id.in_(eids), ArticleEntity.article_id.not_in(excluded),
               Article.is_ai.is_(True))
        .group_by(ArticleEntity.article_id, Article.published_at)
        .order_by(shared.desc(), Article.published_at.desc(), ArticleEntity.article_id.desc())
        .limit(RELATED)
    ).all()
    by_id = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_([r[0] for r in rows])))}
    related = [_public(x) for x in serialize_articles(session, [by_id[r[0]] for r in rows if r[0] in by_id])]
    item["incident"] = incident
    item["related"] = {"same_incident": same_incident, "same_entities": related}
    return item


def incident_detail(session: Session, incident_id: int) -> dict | None:
    """An incident with its coverage in time order and who reported it first."""
    item = incident_item(session, incident_id)
    if item is None:
        return None
    extra = {
        aid: (summary, author) for aid, summary, author in session.execute(
            select(Article.id, Article.summary, Article.author).where(Article.incident_id == incident_id)
        )
    }
    for a in item["articles"]:
        a["summary"], a["author"] = extra.get(a["id"], ("", None))
    dated = [a for a in item["articles"] if a["published_at"]]
    undated = [a for a in item["articles"] if not a["published_at"]]
    dated.sort(key=lambda a: (_aware(datetime.fromisoformat(a["published_at"])), a["id"]))
    item["articles"] = dated + undated
    first = dated[0] if dated else None
    item["first_report"] = first
    item["first_report_delay_minutes"] = None
    start = _aware(datetime.fromisoformat(item["started_at"])) if item["started_at"] else None
    published = _aware(datetime.fromisoformat(first["published_at"])) if first else None
    if published and start:
        delay = (published - start).total_seconds() // 60
        item["first_report_delay_minutes"] = int(delay) if delay >= 0 else None
    return item


def find_entity(session: Session, slug: str, kind: str | None = None) -> Entity | None:
    """The entity of a slug; the company wins when a company and a product share it."""
    rows = {e.kind: e for e in session.scalars(select(Entity).where(Entity.slug == slug))}
    if kind in rows:
        return rows[kind]
    return rows.get("company") or rows.get("product")


def entity_detail(session: Session, entity: Entity) -> dict:
    """Outages per year with known downtime, the entity's incidents and its latest articles."""
    company = session.get(Entity, entity.company_id) if entity.company_id else None
    products = []
    if entity.kind == "company":
        # Only the products we have something about: a link to an empty page helps nobody.
        active = select(ArticleEntity.entity_id).union(select(IncidentEntity.entity_id))
        products = [{"slug": p.slug, "name": p.name} for p in session.scalars(
            select(Entity).where(Entity.company_id == entity.id, Entity.id.in_(active)).order_by(Entity.name))]
    in_entity = select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == entity.id)
    year = func.extract("year", Incident.date)
    per_year = [
        {"year": int(y), "incidents": int(n), "downtime_minutes": int(total or 0), "with_duration": int(known)}
        for y, n, total, known in session.execute(
            select(year, func.count(), func.sum(Incident.duration_minutes), func.count(Incident.duration_minutes))
            .where(Incident.id.in_(in_entity)).group_by(year).order_by(year.desc())
        )
    ]
    incidents = serialize_incidents(session, list(session.scalars(
        select(Incident).where(Incident.id.in_(in_entity)).order_by(Incident.date.desc(), Incident.id.desc())
        .limit(ENTITY_INCIDENTS))))
    eids = expand_company(session, entity.slug) if entity.kind == "company" else [entity.id]
    in_articles = select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(eids))
    n_articles = session.scalar(
        select(func.count()).select_from(Article).where(Article.id.in_(in_articles), Article.is_ai.is_(True))) or 0
    latest = session.scalars(
        select(Article).where(Article.id.in_(in_articles), Article.is_ai.is_(True))
        .order_by(Article.published_at.desc(), Article.id.desc()).limit(LATEST_ARTICLES)
    ).all()
    return {
        "slug": entity.slug, "name": entity.name, "kind": entity.kind,
        "company": {"slug": company.slug, "name": company.name} if company else None,
        "products": products,
        "incident_count": sum(y["incidents"] for y in per_year),
        "downtime_minutes": sum(y["downtime_minutes"] for y in per_year),
        "per_year": per_year, "incidents": incidents, "months": group_by_month(incidents),
        "article_count": n_articles, "latest_articles": [_public(a) for a in serialize_articles(session, list(latest))],
    }
