"""General rules for the classes set X missed, each on short French texts written for these tests (not taken from
its pages): a share of requests failing, a launch that leaves out Europe or France, a decision dated by the
sentence that says when it was announced, an authority ordering a service to stop, a season of an earlier year,
and a music generator the gazetteer did not know. Each class has look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_a_share_of_requests_failing_is_a_degradation() -> None:
    for title, text in (
        (
            "Mistral : Le Chat multiplie les échecs ce mardi",
            "Ce mardi 4 mars, une partie des requêtes envoyées au Chat de Mistral AI ont échoué pendant trois heures, "
            "selon la page d'état de la start-up ; un incident a été ouvert à 9 h.",
        ),
        (
            "Le Chat de Mistral AI : une série d'erreurs ce mardi",
            "Ce mardi 4 mars, les appels au Chat de Mistral AI n'aboutissaient qu'après plusieurs tentatives, "
            "d'après un incident ouvert par la start-up à 9 h.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-03-04T18:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION, title


def test_a_launch_that_leaves_out_europe_or_france_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Claude s'ouvre à 95 pays… mais pas à l'Union européenne",
            "Anthropic ouvre Claude dans 95 pays ; les internautes français, eux, restent à la porte. "
            "L'annonce a été faite hier par la start-up.",
            "2023-07-12T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "claude" in a.outage.services
    assert a.outage.day == date(2023, 7, 11)  # "l'annonce a été faite hier"


def test_a_waitlist_done_away_with_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Claude pour tous : Anthropic supprime la liste d'attente",
            "Anthropic a supprimé mardi la liste d'attente de Claude, désormais ouvert à tous dans 95 pays.",
            "2023-07-12T09:00",
        )
    )
    assert a.outage is None


def test_an_authority_ordering_a_service_to_stop_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Character.AI prié par la CNIL de ne plus exploiter les données des mineurs",
            "Le chatbot Character.AI doit cesser d'exploiter les données de ses utilisateurs mineurs en France, a "
            "annoncé ce vendredi la CNIL.",
            "2025-02-07T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.detected_by == "rules"


def test_a_service_suspended_in_a_season_of_an_earlier_year_is_not_on_the_incident() -> None:
    a = analyse_document(
        doc(
            "En Italie, DeepSeek disparaît des magasins d'applications",
            "Depuis hier soir, DeepSeek a été retiré de l'App Store et de Google Play en Italie, à la demande du "
            "régulateur. La même autorité avait suspendu ChatGPT pendant un mois au printemps 2023.",
            "2025-01-30T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "deepseek" in a.outage.services and "chatgpt" not in a.outage.services


def test_udio_is_known() -> None:
    a = analyse_document(
        doc(
            "Udio désactive les téléchargements de ses morceaux",
            "La start-up Udio a désactivé mercredi les téléchargements de son générateur de musique par IA.",
            "2025-10-30T10:00",
        )
    )
    assert "udio" in a.products
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION and "udio" in a.outage.services
