"""General rules for the false positives set AA showed, each on short French texts written for these tests (not
taken from its pages): a company barring its own staff from a service, and an offer made to newcomers. Each has a
look-alike that must still fire."""

from __future__ import annotations

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_a_company_barring_its_own_staff_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "Amazon interdit l'application DeepSeek à ses salariés",
            "Amazon interdit à ses employés d'utiliser l'application DeepSeek, a indiqué jeudi 8 mai un porte-parole. "
            "L'assistant chinois reste accessible normalement pour tous les autres utilisateurs.",
            "2025-05-08T18:00",
        )
    )
    assert a.outage is None


def test_a_state_keeping_its_agents_off_a_service_is_still_a_restriction() -> None:
    a = analyse_document(
        doc(
            "L'État de New York bannit DeepSeek des appareils de ses administrations",
            "La gouverneure a interdit lundi 10 février l'application DeepSeek sur les appareils de l'État et dans "
            "toutes les administrations publiques.",
            "2025-02-10T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


def test_an_offer_to_newcomers_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Midjourney sans Discord : ce qui change avec le site ouvert à tous",
            "Midjourney ouvre son site web à tous. Le générateur propose une série de générations d'essai aux "
            "nouveaux venus, puis il faut choisir un abonnement.",
            "2024-08-22T10:00",
        )
    )
    assert a.outage is None
