"""Relevance, summaries, entity traps and boilerplate on text shaped like real French pages (issue 10, patterns
7 to 10). Texts written for these tests, several shapes per class."""

from __future__ import annotations

import pytest

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.summary import summarise

from .helpers import doc

PUB = "2025-08-01T10:00"


# --- 7. relevance: the English terms the French press uses -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "AI Act : ce qui change le 2 août pour les fournisseurs",
            "Le règlement européen entre dans une nouvelle phase : les fournisseurs de general-purpose AI doivent publier "
            "un résumé de leurs données d'entraînement. Les modèles d'IA à usage général présentant un risque systémique "
            "auront des obligations supplémentaires, et le bureau européen chargé de l'AI Act contrôlera les documents.",
        ),
        (
            "Les LLM entrent dans les cabinets d'avocats",
            "Les cabinets testent des LLM pour trier les pièces d'un dossier. Un bon prompt suffit à obtenir un premier "
            "tri, mais les associés relisent tout : les hallucinations d'un chatbot n'ont pas leur place au tribunal.",
        ),
        (
            "Le deep learning au service des radiologues",
            "Un hôpital lyonnais utilise le deep learning pour repérer les fractures. L'outil d'IA générative rédige "
            "aussi un brouillon de compte rendu, relu par le médecin.",
        ),
    ],
)
def test_english_ai_terms_make_ai_news(title: str, text: str) -> None:
    assert analyse_document(doc(title, text, PUB)).is_ai


def test_a_calendar_without_ai_is_not_ai_news() -> None:
    a = analyse_document(
        doc(
            "Calendrier fiscal : les échéances d'août",
            "Les entreprises doivent déposer leur déclaration de TVA avant le 20 août. Les artisans ont "
            "jusqu'à la fin du mois pour la cotisation foncière.",
            PUB,
        )
    )
    assert not a.is_ai


# --- 8. summaries ---------------------------------------------------------------------------------------------------


def test_headings_questions_and_tables_of_contents_stay_out() -> None:
    text = (
        "Sommaire\nCe qui s'est passé\nLes causes\nEt maintenant\n"
        "Ce qui s'est passé mardi soir chez OpenAI\n"
        "ChatGPT est resté inaccessible mardi soir pendant près de trois heures pour des millions d'utilisateurs.\n"
        "Pourquoi le chatbot d'OpenAI est-il tombé en panne aussi longtemps ?\n"
        "OpenAI attribue l'incident à une mise à jour de configuration de ses serveurs, annulée vers minuit."
    )
    s = summarise(text, "ChatGPT en panne mardi soir")
    assert "Sommaire" not in s and "Ce qui s'est passé mardi soir" not in s and "?" not in s
    assert "ChatGPT est resté inaccessible mardi soir" in s


def test_datelines_notes_and_encyclopedic_boilerplate_stay_out() -> None:
    text = (
        "Paris, 3 mars 2026 (AFP) – Mistral AI lève deux milliards d'euros auprès de fonds européens et américains.\n"
        "[Mis à jour à 18 h 20 : ajout de la réaction du ministère de l'Économie.]\n"
        "Mistral AI est une entreprise française fondée en 2023 par trois anciens chercheurs de Google et de Meta.\n"
        "La start-up compte utiliser cet argent pour construire ses propres centres de calcul en France.\n"
        "Les investisseurs valorisent désormais Mistral AI à près de quarante milliards d'euros."
    )
    s = summarise(text, "Mistral AI lève deux milliards d'euros")
    assert "Paris, 3 mars" not in s and "Mis à jour" not in s and "fondée en 2023" not in s
    assert s.startswith("Mistral AI lève deux milliards")


@pytest.mark.parametrize(
    "connector", ["D'ailleurs", "Pourtant", "En revanche", "Cependant", "C'est ce qu'ont vu"]
)
def test_connector_sentence_only_with_its_antecedent(connector: str) -> None:
    text = (
        "Anthropic publie Claude Opus, son modèle le plus puissant, pour les entreprises et les développeurs.\n"
        "Le modèle code des applications entières sans aide humaine pendant des heures, selon Anthropic.\n"
        "Les premiers clients sont des banques et des éditeurs de logiciels européens de taille moyenne.\n"
        "Le prix par million de jetons reste identique à celui de la version précédente du modèle.\n"
        "La course aux modèles de code s'accélère entre les laboratoires américains et chinois.\n"
        f"{connector}, les tests indépendants de Claude Opus restent rares et le modèle coûte cher à utiliser."
    )
    s = summarise(text, "Claude Opus, le modèle de code d'Anthropic")
    if connector in s:
        assert "La course aux modèles de code s'accélère" in s  # its antecedent came with it
    assert not s.startswith(connector)


