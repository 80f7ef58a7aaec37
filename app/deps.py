"""Request dependencies as named Annotated aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.config import Settings


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request: the request is the unit of work.

    Async on purpose: FastAPI runs a sync dependency in the thread pool, twice for a generator (set-up and
    tear-down), and each hop costs ~0.6 ms. Making a session does no I/O; it is used in the endpoint's own
    thread, and its commit (or rollback) and close run in one hop at the end."""
    session = request.app.state.sessionmaker()
    try:
        yield session
    except BaseException:
        await run_in_threadpool(_finish, session, False)
        raise
    await run_in_threadpool(_finish, session, True)


def _finish(session: Session, ok: bool) -> None:
    try:
        if ok:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


# Ids are 32-bit on PostgreSQL (SERIAL) and 64-bit on SQLite: a larger number names no row, and binding it
# would fail in the driver (int4 out of range, SQLite OverflowError).
MAX_ROW_ID = 2**31 - 1


def existing_id(value: int, what: str) -> int:
    """`value` when it can name a row; else the 404 a missing row gets."""
    if not 1 <= value <= MAX_ROW_ID:
        raise HTTPException(404, f"{what} introuvable")
    return value


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
