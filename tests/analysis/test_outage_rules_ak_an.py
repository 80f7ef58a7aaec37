"""General rules for the classes sets AK–AN missed, each on short French texts written for these tests (not taken
from their pages): safety topics closed to minors worded « ne devront plus aborder », « esquiver »; a company's AI
named « ses IA », « ses chatbots », or an AI product the gazetteer does not know named with what it is (« un modèle de
langage »); « coupe court » is an idiom; an early access closed; and, for the learned fallback, a rumour denied, a
security finding, rules loosened and an opening are no incident."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc

ALWAYS = OutageModel(bias=50.0, weights={}, threshold=0.5)  # the model's verdict is not what is tested here


def _fallback(title: str, lead: str, text: str, published: str) -> object:
    d = doc(title, text, published, lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    return fallback_outage(
        title, lead, text, full_f, gazetteer().find(full, full_f), reference(d, full_f), ALWAYS
    )


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Automutilation, troubles alimentaires : les IA de Microsoft se taisent face aux mineurs",
            "Vendredi 5 septembre, Microsoft a annoncé que ses agents conversationnels ne devront plus aborder le suicide avec les 13-17 ans.",
        ),
        (
            "Microsoft reprogramme ses chatbots pour les adolescents",
            "Vendredi 5 septembre, Microsoft a indiqué que ses chatbots allaient désormais esquiver plusieurs thèmes avec "
            "les mineurs : le suicide, les troubles alimentaires et le flirt.",
        ),
    ],
)
def test_safety_topics_closed_to_minors_by_a_company_whose_ai_is_named_as_such(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-09-06T10:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
    assert a.outage.day == date(2025, 9, 5)


def test_coupe_court_is_an_idiom_not_a_cut() -> None:
    a = analyse_document(
        doc(
            "Microsoft coupe court : ses chatbots ne parleront plus de suicide avec les adolescents",
            "Vendredi 5 septembre, Microsoft a annoncé ce changement de ses chatbots pour les comptes de mineurs.",
            "2025-09-06T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


def test_an_ai_product_the_gazetteer_does_not_know_stands_as_its_makers_service() -> None:
    a = analyse_document(
        doc(
            "Accusée d'inventer des sources, l'IA Orakel voit sa démonstration suspendue",
            "Meta a suspendu jeudi 17 novembre la démonstration publique d'Orakel, un modèle de langage destiné aux "
            "chercheurs, trois jours après sa mise en ligne.",
            "2022-11-18T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    # (its name, found in the headline by app/analysis/discovered.py, stands with the maker the text gives it)
    assert a.outage.services == ("~Orakel|meta",) and a.outage.day == date(2022, 11, 17)


def test_an_early_access_closed_by_its_provider_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Veo : Google referme l'accès anticipé après une fuite",
            "Mardi 26 novembre, Google a fermé l'accès anticipé de Veo à tous ses testeurs, quelques heures après "
            "qu'un groupe a ouvert l'outil au public.",
            "2024-11-27T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION


@pytest.mark.parametrize(
    ("title", "lead", "text"),
    [
        (
            "Non, Claude ne refuse pas désormais de parler santé",
            "Une lecture erronée des règles d'Anthropic a fait croire à une interdiction. L'entreprise dément.",
            "Claude répond toujours aux questions de santé, précise Anthropic.",
        ),
        (
            "Mistral AI a laissé une base de données ouverte à tous",
            "Des chercheurs en sécurité ont trouvé des historiques de conversations du Chat sans mot de passe.",
            "Le Chat a continué de fonctionner ; la start-up a verrouillé la base en une heure.",
        ),
        (
            "Le Chat va assouplir ses règles pour les adultes vérifiés",
            "Mistral AI promet pour décembre des réponses plus libres.",
            "Le Chat acceptera davantage de sujets une fois l'âge vérifié.",
        ),
        (
            "Google va ouvrir son assistant Gemini aux enfants de moins de 13 ans",
            "Les comptes gérés par Family Link auront accès à Gemini.",
            "Les parents seront prévenus par courriel.",
        ),
    ],
)
def test_the_learned_fallback_leaves_denials_security_findings_and_openings(
    title: str, lead: str, text: str
) -> None:
    assert _fallback(title, lead, text, "2025-10-15T10:00") is None, title


def test_the_learned_fallback_still_reports_an_outage_whose_cause_is_a_database() -> None:
    report = _fallback(
        "Gemini rétabli après une journée noire : une base de données en cause",
        "L'assistant de Google n'a presque pas répondu mercredi.",
        "Gemini a cessé de répondre mercredi 10 juin à la mi-journée.",
        "2026-06-11T08:00",
    )
    assert report is not None
