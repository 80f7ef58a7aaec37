"""Whole short articles in the shapes of real French coverage (issue 10): feature openings, "le service" as the
subject, contractions ("du Chat"), measures announced for a later day, passing mentions of an old outage. Texts
written for these tests."""

from __future__ import annotations

import pytest

from app.analysis import analyse_document

from .helpers import doc

ARTICLES = [
    (
        "Perplexity : une matinée sans réponses",
        "Le moteur de réponses a calé ce matin.",
        "Ceux qui ont voulu lancer une recherche sur Perplexity ce jeudi matin ont vu tourner la roue de chargement sans fin. "
        "Le service a renvoyé des erreurs entre 8 h 40 et 10 h 15, selon sa page d'état. "
        "La société a évoqué une mise à jour de son infrastructure de recherche, annulée dans la foulée. "
        "Les abonnés Pro n'ont pas été mieux lotis que les autres.",
        "2025-09-18T12:00",
        ("degradation", "outage"),
        "2025-09-18",
        {"perplexity"},
    ),
    (
        "Mistral AI plafonne l'usage gratuit du Chat",
        "Les comptes sans abonnement devront se contenter de quelques messages par jour.",
        "Fin de la fête pour les utilisateurs gratuits du Chat. Depuis ce lundi, Mistral AI limite le nombre de messages "
        "envoyés chaque jour avec ses modèles les plus puissants. La start-up parisienne justifie la mesure par le coût des "
        "cartes graphiques. Les abonnés Pro ne sont pas concernés.",
        "2025-10-15T10:00",
        ("restriction",),
        "2025-10-13",
        {"le-chat"},
    ),
    (
        "Pourquoi Sora ne répondait plus samedi",
        "Retour sur une journée compliquée pour le générateur de vidéos d'OpenAI.",
        "Vous avez tenté de générer une vidéo samedi après-midi ? Vous n'étiez pas seul à échouer. "
        "Sora est resté inaccessible de 14 h à 18 h environ, OpenAI évoquant un afflux de demandes après une fonction virale. "
        "Les vidéos déjà générées restaient consultables.",
        "2025-10-06T09:00",
        ("outage",),
        "2025-10-04",
        {"sora"},
    ),
    (
        "Nvidia dépasse les 4 000 milliards de dollars en Bourse",
        "Le fabricant de puces profite de la course à l'IA.",
        "Nvidia a franchi mercredi la barre des 4 000 milliards de dollars de capitalisation. Les géants du cloud et OpenAI "
        "achètent ses puces par centaines de milliers pour entraîner leurs modèles. Une panne d'un grand cloud l'an dernier "
        "avait rappelé la dépendance du secteur à quelques centres de données.",
        "2025-07-10T10:00",
        None,
        None,
        None,
    ),
    (
        "ChatGPT : la mémoire arrive pour tous",
        "OpenAI étend sa fonction de mémoire aux comptes gratuits.",
        "OpenAI ouvre la mémoire de ChatGPT aux comptes gratuits, dans une version limitée aux conversations récentes. "
        "Les abonnés gardent une mémoire plus étendue. La fonction peut être désactivée dans les réglages.",
        "2025-06-04T10:00",
        None,
        None,
        None,
    ),
    (
        "Claude Code : Anthropic instaure des plafonds hebdomadaires",
        "Les gros consommateurs de l'assistant de programmation sont visés.",
        "À partir du 28 août, Anthropic appliquera des limites hebdomadaires aux abonnés de Claude Code qui le font tourner "
        "en continu. L'entreprise estime que moins de 5 % des abonnés seront touchés.",
        "2025-07-29T10:00",
        ("restriction",),
        "2025-07-29",
        {"claude-code"},
    ),
    (
        "OpenAI détaille la panne de ChatGPT du 10 juin",
        "Le rapport d'incident pointe une mise à jour de routage.",
        "Dix jours après, OpenAI publie son analyse de la panne qui a privé ChatGPT de réponses pendant plus de dix heures le 10 juin. "
        "Une modification de la configuration du routage a saturé une partie des serveurs.",
        "2025-06-20T10:00",
        ("outage",),
        "2025-06-10",
        {"chatgpt"},
    ),
    (
        "Au lendemain de la panne de Claude, les entreprises font leurs comptes",
        "Les équipes de développement ont perdu une demi-journée.",
        "Au lendemain de la panne qui a rendu Claude inaccessible lundi après-midi, plusieurs éditeurs de logiciels chiffrent "
        "leurs pertes. Anthropic n'a pas encore publié de rapport.",
        "2026-03-03T09:00",
        ("outage",),
        "2026-03-02",
        {"claude"},
    ),
    (
        "DeepSeek inaccessible depuis la Chine ce matin",
        "Le service a cessé de répondre à 9 h heure de Pékin.",
        "DeepSeek est resté inaccessible pendant trois heures ce mercredi matin, à partir de 9 h heure de Pékin, soit 2 h à Paris. "
        "La société évoque une maintenance qui a mal tourné.",
        "2025-02-12T10:00",
        ("outage",),
        "2025-02-12",
        {"deepseek"},
    ),
    (
        "Grok : xAI coupe la génération d'images aux utilisateurs gratuits",
        "Seuls les abonnés payants y ont encore accès.",
        "Face aux montages sexualisés produits par son assistant, xAI a coupé vendredi la génération d'images de Grok pour les "
        "utilisateurs gratuits de X. Les abonnés payants la conservent.",
        "2026-01-10T10:00",
        ("restriction",),
        "2026-01-09",
        {"grok"},
    ),
    (
        "Microsoft 365 Copilot en panne en Europe",
        "Des milliers d'entreprises privées de leur assistant.",
        "Copilot ne répond plus depuis 9 h ce mardi pour de nombreux utilisateurs européens de Microsoft 365. Microsoft dit "
        "avoir identifié un problème dans son réseau de diffusion et procède à un retour en arrière.",
        "2025-11-25T11:00",
        ("outage",),
        "2025-11-25",
        {"copilot"},
    ),
]


@pytest.mark.parametrize(("title", "lead", "text", "pub", "kinds", "day", "services"), ARTICLES)
def test_article(
    title: str,
    lead: str,
    text: str,
    pub: str,
    kinds: tuple[str, ...] | None,
    day: str | None,
    services: set[str] | None,
) -> None:
    a = analyse_document(doc(title, text, pub, lead))
    assert a.is_ai
    if kinds is None:
        assert a.outage is None
        return
    o = a.outage
    assert o is not None and o.kind in kinds and str(o.day) == day and set(o.services) == services
    assert any(w in a.summary for w in ("erreur", "inaccessible", "limite", "panne", "coupé", "répond"))
