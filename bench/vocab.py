"""Vocabulary of the synthetic French tech-press corpus (weights are rough press frequencies, not measured)."""

from __future__ import annotations

import random

FUNCTION = (
    "le la les de des du un une et en pour avec sur dans par qui que est sont a ont plus ce cette ces son sa ses "
    "leur aux au ne pas mais ou comme selon depuis après avant entre chez vers très déjà aussi encore bien tout "
    "tous elle il ils nous on se sans lors dont"
).split()

GENERAL = (
    "modèle modèles intelligence artificielle données utilisateurs entreprise entreprises service services outil "
    "outils assistant assistants version versions développeurs marché secteur usage usages technologie "
    "technologies algorithme algorithmes réseau réseaux calcul puces serveurs centres plateforme plateformes "
    "application applications abonnement abonnements prix offre offres clients équipe équipes chercheurs "
    "recherche laboratoire start-up investissement investissements milliards millions euros dollars semaine mois "
    "année fonctionnalité fonctionnalités interface requêtes réponses réponse texte textes images image vidéo "
    "vidéos voix code agents agent navigateur smartphone ordinateur Europe France États-Unis Chine Paris "
    "commission européenne autorité CNIL protection vie privée sécurité confidentialité droits auteur éditeurs "
    "presse médias journalistes emploi emplois travail salariés école écoles enseignants élèves santé médecins "
    "hôpitaux banque banques industrie énergie électricité consommation eau climat annonce annoncé lance lancé "
    "dévoile présente déploie déployé propose permet améliore intègre teste publie affirme indique précise "
    "explique estime reconnaît confirme promet prévoit investit rachète recrute accuse conteste génère générer "
    "répond analyse traduit résume rédige écrit automatise nouveau nouvelle nouveaux nouvelles puissant puissante "
    "rapide rapides gratuit gratuite payant premium ouvert génératif générative génératives conversationnel "
    "multimodal compact coûteux européen américain chinois français majeur mondial mondiale massive important "
    "importante récent récente dernier dernière premier première disponible fiable responsable éthique "
    "désormais notamment toutefois cependant ainsi environ"
).split()

TOPICS: dict[str, list[str]] = {
    "outage": (
        "panne pannes incident incidents interruption perturbation perturbations dysfonctionnement erreur erreurs "
        "indisponibilité ralentissements rétablissement coupure statut heures minutes inaccessible indisponible "
        "défaillance surcharge maintenance lent instable rétabli restauré touchés signalements"
    ).split(),
    "launch": (
        "lancement sortie génération générations mise jour fonctionnalités démonstration bêta tarifs performances "
        "benchmark raisonnement contexte paramètres entraînement entraîné dévoilé disponible présentation"
    ).split(),
    "regulation": (
        "régulation régulateur régulateurs règlement loi amende enquête plainte tribunal justice conformité "
        "transparence obligations sanctions droit juridique députés sénat gouvernement ministre"
    ).split(),
    "business": (
        "levée fonds valorisation chiffre affaires bénéfices pertes actionnaires partenariat acquisition rachat "
        "concurrence concurrents part croissance bourse action investisseurs licenciements recrutements"
    ).split(),
    "research": (
        "étude publication chercheurs université laboratoire expérience résultats hallucinations biais évaluation "
        "corpus apprentissage neurones architecture article scientifique mesure précision"
    ).split(),
}
TOPIC_WEIGHTS = {"outage": 0.12, "launch": 0.3, "regulation": 0.18, "business": 0.22, "research": 0.18}

# Products most often in the news first; the rest of the gazetteer follows with Zipf weights.
POPULAR = [
    "chatgpt",
    "claude",
    "gemini",
    "le-chat",
    "copilot",
    "llama",
    "deepseek-r1",
    "grok",
    "gpt-4o",
    "midjourney",
    "sora",
    "perplexity",
    "mistral-large",
    "github-copilot",
    "siri",
    "alexa",
    "qwen",
]

SOURCES = [
    ("octet", "Octet", "octet-demo.fr"),
    ("silicium", "Silicium Hebdo", "silicium-hebdo.fr"),
    ("le-transistor", "Le Transistor", "letransistor.fr"),
    ("numerama-essai", "Numéro Essai", "numero-essai.fr"),
    ("journal-du-code", "Journal du code", "journalducode.fr"),
    ("clic-actu", "Clic Actu", "clicactu.fr"),
    ("la-puce", "La Puce", "lapuce.fr"),
    ("reseaux-et-co", "Réseaux & Co", "reseauxetco.fr"),
    ("futur-proche", "Futur proche", "futurproche.fr"),
    ("ia-matin", "IA Matin", "iamatin.fr"),
    ("tech-lyon", "Tech Lyon", "techlyon.fr"),
    ("data-sud", "Data Sud", "datasud.fr"),
]


def rare_words(n: int, seed: int = 7) -> list[str]:
    """A long tail of French-looking words (names, jargon) so the vocabulary is as wide as a real corpus."""
    rnd = random.Random(seed)
    syl = [
        "ra",
        "té",
        "lon",
        "vi",
        "sé",
        "mor",
        "pla",
        "quin",
        "dé",
        "ber",
        "cha",
        "neu",
        "tri",
        "gal",
        "fon",
        "mé",
        "pu",
        "zor",
        "lé",
        "cou",
        "bra",
        "sil",
        "ven",
        "tor",
        "mi",
        "ga",
        "rou",
        "fé",
    ]
    suf = ["tion", "ment", "ique", "eur", "age", "ité", "isme", "eux", "ance", "ier", "ette", "oire"]
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rnd.choice(syl) for _ in range(rnd.randint(1, 3))) + rnd.choice(suf))
    return sorted(out)
