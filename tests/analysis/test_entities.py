"""Gazetteer and disambiguation of ambiguous names, on short French texts written for these tests."""

from __future__ import annotations

import tomllib

import pytest

from app.analysis.entities import GAZETTEER_FILE, gazetteer


def found(text: str) -> set[str]:
    return {m.entity.key for m in gazetteer().find(text)}


def test_gazetteer_size_and_integrity() -> None:
    data = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    companies = {c["slug"] for c in data["company"]}
    products = [p["slug"] for p in data["product"]]
    assert len(companies) >= 40
    assert len(products) >= 80
    assert len(products) == len(set(products))
    for p in data["product"]:
        assert p["company"] in companies, p["slug"]
        assert p.get("aliases") or p.get("strict"), p["slug"]
        for a in p.get("ambiguous", []):
            assert a in p.get("aliases", []) + p.get("strict", []), (p["slug"], a)


@pytest.mark.parametrize(
    "slug",
    [
        "gemini-cli",
        "jules",
        "copilot-studio",
        "devstral",
        "voxtral",
        "mistral-ocr",
        "gpt-image-1",
        "chatgpt-search",
        "project-astra",
    ],
)
def test_new_products_are_matched(slug: str) -> None:
    g = gazetteer()
    name = g.entities[f"product:{slug}"].name
    text = f"Les développeurs testent {name}, le nouvel outil d'IA générative présenté cette semaine."
    assert f"product:{slug}" in found(text)


def test_a_name_several_companies_give_their_product_needs_its_company() -> None:
    # OpenAI, Google and Perplexity each call a feature "Deep Research"
    assert "product:deep-research" in found(
        "OpenAI ouvre Deep Research, son agent de recherche, aux abonnés Plus."
    )
    assert "product:deep-research" in found("Deep Research arrive dans ChatGPT pour les abonnés Plus.")
    assert "product:deep-research" not in found(
        "Perplexity lance Deep Research, gratuit pour tous ses utilisateurs."
    )
    assert "product:deep-research" not in found(
        "Les comptes gratuits ont droit à cinq rapports Deep Research par jour."
    )


def test_le_chat_of_mistral_against_the_animal() -> None:
    assert "product:le-chat" in found("Mistral AI met à jour Le Chat, son assistant conversationnel.")
    assert "product:le-chat" in found("L'assistant le Chat de Mistral répond désormais en mode vocal.")
    assert not found("Le chat de la maison dort sur le canapé, le chat du voisin miaule.")
    # a pet shop chain: capitalised exactly like the product, glued to another proper name
    assert not found("Le Chat Gourmand, chaîne d'animaleries, vend un distributeur de croquettes connecté.")
    assert not found("Le Chat se précipite sur ses croquettes dès que le distributeur s'ouvre.")


def test_gemini_of_google_against_the_crypto_exchange() -> None:
    assert found("Google ajoute la vidéo en direct à Gemini, son assistant d'IA.") >= {"product:gemini"}
    assert not found(
        "La plateforme de cryptomonnaies Gemini, fondée par les jumeaux Winklevoss, entre en Bourse."
    )
    assert not found("Sur Gemini, les échanges de bitcoin ont doublé en un mois.")


def test_claude_as_a_first_name() -> None:
    assert not found("Claude Martin, technicien de la fibre, raccorde les hameaux du plateau.")
    assert not found("Selon Jean-Claude Dupuis, maire du village, les travaux avancent.")
    assert "product:claude" in found("Anthropic a rendu Claude plus rapide pour les développeurs.")
    assert "product:claude" in found(
        "Les réponses de Claude, le modèle d'IA d'Anthropic, gagnent en précision."
    )
    keys = found("À l'hôpital, Claude Martin teste Whisper, le modèle de transcription d'OpenAI.")
    assert "product:claude" not in keys and "product:whisper" in keys


def test_github_copilot_against_microsoft_copilot() -> None:
    text = (
        "GitHub Copilot était très lent cette nuit. Copilot a ensuite retrouvé sa vitesse. "
        "Microsoft Copilot, l'assistant de Windows, n'a pas été touché."
    )
    mentions = [(m.surface, m.entity.slug) for m in gazetteer().find(text)]
    assert mentions == [
        ("GitHub Copilot", "github-copilot"),
        ("Copilot", "github-copilot"),
        ("Microsoft Copilot", "copilot"),
    ]
    assert found("Microsoft intègre Copilot à Word et Excel.") == {"company:microsoft", "product:copilot"}
    assert "product:github-copilot" in found("Les formules Copilot Pro+ de GitHub donnent accès à l'agent.")


