"""French AI-news analysis: pure functions from a Document to an Analysis.

Each step lives in its own module (entities, relevance, outages, summary) so that it can be replaced alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.kinds import IncidentKind

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document


@dataclass(frozen=True)
class OutageReport:
    """The primary outage an article reports."""

    kind: IncidentKind
    day: date  # Europe/Paris day it started
    services: tuple[str, ...]  # product slugs hit (company slugs when no product is named)
    companies: tuple[str, ...]
    start: datetime | None = None
    end: datetime | None = None
    duration_minutes: int | None = None
    recovered: bool = False  # the article says the service is back
    date_precision: str = "exact"  # exact | inferred | approximate (see app/analysis/refdate.py)
    # body sentences that say what broke and when (offsets in "title\nlead\ntext"): a summary keeps them
    report_spans: tuple[tuple[int, int], ...] = ()
    # rules | model (the learned fallback, app/analysis/learned.py): kept apart in the analysis, not shown to users
    detected_by: str = "rules"
    # told in one paragraph deep in an article about something else: the learned model, when sure, tells it instead
    buried: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything the store stage needs to know about an article."""

    is_ai: bool
    companies: tuple[str, ...]
    products: tuple[str, ...]
    mentions: dict[str, int] = field(default_factory=dict)  # "product:chatgpt" -> count
    outage: OutageReport | None = None
    summary: str = ""
    date_precision: str = "exact"  # of the article's date: exact (its own), inferred (text, URL), approximate


def _in_body(outage: OutageReport | None, head_len: int) -> tuple[tuple[int, int], ...]:
    """The outage's report sentences as offsets in the body text."""
    if outage is None:
        return ()
    return tuple((s - head_len, e - head_len) for s, e in outage.report_spans if s >= head_len)


def _names(
    outage: OutageReport | None, mentions: list[Mention], folded: str, title_len: int = 0
) -> tuple[tuple[str, ...], str]:
    """How the text names the services an outage hit (folded surfaces), for the summary to name one: the products
    hit when there are any (not their maker alone), else the companies; and the display name of the one the text
    names first (the headline's), for a summary whose sentences name none."""
    if outage is None:
        return (), ""
    # the service itself when the outage names one: "Microsoft plafonne son assistant" does not say which one
    products = {m.entity.slug for m in mentions if m.entity.kind == "product"} & set(outage.services)
    # the headline's service first: "ChatGPT a décroché, entraînant Sora et l'API dans sa chute" is ChatGPT's story
    headline = next(
        (m.entity.slug for m in mentions if m.start < title_len and m.entity.slug in products), None
    )
    products = {headline} if headline else products
    hit = products or set(outage.services) | set(outage.companies)
    surfaces = tuple(
        sorted(
            {
                folded[m.start : m.end]
                for m in mentions
                if m.entity.slug in hit or (not products and m.entity.company in hit)
            }
        )
    )
    return surfaces, next((m.entity.name for m in mentions if m.entity.slug in hit), "")


def analyse_document(doc: Document, seen_at: datetime | None = None) -> Analysis:
    """Run every analysis step on one document (`seen_at`: when the page was first seen, dates a dateless page)."""
    from app.analysis.clean import clean_text
    from app.analysis.discovered import discover
    from app.analysis.entities import count_entities, gazetteer, norm_space
    from app.analysis.learned import fallback_outage
    from app.analysis.outages import detect_outage
    from app.analysis.refdate import reference
    from app.analysis.relevance import is_ai_news
    from app.analysis.summary import summarise
    from app.textfold import fold

    g = gazetteer()
    title, lead = norm_space(doc.title), norm_space(doc.lead or "")
    text = norm_space(clean_text(doc.text, doc.title))
    head = f"{title}\n{lead}\n"
    full = head + text
    full_f = fold(full)  # folded once (one char for one), sliced by every step
    mentions = g.find(full, full_f)
    counts = count_entities(mentions)  # (the gazetteer's entities only: those are stored)
    products = sorted({m.entity.slug for m in mentions if m.entity.kind == "product"})
    # services the headline introduces that the gazetteer does not know ("l'application Clothoff"): followed by the
    # steps below like known ones, never stored as entities
    ai_head = relevance.AI_TERMS.search(full_f, 0, len(head)) is not None
    found = discover(full, len(head), len(title), mentions, ai_head)
    if found:
        mentions = sorted(mentions + found, key=lambda m: (m.start, -m.end))
    companies = {m.entity.slug for m in mentions if m.entity.kind == "company"}
    companies |= {m.entity.company for m in mentions if m.entity.kind == "product" and m.entity.company}
    is_ai = is_ai_news(doc, text, mentions, full_f)
    # The summary reads the standfirst too (the writer's own summary: it often alone names the day or says
    # plainly what broke), unless the body opens with it already.
    lead_f = full_f[len(title) + 1 : len(head) - 1]  # (folded one char for one: the lead's own span)
    opens_with_lead = lead_f[:80] in full_f[len(head) : len(head) + 2 * len(lead) + 200]
    start = len(head) if not lead or opens_with_lead else len(title) + 1
    ref = reference(doc, full_f, seen_at)
    outage = detect_outage(doc, text, mentions, full_f, ref) if is_ai or products else None
    if (outage is None or outage.buried) and products:
        # the rules found no outage (or only one buried deep in the body): the learned model may, when it is sure and
        # the title or lead names the product
        outage = fallback_outage(title, lead, text, full_f, mentions, ref) or outage
    if outage is not None and not is_ai:
        # a cloud outage whose report names AI products hit ("Vertex AI et l'API Gemini touchés") is AI news
        hit = [s for s in outage.services if f"product:{s}" in g.entities]
        is_ai = bool(hit)
        outage = outage if is_ai else None
    names, service = _names(outage, mentions, full_f, len(title))
    return Analysis(
        is_ai=is_ai,
        companies=tuple(sorted(companies)),
        products=tuple(products),
        mentions=dict(counts),
        outage=outage,
        summary=summarise(
            full[start:],
            doc.title,
            full_f[start:],
            _in_body(outage, start),
            names,
            outage.day if outage is not None else None,
            ref.moment.date(),
            sure_day=outage is not None and outage.date_precision != "approximate",
            service=service,
            kind=outage.kind.value if outage is not None else "",
        )
        if is_ai
        else "",
        date_precision=outage.date_precision if outage is not None else ref.precision,
    )


# The steps are imported here, once the shapes above exist (they import them): their patterns are then compiled when
# app.analysis is first imported, not on the first article. The extraction pool's fork server imports this package,
# so its workers start with every pattern ready and a page's time limit measures the page alone.
from app.analysis import clean, learned, outages, relevance, summary  # noqa: E402, F401

learned.default_model()  # the learned fallback's weights too, read (or found missing, and logged) once, here
learned.default_kind_model()  # and the kind model's
