"""Request dependencies as named Annotated aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import unit_of_work


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: the request is the unit of work."""
    with unit_of_work(request.app.state.sessionmaker) as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
