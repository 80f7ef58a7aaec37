"""The shapes services return: one per thing the pages and the API show.

Services build these; a page renders them with Jinja2 and its JSON twin dumps them with pydantic, so the two
cannot drift apart. Moments stay aware `datetime`s until then: templates format them in French (Paris time),
and the JSON encoder writes them as ISO 8601 in Paris time, the offset included (`2025-04-02T16:33:00+02:00`).
Fields a page needs but the API leaves out (months grouped for display) are marked `exclude=True`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from app.analysis.dates import iso_paris
from app.kinds import IncidentKind
from app.search.base import TOTAL_CAP
from app.verdicts import Verdict

CAP_FR = f"{TOTAL_CAP:,}".replace(",", "\u202f")  # "10 000"

# An aware moment, written in Paris time by the JSON encoder.
Moment = Annotated[dt.datetime, PlainSerializer(iso_paris, return_type=str, when_used="json")]


def _french_description(schema: dict[str, Any], model: type) -> None:
    """Class docstrings are English (they are code) but the OpenAPI page is read by people: a shape's schema
    carries its French `description_fr`, or no description at all."""
    schema.pop("description", None)
    french = getattr(model, "description_fr", "")
    if french:
        schema["description"] = french


class Shape(BaseModel):
    """Base of every shape: plain data, described in French in the OpenAPI schema."""

    model_config = ConfigDict(json_schema_extra=_french_description)
    description_fr: ClassVar[str] = ""


# The incident kind as the API documents it (the enum's own docstring is English: it is code).
Kind = Annotated[
    IncidentKind,
    WithJsonSchema(
        {
            "type": "string",
            "enum": [k.value for k in IncidentKind],
            "description": "type d'incident : outage (panne), degradation (dégradation), restriction",
        }
    ),
]


class Ref(Shape):
    """A company, product or source named by its slug."""

    description_fr: ClassVar[str] = (
        "Une entreprise, un produit ou une source, désignés par leur identifiant (slug)."
    )

    slug: str
    name: str


# --- articles -------------------------------------------------------------------------------------------------


class ArticleItem(Shape):
    """An article in a list: what it is, where and when it was published, what it names."""

    description_fr: ClassVar[str] = (
        "Un article dans une liste : titre, source, date, résumé, entités citées, panne signalée."
    )

    id: int
    url: str
    title: str
    source: Ref
    author: str | None
    published_at: Moment | None
    date_precision: str | None
    summary: str | None
    companies: list[Ref]
    products: list[Ref]
    is_outage: bool
    outage_kind: Kind | None
    outage_date: dt.date | None
    incident_id: int | None


class SearchHit(ArticleItem):
    """A search result: the article and an HTML-safe excerpt with the matched words in <mark>."""

    description_fr: ClassVar[str] = (
        "Un résultat de recherche : l'article et un extrait HTML où les mots trouvés sont dans <mark>."
    )

    snippet: str


class IncidentArticle(Shape):
    """An article as an incident lists it."""

    description_fr: ClassVar[str] = "Un article tel qu'un incident le liste."

    id: int
    url: str
    title: str
    source: Ref
    published_at: Moment | None
    date_precision: str | None


class CoverageArticle(IncidentArticle):
    """An article in an incident's coverage, with its summary and author."""

    description_fr: ClassVar[str] = (
        "Un article de la couverture d'un incident, avec son résumé et son auteur."
    )

    summary: str
    author: str | None


class OfficialUpdate(Shape):
    """One update posted on a status page."""

    description_fr: ClassVar[str] = "Une mise à jour publiée sur une page de statut."

    status: str | None
    body: str
    at: Moment | None


class OfficialItem(Shape):
    """An incident as the provider's status page describes it; updates oldest first."""

    description_fr: ClassVar[str] = (
        "L'incident tel que la page de statut du fournisseur le décrit ; mises à jour de la plus ancienne à la plus récente."
    )

    provider: str
    title: str
    url: str | None
    status: str | None
    impact: str | None
    started_at: Moment | None
    resolved_at: Moment | None
    updates: list[OfficialUpdate]


