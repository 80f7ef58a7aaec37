"""General rules for the classes set W missed, each on short French texts written for these tests (not taken from
its pages): an AI feature of a company named without a product, a feature that disappeared, prompts turned away by
policy, a name two companies give their tools, and customers deprived of a service for some hours. Each class has
look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_an_ai_feature_of_a_company_without_a_product_name_is_restricted() -> None:
    a = analyse_document(
        doc(
            "Meta retire ses avatars conversationnels aux mineurs",
            "Meta a retiré ce lundi ses personnages animés par l'IA des comptes des moins de 18 ans sur Instagram, "
            "après des plaintes de parents.",
            "2025-03-10T18:00",
        )
    )
    assert a.is_ai
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


def test_a_company_outage_without_an_ai_feature_is_not_ai() -> None:
    a = analyse_document(
        doc(
            "Instagram en panne ce lundi soir",
            "L'application de Meta est restée inaccessible pendant deux heures ce lundi soir dans toute l'Europe.",
            "2025-03-10T23:00",
        )
    )
    assert a.outage is None


def test_a_feature_that_disappeared_is_a_restriction_not_an_outage() -> None:
    a = analyse_document(
        doc(
            "Alexa : le réglage qui gardait les enregistrements sur l'appareil a disparu",
            "Amazon a retiré vendredi 28 mars ce réglage de confidentialité d'Alexa sur ses enceintes Echo.",
            "2025-03-29T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "alexa" in a.outage.services


def test_prompts_turned_away_by_policy_are_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Microsoft ferme certaines portes de Copilot Designer",
            "Depuis vendredi 8 mars, plusieurs formulations qui menaient le générateur vers des images violentes "
            "sont rejetées par Copilot Designer.",
            "2024-03-09T10:00",
        )
    )
    assert "copilot" in a.products
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2024, 3, 8)


def test_assistants_that_refuse_to_read_images_are_restricted_from_the_day_said() -> None:
    a = analyse_document(
        doc(
            "Baccalauréat chinois : les assistants d'IA ferment les yeux",
            "Depuis samedi 7 juin, Qwen et Kimi refusent d'analyser les images qu'on leur envoie pendant les "
            "heures d'épreuves. Kimi refuse de traiter les photos de sujets d'examen.",
            "2025-06-09T17:45",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 6, 7)


def test_a_tool_name_two_companies_use_needs_its_company() -> None:
    meta = analyse_document(
        doc(
            "Meta ouvre AI Studio aux créateurs français",
            "AI Studio, l'outil de Meta pour fabriquer ses propres personnages conversationnels, arrive en France.",
            "2025-02-10T10:00",
        )
    )
    assert "gemini-api" not in meta.products and "google" not in meta.companies
    google = analyse_document(
        doc(
            "Google AI Studio : de nouveaux modèles pour les développeurs",
            "Google ajoute deux modèles Gemini dans AI Studio, sa console pour développeurs.",
            "2025-02-10T10:00",
        )
    )
    assert "gemini-api" in google.products


def test_customers_deprived_of_a_service_for_hours_had_an_outage() -> None:
    a = analyse_document(
        doc(
            "ElevenLabs : des clients européens privés de la plateforme pendant deux heures",
            "Mercredi 27 août, une partie des clients d'ElevenLabs n'a pas pu utiliser la plateforme de synthèse "
            "vocale, qui renvoyait des erreurs 500 de 15 h à 17 h.",
            "2025-08-28T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind != IncidentKind.RESTRICTION


def test_virtual_characters_out_of_reach_of_minors_are_a_restriction() -> None:
    # set S's class, fixed after set W's: "personnages virtuels" of a company, "hors de portée des moins de 18 ans"
    a = analyse_document(
        doc(
            "Plus de personnages virtuels dopés à l'IA pour les mineurs chez Meta",
            "Les avatars conversationnels d'Instagram deviennent hors de portée des moins de 18 ans. Meta a indiqué "
            "vendredi 23 janvier suspendre pour les adolescents l'accès à ses personnages dopés à l'IA.",
            "2026-01-23T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2026, 1, 23)


def test_out_of_reach_of_users_for_hours_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "Le Chat de Mistral AI hors de portée ce mardi matin",
            "Le Chat, l'assistant de Mistral AI, a été hors de portée pour ses utilisateurs pendant deux heures ce "
            "mardi 4 mars au matin.",
            "2025-03-04T12:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE
