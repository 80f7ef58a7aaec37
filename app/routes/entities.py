"""Company and product pages, and their JSON twins: one service call each, two representations."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import SessionDep, SlugPath, TypeParam, data_memo, get_entity
from app.errors import documented
from app.responses import json_of
from app.schemas import EntityDetail, EntityList
from app.services.entities import ENTITY_LIST, list_entities
from app.services.entity_detail import entity_detail
from app.templating import page

router = APIRouter()


@router.get(
    "/api/entities",
    tags=["entités"],
    summary="Entreprises et produits suivis",
    description="Entreprises et produits cités par au moins un article ou touchés par un incident, avec leurs décomptes.",
    response_description="Réponse",
    response_model=EntityList,
)
def api_entities(request: Request, session: SessionDep) -> Response:
    # Counted once per state of the data (and per process): the count joins every article link.
    return json_of(data_memo(request, ENTITY_LIST, lambda: list_entities(session)))


@router.get("/entites", response_class=HTMLResponse, include_in_schema=False)
def entities_page(request: Request, session: SessionDep) -> HTMLResponse:
    """Every company and product we have articles or incidents about."""
    ents = data_memo(request, ENTITY_LIST, lambda: list_entities(session))
    return page(request, "entities.html", ents=ents, json_url="/api/entities")


@router.get(
    "/api/entites/{slug}",
    tags=["entités"],
    summary="Une entreprise ou un produit",
    description="Les données de la page `/entites/{slug}` : incidents et durée d'indisponibilité connue par année, chronologie, derniers articles.",
    response_description="Réponse",
    response_model=EntityDetail,
    responses=documented(404, 422),
)
def api_entity(session: SessionDep, slug: SlugPath, type: TypeParam = None) -> Response:  # noqa: A002
    """The data of /entites/{slug}: yearly outage counts and downtime, incidents, latest articles."""
    return json_of(entity_detail(session, get_entity(slug, session, type)))


@router.get("/entites/{slug}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(
    request: Request, session: SessionDep, slug: SlugPath, type: TypeParam = None
) -> HTMLResponse:  # noqa: A002 - the public parameter name is French "type"
    """A company or product: outages and known downtime per year, its timeline, its latest articles."""
    entity = get_entity(slug, session, type)
    suffix = f"?type={type}" if type else ""
    return page(
        request,
        "entity.html",
        e=entity_detail(session, entity),
        json_url=f"/api/entites/{entity.slug}{suffix}",
    )
