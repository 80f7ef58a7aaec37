"""Article listing and search with facets. One entry point: `search_articles`."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.analysis.dates import fold, iso_paris
from app.models import Article, ArticleEntity, Entity, Source
from app.services.entities import entity_ids, expand_company

MAX_PER_PAGE = 100


@dataclass
class ArticleQuery:
    """What a user asks of /api/articles and /recherche."""

    q: str = ""
    company: str | None = None
    product: str | None = None
    source: str | None = None
    outage: bool | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "relevance"  # relevance | date
    page: int = 1
    per_page: int = 20


_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(q: str) -> list[str]:
    """The words of a query; every character that is not a letter or digit is dropped (no syntax reaches SQL)."""
    return [w for w in _WORD.findall(q) if len(w) > 1 or w.isdigit()][:12]


def _filtered(session: Session, aq: ArticleQuery) -> Select:
    stmt = select(Article.id).where(Article.is_ai.is_(True))
    ids = entity_ids(session)
    if aq.company:
        eids = expand_company(session, aq.company) or [-1]
        stmt = stmt.where(Article.id.in_(select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(eids))))
    if aq.product:
        eid = ids.get(("product", aq.product), -1)
        stmt = stmt.where(Article.id.in_(select(ArticleEntity.article_id).where(ArticleEntity.entity_id == eid)))
    if aq.source:
        stmt = stmt.where(Article.source_id.in_(select(Source.id).where(Source.slug == aq.source)))
    if aq.outage is not None:
        stmt = stmt.where(Article.is_outage.is_(aq.outage))
    if aq.since:
        stmt = stmt.where(func.date(Article.published_at) >= aq.since.isoformat())
    if aq.until:
        stmt = stmt.where(func.date(Article.published_at) <= aq.until.isoformat())
    for w in query_words(aq.q):
        pattern = f"%{w.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(or_(Article.title.ilike(pattern), Article.summary.ilike(pattern), Article.text.ilike(pattern)))
    return stmt


def search_articles(session: Session, aq: ArticleQuery) -> dict:
    """Total, one page of items and facets for a query."""
    base = _filtered(session, aq).subquery()
    total = session.scalar(select(func.count()).select_from(base)) or 0
    per_page = max(1, min(aq.per_page, MAX_PER_PAGE))
    page = max(1, aq.page)
    order = (Article.published_at.desc(), Article.id.desc())
    rows = session.scalars(
        select(Article).where(Article.id.in_(select(base.c.id))).order_by(*order)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    items = serialize_articles(session, list(rows), aq.q)
    return {"total": total, "page": page, "per_page": per_page, "items": items, "facets": _facets(session, base)}


def _facets(session: Session, base) -> dict:  # type: ignore[no-untyped-def]
    facets: dict[str, list[dict]] = {"companies": [], "products": [], "sources": []}
    rows = session.execute(
        select(Entity.kind, Entity.slug, Entity.name, func.count())
        .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
        .where(ArticleEntity.article_id.in_(select(base.c.id)))
        .group_by(Entity.kind, Entity.slug, Entity.name)
        .order_by(func.count().desc(), Entity.slug)
    ).all()
    for kind, slug, name, n in rows:
        facets["companies" if kind == "company" else "products"].append({"slug": slug, "name": name, "count": n})
    for slug, name, n in session.execute(
        select(Source.slug, Source.name, func.count()).join(Article, Article.source_id == Source.id)
        .where(Article.id.in_(select(base.c.id))).group_by(Source.slug, Source.name).order_by(func.count().desc())
    ):
        facets["sources"].append({"slug": slug, "name": name, "count": n})
    return facets


def snippet(article: Article, q: str, width: int = 220) -> str:
    """An HTML-safe excerpt around the first query word, words wrapped in <mark>."""
    words = [fold(w) for w in query_words(q)]
    text = article.summary or article.text[:width]
    if words:
        folded = fold(article.text)
        pos = min((p for p in (folded.find(w) for w in words) if p >= 0), default=-1)
        if pos >= 0:
            start = max(0, pos - width // 3)
            text = ("…" if start else "") + article.text[start:start + width] + "…"
    escaped = html.escape(text)
    if not words:
        return escaped
    folded_esc = fold(escaped)
    out, i = [], 0
    pattern = re.compile("|".join(re.escape(html.escape(w)) for w in sorted(words, key=len, reverse=True)))
    for m in pattern.finditer(folded_esc):
        out.append(escaped[i:m.start()])
        out.append(f"<mark>{escaped[m.start():m.end()]}</mark>")
        i = m.end()
    out.append(escaped[i:])
    return "".join(out)


def serialize_articles(session: Session, articles: list[Article], q: str = "") -> list[dict]:
    """Articles as the API item shape, with entities and sources loaded in bulk."""
    ids = [a.id for a in articles]
    ents: dict[int, dict[str, list[dict]]] = {i: {"companies": [], "products": []} for i in ids}
    if ids:
        for aid, e in session.execute(
            select(ArticleEntity.article_id, Entity).join(Entity).where(ArticleEntity.article_id.in_(ids))
            .order_by(ArticleEntity.mentions.desc(), Entity.name)
        ):
            ents[aid]["companies" if e.kind == "company" else "products"].append({"slug": e.slug, "name": e.name})
    sources = {s.id: s for s in session.scalars(select(Source).where(Source.id.in_({a.source_id for a in articles})))}
    return [
        {
            "id": a.id, "url": a.url, "title": a.title,
            "source": {"slug": sources[a.source_id].slug, "name": sources[a.source_id].name},
            "author": a.author, "published_at": iso_paris(a.published_at),
            "summary": a.summary, "companies": ents[a.id]["companies"], "products": ents[a.id]["products"],
            "is_outage": a.is_outage, "outage_kind": a.outage_kind,
            "outage_date": a.outage_date.isoformat() if a.outage_date else None,
            "incident_id": a.incident_id, "snippet": snippet(a, q),
        }
        for a in articles
    ]
