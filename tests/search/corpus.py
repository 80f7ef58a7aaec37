"""A small corpus of French articles written for these tests, as full HTML pages."""

from __future__ import annotations

import html

SITE = "https://www.octet-essai.fr"


def page(
    slug: str,
    title: str,
    paragraphs: list[str],
    published: str = "2025-04-02T18:30:00+02:00",
    site: str = SITE,
) -> bytes:
    """One article page as a press site would serve it."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>{html.escape(title)} | Octet</title>
<link rel="canonical" href="{site}/actualites/{slug}.html">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Camille Ferrand">
</head><body>
<nav><a href="/">Accueil</a> <a href="/ia">IA</a></nav>
<article><h1>{html.escape(title)}</h1>
{body}
</article>
<footer>Inscrivez-vous à notre lettre d'information.</footer>
</body></html>""".encode()


FILLER = (
    "Les équipes techniques ont publié un compte rendu détaillé sur leur blog officiel, en précisant que les "
    "utilisateurs professionnels et les développeurs passant par l'interface de programmation étaient concernés. "
    "Plusieurs entreprises françaises qui intègrent ces modèles d'intelligence artificielle dans leurs outils "
    "internes disent suivre la situation de près."
)

ARTICLES: dict[str, tuple[str, list[str], str]] = {
    "chatgpt-pannes": (
        "ChatGPT victime de pannes à répétition mardi soir",
        [
            "Le service ChatGPT d'OpenAI est resté inaccessible pendant près de trois heures mardi soir, "
            "affichant un message d'erreur à des millions d'utilisateurs en Europe.",
            "OpenAI a reconnu une panne de ses serveurs et indiqué que le rétablissement était progressif.",
            FILLER,
        ],
        "2025-04-02T18:30:00+02:00",
    ),
    "mistral-generation": (
        "Mistral AI présente une nouvelle génération de modèles de langage",
        [
            "La start-up parisienne Mistral AI a dévoilé jeudi une nouvelle génération de modèles de langage, "
            "plus compacts et plus rapides, destinés aux entreprises.",
            "Son assistant Le Chat profitera de ces modèles dès la semaine prochaine, selon l'entreprise, qui "
            "recrute massivement à la sortie des écoles d'ingénieurs.",
            FILLER,
        ],
        "2025-03-13T09:00:00+01:00",
    ),
    "claude-code": (
        "Anthropic ouvre Claude à la génération de code dans le navigateur",
        [
            "Anthropic étend les capacités de son assistant Claude, qui peut désormais écrire et exécuter du code "
            "directement dans le navigateur des développeurs.",
            "L'entreprise américaine promet une intelligence artificielle plus sûre et moins sujette aux erreurs.",
            FILLER,
        ],
        "2024-11-20T14:00:00+01:00",
    ),
    "gemini-europe": (
        "Google déploie Gemini dans les écoles européennes",
        [
            "Google annonce le déploiement de son assistant Gemini auprès des enseignants de plusieurs pays "
            "européens, avec des garanties sur la protection des données des élèves.",
            "Le groupe de Mountain View insiste sur le caractère facultatif de l'outil d'intelligence artificielle.",
            FILLER,
        ],
        "2025-01-15T10:00:00+01:00",
    ),
    "claude-panne": (
        "Claude indisponible une partie de la matinée",
        [
            "L'assistant Claude d'Anthropic a connu une panne mercredi matin : les conversations ne se chargeaient "
            "plus et l'interface de programmation renvoyait des erreurs aux développeurs.",
            "Anthropic explique que l'incident venait d'une mise à jour de sa configuration, annulée depuis.",
            FILLER,
        ],
        "2025-05-21T11:00:00+02:00",
    ),
    "alphabet-puces": (
        "Alphabet accélère sur les puces dédiées à l'intelligence artificielle",
        [
            "La maison mère du moteur de recherche, Alphabet, investit plusieurs milliards dans des puces conçues "
            "pour entraîner ses modèles d'intelligence artificielle.",
            "Cette stratégie vise à réduire la dépendance du groupe aux fournisseurs de processeurs graphiques.",
            FILLER,
        ],
        "2024-06-04T08:00:00+02:00",
    ),
    "balises-script": (
        "Des pirates cachent du code dans les réponses des assistants d'IA",
        [
            "Des chercheurs en sécurité montrent qu'un assistant d'intelligence artificielle comme ChatGPT peut "
            "recopier tel quel un fragment <script>alert('piège')</script> glissé dans une page web.",
            "Ils recommandent aux éditeurs de toujours échapper le texte produit par les modèles avant affichage.",
            FILLER,
        ],
        "2025-02-10T16:00:00+01:00",
    ),
    "navigateur-titre": (
        "Le navigateur Chrome reçoit Gemini dans sa barre d'adresse",
        [
            "Google intègre son assistant Gemini directement dans Chrome, qui pourra résumer la page affichée.",
            "La fonction sera d'abord réservée aux abonnés payants aux États-Unis.",
            FILLER,
        ],
        "2025-06-11T17:00:00+02:00",
    ),
}


def article_page(key: str) -> bytes:
    """The page of one corpus article."""
    title, paragraphs, published = ARTICLES[key]
    return page(key, title, paragraphs, published)


def twin_pages() -> list[bytes]:
    """Two articles with the same text, the newer one first (so insertion order cannot explain the ranking)."""
    title = "Un ordinateur quantique pour entraîner les modèles d'IA"

    # The two texts differ only by stop words, so they index identically (and the extractor does not
    # drop the second page as a duplicate).
    def paras(who: str) -> list[str]:
        return [
            f"Une équipe de chercheurs affirme avoir entraîné un petit modèle d'intelligence artificielle sur "
            f"un ordinateur quantique, une première selon {who}.",
            FILLER,
        ]

    return [
        page("quantique-recent", title, paras("elle"), "2025-10-01T09:00:00+02:00"),
        page("quantique-ancien", title, paras("eux"), "2024-01-10T09:00:00+01:00"),
    ]