def test_apple_the_fruit() -> None:
    assert not found("Les Kent Apple Growers protègent leurs vergers du gel avec des capteurs.")
    assert not found("Une pomme par jour : la variété Apple Pie séduit les arboriculteurs normands.")
    assert "company:apple" in found("Apple lance Apple Intelligence en français sur l'iPhone.")


def test_meta_not_in_metadonnees_nor_metavers() -> None:
    assert not found("Chaque fichier porte des métadonnées détaillées, loin des promesses du métavers.")
    assert "company:meta" in found("Meta publie un nouveau modèle Llama en accès ouvert.")


def test_mistral_the_wind() -> None:
    assert not found("Le mistral souffle à 90 km/h sur la Provence ce week-end.")
    assert not found("Mistral et tramontane : les rafales dépassent 100 km/h, prévient la météo.")
    assert "company:mistral-ai" in found("La start-up Mistral publie un modèle d'IA open source.")


def test_sora_the_game_character() -> None:
    assert not found("Dans Kingdom Hearts, Sora voyage avec Donald et Dingo, et le jeu arrive sur Steam.")
    assert "product:sora" in found("OpenAI ouvre Sora, son générateur de vidéos par IA, en Europe.")


def test_longest_alias_wins_and_no_match_inside_words() -> None:
    keys = found("Claude Code et GPT-4o mini sont disponibles, pas GPT-4oz ni OpenAIX.")
    assert keys == {"product:claude-code", "product:gpt-4o"}


def test_known_continuations_keep_the_name() -> None:
    assert "company:apple" in found("L'Apple Watch reçoit des fonctions de santé.")
    assert "company:mistral-ai" in found("Mistral Saba, le modèle d'IA pour l'arabe, est disponible.")
    assert "product:claude" in found("Claude Instant était le modèle rapide d'Anthropic.")
    keys = found("Gemini Deep Research, l'agent de recherche de Google, arrive en France.")
    assert "product:gemini" in keys and "product:deep-research" not in keys


def test_claude_the_person_even_next_to_ai_words() -> None:
    assert not found("Claude, 54 ans, technicien biomédical, utilise l'outil d'IA de l'hôpital.")
    assert not found("Selon M. Claude, l'IA aide déjà les médecins du service.")
    assert "product:claude" in found("Claude, l'assistant d'Anthropic, répond plus vite.")


def test_word_windows_around_mentions_match_a_whole_text_scan() -> None:
    """The words read around each ambiguous name are the same as a scan of the whole text gives."""
    import bisect

    from app.analysis.context import _WORD, WINDOW, _word_spans
    from app.analysis.entities import Mention

    g = gazetteer()
    claude, apple = g.entities["product:claude"], g.entities["company:apple"]
    filler = (
        "Les équipes d'Anthropic ont passé la soirée à relancer les serveurs du modèle, "
        "tandis que l'assistant restait muet pour une bonne partie des abonnés européens. "
    )
    text = (
        "Claude répond. "
        + filler * 6
        + "Le verger d'Apple, au bord de la route. "
        + filler * 6
        + "Claude, encore "
        + "x" * 700
        + " puis Claude et Claude ici, fin. "
        + filler * 6
    )
    mentions = [
        Mention(claude if text.startswith("Claude", i) else apple, i, i + len(word), word)
        for word in ("Claude", "Apple")
        for i in range(len(text))
        if text.startswith(word, i)
    ]
    whole = [(w.start(), w.end()) for w in _WORD.finditer(text)]
    local = _word_spans(text, mentions)
    assert len(local) < len(whole), "the text is long enough for windows that leave parts unscanned"
    for m in mentions:
        for spans in (whole, local):
            starts = [s for s, _ in spans]
            i = bisect.bisect_left(starts, m.start)
            j = max(i, bisect.bisect_left(starts, m.end) - 1)
            window = spans[max(0, i - WINDOW - 1) : j + WINDOW + 2]
            if spans is whole:
                want = window
        assert window == want, m
