"""General rules for the classes set J missed, each on short French texts written for these tests (not taken from
those pages): a feature withheld from a region by its provider at launch, status-page timelines (a window, an end
given in words, a live note, times in another zone), summaries that carry the day and the restriction, the Copilot
family told apart by its context, and the sureness of a year-less date. Each class has look-alikes that must not
fire."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from app.analysis import analyse_document
from app.analysis.outage_words import END_AT
from app.analysis.timeexpr import find_clocks
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc, paris

# --- 1. a feature withheld from a region by its provider: a restriction, dated by the announcement ----------------

WITHHELD = [
    (
        "Gemini Live ne sera pas disponible dans l'Union européenne",
        "Google a confirmé jeudi que la conversation vocale de Gemini ne sera pas disponible dans l'Union "
        "européenne au lancement, le temps d'examiner les règles locales sur les données.",
        "gemini",
    ),
    (
        "Claude se souvient de vous, mais pas partout",
        "Anthropic a ouvert jeudi la mémoire de Claude à ses abonnés, partout sauf dans l'Union européenne, "
        "où l'entreprise attend l'avis des autorités de protection des données.",
        "claude",
    ),
    (
        "La recherche vocale de ChatGPT tenue à l'écart de l'Europe",
        "Jeudi, OpenAI a réservé sa nouvelle recherche vocale aux abonnés américains : les utilisateurs européens "
        "restent privés de la fonction, faute d'accord avec les régulateurs.",
        "chatgpt",
    ),
    (
        "Grok 3 : xAI laisse l'Europe de côté",
        "xAI a lancé jeudi la nouvelle version de Grok et en a exclu les abonnés européens, invoquant le règlement "
        "sur les services numériques.",
        "grok",
    ),
]


@pytest.mark.parametrize(("title", "text", "service"), WITHHELD)
def test_a_feature_withheld_from_a_region_is_a_restriction(title: str, text: str, service: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-13T09:00"))  # a Friday: "jeudi" is the announcement's day
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert service in a.outage.services
    assert a.outage.day == date(2025, 6, 12)


WITHHELD_LOOKALIKES = [
    # a staged launch: Europe comes later, nothing is withheld
    (
        "Gemini arrive d'abord aux États-Unis",
        "Google a lancé jeudi sa nouvelle version de Gemini aux États-Unis ; l'Europe suivra dans les prochaines "
        "semaines, au fil du déploiement.",
        None,
    ),
    # markets where the service never launched
    (
        "Claude ouvre ses portes au Brésil",
        "Anthropic a lancé jeudi Claude au Brésil. L'assistant n'est pas proposé dans les pays où l'entreprise n'a "
        "jamais ouvert son service, comme la Chine.",
        None,
    ),
    # "privé" the adjective, a region: no deprivation
    (
        "Mistral AI lance Le Chat sur un cloud privé hébergé en Europe",
        "Jeudi, Mistral AI a présenté une version du Chat installée sur un cloud privé hébergé en Europe, pour les "
        "entreprises soucieuses de leurs données.",
        None,
    ),
    # a customer's policy: the service works for everyone else
    (
        "Une grande banque européenne bloque ChatGPT sur les postes de ses salariés",
        "La banque a interdit jeudi à ses employés d'utiliser ChatGPT au bureau ; le service reste accessible "
        "normalement au public.",
        None,
    ),
    # outage words beside the region: the outage's reach, not a decision
    (
        "ChatGPT inaccessible jeudi",
        "ChatGPT était inaccessible jeudi, privant les utilisateurs européens de leur assistant pendant une heure.",
        IncidentKind.OUTAGE,
    ),
    (
        "ChatGPT ralentit en Europe",
        "Jeudi, ChatGPT fonctionnait partout, sauf pour les utilisateurs de l'Union européenne, qui subissaient de "
        "fortes lenteurs.",
        IncidentKind.DEGRADATION,
    ),
    # a regional outage: an outage that deprives European users
    (
        "Panne de ChatGPT en Europe",
        "Jeudi, une panne a privé les utilisateurs européens de ChatGPT pendant deux heures, à partir de 14 h 10.",
        IncidentKind.OUTAGE,
    ),
]


@pytest.mark.parametrize(("title", "text", "kind"), WITHHELD_LOOKALIKES)
def test_withheld_lookalikes(title: str, text: str, kind: IncidentKind | None) -> None:
    a = analyse_document(doc(title, text, "2025-06-13T09:00"))
    if kind is None:
        assert a.outage is None
    else:
        assert a.outage is not None and a.outage.kind == kind


# --- 2. status-page timelines: start and end ----------------------------------------------------------------------


def test_a_status_page_window_in_utc_gives_start_and_end() -> None:
    a = analyse_document(
        doc(
            "Le Chat inaccessible mardi matin",
            "Le Chat de Mistral AI est resté inaccessible mardi matin pour de nombreux utilisateurs. Les équipes "
            "ont publié un bilan. Elles ont ensuite répondu aux questions. Selon la page d'état, la fenêtre "
            "d'incident s'étend de 08:12 à 09:40 UTC.",
            "2025-06-10T18:00",
        )
    )
    assert a.outage is not None
    assert a.outage.start == paris("2025-06-10T10:12") and a.outage.end == paris("2025-06-10T11:40")
    assert a.outage.duration_minutes == 88


def test_an_end_given_in_words_before_the_start_is_not_the_start() -> None:
    a = analyse_document(
        doc(
            "Gemini muet ce mercredi",
            "Mise à jour 17 h 30 : selon Google, les perturbations ont pris fin vers 16 h 10. À partir de 15 h 02, "
            "Gemini a cessé de répondre à une partie de ses utilisateurs.",
            "2025-06-11T16:45",
        )
    )
    assert a.outage is not None
    assert a.outage.start == paris("2025-06-11T15:02") and a.outage.end == paris("2025-06-11T16:10")
    assert a.outage.duration_minutes == 68


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("les perturbations ont pris fin vers 16 h 10", True),
        ("la mitigation était en place à 14 h 30 UTC", True),
        ("les erreurs ont duré jusqu'à 4 h 05", True),
        # a crisis unit set up is no end
        ("une cellule de crise a été mise en place à 9 h 10", False),
        ("jusqu'à 30 % des requêtes échouaient", False),
    ],
)
def test_an_end_word_before_a_time(text: str, end: bool) -> None:
    assert (END_AT.search(fold(text)) is not None) is end


def test_a_dashed_window_in_paris_time() -> None:
    a = analyse_document(
        doc(
            "Claude indisponible mardi",
            "Claude, l'assistant d'Anthropic, a été indisponible mardi, 14 h 05 – 15 h 20 selon les relevés.",
            "2025-06-10T18:00",
        )
    )
    assert a.outage is not None and a.outage.duration_minutes == 75


def test_times_in_an_asian_zone_are_converted_and_the_end_shares_the_zone() -> None:
    a = analyse_document(
        doc(
            "Nuit agitée pour les utilisateurs japonais de ChatGPT",
            "TOKYO, 11 juin - ChatGPT a été inaccessible dans la nuit : les erreurs ont commencé à 3 h 15 du matin, "
            "heure de Tokyo, et ont duré jusqu'à 4 h 05.",
            "2025-06-11T09:00",
        )
    )
    assert a.outage is not None
    assert a.outage.start == paris("2025-06-10T20:15") and a.outage.end == paris("2025-06-10T21:05")


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("de 08:12 à 09:40 UTC", ["UTC", "UTC"]),
        ("entre 1 h 10 et 2 h 30 GMT", ["UTC", "UTC"]),
        ("à 3 h 15 du matin, heure de Tokyo, et jusqu'à 4 h 05", ["Asia/Tokyo", "Asia/Tokyo"]),
        # a Paris time named between, or after the end: the second time is Paris time
        (
            "à 9 h 15, heure de Tokyo, les erreurs ont commencé puis ont duré sans le moindre répit jusqu'à 16 h, "
            "heure de Paris",
            ["Asia/Tokyo", None],
        ),
        ("à 3 h 15, heure de Tokyo, soit 20 h 15 à Paris, et jusqu'à 21 h 05", [None, None]),
    ],
)
def test_a_range_shares_its_zone(text: str, zones: list[str | None]) -> None:
    clocks = find_clocks(fold(text), text)
    assert [str(c.zone) if c.zone else None for c in clocks] == zones


def test_a_text_date_later_than_a_guessed_page_date_is_the_reference() -> None:
    d = Document(
        url="https://blog.exemple.fr/notes/claude-erreurs/",
        title="Note : Claude en erreur",
        text="Le jeudi 6 mars 2025, Claude, l'assistant d'Anthropic, a renvoyé des erreurs à une partie des utilisateurs : le problème a "
        "commencé à 10 h 00 UTC, soit 11 h 00 à Paris.",
        published_at=paris("2023-01-10T00:00"),
        lead=None,
        language="fr",
        date_source="htmldate",
    )
    a = analyse_document(d, seen_at=datetime.fromisoformat("2025-06-01T12:00+00:00"))
    assert a.outage is not None and a.outage.start == paris("2025-03-06T11:00")


@pytest.mark.parametrize(("text", "precision"), [("Le 10 juin,", "inferred"), ("Le 10 juin 2025,", "exact")])
def test_a_year_less_date_on_a_url_dated_page_is_inferred(text: str, precision: str) -> None:
    d = replace(
        doc(
            "Rapport : Claude dégradé",
            f"{text} Claude, l'assistant d'Anthropic, a connu une dégradation de plusieurs heures.",
        ),
        published_at=None,
        url="https://blog.exemple.fr/2025/07/02/rapport-claude/",
    )
    a = analyse_document(d, seen_at=datetime.fromisoformat("2025-08-01T12:00+00:00"))
    assert a.outage is not None and a.outage.day == date(2025, 6, 10)
    assert a.outage.date_precision == precision


# --- 3. summaries carry the day and the restriction ---------------------------------------------------------------


def test_a_summary_carries_the_day_the_title_gave() -> None:
    a = analyse_document(
        doc(
            "ChatGPT muet ce jeudi soir",
            "Selon OpenAI, les erreurs ont cessé vers 21 h 40. Les utilisateurs de ChatGPT ont reçu des messages "
            "d'erreur en série. Ceux qui ont tenté de se connecter ce jeudi 12 juin en début de soirée ont vu une "
            "page vide. Les développeurs ont attendu. L'entreprise promet un rapport. Aucun chiffre n'a été donné.",
            "2025-06-12T22:00",
        )
    )
    assert a.outage is not None and "jeudi" in a.summary


def test_a_restriction_summary_states_the_restriction() -> None:
    a = analyse_document(
        doc(
            "Gemini : la nouvelle voix arrive, sauf pour l'Union européenne",
            "Google déploie jeudi la nouvelle voix de Gemini auprès de ses abonnés. Les premiers retours sont "
            "enthousiastes. Le groupe a précisé que Gemini Live n'était « pas encore disponible » dans l'Union "
            "européenne. Les abonnés américains en profitent dès ce soir.",
            "2025-06-12T22:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "union europeenne" in fold(a.summary)


# --- 4. the Copilot family: GitHub's or Microsoft's by the context ------------------------------------------------


def test_copilot_in_a_developer_context_is_github_copilot() -> None:
    a = analyse_document(
        doc(
            "Copilot Chat renvoie des erreurs",
            "Depuis ce matin, Copilot Chat renvoie des erreurs dans l'éditeur de code des développeurs, tandis que "
            "les complétions fonctionnent. GitHub enquête.",
            "2025-06-12T12:00",
        )
    )
    assert a.outage is not None and a.outage.services == ("github-copilot",)


def test_copilot_beside_windows_is_microsoft_copilot() -> None:
    a = analyse_document(
        doc(
            "Copilot en panne sur Windows",
            "Depuis ce matin, Copilot, l'assistant intégré à Windows 11, est en panne pour de nombreux utilisateurs.",
            "2025-06-12T12:00",
        )
    )
    assert a.outage is not None and a.outage.services == ("copilot",)


def test_a_namesake_set_apart_is_not_hit() -> None:
    a = analyse_document(
        doc(
            "Microsoft Copilot en panne",
            "Depuis ce matin, Microsoft Copilot est en panne pour une partie de ses utilisateurs. À ne pas confondre "
            "avec GitHub Copilot, qui n'est pas concerné par cette panne. Microsoft enquête sur l'incident.",
            "2025-06-12T12:00",
        )
    )
    assert a.outage is not None and a.outage.services == ("copilot",)


def test_a_bare_copilot_with_no_cue_takes_the_articles_sense() -> None:
    a = analyse_document(
        doc(
            "Copilot dégradé tout le week-end",
            "Samedi, GitHub a reconnu des erreurs sur Copilot dans les extensions des développeurs. Les "
            "complétions de Copilot ralentissaient dans le code.",
            "2025-06-16T12:00",
        )
    )
    assert "copilot" not in a.products and "github-copilot" in a.products
