"""An outage summary names the service that broke: when none of its sentences does (« l'assistant d'OpenAI »,
« l'outil »), the service's name opens it, before the day when the day opens it too. Short French texts written for
these tests."""

from __future__ import annotations

from app.analysis import analyse_document

from .helpers import doc


def test_a_summary_that_says_only_the_assistant_of_openai_opens_on_chatgpt() -> None:
    text = (
        "Rassurez-vous, votre abonnement n'est pas en cause. Depuis ce mardi matin, l'assistant d'OpenAI n'affiche "
        "plus l'historique des discussions et renvoie des messages d'erreur à de nombreux abonnés. "
        "L'entreprise dit enquêter et promet un retour rapide à la normale."
    )
    a = analyse_document(
        doc("ChatGPT perd la mémoire : l'historique des conversations introuvable", text, "2026-02-10T11:00")
    )
    assert a.outage is not None
    assert a.summary.startswith("ChatGPT – "), a.summary


def test_a_summary_that_names_the_service_gets_no_prefix() -> None:
    text = (
        "Depuis ce mardi matin, ChatGPT n'affiche plus l'historique des discussions et renvoie des messages d'erreur "
        "à de nombreux abonnés. OpenAI dit enquêter et promet un retour rapide à la normale."
    )
    a = analyse_document(doc("ChatGPT perd la mémoire : l'historique introuvable", text, "2026-02-10T11:00"))
    assert a.outage is not None
    assert not a.summary.startswith("ChatGPT – ") and "ChatGPT n'affiche plus" in a.summary


def test_the_service_name_comes_before_the_day_when_both_open_the_summary() -> None:
    text = (
        "Mauvaise surprise pour les développeurs. L'outil d'Anthropic refuse de poursuivre les sessions au bout de "
        "deux heures et affiche un simple message de quota atteint. Beaucoup s'en plaignent sur les forums."
    )
    a = analyse_document(
        doc("Claude Code : Anthropic resserre les plafonds des abonnés Max", text, "2025-07-17T09:00")
    )
    assert a.outage is not None
    assert a.summary.startswith("Claude Code, ") and " – " in a.summary[:40], a.summary
