"""Tables only: no queries, no I/O. The schema itself lives in app/migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from app.db import Base


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored in UTC on every backend.

    SQLite has no time zone type: without this, an offset would be silently dropped and the stored wall times
    would mix Paris and UTC conventions. Naive values are taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


TZDateTime = UTCDateTime()


class Source(Base):
    """A publication (site) or an official status page."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str | None] = mapped_column(String(255))
    homepage: Mapped[str | None] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(20), default="site")  # site | statuspage
    # set while a `veille crawl --refresh` of the source is under way: pages fetched before it still need a check
    refresh_started_at: Mapped[datetime | None] = mapped_column(TZDateTime)


class Entity(Base):
    """A company or an AI product; a product points at its company."""

    __tablename__ = "entity"
    __table_args__ = (UniqueConstraint("kind", "slug", name="uq_entity_kind_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # company | product
    company_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))

    company: Mapped[Entity | None] = relationship(remote_side=[id], lazy="raise")


class Incident(Base):
    """One real-world outage, degradation or restriction, whatever the number of articles."""

    __tablename__ = "incident"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)  # Europe/Paris day it started
    kind: Mapped[str] = mapped_column(String(20))  # outage | degradation | restriction
    title: Mapped[str] = mapped_column(String(300))
    started_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(10), default="press")  # press | official
    # exact | inferred | approximate: how sure `date` is (the best of its articles)
    date_precision: Mapped[str] = mapped_column(String(12), default="exact", server_default="exact")
    created_at: Mapped[datetime] = mapped_column(TZDateTime)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)


class IncidentEntity(Base):
    """The companies and products an incident hit."""

    __tablename__ = "incident_entity"
    # An entity's incidents from the index alone (migration 0011_incident_entity_by_entity).
    __table_args__ = (Index("ix_incident_entity_entity_incident", "entity_id", "incident_id"),)

    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)


class Article(Base):
    """An AI news article, stored once per canonical URL."""

    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_published_at", "published_at"),
        Index("ix_article_updated_at", "updated_at"),
        # The source health counts dates per source from this index, not from the rows (which hold the text).
        Index("ix_article_source_date_source", "source_id", "date_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    title: Mapped[str] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    modified_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # a later revision the page states
    date_source: Mapped[str | None] = mapped_column(String(20))  # where published_at came from (app.pagedate)
    # exact (the page's own date) | inferred (text or URL) | approximate (first seen): dates its outage too
    date_precision: Mapped[str] = mapped_column(String(12), default="exact", server_default="exact")
    lead: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(10))
    content_hash: Mapped[str] = mapped_column(String(64))
    is_ai: Mapped[bool] = mapped_column(Boolean, default=True)
    is_outage: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    outage_kind: Mapped[str | None] = mapped_column(String(20))
    outage_date: Mapped[date | None] = mapped_column(Date)
    outage_start: Mapped[datetime | None] = mapped_column(TZDateTime)
    outage_end: Mapped[datetime | None] = mapped_column(TZDateTime)
    outage_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    outage_services: Mapped[list[str]] = mapped_column(JSON, default=list)  # product/company slugs hit
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), index=True
    )
    fetched_at: Mapped[datetime] = mapped_column(TZDateTime)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime)

    source: Mapped[Source] = relationship(lazy="raise")
    incident: Mapped[Incident | None] = relationship(lazy="raise")


