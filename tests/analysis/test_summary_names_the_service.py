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


def test_an_outage_summary_that_never_says_panne_opens_on_it() -> None:
    """« Coupure franche… sont tombés »: the opening says plainly that the service was down, and when."""
    text = (
        "Coupure franche pour les outils d'OpenAI. ChatGPT, Sora et l'API sont tombés mercredi en fin de soirée, "
        "et les utilisateurs européens n'ont rien pu faire jusqu'au petit matin. L'entreprise évoque une "
        "modification de configuration ratée."
    )
    a = analyse_document(doc("Nuit noire pour ChatGPT et Sora", text, "2024-12-12T09:00"))
    assert a.outage is not None and a.outage.kind.value == "outage"
    assert a.summary.startswith("ChatGPT en panne"), a.summary


def test_a_degradation_summary_opens_on_the_article_own_words() -> None:
    """A degradation whose chosen sentences never say errors or slowness: the article's words for it open it."""
    text = (
        "Fenêtres figées, réponses qui se font attendre : toute la matinée, l'assistant de Redmond s'est traîné. "
        "Microsoft a reconnu des lenteurs et dit avoir ajouté des serveurs. Les bureaux britanniques ont été les "
        "plus touchés."
    )
    a = analyse_document(doc("Copilot au ralenti ce mardi matin", text, "2025-12-09T13:00"))
    assert a.outage is not None
    if a.outage.kind.value == "degradation" and "lenteur" not in a.summary:
        assert a.summary.startswith("Copilot : lenteurs"), a.summary
    assert "lenteur" in a.summary.lower() or "ralenti" in a.summary.lower()


def test_a_summary_that_says_panne_gets_no_kind_in_its_opening() -> None:
    text = (
        "ChatGPT est en panne depuis 9 h 20 ce mardi : les conversations ne se chargent plus et l'API renvoie des "
        "erreurs. OpenAI dit enquêter."
    )
    a = analyse_document(doc("ChatGPT en panne ce mardi matin", text, "2025-06-10T10:00"))
    assert a.outage is not None and "en panne" not in a.summary[:20].replace("ChatGPT est en panne", "")
    assert not a.summary.startswith("ChatGPT en panne –"), a.summary


def test_a_summary_that_names_the_day_only_relatively_names_it_in_full() -> None:
    """« hier soir » means nothing once the page is archived: the opening names the day in full."""
    text = (
        "Hier soir, ChatGPT est tombé en panne pour une grande partie des utilisateurs européens, qui ne voyaient "
        "plus qu'un message d'erreur. OpenAI a rétabli le service vers minuit et promet un compte rendu."
    )
    a = analyse_document(doc("ChatGPT en panne hier soir", text, "2025-06-11T09:00"))
    assert a.outage is not None and a.outage.day.isoformat() == "2025-06-10"
    assert a.summary.startswith("Mardi 10 juin – Hier soir"), a.summary