class IncidentItem(Shape):
    """An incident: one real-world event, dated by when it happened, with all the coverage it had."""

    description_fr: ClassVar[str] = (
        "Un incident : un événement réel, daté du jour où il a eu lieu (heure de Paris), avec toute sa couverture."
    )

    id: int
    date: dt.date
    date_precision: str | None
    kind: Kind
    title: str
    started_at: Moment | None
    ended_at: Moment | None
    duration_minutes: int | None
    origin: str
    companies: list[Ref]
    products: list[Ref]
    articles: list[IncidentArticle]
    official: list[OfficialItem]
    updated_at: Moment


class IncidentDetail(IncidentItem):
    """An incident page: coverage in publication order, with who reported it first and how soon."""

    description_fr: ClassVar[str] = (
        "La page d'un incident : la couverture dans l'ordre de publication, le premier signalement et son délai."
    )

    articles: list[CoverageArticle]  # type: ignore[assignment]  # a narrower item type than the list's
    first_report: CoverageArticle | None
    first_report_delay_minutes: int | None
    press_lead: list[PressLeadItem] = []


class RelatedArticles(Shape):
    description_fr: ClassVar[str] = (
        "Les articles sur le même incident, puis ceux qui citent les mêmes entités."
    )

    same_incident: list[IncidentArticle]
    same_entities: list[ArticleItem]


class ArticleDetail(ArticleItem):
    """An article page: the summary (never the full text), the outage it reports and related articles."""

    description_fr: ClassVar[str] = (
        "La page d'un article : le résumé (jamais le texte intégral), l'incident signalé et les articles liés."
    )

    outage_start: Moment | None
    outage_duration_minutes: int | None
    modified_at: Moment | None
    date_source: str | None
    incident: IncidentItem | None
    related: RelatedArticles


# --- search ---------------------------------------------------------------------------------------------------


class FacetCount(Shape):
    slug: str
    name: str
    count: int


class YearCount(Shape):
    year: int
    count: int


class OutageCount(Shape):
    value: bool
    name: str
    count: int


class Facets(Shape):
    """Counts over the matches; `based_on` says how many matches they were taken from."""

    description_fr: ClassVar[str] = (
        "Décomptes sur les résultats ; `based_on` dit sur combien de résultats ils ont été établis."
    )

    companies: list[FacetCount] = []
    products: list[FacetCount] = []
    sources: list[FacetCount] = []
    years: list[YearCount] = []
    outage: list[OutageCount] = []
    based_on: int = 0


class SearchResult(Shape):
    """One page of search results, the total (exact up to TOTAL_CAP) and the facets."""

    description_fr: ClassVar[str] = "Une page de résultats de recherche, le total et les facettes."

    total: int = Field(
        description=f"Nombre d'articles trouvés, exact jusqu'à {CAP_FR} ; au-delà, {CAP_FR} et `total_exact` "
        "vaut false."
    )
    total_exact: bool = Field(
        default=True,
        description=f"false quand plus de {CAP_FR} articles correspondent : `total` vaut alors {CAP_FR} et seuls "
        f"les {CAP_FR} premiers résultats se parcourent (une page au-delà est vide ; affinez la recherche).",
    )
    page: int
    per_page: int
    items: list[SearchHit]
    facets: Facets
    q_truncated: bool


# --- timeline ---------------------------------------------------------------------------------------------------


class ChartSeries(Shape):
    """One bar segment colour: the incidents counted under this company (each incident once, under the most
    affected company it hits), and `involved`, every incident of the chart's months that hits it."""

    slug: str
    name: str
    counts: list[int]
    involved: int = 0


class Chart(Shape):
    """Incidents per month: the total and the most affected companies ("Autres" for the rest). The series add
    up to the total: an incident that hits several companies counts once, under the highest ranked of them."""

    description_fr: ClassVar[str] = (
        "Incidents par mois : le total et les entreprises les plus touchées (« Autres » pour le reste). "
        "Chaque incident compte une fois, sous la plus touchée des entreprises qu'il concerne."
    )

    months: list[str] = []
    series: list[ChartSeries] = []
    incidents: list[int] = []
    total: int = 0


class Choice(Shape):
    slug: str
    name: str
    count: int


class TimelineChoices(Shape):
    """What the timeline can be narrowed to: entities and years that have incidents."""

    companies: list[Choice]
    products: list[Choice]
    years: list[int]
    kinds: list[Kind]


