"""Outage rules met on held-out set D: restrictions on sign-ups, metaphors and threats that are no outage, error pages
while the service half works (a degradation), and start times (depuis 10 h 07, midi heure de New York). Each rule on
its own short French text, not taken from those pages."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.timeexpr import find_clocks

from .helpers import doc, paris


def report(title: str, text: str, published: str, lead: str | None = None):  # type: ignore[no-untyped-def]
    a = analyse_document(doc(title, text, published, lead))
    assert a.is_ai, "these texts are AI news"
    return a.outage


# --- restrictions -----------------------------------------------------------------------------------------------


def test_sign_ups_reserved_to_some_users_is_a_restriction() -> None:
    o = report(
        "Suno réserve ses nouvelles inscriptions aux comptes professionnels",
        "Le générateur de musique par IA ne laisse plus entrer le grand public depuis jeudi. Les comptes "
        "déjà créés continuent de fonctionner normalement.",
        "2025-05-09T10:00",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("suno",)
    assert o.day == date(2025, 5, 8)


def test_start_cue_holds_before_a_hypothetical_clause() -> None:
    o = report(
        "Perplexity : inscriptions réservées aux invités",
        "Tout a débuté lundi vers 9 h 15 à San Francisco, soit 18 h 15 à Paris : Perplexity a prévenu que "
        "l'ouverture de nouveaux comptes pourrait rester fermée plusieurs jours.",
        "2025-03-12T08:00",
    )
    assert o is not None and o.kind == "restriction" and o.day == date(2025, 3, 10)
    assert o.start == paris("2025-03-10T18:15")


# --- metaphors and threats --------------------------------------------------------------------------------------


def test_short_of_ideas_is_not_an_outage() -> None:
    a = analyse_document(
        doc(
            "Gemini en panne d'idées face à la concurrence ?",
            "Google présente peu de nouveautés pour son assistant Gemini cette année. Les analystes jugent "
            "le modèle d'IA moins ambitieux que ses rivaux.",
            "2025-05-21T09:00",
        )
    )
    assert a.is_ai and a.outage is None


def test_a_threatened_black_out_is_not_an_outage() -> None:
    a = analyse_document(
        doc(
            "Musique générée par IA : les labels menacent d'une coupure totale avec Suno",
            "Les maisons de disques reprochent au générateur Suno d'avoir entraîné son modèle d'IA sur "
            "leurs catalogues sans accord. Des discussions reprennent la semaine prochaine.",
            "2025-02-04T12:00",
        )
    )
    assert a.is_ai and a.outage is None


def test_engine_running_slow_is_a_metaphor() -> None:
    a = analyse_document(
        doc(
            "Apple Intelligence : l'innovation tourne au ralenti",
            "Apple Intelligence reçoit peu de fonctions nouvelles cette année, et Siri attend toujours sa "
            "refonte promise.",
            "2025-06-12T09:00",
        )
    )
    assert a.outage is None


# --- kind: error pages while the service half works -------------------------------------------------------------


def test_gateway_errors_while_partly_working_are_a_degradation() -> None:
    o = report(
        "Le Chat affiche des erreurs 502 depuis ce matin",
        "Beaucoup d'utilisateurs du Chat de Mistral AI sont tombés sur une page d'erreur en ouvrant "
        "l'assistant. Le service n'est pas complètement hors service : une requête sur deux aboutit, "
        "au prix de longues secondes d'attente.",
        "2025-04-15T11:00",
    )
    assert o is not None and o.kind == "degradation" and o.services == ("le-chat",)


def test_assistant_struggling_to_answer_is_a_degradation() -> None:
    o = report(
        "Copilot peine à répondre depuis la mi-journée",
        "Microsoft Copilot répond par intermittence depuis mardi midi, selon les signalements.",
        "2025-09-16T15:00",
    )
    assert o is not None and o.kind == "degradation"


# --- start times ------------------------------------------------------------------------------------------------


def test_since_a_clock_time_is_the_start_of_an_ongoing_outage() -> None:
    o = report(
        "Grok inaccessible ce mardi",
        "Le chatbot ne répond plus. Les abonnés payants sont eux aussi privés de Grok. Les développeurs "
        "cherchent des solutions de repli. Depuis 10 h 07, la page de connexion de xAI n'affiche qu'un "
        "écran blanc.",
        "2025-11-18T11:30",
    )
    assert o is not None and o.start == paris("2025-11-18T10:07")


def test_since_a_clock_time_after_a_recovery_is_not_a_start() -> None:
    o = report(
        "Panne de Claude : le service rétabli",
        "Claude est resté en panne une partie de la matinée de jeudi. L'assistant d'Anthropic fonctionne de "
        "nouveau depuis 11 h 30, selon la page d'état.",
        "2025-07-10T14:00",
    )
    assert o is not None and o.start is None


def test_noon_in_new_york_converted_to_paris() -> None:
    clocks = find_clocks("la panne a debute vers midi, heure de new york, soit 18 heures a paris, puis")
    assert [(c.hour, c.minute, c.zone) for c in clocks] == [(18, 0, None)]
    alone = find_clocks("les premiers signalements datent de peu apres midi, heure de la cote est.")
    assert len(alone) == 1 and alone[0].zone is not None and alone[0].hour == 12


def test_a_converted_time_gives_start_and_duration() -> None:
    o = report(
        "Azure OpenAI rétabli après une longue coupure",
        "L'incident a commencé hier vers midi, heure de la côte Est, soit 18 heures à Paris : Azure OpenAI "
        "est tombé en panne pour de nombreux clients. Le service a été rétabli vers 23 heures.",
        "2025-03-05T08:00",
    )
    assert o is not None and o.start == paris("2025-03-04T18:00") and o.duration_minutes == 300


def test_bare_number_of_hours_after_soit_is_not_a_clock() -> None:
    assert find_clocks("soit 3 heures de panne au total") == []
