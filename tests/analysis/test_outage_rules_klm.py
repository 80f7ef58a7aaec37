"""General rules for the classes sets K, L and M missed, each on short French texts written for these tests (not
taken from those pages): access cut by a decision aimed at a country, an owner or an authority (a restriction);
a model answering wrongly or one model erroring while the service stays up (a degradation); the learned fallback's
kind; an old outage recalled in a launch or funding article; rivals named as fallbacks, a restriction lifted, the
API named as hit; the day a restriction takes effect and the start its provider's status page gives. Each class has
look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis import learned as lm
from app.analysis.entities import gazetteer
from app.analysis.refdate import reference
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc

# --- 1a. access cut by a decision aimed at a country, an owner or an authority: a restriction ------------------------

DECISIONS = [
    (
        "Le Kazakhstan bloque Perplexity après une enquête sur ses sources",
        "Le régulateur des télécoms a bloqué jeudi l'accès à Perplexity dans tout le pays, le temps d'examiner "
        "les plaintes de plusieurs éditeurs.",
        "perplexity",
    ),
    (
        "Google ferme Gemini aux sociétés détenues par des capitaux russes",
        "Depuis jeudi, toute entreprise contrôlée par des capitaux russes n'a plus le droit d'utiliser Gemini, "
        "où qu'elle soit enregistrée, selon les nouvelles conditions de Google.",
        "gemini",
    ),
    (
        "Mistral AI coupe son API aux développeurs installés en Iran",
        "Mistral AI rejette depuis jeudi les appels à son API venus d'Iran, pour se conformer aux sanctions "
        "européennes.",
        "mistral",
    ),
]


@pytest.mark.parametrize(("title", "text", "company"), DECISIONS)
def test_access_cut_by_a_decision_is_a_restriction(title: str, text: str, company: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-13T09:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert any(company in s for s in (*a.outage.services, *a.outage.companies))


def test_an_outage_reaching_one_country_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "Panne de ChatGPT en Chine et à Hong Kong",
            "Jeudi, une panne a coupé les développeurs de Hong Kong de ChatGPT pendant deux heures, à partir de "
            "14 h 10.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- 1b. a model answering wrongly, one model erroring while the service stays up: a degradation --------------------

DEGRADED = [
    (
        "Claude s'est mis à répondre en charabia jeudi soir",
        "Jeudi soir, Claude répondait encore, mais par des phrases décousues mêlant trois langues ; Anthropic a "
        "reconnu un incident sur sa page d'état.",
    ),
    (
        "OpenAI retire une mise à jour de ChatGPT jugée trop complaisante",
        "Jeudi, OpenAI a annulé la dernière mise à jour de ChatGPT : l'assistant approuvait tout ce qu'on lui "
        "disait, et l'incident avait fait le tour des réseaux.",
    ),
    (
        "Gemini 2.5 Pro hors service jeudi matin",
        "Jeudi matin, Gemini 2.5 Pro est resté hors service pendant deux heures. Seul ce modèle était en cause, "
        "selon Google : ses autres modèles fonctionnaient.",
    ),
    (
        "Mistral Large trébuche une partie de la matinée",
        "Jeudi matin, un appel sur trois à Mistral Large a échoué pendant deux heures, selon la page d'incident "
        "de Mistral AI.",
    ),
]


@pytest.mark.parametrize(("title", "text"), DEGRADED)
def test_wrong_answers_or_one_model_failing_is_a_degradation(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-13T09:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION


def test_a_service_down_with_a_recovery_is_still_an_outage() -> None:
    a = analyse_document(
        doc(
            "Claude inaccessible jeudi soir",
            "Jeudi soir, Claude est resté inaccessible pendant une heure : impossible de se connecter. Depuis, la "
            "connexion fonctionne de nouveau, selon Anthropic, qui a clos l'incident.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- 1c. the learned fallback gives its outages a kind by the same rules --------------------------------------------


SURE = lm.OutageModel(bias=20.0, weights={}, threshold=0.5)


def _fallback(title: str, lead: str, body: str) -> object:
    d = doc(title, body, "2025-06-13T09:00", lead=lead)
    full = f"{title}\n{lead}\n{body}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    return lm.fallback_outage(title, lead, body, full_f, mentions, reference(d, full_f), model=SURE)


def test_model_found_outages_get_the_rules_kind() -> None:
    wrong = _fallback(
        "Grok s'égare dans ses réponses",
        "Pendant des heures, Grok a glissé des propos hors sujet dans ses réponses.",
        "Des utilisateurs de X ont partagé des captures jeudi. xAI dit avoir corrigé le problème le soir même.",
    )
    assert wrong is not None and wrong.kind == IncidentKind.DEGRADATION
    blocked = _fallback(
        "La Turquie bloque Grok",
        "L'autorité turque des télécoms a bloqué l'accès à Grok jeudi.",
        "Les internautes turcs ne pouvaient plus ouvrir l'application. Le réseau X restait consultable.",
    )
    assert blocked is not None and blocked.kind == IncidentKind.RESTRICTION
    plain = _fallback(
        "Copilot a disparu des écrans",
        "Jeudi matin, Copilot n'affichait plus rien pendant une heure.",
        "Les salariés ont patienté avant de reprendre leur travail sans l'assistant.",
    )
    assert plain is not None and plain.kind == IncidentKind.OUTAGE


# --- 2. an outage recalled as background in a launch or funding article is no report -------------------------------


def test_an_old_outage_recalled_in_a_launch_is_not_reported() -> None:
    a = analyse_document(
        doc(
            "Gemini ouvre sa génération de vidéos aux abonnés européens",
            "Google a ouvert jeudi à ses abonnés européens la génération de vidéos de Gemini. Lors du lancement "
            "américain, en mars, une panne a rendu Gemini indisponible toute une journée. Dans la foulée, en mars "
            "toujours, Google a suspendu les inscriptions à Gemini.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is None


def test_funding_news_recalling_quotas_is_not_a_restriction() -> None:
    text = (
        "Perplexity a annoncé jeudi une levée de 500 millions de dollars. Les investisseurs saluent la croissance "
        "de ses abonnements. L'équipe dit vouloir recruter en Europe. Le produit doit gagner de nouveaux marchés. "
        "Les concurrents observent. Une nouvelle version est promise. Les plafonds hebdomadaires imposés aux "
        "abonnés de Perplexity font toujours grincer des dents."
    )
    a = analyse_document(doc("Perplexity lève 500 millions de dollars", text, "2025-06-13T09:00"))
    assert a.outage is None


def test_an_outage_of_this_week_is_still_reported() -> None:
    a = analyse_document(
        doc(
            "Sora ouvre ses vidéos aux Européens après la panne de mardi",
            "Sora, le générateur de vidéos d'OpenAI, a été indisponible mardi pendant trois heures, avant son "
            "ouverture jeudi aux abonnés européens.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 10)


# --- 3. services hit: rivals named as fallbacks, a restriction lifted, the API named as hit -------------------------


def test_rivals_named_as_fallbacks_are_not_hit() -> None:
    a = analyse_document(
        doc(
            "ChatGPT en panne jeudi après-midi",
            "Jeudi après-midi, ChatGPT est resté en panne deux heures. Pendant la panne, Claude et Le Chat "
            "répondaient normalement à nos questions.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.services == ("chatgpt",)


def test_a_restriction_lifted_names_no_service_hit() -> None:
    a = analyse_document(
        doc(
            "GPT-5 tombé en panne jeudi soir",
            "GPT-5 est tombé en panne jeudi soir pendant une heure. Pour se faire pardonner, OpenAI double les "
            "limites d'utilisation et les abonnés pourront de nouveau choisir GPT-4o.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and "gpt-4o" not in a.outage.services


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        (
            "OpenAI coupe son API aux développeurs de Russie",
            "Depuis jeudi, OpenAI rejette les appels à son API venus de Russie.",
            {"openai-api"},
        ),
        (
            "Claude en erreur jeudi matin",
            "Jeudi matin, Claude a renvoyé des erreurs pendant deux heures. Les développeurs passant par l'API "
            "d'Anthropic ont aussi été touchés.",
            {"claude", "anthropic-api"},
        ),
    ],
)
def test_the_api_named_as_hit_is_on_the_incident(title: str, text: str, wanted: set[str]) -> None:
    a = analyse_document(doc(title, text, "2025-06-13T09:00"))
    assert a.outage is not None and wanted <= set(a.outage.services)


# --- 4. when: the day a restriction takes effect, the provider's own start, the time a note was written -------------


def test_a_restriction_starts_when_it_takes_effect() -> None:
    a = analyse_document(
        doc(
            "Anthropic ferme Claude aux entreprises de Chine",
            "Anthropic avait prévenu ses clients le 2 juin. La fermeture de l'accès aux entreprises de Chine, "
            "elle, prend effet ce 12 juin.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 6, 12)


def test_the_status_page_start_and_the_writing_time() -> None:
    a = analyse_document(
        doc(
            "Claude en erreur hier matin",
            "Billet écrit ce midi, à chaud. Hier matin, notre alerte a sonné à 9 h 20 : Claude renvoyait des "
            "erreurs. La page d'état d'Anthropic avait ouvert l'incident à 9 h 05 ; il a été résolu à 11 h 40.",
            "2025-06-13T15:00",
        )
    )
    assert a.outage is not None and a.outage.start is not None
    assert (a.outage.start.hour, a.outage.start.minute) == (9, 5)


def test_the_end_is_when_the_incident_closes_or_the_errors_last_until() -> None:
    closed = analyse_document(
        doc(
            "Gemini en erreur ce matin",
            "Ce matin, à 7 h 10, Gemini a commencé à renvoyer des erreurs sur nos appels. Google a déclaré "
            "l'incident peu après et ne l'a fermé qu'à 9 h 40, heure de Paris.",
            "2025-06-13T12:00",
        )
    )
    assert closed.outage is not None and closed.outage.duration_minutes == 150
    longer = analyse_document(
        doc(
            "Claude perturbé jeudi soir",
            "Jeudi soir, entre 20 h 10 et 20 h 40, tous les modèles de Claude ont renvoyé des erreurs. Les "
            "perturbations ont ensuite touché le seul Claude Opus, avec des erreurs jusqu'à 22 h 10.",
            "2025-06-13T09:00",
        )
    )
    assert longer.outage is not None and longer.outage.duration_minutes == 120


def test_money_news_with_an_outage_in_its_title_is_still_reported() -> None:
    a = analyse_document(
        doc(
            "Mistral AI lève 600 millions au lendemain d'une panne du Chat",
            "Le Chat est resté en panne mercredi soir pendant une heure. Jeudi, Mistral AI a annoncé sa levée de "
            "fonds.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and "le-chat" in a.outage.services


def test_a_belief_about_the_outage_cause_keeps_the_outage() -> None:
    a = analyse_document(
        doc(
            "Claude hors service jeudi soir",
            "Les ingénieurs d'Anthropic pensent que la panne de Claude, jeudi soir, vient d'une mise à jour ratée.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- after the merge: a provider's API error code quoted as it came back; a companion app ordered to stop ---------


def test_an_api_error_code_quoted_by_a_client_reports_a_degradation() -> None:
    a = analyse_document(
        doc(
            "Minuit passé, des erreurs 529 partout",
            "Je note ceci avant de dormir. Vers 1 h 10 cette nuit, nos requêtes vers l'API de Mistral AI ont "
            "commencé à revenir avec des erreurs 529 ; Mistral Large était concerné, les petits modèles non. "
            "L'incident a été clos à 2 h 05.",
            "2025-06-13T02:30",
        )
    )
    assert a.is_ai and a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION


def test_an_error_code_in_a_tutorial_sentence_without_event_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Bien gérer les limites d'une API d'IA",
            "Quand une API de modèle de langage répond par un code d'erreur, le client doit attendre avant de "
            "réessayer : un délai exponentiel et un plafond de requêtes en vol suffisent dans la plupart des cas.",
            "2025-06-13T09:00",
        )
    )
    assert a.outage is None


def test_a_regulator_ordering_a_companion_app_to_stop_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Le régulateur coréen interdit Replika aux mineurs",
            "Jeudi, l'autorité coréenne de protection des données a ordonné à Replika de cesser de traiter les "
            "données des utilisateurs mineurs du pays, sous peine d'amende : l'application doit bloquer leur accès.",
            "2025-06-13T09:00",
        )
    )
    assert "replika" in a.products and "luka" in a.companies
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