def test_outage_summary_says_what_broke_how_and_when() -> None:
    text = (
        "Les équipes de support ont passé une soirée agitée et les réseaux sociaux se sont remplis de captures.\n"
        "Les développeurs ont reporté leurs livraisons et certains ont ressorti leurs vieux outils.\n"
        "Les entreprises clientes attendent désormais des explications détaillées et un geste commercial.\n"
        "Les abonnés payants, eux, réclament un dédommagement sur les forums officiels et sur les réseaux.\n"
        "Claude est resté inaccessible mardi de 19 h à 22 h, Anthropic évoquant une panne de son système "
        "d'authentification."
    )
    a = analyse_document(doc("Soirée sans Claude pour les développeurs", text, "2025-07-30T09:00"))
    assert a.outage is not None
    assert "Claude est resté inaccessible mardi de 19 h à 22 h" in a.summary


# --- 9. entity traps --------------------------------------------------------------------------------------------------


def test_alexa_rank_and_google_trends_are_not_entities() -> None:
    g = gazetteer()
    slugs = {
        m.entity.slug
        for m in g.find(
            "Le site de DeepSeek a gagné 300 places au rang Alexa ; son Alexa rank "
            "le place devant des médias, et Google Trends montre un pic d'intérêt."
        )
    }
    assert slugs == {"deepseek"}
    assert {m.entity.slug for m in g.find("Alexa, l'assistant d'Amazon, apprend à réserver un taxi.")} == {
        "alexa",
        "amazon",
    }


def test_one_word_metaai_and_versions() -> None:
    g = gazetteer()
    assert {m.entity.slug for m in g.find("MetaAI débarque dans WhatsApp")} == {"meta-ai"}
    # a version is its family's product: one search finds GPT-5, GPT-5.1 and GPT-5.2 news
    found = [(m.entity.slug, m.surface) for m in g.find("OpenAI publie GPT-5.1 trois mois après GPT-5.")]
    assert found == [("openai", "OpenAI"), ("gpt-5", "GPT-5.1"), ("gpt-5", "GPT-5")]
    assert [m.entity.slug for m in g.find("GPT-4.1 et GPT-4o")] == ["gpt-4-1", "gpt-4o"]


def test_investors_and_partners_are_companies() -> None:
    a = analyse_document(
        doc(
            "OpenAI lève 40 milliards de dollars",
            "OpenAI boucle un tour de table de 40 milliards mené par "
            "SoftBank. Oracle, Nvidia, AMD et Samsung fourniront puces et centres de données pour entraîner "
            "ses prochains modèles d'IA.",
            PUB,
        )
    )
    assert {"openai", "softbank", "oracle", "nvidia", "amd", "samsung"} <= set(a.companies)


# --- 10. boilerplate never feeds detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "noise",
    [
        "À lire aussi : ChatGPT en panne, des millions d'utilisateurs privés de leur assistant",
        "LIRE AUSSI > ChatGPT est tombé en panne ce matin dans toute l'Europe",
        "Pour aller plus loin\nChatGPT en panne : ce que l'on sait\nClaude inaccessible ce mardi",
        "3 réactions\njeanmi_44\nChatGPT est en panne chez moi aussi depuis ce matin, impossible de travailler !",
        "Vous aimerez aussi\nPanne géante de ChatGPT : OpenAI s'explique",
    ],
)
def test_related_links_and_comments_never_make_an_outage(noise: str) -> None:
    text = (
        "OpenAI a bouclé une levée de fonds de 40 milliards de dollars auprès de SoftBank et d'autres "
        "investisseurs. L'argent doit financer les centres de calcul nécessaires à ses prochains modèles d'IA. "
        "Les dirigeants de l'entreprise visent un milliard d'utilisateurs hebdomadaires pour ChatGPT.\n"
        + noise
    )
    a = analyse_document(doc("OpenAI lève 40 milliards de dollars", text, PUB))
    assert a.is_ai and a.outage is None
    assert "panne" not in a.summary


def test_inline_related_link_is_cut_from_the_paragraph() -> None:
    text = (
        "Mistral AI présente un modèle de code pour les entreprises françaises et européennes. À lire aussi : "
        "Le Chat en panne ce matin\nLe modèle tourne sur les serveurs du client, sans envoyer de données."
    )
    a = analyse_document(doc("Mistral AI présente un modèle de code", text, PUB))
    assert a.outage is None and "panne" not in a.summary


@pytest.mark.parametrize(
    ("title", "text", "is_ai"),
    [
        (
            "Orange : panne géante du réseau mobile",
            "Des millions d'abonnés Orange ont été privés de réseau mobile ce "
            "mercredi. Certains clients ont raconté avoir demandé à ChatGPT des nouvelles de la panne, faute de mieux. Le "
            "service est revenu en fin de soirée.",
            False,
        ),
        (
            "Black-out en Espagne : les centres de données tiennent le choc",
            "La coupure d'électricité géante a touché "
            "l'Espagne et le Portugal. Les centres de données, équipés de groupes électrogènes, ont tenu.",
            False,
        ),
        (
            "Prompt engineering : cinq conseils pour de meilleures réponses",
            "Un bon prompt précise le rôle, le contexte "
            "et le format attendu. Les LLM répondent mieux à des consignes courtes et précises.",
            True,
        ),
    ],
)
def test_another_outage_naming_an_ai_service_in_passing(title: str, text: str, is_ai: bool) -> None:
    a = analyse_document(doc(title, text, PUB))
    assert a.is_ai is is_ai and a.outage is None