class ArticleEntity(Base):
    """Which entities an article names, and how often."""

    __tablename__ = "article_entity"
    # The newest articles of an entity, from the index alone (migration 0009_i14scale).
    __table_args__ = (Index("ix_article_entity_entity_article", "entity_id", "article_id"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    mentions: Mapped[int] = mapped_column(Integer, default=1)


class OfficialIncident(Base):
    """An incident published by a provider's status page."""

    __tablename__ = "official_incident"
    __table_args__ = (UniqueConstraint("provider", "external_id", name="uq_official_incident_provider"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(100))  # e.g. openai, anthropic, google
    external_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str | None] = mapped_column(String(40))
    impact: Mapped[str | None] = mapped_column(String(40))
    started_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    url: Mapped[str | None] = mapped_column(String(2000))
    components: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    products: Mapped[list[str]] = mapped_column(JSON, default=list)  # our product slugs
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)


# literal SQL, so that both engines can match a query to its partial index (bound parameters cannot prove it)
PAGE_WHERE = "kind = 'page'"
TO_FETCH_WHERE = "kind = 'page' AND state IN ('pending', 'error')"


class FetchState(Base):
    """What the crawler remembers about one URL (feed or page): validators, outcome, gone."""

    __tablename__ = "fetch_state"
    # Partial indexes for the frontier (crawl_frontier.claim, crawl_state.pages_to_fetch): the pages still to
    # fetch in discovery order, and the known pages by the time they were last checked (a refresh). Without
    # them a claim of four pages read every row of its source (83 ms at 300,000 pages on PostgreSQL).
    __table_args__ = (
        Index(
            "ix_fetch_state_todo",
            "source_id",
            "discovered_at",
            "id",
            sqlite_where=text(TO_FETCH_WHERE),
            postgresql_where=text(TO_FETCH_WHERE),
        ),
        Index(
            "ix_fetch_state_checked",
            "source_id",
            "fetched_at",
            "id",
            sqlite_where=text(PAGE_WHERE),
            postgresql_where=text(PAGE_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="page")  # page | feed | sitemap | status
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    http_status: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending | done | gone | error
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    discovered_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    # the frontier (PostgreSQL, several crawl processes): the worker that claimed the page, until when, and
    # for which pass (crawl_run) it was last claimed; a lease past its time belongs to a dead worker
    lease_owner: Mapped[int | None] = mapped_column(Integer, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(TZDateTime)
    run_id: Mapped[int | None] = mapped_column(Integer)


class CrawlRun(Base):
    """One crawl of one source, with its counters, for the source-health page."""

    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(TZDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    discovered: Mapped[int] = mapped_column(Integer, default=0)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    with_text: Mapped[int] = mapped_column(Integer, default=0)
    with_date: Mapped[int] = mapped_column(Integer, default=0)
    with_author: Mapped[int] = mapped_column(Integer, default=0)
    errors_by_kind: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    feed_ok: Mapped[bool | None] = mapped_column(Boolean)
    stop_reason: Mapped[str | None] = mapped_column(Text)  # why the source stopped early (French)
    # a pass shared by several crawl processes (PostgreSQL): kept alive by its workers' heartbeats until
    # lease_until; discovered_at is set once its feeds and sitemaps are read (the pages can then be claimed)
    lease_until: Mapped[datetime | None] = mapped_column(TZDateTime)
    discovered_at: Mapped[datetime | None] = mapped_column(TZDateTime)


class StatusCheck(Base):
    """What one official status page said at its last poll: its components' current status (app/services/status_poll)."""

    __tablename__ = "status_check"
    __table_args__ = (UniqueConstraint("source", name="uq_status_check_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))  # the status-page source's name in the sources file
    provider: Mapped[str] = mapped_column(String(100))
    polled_at: Mapped[datetime] = mapped_column(TZDateTime)  # last attempt
    ok_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # last usable answer (304 included)
    error: Mapped[str | None] = mapped_column(Text)  # French, when the last attempt failed
    # True: `components` lists every component (Statuspage summary); False: only those hit by an ongoing
    # incident (derived from incidents), every other component being operational
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    components: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{name, group, status}]
    changed_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # when a component's status last changed


class DataStamp(Base):
    """The one row every write to what pages show bumps (database triggers, migration 0009): the state of the
    data that web processes build their ETags and Last-Modified from (app/http_cache.py)."""

    __tablename__ = "data_stamp"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # always 1
    version: Mapped[int] = mapped_column(BigInteger)  # bumps so far (one per transaction on PostgreSQL)
    token: Mapped[str] = mapped_column(String(64))  # new random value at every bump
    changed_at: Mapped[int] = mapped_column(BigInteger)  # Unix seconds of the last bump, never going back
    build: Mapped[str | None] = mapped_column(String(64))  # the code build that last served the data


class CrawlWorker(Base):
    """One `veille crawl` process: where it runs, what it claimed, when it last gave a sign of life."""

    __tablename__ = "crawl_worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(TZDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    pages_claimed: Mapped[int] = mapped_column(Integer, default=0)
    round_started_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # None between two passes
    stopped_at: Mapped[datetime | None] = mapped_column(TZDateTime)


class CrawlHost(Base):
    """Politeness shared by crawl processes: one row per host (scheme://host:port), its next allowed request
    time, and the worker fetching from it right now (until lease_until)."""

    __tablename__ = "crawl_host"

    host: Mapped[str] = mapped_column(String(300), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(TZDateTime)
    lease_owner: Mapped[int | None] = mapped_column(Integer)
    lease_until: Mapped[datetime | None] = mapped_column(TZDateTime)


class AlertSubscription(Base):
    """Where alerts go (a webhook, a chat, ntfy or e-mail) and which incidents they are about."""

    __tablename__ = "alert_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))  # webhook | slack | mattermost | discord | ntfy | email
    target: Mapped[str] = mapped_column(String(2000))  # the URL or the e-mail address: secret, never shown
    secret: Mapped[str | None] = mapped_column(String(200))  # HMAC key (webhook) or access token (ntfy)
    company: Mapped[str | None] = mapped_column(String(100))  # entity slugs; None: any
    product: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(20))  # incident kind; None: any
    events: Mapped[list[str]] = mapped_column(JSON, default=list)  # event types; empty: all
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    disabled_reason: Mapped[str | None] = mapped_column(Text)  # French
    failing_since: Mapped[datetime | None] = mapped_column(TZDateTime)  # first failure since the last success
    last_success_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    created_at: Mapped[datetime] = mapped_column(TZDateTime)


class AlertEvent(Base):
    """Something alert-worthy that happened to an incident, with the facts the alert tells (a snapshot)."""

    __tablename__ = "alert_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # the public event id receivers deduplicate on
    # one event per incident and type: "<incident id>@<incident created_at>/<type>" (ids can be reused)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(20))  # new | confirmed | resolved | official | test
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), index=True
    )
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(TZDateTime)


class AlertDelivery(Base):
    """The outbox: one event for one subscription, written with the change that caused the event."""

    __tablename__ = "alert_delivery"
    __table_args__ = (
        UniqueConstraint("event_id", "subscription_id", name="uq_alert_delivery_event"),
        Index("ix_alert_delivery_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("alert_event.id", ondelete="CASCADE"))
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("alert_subscription.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(
        String(12), default="pending"
    )  # pending | delivered | failed | abandoned
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(TZDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(TZDateTime)  # a sender is sending it until then
    last_status: Mapped[int | None] = mapped_column(Integer)  # HTTP status (or SMTP code) of the last try
    last_error: Mapped[str | None] = mapped_column(Text)  # French, never a secret
    created_at: Mapped[datetime] = mapped_column(TZDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)


class WarcImport(Base):
    """Where `veille ingest --warc` is in one WARC file: the offset after the last record whose outcome is
    stored (the next run starts there), committed with the articles of that record."""

    __tablename__ = "warc_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the file's first 8 KiB and of the import's scope (declared sources or every site): the same
    # archive under another name or path resumes too
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))  # the file's name when last imported
    next_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)  # records read before `next_offset`
    finished: Mapped[bool] = mapped_column(Boolean, default=False)  # read to its end
    updated_at: Mapped[datetime] = mapped_column(TZDateTime)
