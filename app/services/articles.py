"""Reading articles: the article shapes (lists and search hits) and the article page.

The hot paths read columns (Core selects built once, not ORM objects) and build the shapes with
`model_construct`: the values come from the database through the column types, already of the shapes' types,
and validating them again cost more than the queries (a search page builds up to a hundred items)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from sqlalchemy import BindParameter, Row, bindparam, select
from sqlalchemy.orm import Session

from app.kinds import IncidentKind
from app.models import Article, ArticleEntity, Entity, Incident, Source
from app.schemas import ArticleDetail, ArticleItem, Ref, RelatedArticles
from app.services.incident_list import INCIDENT_COLUMNS, incident_item

# A row of a Core select, read by attribute
AnyRow = Row[*tuple[Any, ...]]

RELATED = 6
CANDIDATES = 4  # related articles read per one shown, to order them by date
RELATED_WINDOW = 500  # related articles are looked for among this many most recent ones of each entity
# Statements are built once, on the tables' columns: ORM attributes cost a third more per execution, and
# nothing here needs ORM objects.
_A, _AE, _E, _S, _I = (m.__table__.c for m in (Article, ArticleEntity, Entity, Source, Incident))
# The columns an article in a list shows (ArticleItem): never the text or the lead.
ITEM_COLUMNS = (
    _A.id,
    _A.url,
    _A.title,
    _A.source_id,
    _A.author,
    _A.published_at,
    _A.date_precision,
    _A.summary,
    _A.is_outage,
    _A.outage_kind,
    _A.outage_date,
    _A.incident_id,
)
# ... and what the article page adds (ArticleDetail)
DETAIL_COLUMNS = (
    *ITEM_COLUMNS,
    _A.outage_start,
    _A.outage_duration_minutes,
    _A.modified_at,
    _A.date_source,
)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_FIND = select(*DETAIL_COLUMNS).where(_A.id == bindparam("id"), _A.is_ai.is_(True))
_ENTITY_REFS = (
    select(_AE.article_id, _E.kind, _E.slug, _E.name)
    .join(Entity.__table__)
    .where(_AE.article_id.in_(_IDS))
    .order_by(_AE.mentions.desc(), _E.name)
)
_SOURCE_REFS = select(_S.id, _S.slug, _S.name).where(_S.id.in_(_IDS))
_ENTITIES_OF = select(_AE.entity_id).where(_AE.article_id == bindparam("id"))
_CANDIDATES = select(*ITEM_COLUMNS).where(_A.id.in_(_IDS), _A.is_ai.is_(True))
_INCIDENT = select(*INCIDENT_COLUMNS).where(_I.id == bindparam("id"))
_RECENT = (
    select(_AE.article_id)
    .where(_AE.entity_id == bindparam("eid"))
    .order_by(_AE.article_id.desc())
    .limit(bindparam("n"))
)


def item_fields(session: Session, articles: Sequence[Any]) -> list[dict[str, Any]]:
    """The ArticleItem fields of articles, their entities (most mentioned first) and sources read in bulk (two
    queries): the keyword arguments of the item shapes (ArticleItem, SearchHit, ArticleDetail)."""
    if not articles:
        return []
    ids = [a.id for a in articles]
    companies: dict[int, list[Ref]] = {i: [] for i in ids}
    products: dict[int, list[Ref]] = {i: [] for i in ids}
    for aid, kind, slug, name in session.execute(_ENTITY_REFS, {"ids": ids}):
        (companies if kind == "company" else products)[aid].append(Ref(slug=slug, name=name))
    sources = {
        sid: Ref(slug=slug, name=name)
        for sid, slug, name in session.execute(_SOURCE_REFS, {"ids": list({a.source_id for a in articles})})
    }
    return [
        {
            "id": a.id,
            "url": a.url,
            "title": a.title,
            "source": sources[a.source_id],
            "author": a.author,
            "published_at": a.published_at,
            "date_precision": a.date_precision,
            "summary": a.summary,
            "companies": companies[a.id],
            "products": products[a.id],
            "is_outage": a.is_outage,
            "outage_kind": IncidentKind(a.outage_kind) if a.outage_kind else None,
            "outage_date": a.outage_date,
            "incident_id": a.incident_id,
        }
        for a in articles
    ]


def article_items(session: Session, articles: Sequence[Any]) -> list[ArticleItem]:
    """Articles (ORM objects or rows of ITEM_COLUMNS) with their entities (most mentioned first) and sources,
    loaded in bulk (two queries)."""
    return [ArticleItem.model_construct(**f) for f in item_fields(session, articles)]


def find_article(session: Session, article_id: int) -> AnyRow | None:
    """An AI article by id (articles kept out of the AI news are not shown): a row of DETAIL_COLUMNS."""
    return session.execute(_FIND, {"id": article_id}).first()


Window = Callable[[int], list[int]]  # an entity id -> its RELATED_WINDOW most recently stored article ids


def article_detail(session: Session, article: Any, window: Window | None = None) -> ArticleDetail:
    """An article (summary, never the full text), the incident it reports and related articles.

    `article`: a row of DETAIL_COLUMNS (find_article) or an Article.
    `window`: where the entities' recent articles come from when known already (the routes keep them per
    state of the data: a few hundred entities, a few kilobytes each); by default they are read."""
    inc = session.execute(_INCIDENT, {"id": article.incident_id}).first() if article.incident_id else None
    incident = incident_item(session, inc) if inc is not None else None
    same_incident = [a for a in (incident.articles if incident else []) if a.id != article.id]
    related = _sharing_entities(
        session,
        article.id,
        {a.id for a in same_incident},
        window or (lambda eid: recent_links(session, [eid], RELATED_WINDOW)),
    )
    # the article and its related ones in one go (their entities and sources: two queries, not four)
    fields, *same_entities = item_fields(session, [article, *related])
    return ArticleDetail.model_construct(
        **fields,
        outage_start=article.outage_start,
        outage_duration_minutes=article.outage_duration_minutes,
        modified_at=article.modified_at,
        date_source=article.date_source,
        incident=incident,
        related=RelatedArticles.model_construct(
            same_incident=same_incident,
            same_entities=[ArticleItem.model_construct(**f) for f in same_entities],
        ),
    )


def recent_links(session: Session, entity_ids: list[int], per_entity: int) -> list[int]:
    """The ids of the `per_entity` most recently stored articles of each entity (repeated when an article
    names several), read from the (entity_id, article_id) index only."""
    out: list[int] = []
    for eid in entity_ids:
        out += session.scalars(_RECENT, {"eid": eid, "n": per_entity})
    return out


def most_shared(shared: Counter[int], n: int) -> list[int]:
    """The n ids with the highest counts, the highest id first on a tie: ids in decreasing order, then a stable
    sort on the count (both in C; heapq.nsmallest with a Python key ran over a thousand ids per page)."""
    return sorted(sorted(shared, reverse=True), key=shared.__getitem__, reverse=True)[:n]


def _sharing_entities(session: Session, article_id: int, excluded: set[int], window: Window) -> list[AnyRow]:
    """The AI articles that share the most entities with an article, among the RELATED_WINDOW most recently
    stored articles of each of its entities; newest first on a tie (rows of ITEM_COLUMNS).

    A popular entity has tens of thousands of articles: counting shared entities over all of them, and
    reading each one's row (which holds the full text) for its date, cost most of an article page. The window
    bounds the work whatever the corpus size; the best candidates only are read, then ordered by date."""
    eids = list(session.scalars(_ENTITIES_OF, {"id": article_id}))
    shared = Counter(chain.from_iterable(window(eid) for eid in eids))
    for i in (article_id, *excluded):
        shared.pop(i, None)
    best = most_shared(shared, RELATED * CANDIDATES)
    found = session.execute(_CANDIDATES, {"ids": best}).all() if best else []
    epoch = datetime.min.replace(tzinfo=UTC)
    found = sorted(found, key=lambda a: (-shared[a.id], -(a.published_at or epoch).timestamp(), -a.id))
    return list(found[:RELATED])
