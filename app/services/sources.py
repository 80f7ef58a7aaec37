"""Sources (publications): found or created from a document's domain."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.extract import Document
from app.models import Article, Source
from app.textfold import fold


def slugify(text: str) -> str:
    """Lowercase ASCII with hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "source"


def source_for(session: Session, doc: Document, name: str | None = None) -> Source:
    """The source of a document: by configured name, else by domain; created on first sight."""
    domain = doc.domain
    if name:
        src = session.scalars(select(Source).where(Source.slug == slugify(name))).one_or_none()
        if src is not None:
            return src
    else:
        src = session.scalars(select(Source).where(Source.domain == domain)).first()
        if src is not None:
            if doc.site_name and src.name == domain:
                src.name = doc.site_name  # a later page taught us the real name
            return src
    display = name or doc.site_name or domain
    src = Source(slug=slugify(name or domain), name=display, domain=domain, homepage=f"https://{domain}/")
    session.add(src)
    session.flush()
    return src


def adopt_ingested(session: Session, domain: str, slug: str) -> Source | None:
    """The row `veille ingest` made for a domain (its slug taken from the domain), claimed by the configured
    source `slug` that crawls the same site: one publication, one row. Its articles are re-indexed, since
    search filters and facets read the source slug from the index."""
    from app.search.index import index_article

    row = session.scalars(
        select(Source).where(Source.domain == domain, Source.slug == slugify(domain))
    ).first()
    if row is None or row.slug == slug:
        return row
    row.slug = slug
    session.flush()
    for article in session.scalars(select(Article).where(Article.source_id == row.id, Article.is_ai)):
        index_article(session, article)
    return row
