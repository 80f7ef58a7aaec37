"""Source health: one service call, an HTML page and its JSON twin."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.deps import SessionDep, SettingsDep
from app.services.source_health import source_health
from app.templating import templates

router = APIRouter()


@router.get("/api/sources", tags=["sources"], summary="Santé des sources collectées")
def api_sources(session: SessionDep) -> dict:
    """Per source: last crawl, pages fetched, share of pages with text/date/author, errors by kind, feed status."""
    return {"items": source_health(session)}


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    items = source_health(session)
    return templates.TemplateResponse(request, "sources.html", {
        "items": items, "demo": settings.demo, "json_url": "/api/sources",
        "sites": [i for i in items if i["kind"] == "site"], "status": [i for i in items if i["kind"] != "site"],
    })
