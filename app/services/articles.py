"""Reading articles: the article shapes (lists and search hits) and the article page."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from app.kinds import IncidentKind
from app.models import Article, ArticleEntity, Entity, Incident, Source
from app.schemas import ArticleDetail, ArticleItem, Ref, RelatedArticles
from app.services.incident_list import incident_item

RELATED = 6
CANDIDATES = 4  # related articles read per one shown, to order them by date
RELATED_WINDOW = 500  # related articles are looked for among this many most recent ones of each entity
# What a page shows of an article never includes its full text or lead, the bulk of its row: not read.
NO_TEXT = (defer(Article.text), defer(Article.lead))


def article_items(session: Session, articles: list[Article]) -> list[ArticleItem]:
    """Articles with their entities (most mentioned first) and sources, loaded in bulk (two queries)."""
    if not articles:
        return []
    ids = [a.id for a in articles]
    companies: dict[int, list[Ref]] = {i: [] for i in ids}
    products: dict[int, list[Ref]] = {i: [] for i in ids}
    for aid, e in session.execute(
        select(ArticleEntity.article_id, Entity)
        .join(Entity)
        .where(ArticleEntity.article_id.in_(ids))
        .order_by(ArticleEntity.mentions.desc(), Entity.name)
    ):
        (companies if e.kind == "company" else products)[aid].append(Ref(slug=e.slug, name=e.name))
    sources = {
        s.id: Ref(slug=s.slug, name=s.name)
        for s in session.scalars(select(Source).where(Source.id.in_({a.source_id for a in articles})))
    }
    return [
        ArticleItem(
            id=a.id,
            url=a.url,
            title=a.title,
            source=sources[a.source_id],
            author=a.author,
            published_at=a.published_at,
            date_precision=a.date_precision,
            summary=a.summary,
            companies=companies[a.id],
            products=products[a.id],
            is_outage=a.is_outage,
            outage_kind=IncidentKind(a.outage_kind) if a.outage_kind else None,
            outage_date=a.outage_date,
            incident_id=a.incident_id,
        )
        for a in articles
    ]


def find_article(session: Session, article_id: int) -> Article | None:
    """An AI article by id (articles kept out of the AI news are not shown)."""
    article = session.get(Article, article_id, options=NO_TEXT)
    return article if article is not None and article.is_ai else None


Window = Callable[[int], list[int]]  # an entity id -> its RELATED_WINDOW most recently stored article ids


def article_detail(session: Session, article: Article, window: Window | None = None) -> ArticleDetail:
    """An article (summary, never the full text), the incident it reports and related articles.

    `window`: where the entities' recent articles come from when known already (the routes keep them per
    state of the data: a few hundred entities, a few kilobytes each); by default they are read."""
    inc = session.get(Incident, article.incident_id) if article.incident_id else None
    incident = incident_item(session, inc) if inc is not None else None
    same_incident = [a for a in (incident.articles if incident else []) if a.id != article.id]
    related = _sharing_entities(
        session,
        article.id,
        {a.id for a in same_incident},
        window or (lambda eid: recent_links(session, [eid], RELATED_WINDOW)),
    )
    # the article and its related ones in one go (their entities and sources: two queries, not four)
    item, *same_entities = article_items(session, [article, *related])
    return ArticleDetail(
        **dict(item),
        outage_start=article.outage_start,
        outage_duration_minutes=article.outage_duration_minutes,
        modified_at=article.modified_at,
        date_source=article.date_source,
        incident=incident,
        related=RelatedArticles(
            same_incident=same_incident,
            same_entities=same_entities,
        ),
    )


def recent_links(session: Session, entity_ids: list[int], per_entity: int) -> list[int]:
    """The ids of the `per_entity` most recently stored articles of each entity (repeated when an article
    names several), read from the (entity_id, article_id) index only."""
    out: list[int] = []
    for eid in entity_ids:
        out += session.scalars(
            select(ArticleEntity.article_id)
            .where(ArticleEntity.entity_id == eid)
            .order_by(ArticleEntity.article_id.desc())
            .limit(per_entity)
        )
    return out


def _sharing_entities(session: Session, article_id: int, excluded: set[int], window: Window) -> list[Article]:
    """The AI articles that share the most entities with an article, among the RELATED_WINDOW most recently
    stored articles of each of its entities; newest first on a tie.

    A popular entity has tens of thousands of articles: counting shared entities over all of them, and
    reading each one's row (which holds the full text) for its date, cost most of an article page. The window
    bounds the work whatever the corpus size; the best candidates only are read, then ordered by date."""
    eids = list(
        session.scalars(select(ArticleEntity.entity_id).where(ArticleEntity.article_id == article_id))
    )
    skip = {article_id, *excluded}
    shared = Counter(i for eid in eids for i in window(eid) if i not in skip)
    best = heapq.nsmallest(RELATED * CANDIDATES, shared, key=lambda i: (-shared[i], -i))
    found = session.scalars(
        select(Article).options(*NO_TEXT).where(Article.id.in_(best), Article.is_ai.is_(True))
    ).all()
    epoch = datetime.min.replace(tzinfo=UTC)
    found = sorted(found, key=lambda a: (-shared[a.id], -(a.published_at or epoch).timestamp(), -a.id))
    return list(found[:RELATED])
