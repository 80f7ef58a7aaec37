"""Incidents: grouping outage articles into one entry per real-world event, and listing them.

The grouping is a pure function of the set of outage articles: two articles are linked when they share a service,
their outage days are at most one day apart and their kinds are compatible (a restriction is another event than
an outage of the same service). A restriction is keyed by the country or region it hits, read in the title (else the
lead, else the opening): two countries blocking one service on close days are two decisions; two articles on the
same country's restriction of one service are one event even when one calls it a « coupure » (an outage kind), and
even when one dates it on the announcement and the other on the day it took effect (up to RESTRICTION_WINDOW). Each ingest regroups only the neighbourhood of the article (closed under that link),
so the result is incremental and does not depend on ingest order. Services are compared with their platform
families (gazetteer `families`), so "API Gemini" + "Vertex AI" meets "Gemini" whatever the product granularity.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.alerts.events import record_incident_events
from app.analysis import OutageReport
from app.analysis.dates import PARIS
from app.analysis.discovered import parse_token
from app.analysis.entities import gazetteer
from app.analysis.refdate import best_precision
from app.analysis.regions import regions_named
from app.analysis.titles import incident_title
from app.kinds import SEVERITY_ORDER, IncidentKind
from app.models import Article, Incident, IncidentEntity
from app.services.entities import entity_ids
from app.textfold import fold
from app.write_locks import WriteLock, hold

GROUP_WINDOW = timedelta(days=1)
# A regional restriction announced weeks before it takes effect: articles date it on either day.
RESTRICTION_WINDOW = timedelta(days=21)


def serialise_incidents(session: Session) -> None:
    """Several crawl processes store on one PostgreSQL database: a regrouping must see the articles the others
    stored, or two of them would open two incidents for one event. The lock lasts until the transaction ends
    (the next statements see what the previous holder committed). SQLite has a single writer already."""
    hold(session, WriteLock.INCIDENTS)


def _linked(a: Article, b: Article) -> bool:
    return _window(a, b) is not None


def _window(a: Article, b: Article) -> int | None:
    """The days two articles' outage days may be apart and still report one event, or None when they cannot."""
    if a.outage_date is None or b.outage_date is None:
        return None
    restricted = (a.outage_kind == IncidentKind.RESTRICTION, b.outage_kind == IncidentKind.RESTRICTION)
    if not _service_keys(a) & _service_keys(b) and not (any(restricted) and _same_headline(a, b)):
        return None
    window = GROUP_WINDOW.days
    if any(restricted):
        ra, rb = _regions(a), _regions(b)
        if ra and rb:
            if not _overlap(ra, rb):
                return None  # two countries (or two states of one), two decisions
            if _overlap(_title_regions(a), _title_regions(b)):
                # the country is what both headlines are about: announced, then effective weeks later
                window = RESTRICTION_WINDOW.days
        elif not all(restricted):
            return None
    days = abs((a.outage_date - b.outage_date).days)
    return window if days <= window else None


def _same_headline(a: Article, b: Article) -> bool:
    """Both headlines name the same provider and the same country, and no two different products: "OpenAI coupe son
    API aux développeurs de Chine" and "API OpenAI coupée en Chine" report one restriction even when one article
    reads the service hit as a product it names in passing."""
    if not _overlap(_title_regions(a), _title_regions(b)):
        return False
    ca, pa = _title_entities(a.title or "")
    cb, pb = _title_entities(b.title or "")
    return bool(ca & cb) and not (pa and pb and not pa & pb)


@lru_cache(maxsize=4096)
def _title_entities(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The companies (products' makers included) and the products a headline names."""
    mentions = gazetteer().find(title)
    products = frozenset(m.entity.slug for m in mentions if m.entity.kind == "product")
    companies = frozenset(
        m.entity.company or m.entity.slug for m in mentions if m.entity.kind == "company" or m.entity.company
    )
    return companies, products


def _overlap(ra: frozenset[str], rb: frozenset[str]) -> bool:
    """Two sets of regions share one: the same key, or a state and its country ("us/va" meets "us", not "us/ny")."""
    return any(x == y or x.startswith(y + "/") or y.startswith(x + "/") for x in ra for y in rb)


def _regional(a: Article) -> bool:
    return a.outage_kind == IncidentKind.RESTRICTION and bool(_title_regions(a))


def _title_regions(a: Article) -> frozenset[str]:
    """The countries or regions the title itself is about (none recalled as a precedent)."""
    return _regions_of(a.title or "", "", "")


def _regions(a: Article) -> frozenset[str]:
    """The countries or regions an article's restriction is about: those of its title, else of its lead, else of
    its opening lines; a country recalled as a precedent ("Après l'Indonésie, …") does not count."""
    return _regions_of(a.title or "", a.lead or "", (a.text or "")[:300])


@lru_cache(maxsize=4096)
def _regions_of(title: str, lead: str, opening: str) -> frozenset[str]:
    for part in (title, lead, opening):
        keys = regions_named(fold(part))
        if keys:
            return keys
    return frozenset()


def _service_keys(a: Article) -> set[str]:
    """Services and their platform families: "API Gemini" and "Gemini" meet on the Gemini platform."""
    g = gazetteer()
    return {k for s in (a.outage_services or []) for k in g.service_keys(s)}


def _neighbourhood(session: Session, days: set[date], exclude: int | None) -> list[Article]:
    """Every outage article reachable from the given days through articles at most one day apart, or at most
    RESTRICTION_WINDOW apart for a restriction whose headline names a country (the article being grouped may be the
    other end of such a link: the first reach is that wide)."""
    lo, hi = min(days) - RESTRICTION_WINDOW, max(days) + RESTRICTION_WINDOW
    while True:
        q = select(Article).where(Article.is_outage.is_(True), Article.outage_date.between(lo, hi))
        arts = [a for a in session.scalars(q) if a.id != exclude]
        # a restriction keyed by a region reaches RESTRICTION_WINDOW away, any other article a day
        reach = [
            (a.outage_date, RESTRICTION_WINDOW if _regional(a) else GROUP_WINDOW)
            for a in arts
            if a.outage_date
        ] or [(lo + RESTRICTION_WINDOW, GROUP_WINDOW)]
        new_lo = min(min(d - w for d, w in reach), lo)
        new_hi = max(max(d + w for d, w in reach), hi)
        if (new_lo, new_hi) == (lo, hi):
            return sorted(arts, key=lambda a: (a.outage_date, a.url))
        lo, hi = new_lo, new_hi


def cluster(arts: list[Article]) -> list[list[Article]]:
    """Deterministic clusters: articles sorted by (day, URL) join the first cluster anchored within a day."""
    clusters: list[tuple[date, list[Article]]] = []
    dated = [(a.outage_date, a) for a in arts if a.outage_date is not None]
    for day, a in sorted(dated, key=lambda x: (x[0], x[1].url)):
        for anchor, members in clusters:
            # within a day of the cluster's first article, or of a member reporting the same regional restriction
            near = abs((day - anchor).days) <= GROUP_WINDOW.days
            if any((w := _window(a, m)) is not None and (near or w > GROUP_WINDOW.days) for m in members):
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
    # (on a tie, the services people use before the APIs behind them: "Claude et API d'Anthropic")
    ranked = [s for s, _ in sorted(services.items(), key=lambda kv: (-kv[1], kv[0].endswith("-api"), kv[0]))]
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
        found = parse_token(s)
        if found is not None:
            # a service the gazetteer does not know is no entity; the company the headline gave it is
            if found[1] and ("company", found[1]) in ids:
                wanted.add(ids[("company", found[1])])
        elif ("product", s) in ids:
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
