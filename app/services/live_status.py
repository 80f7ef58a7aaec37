"""The live status of the followed services: one verdict per service from what we hold right now.

The verdict of a service (`verdict_of`), the worst of what its signals say:

1. Its official status page, if one is followed and its last usable answer is at most `max_age` old: the worst
   status of the service's components. Major outage -> en panne; partial outage, degraded performance or
   maintenance -> perturbé; operational -> opérationnel. A page that lists every component (a Statuspage
   summary) but not the service's is no signal; a page that only lists what ongoing incidents hit (Google, or
   an incidents list) says "operational" for a component it does not name.
2. The press: an open press incident of the service's product. Open means: an outage or a degradation (a
   restriction is not a status), no end known yet (or one still ahead), no linked official incident resolved,
   started (or, without a start time, first reported on its own day) less than OPEN_FOR ago, and reported by
   at least one article published in the last PRESS_WINDOW. An outage -> en panne, a degradation -> perturbé.
3. Nothing above: inconnu (no status page followed, a page not answering usably for `max_age`, a component not
   found, and no press report). Silence of the press is not a signal: "opérationnel" needs a fresh status page.

Press reports shown on a line ("2 articles depuis 21 h 04", Paris time) are the service's outage and
degradation articles of the last PRESS_WINDOW whose page states its publication time, about incidents of today
or yesterday (Paris) — open or not.

The result depends on the clock as well as on the data: `live_stamp_part` hashes it into the data stamp
(app/http_cache.py), so the pages that show it are rebuilt when the board changes and only then.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.analysis.dates import PARIS
from app.kinds import IncidentKind
from app.models import Article, Entity, Incident, IncidentEntity, OfficialIncident, StatusCheck
from app.schemas import (
    ComponentNow,
    LiveStatus,
    OfficialNow,
    OpenIncident,
    PressNow,
    Ref,
    ServiceLine,
)
from app.scrapers.status_now import UNKNOWN, worst
from app.services.followed import FollowedService, load_followed
from app.services.press_lead import TIMED_SOURCES, first_article_at, of_provider
from app.templating import date_fr, plural, time_fr
from app.verdicts import COMPONENT_FR, Verdict

log = logging.getLogger(__name__)

PRESS_WINDOW = timedelta(hours=6)  # press reports counted on a line
OPEN_FOR = timedelta(
    hours=12
)  # a press incident without a known end is taken as ongoing this long after it began
FUTURE_SLACK = timedelta(minutes=10)  # an article dated a little ahead of our clock still counts
CLOSED = frozenset({"resolved", "postmortem", "completed"})
MAX_COMPONENTS_SHOWN = 12
_OFFICIAL_VERDICT = {
    "major_outage": Verdict.DOWN,
    "partial_outage": Verdict.DEGRADED,
    "degraded_performance": Verdict.DEGRADED,
    "under_maintenance": Verdict.DEGRADED,
    "operational": Verdict.OPERATIONAL,
}
_PRESS_VERDICT = {IncidentKind.OUTAGE: Verdict.DOWN, IncidentKind.DEGRADATION: Verdict.DEGRADED}
_RANK = {Verdict.OPERATIONAL: 0, Verdict.DEGRADED: 1, Verdict.DOWN: 2}


def rules(max_age: float) -> list[str]:
    """The rules above, as a reader gets them (the page and the API show them)."""
    return [
        "En panne : la page de statut officielle signale une panne majeure d'un composant du service, "
        "ou la presse rapporte une panne en cours.",
        "Perturbé : la page de statut signale une panne partielle, des performances dégradées ou une "
        "maintenance, ou la presse rapporte une dégradation en cours.",
        "Opérationnel : la page de statut, consultée il y a moins de "
        f"{_minutes(max_age)}, n'indique aucun problème et la presse ne rapporte aucune panne en cours.",
        "Inconnu : pas de page de statut suivie pour ce service, ou pas de réponse exploitable depuis plus de "
        f"{_minutes(max_age)}, et aucune panne en cours dans la presse.",
        f"Une panne rapportée par la presse est en cours tant qu'aucune fin n'est connue, que la page de statut "
        f"ne l'a pas déclarée résolue, qu'elle a commencé il y a moins de {int(OPEN_FOR.total_seconds() // 3600)} h "
        f"et qu'un article en a parlé dans les {int(PRESS_WINDOW.total_seconds() // 3600)} dernières heures. "
        "Les restrictions (quotas, inscriptions fermées) ne comptent pas : le service fonctionne.",
    ]


def _minutes(seconds: float) -> str:
    m = max(1, round(seconds / 60))
    return f"{m} min" if m < 120 else f"{m // 60} h"


@dataclass
class _Press:
    """What the press says about one product in the window."""

    articles: set[int] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None
    open: dict[int, OpenIncident] = field(default_factory=dict)

    def add(self, article_id: int, at: datetime) -> None:
        self.articles.add(article_id)
        self.first = at if self.first is None or at < self.first else self.first
        self.last = at if self.last is None or at > self.last else self.last


def _utc(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def _press(session: Session, products: set[str], now: datetime) -> dict[str, _Press]:
    """Per product: the window's press reports and its open press incidents (three queries)."""
    today = now.astimezone(PARIS).date()
    rows = session.execute(
        select(Article.id, Article.published_at, Incident, Entity.slug)
        .join(Incident, Incident.id == Article.incident_id)
        .join(IncidentEntity, IncidentEntity.incident_id == Incident.id)
        .join(Entity, Entity.id == IncidentEntity.entity_id)
        .where(
            Article.is_outage.is_(True),
            Article.published_at >= now - PRESS_WINDOW,
            Article.published_at <= now + FUTURE_SLACK,
            Article.date_source.in_(TIMED_SOURCES),
            Incident.kind != IncidentKind.RESTRICTION,
            Incident.date >= today - timedelta(days=1),
            Entity.kind == "product",
            Entity.slug.in_(sorted(products)),
        )
    ).all()
    out: dict[str, _Press] = {}
    incidents: dict[int, Incident] = {}
    for art_id, published, inc, slug in rows:
        out.setdefault(slug, _Press()).add(art_id, _utc(published))  # type: ignore[arg-type]
        incidents[inc.id] = inc
    if not incidents:
        return out
    ids = sorted(incidents)
    firsts = first_article_at(session, ids)
    resolved = {
        iid
        for iid, at, status in session.execute(
            select(OfficialIncident.incident_id, OfficialIncident.resolved_at, OfficialIncident.status).where(
                OfficialIncident.incident_id.in_(ids)
            )
        )
        if (at is not None and _utc(at) <= now) or (status or "").lower() in CLOSED  # type: ignore[operator]
    }
    open_ids = {iid for iid, inc in incidents.items() if _open(inc, firsts.get(iid), iid in resolved, now)}
    for _art_id, _published, inc, slug in rows:
        if inc.id in open_ids:
            out[slug].open[inc.id] = OpenIncident(
                id=inc.id,
                title=inc.title,
                kind=IncidentKind(inc.kind),
                origin=inc.origin,
                started_at=inc.started_at,
            )
    return out


