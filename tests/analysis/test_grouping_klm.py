"""Issue 10, grouping classes found on sets K and L: restrictions keyed by the country or region they hit, and a
restriction dated on its announcement by one article and on the day it took effect by another. Every sentence here
was written for these tests."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from app.kinds import IncidentKind
from app.models import Article, Source
from app.services.incidents import cluster, regroup

_NOW = datetime(2026, 6, 1, tzinfo=UTC)


def art(
    url: str, title: str, day: date, kind: str, services: list[str], lead: str = "", text: str = ""
) -> Article:
    return Article(
        url=f"https://www.exemple-presse.fr/{url}.html",
        title=title,
        lead=lead,
        text=text or title,
        outage_date=day,
        outage_kind=kind,
        outage_services=services,
        is_outage=True,
        content_hash=url,
        fetched_at=_NOW,
        updated_at=_NOW,
    )


RESTR, OUT = IncidentKind.RESTRICTION, IncidentKind.OUTAGE

VIETNAM = art("vn-1", "Le Vietnam coupe l'accès à Grok", date(2026, 3, 7), RESTR, ["grok"])
VIETNAM_WIRE = art(
    "vn-2", "Grok inaccessible au Vietnam : la coupure décidée par Hanoï", date(2026, 3, 7), OUT, ["grok"]
)
THAILAND = art(
    "th-1", "Après le Vietnam, la Thaïlande suspend Grok à son tour", date(2026, 3, 8), RESTR, ["grok"]
)
# Announced on 2 March, effective on the 16th: one article dates it on the e-mail, the other on the block.
ANNOUNCED = art("ru-1", "OpenAI prévient : son API fermée en Russie", date(2026, 3, 2), OUT, ["openai-api"])
EFFECTIVE = art(
    "ru-2", "L'API d'OpenAI coupée en Russie depuis lundi", date(2026, 3, 16), RESTR, ["openai-api"]
)
# Two restrictions of one service ten days apart, the country only in the lead: two events, not one.
SIGNUPS = art(
    "ds-1",
    "DeepSeek ferme ses inscriptions",
    date(2026, 4, 1),
    RESTR,
    ["deepseek"],
    lead="Seuls les numéros de téléphone de Chine sont encore acceptés.",
)
TOPUPS = art(
    "ds-2",
    "DeepSeek gèle les recharges de son API",
    date(2026, 4, 11),
    RESTR,
    ["deepseek"],
    lead="Les développeurs de Chine et d'ailleurs ne peuvent plus créditer leur compte.",
)


# One provider's regional cut, the service read as a product named in passing by one article.
CUT_MAIL = art(
    "by-1",
    "Mistral AI coupe son API aux développeurs de Biélorussie",
    date(2026, 5, 4),
    OUT,
    ["mistral-large"],
)
CUT_DONE = art(
    "by-2", "La Plateforme de Mistral AI fermée en Biélorussie", date(2026, 5, 12), RESTR, ["la-plateforme"]
)
# Two products of one provider withheld from one region on close days: two events.
VOICE_EU = art("eu-1", "Le mode vocal de ChatGPT privé d'Europe", date(2026, 5, 4), RESTR, ["chatgpt"])
SORA_EU = art("eu-2", "Sora ne sera pas proposé en Europe", date(2026, 5, 12), RESTR, ["sora"])


def partition(arts: list[Article]) -> set[frozenset[str]]:
    return {frozenset(a.url for a in members) for members in cluster(arts)}


def test_two_countries_blocking_one_service_on_close_days_are_two_incidents() -> None:
    groups = partition([VIETNAM, THAILAND])
    assert len(groups) == 2


def test_one_country_block_called_a_cut_by_one_article_is_one_incident() -> None:
    groups = partition([VIETNAM, VIETNAM_WIRE, THAILAND])
    assert frozenset({VIETNAM.url, VIETNAM_WIRE.url}) in groups
    assert frozenset({THAILAND.url}) in groups


def test_a_regional_restriction_dated_on_announcement_and_on_effect_is_one_incident() -> None:
    assert partition([ANNOUNCED, EFFECTIVE]) == {frozenset({ANNOUNCED.url, EFFECTIVE.url})}


def test_the_wide_window_needs_the_country_in_both_headlines() -> None:
    assert len(partition([SIGNUPS, TOPUPS])) == 2


def test_one_provider_and_one_country_in_both_headlines_is_one_restriction() -> None:
    assert partition([CUT_MAIL, CUT_DONE]) == {frozenset({CUT_MAIL.url, CUT_DONE.url})}


def test_two_products_withheld_from_one_region_are_two_restrictions() -> None:
    assert len(partition([VOICE_EU, SORA_EU])) == 2


def test_grouping_by_region_does_not_depend_on_order() -> None:
    arts = [VIETNAM, VIETNAM_WIRE, THAILAND, ANNOUNCED, EFFECTIVE, SIGNUPS, TOPUPS]
    results = {
        frozenset(partition(list(order)))
        for order in itertools.islice(itertools.permutations(arts), 0, 500, 37)
    }
    assert len(results) == 1


def test_regroup_reaches_a_restriction_weeks_away(session: Session) -> None:
    """The database path: ingesting the effective-day article finds the announcement two weeks before."""
    src = Source(slug="exemple-presse", name="Exemple Presse", domain="www.exemple-presse.fr")
    session.add(src)
    session.flush()
    first = art("ru-a", ANNOUNCED.title, ANNOUNCED.outage_date, OUT, ["openai-api"])
    second = art("ru-b", EFFECTIVE.title, EFFECTIVE.outage_date, RESTR, ["openai-api"])
    for a in (first, second):
        a.source_id = src.id
        session.add(a)
        session.flush()
        regroup(session, {a.outage_date})
    assert first.incident_id is not None and first.incident_id == second.incident_id


# Two states of one federation banning one service from their administrations a day apart: two decisions. A national
# article about the same service meets either state's.
TEXAS = art(
    "tx-1", "Le Texas interdit Grok sur les téléphones de ses agents", date(2026, 2, 3), RESTR, ["grok"]
)
OHIO = art(
    "oh-1",
    "L'Ohio bannit à son tour Grok des ordinateurs de l'État",
    date(2026, 2, 4),
    RESTR,
    ["grok"],
    text="Au lendemain du Texas, l'Ohio a décidé de retirer Grok des appareils de son administration.",
)
NATIONAL = art(
    "us-1", "Grok bientôt banni des appareils fédéraux aux États-Unis ?", date(2026, 2, 4), RESTR, ["grok"]
)


def test_two_states_banning_one_service_on_close_days_are_two_incidents() -> None:
    assert len(partition([TEXAS, OHIO])) == 2


def test_a_state_meets_its_country() -> None:
    groups = partition([TEXAS, NATIONAL])
    assert groups == {frozenset({TEXAS.url, NATIONAL.url})}
