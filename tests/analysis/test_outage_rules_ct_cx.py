"""General rules for the classes sets CT, CV, CX (and BN, which one of them broke) missed, each on short French texts
written for these tests (not taken from their pages): a service that "s'est figé", the launch day of a service "ouvert
à tous depuis", a question headline asking whether a lifted waiting list still holds, planned maintenance, a
restriction taking effect after the article, Californian time, a round-up's period in its headline, a decision's day told in
words the restriction patterns miss, a part of a day that a weekday names better, and a notice with nothing stopped
yet."""

from __future__ import annotations

from datetime import date

from app.analysis.outage_words import NO_EVENT, PAST
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import outage


def test_a_service_that_froze_is_down_and_a_launch_day_in_an_apposition_is_not_its_day() -> None:
    title = "Vendredi soir sans Anthropic : Claude et son API coupés pendant des heures"
    text = (
        "Le soir du vendredi 7 mars, dès 20 heures, Claude s'est figé pour une foule d'utilisateurs.\n"
        "Claude Code, ouvert à tous depuis le 24 février, et l'API d'Anthropic sont tombés en même temps."
    )
    report = outage(title, text, "2025-03-08T09:00")
    assert report is not None and report.day == date(2025, 3, 7)


def test_a_question_headline_on_a_lifted_waiting_list_reports_nothing() -> None:
    title = "Gemini : faut-il encore s'inscrire sur liste d'attente ?"
    lead = "Google a ouvert son assistant à tous les détenteurs d'un compte Google."
    text = (
        "Bonne nouvelle : vous n'avez plus rien à attendre.\n"
        "Google a supprimé la liste d'attente et ouvert Gemini à toute personne disposant d'un compte."
    )
    assert outage(title, text, "2024-02-10T10:00", lead=lead) is None
    # a question headline that reports the region left out still reports it
    asked = outage(
        "Gemini ouvert dans 150 pays mais pas en France : pourquoi ?",
        "Google a ouvert Gemini dans 150 pays, sans l'Union européenne, faute d'accord avec les régulateurs.",
        "2024-02-10T10:00",
        lead="Google a supprimé la liste d'attente de Gemini, sans l'Union européenne.",
    )
    assert asked is not None and asked.kind == IncidentKind.RESTRICTION


def test_planned_maintenance_and_a_notice_with_nothing_stopped_are_no_incident() -> None:
    title = "Maintenances programmées : une interruption annoncée n'est pas une panne"
    text = (
        "Les fournisseurs d'IA annoncent leurs fenêtres de maintenance plusieurs jours à l'avance.\n"
        "Pendant ce créneau, une partie des requêtes envoyées à l'API d'OpenAI pourra échouer, mais rien n'est "
        "cassé : l'opération est voulue et planifiée."
    )
    assert outage(title, text, "2026-01-12T10:00") is None
    notice = outage(
        "L'API Assistants d'OpenAI vivra jusqu'en août 2026",
        "OpenAI a programmé la fin de son interface Assistants dans son API, fixée au 26 août 2026.\n"
        "Les développeurs ont un an devant eux.",
        "2025-08-27T10:00",
        lead="Les développeurs ont un an devant eux, et rien ne s'arrête pour l'instant.",
    )
    assert notice is None
    assert PAST.search(fold("une interruption annoncée n'est pas une panne"))
    assert PAST.search(fold("pendant la maintenance programmée de samedi"))
    assert NO_EVENT.search(fold("Les développeurs ont un an devant eux, et rien ne s'arrête pour l'instant."))
    assert not NO_EVENT.search(fold("Depuis ce matin, plus rien ne marche sur ChatGPT."))


def test_a_restriction_that_takes_effect_later_is_never_dated_after_the_article() -> None:
    title = "Sora : les comptes gratuits plafonnés à dix vidéos par jour à compter du 28 août 2025"
    text = (
        "Les comptes gratuits de Sora seront limités à dix vidéos par jour à compter du 28 août 2025, selon un message "
        "publié sur la page d'aide d'OpenAI."
    )
    report = outage(title, text, "2025-07-21T09:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day <= date(2025, 7, 21)


def test_californian_time_and_a_round_ups_period_do_not_date_the_restriction() -> None:
    title = "La semaine IA du 13 au 17 novembre 2023"
    lead = "Nos brèves : ChatGPT Plus ferme ses portes aux nouveaux venus, et d'autres nouvelles."
    text = (
        "Sam Altman a annoncé sur X, mardi en fin de journée à l'heure californienne, soit mercredi 15 novembre en "
        "France, que les nouvelles inscriptions à ChatGPT Plus étaient suspendues.\n"
        "Les abonnés actuels gardent leur accès."
    )
    report = outage(title, text, "2023-11-17T10:00", lead=lead)
    assert report is not None and report.day == date(2023, 11, 15)


def test_a_decisions_day_told_without_restriction_words_dates_it() -> None:
    title = "Claude ouvert dans 95 pays mais pas en France : pourquoi ?"
    lead = "Anthropic a ouvert Claude dans 95 pays, sans l'Union européenne."
    text = (
        "Le blocage est voulu et concerne toute l'Union européenne.\n"
        "Vider le cache du navigateur ou changer d'appareil ne change rien au résultat.\n"
        "Les abonnés britanniques, eux, peuvent s'en servir depuis plusieurs semaines.\n"
        "Le Canada manque lui aussi à l'appel.\n"
        "Ce qu'Anthropic a annoncé\n"
        "Mercredi 8 novembre au soir, Anthropic a rendu Claude accessible dans 95 pays et territoires.\n"
        "Aucun des vingt-sept États membres n'y figure."
    )
    report = outage(title, text, "2023-11-09T09:00", lead=lead)
    assert report is not None and report.day == date(2023, 11, 8)


def test_a_part_of_a_day_yields_to_the_weekday_the_text_gives() -> None:
    title = "Coupure chez Microsoft : des agents municipaux privés de Copilot en fin de journée"
    lead = "Messagerie muette et assistant hors d'atteinte : mercredi, une panne du nuage de Microsoft a touché la mairie."
    text = "Vers 16 h 45, Copilot est devenu inaccessible pour les agents, comme Outlook et Teams."
    report = outage(title, text, "2025-10-30T07:10", lead=lead)
    assert report is not None and report.day == date(2025, 10, 29)
