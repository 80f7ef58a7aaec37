"""Request dependencies as named Annotated aliases: the session, the settings, the rows a path names (or the
French 404), and the query parameters each family of pages shares with its JSON twin."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.config import Settings
from app.kinds import KIND_PATTERN, IncidentKind
from app.models import Entity
from app.search.base import ArticleQuery
from app.services.articles import AnyRow, find_article
from app.services.entity_detail import find_entity
from app.services.incident_list import IncidentFilter, find_incident

T = TypeVar("T")


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


RowId = Annotated[int, Path(description=f"identifiant (1 à {MAX_ROW_ID}) ; au-delà, aucune ligne : 404")]


def row_id(value: int, what: str) -> int:
    """`value` when it can name a row; else the 404 a missing row gets (never a query that would overflow)."""
    if not 1 <= value <= MAX_ROW_ID:
        raise HTTPException(404, f"{what} introuvable")
    return value


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_article(article_id: RowId, session: SessionDep) -> AnyRow:
    article = find_article(session, row_id(article_id, "article"))
    if article is None:
        raise HTTPException(404, "article introuvable")
    return article


def get_incident(incident_id: RowId, session: SessionDep) -> Any:
    """The incident's columns (a row of app.services.incident_list.INCIDENT_COLUMNS), or the French 404."""
    incident = find_incident(session, row_id(incident_id, "incident"))
    if incident is None:
        raise HTTPException(404, "incident introuvable")
    return incident


TYPES = {"entreprise": "company", "produit": "product"}
TypeParam = Annotated[
    str | None, Query(pattern="^(entreprise|produit)?$", description="entreprise ou produit")
]


SlugPath = Annotated[str, Path(max_length=100)]


def get_entity(slug: SlugPath, session: SessionDep, type: TypeParam = None) -> Entity:  # noqa: A002 - the public parameter name is French "type"
    entity = find_entity(session, slug, TYPES.get(type or ""))
    if entity is None:
        raise HTTPException(404, f"entreprise ou produit inconnu : {slug}")
    return entity


# The row lookups above are called by the endpoints themselves, not declared as dependencies: a sync
# dependency runs in the thread pool on its own, one more hop per page (as costly as reading the row).

# --- query parameters a page and its JSON twin share ---

SlugParam = Annotated[str | None, Query(max_length=100)]
PageParam = Annotated[int, Query(ge=1, le=10_000, description="numéro de page")]
MAX_QUERY_CHARS = 500  # longer searches are cut (and the answer says so), never refused


async def article_query(
    q: Annotated[
        str,
        Query(
            description="Mots, « expression exacte », -exclusion, OR, préfixe* ; au-delà de "
            f"{MAX_QUERY_CHARS} caractères, la recherche est raccourcie"
        ),
    ] = "",
    company: SlugParam = None,
    product: SlugParam = None,
    source: SlugParam = None,
    outage: bool | None = None,
    since: date | None = None,
    until: date | None = None,
    sort: Literal["relevance", "date"] = "relevance",
    page: PageParam = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ArticleQuery:
    """Query parameters of /recherche and /api/articles (empty values from the GET form mean "all")."""
    return ArticleQuery(
        q=q[:MAX_QUERY_CHARS],
        q_truncated=len(q) > MAX_QUERY_CHARS,
        company=company or None,
        product=product or None,
        source=source or None,
        outage=outage,
        since=since,
        until=until,
        sort=sort,
        page=page,
        per_page=per_page,
    )


async def incident_filter(
    company: SlugParam = None,
    product: SlugParam = None,
    kind: Annotated[str | None, Query(pattern=KIND_PATTERN, description="type d'incident")] = None,
    year: Annotated[str | None, Query(pattern=r"^(\d{4})?$", description="année sur quatre chiffres")] = None,
    since: date | None = None,
    until: date | None = None,
) -> IncidentFilter:
    """Query parameters of the timeline, /api/incidents, the feeds and the exports (empty means "all")."""
    return IncidentFilter(
        company=company or None,
        product=product or None,
        kind=IncidentKind(kind) if kind else None,
        year=int(year) if year else None,
        since=since,
        until=until,
    )


ArticleQueryDep = Annotated[ArticleQuery, Depends(article_query)]
IncidentFilterDep = Annotated[IncidentFilter, Depends(incident_filter)]


def data_memo(request: Request, name: str, compute: Callable[[], T]) -> T:
    """A value derived from the data (filter choices, entity counts), computed once until the data changes."""
    stamp = getattr(request.state, "stamp", None)
    if stamp is None:
        return compute()
    result: T = request.app.state.stamps.memo(name, stamp.token, compute)
    return result
