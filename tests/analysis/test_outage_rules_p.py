"""General rules for the classes set P missed, each on short French texts written for these tests (not taken from
its pages): a venue that shares a product's name, the writer switching a tool off, a model withdrawn from an API, a
year-less wire dated by the weekday it reports, another service's unrelated outage told beside the headline's, and a
blog's standfirst read as its lead. Each class has look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.refdate import INFERRED, reference
from app.analysis.timeexpr import find_clocks, find_duration
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def undated(title: str, text: str, url: str = "https://www.depeches-exemple.fr/fil/99120") -> Document:
    return Document(url=url, title=title, text=text, published_at=None, lead=None, language="fr")


# --- 1. a venue named like a product ------------------------------------------------------------------------------


def test_a_bar_called_le_chat_is_not_mistral_s_assistant() -> None:
    a = analyse_document(
        doc(
            "Panne de caisse au bar Le Chat, les clients paient en liquide",
            "Vendredi soir, le lecteur de cartes du bar Le Chat, place du Marché, est resté hors service pendant "
            "deux heures. Le patron a noté les consommations sur une ardoise en attendant le dépanneur, et les "
            "habitués, dont plusieurs développeurs du quartier, ont pris la chose avec humour.",
            "2025-05-16T23:10",
        )
    )
    assert "le-chat" not in a.products and a.outage is None and not a.is_ai


def test_le_chat_of_mistral_beside_a_coffee_break_stays_the_assistant() -> None:
    a = analyse_document(
        doc(
            "Le Chat de Mistral AI en panne ce matin",
            "L'assistant de Mistral AI ne répondait plus ce mardi matin : Le Chat affichait une erreur à chaque "
            "question posée, de 9 h à 10 h 30, selon la page d'état de la start-up française.",
            "2025-05-13T11:00",
        )
    )
    assert a.outage is not None and "le-chat" in a.outage.services


# --- 2. the writer switching a tool off ---------------------------------------------------------------------------


def test_the_writer_switching_copilot_off_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "Un mois sans assistant de code",
            "J'ai coupé GitHub Copilot pendant un mois pour voir ce qu'il me restait de réflexes. Le premier "
            "matin, j'ai désactivé l'extension dans mon éditeur et attendu des suggestions qui ne venaient plus. "
            "Je le coupe désormais quand je dessine une architecture, et je le rallume pour les tâches répétitives.",
            "2025-03-20T08:00",
        )
    )
    assert a.outage is None


def test_a_provider_cutting_its_tool_is_still_reported() -> None:
    a = analyse_document(
        doc(
            "GitHub coupe Copilot pour les comptes gratuits pendant la nuit",
            "GitHub a coupé ce jeudi soir l'accès à Copilot pour les comptes gratuits, le temps de résorber une "
            "surcharge de ses serveurs ; les abonnés payants ne sont pas concernés.",
            "2025-03-20T23:00",
        )
    )
    assert a.outage is not None and "github-copilot" in a.outage.services


# --- 3. a model withdrawn from an API -----------------------------------------------------------------------------


def test_a_model_withdrawn_from_the_api_is_a_restriction_of_the_model() -> None:
    a = analyse_document(
        doc(
            "Google retire Gemini 1.5 Pro de son API",
            "Google a cessé ce jeudi de servir Gemini 1.5 Pro aux développeurs, comme prévu par son calendrier de "
            "fin de vie ; les requêtes vers ce modèle renvoient désormais une erreur.",
            "2025-09-25T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gemini" in a.outage.services


def test_a_price_cut_on_the_api_is_no_withdrawal() -> None:
    a = analyse_document(
        doc(
            "Google baisse le prix de Gemini 1.5 Pro dans son API",
            "Les développeurs paieront ce modèle deux fois moins cher à partir d'octobre, a annoncé Google ce jeudi.",
            "2025-09-25T18:00",
        )
    )
    assert a.outage is None


# --- 4. a year-less wire dated by the weekday it reports ------------------------------------------------------------


def test_a_yearless_dateline_takes_the_year_whose_weekday_matches() -> None:
    text = (
        "BERLIN, 12 mars (DPX) - L'office allemand de la sécurité informatique a déconseillé jeudi l'usage "
        "de l'application DeepSeek sur les téléphones de service. La mesure vise les administrations."
    )
    d = undated("Berlin déconseille DeepSeek aux administrations", text)
    ref = reference(d, fold(f"{d.title}\n\n{text}"), seen_at=None)
    # 12 March fell on a Thursday in 2026 (and in 2020), not in 2025: the latest such year is taken
    assert ref.precision == INFERRED and ref.moment.date() == date(2026, 3, 12)


def test_a_yearless_dateline_without_a_weekday_stays_approximate() -> None:
    text = (
        "BERLIN, 12 mars (DPX) - L'office allemand de la sécurité informatique a déconseillé l'usage de "
        "l'application DeepSeek sur les téléphones de service."
    )
    d = undated("Berlin déconseille DeepSeek aux administrations", text)
    assert reference(d, fold(f"{d.title}\n\n{text}")).precision != INFERRED


# --- 5. another service's outage, said to be unrelated -------------------------------------------------------------


def test_an_unrelated_outage_told_beside_the_headline_stays_out_of_it() -> None:
    a = analyse_document(
        doc(
            "Gemini en panne une partie de l'après-midi",
            "L'assistant de Google est resté inaccessible ce lundi de 14 h à 16 h pour de nombreux utilisateurs "
            "européens. Le même jour, Claude subissait de son côté une panne sans rapport, réglée en une heure.",
            "2025-06-16T18:00",
        )
    )
    assert a.outage is not None
    assert "gemini" in a.outage.services and "claude" not in a.outage.services


def test_a_second_service_hit_by_the_same_outage_stays_in() -> None:
    a = analyse_document(
        doc(
            "Gemini en panne une partie de l'après-midi",
            "L'assistant de Google est resté inaccessible ce lundi de 14 h à 16 h. NotebookLM, qui repose sur "
            "le même modèle, était lui aussi en panne, sans lien avec l'incident de la semaine dernière.",
            "2025-06-16T18:00",
        )
    )
    assert a.outage is not None and {"gemini", "notebooklm"} <= set(a.outage.services)


# --- 6. a blog's standfirst as its lead --------------------------------------------------------------------------


def test_a_short_first_paragraph_naming_an_ai_tool_makes_the_post_ai_news() -> None:
    a = analyse_document(
        doc(
            "Trois semaines de sevrage",
            "J'ai rangé Cursor et GitHub Copilot au placard pendant trois semaines. Bilan d'une expérience.\n"
            "Les premiers jours ont été laborieux : il fallait retrouver la documentation, relire les signatures "
            "des fonctions et accepter d'écrire chaque ligne soi-même. Puis une habitude nouvelle s'est installée, "
            "plus lente mais plus réfléchie, et le code produit était plus court. Je garde Copilot pour les tâches "
            "répétitives et je le range quand je conçois, ce qui me semble un bon compromis pour le reste de "
            "l'année, même si mes collègues ne sont pas tous convaincus.",
            "2025-03-20T08:00",
        )
    )
    assert a.is_ai


def test_a_long_first_paragraph_is_no_standfirst() -> None:
    body = (
        "Le marché de la rue Sainte-Claire a rouvert ce samedi après trois mois de travaux, avec ses étals de "
        "légumes, son fromager et un nouveau stand de pain au levain tenu par deux anciens informaticiens, qui "
        "racontent avoir quitté un emploi de bureau pour le fournil ; l'un d'eux dit avoir utilisé ChatGPT pour "
        "rédiger son plan d'affaires.\nLes riverains saluent le retour des producteurs et la nouvelle fontaine."
    )
    a = analyse_document(doc("Le marché Sainte-Claire rouvre ses portes", body, "2025-03-22T12:00"))
    assert not a.is_ai


# --- 7. a Paris time given first, then its foreign equivalent; a vague duration beside a precise one ---------------


def test_a_paris_time_then_its_new_york_equivalent_keeps_the_paris_one() -> None:
    clocks = find_clocks(fold("Les erreurs ont commencé vers 21 h 10 à Paris, soit 15 h 10 à New York."))
    assert [(c.hour, c.minute) for c in clocks] == [(21, 10)]
    # the other order still keeps the French side
    clocks = find_clocks(fold("Les erreurs ont commencé vers 15 h 10 à New York, soit 21 h 10 à Paris."))
    assert [(c.hour, c.minute) for c in clocks] == [(21, 10)]


def test_a_precise_duration_wins_over_a_vague_one() -> None:
    text = fold(
        "Le service a flanché pendant plusieurs minutes, puis s'est arrêté pendant environ vingt minutes."
    )
    assert find_duration(text) == 20
    assert find_duration(fold("Le service a flanché pendant plusieurs minutes.")) == 3
