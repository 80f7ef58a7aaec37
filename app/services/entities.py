"""Entities in the database: synced from the gazetteer, listed with their counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.analysis.entities import gazetteer
from app.models import Article, ArticleEntity, Entity, IncidentEntity
from app.schemas import CompanyCount, EntityList, ProductCount


def sync_entities(session: Session) -> None:
    """Insert or rename gazetteer entities so that every slug the analysis emits has a row."""
    g = gazetteer()
    rows = {(e.kind, e.slug): e for e in session.scalars(select(Entity))}
    for kind in ("company", "product"):
        for d in g.entities.values():
            if d.kind != kind:
                continue
            row = rows.get((kind, d.slug))
            if row is None:
                row = Entity(slug=d.slug, name=d.name, kind=kind)
                session.add(row)
                rows[(kind, d.slug)] = row
            else:
                row.name = d.name
    session.flush()
    for d in g.entities.values():
        if d.kind == "product" and d.company:
            rows[("product", d.slug)].company_id = rows[("company", d.company)].id
    session.flush()
    session.info.pop("entity_ids", None)


def entity_ids(session: Session) -> dict[tuple[str, str], int]:
    """(kind, slug) -> id, cached on the session; syncs the gazetteer when rows are missing."""
    ids: dict[tuple[str, str], int] | None = session.info.get("entity_ids")
    if ids is None:
        ids = {(k, s): i for i, k, s in session.execute(select(Entity.id, Entity.kind, Entity.slug))}
        if len(ids) < len(gazetteer().entities):
            sync_entities(session)
            ids = {(k, s): i for i, k, s in session.execute(select(Entity.id, Entity.kind, Entity.slug))}
        session.info["entity_ids"] = ids
    return ids


@dataclass(frozen=True)
class EntityCounts:
    """How many AI articles name an entity, and how many incidents hit it."""

    articles: int = 0
    incidents: int = 0


def entity_counts(session: Session, *, with_articles: bool = True) -> dict[int, EntityCounts]:
    """Entity id -> its counts, for every entity with at least one article or incident (two grouped queries).

    The one place these counts are made: the entity list, the search page's choices and the timeline's filter
    choices all read them. The timeline needs only the incident counts: `with_articles=False` skips the article
    count, which joins every article link (about 20 ms at 10,000 articles) and leaves `articles` at 0."""
    articles: dict[int, int] = {}
    if with_articles:
        # IN (ids of AI articles) rather than a join: the join reads each linked article's row (its full
        # text inline) once per link, the list is read once (about 4x less CPU at 100,000 articles).
        ai = select(Article.id).where(Article.is_ai.is_(True))
        articles = dict(
            session.execute(
                select(ArticleEntity.entity_id, func.count())
                .where(ArticleEntity.article_id.in_(ai))
                .group_by(ArticleEntity.entity_id)
            ).all()
        )
    incidents = dict(
        session.execute(
            select(IncidentEntity.entity_id, func.count()).group_by(IncidentEntity.entity_id)
        ).all()
    )
    return {
        eid: EntityCounts(articles.get(eid, 0), incidents.get(eid, 0))
        for eid in articles.keys() | incidents.keys()
    }


ENTITY_LIST = "entity-list"  # the name its list is kept under per state of the data (app.deps.data_memo)


def list_entities(session: Session, counts: dict[int, EntityCounts] | None = None) -> EntityList:
    """Companies and products that have articles or incidents, most cited first."""
    counts = entity_counts(session) if counts is None else counts
    company = aliased(Entity)
    companies: list[CompanyCount] = []
    products: list[ProductCount] = []
    for ent, company_slug in session.execute(
        select(Entity, company.slug)
        .outerjoin(company, Entity.company_id == company.id)
        .where(Entity.id.in_(list(counts)))
    ).all():
        n = counts[ent.id]
        if ent.kind == "product":
            products.append(
                ProductCount(
                    slug=ent.slug,
                    name=ent.name,
                    articles=n.articles,
                    incidents=n.incidents,
                    company=company_slug,
                )
            )
        else:
            companies.append(
                CompanyCount(slug=ent.slug, name=ent.name, articles=n.articles, incidents=n.incidents)
            )
    companies.sort(key=lambda x: (-x.articles, x.slug))
    products.sort(key=lambda x: (-x.articles, x.slug))
    return EntityList(companies=companies, products=products)


def expand_company(session: Session, slug: str) -> list[int]:
    """Entity ids of a company and all its products."""
    ids = entity_ids(session)
    cid = ids.get(("company", slug))
    if cid is None:
        return []
    products = session.scalars(select(Entity.id).where(Entity.company_id == cid)).all()
    return [cid, *products]


def unknown_entity(session: Session, company: str | None = None, product: str | None = None) -> str | None:
    """The French message for a company or product slug we do not know, or None when both are known (or unset)."""
    ids = entity_ids(session)
    if company and ("company", company) not in ids:
        return f"entreprise inconnue : {company}"
    if product and ("product", product) not in ids:
        return f"produit inconnu : {product}"
    return None
