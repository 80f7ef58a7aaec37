"""Ingest: page bytes -> extract -> analyse (pure, CPU-bound: `prepare`) -> store and group (`store`)."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from concurrent.futures import Executor, Future, InvalidStateError
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.analysis import Analysis, analyse_document
from app.bidi import strip_bidi_fields
from app.extract import Document, ExtractionError, SiteRules, extract
from app.models import Article, ArticleEntity, Source
from app.search.base import ArticleFacts
from app.search.index import index_article, unindex_article
from app.search.text import IndexText, index_text
from app.services.entities import entity_ids
from app.services.incidents import attach_article, detach_article
from app.services.sources import slugify, source_for

log = logging.getLogger(__name__)


@dataclass
class Prepared:
    """The outcome of the CPU-bound stages for one page (picklable, for a process pool)."""

    document: Document | None = None
    analysis: Analysis | None = None
    content_hash: str = ""
    search_text: IndexText | None = None  # the article's texts analysed for the search index (AI news only)
    error_reason: str | None = None
    error_message: str | None = None


@dataclass
class IngestResult:
    """One line of `veille ingest --json`."""

    status: str  # stored | updated | unchanged | skipped | error
    reason: str | None = None
    url: str | None = None
    title: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    date_source: str | None = None
    date_precision: str | None = (
        None  # exact | inferred | approximate: how sure the article's (outage) date is
    )
    is_ai: bool | None = None
    is_outage: bool | None = None
    companies: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    kind: str | None = None
    incident_id: int | None = None
    incident_date: str | None = None
    summary: str | None = None
    article_id: int | None = None
    language: str | None = None  # detected, when the import keeps French pages only (WARC)
    # quality flags for the source-health page
    has_text: bool = False
    has_date: bool = False
    has_author: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("has_text", "has_date", "has_author"):
            d.pop(k)
        return d


def content_hash(doc: Document) -> str:
    """What counts as 'the same content': title, author, publication date and text.

    Not the modification date: many sites move it on every visit (or every cache purge) with nothing else
    changed, and re-analysing, re-indexing and regrouping such a page each refresh would be waste. `store` keeps
    the newer modification date of an unchanged page.
    """
    h = hashlib.sha256()
    for part in (
        doc.title,
        doc.author or "",
        doc.published_at.isoformat() if doc.published_at else "",
        doc.text,
    ):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def prepare(
    raw: bytes,
    url: str | None = None,
    charset: str | None = None,
    rules: SiteRules | None = None,
    seen_at: datetime | None = None,
) -> Prepared:
    """Extract and analyse one page; never raises for bad input.

    `seen_at` (default: now) is when the page was first seen: it dates a page that gives no date at all.
    """
    try:
        doc = extract(raw, url=url, charset=charset, rules=rules)
    except ExtractionError as exc:
        return Prepared(error_reason=exc.reason, error_message=exc.message)
    except Exception as exc:  # a parser bug on one page must not stop a batch
        log.exception("extraction failed url=%s", url)
        return Prepared(error_reason="extraction-failed", error_message=f"échec de l'extraction : {exc}")
    doc = strip_bidi_fields(
        doc, keep=("url",)
    )  # every stored text, and what the analysis reads, comes from here
    an = analyse_document(doc, seen_at=seen_at or datetime.now(UTC))
    search_text = index_text(*stored_texts(doc, an)) if an.is_ai else None
    return Prepared(document=doc, analysis=an, content_hash=content_hash(doc), search_text=search_text)


def prepare_in(
    pool: Executor,
    raw: bytes,
    url: str | None = None,
    charset: str | None = None,
    rules: SiteRules | None = None,
) -> Future[Prepared]:
    """prepare() in the extraction pool: how the crawl and `veille ingest` both hand a page over. A page the pool
    stops (too slow, too heavy, its worker died) resolves to a Prepared error instead of raising."""
    from app.services.extraction_pool import PageTooCostly

    inner = pool.submit(prepare, raw, url, charset, rules)
    outer: Future[Prepared] = Future()

    def settle(done: Future[Prepared]) -> None:
        try:
            if done.cancelled():
                outer.cancel()
            elif isinstance(exc := done.exception(), PageTooCostly):
                log.warning("extraction stopped url=%s kind=%s", url, exc.kind)
                outer.set_result(Prepared(error_reason=exc.kind, error_message=exc.message))
            elif exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(done.result())
        except InvalidStateError:  # the caller cancelled it meanwhile
            pass

    inner.add_done_callback(settle)
    outer.add_done_callback(lambda f: inner.cancel() if f.cancelled() else None)
    return outer


def served_by(prepared: Prepared, fetched: str) -> Prepared:
    """The page as stored when `fetched` served it: a canonical link (or og:url) counts only on that site."""
    from app.scrapers.netguard import same_site  # not at import: extraction workers load this module

    doc = prepared.document
    if doc is None or doc.url == fetched or same_site(doc.url, fetched):
        return prepared
    return dataclasses.replace(prepared, document=dataclasses.replace(doc, url=fetched))


def stored_texts(doc: Document, an: Analysis) -> tuple[str, str, str]:
    """The title, summary and body an article row gets from a document."""
    return doc.title[:1000], an.summary or "", doc.text


def store(session: Session, prepared: Prepared, source_name: str | None = None) -> IngestResult:
    """Upsert the article by canonical URL, link its entities and its incident. Flushes, never commits."""
    if prepared.document is None or prepared.analysis is None:
        return IngestResult(status="error", reason=prepared.error_message or prepared.error_reason)
    doc, an = prepared.document, prepared.analysis
    result = IngestResult(
        status="skipped",
        url=doc.url,
        title=doc.title,
        published_at=doc.published_at.isoformat() if doc.published_at else None,
        modified_at=doc.modified_at.isoformat() if doc.modified_at else None,
        date_source=doc.date_source,
        date_precision=an.date_precision,
        is_ai=an.is_ai,
        is_outage=an.outage is not None,
        companies=list(an.companies),
        products=list(an.products),
        kind=an.outage.kind if an.outage else None,
        incident_date=an.outage.day.isoformat() if an.outage else None,
        summary=an.summary or None,
        has_text=True,
        has_date=doc.published_at is not None,
        has_author=bool(doc.author),
    )
    existing = session.scalars(select(Article).where(Article.url == doc.url)).one_or_none()
    if existing is not None and _owned_elsewhere(session, existing, doc, source_name):
        # a page (through its canonical URL) never changes, nor deletes, another source's article
        result.reason = "other-source"
        return result
    if not an.is_ai:
        result.reason = "not-ai"
        if existing is not None:
            # An article rewritten into something that is no longer AI news leaves the site.
            detach_article(session, existing)
            unindex_article(session, existing)
            session.delete(existing)
            session.flush()
        return result
    if existing is not None and existing.content_hash == prepared.content_hash:
        if doc.modified_at is not None and doc.modified_at != existing.modified_at:
            existing.modified_at = (
                doc.modified_at
            )  # the page says it was revised: show when, nothing else moves
            session.flush()
        result.status = "unchanged"
        result.article_id = existing.id
        result.incident_id = existing.incident_id
        return result
    now = datetime.now(UTC)
    source = source_for(session, doc, source_name)
    article = existing or Article(url=doc.url, fetched_at=now)
    if existing is not None:
        detach_article(session, existing)
        # Before the fields change: the SQLite index removes an entry by replaying the indexed text.
        unindex_article(session, existing)
    article.source_id = source.id
    article.title, article.summary, article.text = stored_texts(doc, an)
    article.author = doc.author
    article.published_at = doc.published_at
    article.modified_at = doc.modified_at
    article.date_source = doc.date_source
    article.date_precision = an.date_precision
    article.lead = doc.lead
    article.language = doc.language
    article.content_hash = prepared.content_hash
    article.is_ai = True
    article.updated_at = now
    article.is_outage = an.outage is not None
    o = an.outage
    article.outage_kind = o.kind if o else None
    article.outage_date = o.day if o else None
    article.outage_start = o.start if o else None
    article.outage_end = o.end if o else None
    article.outage_duration_minutes = o.duration_minutes if o else None
    article.outage_services = list(o.services) if o else []
    if existing is None:
        session.add(article)
    session.flush()
    _link_entities(session, article, an, fresh=existing is None)
    if o is not None:
        incident = attach_article(session, article, o)
        result.incident_id = incident.id
    entities = sorted(
        {("company", slug) for slug in an.companies} | {("product", slug) for slug in an.products}
    )
    index_article(session, article, prepared.search_text, ArticleFacts(source.slug, entities))
    result.status = "updated" if existing is not None else "stored"
    result.article_id = article.id
    return result


def _owned_elsewhere(session: Session, article: Article, doc: Document, source_name: str | None) -> bool:
    owner = session.get(Source, article.source_id)
    if owner is None:
        return False
    return owner.slug != slugify(source_name) if source_name else owner.domain != doc.domain


def _link_entities(session: Session, article: Article, an: Analysis, fresh: bool) -> None:
    if not fresh:  # a new row has no links yet
        session.execute(delete(ArticleEntity).where(ArticleEntity.article_id == article.id))
    ids = entity_ids(session)
    counts: dict[int, int] = {}
    for slug in an.companies:
        counts[ids[("company", slug)]] = an.mentions.get(f"company:{slug}", 0)
    for slug in an.products:
        counts[ids[("product", slug)]] = an.mentions.get(f"product:{slug}", 1)
    session.add_all(ArticleEntity(article_id=article.id, entity_id=e, mentions=c) for e, c in counts.items())
    session.flush()


def ingest_bytes(
    session: Session, raw: bytes, url: str | None = None, source_name: str | None = None
) -> IngestResult:
    """Prepare and store in one call (the path used by `veille ingest`)."""
    return store(session, prepare(raw, url=url), source_name)
