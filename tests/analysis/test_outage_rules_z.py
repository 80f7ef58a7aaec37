"""General rules for the classes set Z missed, each on short French texts written for these tests (not taken from
its pages): characters made unreachable by their platform's choice, a site unreachable from a country that filters
the web, and a restriction announced ahead of the day it takes effect (dated by its announcement). Each class has look-alikes that must not
fire."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_characters_made_unreachable_by_the_platform_are_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Character.AI fait le ménage dans ses personnages Marvel",
            "Depuis ce jeudi 2 octobre, Character.AI a rendu inaccessibles plusieurs de ses personnages tirés de "
            "l'univers Marvel, après une lettre des avocats du studio.",
            "2025-10-02T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


def test_a_site_unreachable_from_a_filtering_country_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Perplexity devenu inaccessible en Chine",
            "Le moteur de réponses Perplexity n'est plus joignable depuis la Chine depuis ce lundi 6 octobre, a "
            "confirmé la start-up.",
            "2025-10-08T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


def test_a_service_unreachable_in_france_is_an_outage() -> None:
    a = analyse_document(
        doc(
            "Perplexity inaccessible en France ce lundi matin",
            "Le moteur de réponses Perplexity est resté inaccessible en France ce lundi 6 octobre au matin, "
            "pendant deux heures, en raison d'une panne de ses serveurs.",
            "2025-10-06T12:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


def test_a_restriction_announced_ahead_is_dated_by_its_announcement() -> None:
    # the timeline holds what happened: a measure that takes effect after the article is dated when announced
    a = analyse_document(
        doc(
            "Anthropic va plafonner Claude Code chaque semaine",
            "Anthropic a annoncé lundi des limites d'utilisation hebdomadaires pour les abonnés de Claude Code, qui "
            "s'appliqueront à compter du 28 août.",
            "2025-07-29T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 7, 28)


@pytest.mark.parametrize(
    "sentence",
    [
        "Lundi soir, OpenAI a annoncé que l'aperçu de GPT-4.5 serait retiré de son API le 14 juillet.",
        "OpenAI l'a annoncé lundi soir : l'aperçu de GPT-4.5 quittera son API le 14 juillet.",
    ],
)
def test_a_day_to_come_told_in_the_future_is_not_the_incident_day(sentence: str) -> None:
    """« quittera l'API le 14 juillet » in an April article: a day to come (never the 14 July of the year before);
    the restriction is dated by its announcement."""
    a = analyse_document(doc("GPT-4.5 bientôt retiré de l'API d'OpenAI", sentence, "2025-04-15T09:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 4, 14)
