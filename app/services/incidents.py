"""Incidents: grouping outage articles into one entry per real-world event, and listing them.

The grouping is a pure function of the set of outage articles: two articles are linked when they share a service,
their outage days are at most one day apart and their kinds are compatible (a restriction is another event than
an outage of the same service). Each ingest regroups only the neighbourhood of the article (closed under that link),
so the result is incremental and does not depend on ingest order. Services are compared with their platform
families (gazetteer `families`), so "API Gemini" + "Vertex AI" meets "Gemini" whatever the product granularity.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from app.alerts.events import record_incident_events
from app.analysis import OutageReport
from app.analysis.dates import PARIS
from app.analysis.entities import gazetteer
from app.analysis.refdate import best_precision
from app.analysis.titles import incident_title
from app.kinds import SEVERITY_ORDER, IncidentKind
from app.models import Article, Incident, IncidentEntity
from app.services.entities import entity_ids

GROUP_WINDOW = timedelta(days=1)
INCIDENTS_LOCK = 0x76696132  # PostgreSQL advisory lock key: one transaction at a time regroups incidents


def serialise_incidents(session: Session) -> None:
    """Several crawl processes store on one PostgreSQL database: a regrouping must see the articles the others
    stored, or two of them would open two incidents for one event. The lock lasts until the transaction ends
    (the next statements see what the previous holder committed). SQLite has a single writer already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INCIDENTS_LOCK})


def _linked(a: Article, b: Article) -> bool:
    if a.outage_date is None or b.outage_date is None:
        return False
    if abs((a.outage_date - b.outage_date).days) > GROUP_WINDOW.days:
        return False
    if (a.outage_kind == IncidentKind.RESTRICTION) != (b.outage_kind == IncidentKind.RESTRICTION):
        return False
    return bool(_service_keys(a) & _service_keys(b))


def _service_keys(a: Article) -> set[str]:
    """Services and their platform families: "API Gemini" and "Gemini" meet on the Gemini platform."""
    g = gazetteer()
    return {k for s in (a.outage_services or []) for k in g.service_keys(s)}


def _neighbourhood(session: Session, days: set[date], exclude: int | None) -> list[Article]:
    """Every outage article reachable from the given days through articles at most one day apart."""
    lo, hi = min(days) - GROUP_WINDOW, max(days) + GROUP_WINDOW
    while True:
        q = select(Article).where(Article.is_outage.is_(True), Article.outage_date.between(lo, hi))
        arts = [a for a in session.scalars(q) if a.id != exclude]
        dates = [a.outage_date for a in arts if a.outage_date] or [lo + GROUP_WINDOW]
        new_lo, new_hi = min(min(dates) - GROUP_WINDOW, lo), max(max(dates) + GROUP_WINDOW, hi)
        if (new_lo, new_hi) == (lo, hi):
            return sorted(arts, key=lambda a: (a.outage_date, a.url))
        lo, hi = new_lo, new_hi


def cluster(arts: list[Article]) -> list[list[Article]]:
    """Deterministic clusters: articles sorted by (day, URL) join the first cluster anchored within a day."""
    clusters: list[tuple[date, list[Article]]] = []
    dated = [(a.outage_date, a) for a in arts if a.outage_date is not None]
    for day, a in sorted(dated, key=lambda x: (x[0], x[1].url)):
        for anchor, members in clusters:
            if abs((day - anchor).days) <= GROUP_WINDOW.days and any(_linked(a, m) for m in members):
                members.append(a)
                break
        else:
            clusters.append((day, [a]))
    return [members for _, members in clusters]


def regroup(session: Session, days: set[date], exclude: int | None = None) -> dict[int, Incident]:
    """Recompute the incidents of the articles around the given days; article id -> its incident. Flushes."""
    serialise_incidents(session)
    arts = _neighbourhood(session, days, exclude)
    before = {a.id: a.incident_id for a in arts}  # membership before regrouping
    if exclude is not None:
        excluded = session.get(Article, exclude)
        if excluded is not None and excluded.incident_id is not None:
            before[exclude] = excluded.incident_id
    old_ids = {i for i in before.values() if i is not None}
    old = (
        {i.id: i for i in session.scalars(select(Incident).where(Incident.id.in_(old_ids)))}
        if old_ids
        else {}
    )
    press = {i for i, inc in old.items() if inc.origin == "press"}
    claimed: set[int] = set()
    out: dict[int, Incident] = {}
    now = datetime.now(UTC)
    for members in cluster(arts):
        votes = Counter(
            a.incident_id for a in members if a.incident_id in press and a.incident_id not in claimed
        )
        if votes:
            inc_id = sorted(votes, key=lambda i: (-votes[i], i))[0]
            inc = old[inc_id]
        else:
            inc = Incident(
                date=members[0].outage_date,
                kind=members[0].outage_kind or IncidentKind.OUTAGE,
                title="",
                created_at=now,
                updated_at=now,
            )
            session.add(inc)
            session.flush()
        claimed.add(inc.id)
        for a in members:
            a.incident_id = inc.id
            out[a.id] = inc
    if exclude is not None and (excluded := session.get(Article, exclude)) is not None:
        excluded.incident_id = None
    session.flush()
    for inc_id in sorted(press - claimed):
        left = session.scalar(select(func.count()).where(Article.incident_id == inc_id))
        if not left:
            session.delete(old[inc_id])
    # Only incidents whose articles changed are recomputed: an article's content only changes through a
    # detach (it leaves its incident) and an attach (it joins one), so an unchanged membership means an
    # unchanged incident (most of a neighbourhood, when one article comes in).
    for inc in {id(i): i for i in out.values()}.values():
        if _members(out, inc.id) != {a for a, i in before.items() if i == inc.id}:
            refresh_incident(session, inc)
    session.flush()
    # the alert outbox is written in this transaction: a crash never loses an alert (app/alerts/events.py)
    record_incident_events(session, {id(i): i for i in out.values()}.values())
    return out


