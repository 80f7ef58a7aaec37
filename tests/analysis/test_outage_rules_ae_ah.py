"""General rules for the classes sets AE–AH missed, each on short French texts written for these tests (not taken
from their pages): sales of credits stopped, usage caps met by users, a region left out of a list of countries, a
service back after weeks away (no new incident), time zones named by a coast or a dateline city ("heure locale"), a
time of day that is no duration, a recovery worded "circule de nouveau", AI named by its dialogue models or its
chips."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.analysis import analyse_document
from app.analysis.dates import PARIS
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.analysis.timeexpr import at, dateline_zone, find_clocks, find_duration
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Débordée, Mistral AI cesse provisoirement de vendre des crédits pour son API",
            "Depuis mardi, la start-up refuse tout nouveau paiement pour l'API de ses modèles d'IA. Les soldes restent "
            "utilisables.",
        ),
        (
            "Perplexity gèle les recharges de son API",
            "Depuis mardi, l'entreprise suspend les recharges : impossible d'ajouter du crédit à son compte.",
        ),
    ],
)
def test_credit_sales_stopped_are_a_restriction(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-03-04T17:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
    assert a.outage.day == date(2025, 3, 4)


def test_usage_caps_met_by_users_are_a_restriction_not_an_outage() -> None:
    a = analyse_document(
        doc(
            "« Limite atteinte » : les abonnés de Gemini Code Assist butent sur des plafonds inattendus",
            "Depuis lundi, de nombreux développeurs se heurtent à des plafonds d'utilisation bien plus bas qu'avant. "
            "Les sessions s'arrêtent au bout d'une heure de travail et Google ne dit rien.",
            "2025-09-09T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2025, 9, 8)


@pytest.mark.parametrize(
    "sentence",
    [
        "La France, elle, ne figure pas dans la liste des pays servis.",
        "L'Hexagone reste sur le banc, sans explication de Google.",
    ],
)
def test_a_region_left_out_of_the_countries_served_is_a_restriction(sentence: str) -> None:
    a = analyse_document(
        doc(
            "Les AI Overviews dans six pays européens de plus",
            f"Google a annoncé mercredi 26 mars l'arrivée des AI Overviews en Espagne, en Italie et en Allemagne. "
            f"{sentence}",
            "2025-03-26T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("ai-overviews",) and a.outage.day == date(2025, 3, 26)


def test_a_service_back_after_weeks_away_is_no_incident_for_the_learned_fallback() -> None:
    title = "Le Chat de nouveau accessible en Corée du Sud après trois semaines d'interruption"
    lead = "Le régulateur a levé son blocage ce vendredi."
    text = (
        "Le Chat de Mistral AI fonctionne à nouveau dans le pays, quelques semaines après sa mise à l'arrêt."
    )
    d = doc(title, text, "2025-05-16T12:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    always = OutageModel(bias=50.0, weights={}, threshold=0.5)
    assert fallback_outage(title, lead, text, full_f, mentions, reference(d, full_f), model=always) is None
    # the same headline after a few hours is an outage's end, which the fallback may still report
    short = title.replace("après trois semaines d'interruption", "après une coupure matinale")
    lead = "Le service a été rétabli en fin de matinée ce vendredi."
    full = f"{short}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    d = doc(short, text, "2025-05-16T12:00", lead=lead)
    assert (
        fallback_outage(short, lead, text, full_f, mentions, reference(d, full_f), model=always) is not None
    )


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("les erreurs ont commence a 10 h 51 (heure de la cote pacifique)", 19),
        ("le blocage a pris effet a 20 h, heure de manille", 14),
    ],
)
def test_zones_named_by_a_coast_or_a_city(text: str, hour: int) -> None:
    [clock] = find_clocks(text)
    assert at(date(2025, 6, 12), clock).hour == hour


def test_local_time_is_the_dateline_citys() -> None:
    raw = "SÉOUL, 17 février (Agence) – Les téléchargements sont suspendus depuis samedi 18 heures, heure locale."
    body = fold(raw)
    zone = dateline_zone(raw)
    assert zone is not None
    [clock] = find_clocks(body, None, zone)
    assert at(date(2025, 2, 15), clock) == datetime(2025, 2, 15, 10, 0, tzinfo=PARIS)
    # without a foreign dateline, local time is ours
    [clock] = find_clocks(fold("Depuis samedi 18 heures, heure locale, le site est fermé."))
    assert clock.zone is None and clock.hour == 18


def test_a_restriction_abroad_starts_at_its_local_hour() -> None:
    a = analyse_document(
        doc(
            "Séoul suspend les téléchargements de DeepSeek",
            "SÉOUL, 17 février (Agence) – Les téléchargements de DeepSeek sont suspendus en Corée du Sud depuis "
            "samedi 18 heures, heure locale, a indiqué lundi le régulateur.",
            "2025-02-17T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.start == datetime(2025, 2, 15, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("il etait un peu plus de dix heures quand le terminal s'est fige", None),
        ("depuis environ 11 h 20 utc, les pages d'erreur se multiplient", None),
        ("la panne a dure plus de dix heures", 600),
        ("pendant environ 3 heures, rien ne fonctionnait", 180),
    ],
)
def test_a_time_of_day_is_no_duration(text: str, minutes: int | None) -> None:
    assert find_duration(text) == minutes


def test_a_live_blog_gives_the_start_its_oldest_entry_states_and_the_return_is_no_start() -> None:
    # newest entry first: the return "depuis 14 h 30 UTC" comes before the start "depuis environ 11 h 20 UTC"
    a = analyse_document(
        doc(
            "DIRECT. Panne de Cloudflare : ChatGPT inaccessible",
            "15 h 35\nLe trafic circule de nouveau normalement depuis 14 h 30 UTC, selon Cloudflare.\n"
            "12 h 58\nDepuis environ 11 h 20 UTC, ChatGPT affiche une page d'erreur de Cloudflare.",
            "2025-11-18T12:58",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE
    assert a.outage.start == datetime(2025, 11, 18, 12, 20, tzinfo=PARIS)
    assert a.outage.duration_minutes != 660


@pytest.mark.parametrize(
    ("title", "lead", "text"),
    [
        (
            "Google écarte l'ingénieur qui disait son programme doué de sensibilité",
            "Il avait publié ses échanges avec le modèle de dialogue de l'entreprise.",
            "L'ingénieur travaillait sur l'intelligence artificielle responsable. Selon lui, le modèle conversationnel "
            "aurait une conscience ; le groupe conteste et rappelle ses principes sur l'IA.",
        ),
    ],
)
def test_dialogue_models_are_ai_vocabulary(title: str, lead: str, text: str) -> None:
    assert analyse_document(doc(title, text, "2022-06-13T10:00", lead=lead)).is_ai


def test_a_launch_that_leaves_a_region_out_is_a_restriction_there_but_not_one_that_ends_it() -> None:
    text = (
        "Google a annoncé mercredi 26 mars l'arrivée des AI Overviews en Espagne, en Italie et en Allemagne. "
        "La France, elle, ne figure pas dans la liste."
    )
    a = analyse_document(doc("Google étend ses AI Overviews à de nouveaux pays", text, "2025-03-26T18:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    ended = analyse_document(
        doc(
            "Les AI Overviews arrivent enfin en France",
            "Google a annoncé mercredi 26 mars l'arrivée des AI Overviews en France. Les internautes français, "
            "privés jusqu'ici de ces résumés, peuvent désormais les afficher.",
            "2025-03-26T18:00",
        )
    )
    assert ended.outage is None


def test_a_range_in_universal_time_and_a_night_from_one_day_to_the_next() -> None:
    a = analyse_document(
        doc(
            "Copilot indisponible une demi-heure",
            "Les échecs de connexion à Copilot ont été enregistrés de 13 h 26 à 13 h 54 en temps universel.",
            "2026-02-13T18:00",
        )
    )
    assert a.outage is not None and a.outage.start == datetime(2026, 2, 13, 14, 26, tzinfo=PARIS)
    b = analyse_document(
        doc(
            "Le Chat hors service une nuit entière",
            "Le Chat de Mistral AI a connu entre dimanche soir et lundi matin une interruption de plus de sept "
            "heures. Le retour à la normale n'a été constaté que lundi vers 10 h 33.",
            "2026-03-30T18:00",
        )
    )
    assert b.outage is not None and b.outage.day == date(2026, 3, 29)
    assert b.outage.end == datetime(2026, 3, 30, 10, 33, tzinfo=PARIS)


def test_a_restriction_lifted_or_a_decision_reversed_in_the_head_is_no_incident() -> None:
    lifted = analyse_document(
        doc(
            "Le Chat : Mistral AI desserre un peu la bride de son assistant",
            "Mistral AI a relevé mardi soir les plafonds de son assistant Le Chat : vingt messages par heure, contre "
            "dix depuis vendredi.",
            "2025-02-19T09:00",
            lead="La start-up assouplit les limites posées quatre jours plus tôt.",
        )
    )
    assert lifted.outage is None
    title = "Rétropédalage chez Anthropic : Claude 3 Opus refait son apparition dans le menu"
    lead = "La start-up rend l'option aux abonnés payants après une fronde."
    text = "Claude 3 Opus avait été retiré jeudi du sélecteur de modèles de Claude."
    d = doc(title, text, "2025-08-09T10:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    always = OutageModel(bias=50.0, weights={}, threshold=0.5)
    assert fallback_outage(title, lead, text, full_f, mentions, reference(d, full_f), model=always) is None
    assert analyse_document(d).outage is None
    # a headline that reports a restriction keeps it, whatever its lead lifts elsewhere
    kept = analyse_document(
        doc(
            "Gemini s'ouvre à 150 pays… mais pas à l'Union européenne",
            "Google a ouvert Gemini mercredi 10 mai dans 150 pays. L'Union européenne n'y figure pas.",
            "2023-05-11T09:00",
            lead="Google a supprimé la liste d'attente de son assistant. Les Européens, eux, restent à la porte.",
        )
    )
    assert kept.outage is not None and kept.outage.kind == IncidentKind.RESTRICTION
