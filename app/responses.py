"""The JSON representation of a shape (the twin of the page that renders the same shape)."""

from __future__ import annotations

from fastapi.responses import Response
from pydantic import BaseModel


def json_of(shape: BaseModel, headers: dict[str, str] | None = None) -> Response:
    """The shape as JSON, written by pydantic's serializer in one pass (moments in Paris time, ISO 8601)."""
    return Response(shape.model_dump_json(), media_type="application/json", headers=headers)
