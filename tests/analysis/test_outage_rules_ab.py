"""General rules for the classes set AB missed, each on short French texts written for these tests (not taken from
its pages): a feature held back from Europe with the region named first, a launch "sans l'Europe", a decision dated
by its announcement when a dateline gives the dispatch's day, and a fine (money news) that the learned fallback must
not take for an outage."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
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


def test_the_learned_fallback_takes_the_kind_from_the_page_when_no_sentence_naming_the_service_gives_one() -> (
    None
):
    # the sentences naming the assistant say nothing of how it was hit; the others say it is cut down in Europe
    title = "Meta AI débarque dans nos messageries, mais pas tout à fait entier"
    lead = "L'assistant de Meta s'installe en Europe ce jeudi 20 mars."
    text = (
        "Meta AI est présenté comme l'assistant maison du groupe, intégré aux applications de discussion.\n"
        "La déclinaison européenne est bridée : elle se limite au texte, sans création ni retouche d'images."
    )
    d = doc(title, text, "2025-03-20T12:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    always = OutageModel(
        bias=50.0, weights={}, threshold=0.5
    )  # the model's verdict is not what is tested here
    report = fallback_outage(title, lead, text, full_f, mentions, reference(d, full_f), model=always)
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.services == ("meta-ai",)


def test_an_ai_feature_named_by_what_it_does_is_ai_news_and_its_maker_the_service_held_back() -> None:
    # no AI product in the title, and no AI word but the feature: "traduction instantanée" is what the AI does
    text = (
        "Le fabricant a présenté mardi 9 septembre sa traduction instantanée pour ses écouteurs. Elle ne sera pas "
        "proposée aux utilisateurs situés dans l'Union européenne."
    )
    a = analyse_document(
        doc("Traduction instantanée : Apple ferme la porte à l'Union européenne", text, "2025-09-10T08:00")
    )
    assert a.is_ai
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("apple",) and a.outage.day == date(2025, 9, 9)
    # the same page about plain earbuds is not AI news
    b = analyse_document(
        doc(
            "Écouteurs : Apple ferme la porte à l'Union européenne",
            text.replace("sa traduction instantanée pour ", ""),
            "2025-09-10T08:00",
        )
    )
    assert not b.is_ai and b.outage is None


def test_translation_named_without_any_restriction_or_ai_word_stays_out() -> None:
    # a dictionary app's "traduction" alone is not the AI vocabulary: only live or instant translation is
    a = analyse_document(
        doc(
            "Un nouveau dictionnaire bilingue pour les lycéens",
            "L'éditeur publie une édition revue de son dictionnaire, avec des exemples de traduction tirés de la "
            "presse. Le volume paraît en septembre dans les librairies.",
            "2025-09-10T08:00",
        )
    )
    assert not a.is_ai
