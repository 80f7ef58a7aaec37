"""The alerts page and its JSON twin: subscriptions (destinations masked) and their recent deliveries."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.alerts.subscriptions import alerts_overview
from app.deps import SessionDep
from app.responses import json_of
from app.schemas import AlertsOverview
from app.templating import render

router = APIRouter()
# alert tables change with every delivery, which the page cache's data stamp does not follow
NO_STORE = {"Cache-Control": "no-store"}


@router.get(
    "/api/alertes",
    tags=["alertes"],
    summary="Abonnements aux alertes et envois récents",
    description="Les données de la page `/alertes` : chaque abonnement (destination masquée, jamais l'adresse ni le secret), ses filtres et son état, puis les 50 derniers envois.",
    response_description="Réponse",
    response_model=AlertsOverview,
)
def api_alerts(session: SessionDep) -> Response:
    """Subscriptions with masked destinations, filters and state; the 50 most recent deliveries."""
    return json_of(alerts_overview(session), headers=NO_STORE)


@router.get("/alertes", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The same data as /api/alertes, never cached."""
    body = render(request, "alerts.html", overview=alerts_overview(session), json_url="/api/alertes")
    return HTMLResponse(body, headers=NO_STORE)
