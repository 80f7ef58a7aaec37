"""The timeline and incident pages, and their JSON twins: one service call each, two representations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from app.charts import chart_context
from app.deps import IncidentFilterDep, PageParam, RowId, SessionDep, data_memo, get_incident
from app.errors import documented
from app.responses import json_of
from app.routes.status import current_status
from app.schemas import IncidentDetail, Timeline
from app.services.incident_list import IncidentFilter
from app.services.incident_list import incident_detail as incident_detail_data
from app.services.timeline import MAX_PER_PAGE, PER_PAGE, filter_choices, timeline
from app.templating import page, query_string, render

router = APIRouter()


@router.get(
    "/api/incidents",
    tags=["incidents"],
    summary="Chronologie des incidents",
    description="Les données de la page `/` : incidents du plus récent au plus ancien, une page à la fois, avec le total et le graphique par mois.",
    response_description="Réponse",
    response_model=Timeline,
    responses=documented(422),
)
def api_incidents(
    session: SessionDep,
    f: IncidentFilterDep,
    page: PageParam = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = PER_PAGE,
) -> Response:
    """Incidents newest first, each with its articles and official incidents; `total`, `pages` and the chart of
    every incident that matches (the page `/` shows the same data)."""
    return json_of(timeline(session, f, page, per_page))


def _render_timeline(request: Request, f: IncidentFilter, page_number: int) -> bytes:
    """Query and render the timeline (runs in the thread pool: it is the only blocking part)."""
    with request.app.state.sessionmaker() as session:
        t = timeline(
            session,
            f,
            page_number,
            choices=lambda: data_memo(request, "timeline-choices", lambda: filter_choices(session)),
        )
    params = f.params()
    feed = {"company": f.company, "product": f.product}
    return render(
        request,
        "timeline.html",
        t=t,
        f=f,
        **chart_context(t.chart),
        json_url="/api/incidents" + query_string(params).rstrip("?"),
        atom_url="/flux/pannes.atom" + query_string(feed).rstrip("?"),
        live=current_status(request),
    ).encode()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def timeline_page(request: Request, f: IncidentFilterDep, page: PageParam = 1) -> Response:
    """Incidents newest first, grouped by month; the HTML is cached until the data changes."""
    body = await run_in_threadpool(_render_timeline, request, f, page)
    return Response(body, media_type="text/html; charset=utf-8")


@router.get(
    "/api/incidents/{incident_id}",
    tags=["incidents"],
    summary="Un incident et toute sa couverture",
    description="Les données de la page `/incidents/{id}` : la couverture dans l'ordre de publication, le premier signalement et son délai, l'incident officiel.",
    response_description="Réponse",
    response_model=IncidentDetail,
    responses=documented(404, 422),
)
def api_incident(session: SessionDep, incident_id: RowId) -> Response:
    return json_of(incident_detail_data(session, get_incident(incident_id, session)))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
def incident_page(request: Request, session: SessionDep, incident_id: RowId) -> HTMLResponse:
    """An incident: all coverage in time order, the first report, the official incident when linked."""
    incident = get_incident(incident_id, session)
    return page(
        request,
        "incident.html",
        inc=incident_detail_data(session, incident),
        json_url=f"/api/incidents/{incident.id}",
    )
