"""Entities in the database: synced from the gazetteer, listed with their counts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.analysis.entities import gazetteer
from app.models import Article, ArticleEntity, Entity, Incident, IncidentEntity


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


def list_entities(session: Session) -> dict[str, list[dict]]:
    """Companies and products that have articles or incidents, with their counts."""
    company = aliased(Entity)
    art_counts = dict(
        session.execute(
            select(ArticleEntity.entity_id, func.count()).join(Article).where(Article.is_ai.is_(True))
            .group_by(ArticleEntity.entity_id)
        ).all()
    )
    inc_counts = dict(
        session.execute(select(IncidentEntity.entity_id, func.count()).join(Incident).group_by(IncidentEntity.entity_id)).all()
    )
    out: dict[str, list[dict]] = {"companies": [], "products": []}
    rows = session.execute(select(Entity, company.slug).outerjoin(company, Entity.company_id == company.id)).all()
    for ent, company_slug in rows:
        a, i = art_counts.get(ent.id, 0), inc_counts.get(ent.id, 0)
        if not a and not i:
            continue
        item = {"slug": ent.slug, "name": ent.name, "articles": a, "incidents": i}
        if ent.kind == "product":
            item["company"] = company_slug
            out["products"].append(item)
        else:
            out["companies"].append(item)
    for key in out:
        out[key].sort(key=lambda x: (-x["articles"], x["slug"]))
    return out


def expand_company(session: Session, slug: str) -> list[int]:
    """Entity ids of a company and all its products."""
    ids = entity_ids(session)
    cid = ids.get(("company", slug))
    if cid is None:
        return []
    products = session.scalars(select(Entity.id).where(Entity.company_id == cid)).all()
    return [cid, *products]
