"""Source health: one service call, an HTML page and its JSON twin."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.deps import SessionDep, data_memo
from app.responses import json_of
from app.schemas import SourceHealthList
from app.services.source_health import source_health, source_items
from app.templating import page

router = APIRouter()


@router.get(
    "/api/sources",
    tags=["sources"],
    summary="Santé des sources collectées",
    description="Par source : dernière collecte, pages téléchargées, part des pages avec texte, date et auteur, erreurs par type, état du flux.",
    response_description="Réponse",
    response_model=SourceHealthList,
)
def api_sources(request: Request, session: SessionDep) -> Response:
    """Per source: last crawl, pages fetched, share of pages with text/date/author, errors by kind, feed status."""
    return json_of(_health(request, session))


def _health(request: Request, session: Session) -> SourceHealthList:
    """The sources' part once per state of the data; the live crawl processes on every request."""
    return source_health(session, data_memo(request, "source-health", lambda: source_items(session)))


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The same data as /api/sources, one table for press sites and one for status pages."""
    return page(request, "sources.html", health=_health(request, session), json_url="/api/sources")
