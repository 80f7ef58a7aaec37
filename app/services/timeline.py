"""The outage timeline: filtered incidents, one page of them grouped by month, and the per-month chart data."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.orm import Session

from app.models import Entity, Incident, IncidentEntity
from app.services.entities import entity_ids
from app.services.incidents import serialize_incidents
from app.services.official import with_official

PER_PAGE = 50
KINDS = ("outage", "degradation", "restriction")
CHART_SERIES = 5  # companies drawn on their own; the rest are summed as "Autres"
CHART_MONTHS = 36


@dataclass
class TimelineFilter:
    """What a reader can narrow the timeline to."""

    company: str | None = None
    product: str | None = None
    kind: str | None = None
    year: int | None = None
    page: int = 1

    def params(self) -> dict[str, object]:
        """The filter as query parameters (for links that keep it)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", 1) or (k == "page" and v != 1)}


def filtered_incidents(session: Session, f: TimelineFilter) -> Select:
    """Ids of the incidents the filter keeps."""
    stmt = select(Incident.id)
    ids = entity_ids(session)
    for kind, slug in (("company", f.company), ("product", f.product)):
        if slug:
            eid = ids.get((kind, slug), -1)
            stmt = stmt.where(Incident.id.in_(select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == eid)))
    if f.kind:
        stmt = stmt.where(Incident.kind == f.kind)
    if f.year:
        stmt = stmt.where(Incident.date.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    return stmt


def group_by_month(items: list[dict]) -> list[tuple[str, list[dict]]]:
    """[("2025-04", [incident, ...]), ...] keeping the order of `items`."""
    months: OrderedDict[str, list[dict]] = OrderedDict()
    for inc in items:
        months.setdefault(inc["date"][:7], []).append(inc)
    return list(months.items())


def timeline(session: Session, f: TimelineFilter) -> dict:
    """One page of incidents (newest first), grouped by month, plus chart data and filter choices."""
    ids = filtered_incidents(session, f)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, f.page), pages)
    rows = session.scalars(
        select(Incident).where(Incident.id.in_(ids)).order_by(Incident.date.desc(), Incident.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    items = with_official(session, serialize_incidents(session, list(rows)))
    return {
        "filters": f.params(), "total": total, "page": page, "pages": pages, "per_page": PER_PAGE,
        "items": items, "months": group_by_month(items), "chart": chart_data(session, ids),
        "choices": filter_choices(session),
    }


def chart_data(session: Session, ids: Select) -> dict:
    """Incidents per month per company over the filtered incidents (most recent CHART_MONTHS months)."""
    # Rows aggregated here, with the day read as ISO text ("2025-04-02" on SQLite and PostgreSQL alike):
    # portable, and several times faster than GROUP BY strftime() or building date objects row by row.
    day_text = cast(Incident.date, String)
    per_month: dict[tuple[int, int], int] = {}
    for (day,) in session.execute(select(day_text).where(Incident.id.in_(ids))):
        key = (int(day[:4]), int(day[5:7]))
        per_month[key] = per_month.get(key, 0) + 1
    if not per_month:
        return {"months": [], "series": [], "incidents": [], "total": 0}
    names: dict[str, str] = {}
    cells: dict[tuple[str, tuple[int, int]], int] = {}
    for day, slug, name in session.execute(
        select(day_text, Entity.slug, Entity.name)
        .join(IncidentEntity, IncidentEntity.incident_id == Incident.id)
        .join(Entity, Entity.id == IncidentEntity.entity_id)
        .where(Incident.id.in_(ids), Entity.kind == "company")
    ):
        names[slug] = name
        key = (slug, (int(day[:4]), int(day[5:7])))
        cells[key] = cells.get(key, 0) + 1
    keys = sorted(per_month)
    months = _month_range(keys[0], keys[-1])[-CHART_MONTHS:]
    totals: dict[str, int] = {}
    for (slug, _), n in cells.items():
        totals[slug] = totals.get(slug, 0) + n
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    shown, others = ranked[:CHART_SERIES], ranked[CHART_SERIES:]
    series = [{"slug": s, "name": names[s], "counts": [cells.get((s, m), 0) for m in months]} for s in shown]
    if others:
        series.append({"slug": "", "name": "Autres",
                       "counts": [sum(cells.get((s, m), 0) for s in others) for m in months]})
    incidents_per_month = [per_month.get(m, 0) for m in months]
    return {"months": [f"{y:04d}-{m:02d}" for y, m in months], "series": series,
            "incidents": incidents_per_month, "total": sum(incidents_per_month)}


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def filter_choices(session: Session) -> dict:
    """Companies, products and years that have at least one incident, for the filter form."""
    counts = dict(session.execute(
        select(IncidentEntity.entity_id, func.count()).group_by(IncidentEntity.entity_id)).all())
    ents = session.execute(
        select(Entity.id, Entity.kind, Entity.slug, Entity.name).where(Entity.id.in_(list(counts)))
        .order_by(Entity.name)).all()
    years = sorted({int(d[:4]) for (d,) in session.execute(select(cast(Incident.date, String)).distinct())},
                   reverse=True)
    return {
        "companies": [{"slug": s, "name": n, "count": counts[i]} for i, k, s, n in ents if k == "company"],
        "products": [{"slug": s, "name": n, "count": counts[i]} for i, k, s, n in ents if k == "product"],
        "years": years,
        "kinds": list(KINDS),
    }
