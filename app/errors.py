"""French error answers: JSON under /api, an HTML page elsewhere."""

from __future__ import annotations

import logging
from typing import ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.schemas import Shape
from app.templating import page

log = logging.getLogger(__name__)

MESSAGES = {
    400: "Requête invalide",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    422: "Paramètres invalides",
    431: "En-têtes de requête trop grands",
    500: "Erreur interne du serveur",
}


class ErrorBody(Shape):
    """Every JSON error: a French title and, when there is one, a French explanation."""

    description_fr: ClassVar[str] = (
        "Toute erreur JSON : un intitulé en français et, s'il y en a une, une explication."
    )

    error: str = Field(description="intitulé de l'erreur, par exemple « Page introuvable »")
    detail: str | None = Field(description="explication en français, ou null")


class ParamError(Shape):
    """One refused parameter."""

    description_fr: ClassVar[str] = "Un paramètre refusé."

    parametre: str = Field(description="nom du paramètre refusé")
    message: str = Field(description="raison du refus")


class ValidationErrorBody(Shape):
    """The 422 answer: which parameters were refused and why."""

    description_fr: ClassVar[str] = "La réponse 422 : les paramètres refusés et pourquoi."

    error: str = Field(description="« Paramètres invalides »")
    detail: list[ParamError]


def documented(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses` for the error answers a route can give (our French bodies, not FastAPI's)."""
    what = {404: "Introuvable", 422: "Paramètres invalides"}
    return {
        s: {"model": ValidationErrorBody if s == 422 else ErrorBody, "description": what[s]} for s in statuses
    }


def _wants_json(request: Request) -> bool:
    # Feeds and exports are read by programs: their errors are JSON too.
    return request.url.path.startswith(("/api", "/flux/", "/export/")) or request.url.path == "/healthz"


def answer(request: Request, status: int, detail: object, headers: dict[str, str] | None = None) -> Response:
    """The French error answer for `request`: JSON for programs, a page for people."""
    title = MESSAGES.get(status, "Erreur")
    if _wants_json(request):
        return JSONResponse({"error": title, "detail": detail}, status_code=status, headers=headers)
    return page(
        request,
        "error.html",
        status_code=status,
        headers=headers,
        status=status,
        title=title,
        detail=detail if isinstance(detail, str) else None,
        errors=detail if isinstance(detail, list) else None,
    )


def _validation_detail(exc: RequestValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        out.append({"parametre": loc, "message": f"valeur refusée ({err.get('msg', '')})"})
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers; a crash becomes a French 500 and is logged."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail  # our own details are French; Starlette's English defaults are dropped below
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and "GET" in headers.get("Allow", ""):
            headers["Allow"] += ", HEAD"  # app.request_guard answers HEAD wherever GET is routed
        return answer(
            request,
            exc.status_code,
            detail
            if isinstance(detail, str) and detail != "Not Found" and detail != "Method Not Allowed"
            else None,
            headers,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return answer(request, 422, _validation_detail(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error path=%s", request.url.path)
        return answer(request, 500, None)
