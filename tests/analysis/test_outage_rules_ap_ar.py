"""General rules for the classes sets AP–AR missed, each on short French texts written for these tests (not taken
from their pages): a price cut and a misreading are no outage; a company's rule for its own staff, whatever its verb,
is no incident (the learned fallback included); a suspension lifted; a service gone from a messaging app or an API
(« ne répondent plus dans la messagerie », « ont fait leurs adieux »); a maker named in the title for its product in the
lead; a provider cutting a party off (« coupe son API aux développeurs du pays », « les ingénieurs d'OpenAI ne peuvent
plus interroger Claude », « la porte de l'API se referme »)."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def test_a_price_cut_with_a_misreading_quoted_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Anthropic sabre de 60 % le tarif de Claude Opus pour les développeurs",
            "Le modèle servi reste le même. Pas de coupure, un changement de grille. L'annonce a pu prêter à "
            "confusion : certains ont lu « Opus coupé » là où il fallait lire prix coupé.",
            "2025-06-11T09:00",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    "title",
    [
        "Amazon bride l'usage de ChatGPT par ses propres salariés",
        "Amazon limite l'accès de ses équipes à ChatGPT",
    ],
)
def test_a_companys_rule_for_its_own_staff_is_no_incident_even_for_the_learned_fallback(title: str) -> None:
    lead = "Selon une note interne, le groupe demande à ses employés de ne plus y verser de code."
    text = "Amazon a restreint jeudi 18 mai l'usage de ChatGPT par ses salariés, par crainte de fuites."
    d = doc(title, text, "2023-05-19T09:00", lead=lead)
    assert analyse_document(d).outage is None, title
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    always = OutageModel(bias=50.0, weights={}, threshold=0.5)
    assert (
        fallback_outage(
            title, lead, text, full_f, gazetteer().find(full, full_f), reference(d, full_f), always
        )
        is None
    )


def test_a_suspension_lifted_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "Après deux mois d'absence, Le Chat revient dans les boutiques d'applications coréennes",
            "Le Chat de Mistral AI se télécharge de nouveau en Corée du Sud depuis lundi.",
            "2025-04-29T09:00",
            lead="Le régulateur coréen a levé la suspension des téléchargements.",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Sur WhatsApp, les assistants d'OpenAI et de Microsoft ont fait leurs adieux",
            "Depuis jeudi 15 janvier, ChatGPT et Copilot ne répondent plus dans la messagerie de Meta.",
        ),
        (
            "Anthropic tourne la page de son modèle le plus populaire",
            "Depuis jeudi 15 janvier, les anciennes versions de Claude ne répondent plus sur l'API.",
        ),
    ],
)
def test_a_service_gone_from_a_messaging_app_or_an_api_is_a_restriction(title: str, lead: str) -> None:
    a = analyse_document(
        doc(title, "Les utilisateurs ont été prévenus à l'automne.", "2026-01-16T09:00", lead=lead)
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
    assert a.outage.day == date(2026, 1, 15)


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Chine : Mistral AI coupe son API aux développeurs du pays",
            "Les appels venus de Chine sont rejetés.",
        ),
        (
            "Entre Anthropic et Mistral AI, la porte de l'API se referme",
            "Les ingénieurs de Mistral AI ne peuvent plus interroger Claude.",
        ),
    ],
)
def test_a_provider_cutting_a_party_off_is_a_restriction(title: str, lead: str) -> None:
    a = analyse_document(
        doc(
            title,
            "La mesure, qui vise l'accès aux modèles d'IA, a pris effet mardi 9 juillet, a indiqué le fournisseur.",
            "2024-07-10T09:00",
            lead=lead,
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title


def test_a_time_on_the_us_west_coast_converted_with_ce_qui_correspond_a() -> None:
    a = analyse_document(
        doc(
            "ChatGPT coupé plus de quatre heures",
            "Les premières erreurs de ChatGPT sont apparues le mercredi 11 décembre à 15 h 16 sur la côte ouest "
            "américaine, ce qui correspond à jeudi 12 décembre à 0 h 16 à Paris. Tout est rentré dans l'ordre à "
            "19 h 38 en Californie, c'est-à-dire 4 h 38 du matin en France.",
            "2024-12-13T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2024, 12, 12)
    assert a.outage.start is not None and (a.outage.start.hour, a.outage.start.minute) == (0, 16)
    assert a.outage.duration_minutes == 262


def test_an_app_that_can_no_longer_be_installed_in_a_country_is_dated_by_its_weekday() -> None:
    a = analyse_document(
        doc(
            "L'application Le Chat introuvable sur les téléphones italiens",
            "ROME, 31 janvier (Agence) – L'application Le Chat de Mistral AI ne peut plus être installée depuis "
            "mercredi soir sur les téléphones vendus dans la péninsule.",
            "2025-01-31T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 1, 29)


def test_a_feature_shelved_or_open_chats_closed_to_minors_are_restrictions() -> None:
    shelved = analyse_document(
        doc(
            "Copilot Pro : Microsoft range au placard son atelier d'assistants personnalisés",
            "Depuis ce mercredi 10 juillet, les abonnés de Copilot Pro ne peuvent plus concevoir leurs propres "
            "assistants.",
            "2024-07-10T18:00",
        )
    )
    assert shelved.outage is not None and shelved.outage.kind == IncidentKind.RESTRICTION
    closed = analyse_document(
        doc(
            "Character.AI ferme la porte des conversations libres aux moins de 18 ans",
            "La plateforme de personnages virtuels a mis fin mardi 25 novembre aux échanges ouverts pour ses jeunes "
            "utilisateurs.",
            "2025-11-26T09:00",
        )
    )
    assert closed.outage is not None and closed.outage.kind == IncidentKind.RESTRICTION
    assert closed.outage.day == date(2025, 11, 25)


def test_a_service_reopened_after_a_month_is_no_incident_for_the_learned_fallback() -> None:
    title = "Après un mois de purgatoire, Le Chat rouvre ses portes aux internautes coréens"
    lead = "L'assistant de Mistral AI est de nouveau accessible en Corée du Sud."
    text = "Le blocage, décidé en mars, avait coupé l'accès au service."
    d = doc(title, text, "2025-04-28T18:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    always = OutageModel(bias=50.0, weights={}, threshold=0.5)
    assert (
        fallback_outage(
            title, lead, text, full_f, gazetteer().find(full, full_f), reference(d, full_f), always
        )
        is None
    )
