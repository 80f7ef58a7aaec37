"""General rules for the classes sets BL–BO missed, each on short French texts written for these tests (not taken
from their pages): a service back after weeks away; a headline naming the service or its maker by what it is (« Le
robot conversationnel chinois… », « La société chinoise… »); a drill, a retrospective over months and a rumour denied
in the headline report no event."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.outage_words import DENIED_TITLE
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def test_back_after_weeks_away_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "Six semaines après son blocage, Le Chat revient au Portugal",
            "Mistral AI a levé ce lundi le blocage géographique mis en place en mars. Le Chat fonctionne normalement.",
            "2025-05-12T18:00",
            lead="La start-up a rouvert son assistant aux internautes portugais ce lundi.",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    "title",
    [
        "Le robot conversationnel chinois suspend les inscriptions après des attaques",
        "La société chinoise suspend les inscriptions après des attaques",
    ],
)
def test_headline_naming_the_service_by_what_it_is(title: str) -> None:
    found = analyse_document(
        doc(
            title,
            "HANGZHOU, 27 janvier (Dépêches du Lot) – DeepSeek a limité lundi les inscriptions aux numéros chinois. "
            "Les comptes existants fonctionnent.",
            "2025-01-27T18:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and "deepseek" in found.services
    assert found.day == date(2025, 1, 27)


def test_a_guide_about_ai_assistants_in_general_stays_no_incident() -> None:
    a = analyse_document(
        doc(
            "Maintenance programmée des assistants d'IA : comment être prévenu avant l'interruption",
            "Toutes les interruptions ne sont pas des pannes. Chez OpenAI comme chez Anthropic, les pages d'état "
            "annoncent les opérations planifiées.",
            "2026-03-12T10:00",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    "title, lead",
    [
        (
            "Nous avons simulé une journée sans Le Chat : le récit de notre exercice",
            "Pendant une journée, la rédaction a fait comme si l'assistant de Mistral AI ne répondait plus. Aucun "
            "service n'est tombé : c'était un test.",
        ),
        (
            "Combien de temps ChatGPT reste-t-il indisponible ? Ce que disent un an de pages de statut",
            "Nous avons relevé pendant douze mois les incidents déclarés. Aucun service n'est perturbé ce jour.",
        ),
        (
            "Non, ChatGPT n'a pas été bloqué en Italie : le régulateur va d'abord poser des questions",
            "Des messages affirmant que l'assistant était interdit dans le pays ont circulé jeudi.",
        ),
    ],
)
def test_no_event_drill_retrospective_denial(title: str, lead: str) -> None:
    a = analyse_document(
        doc(
            title,
            "Le Chat de Mistral AI et ChatGPT fonctionnent normalement pour tous les utilisateurs.",
            "2025-03-13T10:00",
            lead=lead,
        )
    )
    assert a.is_ai and a.outage is None, title


def test_a_headline_confirming_with_non_is_not_a_denial() -> None:
    assert DENIED_TITLE.search(fold("Non, DeepSeek n'a pas été bloqué en France"))
    assert not DENIED_TITLE.search(
        fold("Non, vous n'étiez pas fous : Claude Code codait vraiment moins bien")
    )
