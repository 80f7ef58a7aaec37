"""Liveness: the service answers and its database too."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import SessionDep
from app.services.health import database_health

router = APIRouter()


@router.get(
    "/healthz",
    tags=["santé"],
    summary="État du service",
    description="Le service répond et sa base de données aussi ; nombre d'articles enregistrés.",
    response_description="Réponse",
)
def healthz(session: SessionDep) -> dict[str, object]:
    """Liveness and database check."""
    return database_health(session)