def _open(inc: Incident, first: datetime | None, resolved: bool, now: datetime) -> bool:
    """Whether a press incident is still going on (rule 2)."""
    ended = _utc(inc.ended_at)
    if resolved or (ended is not None and ended <= now):
        return False
    start = _utc(inc.started_at)
    if start is None and first is not None and first.astimezone(PARIS).date() == inc.date:
        start = first  # reported on the day it happened: the first report stands for the start
    return start is not None and now - OPEN_FOR <= start <= now + FUTURE_SLACK


def _official(
    svc: FollowedService, check: StatusCheck | None, now: datetime, max_age: float
) -> OfficialNow | None:
    if svc.status_source is None or check is None:
        return None
    comps = [
        c
        for c in check.components or []
        if isinstance(c, dict) and isinstance(c.get("name"), str) and svc.covers(c["name"], c.get("group"))
    ]
    if comps:
        status = worst([str(c.get("status")) for c in comps])
    else:
        status = UNKNOWN if check.complete else "operational"  # a list of troubles that does not name it
    checked = _utc(check.ok_at)
    fresh = checked is not None and (now - checked).total_seconds() <= max_age
    shown = sorted(comps, key=lambda c: (c.get("status") == "operational", str(c["name"])))
    return OfficialNow(
        source=check.source,
        provider=check.provider,
        status=status,
        status_fr=COMPONENT_FR.get(status, status),
        components=[
            ComponentNow(
                name=c["name"],
                group=c.get("group"),
                status=str(c.get("status")),
                status_fr=COMPONENT_FR.get(str(c.get("status")), str(c.get("status"))),
            )
            for c in shown[:MAX_COMPONENTS_SHOWN]
        ],
        checked_at=checked,
        fresh=fresh,
        error=check.error,
    )


def verdict_of(official: OfficialNow | None, press_open: list[OpenIncident]) -> Verdict:
    """The worst of the fresh official status and the open press incidents; inconnu without either."""
    found = [_PRESS_VERDICT[i.kind] for i in press_open if i.kind in _PRESS_VERDICT]
    if official is not None and official.fresh and official.status in _OFFICIAL_VERDICT:
        found.append(_OFFICIAL_VERDICT[official.status])
    return max(found, key=_RANK.__getitem__) if found else Verdict.UNKNOWN


