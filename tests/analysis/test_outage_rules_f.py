"""General rules for the four classes blind set F missed, each on its own short French text (not taken from those
pages): store removals, cloud outages told through the AI services they silenced, checklists, "jeudi midi"."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.timeexpr import find_clocks

from .helpers import doc, paris

# --- 1. an app withdrawn from the stores is a restriction ------------------------------------------------------

STORE_REMOVALS = [
    (
        "Mistral : l'application Le Chat introuvable dans les boutiques en Allemagne",
        "Depuis mardi, l'assistant Le Chat de Mistral AI est introuvable sur l'App Store allemand, à la demande d'un "
        "régulateur régional qui examine le traitement des données.",
    ),
    (
        "Claude retiré de l'App Store et de Google Play en Turquie",
        "Anthropic a vu mardi son application Claude retirée de Google Play et de l'App Store turcs après une "
        "décision de l'autorité locale des télécommunications.",
    ),
    (
        "L'application Grok n'est plus téléchargeable en Indonésie",
        "Le chatbot d'IA de xAI ne peut plus être téléchargé depuis mardi soir : l'autorité indonésienne du "
        "numérique a exigé son déréférencement.",
    ),
    (
        "Perplexity disparaît des magasins d'applications coréens",
        "L'assistant de recherche Perplexity n'est plus proposé dans les boutiques d'applications en Corée depuis "
        "mardi, le temps d'un examen par le régulateur.",
    ),
]


@pytest.mark.parametrize(("title", "text"), STORE_REMOVALS)
def test_withdrawal_from_the_stores_is_a_restriction(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-11T10:00"))
    assert a.is_ai and a.outage is not None
    assert a.outage.kind == "restriction" and a.outage.day == date(2025, 6, 10)


def test_an_app_withdrawn_for_its_new_version_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Gemini : l'ancienne application retirée de l'App Store au profit de la nouvelle",
            "Google a retiré mardi l'ancienne application de l'assistant Gemini de l'App Store, remplacée "
            "par une nouvelle version qui intègre le modèle d'IA le plus récent.",
            "2025-06-11T10:00",
        )
    )
    assert a.outage is None


def test_a_weekday_after_a_dateline_gives_the_day() -> None:
    a = analyse_document(
        doc(
            "IA : DeepSeek n'est plus téléchargeable en Corée",
            "Séoul, 18 février 2025 (AFX) – L'application de l'assistant chinois DeepSeek n'est plus "
            "proposée dans les boutiques d'applications coréennes depuis lundi soir, sur demande du "
            "régulateur des données personnelles.",
            "2025-02-18T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "restriction"
    assert a.outage.day == date(2025, 2, 17)


# --- 2. a cloud outage told through the AI services it silenced ------------------------------------------------

CLOUD_EFFECTS = [
    (
        "Nos robots de veille muets pendant la panne AWS",
        "Hier matin, la région us-east-1 d'AWS était à genoux, et avec elle Perplexity, que nos outils interrogent "
        "pour chercher leurs sources. Tout est revenu dans la soirée.",
    ),
    (
        "Panne Cloudflare : notre chaîne de traduction à l'arrêt",
        "Hier matin, Cloudflare est tombé en panne et a entraîné ChatGPT dans sa chute, si bien que nos "
        "traductions automatiques sont restées bloquées deux heures.",
    ),
    (
        "Une matinée sans assistants pendant la panne AWS",
        "Hier matin, la panne d'AWS a laissé Claude muet pour nos équipes pendant trois heures ; nos scripts se "
        "sont tus en même temps.",
    ),
]


@pytest.mark.parametrize(("title", "text"), CLOUD_EFFECTS)
def test_cloud_outage_that_silences_an_ai_service_is_ai_news(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-10-21T09:00"))
    assert a.is_ai and a.outage is not None and a.outage.kind == "outage"
    assert a.outage.day == date(2025, 10, 20)


def test_cloud_outage_that_spares_the_ai_services_is_not_ai_news() -> None:
    a = analyse_document(
        doc(
            "Panne AWS : nos sauvegardes en retard",
            "Hier matin, la région us-east-1 d'AWS était à genoux et nos sauvegardes nocturnes ont pris "
            "trois heures de retard. Tout est revenu dans la soirée.",
            "2025-10-21T09:00",
        )
    )
    assert a.outage is None and not a.is_ai


# --- 3. a checklist is no outage report ------------------------------------------------------------------------

CHECKLISTS = [
    (
        "ChatGPT ne répond plus ? Cinq vérifications avant de crier à la panne",
        "Votre pare-feu bloque-t-il le domaine d'OpenAI ? Avez-vous atteint la limite de messages ? La page d'état "
        "signale-t-elle un incident ? Dans la plupart des cas, la réponse est dans les premiers points.",
    ),
    (
        "Claude en panne ? Trois réflexes avant d'accuser Anthropic",
        "Videz le cache, changez de navigateur, consultez la page d'état de l'assistant. Le service d'IA est "
        "rarement indisponible plus de quelques minutes.",
    ),
    (
        "Gemini inaccessible : que vérifier quand l'assistant ne répond plus",
        "Commencez par votre connexion, puis regardez si l'extension de l'assistant d'IA est à jour. Une panne "
        "réelle est signalée sur la page d'état de Google.",
    ),
]


@pytest.mark.parametrize(("title", "text"), CHECKLISTS)
def test_a_checklist_reports_no_outage(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-05-02T10:00"))
    assert a.is_ai and a.outage is None


@pytest.mark.parametrize(
    "title",
    [
        "ChatGPT en panne ce matin : trois réflexes pour patienter",
        "ChatGPT toujours en panne : cinq solutions en attendant son retour",
        "Panne de ChatGPT depuis 14 h : que faire quand l'assistant ne répond plus",
    ],
)
def test_a_checklist_on_an_outage_under_way_is_still_an_outage(title: str) -> None:
    a = analyse_document(
        doc(
            title,
            "Le chatbot d'OpenAI est inaccessible depuis 14 h ce mardi pour des millions "
            "d'utilisateurs ; OpenAI dit enquêter sur l'incident.",
            "2025-06-10T15:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 10)


def test_an_outage_report_with_a_number_in_its_title_is_still_an_outage() -> None:
    a = analyse_document(
        doc(
            "ChatGPT en panne pendant cinq heures mardi",
            "Le chatbot d'OpenAI est resté inaccessible mardi de 14 h à 19 h pour des millions "
            "d'utilisateurs, avant un retour à la normale en soirée.",
            "2025-06-11T08:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "outage" and a.outage.day == date(2025, 6, 10)


# --- 4. midi and minuit as clock times -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("les erreurs sont apparues jeudi midi", 12, 0),
        ("l'assistant est inaccessible depuis midi environ", 12, 0),
        ("la coupure a commencé lundi minuit et quart", 0, 15),
        ("les premiers signalements datent d'hier midi et demi", 12, 30),
    ],
)
def test_midi_and_minuit_after_a_day_or_depuis_are_clock_times(text: str, hour: int, minute: int) -> None:
    clocks = find_clocks(text)
    assert [(c.hour, c.minute) for c in clocks] == [(hour, minute)]


@pytest.mark.parametrize(
    "text",
    [
        "selon midi libre, le site a plante",
        "a midi-pyrenees, la region",
        "les serveurs installes dans le midi de la france",
    ],
)
def test_midi_as_a_place_is_no_clock_time(text: str) -> None:
    assert find_clocks(text) == []


def test_a_weekday_noon_gives_the_start_time() -> None:
    a = analyse_document(
        doc(
            "ChatGPT renvoie des erreurs 502",
            "Depuis jeudi midi, ChatGPT renvoie par intermittence des erreurs 502 sur le web et l'API "
            "d'OpenAI répond lentement.",
            "2025-01-23T16:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-01-23T12:00")
