"""General rules for the classes sets BT–BV and the real-article check missed, each on short French texts written
for these tests (not taken from any page): a subscription's tokens « ne peuvent plus servir qu'à » the maker's own
apps, rights users « n'y ont plus droit », a headline about people deprived that names nobody, a story saying the
service kept working, a decision « en vigueur depuis samedi », a time « à partir d'environ 11 h GMT, soit midi à
Paris » under a date-only byline, a service that « reste debout », « les autorités italiennes » deciding a block, a
feature made paid (« rendre payante ») told by the service's own account (« @Grok »)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.analysis import analyse_document
from app.analysis.dates import PARIS
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel
from app.analysis.refdate import reference
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc


def test_tokens_that_can_only_serve_the_makers_apps() -> None:
    found = analyse_document(
        doc(
            "Mistral AI réserve ses forfaits Le Chat à ses propres applications",
            "PARIS, 12 mars (Agence du Vexin) – Faut-il payer deux fois pour coder avec un assistant ? La question "
            "revient sans cesse dans les forums. Les jetons d'accès rattachés aux formules Pro et Team de Le Chat "
            "ne peuvent plus servir qu'à l'application officielle, a annoncé mercredi Mistral AI.",
            "2026-03-12T10:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and "le-chat" in found.services


def test_a_headline_about_people_deprived_that_names_nobody() -> None:
    text = (
        "Un abonnement réglé chaque mois, un éditeur de code adoré, puis un refus. Julie programme depuis dix ans. "
        "Elle pilotait ses sessions depuis un client libre. Un matin, la connexion a échoué sans explication. "
        "Elle a tout réinstallé, en vain. Sur les forums, d'autres racontent la même chose. "
        "La réponse est venue de l'entreprise elle-même. Mistral AI a changé ses conditions le mardi 10 mars : "
        "les jetons des formules Pro et Team de Le Chat sont réservés à l'application officielle. "
        "Les clients libres qui permettaient d'y brancher son forfait n'y ont plus droit."
    )
    found = analyse_document(
        doc(
            "« Ma console m'a dit non » : ces programmeurs privés de leur forfait dans les outils libres",
            text,
            "2026-03-12T10:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION
    assert "le-chat" in found.services and found.day == date(2026, 3, 10)


def test_a_headline_outage_that_names_nobody_stays_someone_elses() -> None:
    """« … tombe en panne ? » names no service: an AI service recalled in the body is not its subject."""
    a = analyse_document(
        doc(
            "Votre outil de traduction tombe en panne ? Les bons réflexes avant la prochaine coupure",
            "Un outil en ligne peut cesser de répondre au pire moment. Gardez une copie locale de vos glossaires. "
            "Notez les numéros du support. Vérifiez la page d'état de l'éditeur. "
            "Le 2 mars, DeepL a connu une panne de deux heures qui a privé de nombreux traducteurs de leur outil.",
            "2026-03-20T10:00",
        )
    )
    assert a.outage is None


def test_a_crawler_story_that_says_the_service_kept_working(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned fallback is made to fire on both texts; only the one saying the service kept working is vetoed."""
    monkeypatch.setattr(OutageModel, "page_probability", lambda self, *page: 1.0)
    story = (
        "L'hébergeur Cloudflare a accusé lundi Perplexity de contourner les fichiers robots.txt de sites qui "
        "refusent ses robots. Cloudflare a retiré Perplexity de sa liste de robots vérifiés et bloque ce trafic "
        "pour ses clients. La mesure vise les robots de collecte{}. L'éditeur conteste ces accusations."
    )
    title = "Cloudflare accuse Perplexity de masquer ses robots d'indexation"
    kept = story.format(" : Perplexity restait accessible et fonctionnait normalement pour ses utilisateurs")
    assert analyse_document(doc(title, kept, "2025-08-04T18:00")).outage is None
    assert analyse_document(doc(title, story.format(""), "2025-08-04T18:00")).outage is not None


def test_in_force_since_saturday_in_seoul() -> None:
    found = analyse_document(
        doc(
            "Perplexity n'est plus téléchargeable en Corée du Sud",
            "L'application du moteur de réponses Perplexity ne peut plus être téléchargée sur les boutiques sud-coréennes, selon "
            "une annonce faite lundi par le régulateur des données personnelles, qui a obtenu de l'éditeur la "
            "suspension des téléchargements. Le retrait est en vigueur depuis "
            "samedi, 18 heures à Séoul, a précisé l'autorité.",
            "2025-03-10T09:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION
    assert found.day == date(2025, 3, 8)
    assert found.start == datetime(2025, 3, 8, 10, 0, tzinfo=PARIS)


def test_from_about_eleven_gmt_that_is_noon_in_paris_under_a_date_only_byline() -> None:
    found = analyse_document(
        doc(
            "ChatGPT : des erreurs en série sur le site, l'application mobile tient bon",
            "Le site de ChatGPT a renvoyé des pages « bad gateway » à de nombreux abonnés ce jeudi 5 février, à "
            "partir d'environ "
            "11 h GMT, soit midi à Paris. Les échecs allaient et venaient toute l'après-midi.",
            "2026-02-05T00:00",  # a byline that gives the day only
        )
    ).outage
    assert found is not None and found.start == datetime(2026, 2, 5, 12, 0, tzinfo=PARIS)


def test_the_api_that_stays_up_is_not_hit() -> None:
    found = analyse_document(
        doc(
            "Gemini tombe deux fois dans la journée, l'API reste debout",
            "Deux coupures en un jour : les abonnés de Gemini ont perdu l'accès à l'assistant de Google ce mercredi "
            "11 mars. Selon Google, l'API de Gemini a fonctionné sans interruption pendant les deux épisodes.",
            "2026-03-11T20:00",
        )
    ).outage
    assert found is not None and found.services == ("gemini",)


def test_the_authorities_decide_to_block() -> None:
    found = analyse_document(
        doc(
            "Les autorités irlandaises ont annoncé mardi leur décision de bloquer l'assistant DeepSeek",
            "Le régulateur reproche au service de transférer des données vers des serveurs situés hors d'Europe.",
            "2025-06-03T18:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and found.services == ("deepseek",)


def test_a_feature_made_paid_told_by_the_services_own_account() -> None:
    assert [
        m.entity.slug for m in gazetteer().find("le compte @Grok répond ; écrire à presse@openai.com")
    ] == ["grok"]
    found = analyse_document(
        doc(
            "Sur X, la retouche d'images devient un privilège",
            "Changement de cap sur le réseau social. xAI, l'éditeur de Grok, a décidé ce vendredi de rendre payante "
            "la création d'images. « Cette fonction est réservée aux abonnés payants », répond désormais le compte "
            "@Grok aux curieux.",
            "2026-01-09T19:00",
        )
    ).outage
    assert found is not None and found.kind == IncidentKind.RESTRICTION and "grok" in found.services


def test_a_weekday_day_beats_a_year_only_guess() -> None:
    """htmldate's 1 January of a year alone, a text about late December that year and « vendredi 9 janvier »: the
    January of the next year, where the 9th is a Friday."""
    text = (
        "Depuis la fin du mois de décembre 2025, des milliers d'images retouchées circulent. Le vendredi 9 janvier, "
        "l'éditeur a changé les règles."
    )
    d = Document(
        url="https://www.exemple-tech.fr/article.html",
        title="Les règles changent",
        text=text,
        published_at=datetime(2025, 1, 1, tzinfo=PARIS),
        date_source="htmldate",
        language="fr",
    )
    assert reference(d, fold(f"{d.title}\n\n{text}")).moment.date() == date(2026, 1, 9)