class Timeline(Shape):
    """One page of incidents, newest first, with the chart of the filtered incidents."""

    description_fr: ClassVar[str] = (
        "Une page d'incidents, du plus récent au plus ancien, et le graphique des incidents filtrés."
    )

    filters: dict[str, str | int]
    total: int
    page: int
    pages: int
    per_page: int
    items: list[IncidentItem]
    months: list[tuple[str, list[IncidentItem]]] = Field(default=[], exclude=True)
    chart: Chart
    choices: TimelineChoices | None = Field(default=None, exclude=True)


# --- entities ---------------------------------------------------------------------------------------------------


class CompanyCount(Shape):
    slug: str
    name: str
    articles: int
    incidents: int


class ProductCount(CompanyCount):
    company: str | None


class EntityList(Shape):
    """Companies and products that have articles or incidents, most cited first."""

    description_fr: ClassVar[str] = (
        "Les entreprises et produits qui ont des articles ou des incidents, les plus cités d'abord."
    )

    companies: list[CompanyCount]
    products: list[ProductCount]


class EntityYear(Shape):
    year: int
    incidents: int
    downtime_minutes: int
    with_duration: int


class EntityDetail(Shape):
    """A company or product: outages and known downtime per year, its incidents, its latest articles."""

    description_fr: ClassVar[str] = (
        "Une entreprise ou un produit : incidents et durée d'indisponibilité connue par année, incidents, derniers articles."
    )

    slug: str
    name: str
    kind: str
    company: Ref | None
    products: list[Ref]
    incident_count: int
    downtime_minutes: int
    per_year: list[EntityYear]
    incidents: list[IncidentItem]
    months: list[tuple[str, list[IncidentItem]]] = Field(default=[], exclude=True)
    article_count: int
    latest_articles: list[ArticleItem]
    press_lead: list[EntityLeadYear] = []


# --- sources ----------------------------------------------------------------------------------------------------


class ErrorCount(Shape):
    kind: str
    label: str
    count: int


class DateSourceShare(Shape):
    source: str
    label: str
    count: int
    share: float | None


class CrawlTimes(Shape):
    started_at: Moment | None
    finished_at: Moment | None


class SourceHealth(Shape):
    """A source's last crawl: counters, shares of pages with text/date/author, errors, alerts."""

    description_fr: ClassVar[str] = (
        "La dernière collecte d'une source : compteurs, part des pages avec texte, date et auteur, erreurs, alertes."
    )

    slug: str
    name: str
    kind: str
    homepage: str | None
    articles: int
    crawls: int
    last_crawl: CrawlTimes
    discovered: int
    fetched: int
    stored: int
    updated: int
    skipped: int
    unchanged: int
    errors: int
    errors_by_kind: list[ErrorCount]
    feed_ok: bool | None
    share_text: float | None
    share_date: float | None
    share_author: float | None
    stop_reason: str | None
    alerts: list[str]
    date_sources: list[DateSourceShare]


class CrawlWorkerInfo(Shape):
    """A `veille crawl` process registered in the database, with its last heartbeat."""

    description_fr: ClassVar[str] = (
        "Un processus de collecte (`veille crawl`) : machine, numéro de processus, pages réservées, dernier signe de vie."
    )

    hostname: str
    pid: int
    started_at: Moment
    heartbeat_at: Moment
    seconds_since_heartbeat: float
    pages_claimed: int
    crawling: bool  # in a pass (else waiting for the next one, --every)


class SourceHealthList(Shape):
    description_fr: ClassVar[str] = "Toutes les sources collectées, et les processus de collecte en vie."

    items: list[SourceHealth]
    workers: list[CrawlWorkerInfo] = []

    @property
    def sites(self) -> list[SourceHealth]:
        return [s for s in self.items if s.kind == "site"]

    @property
    def status_pages(self) -> list[SourceHealth]:
        return [s for s in self.items if s.kind != "site"]


class IncidentList(Shape):
    """Incidents for feeds and exports (no pagination: a feed is bounded by its own size)."""

    description_fr: ClassVar[str] = "Les incidents d'un export."

    count: int
    items: list[IncidentItem]


# --- live status and press lead -----------------------------------------------------------------------------------

VerdictField = Annotated[
    Verdict,
    WithJsonSchema(
        {
            "type": "string",
            "enum": [v.value for v in Verdict],
            "description": "verdict : operational (opérationnel), degraded (perturbé), down (en panne), unknown (inconnu)",
        }
    ),
]


