"""General rules for the classes sets CZ, DB, DC and DD missed, each on short French texts written for these tests
(not taken from their pages): a night told « entre mercredi soir et jeudi matin », a range « de dimanche après-midi
au petit matin de lundi », a URL that gives only its month beside a dateline's day, a launch day opening a sentence
with no outage words, a statement's day in a sentence with no other, a magistrate who forbids a party, and a model
that no longer appears in the menu."""

from __future__ import annotations

from datetime import date, datetime

from app.analysis.dates import PARIS
from app.analysis.refdate import INFERRED, reference
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import outage


def test_a_night_between_one_evening_and_the_next_morning() -> None:
    title = "Plus de quatre heures de silence pour Claude"
    lead = "La coupure survenue entre mercredi soir et jeudi matin a touché tous les services d'Anthropic."
    timed = (
        "Il était 0 h 20, heure de Paris, ce jeudi, quand Claude s'est tu : erreurs en série et pages figées."
    )
    report = outage(title, timed, "2025-06-13T10:00", lead=lead)
    assert report is not None and report.day == date(2025, 6, 12)
    # no time after midnight: it began on the evening the text names first
    untimed = "Claude est resté inaccessible pendant plus de sept heures, sans explication d'Anthropic."
    report = outage(title, untimed, "2025-06-13T10:00", lead=lead)
    assert report is not None and report.day == date(2025, 6, 11)


def test_a_range_from_one_afternoon_to_the_next_morning_starts_on_its_first_day() -> None:
    title = "DeepSeek muet pendant treize heures"
    lead = "De dimanche après-midi au petit matin de lundi, impossible de joindre l'assistant DeepSeek."
    text = "La start-up chinoise n'a fourni aucune explication sur cette interruption."
    report = outage(title, text, "2026-03-30T08:20", lead=lead)
    assert report is not None and report.day == date(2026, 3, 29)


def test_a_url_month_read_as_its_first_day_yields_to_the_datelines_day() -> None:
    text = "SAN FRANCISCO, 2 mars (ATP) – Notre direct suit les difficultés de connexion à Claude, heure par heure."
    d = Document(
        url="https://www.exemple.example/2026/03/direct-claude",
        title="Direct : Claude inaccessible",
        text=text,
        published_at=datetime(2026, 3, 1, tzinfo=PARIS),
        date_source="htmldate",
        language="fr",
    )
    ref = reference(d, fold(f"{d.title}\n\n{text}"), datetime(2026, 12, 1, tzinfo=PARIS))
    assert ref.precision == INFERRED and ref.moment.date() == date(2026, 3, 2)


def test_a_launch_day_and_a_statements_day_in_sentences_without_outage_words() -> None:
    title = "Victime de son succès, Sora plafonne le nombre de vidéos par compte"
    lead = "Submergée de demandes, OpenAI instaure des quotas provisoires sur son générateur vidéo."
    text = (
        "Quarante-huit heures ont suffi.\n"
        "Mise en ligne mardi, la nouvelle version de Sora a déclenché une avalanche de demandes.\n"
        "Jeudi, Sam Altman, à la tête d'OpenAI, a reconnu publiquement que ses serveurs ne suivaient plus.\n"
        "Dans le même message, il a annoncé des limites de débit provisoires pour Sora."
    )
    report = outage(title, text, "2025-10-03T09:00", lead=lead)
    assert report is not None and report.kind == IncidentKind.RESTRICTION and report.day == date(2025, 10, 2)


def test_a_magistrate_who_forbids_a_party_and_a_model_gone_from_the_menu_are_restrictions() -> None:
    court = outage(
        "Comet privé d'Amazon : Perplexity perd la première manche",
        "Une magistrate fédérale siégeant à San Francisco a interdit lundi à Perplexity d'utiliser l'agent de son "
        "navigateur pour passer des commandes.",
        "2026-03-10T09:00",
    )
    assert court is not None and court.kind == IncidentKind.RESTRICTION and "perplexity" in court.services
    menu = outage(
        "GPT-4 tire sa révérence dans ChatGPT",
        "Depuis ce mercredi 30 avril, GPT-4 n'apparaît plus dans le menu de ChatGPT, remplacé par GPT-4o.",
        "2025-04-30T12:00",
    )
    assert menu is not None and menu.kind == IncidentKind.RESTRICTION and menu.day == date(2025, 4, 30)


def test_a_paragraph_headed_by_a_city_and_a_day_is_a_dateline_without_its_agency() -> None:
    text = (
        "SAN FRANCISCO, 27 mars — Débordée par la demande, OpenAI a décidé jeudi de plafonner la génération "
        "d'images dans ChatGPT."
    )
    d = Document(
        url="https://www.exemple.example/fil/openai-images",
        title="OpenAI rationne les images de ChatGPT",
        text=text,
        published_at=None,
        language="fr",
    )
    ref = reference(d, fold(f"{d.title}\n\n{text}"), datetime(2026, 12, 1, tzinfo=PARIS))
    assert ref.precision == INFERRED and ref.moment.date() == date(
        2025, 3, 27
    )  # the latest Thursday 27 March
    # a day in running text, with no city heading the paragraph, is no dateline
    d2 = Document(
        url=d.url, title=d.title, text="Le bilan, le 27 mars — jeudi — restait flou.", language="fr"
    )
    assert (
        reference(d2, fold(f"{d2.title}\n\n{d2.text}"), datetime(2026, 12, 1, tzinfo=PARIS)).precision
        != INFERRED
    )


def test_a_quip_on_x_is_a_statement_and_a_capability_since_a_day_is_no_rule() -> None:
    from app.analysis.outage_words import ANNOUNCE, IN_FORCE_SINCE

    assert ANNOUNCE.search(fold("Jeudi, sur X, le patron d'OpenAI a ironisé sur ses serveurs"))
    # "depuis mardi" reads as a rule in force only where the sentence has restriction words (checked in _when)
    assert IN_FORCE_SINCE.search(fold("la restriction est en vigueur depuis "))
