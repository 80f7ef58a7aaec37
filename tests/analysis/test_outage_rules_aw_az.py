"""General rules for the classes sets AW–AZ missed, each on short French texts written for these tests (not taken
from their pages): a clock time given by « l'horloge californienne »; a time in another zone on the day said with it,
which may differ from the Paris day; « défaillance » as an outage word; an older outage recalled in the body does not
date the learned fallback's outage; a company's rule for its own staff whatever its verb, but not a provider cutting
another company's staff off; « les pannes d'inspiration »; a wire's dateline with a long agency name, cut from the
summary, its date kept when it is the only day."""

from __future__ import annotations

from datetime import date, datetime

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.analysis.timeexpr import PARIS
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def test_time_told_by_the_californian_clock() -> None:
    found = analyse_document(
        doc(
            "Une semaine après la grande panne de Claude, Anthropic explique ce qui a cassé",
            "La panne, qui a rendu Claude inutilisable pendant trois heures, a commencé à 16 h 05 selon l'horloge "
            "californienne, ce lundi 3 mars-là.",
            "2025-03-10T09:00",
        )
    ).outage
    assert found is not None and found.start == datetime(2025, 3, 4, 1, 5, tzinfo=PARIS)
    assert found.day == date(2025, 3, 4)


def test_time_in_another_zone_is_on_the_day_said_with_it() -> None:
    found = analyse_document(
        doc(
            "Panne géante chez Azure : Copilot et des centaines d'applications à terre",
            "Sur sa page d'état, Microsoft date le début du problème du mardi 4 novembre à 22 h 30, heure de l'Est. "
            "À Paris, l'incident a donc démarré ce mercredi à 4 h 30.",
            "2025-11-05T12:00",
        )
    ).outage
    assert found is not None and found.day == date(2025, 11, 5)
    assert found.start == datetime(2025, 11, 5, 4, 30, tzinfo=PARIS)


def test_defaillance_is_an_outage_word() -> None:
    found = analyse_document(
        doc(
            "Une défaillance de Mistral AI prive Le Chat de réponses en pleine matinée",
            "Peu après 9 h 40, Le Chat a cessé de répondre pour une grande partie de ses utilisateurs.",
            "2025-05-14T13:00",
        )
    ).outage
    assert found is not None and found.detected_by == "rules" and "le-chat" in found.services
    assert found.start == datetime(2025, 5, 14, 9, 40, tzinfo=PARIS)


def test_an_older_outage_recalled_does_not_date_the_fallback() -> None:
    title = "ChatGPT : les conversations vides ont inquiété jeudi soir, le service rétabli en une heure"
    lead = "De nombreux utilisateurs ont trouvé une liste de discussions vide en ouvrant ChatGPT."
    text = (
        "Le scénario s'est répété pour des milliers de personnes ce jeudi 6 mars : recharger, se déconnecter, revenir.\n"
        "Le 12 juin 2024, une erreur de configuration avait rendu ChatGPT muet pendant toute une soirée.\n"
        "Cette fois, l'épisode a été bien plus court."
    )
    d = doc(title, text, "2025-03-06T23:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    always = OutageModel(bias=50.0, weights={}, threshold=0.5)
    found = fallback_outage(
        title, lead, text, full_f, gazetteer().find(full, full_f), reference(d, full_f), always
    )
    assert found is not None and found.services == ("chatgpt",)
    assert found.day == date(2025, 3, 6)  # not the recalled 12 June 2024
    assert all(full[s:e].find("2024") < 0 for s, e in found.report_spans)


def test_staff_rule_whatever_its_verb_but_not_another_companys_staff() -> None:
    staff = analyse_document(
        doc(
            "Samsung coupe l'accès à ChatGPT et Gemini pour ses propres salariés",
            "Par crainte de fuites, le groupe a restreint jeudi l'usage de ces assistants sur ses appareils.",
            "2023-05-02T09:00",
        )
    )
    assert staff.outage is None
    party = analyse_document(
        doc(
            "Google ferme Gemini aux équipes de Samsung",
            "Depuis mardi 6 mai, les ingénieurs de Samsung ne peuvent plus interroger Gemini par l'API : Google a "
            "retiré leurs clés.",
            "2025-05-07T09:00",
        )
    ).outage
    assert party is not None and party.kind == IncidentKind.RESTRICTION and party.services == ("gemini",)


def test_writers_block_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Claude 4 débarque : Anthropic veut en finir avec les pannes d'inspiration",
            "Le nouveau modèle d'Anthropic arrive jeudi pour tous les abonnés. Le lancement s'est déroulé sans "
            "interruption du service.",
            "2025-05-23T09:00",
        )
    )
    assert a.is_ai and a.outage is None


def test_dateline_with_a_long_agency_name() -> None:
    a = analyse_document(
        doc(
            "Le Chat de Mistral AI inaccessible pendant deux heures",
            "PARIS, 14 mai (Dépêches de la Vallée du Lot) – Des écrans vides partout. Peu après 9 h 40, heure de Paris, "
            "Le Chat a cessé de répondre pour une grande partie de ses utilisateurs, qui ne voyaient plus qu'un "
            "message d'attente. Mistral AI a confirmé un problème de capacité et promis un retour rapide.",
            "2025-05-14T18:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 5, 14)
    assert "Dépêches de la Vallée" not in a.summary and "PARIS" not in a.summary
    # the dateline's date is the only day: it opens the summary (after the service and what happened to it, since
    # no chosen sentence says « panne »)
    assert a.summary.startswith("Le Chat en panne, 14 mai – ")
