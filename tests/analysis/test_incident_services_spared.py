"""An incident gets the services the outage hit, not the rivals an article names beside them (issue 10, pattern 6):
a rival as the only service of a sentence about the incident (« la concurrence de DeepSeek-R1 »), a service said
not disturbed (« n'a pas été perturbé »), rivals showing « aucun signe de défaillance », running « sans accroc »,
where users « disent s'y être repliés », and an app that « a doublé ChatGPT au classement ». Short French texts
written for these tests (not taken from any page)."""

from __future__ import annotations

import pytest

from app.kinds import IncidentKind

from .helpers import outage

THURSDAY = "2025-01-23T18:00"  # the day of the texts that say « jeudi » without a date


def test_a_rival_named_as_the_only_service_of_a_sentence_about_the_incident() -> None:
    found = outage(
        "ChatGPT affiche des pages d'erreur tout l'après-midi",
        "Des milliers d'utilisateurs de ChatGPT sont tombés jeudi sur une page d'erreur en ouvrant le site. "
        "OpenAI a confirmé un taux d'erreurs élevé avant de rétablir le service en fin de journée. "
        "La panne arrive au mauvais moment pour la société de Sam Altman, qui subit depuis une semaine la "
        "concurrence de DeepSeek-R1, le modèle chinois gratuit dont tout le monde parle.",
        THURSDAY,
    )
    assert found is not None and found.services == ("chatgpt",) and found.companies == ("openai",)


def test_a_service_said_not_disturbed_is_not_hit() -> None:
    found = outage(
        "Copilot ralenti toute la matinée au Royaume-Uni",
        "L'assistant de Microsoft a multiplié les erreurs et les lenteurs mardi matin, surtout outre-Manche. "
        "Microsoft dit avoir identifié un afflux de requêtes et ajouté des serveurs. "
        "ChatGPT, qui tourne pourtant sur les machines de Microsoft, n'a pas été perturbé de la matinée.",
        "2025-12-09T12:00",
    )
    assert found is not None and found.services == ("copilot",) and "openai" not in found.companies


def test_rivals_showing_no_sign_of_failure_are_not_hit() -> None:
    found = outage(
        "Claude hors service une bonne partie de l'après-midi",
        "L'assistant d'Anthropic est resté inaccessible lundi pendant plusieurs heures : connexion impossible, "
        "conversations qui ne partaient pas. Anthropic a évoqué un taux d'erreurs élevé sur son site. "
        "Les services concurrents, ChatGPT et Gemini, ne montraient aucun signe de défaillance au même moment.",
        "2026-03-02T19:00",
    )
    assert found is not None and found.kind == IncidentKind.OUTAGE
    assert "claude" in found.services and not {"chatgpt", "gemini"} & set(found.services)
    assert found.companies == ("anthropic",)


def test_rivals_that_ran_without_a_hitch_and_where_users_went() -> None:
    found = outage(
        "ChatGPT n'affiche plus ses réponses sur ordinateur",
        "Depuis mercredi 10 h, ChatGPT ne renvoie plus de réponse à une grande partie des internautes sur "
        "ordinateur, une panne que la page d'état d'OpenAI confirme. "
        "Claude ou Gemini répondaient sans accroc pendant la panne, et bien des abonnés disent s'y être repliés.",
        "2025-09-03T14:00",
    )
    assert found is not None and found.services == ("chatgpt",)


def test_an_app_that_overtook_chatgpt_in_the_rankings() -> None:
    found = outage(
        "DeepSeek limite les inscriptions après une attaque",
        "La start-up chinoise DeepSeek, dont l'application a doublé ChatGPT au classement des téléchargements, "
        "a limité lundi les nouvelles inscriptions à son service en invoquant des attaques malveillantes.",
        "2025-01-27T18:00",
    )
    assert found is not None and found.kind == IncidentKind.RESTRICTION
    assert "chatgpt" not in found.services and "openai" not in found.companies


@pytest.mark.parametrize(
    "also",
    [
        "L'API d'OpenAI a elle aussi connu des ratés, selon plusieurs développeurs.",
        "Les développeurs qui utilisent l'API ont été parmi les plus touchés, leurs applications affichant des "
        "erreurs à leurs propres clients.",
        "Le chatbot a fonctionné par à-coups, l'API de la société étant également touchée.",
    ],
)
def test_the_api_said_hit_too_is_on_the_incident(also: str) -> None:
    """« L'API d'OpenAI a elle aussi connu des ratés », « les développeurs qui utilisent l'API ont été parmi les
    plus touchés »: the maker's API went down with the assistant."""
    found = outage(
        "ChatGPT : un après-midi d'erreurs pour les utilisateurs européens",
        "Des milliers d'internautes ont buté jeudi sur une page d'erreur en tentant d'ouvrir ChatGPT. "
        "OpenAI a confirmé des taux d'erreur élevés sur sa page d'état avant de déployer un correctif. "
        + also,
        THURSDAY,
    )
    assert found is not None and found.services == ("chatgpt", "openai-api")


def test_a_rivals_api_untouched_stays_off_the_incident() -> None:
    found = outage(
        "ChatGPT : un après-midi d'erreurs pour les utilisateurs européens",
        "Des milliers d'internautes ont buté jeudi sur une page d'erreur en tentant d'ouvrir ChatGPT. "
        "OpenAI a confirmé des taux d'erreur élevés sur sa page d'état avant de déployer un correctif. "
        "L'API d'Anthropic, elle, n'a pas été touchée.",
        THURSDAY,
    )
    assert found is not None and found.services == ("chatgpt",)


def test_the_makers_bare_api_beside_named_products() -> None:
    """« des erreurs sur ChatGPT, son API et Sora »: the API is OpenAI's, hit with the products named beside it."""
    found = outage(
        "ChatGPT renvoie des erreurs en série, OpenAI confirme",
        "Réponses interrompues et pages blanches : le service a peiné toute la journée de mardi. Cette fois, "
        "l'entreprise a elle-même reconnu des taux d'erreurs élevés sur ChatGPT, son API et Sora.",
        "2025-06-10T18:00",
    )
    assert found is not None and found.services == ("chatgpt", "openai-api", "sora")
