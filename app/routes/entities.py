"""Company and product pages, and their JSON twins: one data function, two representations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.deps import SessionDep, SettingsDep
from app.errors import documented
from app.routes.pages import page
from app.services.details import entity_detail, find_entity
from app.services.entities import list_entities

router = APIRouter()
TYPES = {"entreprise": "company", "produit": "product"}
TypeParam = Annotated[str | None, Query(pattern="^(entreprise|produit)?$", description="entreprise ou produit")]


def _entity_data(session: Session, slug: str, type_: str | None) -> dict:
    entity = find_entity(session, slug, TYPES.get(type_ or ""))
    if entity is None:
        raise HTTPException(404, f"entreprise ou produit inconnu : {slug}")
    return entity_detail(session, entity)


@router.get("/entites", response_class=HTMLResponse, include_in_schema=False)
def entities_page(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """Every company and product we have articles or incidents about."""
    return page(request, "entities.html", settings, ents=list_entities(session), json_url="/api/entities", path="/entites")


@router.get("/entites/{slug}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, slug: Annotated[str, Path(max_length=100)], session: SessionDep, settings: SettingsDep,
                type: TypeParam = None) -> HTMLResponse:  # noqa: A002 - the public parameter name is French "type"
    """A company or product: outages and known downtime per year, its timeline, its latest articles."""
    data = _entity_data(session, slug, type)
    suffix = f"?type={type}" if type else ""
    return page(request, "entity.html", settings, e=data, json_url=f"/api/entites/{slug}{suffix}", path="/entites")


@router.get("/api/entites/{slug}", tags=["entités"], summary="Une entreprise ou un produit",
            responses=documented(404, 422))
def api_entity(slug: str, session: SessionDep, type: TypeParam = None) -> dict:  # noqa: A002
    """The data of /entites/{slug}: yearly outage counts and downtime, incidents, latest articles."""
    data = _entity_data(session, slug, type)
    data.pop("months", None)
    return data
