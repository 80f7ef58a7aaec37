"""The outage timeline: filtered incidents, one page of them grouped by month, and the per-month chart data."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from app.models import Entity, Incident, IncidentEntity
from app.services.entities import entity_ids
from app.services.incidents import serialize_incidents

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


def incident_conditions(session: Session, f: TimelineFilter) -> list[ColumnElement[bool]]:
    """WHERE conditions on Incident for the filter (applied directly: no IN over a subquery of ids)."""
    conds: list[ColumnElement[bool]] = []
    ids = entity_ids(session)
    for kind, slug in (("company", f.company), ("product", f.product)):
        if slug:
            eid = ids.get((kind, slug), -1)
            conds.append(Incident.id.in_(select(IncidentEntity.incident_id).where(IncidentEntity.entity_id == eid)))
    if f.kind:
        conds.append(Incident.kind == f.kind)
    if f.year:
        conds.append(Incident.date.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    return conds


def group_by_month(items: list[dict]) -> list[tuple[str, list[dict]]]:
    """[("2025-04", [incident, ...]), ...] keeping the order of `items`."""
    months: OrderedDict[str, list[dict]] = OrderedDict()
    for inc in items:
        months.setdefault(inc["date"][:7], []).append(inc)
    return list(months.items())


def timeline(session: Session, f: TimelineFilter, choices: Callable[[], dict] | None = None) -> dict:
    """One page of incidents (newest first), grouped by month, plus chart data and filter choices.

    `choices` may supply the filter choices from a cache (they do not depend on the filter)."""
    conds = incident_conditions(session, f)
    total = session.scalar(select(func.count()).select_from(Incident).where(*conds)) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, f.page), pages)
    rows = session.scalars(
        select(Incident).where(*conds).order_by(Incident.date.desc(), Incident.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    items = serialize_incidents(session, list(rows))
    return {
        "filters": f.params(), "total": total, "page": page, "pages": pages, "per_page": PER_PAGE,
        "items": items, "months": group_by_month(items), "chart": chart_data(session, conds),
        "choices": choices() if choices else filter_choices(session),
    }


def chart_data(session: Session, conds: list[ColumnElement[bool]]) -> dict:
    """Incidents per month per company over the filtered incidents (most recent CHART_MONTHS months)."""
    # Months as text ("2025-04"): substr() of the ISO day works the same on SQLite and PostgreSQL, and
    # grouping on it stays in the database (strftime/extract differ between the two).
    month = func.substr(cast(Incident.date, String), 1, 7)
    per_month = {(int(m[:4]), int(m[5:7])): int(n) for m, n in session.execute(
        select(month, func.count()).where(*conds).group_by(month))}
    if not per_month:
        return {"months": [], "series": [], "incidents": [], "total": 0}
    names: dict[str, str] = {}
    cells: dict[tuple[str, tuple[int, int]], int] = {}
    for m, slug, name, n in session.execute(
        select(month, Entity.slug, Entity.name, func.count())
        .join(IncidentEntity, IncidentEntity.incident_id == Incident.id)
        .join(Entity, Entity.id == IncidentEntity.entity_id)
        .where(*conds, Entity.kind == "company")
        .group_by(month, Entity.slug, Entity.name)
    ):
        names[slug] = name
        cells[(slug, (int(m[:4]), int(m[5:7])))] = int(n)
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