def moment_fr(at: datetime, now: datetime) -> str:
    """'21 h 04' today, 'hier à 23 h 10', 'le 3 décembre 2026 à 9 h 15' (Paris time; the time never breaks
    across lines: no-break spaces)."""
    day, today = at.astimezone(PARIS).date(), now.astimezone(PARIS).date()
    clock = time_fr(at).replace(" ", "\u00a0")
    if day == today:
        return clock
    if day == today - timedelta(days=1):
        return f"hier à {clock}"
    return f"le {date_fr(at, weekday=False)} à {clock}"


def _reason(
    verdict: Verdict, official: OfficialNow | None, press: _Press | None, svc: FollowedService, now: datetime
) -> str:
    """Why the line says what it says, in one French sentence."""
    page = f"la page de statut {of_provider(official.provider)}" if official is not None else ""
    press_open = press is not None and bool(press.open)
    official_bad = (
        official is not None
        and official.fresh
        and _OFFICIAL_VERDICT.get(official.status)
        in (
            Verdict.DOWN,
            Verdict.DEGRADED,
        )
    )
    if verdict in (Verdict.DOWN, Verdict.DEGRADED):
        who = [page] if official_bad else []
        if press_open:
            who.append("la presse")
        return "Selon " + " et ".join(who) + "."
    if verdict is Verdict.OPERATIONAL:
        return f"Ni {page} ni la presse ne signalent de problème."
    if svc.status_source is None:
        return "Aucune page de statut suivie pour ce service, et rien dans la presse."
    if official is None:
        return "Page de statut pas encore consultée, et rien dans la presse."
    if not official.fresh:
        if official.checked_at is None:
            return f"Aucune réponse exploitable de {page} pour l'instant."
        return f"Pas de réponse exploitable de {page} depuis {moment_fr(official.checked_at, now)}."
    return f"Le service n'apparaît pas sur {page}."


def live_status(
    session: Session, services: tuple[FollowedService, ...], now: datetime, max_age: float
) -> LiveStatus:
    """One line per followed service, in the order of the followed-services file (four small queries)."""
    checks = {c.source: c for c in session.scalars(select(StatusCheck))}
    press = _press(session, {s.product for s in services}, now)
    lines = []
    for svc in services:
        official = _official(svc, checks.get(svc.status_source or ""), now, max_age)
        p = press.get(svc.product)
        open_list = sorted((p.open.values() if p else []), key=lambda i: i.id)
        verdict = verdict_of(official, open_list)
        n = len(p.articles) if p else 0
        text = f"{plural(n, 'article')} depuis {moment_fr(p.first, now)}" if p and p.first else ""
        lines.append(
            ServiceLine(
                name=svc.name,
                product=Ref(slug=svc.product, name=svc.product_name),
                company=Ref(slug=svc.company, name=svc.company_name or svc.company) if svc.company else None,
                verdict=verdict,
                verdict_fr=verdict.label_fr,
                reason=_reason(verdict, official, p, svc, now),
                status_page=svc.status_source,
                official=official,
                press=PressNow(
                    articles=n, first_at=p.first if p else None, last_at=p.last if p else None, text=text
                ),
                incidents=open_list,
            )
        )
    counts = {v.value: sum(1 for line in lines if line.verdict == v) for v in Verdict}
    return LiveStatus(
        services=lines,
        counts=counts,
        press_window_hours=PRESS_WINDOW.total_seconds() / 3600,
        max_age_minutes=max_age / 60,
        rules=rules(max_age),
    )


def board_moment(board: LiveStatus, max_age: float, now: datetime) -> datetime | None:
    """The latest moment the board rests on (for Last-Modified): a poll, a page going stale, a report."""
    moments: list[datetime] = []
    for line in board.services:
        o = line.official
        if o is not None and o.checked_at is not None:
            moments.append(o.checked_at if o.fresh else o.checked_at + timedelta(seconds=max_age))
        if line.press.last_at is not None:
            moments.append(line.press.last_at)
    moments = [m for m in moments if m <= now]
    return max(moments) if moments else None


def live_stamp_part(
    services_file: Path, max_age: float
) -> Callable[[Connection], tuple[str, datetime | None]]:
    """A part of the data stamp: the board's digest (it changes when the board does, data or clock)."""

    def part(conn: Connection) -> tuple[str, datetime | None]:
        now = datetime.now(UTC)
        try:
            with Session(bind=conn) as session:
                board = live_status(session, load_followed(services_file), now, max_age)
        except Exception:  # every cached page reads the stamp: a broken board must not take them down
            log.exception("live status not computed for the stamp")
            return "etat:?", None
        digest = hashlib.blake2b(board.model_dump_json().encode(), digest_size=8).hexdigest()
        return f"etat:{digest}", board_moment(board, max_age, now)

    return part
