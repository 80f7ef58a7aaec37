"""Incidents: grouping outage articles into one entry per real-world event, and listing them."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.analysis import OutageReport
from app.analysis.entities import gazetteer
from app.models import Article, Entity, Incident, IncidentEntity
from app.services.entities import entity_ids

GROUP_WINDOW = timedelta(days=1)
_KIND_TITLE = {
    "outage": "Panne de {names}",
    "degradation": "Perturbations sur {names}",
    "restriction": "{names} : accès restreint",
}


def _names(slugs: list[str]) -> str:
    g = gazetteer()
    names = []
    for s in slugs:
        ent = g.entities.get(f"product:{s}") or g.entities.get(f"company:{s}")
        names.append(ent.name if ent else s)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def incident_title(kind: str, services: list[str]) -> str:
    """A French title such as "Panne de ChatGPT" or "Sora : accès restreint"."""
    return _KIND_TITLE.get(kind, "Incident sur {names}").format(names=_names(services[:4]) or "un service d'IA")


def _services_of(session: Session, incident_id: int) -> set[str]:
    rows = session.scalars(select(Article.outage_services).where(Article.incident_id == incident_id)).all()
    return {s for row in rows for s in (row or [])}


def attach_article(session: Session, article: Article, report: OutageReport) -> Incident:
    """Join the incident of the same services within a day, or open a new one. Flushes."""
    lo, hi = report.day - GROUP_WINDOW, report.day + GROUP_WINDOW
    candidates = session.scalars(
        select(Incident).where(Incident.date.between(lo, hi), Incident.origin == "press").order_by(Incident.id)
    ).all()
    wanted = set(report.services)
    best: Incident | None = None
    best_key: tuple[int, int, int] | None = None
    for inc in candidates:
        shared = wanted & _services_of(session, inc.id)
        if not shared:
            continue
        same_kind = 0 if (inc.kind == "restriction") == (report.kind == "restriction") else 1
        key = (same_kind, abs((inc.date - report.day).days), inc.id)
        if best_key is None or key < best_key:
            best, best_key = inc, key
    now = datetime.now(UTC)
    if best is None:
        best = Incident(date=report.day, kind=report.kind, title="", created_at=now, updated_at=now)
        session.add(best)
        session.flush()
    article.incident_id = best.id
    session.flush()
    refresh_incident(session, best)
    return best


def detach_article(session: Session, article: Article) -> None:
    """Take an article out of its incident; an incident left without articles goes away."""
    inc_id = article.incident_id
    if inc_id is None:
        return
    article.incident_id = None
    session.flush()
    inc = session.get(Incident, inc_id)
    if inc is None:
        return
    left = session.scalar(select(func.count()).where(Article.incident_id == inc_id))
    if not left and inc.origin == "press":
        session.delete(inc)
        session.flush()
    else:
        refresh_incident(session, inc)


def refresh_incident(session: Session, inc: Incident) -> None:
    """Recompute date, kind, times, title and entities from the incident's articles."""
    arts = session.scalars(select(Article).where(Article.incident_id == inc.id).order_by(Article.published_at)).all()
    if not arts:
        return
    days = Counter(a.outage_date for a in arts if a.outage_date)
    if days:
        top = max(days.values())
        inc.date = min(d for d, c in days.items() if c == top)
    kinds = Counter(a.outage_kind for a in arts if a.outage_kind)
    order = {"outage": 0, "degradation": 1, "restriction": 2}
    inc.kind = sorted(kinds, key=lambda k: (-kinds[k], order.get(k, 9)))[0] if kinds else inc.kind
    starts = [a.outage_start for a in arts if a.outage_start]
    inc.started_at = min(starts) if starts else None
    ends = [a.outage_end for a in arts if a.outage_end]
    inc.ended_at = max(ends) if ends else None
    durations = [a.outage_duration_minutes for a in arts if a.outage_duration_minutes]
    inc.duration_minutes = max(durations) if durations else None
    services: Counter[str] = Counter(s for a in arts for s in (a.outage_services or []))
    ranked = [s for s, _ in sorted(services.items(), key=lambda kv: (-kv[1], kv[0]))]
    inc.title = incident_title(inc.kind, ranked)[:300]
    inc.updated_at = datetime.now(UTC)
    _link_entities(session, inc, ranked)
    session.flush()


