"""The outage timeline: filtered incidents, one page of them grouped by month, and the per-month chart data."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from app.kinds import IncidentKind
from app.models import Entity, Incident, IncidentEntity
from app.schemas import Chart, ChartSeries, Choice, IncidentItem, Timeline, TimelineChoices
from app.services.entities import entity_counts
from app.services.incident_list import IncidentFilter, incident_items, newest_first

PER_PAGE = 50
MAX_PER_PAGE = 200
CHART_SERIES = 5  # companies drawn on their own; the rest are summed as "Autres"
CHART_MONTHS = 36


def group_by_month(items: list[IncidentItem]) -> list[tuple[str, list[IncidentItem]]]:
    """[("2025-04", [incident, ...]), ...] keeping the order of `items`."""
    months: OrderedDict[str, list[IncidentItem]] = OrderedDict()
    for inc in items:
        months.setdefault(inc.date.isoformat()[:7], []).append(inc)
    return list(months.items())


def timeline(
    session: Session,
    f: IncidentFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    choices: Callable[[], TimelineChoices] | None = None,
) -> Timeline:
    """One page of incidents (newest first), grouped by month, plus chart data and filter choices.

    `choices` gives the filter choices, from a cache (they do not depend on the filter); without it the result
    has none, which is what the JSON twin wants (it does not show them)."""
    conds = f.conditions(session)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    total = session.scalar(select(func.count()).select_from(Incident).where(*conds)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = session.scalars(
        newest_first(select(Incident).where(*conds)).limit(per_page).offset((page - 1) * per_page)
    ).all()
    items = incident_items(session, list(rows))
    return Timeline(
        filters=f.params(),
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        items=items,
        months=group_by_month(items),
        chart=chart_data(session, conds),
        choices=choices() if choices else None,
    )


def chart_data(session: Session, conds: list[ColumnElement[bool]]) -> Chart:
    """Incidents per month over the filtered incidents (most recent CHART_MONTHS months), stacked by company.

    Each incident counts once, so that a month's stack is as tall as its incident count: the companies are drawn
    in turn, each the one with the most incidents (in the shown months) not counted under one drawn before; the
    incidents no drawn company takes, or that hit no company, are "Autres"."""
    # Months as text ("2025-04"): substr() of the ISO day works the same on SQLite and PostgreSQL, and
    # grouping on it stays in the database (strftime/extract differ between the two).
    month = func.substr(cast(Incident.date, String), 1, 7)
    per_month = {
        (int(m[:4]), int(m[5:7])): int(n)
        for m, n in session.execute(select(month, func.count()).where(*conds).group_by(month))
    }
    if not per_month:
        return Chart()
    keys = sorted(per_month)
    months = _month_range(keys[0], keys[-1])[-CHART_MONTHS:]
    first = f"{months[0][0]:04d}-{months[0][1]:02d}"
    company = (Entity.kind == "company", month >= first)  # an older incident neither ranks nor names one
    names: dict[str, str] = {}
    cells: dict[tuple[str, tuple[int, int]], int] = {}
    for m, slug, name, n in session.execute(
        select(month, Entity.slug, Entity.name, func.count())
        .join(IncidentEntity, IncidentEntity.incident_id == Incident.id)
        .join(Entity, Entity.id == IncidentEntity.entity_id)
        .where(*conds, *company)
        .group_by(month, Entity.slug, Entity.name)
    ):
        names[slug] = name
        cells[(slug, (int(m[:4]), int(m[5:7])))] = int(n)
    involved: dict[str, int] = {}
    for (slug, _), n in cells.items():
        involved[slug] = involved.get(slug, 0) + n
    index = {m: i for i, m in enumerate(months)}
    left = {slug: [0] * len(months) for slug in involved}  # incidents not yet counted under a shown company
    for (slug, m), n in cells.items():
        left[slug][index[m]] = n
    # Incidents that hit two companies or more (few): counted under the first of them to be shown. Their ids are
    # read first, so that the filtered query starts from those few rows rather than from every filtered incident.
    multi_ids = session.scalars(
        select(IncidentEntity.incident_id)
        .join(Entity, Entity.id == IncidentEntity.entity_id)
        .where(Entity.kind == "company")
        .group_by(IncidentEntity.incident_id)
        .having(func.count() > 1)
    ).all()
    shared: dict[int, tuple[int, list[str]]] = {}
    rows = (
        session.execute(
            select(Incident.id, month, Entity.slug)
            .join(IncidentEntity, IncidentEntity.incident_id == Incident.id)
            .join(Entity, Entity.id == IncidentEntity.entity_id)
            .where(Incident.id.in_(multi_ids), *conds, *company)
        )
        if multi_ids
        else ()
    )
    for iid, m, slug in rows:
        shared.setdefault(iid, (index[(int(m[:4]), int(m[5:7]))], []))[1].append(slug)
    # Greedy: the company with the most incidents not yet counted is drawn next, with those incidents; the next
    # one's shared incidents drawn already do not count for it.
    counts: dict[str, list[int]] = {}  # the companies drawn, in order, with the incidents counted under each
    while len(counts) < CHART_SERIES:
        best = min(
            (s for s in left if s not in counts and any(left[s])),
            key=lambda s: (-sum(left[s]), -involved[s], s),
            default=None,
        )
        if best is None:
            break
        counts[best] = list(left[best])
        for iid, (i, slugs) in list(shared.items()):
            if best in slugs:
                for other in slugs:
                    if other != best:
                        left[other][i] -= 1
                del shared[iid]
    incidents_per_month = [per_month.get(m, 0) for m in months]
    others = [n - sum(c[i] for c in counts.values()) for i, n in enumerate(incidents_per_month)]
    series = [ChartSeries(slug=s, name=names[s], counts=c, involved=involved[s]) for s, c in counts.items()]
    if any(others):
        series.append(ChartSeries(slug="", name="Autres", counts=others, involved=sum(others)))
    return Chart(
        months=[f"{y:04d}-{m:02d}" for y, m in months],
        series=series,
        incidents=incidents_per_month,
        total=sum(incidents_per_month),
    )


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def filter_choices(session: Session) -> TimelineChoices:
    """Companies, products and years that have at least one incident, for the filter form."""
    counts = entity_counts(session, with_articles=False)
    hit = [eid for eid, n in counts.items() if n.incidents]
    ents = session.execute(
        select(Entity.id, Entity.kind, Entity.slug, Entity.name)
        .where(Entity.id.in_(hit))
        .order_by(Entity.name)
    ).all()
    years = sorted(
        {int(d[:4]) for d in session.scalars(select(cast(Incident.date, String)).distinct())}, reverse=True
    )
    return TimelineChoices(
        companies=[
            Choice(slug=s, name=n, count=counts[i].incidents) for i, k, s, n in ents if k == "company"
        ],
        products=[Choice(slug=s, name=n, count=counts[i].incidents) for i, k, s, n in ents if k == "product"],
        years=years,
        kinds=list(IncidentKind),
    )
