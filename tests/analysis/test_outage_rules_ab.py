"""General rules for the classes set AB missed, each on short French texts written for these tests (not taken from
its pages): a feature held back from Europe with the region named first, a launch "sans l'Europe", a decision dated
by its announcement when a dateline gives the dispatch's day, and a fine (money news) that the learned fallback must
not take for an outage."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import fallback_outage
from app.analysis.refdate import reference
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def test_a_feature_held_back_with_the_region_named_first_is_a_restriction() -> None:
    for title, text in (
        (
            "Gemini Live : la caméra partagée démarre sans l'Europe",
            "Google a ouvert mardi 8 avril le partage de caméra de Gemini Live aux abonnés Advanced.",
        ),
        (
            "Gemini Live : l'Europe attendra pour la caméra partagée",
            "Dans l'Union européenne, la caméra partagée de Gemini Live n'est pas proposée, a indiqué Google ce "
            "mardi 8 avril.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-04-09T09:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
        assert "gemini" in a.outage.services or "gemini-live" in a.outage.services, title


def test_a_decision_is_dated_by_its_announcement_not_by_the_dateline() -> None:
    a = analyse_document(
        doc(
            "Mémoire de Claude : sauf en Europe",
            "PARIS, 11 avril – Anthropic a annoncé jeudi une mémoire de Claude étendue à tout l'historique. La "
            "nouveauté n'est pas proposée aux abonnés européens.",
            "2025-04-11T23:59",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 4, 10)


def test_a_fine_in_the_title_is_not_an_outage_for_the_learned_fallback() -> None:
    title = "Replika condamné à 5 millions d'euros d'amende par le régulateur italien"
    lead = "Le Garante sanctionne l'éditeur du compagnon virtuel Replika."
    text = "L'autorité a rendu publique ce lundi l'amende contre Luka Inc., l'éditeur de Replika."
    d = doc(title, text, "2025-05-19T18:00")
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    assert fallback_outage(title, lead, text, full_f, mentions, reference(d, full_f)) is None
    assert analyse_document(d).outage is None
