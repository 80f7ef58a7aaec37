"""Dating outages the way real French pages allow it (issue 10, patterns 1, 4 and 5): pages without a publication
date, start versus announcement, times given in other zones. Texts written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.analysis import analyse_document
from app.analysis.refdate import reference, url_date

from .helpers import doc, paris


def undated(
    title: str, text: str, url: str = "https://www.exemple-tech.fr/article.html", lead: str | None = None
):  # type: ignore[no-untyped-def]
    return replace(doc(title, text, lead=lead, url=url), published_at=None)


# --- 1. no publication date --------------------------------------------------------------------------------------


def test_url_date_dates_an_undated_outage() -> None:
    d = undated(
        "ChatGPT ne répond plus",
        "Depuis ce matin, ChatGPT reste inaccessible pour une large part des "
        "utilisateurs européens, qui voient s'afficher un message d'erreur. OpenAI dit enquêter.",
        url="https://www.exemple-tech.fr/2025/06/10/chatgpt-ne-repond-plus/",
    )
    a = analyse_document(d, seen_at=paris("2025-06-12T08:00"))
    assert a.outage is not None and a.outage.day == date(2025, 6, 10)
    assert a.outage.date_precision == "inferred" and a.date_precision == "inferred"


def test_a_news_channel_url_id_dates_an_undated_page() -> None:
    """« …_AN-202501271912.html »: a day followed by a time (YYYYMMDDHHMM) in a news channel's article id."""
    url = "https://www.chaine-info.example/tech/deepseek-limite-les-inscriptions_AN-202501271912.html"
    assert url_date(url) == date(2025, 1, 27)
    d = undated(
        "DeepSeek limite les inscriptions après des attaques",
        "La start-up chinoise DeepSeek n'accepte plus que les numéros de téléphone chinois pour créer un compte, "
        "après des attaques contre ses serveurs. Les utilisateurs déjà inscrits peuvent toujours se connecter.",
        url=url,
    )
    a = analyse_document(d, seen_at=paris("2025-02-03T08:00"))
    assert (
        a.outage is not None and a.outage.day == date(2025, 1, 27) and a.outage.date_precision == "inferred"
    )
    # the page's own date finder reads the same id (no metadata at all in the page)
    from app.extract import extract

    html = (
        f'<html lang="fr"><head><title>DeepSeek limite les inscriptions</title><link rel="canonical" href="{url}">'
        "</head><body><article><h1>DeepSeek limite les inscriptions</h1><p>"
        + "La start-up chinoise a fermé les inscriptions aux numéros étrangers après des attaques. " * 6
        + "</p></article></body></html>"
    )
    page = extract(html.encode(), url=url)
    assert page.published_at is not None and page.published_at.date() == date(2025, 1, 27)
    assert page.date_source == "url"
    assert url_date("https://www.chaine-info.example/tech/article_AN-202501279912.html") is None  # no hour 99


def test_relative_day_against_the_url_date() -> None:
    d = undated(
        "Claude a flanché hier soir",
        "Hier soir, vers 22 h, Claude a cessé de répondre aux abonnés "
        "d'Anthropic pendant près d'une heure, l'assistant renvoyant des erreurs en série.",
        url="https://www.exemple-tech.fr/actu/2025-03-05-claude-flanche",
    )
    a = analyse_document(d, seen_at=paris("2025-03-09T10:00"))
    assert a.outage is not None and a.outage.day == date(2025, 3, 4) and a.outage.date_precision == "inferred"
    assert a.outage.start == paris("2025-03-04T22:00")


def test_full_date_in_the_text() -> None:
    d = undated(
        "Panne de ChatGPT : des millions d'utilisateurs privés de leur assistant",
        "Le 10 juin 2025, en milieu de matinée, ChatGPT a commencé à renvoyer des erreurs avant de devenir "
        "complètement inaccessible. OpenAI a mis plus de dix heures à rétablir son chatbot.",
    )
    a = analyse_document(d, seen_at=paris("2025-11-02T09:00"))
    # the text gives the day in full: the day is sure even though the page has no date of its own
    assert a.outage is not None and a.outage.day == date(2025, 6, 10) and a.outage.date_precision == "exact"


def test_weekday_and_date_without_year_pick_the_matching_year() -> None:
    d = undated(
        "Claude en rade ce mardi",
        "Ce mardi 10 juin, Claude est resté indisponible une bonne partie de "
        "l'après-midi : l'assistant d'Anthropic affichait une erreur de surcharge.",
    )
    a = analyse_document(
        d, seen_at=paris("2026-01-15T09:00")
    )  # 10 June 2025 was a Tuesday, 10 June 2026 is not yet
    assert a.outage is not None and a.outage.day == date(2025, 6, 10) and a.outage.date_precision == "exact"


