"""General outage rules met on a held-out set, each on its own short French text (not taken from those pages)."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.timeexpr import find_clocks

from .helpers import doc, paris


def report(title: str, text: str, published: str, lead: str | None = None):  # type: ignore[no-untyped-def]
    a = analyse_document(doc(title, text, published, lead))
    assert a.is_ai, "these texts are AI news"
    return a.outage


# --- restrictions: money, quotas, countries ---------------------------------------------------------------------


def test_credit_purchases_stopped_is_a_restriction() -> None:
    o = report(
        "Mistral AI gèle les achats de crédits sur La Plateforme",
        "Depuis ce mardi matin, impossible d'acheter des crédits pour utiliser Codestral via La Plateforme. "
        "Les paiements sont suspendus jusqu'à nouvel ordre, indique Mistral AI, qui dit manquer de "
        "cartes graphiques pour servir ses modèles d'IA.",
        "2025-03-11T16:00",
    )
    assert o is not None and o.kind == "restriction"
    assert o.day == date(2025, 3, 11) and set(o.services) & {"codestral", "la-plateforme"}


def test_daily_quota_in_the_title_is_a_restriction() -> None:
    o = report(
        "Veo : trois vidéos par jour pour les comptes sans abonnement",
        "Google a annoncé mercredi que les utilisateurs gratuits de Veo ne pourront plus produire que trois "
        "clips. Le générateur vidéo d'IA reste illimité pour les abonnés.",
        "2025-09-05T10:00",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("veo",)
    assert o.day == date(2025, 9, 3)


def test_daily_images_and_cap_in_the_body() -> None:
    o = report(
        "Midjourney : les essais gratuits fondent",
        "Midjourney limite désormais ses comptes d'essai à dix images quotidiennes. Ce plafond, "
        "entré en vigueur jeudi, vise à soulager les serveurs du générateur d'images par IA.",
        "2025-05-16T09:00",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("midjourney",)


def test_access_cut_in_a_country_is_a_restriction_not_an_outage() -> None:
    o = report(
        "Grok coupé en Turquie après une décision de justice",
        "Depuis mercredi soir, les internautes turcs ne peuvent plus ouvrir Grok : xAI bloque l'accès au "
        "chatbot sur ordre d'un tribunal d'Ankara.",
        "2025-07-10T08:00",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("grok",)
    assert o.day == date(2025, 7, 9)


def test_a_regional_technical_outage_stays_an_outage() -> None:
    o = report(
        "Le Chat inaccessible au Royaume-Uni et en Belgique",
        "Le Chat de Mistral AI ne répond plus depuis 8 h pour une partie des utilisateurs européens. "
        "L'entreprise évoque un incident sur un centre de données.",
        "2025-10-14T10:00",
    )
    assert o is not None and o.kind == "outage"


# --- detection across sentences ---------------------------------------------------------------------------------


def test_title_names_the_service_and_the_lead_the_outage() -> None:
    o = report(
        "Claude Code : journée noire pour les développeurs",
        "Plusieurs équipes ont dû reprendre leurs tickets à la main, faute d'assistant de code.",
        "2025-08-20T19:00",
        lead="Le service d'Anthropic est resté inaccessible ce mercredi pendant plusieurs heures.",
    )
    assert o is not None and o.kind == "outage" and o.day == date(2025, 8, 20)
    assert "claude-code" in o.services


def test_outage_words_in_the_sentence_after_the_service() -> None:
    o = report(
        "Perplexity a calé ce jeudi",
        "Les abonnés de Perplexity ont passé une matinée compliquée. L'assistant a cessé de répondre "
        "entre 9 h et 11 h, selon la page d'état de l'entreprise.",
        "2025-06-19T14:00",
    )
    assert o is not None and o.kind == "outage" and o.services == ("perplexity",)
    assert o.start == paris("2025-06-19T09:00") and o.end == paris("2025-06-19T11:00")


def test_colloquial_crash_and_sluggishness() -> None:
    o = report(
        "L'afflux de curieux fait planter Le Chat",
        "Le Chat de Mistral AI est resté hors d'usage une bonne partie de la soirée de samedi, "
        "les serveurs n'arrivant plus à suivre.",
        "2025-02-09T10:00",
    )
    assert o is not None and o.kind == "outage" and o.day == date(2025, 2, 8)
    o = report(
        "Claude rame depuis ce matin",
        "Claude met de longues secondes à répondre aux requêtes ce mardi, et Anthropic dit surveiller "
        "la situation de son assistant.",
        "2025-04-15T11:00",
    )
    assert o is not None and o.kind == "degradation"


def test_a_launch_reserved_to_subscribers_is_not_a_restriction() -> None:
    o = report(
        "Google lance Veo 4 dans son application",
        "Veo 4 arrive dans l'application Gemini. Le service est pour l'instant réservé aux abonnés payants "
        "aux États-Unis, précise Google, qui vante ses progrès en génération de vidéos par IA.",
        "2025-10-01T18:00",
    )
    assert o is None


def test_a_spared_service_next_to_an_outage_title_is_not_hit() -> None:
    a = analyse_document(
        doc(
            "Panne d'Azure : ce que l'on sait",
            "Le stockage d'Azure a renvoyé des erreurs pendant deux heures mardi. Azure OpenAI n'a pas été "
            "touché, précise Microsoft.",
            "2025-03-05T12:00",
        )
    )
    assert a.outage is None or "azure-openai" not in a.outage.services


# --- relevance of a cloud outage that hits AI products ----------------------------------------------------------


def test_cloud_outage_hitting_ai_products_is_ai_news() -> None:
    a = analyse_document(
        doc(
            "Panne mondiale chez Amazon Web Services : le point",
            "Une erreur de configuration a mis à terre une région entière lundi. Les clients d'Amazon "
            "Bedrock ont été parmi les plus touchés, tout comme les utilisateurs d'Alexa. Les sites de "
            "commerce en ligne ont aussi souffert.",
            "2025-10-21T09:00",
        )
    )
    assert a.is_ai and a.outage is not None
    assert "amazon-bedrock" in a.outage.services and a.outage.day == date(2025, 10, 20)


def test_cloud_outage_without_ai_products_is_not_ai_news() -> None:
    a = analyse_document(
        doc(
            "Panne mondiale chez Amazon Web Services : le point",
            "Une erreur de configuration a mis à terre une région entière lundi. Les plateformes de "
            "vidéo et les jeux en ligne ont été parmi les plus touchés.",
            "2025-10-21T09:00",
        )
    )
    assert not a.is_ai and a.outage is None


# --- times --------------------------------------------------------------------------------------------------------


def test_american_time_with_its_paris_conversion_keeps_the_paris_time() -> None:
    o = report(
        "ChatGPT perturbé ce lundi",
        "L'incident a débuté à 6 h 30 heure de New York, soit 12 h 30 à Paris : ChatGPT affichait des "
        "messages d'erreur à la chaîne.",
        "2025-02-17T18:00",
    )
    assert o is not None and o.start == paris("2025-02-17T12:30")


def test_paris_time_first_then_pacific_time_in_brackets() -> None:
    clocks = find_clocks("la panne a commence a 15 h 10 a paris (6 h 10 heure du pacifique)")
    assert [(c.hour, c.minute, c.zone) for c in clocks] == [(15, 10, None)]


def test_eastern_zone_named_by_its_coast() -> None:
    (c,) = find_clocks("apparu a 4 h 05 heure de la cote est americaine")
    assert c.zone is not None and c.zone.key == "America/New_York"


def test_a_time_still_to_come_on_the_publication_day_was_the_day_before() -> None:
    o = report(
        "Panne du chatbot Gemini : ce que l'on sait",
        "L'incident a démarré à 21 h 40 et ne s'est refermé qu'à 1 h 10 du matin. Gemini renvoyait des "
        "erreurs à toutes les requêtes.",
        "2025-11-07T11:00",
    )
    assert o is not None and o.day == date(2025, 11, 6)
    assert o.start == paris("2025-11-06T21:40") and o.duration_minutes == 210


# --- names ----------------------------------------------------------------------------------------------------------


def test_name_after_an_elided_article_is_checked_against_the_next_word() -> None:
    a = analyse_document(
        doc(
            "Une brasserie lilloise organise l'Apple Market de décembre",
            "Les artisans du quartier y exposent bijoux, céramiques et affiches.",
            "2025-09-01T10:00",
        )
    )
    assert "apple" not in a.companies
    b = analyse_document(
        doc(
            "Un traceur pour vélo compatible avec Localiser",
            "Le boîtier se range sous la selle et utilise le réseau Localiser d'Apple pour retrouver "
            "le vélo.",
            "2025-09-01T10:00",
        )
    )
    assert "apple" in b.companies


def test_an_ambiguous_name_in_the_title_takes_the_sense_the_body_confirms() -> None:
    a = analyse_document(
        doc(
            "Panne de Gemini : ce que l'on sait",
            "L'incident a démarré à 21 h 40 et ne s'est refermé qu'à 1 h 10 du matin. Gemini renvoyait "
            "des erreurs à toutes les requêtes.",
            "2025-11-07T11:00",
        )
    )
    assert a.mentions.get("product:gemini") == 2
    assert a.is_ai and a.outage is not None and a.outage.services == ("gemini",)
    crypto = analyse_document(
        doc(
            "Gemini ouvre son bureau de Paris",
            "La plateforme d'échange de cryptomonnaies Gemini recrute des juristes. Gemini vise les "
            "investisseurs en bitcoin.",
            "2025-11-07T11:00",
        )
    )
    assert "gemini" not in crypto.products
