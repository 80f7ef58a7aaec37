"""General rules for the classes set T missed, each on short French texts written for these tests (not taken from
its pages): errors that keep users out (an outage, not a degradation), failures that come and go, a stricter
version announced for minors, and a feature name several companies share. Each class has look-alikes that must
not fire."""

from __future__ import annotations

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_errors_that_keep_users_out_are_an_outage() -> None:
    for title, text in (
        (
            "Gemini renvoie des erreurs en série",
            "Une avalanche d'erreurs a empêché ce jeudi 6 mars une foule d'abonnés de se connecter à Gemini, l'assistant "
            "d'IA de Google, ou d'obtenir la moindre réponse pendant une heure.",
        ),
        (
            "Gemini : connexions refusées et erreurs à répétition",
            "Ce jeudi 6 mars, les abonnés de Gemini ne parvenaient plus du tout à ouvrir leur session, et "
            "l'assistant de Google affichait des messages d'erreur.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-03-06T18:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE, title
        assert "gemini" in a.outage.services


def test_errors_that_come_and_go_stay_a_degradation() -> None:
    a = analyse_document(
        doc(
            "Gemini : des erreurs serveur intermittentes ce jeudi",
            "Ce jeudi 6 mars, des utilisateurs de Gemini, l'assistant d'IA de Google, ont signalé des erreurs serveur intermittentes ; certains "
            "ne parvenaient pas à se connecter, mais une nouvelle tentative finissait souvent par passer.",
            "2025-03-06T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION


def test_requests_that_did_not_all_fail_are_no_outage_words() -> None:
    a = analyse_document(
        doc(
            "Gemini : des erreurs HTTP 500 à répétition ce jeudi",
            "Ce jeudi 6 mars, Gemini a renvoyé des erreurs de type HTTP 500 à de nombreux utilisateurs. Toutes les "
            "requêtes n'échouaient pas : le service était lent et capricieux plutôt que totalement coupé.",
            "2025-03-06T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION


def test_a_stricter_version_for_minors_is_a_restriction_and_the_summary_says_what_it_refuses() -> None:
    a = analyse_document(
        doc(
            "Mineurs : Google annonce un Gemini à part, plus restrictif",
            "Google a présenté mardi la manière dont Gemini traitera les adolescents. Les comptes de moins de 18 ans "
            "passeront sur une déclinaison distincte de l'assistant. Elle refusera toute conversation à caractère "
            "sexuel et n'abordera plus l'automutilation.",
            "2025-09-16T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gemini" in a.outage.services
    assert "refusera" in a.summary


def test_a_stricter_rule_without_a_service_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "IA : Bruxelles veut un cadre plus restrictif",
            "La Commission européenne a présenté mardi un projet de règles plus restrictives pour les modèles "
            "d'intelligence artificielle à usage général.",
            "2025-09-16T18:00",
        )
    )
    assert a.outage is None


def test_a_feature_name_several_companies_share_is_not_openais_in_a_google_article() -> None:
    a = analyse_document(
        doc(
            "Gemini : la version gratuite limitée à cinq requêtes par jour",
            "Google a précisé les limites de Gemini pour les comptes gratuits. Le même plafond de cinq vaut pour "
            "les rapports Deep Research.",
            "2025-09-09T18:00",
        )
    )
    assert "deep-research" not in a.products and "openai" not in a.companies
    b = analyse_document(
        doc(
            "ChatGPT : Deep Research ouvert aux abonnés Plus",
            "OpenAI étend Deep Research, son agent de recherche, aux abonnés Plus de ChatGPT.",
            "2025-02-25T18:00",
        )
    )
    assert "deep-research" in b.products
