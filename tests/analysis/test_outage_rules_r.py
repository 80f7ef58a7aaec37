"""General rules for the classes set R missed, each on short French texts written for these tests (not taken from
its pages): a state keeping its public sector off a service, quotas nibbled at or counted faster, a quota increase
told with an aside, and an outage recalled in the pluperfect with a vague period. Each class has look-alikes that
must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc

# --- 1. a state keeping its public sector off a service -----------------------------------------------------------


def test_a_state_proscribing_a_service_in_its_administrations_is_a_restriction() -> None:
    for title, text in (
        (
            "Les Pays-Bas proscrivent Grok dans toutes leurs administrations centrales",
            "Une circulaire présentée ce mardi 4 mars demande de retirer l'assistant de xAI des appareils de "
            "service d'ici à l'été, par précaution pour les données publiques.",
        ),
        (
            "Le ministère de l'Économie tient Grok à l'écart des postes de travail du ministère",
            "Une note interne datée du mardi 4 mars demande aux fonctionnaires d'éviter l'assistant de xAI sur les "
            "ordinateurs de l'administration.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-03-04T18:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
        assert "grok" in a.outage.services and a.outage.day == date(2025, 3, 4)


def test_a_ministry_adopting_a_service_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Le ministère de l'Économie équipe ses fonctionnaires de Le Chat",
            "Les agents de l'administration centrale pourront utiliser l'assistant de Mistral AI sur leurs postes "
            "à partir du mardi 4 mars, a annoncé le ministère.",
            "2025-03-04T18:00",
        )
    )
    assert a.outage is None


# --- 2. quotas nibbled at or counted faster ------------------------------------------------------------------------


def test_quotas_nibbled_at_peak_hours_are_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Gemini : Google rogne les quotas des abonnés aux heures de pointe",
            "Depuis ce lundi 2 juin, chaque requête envoyée à Gemini entre 15 h et 21 h est décomptée plus vite "
            "qu'avant, a reconnu Google ; les abonnés atteignent plus tôt leur limite quotidienne.",
            "2025-06-03T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gemini" in a.outage.services


def test_quotas_doubled_with_an_aside_are_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Google double les quotas de Gemini le week-end",
            "Google a annoncé lundi doubler, à titre d'essai, les quotas d'utilisation de Gemini le samedi et le "
            "dimanche, pour tous les abonnés.",
            "2025-06-03T10:00",
        )
    )
    assert a.outage is None


# --- 3. an outage recalled in the pluperfect with a vague period ---------------------------------------------------


def test_an_outage_recalled_in_the_pluperfect_is_background() -> None:
    a = analyse_document(
        doc(
            "Mistral AI ouvre Le Chat aux entreprises japonaises",
            "Mistral AI a annoncé ce vendredi l'arrivée de Le Chat au Japon avec un partenaire local. La start-up "
            "avait essuyé début mars une panne de plusieurs heures qui avait privé de service les utilisateurs de "
            "Le Chat.",
            "2025-03-21T12:00",
        )
    )
    assert a.outage is None


def test_an_outage_told_in_the_passe_compose_this_month_is_reported() -> None:
    a = analyse_document(
        doc(
            "Le Chat en panne ce vendredi",
            "Le Chat de Mistral AI a subi ce vendredi une panne de plusieurs heures qui a privé de service ses "
            "utilisateurs, de 9 h à midi.",
            "2025-03-21T12:00",
        )
    )
    assert a.outage is not None and "le-chat" in a.outage.services
