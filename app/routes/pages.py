"""HTML pages: the same service calls as the API, rendered with Jinja2."""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.deps import SessionDep, SettingsDep
from app.models import Article, Incident
from app.routes.api import article_query
from app.services.entities import list_entities
from app.services.incidents import list_incidents, serialize_incidents
from app.services.search import ArticleQuery, search_articles, serialize_articles
from app.templating import month_fr, templates

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, settings, **context) -> HTMLResponse:  # type: ignore[no-untyped-def]
    context.setdefault("demo", settings.demo)
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def timeline(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """Incidents newest first, grouped by month."""
    items = list_incidents(session)
    months: OrderedDict[str, list[dict]] = OrderedDict()
    for inc in items:
        months.setdefault(month_fr(inc["date"]), []).append(inc)
    return _render(request, "timeline.html", settings, months=months, total=len(items), json_url="/api/incidents")


@router.get("/recherche", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, settings: SettingsDep,
                aq: Annotated[ArticleQuery, Depends(article_query)]) -> HTMLResponse:
    result = search_articles(session, aq)
    ents = list_entities(session)
    json_url = "/api/articles" + (f"?{request.url.query}" if request.url.query else "")
    return _render(request, "search.html", settings, aq=aq, result=result, entities=ents, json_url=json_url)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    article = session.get(Article, article_id)
    if article is None or not article.is_ai:
        raise HTTPException(404, "article introuvable")
    item = serialize_articles(session, [article])[0]
    incident = None
    if article.incident_id:
        inc = session.get(Incident, article.incident_id)
        incident = serialize_incidents(session, [inc])[0] if inc else None
    return _render(request, "article.html", settings, a=item, incident=incident, json_url=f"/api/articles/{article_id}")


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: int, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    inc = session.get(Incident, incident_id)
    if inc is None:
        raise HTTPException(404, "incident introuvable")
    item = serialize_incidents(session, [inc])[0]
    return _render(request, "incident.html", settings, inc=item, json_url=f"/api/incidents/{incident_id}")
