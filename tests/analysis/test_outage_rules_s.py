"""General rules for the classes set S missed, each on short French texts written for these tests (not taken from
its pages): a public sector kept off a service in new wordings, an option withdrawn by its provider, limits made
higher, people who break down, and a cap told as it stands. Each class has look-alikes that must not fire."""

from __future__ import annotations

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_a_public_sector_kept_off_a_service_in_new_wordings_is_a_restriction() -> None:
    for title, text in (
        (
            "La Slovaquie proscrit Grok dans toute son administration",
            "Plus aucun fonctionnaire slovaque ne pourra ouvrir l'assistant de xAI sur son poste, a annoncé ce "
            "mercredi 9 avril le gouvernement.",
        ),
        (
            "Bratislava écarte Grok des services publics",
            "Le gouvernement a annoncé ce mercredi 9 avril que les agents de l'État doivent désormais s'abstenir "
            "d'utiliser l'assistant de xAI.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-04-09T18:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
        assert "grok" in a.outage.services


def test_an_option_removed_by_its_provider_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Gemini : Google supprime l'option de partage public des conversations",
            "Google a supprimé ce mardi l'option qui permettait de publier une conversation Gemini sur le web, après "
            "la découverte d'échanges privés indexés par les moteurs de recherche.",
            "2025-08-05T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gemini" in a.outage.services


def test_limits_made_higher_are_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Gemini : Google desserre la bride pour les abonnés",
            "Depuis ce jeudi, les limites d'utilisation de Gemini calculées sur une journée glissante sont deux "
            "fois plus élevées pour les formules payantes, a annoncé Google.",
            "2025-08-07T18:00",
        )
    )
    assert a.outage is None


def test_people_who_break_down_are_no_outage() -> None:
    a = analyse_document(
        doc(
            "Et si c'était notre cerveau qui tombait en panne sans Gemini ?",
            "L'assistant ne flanche jamais ; c'est nous qui calons dès qu'il n'est plus là pour résumer une réunion, "
            "observe une psychologue du travail.",
            "2025-08-07T18:00",
        )
    )
    assert a.outage is None


def test_a_cap_told_as_it_stands_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Deezer accueille les livres audio lus par des voix de synthèse",
            "Les auteurs peuvent désormais faire lire leurs textes par ElevenLabs. Côté tarifs, l'offre gratuite "
            "d'ElevenLabs reste plafonnée à dix minutes de voix générée par mois.",
            "2025-08-07T18:00",
        )
    )
    assert a.outage is None


def test_a_cap_cut_today_is_still_a_restriction() -> None:
    a = analyse_document(
        doc(
            "ElevenLabs plafonne son offre gratuite à cinq minutes",
            "Depuis ce jeudi, l'offre gratuite d'ElevenLabs est limitée à cinq minutes de voix générée par mois, "
            "contre dix auparavant, a annoncé la start-up.",
            "2025-08-07T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
