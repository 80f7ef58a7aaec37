"""General rules for the classes set H missed, each on short French texts written for these tests (not taken from
those pages): restrictions aimed at one party (a provider cutting a rival's access, a company banning a competitor's
staff), court-ordered blocks in one country, rivals named beside the hit service, reader contributions, and dating
(a statement's time, a day named as the start, an opening clause about an earlier day). Each class has look-alikes
that must not fire."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.clean import clean_text
from app.analysis.timeexpr import find_clocks

from .helpers import doc

# --- 1. restrictions aimed at one party: the provider's service, not the customer --------------------------------

PARTY = [
    (
        "Mistral AI coupe le robinet du Chat à Perplexity",
        "Ce jeudi, Mistral AI a coupé net l'accès de Perplexity au Chat, reprochant à la start-up d'avoir aspiré "
        "ses réponses pour entraîner son propre moteur.",
        "le-chat",
        "perplexity",
    ),
    (
        "Google révoque l'accès de DeepSeek à Gemini",
        "Google a révoqué jeudi les clés d'API que DeepSeek utilisait pour interroger Gemini, estimant que son rival "
        "enfreignait ses conditions d'utilisation.",
        "gemini",
        "deepseek",
    ),
    (
        "Midjourney bannit les ingénieurs de Runway",
        "Midjourney a banni jeudi tous les comptes rattachés aux ingénieurs de Runway, accusés d'avoir saturé ses "
        "serveurs avec des scripts de collecte.",
        "midjourney",
        "runway",
    ),
    (
        "Anthropic ferme sa porte aux équipes de Mistral AI",
        "Anthropic a fermé jeudi l'accès à Claude pour l'ensemble des salariés de Mistral AI, après une série de "
        "requêtes massives qu'elle juge contraires à ses règles.",
        "claude",
        "mistral-ai",
    ),
]


@pytest.mark.parametrize(("title", "text", "provider", "customer"), PARTY)
def test_a_cut_aimed_at_one_party_is_a_restriction_of_the_provider(
    title: str, text: str, provider: str, customer: str
) -> None:
    a = analyse_document(doc(title, text, "2025-06-12T18:00"))
    assert a.outage is not None and a.outage.kind == "restriction"
    assert provider in a.outage.services
    assert customer not in a.outage.services and customer not in a.outage.companies
    assert a.outage.day == date(2025, 6, 12)


def test_a_customer_deprived_of_a_rivals_model_is_a_restriction_of_that_model() -> None:
    a = analyse_document(
        doc(
            "Perplexity privé de Gemini : Google ne veut plus servir son concurrent",
            "Jeudi, Google a retiré à Perplexity son accès à Gemini, qu'il accuse de détourner les réponses du "
            "modèle.",
            "2025-06-12T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "restriction"
    assert a.outage.services == ("gemini",) and "perplexity" not in a.outage.companies


PARTY_LOOKALIKES = [
    # an outage that cuts access: no party is aimed at
    (
        "Panne de Claude : une coupure prive les utilisateurs de l'assistant d'Anthropic",
        "Ce jeudi, une panne a coupé l'accès à Claude, l'assistant d'Anthropic, pendant deux heures ; les utilisateurs privés de l'assistant "
        "se sont tournés vers ses concurrents.",
        "outage",
    ),
    # a plumbing metaphor about money, not access
    (
        "Les investisseurs coupent le robinet aux start-up de la robotique",
        "Les fonds de capital-risque ont réduit de moitié leurs tickets cette année, selon une étude publiée jeudi.",
        None,
    ),
]


@pytest.mark.parametrize(("title", "text", "kind"), PARTY_LOOKALIKES)
def test_party_cut_lookalikes(title: str, text: str, kind: str | None) -> None:
    a = analyse_document(doc(title, text, "2025-06-12T18:00"))
    if kind is None:
        assert a.outage is None
    else:
        assert a.outage is not None and a.outage.kind == kind


# --- 2. court-ordered or regulator blocks in one country -----------------------------------------------------------

COURT = [
    (
        "Brésil : un juge ordonne le blocage de DeepSeek",
        "Un tribunal de São Paulo a ordonné jeudi de bloquer l'application DeepSeek dans tout le pays, faute de "
        "représentant légal.",
        "deepseek",
    ),
    (
        "La Russie fait bloquer Claude",
        "Le régulateur russe des télécoms a fait bloquer jeudi l'assistant Claude, d'Anthropic, jugé contraire à la "
        "loi sur l'information.",
        "claude",
    ),
    (
        "Pourquoi Pékin a décidé de censurer Gemini",
        "Jeudi, les autorités chinoises ont ordonné que les réponses de Gemini soient rendues inaccessibles dans le "
        "pays, au nom de la sécurité nationale.",
        "gemini",
    ),
]


@pytest.mark.parametrize(("title", "text", "service"), COURT)
def test_a_court_or_regulator_block_is_a_restriction(title: str, text: str, service: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-12T18:00"))
    assert a.outage is not None and a.outage.kind == "restriction"
    assert service in a.outage.services and a.outage.day == date(2025, 6, 12)


def test_a_court_ruling_that_blocks_no_service_reports_nothing() -> None:
    a = analyse_document(
        doc(
            "OpenAI condamné à verser des droits d'auteur à des éditeurs allemands",
            "Un tribunal de Munich a jugé jeudi que ChatGPT reproduisait des paroles de chansons protégées, sans "
            "ordonner aucune mesure contre le service.",
            "2025-06-12T18:00",
        )
    )
    assert a.outage is None


# --- 3. rivals named beside the hit service, reader contributions --------------------------------------------------

RIVALS = [
    "Ce jeudi, ChatGPT est en panne depuis 14 h, à la différence de Claude qui répond normalement.",
    "Ce jeudi, tous les assistants répondent, sauf ChatGPT, en panne depuis 14 h.",
    "Ce jeudi à 14 h, ChatGPT est tombé en panne ; d'autres assistants comme Le Chat répondaient sans souci.",
]


@pytest.mark.parametrize("text", RIVALS)
def test_a_rival_named_beside_the_hit_service_is_not_hit(text: str) -> None:
    a = analyse_document(doc("ChatGPT en panne ce jeudi", text, "2025-06-12T18:00"))
    assert a.outage is not None and a.outage.services == ("chatgpt",)


def test_both_services_down_stay_hit() -> None:
    a = analyse_document(
        doc(
            "ChatGPT et Claude en panne ce jeudi",
            "Ce jeudi vers 14 h, ChatGPT et Claude sont tombés en panne en même temps.",
            "2025-06-12T18:00",
        )
    )
    assert a.outage is not None and set(a.outage.services) == {"chatgpt", "claude"}


@pytest.mark.parametrize("heading", ["Contributions", "Vos contributions", "Contributions des abonnés (4)"])
def test_reader_contributions_are_not_article_text(heading: str) -> None:
    text = (
        "ChatGPT est tombé en panne ce jeudi soir.\nLe service est revenu vers 22 h.\n"
        f"{heading}\nAbonné 1234\nChez moi Le Chat ramait aussi, sans doute la cohue."
    )
    cleaned = clean_text(text)
    assert "Le Chat" not in cleaned and "revenu vers 22 h" in cleaned


# --- 4. dating -----------------------------------------------------------------------------------------------------


def test_the_time_of_a_statement_is_not_the_start() -> None:
    a = analyse_document(
        doc(
            "Claude inaccessible mercredi",
            "Claude, l'assistant d'Anthropic, a été inaccessible une grande partie de la journée de mercredi. À 23 h 10, heure de l'Est, "
            "l'entreprise a complété sa page d'état : les coupures venaient d'une mise à jour ratée.",
            "2025-06-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 11) and a.outage.start is None


def test_an_outage_time_with_a_statement_later_stays_the_start() -> None:
    a = analyse_document(
        doc(
            "Claude en panne mercredi",
            "Mercredi à 14 h, Claude, l'assistant d'Anthropic, est tombé en panne, a confirmé Anthropic.",
            "2025-06-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.start is not None and a.outage.start.hour == 14


@pytest.mark.parametrize(
    "text",
    [
        "Le premier problème remonte au 3 mai. Le 20 mai, au plus fort de l'incident, Gemini répondait de façon "
        "dégradée à une requête sur cinq.",
        "La dégradation avait commencé dès le 3 mai. Le 20 mai, Gemini répondait encore de façon dégradée.",
    ],
)
def test_a_day_named_as_the_start_wins_over_the_peak_and_the_post_mortem(text: str) -> None:
    a = analyse_document(
        doc(
            "Gemini moins bon ce printemps : Google reconnaît deux bugs",
            "Mercredi 11 juin, Google a répondu par un compte rendu technique. " + text,
            "2025-06-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 5, 3)


def test_an_older_incident_that_occurred_on_a_day_is_not_the_start() -> None:
    a = analyse_document(
        doc(
            "Le Chat de Mistral AI bloqué en Italie",
            "L'accès au Chat de Mistral AI est suspendu en Italie depuis ce soir. Le régulateur cite aussi la fuite survenue le 2 "
            "juin, lorsqu'un bug avait exposé des conversations.",
            "2025-06-12T21:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Après des ratés mardi, Copilot a décroché plusieurs heures ce mercredi, en panne totale.", 11),
        ("Au lendemain d'un incident lundi, Copilot est de nouveau en panne ce mercredi.", 11),
        ("Copilot est en panne depuis mardi soir.", 10),
    ],
)
def test_an_opening_clause_about_an_earlier_day_is_not_the_start(text: str, day: int) -> None:
    a = analyse_document(doc("Copilot de nouveau hors ligne", text, "2025-06-11T22:40"))
    assert a.outage is not None and a.outage.day == date(2025, 6, day)


# --- 5. precision: a launch's pace and a glossary are not outage reports; a first-person account is ---------------


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "Gemini 3 arrive au compte-gouttes : Google manque de puces",
            "Le nouveau modèle, présenté mardi, est d'abord réservé aux abonnés Ultra faute de capacité de calcul.",
        ),
        (
            "Claude Opus 5 distribué au compte-gouttes",
            "Anthropic lance son nouveau modèle, accessible dans un premier temps aux seuls comptes payants.",
        ),
    ],
)
def test_a_launch_at_a_slow_pace_is_not_an_outage(title: str, lead: str) -> None:
    a = analyse_document(
        doc(
            title,
            "Ce modèle de langage d'intelligence artificielle générative vise les développeurs. Les autres formules "
            "y auront accès dans les prochaines semaines.",
            "2025-06-12T10:00",
            lead=lead,
        )
    )
    assert a.is_ai and a.outage is None


def test_answers_that_come_slowly_are_still_degraded() -> None:
    a = analyse_document(
        doc(
            "Le Chat : les réponses arrivent au compte-gouttes",
            "Depuis 10 h ce jeudi, Le Chat de Mistral AI répond au compte-gouttes, avec des messages d'erreur.",
            "2025-06-12T14:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "degradation"


@pytest.mark.parametrize(
    "title",
    [
        "Erreur 429, surcharge, quota : le glossaire des pannes de chatbots",
        "Pour ne plus confondre panne et limite d'usage chez ChatGPT",
        "Le lexique des incidents d'IA, de la panne au quota",
    ],
)
def test_a_glossary_of_error_messages_reports_no_outage(title: str) -> None:
    a = analyse_document(
        doc(
            title,
            "On parle de panne quand ChatGPT ne répond plus du tout ; Claude, lui, plafonne les messages par tranche de "
            "cinq heures, ce qui n'a rien d'une panne.",
            "2025-06-12T10:00",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    "title",
    [
        "Hier soir, Claude a « perdu » mon historique",
        "Claude a perdu mon historique hier soir, et je n'étais pas seul",
    ],
)
def test_a_first_person_account_of_an_outage_on_a_url_dated_page(title: str) -> None:
    a = analyse_document(
        doc(
            title,
            "Il était un peu plus de 20 h UTC hier soir quand la barre latérale de Claude, l'assistant d'Anthropic, "
            "s'est vidée. J'ai d'abord accusé mon navigateur. Les réseaux m'ont vite détrompé : Claude était en panne "
            "pour des milliers de gens.",
            "2025-06-12T00:00",
            url="https://carnet-dev.exemple.fr/2025/06/12/claude-historique/",
        )
    )
    assert a.outage is not None and a.outage.kind == "outage" and a.outage.services == ("claude",)
    assert a.outage.day == date(2025, 6, 11)
    assert a.outage.start is not None and a.outage.start.hour == 22  # 20 h UTC is 22 h in Paris in June


def test_a_person_who_lost_a_history_book_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Hier soir, j'ai perdu mon livre d'histoire dans le train",
            "Il était un peu plus de 20 h quand je suis descendu à Lyon, sans mon livre.",
            "2025-06-12T10:00",
        )
    )
    assert a.outage is None


@pytest.mark.parametrize(
    ("text", "hour"),
    [("il etait un peu plus de 18 h utc", 18), ("vers 18 h utc", 18)],
)
def test_a_time_of_day_after_il_etait(text: str, hour: int) -> None:
    clocks = find_clocks(text)
    assert len(clocks) == 1 and clocks[0].hour == hour


@pytest.mark.parametrize("text", ["pendant plus de 3 h", "la panne a duré plus de 3 h", "depuis plus de 2 h"])
def test_a_duration_is_not_a_time_of_day(text: str) -> None:
    assert find_clocks(text) == []


def test_an_opening_clause_that_reports_the_outage_keeps_its_day() -> None:
    a = analyse_document(
        doc(
            "Copilot : le service est rétabli après deux jours de coupures",
            "Après les coupures de mardi et de nouvelles erreurs mercredi, Microsoft indique que Copilot fonctionne "
            "normalement ce jeudi. Pendant les coupures, l'assistant Copilot était hors service pour de nombreux "
            "utilisateurs.",
            "2025-06-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 10)


def test_a_denied_answer_is_not_a_statement_and_its_time_stays_the_start() -> None:
    a = analyse_document(
        doc(
            "Nuit noire pour Gemini : plus de deux heures de coupure",
            "Cette nuit, de 1 h 10 à 3 h 40, Gemini n'a répondu qu'avec des messages d'erreur. L'assistant "
            "d'intelligence artificielle de Google est revenu au matin.",
            "2025-06-12T10:00",
        )
    )
    assert (
        a.outage is not None
        and a.outage.start is not None
        and (a.outage.start.hour, a.outage.start.minute) == (1, 10)
    )
