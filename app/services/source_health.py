"""Source health: the last crawl of every source, for the /sources page and its JSON twin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Article, CrawlRun, CrawlWorker, Source
from app.schemas import (
    CrawlTimes,
    CrawlWorkerInfo,
    DateSourceShare,
    ErrorCount,
    SourceHealth,
    SourceHealthList,
)

ERROR_LABELS = {
    "timeout": "délai dépassé",
    "connection": "connexion impossible",
    "gone": "page disparue (404/410)",
    "robots": "interdit par robots.txt",
    "too-large": "réponse trop volumineuse",
    "not-html": "contenu non HTML",
    "redirects": "trop de redirections",
    "no-text": "pas de texte trouvé",
    "no-title": "pas de titre",
    "no-url": "pas d'URL",
    "empty": "page vide",
    "binary": "contenu binaire",
    "store": "échec de l'enregistrement",
    "crash": "panne de la collecte",
    "feed-gone": "flux introuvable (404/410)",
    "feed-unreadable": "flux illisible",
    "status-unreadable": "JSON de statut illisible",
    "sitemap-unreadable": "sitemap illisible",
    "redirect-refused": "redirection hors du site refusée",
    "off-site": "adresse hors du site refusée",
    "forbidden-address": "adresse privée ou réservée refusée",
    "encoding": "encodage refusé (compression)",
    "crawl-delay": "Crawl-delay au-delà du plafond",
    "retry-after": "Retry-After au-delà du plafond",
    "other-source": "page d'une autre source non modifiée",
    "too-slow": "extraction trop longue (page abandonnée)",
    "too-heavy": "extraction trop gourmande en mémoire",
    "worker-died": "processus d'extraction arrêté",
}
LOW_SHARE = 0.5  # below this share of pages with text/date/author, the markup probably changed
# a crawl process beats every quarter of its lease (30 s by default): one silent for longer than this is gone
WORKER_SILENCE = timedelta(seconds=120)


def error_label(kind: str) -> str:
    """French label of an error kind (HTTP codes spelled out)."""
    if kind in ERROR_LABELS:
        return ERROR_LABELS[kind]
    for prefix, what in (("feed-", "flux"), ("sitemap-", "sitemap"), ("status-", "page de statut")):
        if kind.startswith(prefix):
            return f"{what} : {error_label(kind.removeprefix(prefix))}"
    if kind.startswith("http-"):
        return f"erreur HTTP {kind.removeprefix('http-')}"
    return kind


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def source_health(session: Session, items: list[SourceHealth] | None = None) -> SourceHealthList:
    """Every crawled source with its last run's counters, shares and alerts, and the crawl processes alive now.

    `items`: the sources' part when already known for this state of the data (it only changes with the data,
    and counting articles per source reads every row of the index; the live processes change with the clock)."""
    return SourceHealthList(
        items=source_items(session) if items is None else items, workers=live_workers(session)
    )


def source_items(session: Session) -> list[SourceHealth]:
    """Every crawled source with its last run's counters, shares and alerts (four queries)."""
    last_ids = select(func.max(CrawlRun.id)).group_by(CrawlRun.source_id)
    rows = session.execute(
        select(Source, CrawlRun)
        .join(CrawlRun, CrawlRun.source_id == Source.id)
        .where(CrawlRun.id.in_(last_ids))
        .order_by(Source.kind, Source.name)
    ).all()
    articles = dict(
        session.execute(select(Article.source_id, func.count()).group_by(Article.source_id)).all()
    )
    runs = dict(session.execute(select(CrawlRun.source_id, func.count()).group_by(CrawlRun.source_id)).all())
    by_date_source = _date_sources(session)
    items: list[SourceHealth] = []
    for src, run in rows:
        shares = {
            k: _share(getattr(run, f"with_{k}"), run.fetched) if src.kind == "site" else None
            for k in ("text", "date", "author")
        }
        alerts = []
        if run.stop_reason:
            alerts.append(f"collecte arrêtée : {run.stop_reason}")
        if run.feed_ok is False:
            alerts.append(
                "le flux ne répond pas" if src.kind == "site" else "la page de statut ne répond pas"
            )
        if run.finished_at is None:
            alerts.append("dernière collecte interrompue (reprise au prochain passage)")
        for k, label in (("text", "texte trouvé"), ("date", "date trouvée"), ("author", "auteur trouvé")):
            share = shares[k]
            if share is not None and run.fetched >= 3 and share < LOW_SHARE:
                alerts.append(f"{label} sur moins de la moitié des pages : la maquette a peut-être changé")
        items.append(
            SourceHealth(
                slug=src.slug,
                name=src.name,
                kind=src.kind,
                homepage=src.homepage,
                articles=articles.get(src.id, 0),
                crawls=runs.get(src.id, 0),
                last_crawl=CrawlTimes(started_at=run.started_at, finished_at=run.finished_at),
                discovered=run.discovered,
                fetched=run.fetched,
                stored=run.stored,
                updated=run.updated,
                skipped=run.skipped,
                unchanged=run.unchanged,
                errors=run.errors,
                errors_by_kind=[
                    ErrorCount(kind=k, label=error_label(k), count=n)
                    for k, n in sorted((run.errors_by_kind or {}).items(), key=lambda kv: -kv[1])
                ],
                feed_ok=run.feed_ok,
                share_text=shares["text"],
                share_date=shares["date"],
                share_author=shares["author"],
                stop_reason=run.stop_reason,
                alerts=alerts,
                date_sources=by_date_source.get(src.id, []),
            )
        )
    return items


