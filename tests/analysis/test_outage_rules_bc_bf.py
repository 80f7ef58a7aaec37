"""General rules for the classes sets BC–BF missed, each on short French texts written for these tests (not taken
from their pages): a service allowed again; a security story that says the service kept working; a habitual weekday
(« chaque vendredi ») is no day; the learned fallback dated, as the rules are, by the first sentences and by an early
sentence that says when it started; a region left « sur le quai », its users who « n'y ont toujours pas droit »."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.analysis.timeexpr import PARIS, find_days
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc

ALWAYS = OutageModel(bias=50.0, weights={}, threshold=0.5)


def _fallback(title: str, lead: str, text: str, published: str):  # type: ignore[no-untyped-def]
    d = doc(title, text, published, lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    return fallback_outage(
        title, lead, text, full_f, gazetteer().find(full, full_f), reference(d, full_f), ALWAYS
    )


def test_a_service_allowed_again_is_no_incident() -> None:
    title = "ChatGPT de nouveau autorisé au Tadjikistan, mais sous surveillance"
    lead = "Douchanbé autorise de nouveau l'assistant d'OpenAI, un mois après l'avoir suspendu."
    text = "Le ministère a annoncé la levée de la mesure qui visait l'assistant depuis le 3 mars."
    assert analyse_document(doc(title, text, "2025-04-05T09:00", lead=lead)).outage is None
    assert _fallback(title, lead, text, "2025-04-05T09:00") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "La faille a été refermée dans l'heure, sans que le service soit interrompu.",
        "La faille a été refermée dans l'heure et Le Chat n'a jamais cessé de répondre.",
        "Il s'agit d'une fuite de données et non d'une interruption : Le Chat est resté disponible.",
        "Aucun utilisateur n'a été privé du service pendant la correction.",
    ],
)
def test_a_security_story_that_says_the_service_kept_working(sentence: str) -> None:
    a = analyse_document(
        doc(
            "Fuite chez Mistral AI : des journaux de Le Chat lisibles en ligne",
            f"Des chercheurs ont trouvé un serveur de Mistral AI ouvert sans mot de passe. {sentence}",
            "2025-03-12T10:00",
        )
    )
    assert a.outage is None, sentence


def test_a_habitual_weekday_is_no_day() -> None:
    pub = datetime(2025, 11, 21, 8, 0, tzinfo=PARIS)  # a Friday
    assert find_days(fold("Chaque vendredi, nous revenons sur la semaine."), pub) == []
    assert find_days(fold("Tous les lundis, la rédaction fait le point."), pub) == []
    assert [d.day for d in find_days(fold("La panne s'est produite vendredi."), pub)] == [date(2025, 11, 21)]


def test_fallback_dated_by_the_week_not_by_the_habit() -> None:
    found = _fallback(
        "La semaine tech : Cloudflare trébuche et emporte ChatGPT avec lui",
        "Chaque vendredi, nous revenons sur ce qui a marqué les sept derniers jours.",
        "Le fait de la semaine s'est produit mardi, à 12 h 20 passées, à l'heure française.\n"
        "ChatGPT a été l'un des services les plus touchés durant l'après-midi.",
        "2025-11-21T08:00",
    )
    assert found is not None and found.day == date(2025, 11, 18)
    assert found.start == datetime(2025, 11, 18, 12, 20, tzinfo=PARIS)


def test_fallback_dated_by_its_first_sentences() -> None:
    found = _fallback(
        "Chine : Apple vide son App Store des clones de ChatGPT",
        "La boutique d'Apple a fait le ménage parmi les applications qui relaient ChatGPT.",
        "Les utilisateurs chinois d'iPhone qui cherchaient mardi un assistant ont eu de mauvaises surprises.\n"
        "Plus de cent applications ont disparu de la vitrine.",
        "2023-08-02T09:10",
    )
    assert found is not None and found.day == date(2023, 8, 1)


def test_a_region_left_on_the_platform() -> None:
    a = analyse_document(
        doc(
            "Meta AI s'installe au Mexique et au Japon, l'Union européenne reste sur le quai",
            "Ce jeudi 6 mars, Meta a ouvert son assistant dans une dizaine de pays.",
            "2025-03-06T18:00",
            lead="Les utilisateurs des Vingt-Sept, eux, n'y ont toujours pas droit.",
        )
    ).outage
    assert a is not None and a.kind == IncidentKind.RESTRICTION and a.services == ("meta-ai",)
    assert a.day == date(2025, 3, 6)
    opened = analyse_document(
        doc(
            "Meta AI s'installe au Mexique et au Japon",
            "Ce jeudi 6 mars, Meta a ouvert son assistant dans une dizaine de pays.",
            "2025-03-06T18:00",
            lead="Les utilisateurs des Vingt-Sept y ont droit depuis l'an dernier.",
        )
    )
    assert opened.outage is None


def test_prompts_naming_heads_of_state_refused() -> None:
    found = analyse_document(
        doc(
            "Midjourney bloque les images de Macron et Le Pen avant le scrutin",
            "Le générateur d'images rejette désormais toute demande mentionnant le président ou ses rivaux, a constaté"
            " ce mercredi 9 avril un média américain.",
            "2025-04-09T18:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and found.services == ("midjourney",)
    assert found.day == date(2025, 4, 9)


@pytest.mark.parametrize(
    "title, lead",
    [
        (
            "Mistral AI privera l'Union européenne de son prochain Le Chat vocal",
            "La start-up réserve sa nouvelle version de Le Chat aux marchés hors de l'UE, faute de cadre clair.",
        ),
        (
            "Le Chat vocal : Mistral AI garde sa nouveauté pour l'Amérique",
            "La start-up réserve sa nouvelle version de Le Chat aux marchés hors de l'UE, faute de cadre clair.",
        ),
    ],
)
def test_a_model_kept_from_a_region(title: str, lead: str) -> None:
    found = analyse_document(
        doc(title, "Mistral AI l'a indiqué ce jeudi 6 mars à la presse.", "2025-03-06T18:00", lead=lead)
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and "le-chat" in found.services


def test_another_services_earlier_decision_in_the_pluperfect() -> None:
    found = analyse_document(
        doc(
            "Midjourney ferme la porte aux images de Macron",
            "Le générateur d'images rejette désormais toute demande qui nomme le président. Ce mercredi 9 avril, son"
            " fondateur a confirmé la mesure. La veille, Google avait annoncé que Gemini refuserait de répondre aux"
            " questions sur les candidats.",
            "2025-04-09T18:00",
        )
    ).outage
    assert found is not None and found.services == ("midjourney",) and found.day == date(2025, 4, 9)


def test_status_page_incident_opened_and_closed() -> None:
    found = analyse_document(
        doc(
            "Anthropic rétablit Claude après une panne de connexion de quatre heures",
            "Ouvert à 11 h 49 GMT sur la page d'état, l'incident a été clos à 15 h 47 GMT. Les connexions à Claude"
            " échouaient lundi.",
            "2026-03-03T08:00",
            lead="L'assistant fonctionne de nouveau. Lundi 2 mars, des milliers de comptes n'avaient pas pu s'identifier.",
        )
    ).outage
    assert found is not None and found.day == date(2026, 3, 2)
    assert found.start == datetime(2026, 3, 2, 12, 49, tzinfo=PARIS)
    assert found.end == datetime(2026, 3, 2, 16, 47, tzinfo=PARIS)


def test_a_headline_naming_no_service_keeps_its_pluperfect_reports() -> None:
    found = analyse_document(
        doc(
            "Panne géante en pleine journée",
            "Mardi, ChatGPT avait cessé de répondre vers 14 h pour des millions d'utilisateurs, avant un retour vers"
            " 17 h.",
            "2025-06-11T09:00",
        )
    ).outage
    assert found is not None and found.services == ("chatgpt",)