def test_no_date_anywhere_is_approximate_first_seen() -> None:
    d = undated(
        "Gemini en panne",
        "Gemini est en panne depuis ce matin : l'assistant de Google affiche une "
        "erreur à chaque question et l'application ne charge plus les conversations.",
    )
    a = analyse_document(d, seen_at=paris("2025-03-04T15:00"))
    assert (
        a.outage is not None and a.outage.day == date(2025, 3, 4) and a.outage.date_precision == "approximate"
    )


def test_dateline_date_is_the_dispatch_s_and_only_inferred() -> None:
    d = undated(
        "Claude inaccessible",
        "Lyon, 2 mars 2026 (AFP) – Claude, l'assistant d'Anthropic, était inaccessible "
        "lundi pour de nombreux utilisateurs, a constaté un journaliste.",
    )
    a = analyse_document(d, seen_at=paris("2026-03-10T09:00"))
    assert a.outage is not None and a.outage.day == date(2026, 3, 2) and a.outage.date_precision == "inferred"


def test_a_dated_page_stays_exact() -> None:
    a = analyse_document(
        doc(
            "ChatGPT en panne ce mardi",
            "ChatGPT est inaccessible ce mardi depuis 14 h, OpenAI enquête.",
            "2025-06-10T16:00",
            url="https://www.exemple-tech.fr/2024/01/01/vieux-chemin/",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 10) and a.outage.date_precision == "exact"


def test_reference_helpers() -> None:
    assert url_date("https://x.fr/2025/06/10/titre") == date(2025, 6, 10)
    assert url_date("https://x.fr/actu/20250610-titre") == date(2025, 6, 10)
    assert url_date("https://x.fr/actu/panne-chatgpt-2025-06-10.html") == date(2025, 6, 10)
    assert (
        url_date("https://x.fr/2025/13/40/titre") is None
        and url_date("https://x.fr/article-2025.html") is None
    )
    d = undated(
        "x", "Les faits du 3 mars 2025 puis ceux du 12 mars 2025, et un rendez-vous le 1er juin 2030."
    )
    ref = reference(
        d,
        "x\n\nles faits du 3 mars 2025 puis ceux du 12 mars 2025, et un rendez-vous le 1er juin 2030.",
        paris("2025-04-01T12:00"),
    )
    assert ref.precision == "inferred" and ref.moment.date() == date(
        2025, 3, 12
    )  # the future date is ignored


# --- 4. start versus announcement ---------------------------------------------------------------------------------


def test_attack_detected_the_evening_before_the_announcement() -> None:
    a = analyse_document(
        doc(
            "DeepSeek restreint les inscriptions après une cyberattaque",
            "Le 28 janvier, DeepSeek a annoncé limiter temporairement les nouvelles inscriptions, à la suite "
            "d'une attaque massive repérée la veille au soir contre ses serveurs. Les comptes existants "
            "continuent de fonctionner.",
            "2025-01-29T09:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 1, 27)


def test_the_day_after_counts_from_the_given_date() -> None:
    a = analyse_document(
        doc(
            "Sora : l'accès coupé pendant deux jours",
            "Le 9 décembre, OpenAI a ouvert Sora au public. Le lendemain, le générateur vidéo était "
            "indisponible pour la plupart des comptes, submergé par les demandes.",
            "2024-12-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2024, 12, 10)


def test_statement_day_is_not_the_start_day() -> None:
    a = analyse_document(
        doc(
            "OpenAI s'explique sur la panne de Sora",
            "OpenAI a confirmé jeudi que la panne de Sora avait commencé mercredi en fin de soirée. Le "
            "générateur de vidéos est resté inaccessible plusieurs heures.",
            "2025-02-14T11:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 2, 12)


def test_night_between_two_dates() -> None:
    a = analyse_document(
        doc(
            "Le Chat de Mistral AI coupé dans la nuit",
            "Dans la nuit du 9 au 10 juin, vers 23 h 30, Le Chat de Mistral AI a cessé de répondre. "
            "L'assistant est revenu au petit matin.",
            "2025-06-10T12:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 6, 9)
    assert a.outage.start == paris("2025-06-09T23:30")


# --- 5. time zones --------------------------------------------------------------------------------------------------


def test_beijing_time_moves_the_day_back() -> None:
    a = analyse_document(
        doc(
            "DeepSeek inaccessible lundi",
            "DeepSeek est devenu inaccessible le lundi 27 janvier à 2 h, "
            "heure de Pékin, sous l'afflux de nouveaux utilisateurs de son assistant d'IA.",
            "2025-01-27T12:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-01-26T19:00")
    assert a.outage.day == date(2025, 1, 26)


def test_eastern_time_evening_is_the_next_day_in_paris() -> None:
    for zone in ("heure de l'Est", "HNE", "ET"):
        a = analyse_document(
            doc(
                "ChatGPT en panne",
                f"ChatGPT est tombé en panne mardi à 22 h ({zone}), selon la page "
                "d'état d'OpenAI. Le chatbot est resté hors service une heure.",
                "2025-03-12T09:00",
            )
        )
        assert a.outage is not None and a.outage.start == paris("2025-03-12T03:00"), zone
        assert a.outage.day == date(2025, 3, 12), zone


def test_utc_and_pacific_times() -> None:
    a = analyse_document(
        doc(
            "Claude indisponible",
            "Claude est indisponible depuis 23 h 30 UTC le 31 mars, indique Anthropic sur sa page d'état.",
            "2025-04-01T09:00",
        )
    )
    assert (
        a.outage is not None
        and a.outage.start == paris("2025-04-01T01:30")
        and a.outage.day == date(2025, 4, 1)
    )
    a = analyse_document(
        doc(
            "Gemini en panne",
            "Gemini est tombé en panne à 9 h PT ce mercredi, Google enquête sur l'incident.",
            "2025-05-14T20:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-05-14T18:00")


def test_french_time_and_the_conjunction_et_stay_paris_time() -> None:
    a = analyse_document(
        doc(
            "Copilot en panne",
            "Copilot a été coupé entre 14 h et 16 h, heure française, ce jeudi.",
            "2025-05-15T18:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-05-15T14:00")
    assert a.outage.end == paris("2025-05-15T16:00")


# --- more shapes of days, times and zones -------------------------------------------------------------------------

SHAPES = [
    # (title, text, pub, want day, want start)
    (
        "ChatGPT en panne",
        "ChatGPT a cessé de répondre mardi vers 15 h 30 heure de Paris.",
        "2025-06-11T09:00",
        "2025-06-10",
        "15:30",
    ),
    (
        "Claude inaccessible",
        "Claude est inaccessible depuis 6 h GMT ce matin, selon Anthropic.",
        "2025-01-15T10:00",
        "2025-01-15",
        "07:00",
    ),
    (
        "DeepSeek en panne",
        "DeepSeek est tombé en panne à 20 h, heure de Chine, ce lundi.",
        "2025-01-27T18:00",
        "2025-01-27",
        "13:00",
    ),
    (
        "Gemini en panne",
        "Gemini, l'assistant de Google, est en panne depuis 10 h 15 heure de la côte Ouest (PDT).",
        "2025-06-12T21:00",
        "2025-06-12",
        "19:15",
    ),
    (
        "Sora coupé",
        "Sora, le générateur de vidéos d'OpenAI, est resté coupé dans la nuit de dimanche à lundi, de 1 h à 4 h.",
        "2025-06-09T12:00",
        "2025-06-09",
        "01:00",
    ),
    (
        "Copilot en panne",
        "Copilot est en panne depuis hier en fin de journée.",
        "2025-06-12T09:00",
        "2025-06-11",
        None,
    ),
    (
        "ChatGPT : la panne d'hier",
        "Hier, à 23 h 45, ChatGPT a cessé de fonctionner.",
        "2025-06-12T09:00",
        "2025-06-11",
        "23:45",
    ),
    (
        "Panne de ChatGPT",
        "OpenAI a publié jeudi son rapport sur la panne de ChatGPT survenue mardi après-midi.",
        "2025-06-13T09:00",
        "2025-06-10",
        None,
    ),
    (
        "Le Chat en panne",
        "Le 3 mars, Mistral AI a reconnu une panne du Chat survenue la veille.",
        "2025-03-04T09:00",
        "2025-03-02",
        None,
    ),
    (
        "Grok indisponible",
        "Grok a été indisponible samedi 14 juin pendant deux heures.",
        "2025-06-16T09:00",
        "2025-06-14",
        None,
    ),
    (
        "ChatGPT en panne ce soir",
        "ChatGPT est en panne depuis 21 h ce soir.",
        "2025-06-12T21:40",
        "2025-06-12",
        "21:00",
    ),
    (
        "Claude en panne",
        "Claude, le chatbot d'Anthropic, est tombé vers 3 h du matin, heure de l'Est.",
        "2025-06-12T12:00",
        "2025-06-12",
        "09:00",
    ),
]


@pytest.mark.parametrize(("title", "text", "pub", "day", "start"), SHAPES)
def test_day_and_start_shapes(title: str, text: str, pub: str, day: str, start: str | None) -> None:
    o = analyse_document(doc(title, text, pub)).outage
    assert o is not None
    assert (str(o.day), o.start and o.start.strftime("%H:%M")) == (day, start)
