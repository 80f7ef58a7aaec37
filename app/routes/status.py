"""The live status of the followed services (/etat) and its JSON twin; the timeline shows it too."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from app.deps import data_memo
from app.schemas import LiveStatus
from app.services.followed import load_followed
from app.services.live_status import live_status
from app.templating import render

router = APIRouter()
JSON = "application/json"


def current_status(request: Request) -> LiveStatus:
    """The live status, computed once per state of the data stamp (which hashes it: app/services/live_status)."""
    settings = request.app.state.settings

    def compute() -> LiveStatus:
        with request.app.state.sessionmaker() as session:
            return live_status(
                session, load_followed(settings.services_file), datetime.now(UTC), settings.status_max_age
            )

    return data_memo(request, "live-status", compute)


@router.get(
    "/api/etat",
    tags=["état"],
    summary="État des services d'IA en direct",
    description="Les données de la page `/etat` : pour chaque service suivi, le verdict (opérationnel, perturbé, "
    "en panne, inconnu), la page de statut officielle à sa dernière consultation, les articles de presse des "
    "dernières heures et les incidents en cours, avec les règles du verdict.",
    response_description="Réponse",
    response_model=LiveStatus,
)
async def api_status(request: Request) -> Response:
    body = (await run_in_threadpool(current_status, request)).model_dump_json().encode()
    return Response(body, media_type=JSON)


def _render_status(request: Request) -> bytes:
    return render(request, "status.html", live=current_status(request), json_url="/api/etat").encode()


@router.get("/etat", response_class=HTMLResponse, include_in_schema=False)
async def status_page(request: Request) -> Response:
    """One line per followed service with its verdict and what it rests on, and the rules of the verdict."""
    body = await run_in_threadpool(_render_status, request)
    return Response(body, media_type="text/html; charset=utf-8")
