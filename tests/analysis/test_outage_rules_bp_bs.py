"""General rules for the classes sets BP–BS missed, each on short French texts written for these tests (not taken
from their pages): « la décision date de jeudi » dates a restriction; « inaccessible depuis le 12 septembre au moins »
gives the start day; « aucune suspension » denies its word."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_the_decision_dates_from_thursday() -> None:
    found = analyse_document(
        doc(
            "Mistral AI ferme le robinet des crédits de Le Chat",
            "Un développeur lyonnais raconte avoir voulu ajouter vingt euros à son compte. Le message l'a surpris. "
            "Il teste les modèles depuis dix jours pour un outil de traduction. Ses collègues ont eu la même surprise. "
            "Les développeurs ne peuvent plus recharger leur compte : Mistral AI a suspendu les recharges de crédits. "
            "La décision date de jeudi, selon les captures relayées par plusieurs programmeurs.",
            "2025-02-07T11:20",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and found.day == date(2025, 2, 6)


def test_unreachable_since_a_given_day() -> None:
    found = analyse_document(
        doc(
            "Hugging Face inaccessible en Iran",
            "TÉHÉRAN, 20 octobre (Dépêches du Lot) – Les développeurs iraniens doivent se passer de Hugging Face. "
            "Le site ne répond plus depuis le territoire iranien, ce que l'entreprise a reconnu vendredi. "
            "D'après des chercheurs, la plateforme est totalement inaccessible depuis le 12 septembre au moins.",
            "2023-10-20T09:00",
        )
    ).outage
    assert found is not None and found.day == date(2023, 9, 12)


def test_no_suspension_said_in_so_many_words() -> None:
    a = analyse_document(
        doc(
            "Paroles de chansons : un tribunal de Munich donne raison à la Gema contre OpenAI",
            "Le jugement porte sur l'entraînement des modèles. Il n'entraîne aucune suspension : ChatGPT reste "
            "accessible en Allemagne comme ailleurs.",
            "2025-11-11T18:00",
        )
    )
    assert a.outage is None