class ComponentNow(Shape):
    """One status-page component of a service and its current status."""

    description_fr: ClassVar[str] = "Un composant de la page de statut et son état actuel."

    name: str
    group: str | None
    status: str
    status_fr: str


class OfficialNow(Shape):
    """What the service's official status page said at its last poll."""

    description_fr: ClassVar[str] = (
        "Ce que disait la page de statut officielle du service à sa dernière consultation : état (le pire de "
        "ses composants), heure de la dernière réponse exploitable, fraîcheur, erreur de la dernière tentative."
    )

    source: str
    provider: str
    status: str
    status_fr: str
    components: list[ComponentNow]
    checked_at: Moment | None
    fresh: bool
    error: str | None


class PressNow(Shape):
    """Recent press reports of an outage or a degradation of the service."""

    description_fr: ClassVar[str] = (
        "Les articles de presse des dernières heures qui signalent une panne ou une dégradation du service."
    )

    articles: int
    first_at: Moment | None
    last_at: Moment | None
    text: str


class OpenIncident(Shape):
    """An incident the service's line counts: press incident still open, or official incident unresolved."""

    description_fr: ClassVar[str] = "Un incident en cours pris en compte pour le service."

    id: int
    title: str
    kind: Kind
    origin: str
    started_at: Moment | None


class ServiceLine(Shape):
    """One followed service: its verdict and what it rests on."""

    description_fr: ClassVar[str] = (
        "Un service suivi : son verdict et ce sur quoi il repose (page de statut, presse, incidents en cours)."
    )

    name: str
    product: Ref
    company: Ref | None
    verdict: VerdictField
    verdict_fr: str
    reason: str
    status_page: str | None
    official: OfficialNow | None
    press: PressNow
    incidents: list[OpenIncident]


class LiveStatus(Shape):
    """The live status of every followed service, and the rules it follows."""

    description_fr: ClassVar[str] = (
        "L'état en direct des services d'IA suivis, bâti sur les pages de statut officielles et la presse, "
        "avec les règles du verdict."
    )

    services: list[ServiceLine]
    counts: dict[str, int]
    press_window_hours: float
    max_age_minutes: float
    rules: list[str]


class PressLeadItem(Shape):
    """How far the first article came before (positive) or after (negative) the official acknowledgement."""

    description_fr: ClassVar[str] = (
        "L'avance de la presse : minutes entre le premier article et la première mise à jour publiée par la "
        "page de statut (positif : la presse avant ; négatif : la presse après)."
    )

    provider: str
    first_article_at: Moment
    official_at: Moment
    minutes: int
    text: str


class EntityLeadYear(Shape):
    """The median press lead of an entity's incidents in one year."""

    description_fr: ClassVar[str] = (
        "L'avance médiane de la presse sur la page de statut, par année, sur les incidents qui ont les deux."
    )

    year: int
    median_minutes: float
    incidents: int
    text: str


# --- alerts ----------------------------------------------------------------------------------------------------


class AlertSubscriptionItem(Shape):
    """A subscription as shown: its destination masked (never the URL, address or secret), filters and state."""

    description_fr: ClassVar[str] = (
        "Un abonnement aux alertes : destination masquée (jamais l'adresse complète ni le secret), filtres, état."
    )

    id: int
    name: str
    channel: str
    channel_label: str
    destination: str
    company: Ref | None
    product: Ref | None
    kind: Kind | None
    events: list[str]
    active: bool
    disabled_at: Moment | None
    disabled_reason: str | None
    failing_since: Moment | None
    last_success_at: Moment | None
    created_at: Moment
    delivered: int
    waiting: int
    failed: int


class AlertDeliveryItem(Shape):
    """One alert sent (or to be sent) to one subscription."""

    description_fr: ClassVar[str] = "Une alerte envoyée (ou à envoyer) à un abonnement, avec son état."

    id: int
    event_id: str
    event_type: str
    event_label: str
    subscription_id: int
    subscription_name: str
    incident_id: int | None
    headline: str
    status: str
    status_label: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: Moment
    delivered_at: Moment | None
    next_attempt_at: Moment | None


class AlertsOverview(Shape):
    description_fr: ClassVar[str] = (
        "Les abonnements aux alertes et leurs envois récents (les plus récents d'abord)."
    )

    subscriptions: list[AlertSubscriptionItem]
    deliveries: list[AlertDeliveryItem]