def _link_entities(session: Session, inc: Incident, services: list[str]) -> None:
    g = gazetteer()
    ids = entity_ids(session)
    wanted: set[int] = set()
    for s in services:
        if ("product", s) in ids:
            wanted.add(ids[("product", s)])
            company = g.company_of(s)
            if company:
                wanted.add(ids[("company", company.slug)])
        elif ("company", s) in ids:
            wanted.add(ids[("company", s)])
    session.execute(delete(IncidentEntity).where(IncidentEntity.incident_id == inc.id))
    session.add_all(IncidentEntity(incident_id=inc.id, entity_id=e) for e in sorted(wanted))


def list_incidents(
    session: Session, *, company: str | None = None, product: str | None = None, kind: str | None = None,
    since: date | None = None, until: date | None = None, limit: int | None = None,
) -> list[dict]:
    """Incidents newest first, each with its entities and articles (three queries, no N+1)."""
    q = select(Incident)
    ids = entity_ids(session)
    for k, slug in (("company", company), ("product", product)):
        if slug:
            eid = ids.get((k, slug), -1)
            q = q.where(Incident.id.in_(select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == eid)))
    if kind:
        q = q.where(Incident.kind == kind)
    if since:
        q = q.where(Incident.date >= since)
    if until:
        q = q.where(Incident.date <= until)
    q = q.order_by(Incident.date.desc(), Incident.id.desc())
    if limit:
        q = q.limit(limit)
    incidents = session.scalars(q).all()
    return serialize_incidents(session, list(incidents))


def _utc_iso(value: datetime | None) -> str | None:
    # official times are stored in UTC (SQLite hands them back without an offset)
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def serialize_incidents(session: Session, incidents: list[Incident]) -> list[dict]:
    """Incidents as the API shape, loading entities and articles in bulk."""
    from app.models import OfficialIncident, Source

    inc_ids = [i.id for i in incidents]
    ents: dict[int, dict[str, list[dict]]] = {i: {"companies": [], "products": []} for i in inc_ids}
    arts: dict[int, list[dict]] = {i: [] for i in inc_ids}
    official: dict[int, list[dict]] = {i: [] for i in inc_ids}
    if inc_ids:
        for o in session.scalars(
            select(OfficialIncident).where(OfficialIncident.incident_id.in_(inc_ids)).order_by(OfficialIncident.started_at)
        ):
            official.setdefault(o.incident_id or 0, []).append({
                "provider": o.provider, "title": o.title, "url": o.url, "impact": o.impact, "updates": o.updates,
                "started_at": _utc_iso(o.started_at), "resolved_at": _utc_iso(o.resolved_at),
            })
        for iid, e in session.execute(
            select(IncidentEntity.incident_id, Entity).join(Entity).where(IncidentEntity.incident_id.in_(inc_ids))
            .order_by(Entity.name)
        ):
            ents[iid]["companies" if e.kind == "company" else "products"].append({"slug": e.slug, "name": e.name})
        for a, src in session.execute(
            select(Article, Source).join(Source).where(Article.incident_id.in_(inc_ids)).order_by(Article.published_at)
        ):
            arts[a.incident_id].append({
                "id": a.id, "url": a.url, "title": a.title, "source": {"slug": src.slug, "name": src.name},
                "published_at": a.published_at.isoformat() if a.published_at else None,
            })
    return [
        {
            "id": i.id, "date": i.date.isoformat(), "kind": i.kind, "title": i.title,
            "started_at": i.started_at.isoformat() if i.started_at else None,
            "ended_at": i.ended_at.isoformat() if i.ended_at else None,
            "duration_minutes": i.duration_minutes, "origin": i.origin,
            "companies": ents[i.id]["companies"], "products": ents[i.id]["products"], "articles": arts[i.id],
            "official": official[i.id],
        }
        for i in incidents
    ]