def _members(assignment: dict[int, Incident], incident_id: int) -> set[int]:
    return {a for a, inc in assignment.items() if inc.id == incident_id}


def attach_article(session: Session, article: Article, report: OutageReport) -> Incident:
    """Put an outage article in its incident (joining or opening one) and regroup its neighbourhood. Flushes."""
    session.flush()
    return regroup(session, {report.day})[article.id]


def detach_article(session: Session, article: Article) -> None:
    """Take an article out of its incident; an incident left without articles goes away. Flushes."""
    if article.id is None or (article.incident_id is None and not article.is_outage):
        return
    days = {article.outage_date} if article.outage_date else set()
    if article.incident_id is not None:
        inc = session.get(Incident, article.incident_id)
        if inc is not None:
            days.add(inc.date)
    if not days:
        article.incident_id = None
        session.flush()
        return
    regroup(session, days, exclude=article.id)


def refresh_incident(session: Session, inc: Incident) -> None:
    """Recompute date, kind, times, title and entities from the incident's articles."""
    arts = session.scalars(
        select(Article).where(Article.incident_id == inc.id).order_by(Article.published_at, Article.url)
    ).all()
    if not arts:
        return
    # a day given by a dated page outweighs days guessed from undated ones
    sure = best_precision([a.date_precision for a in arts])
    days = Counter(a.outage_date for a in arts if a.outage_date and a.date_precision == sure)
    if days:
        top = max(days.values())
        inc.date = min(d for d, c in days.items() if c == top)
    inc.date_precision = sure
    kinds = Counter(a.outage_kind for a in arts if a.outage_kind)
    order: dict[str, int] = {k: n for n, k in enumerate(SEVERITY_ORDER)}
    inc.kind = sorted(kinds, key=lambda k: (-kinds[k], order.get(k, 9)))[0] if kinds else inc.kind
    # the earliest start reported on the incident's (Paris) day
    starts = sorted(s for s in (a.outage_start for a in arts) if s and s.astimezone(PARIS).date() == inc.date)
    inc.started_at = starts[0] if starts else None
    ends = sorted(e for e in (a.outage_end for a in arts) if e)
    inc.ended_at = ends[-1] if ends else None
    durations = Counter(a.outage_duration_minutes for a in arts if a.outage_duration_minutes)
    if inc.started_at and inc.ended_at and inc.ended_at > inc.started_at:
        inc.duration_minutes = int((inc.ended_at - inc.started_at).total_seconds() // 60)
    else:
        # the most reported duration, the longest on a tie (later articles know more)
        inc.duration_minutes = sorted(durations, key=lambda d: (-durations[d], -d))[0] if durations else None
    services: Counter[str] = Counter(s for a in arts for s in (a.outage_services or []))
    ranked = [s for s, _ in sorted(services.items(), key=lambda kv: (-kv[1], kv[0]))]
    # the title names what most articles name; a service cited by one article in three stays in the entities
    named = [s for s in ranked if services[s] * 2 >= len(arts)] or ranked[:1]
    inc.title = incident_title(inc.kind, named, [(a.title, a.text) for a in arts])[:300]
    inc.updated_at = datetime.now(UTC)
    link_incident_entities(session, inc, ranked)
    session.flush()


def link_incident_entities(session: Session, inc: Incident, services: list[str]) -> None:
    """Point an incident at the products it hit and their companies (slugs of either kind)."""
    g = gazetteer()
    ids = entity_ids(session)
    wanted: set[int] = set()
    for s in services:
        if ("product", s) in ids:
            wanted.add(ids[("product", s)])
            company = g.company_of(s)
            if company:
                wanted.add(ids[("company", company.slug)])
        elif ("company", s) in ids:
            wanted.add(ids[("company", s)])
    linked = set(
        session.scalars(select(IncidentEntity.entity_id).where(IncidentEntity.incident_id == inc.id))
    )
    if linked == wanted:  # the usual case when an article joins an incident: nothing to rewrite
        return
    session.execute(delete(IncidentEntity).where(IncidentEntity.incident_id == inc.id))
    session.add_all(IncidentEntity(incident_id=inc.id, entity_id=e) for e in sorted(wanted))
