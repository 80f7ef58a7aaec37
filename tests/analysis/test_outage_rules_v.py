"""The class set V missed, on short French texts written for this test (not taken from its pages): a restriction
announced with a deadline to come ("d'ici au 25 novembre") started on the day it was announced, not on that
deadline nor on the same date a year earlier."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc


def test_a_deadline_to_come_does_not_date_a_restriction() -> None:
    for cue in ("d'ici au", "au plus tard le"):
        a = analyse_document(
            doc(
                "Replika plafonne les conversations des mineurs",
                f"La start-up a annoncé ce mercredi que les moins de 18 ans n'auront plus accès aux discussions "
                f"libres avec Replika {cue} 25 novembre ; la société limite dès maintenant leur temps de "
                "conversation à deux heures par jour.",
                "2025-10-29T19:30",
            )
        )
        assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, cue
        assert a.outage.day == date(2025, 10, 29), cue
