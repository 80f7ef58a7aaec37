"""Sentence splitting, boilerplate cleaning, summaries and AI relevance, on short French texts."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.clean import clean_text
from app.analysis.sentences import split_sentences
from app.analysis.summary import MAX_CHARS, summarise

from .helpers import doc, paris


def test_split_keeps_abbreviations_clock_times_quotes_and_numbers() -> None:
    text = (
        "M. Dupont, patron de la filiale, a parlé à 15 h 30. L'entreprise a levé 1,5 milliard d'euros "
        "pour ses GPU, ses serveurs, etc. et ses centres de données. Il a conclu : « Nous sommes prêts. "
        "Le service revient. » Ensuite, silence radio."
    )
    assert split_sentences(text) == [
        "M. Dupont, patron de la filiale, a parlé à 15 h 30.",
        "L'entreprise a levé 1,5 milliard d'euros pour ses GPU, ses serveurs, etc. et ses centres de données.",
        "Il a conclu : « Nous sommes prêts. Le service revient. »",
        "Ensuite, silence radio.",
    ]


def test_split_ends_after_ia_and_initials_stay() -> None:
    assert split_sentences("Tout passe par l'IA. J. Martin le sait. Fin.") == [
        "Tout passe par l'IA.",
        "J. Martin le sait.",
        "Fin.",
    ]


def test_clean_drops_boilerplate_lines_boxes_and_comments() -> None:
    text = "\n".join(
        [
            "ChatGPT est tombé en panne hier soir pour des millions d'utilisateurs.",
            "À lire aussi : Claude Code arrive sur le web",
            "Sur le même sujet",
            "- Gemini 3 débarque en France",
            "- Le Chat de Mistral gagne une mémoire",
            "OpenAI a rétabli le service vers minuit.",
            "Crédit photo : Adobe Stock / Exemple Tech",
            "Inscrivez-vous à notre newsletter IA",
            "Vos réactions",
            "- Paul D. 3 février 2026 Encore une panne, Perplexity au moins fonctionne.",
        ]
    )
    assert clean_text(text) == (
        "ChatGPT est tombé en panne hier soir pour des millions d'utilisateurs.\n"
        "OpenAI a rétabli le service vers minuit."
    )


def test_boilerplate_entities_do_not_count() -> None:
    a = analyse_document(
        doc(
            "ChatGPT en panne hier soir",
            "Hier soir, ChatGPT est resté inaccessible pendant une heure. OpenAI évoque une erreur de "
            "configuration de son chatbot.\nÀ lire aussi : Claude Code arrive sur le web\n"
            "Crédit photo : Adobe Stock",
            "2025-12-03T08:10",
        )
    )
    assert a.products == ("chatgpt",) and a.companies == ("openai",)


LONG = [
    "Abonnez-vous à notre newsletter pour ne rien manquer de l'actualité de l'IA chaque matin.",
    "Le temps était doux à Paris ce mardi, et les terrasses des cafés étaient pleines dès midi.",
    "ChatGPT est resté inaccessible pendant trois heures mardi soir, privant des millions d'utilisateurs du chatbot.",
    "OpenAI attribue la panne de ChatGPT à une mise à jour de configuration de ses serveurs, annulée dans la nuit.",
    "Les développeurs qui utilisent l'API d'OpenAI ont eux aussi subi la panne, avec des erreurs en cascade.",
    "Un festival de musique se tiendra le mois prochain dans la capitale, avec une affiche variée.",
    "À lire aussi : notre comparatif des assistants d'IA",
]


def test_summary_is_central_short_and_clean() -> None:
    s = summarise("\n".join(LONG), "Panne de ChatGPT mardi soir : OpenAI s'explique")
    assert 0 < len(s) <= MAX_CHARS
    assert 2 <= len(split_sentences(s)) <= 3
    assert "newsletter" not in s and "lire aussi" not in s.lower()
    assert "terrasses" not in s and "festival" not in s  # off-topic sentences lose to central ones
    assert "panne" in s


def test_summary_of_real_pipeline_never_holds_noise() -> None:
    a = analyse_document(
        doc("Panne de ChatGPT mardi soir : OpenAI s'explique", "\n".join(LONG), "2026-02-04T09:00")
    )
    assert a.summary and "newsletter" not in a.summary.lower() and "lire aussi" not in a.summary.lower()


def test_passing_ai_mention_in_a_phone_review_is_not_ai_news() -> None:
    text = (
        "Le Galaxy A56 de Samsung mise sur son écran lumineux et sa batterie endurante. L'appareil photo "
        "principal s'en sort bien de jour, moins de nuit. Quelques fonctions d'IA complètent l'ensemble. "
        "La recharge rapide à 45 W est appréciable et le prix reste contenu pour un milieu de gamme. "
        "L'autonomie dépasse deux jours en usage modéré."
    )
    a = analyse_document(doc("Test du Samsung Galaxy A56 : un milieu de gamme solide", text))
    assert not a.is_ai and a.summary == "" and a.outage is None


def test_ai_subject_is_ai_news() -> None:
    text = (
        "Le modèle de langage de Mistral AI comprend désormais les images. Les développeurs peuvent "
        "l'essayer dans Le Chat et via l'API. L'intelligence artificielle générative progresse vite."
    )
    assert analyse_document(doc("Mistral AI dévoile un nouveau modèle d'IA", text)).is_ai


def test_gazetteer_company_alone_does_not_make_ai_news() -> None:
    text = (
        "Amazon recrute des intérimaires pour le Black Friday dans ses entrepôts du Nord. Les contrats "
        "durent six semaines et les candidatures sont ouvertes en ligne. Les syndicats demandent des "
        "primes pour les équipes de nuit."
    )
    a = analyse_document(doc("Black Friday : Amazon recrute des intérimaires", text))
    assert not a.is_ai and a.companies == ("amazon",)


def test_odd_input_never_raises() -> None:
    from dataclasses import replace

    undated = replace(
        doc(
            "ChatGPT en panne ce mardi",
            "ChatGPT est inaccessible ce mardi, vers 21 h, annonce "
            "OpenAI. Le chatbot ne répond plus aux utilisateurs.",
        ),
        published_at=None,
    )
    a = analyse_document(undated, seen_at=paris("2026-12-01T22:00"))
    # no publication time: the outage is still reported, dated against the time the page was first seen
    assert a.is_ai and a.outage is not None and a.outage.date_precision == "approximate"
    assert a.outage.day == date(2026, 12, 1) and a.date_precision == "approximate"
    only_noise = analyse_document(
        doc(
            "OpenAI et l'IA générative",
            "À lire aussi : ChatGPT\nCrédit photo : OpenAI\nInscrivez-vous à notre newsletter",
        )
    )
    assert only_noise.summary == ""
    weird = analyse_document(
        doc("IA \u00a0générative\u200b", "\x00\ufeff" + "ChatGPT " * 2000 + "\n" * 50 + "É" * 500)
    )
    assert "chatgpt" in weird.products and len(weird.summary) <= 450


def test_clean_drops_breadcrumbs_shopping_widgets_newsletter_blurbs_and_reader_reactions() -> None:
    text = "\n".join(
        [
            "Accueil › Intelligence artificielle",
            "Gemini est de nouveau disponible après une nuit de panne chez Google.",
            "Les meilleurs forfaits mobiles du moment",
            "- Opérateur A 100 Go en 5G · 8,99 €/mois Voir l'offre",
            "Recevez la lettre de l'Exemple Tech",
            "Tests, comparatifs et bons plans : une sélection chaque vendredi.",
            "Google promet une analyse détaillée de l'incident.",
            "Réactions des lecteurs",
            "Gaspard 10/02/25 à 19h02 Encore Gemini en rade, vive Le Chat.",
        ]
    )
    assert clean_text(text) == (
        "Gemini est de nouveau disponible après une nuit de panne chez Google.\n"
        "Google promet une analyse détaillée de l'incident."
    )


def test_comments_after_the_newsletter_box_are_dropped() -> None:
    text = (
        "Mistral AI a publié un correctif pour Le Chat après une panne de deux heures.\n"
        "Le Courrier du Geek — Recevez gratuitement notre lettre du vendredi, avec les essais de la semaine.\n"
        "geekdu35\n"
        "Chez nous tout est reparti vers midi, rien à signaler.\n"
        "Anne-Lise\n"
        "Bonne nouvelle !"
    )
    cleaned = clean_text(text)
    assert cleaned == "Mistral AI a publié un correctif pour Le Chat après une panne de deux heures."


def test_a_heading_after_a_links_box_is_article_text() -> None:
    text = (
        "Anthropic ouvre Claude aux écoles.\n"
        "À lire aussi\n"
        "- Les meilleurs claviers\n\n"
        "Contexte\n"
        "L'entreprise avait annoncé ce projet au printemps."
    )
    assert clean_text(text).splitlines() == [
        "Anthropic ouvre Claude aux écoles.",
        "Contexte",
        "L'entreprise avait annoncé ce projet au printemps.",
    ]
