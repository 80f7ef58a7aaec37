"""HTML pages: the same service calls as the API, rendered with Jinja2."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from app.charts import describe, outage_chart
from app.config import Settings
from app.deps import SessionDep, SettingsDep, existing_id
from app.http_cache import CachedPage, StampKeeper, cache_key
from app.routes.api import article_query
from app.routes.search_view import search_context
from app.services.details import article_detail, incident_detail
from app.services.search import ArticleQuery, search_articles
from app.services.timeline import TimelineFilter, filter_choices, timeline
from app.templating import query_string, templates

router = APIRouter(include_in_schema=False)

KindParam = Annotated[str | None, Query(pattern="^(outage|degradation|restriction)?$", description="type d'incident")]
YearParam = Annotated[str | None, Query(pattern=r"^(\d{4})?$", description="année sur quatre chiffres")]
SlugParam = Annotated[str | None, Query(max_length=100)]


def render(name: str, settings: Settings, **context: object) -> str:
    """Render a page template with the context every page shares."""
    context.setdefault("demo", settings.demo)
    context.setdefault("site_name", settings.site_name)
    return templates.get_template(name).render(context)


def remember(request: Request, body: bytes) -> None:
    """Keep a rendered page for its URL until the data changes (ConditionalMiddleware serves it next time)."""
    stamp = getattr(request.state, "stamp", None)
    if stamp is not None:
        request.app.state.stamps.keep_page(cache_key(request.scope), CachedPage.of(body), stamp.token)


def page(request: Request, name: str, settings: Settings, **context: object) -> HTMLResponse:
    """A rendered page as an HTML answer, cached until the next crawl changes the data."""
    body = render(name, settings, **context).encode()
    remember(request, body)
    return HTMLResponse(body)


async def timeline_filter(company: SlugParam = None, product: SlugParam = None, kind: KindParam = None,
                    year: YearParam = None, page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> TimelineFilter:
    """Query parameters of the timeline (empty values from the GET form mean "all")."""
    return TimelineFilter(company=company or None, product=product or None, kind=kind or None,
                          year=int(year) if year else None, page=page)


def render_timeline(request: Request, f: TimelineFilter) -> str:
    """Query and render the timeline (runs in the thread pool: it is the only blocking part)."""
    settings: Settings = request.app.state.settings
    keeper: StampKeeper = request.app.state.stamps
    token = request.state.stamp.token if getattr(request.state, "stamp", None) else ""
    with request.app.state.sessionmaker() as session:
        data = timeline(session, f, lambda: keeper.memo("timeline-choices", token, lambda: filter_choices(session)))
    api = {"company": f.company, "product": f.product, "kind": f.kind,
           "since": f"{f.year}-01-01" if f.year else None, "until": f"{f.year}-12-31" if f.year else None}
    feed = {"company": f.company, "product": f.product}
    return render("timeline.html", settings, t=data, f=f, chart_svg=outage_chart(data["chart"]),
                  chart_text=describe(data["chart"]),
                  json_url="/api/incidents" + query_string(api).rstrip("?"),
                  atom_url="/flux/pannes.atom" + query_string(feed).rstrip("?"), path="/")


@router.get("/", response_class=HTMLResponse)
async def timeline_page(request: Request, f: Annotated[TimelineFilter, Depends(timeline_filter)]) -> Response:
    """Incidents newest first, grouped by month; the HTML is cached until the data changes."""
    body = (await run_in_threadpool(render_timeline, request, f)).encode()
    remember(request, body)
    return Response(body, media_type="text/html; charset=utf-8")


@router.get("/recherche", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, settings: SettingsDep,
                aq: Annotated[ArticleQuery, Depends(article_query)]) -> HTMLResponse:
    """Search with facets, active filters, highlighted snippets, sort and pagination (GET only, no script)."""
    result = search_articles(session, aq)
    ctx = search_context(session, aq, result)
    json_url = "/api/articles" + (f"?{request.url.query}" if request.url.query else "")
    return page(request, "search.html", settings, aq=aq, result=result, json_url=json_url, path="/recherche", **ctx)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """An article: summary, entities, the outage it reports, the original link and related articles."""
    item = article_detail(session, existing_id(article_id, "article"))
    if item is None:
        raise HTTPException(404, "article introuvable")
    return page(request, "article.html", settings, a=item, incident=item["incident"],
                json_url=f"/api/articles/{article_id}")


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: int, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """An incident: all coverage in time order, the first report, the official incident when linked."""
    item = incident_detail(session, existing_id(incident_id, "incident"))
    if item is None:
        raise HTTPException(404, "incident introuvable")
    return page(request, "incident.html", settings, inc=item, json_url=f"/api/incidents/{incident_id}")