def live_workers(session: Session) -> list[CrawlWorkerInfo]:
    """The crawl processes still running: not stopped, a heartbeat within WORKER_SILENCE (the database's
    clock on PostgreSQL, where processes of several machines write it)."""
    if session.get_bind().dialect.name == "postgresql":
        now = session.execute(select(func.clock_timestamp())).scalar_one()
    else:
        now = datetime.now(UTC)
    rows = session.scalars(
        select(CrawlWorker)
        .where(CrawlWorker.stopped_at.is_(None), CrawlWorker.heartbeat_at > now - WORKER_SILENCE)
        .order_by(CrawlWorker.hostname, CrawlWorker.pid)
    ).all()
    return [
        CrawlWorkerInfo(
            hostname=w.hostname,
            pid=w.pid,
            started_at=w.started_at,
            heartbeat_at=w.heartbeat_at,
            seconds_since_heartbeat=round(max(0.0, (now - w.heartbeat_at).total_seconds()), 1),
            pages_claimed=w.pages_claimed,
            crawling=w.round_started_at is not None,
        )
        for w in rows
    ]


DATE_SOURCE_LABELS = {
    "jsonld": "JSON-LD",
    "meta": "balises meta",
    "microdata": "microdonnées",
    "byline": "signature",
    "time": "balise time",
    "htmldate": "recherche dans la page",
    "url": "adresse (URL)",
    "none": "aucune",
}


def _date_sources(session: Session) -> dict[int, list[DateSourceShare]]:
    """Per source, the share of its stored articles per date source, largest first: a site whose dates
    suddenly come from the URL has changed its template. Articles stored before date sources were recorded
    are left out."""
    rows = session.execute(
        select(Article.source_id, Article.date_source, func.count())
        .where(Article.date_source.is_not(None))
        .group_by(Article.source_id, Article.date_source)
    ).all()
    totals: dict[int, int] = {}
    for source_id, _kind, n in rows:
        totals[source_id] = totals.get(source_id, 0) + n
    out: dict[int, list[DateSourceShare]] = {}
    for source_id, kind, n in sorted(rows, key=lambda r: (r[0], -r[2], r[1])):
        out.setdefault(source_id, []).append(
            DateSourceShare(
                source=kind or "none",
                label=DATE_SOURCE_LABELS.get(kind or "none", kind or "none"),
                count=n,
                share=_share(n, totals[source_id]),
            )
        )
    return out
