"""Restrictions as the French press words them (issue 10, patterns 2, 3 and 6): many verbs, anaphoric subjects,
feature-style openings, overload words that explain a quota, rivals named in comparison. Texts written for these
tests, several phrasings per class."""

from __future__ import annotations

import pytest

from app.analysis import analyse_document

from .helpers import doc

PUB = "2025-04-02T18:30"


def outage(title: str, text: str, lead: str | None = None):  # type: ignore[no-untyped-def]
    a = analyse_document(doc(title, text, PUB, lead))
    assert a.is_ai
    return a.outage


# --- 2. many wordings, one class --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text", "service"),
    [
        (
            "OpenAI bride la création d'images de ChatGPT",
            "Les comptes gratuits de ChatGPT ne peuvent plus créer qu'une poignée d'illustrations : OpenAI a bridé la "
            "fonction en attendant de nouveaux serveurs.",
            "chatgpt",
        ),
        (
            "Sora : OpenAI limite temporairement l'accès",
            "OpenAI limite temporairement l'accès à Sora, son générateur de vidéos, le temps d'absorber la demande.",
            "sora",
        ),
        (
            "Claude Code : Anthropic instaure des quotas hebdomadaires",
            "Anthropic instaure des quotas pour les abonnés de Claude Code qui font tourner l'outil jour et nuit.",
            "claude-code",
        ),
        (
            "Midjourney supprime l'essai gratuit",
            "Midjourney supprime les essais gratuits de son générateur d'images, faute de cartes graphiques en nombre.",
            "midjourney",
        ),
        (
            "Gemini : Google met un frein à la génération de vidéos",
            "Google met un frein à Veo dans Gemini : les comptes sans abonnement n'ont plus accès à la génération de "
            "clips.",
            "gemini",
        ),
        (
            "DeepSeek ferme ses inscriptions",
            "DeepSeek ferme temporairement les inscriptions à son assistant, les comptes existants restent ouverts.",
            "deepseek",
        ),
        (
            "Grok : l'édition d'images est bloquée pour les comptes gratuits",
            "Sur Grok, l'édition d'images est bloquée pour les comptes gratuits depuis mardi, a confirmé xAI.",
            "grok",
        ),
        (
            "Le Chat : de nouvelles restrictions pour les comptes gratuits",
            "Mistral AI impose de nouvelles restrictions sur Le Chat : moins de messages par jour pour les comptes "
            "gratuits de son assistant.",
            "le-chat",
        ),
    ],
)
def test_restriction_wordings(title: str, text: str, service: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == "restriction", (title, o)
    assert service in o.services


@pytest.mark.parametrize("subject", ["La société", "L'entreprise", "La start-up", "Le service", "Son outil"])
def test_anaphoric_subject_is_the_article_s_main_service(subject: str) -> None:
    o = outage(
        "DeepSeek victime de son succès",
        "DeepSeek attire des millions de curieux depuis la sortie de son modèle de raisonnement. "
        f"{subject} a fermé temporairement les inscriptions aux nouveaux comptes, le temps de renforcer ses "
        "serveurs.",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("deepseek",)


def test_feature_opening_pushes_the_restriction_late() -> None:
    filler = [
        "Qui n'a pas essayé de transformer une photo de vacances en dessin animé cette semaine ?",
        "Les réseaux sociaux débordent de portraits, de paysages et de mèmes redessinés à la main.",
        "Les graphistes s'inquiètent, les juristes s'interrogent, les curieux s'amusent.",
        "Le phénomène a pris une ampleur que personne n'avait anticipée.",
        "Les tendances de recherche montrent un pic sans précédent en une semaine.",
        "Même des ministres ont publié leur propre version sur leurs comptes officiels.",
        "Les adolescents, eux, rivalisent de créativité dans les cours de récréation.",
    ]
    o = outage(
        "ChatGPT et la vague des images façon dessin animé",
        " ".join(filler) + " Face à l'afflux, OpenAI limite désormais les comptes gratuits de ChatGPT à "
        "trois images par jour.",
    )
    assert o is not None and o.kind == "restriction" and o.services == ("chatgpt",)


def test_a_launch_reserved_to_subscribers_stays_no_report() -> None:
    a = analyse_document(
        doc(
            "Google lance Veo 4 dans Gemini",
            "Google lance Veo 4, son nouveau modèle vidéo. Dans un "
            "premier temps, l'accès est réservé aux abonnés de l'offre la plus chère de Gemini.",
            PUB,
        )
    )
    assert a.outage is None


def test_general_limits_and_quota_rules_are_not_restrictions() -> None:
    a = analyse_document(
        doc(
            "Les limites de l'IA générative selon une étude",
            "Une étude pointe les limites de ChatGPT et de Claude en mathématiques : les modèles se trompent "
            "encore souvent. Une règle de quota mal conçue peut aussi fausser les tests.",
            PUB,
        )
    )
    assert a.outage is None


# --- 3. kind: the explicit restriction is the news ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Les serveurs fondent : OpenAI limite ChatGPT à trois images par jour",
            "Les serveurs d'OpenAI sont saturés depuis le lancement du générateur d'images. Pour éviter la surcharge, "
            "ChatGPT ne produit plus que trois images par jour pour les comptes gratuits.",
        ),
        (
            "Surchargé, DeepSeek suspend les inscriptions",
            "Saturé par l'afflux, DeepSeek suspend les nouvelles inscriptions à son assistant : la surcharge de ses "
            "serveurs rend le service instable.",
        ),
        (
            "Sora saturé : OpenAI met les nouveaux comptes en liste d'attente",
            "La saturation des serveurs de Sora pousse OpenAI à placer les nouveaux comptes sur liste d'attente.",
        ),
    ],
)
def test_explicit_restriction_beats_overload_words(title: str, text: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == "restriction", o


def test_a_real_outage_with_overload_stays_an_outage() -> None:
    o = outage(
        "ChatGPT en panne, les serveurs saturés",
        "ChatGPT est en panne depuis 14 h : les serveurs "
        "d'OpenAI, saturés, renvoient des erreurs. Le chatbot est inaccessible dans toute l'Europe.",
    )
    assert o is not None and o.kind == "outage"


# --- 6. named in comparison is not affected -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek, le rival de ChatGPT, ferme ses inscriptions après une attaque contre ses serveurs.",
        "DeepSeek, le concurrent chinois de ChatGPT et de Claude, a suspendu les nouvelles inscriptions.",
        "Devenu plus populaire que ChatGPT sur l'App Store, DeepSeek a limité les inscriptions à son assistant.",
        "À l'instar de ChatGPT avant lui, DeepSeek a dû fermer les inscriptions sous l'afflux des curieux.",
    ],
)
def test_rival_named_in_comparison_is_not_on_the_incident(text: str) -> None:
    a = analyse_document(doc("DeepSeek restreint l'accès à son assistant", text, PUB))
    assert a.outage is not None and a.outage.services == ("deepseek",)
    assert "chatgpt" in a.products  # the article keeps every entity it names


def test_maker_of_a_product_names_the_company_not_the_product() -> None:
    a = analyse_document(
        doc(
            "Sora inaccessible",
            "Sora, le générateur de vidéos de l'éditeur de ChatGPT, est inaccessible depuis ce matin.",
            PUB,
        )
    )
    assert a.outage is not None and a.outage.services == ("sora",)


# --- more wordings met in real coverage, each its own class member -------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text", "kind", "service"),
    [
        (
            "ChatGPT aux abonnés absents ce mardi",
            "ChatGPT est aux abonnés absents depuis ce matin : OpenAI enquête.",
            "outage",
            "chatgpt",
        ),
        (
            "Perplexity KO pendant une heure",
            "Perplexity est KO depuis 14 h, l'assistant de recherche n'affiche plus rien.",
            "outage",
            "perplexity",
        ),
        (
            "Claude est HS",
            "Claude est HS depuis ce matin : impossible de se connecter au chatbot d'Anthropic.",
            "outage",
            "claude",
        ),
        (
            "ChatGPT ne marche plus",
            "ChatGPT ne marche plus depuis 10 h pour de nombreux utilisateurs.",
            "outage",
            "chatgpt",
        ),
        (
            "Le Chat interrompu jeudi",
            "Le Chat de Mistral AI a été brutalement interrompu ce jeudi pendant deux heures.",
            "outage",
            "le-chat",
        ),
        (
            "Midjourney met fin à l'essai gratuit",
            "Midjourney met fin à son essai gratuit, faute de serveurs.",
            "restriction",
            "midjourney",
        ),
        (
            "DeepSeek : les inscriptions sont closes",
            "Les inscriptions sont closes sur DeepSeek depuis lundi soir.",
            "restriction",
            "deepseek",
        ),
        (
            "DeepSeek ne prend plus de nouveaux inscrits",
            "DeepSeek ne prend plus de nouveaux inscrits depuis lundi.",
            "restriction",
            "deepseek",
        ),
        (
            "OpenAI retire temporairement le mode vocal de ChatGPT",
            "OpenAI retire temporairement le mode vocal de ChatGPT après des plaintes.",
            "restriction",
            "chatgpt",
        ),
        (
            "Sora mis sur pause pour les comptes gratuits",
            "OpenAI a mis Sora sur pause pour les comptes gratuits ce vendredi.",
            "restriction",
            "sora",
        ),
        (
            "Claude : les abonnés Pro limités à 45 messages",
            "Anthropic a limité les abonnés Pro de Claude à 45 messages toutes les cinq heures.",
            "restriction",
            "claude",
        ),
    ],
)
def test_more_wordings(title: str, text: str, kind: str, service: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == kind and service in o.services, (title, o)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "ChatGPT contre la page blanche",
            "Des romanciers racontent comment ChatGPT les aide à vaincre la peur de la page "
            "blanche : l'assistant propose des pistes, ils écrivent.",
        ),
        (
            "Bac : impossible d'utiliser ChatGPT dans les salles d'examen",
            "Les candidats ne pourront pas utiliser ChatGPT "
            "ni aucun assistant d'IA pendant les épreuves, rappelle le ministère.",
        ),
        (
            "ChatGPT : une option pour mettre en pause la mémoire",
            "OpenAI ajoute à ChatGPT une option pour mettre en pause "
            "la mémoire de l'assistant pendant une conversation.",
        ),
        (
            "OpenAI a interrompu un partenariat",
            "OpenAI a mis un terme à son partenariat avec un éditeur de presse, "
            "selon plusieurs sources. ChatGPT continue de citer ses articles.",
        ),
    ],
)
def test_everyday_uses_of_the_same_words_are_no_report(title: str, text: str) -> None:
    assert analyse_document(doc(title, text, PUB)).outage is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # an evergreen guide: "when it is down, do this"
        (
            "Que faire quand Claude est en panne ?",
            "Quand Claude est en panne, consultez d'abord la page d'état "
            "d'Anthropic. Si le service est indisponible, passez sur Le Chat ou sur Gemini en attendant.",
        ),
        # the restriction word denied
        (
            "Sora ouvre en Belgique, sans liste d'attente",
            "OpenAI ouvre Sora aux Belges dès ce jeudi : pas de liste "
            "d'attente cette fois pour les abonnés de ChatGPT.",
        ),
        # an older outage in the pluperfect
        (
            "Le Chat franchit les deux millions d'utilisateurs",
            "L'assistant de Mistral AI franchit les deux millions "
            "d'utilisateurs. Le Chat avait connu une courte panne à son lancement, vite oubliée.",
        ),
        # a launch whose rollout is "reserved to subscribers"
        (
            "Veo 3 : Google réserve son nouveau modèle vidéo aux abonnés",
            "Google lance Veo 3, réservé dans un premier "
            "temps aux abonnés de son offre la plus chère. Les autres y auront accès plus tard.",
        ),
    ],
)
def test_guides_denials_old_events_and_rollouts_are_no_report(title: str, text: str) -> None:
    assert analyse_document(doc(title, text, PUB)).outage is None


@pytest.mark.parametrize(
    ("title", "text", "service"),
    [
        (
            "OpenAI gèle les nouveaux abonnements à ChatGPT Plus",
            "OpenAI refuse temporairement de nouveaux clients payants : l'afflux a dépassé ses capacités.",
            "chatgpt",
        ),
        (
            "Anthropic coupe à un éditeur de code l'accès à Claude",
            "Anthropic a fortement réduit la capacité qu'elle "
            "fournissait à l'éditeur pour ses modèles Claude, sans long préavis.",
            "claude",
        ),
        (
            "Claude : l'accès direct réduit pour un éditeur concurrent",
            "Depuis mardi, l'éditeur ne reçoit plus qu'une "
            "petite part de la capacité de Claude que lui vendait Anthropic.",
            "claude",
        ),
        (
            "Gemini : Google met en pause les portraits",
            "Google a réagi ce jeudi en mettant en pause la génération "
            "d'images de personnes dans Gemini, son assistant.",
            "gemini",
        ),
    ],
)
def test_business_decisions_are_restrictions(title: str, text: str, service: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == "restriction" and service in o.services, (title, o)


def test_an_outage_that_cuts_access_stays_an_outage() -> None:
    o = outage(
        "Une panne coupe l'accès à ChatGPT",
        "Une panne chez un hébergeur coupe l'accès à ChatGPT depuis "
        "14 h : le chatbot d'OpenAI est inaccessible en Europe.",
    )
    assert o is not None and o.kind == "outage"


@pytest.mark.parametrize(
    ("title", "text", "services"),
    [
        (
            "Claude en panne ce mardi",
            "Comme ChatGPT la semaine dernière, Claude est tombé en panne ce mardi matin.",
            {"claude"},
        ),
        (
            "Gemini en panne, ChatGPT épargné",
            "Gemini est inaccessible depuis 10 h. ChatGPT et Claude, eux, fonctionnent normalement.",
            {"gemini"},
        ),
        (
            "DeepSeek, qui fait trembler OpenAI, limite ses inscriptions",
            "DeepSeek, qui fait trembler OpenAI et ChatGPT, limite temporairement les inscriptions.",
            {"deepseek"},
        ),
        (
            "Le Chat de Mistral en panne",
            "Le Chat est en panne depuis ce matin : beaucoup d'utilisateurs se tournent vers "
            "ChatGPT en attendant.",
            {"le-chat"},
        ),
        (
            "Panne de Cloudflare : ChatGPT et Claude touchés",
            "Une panne de Cloudflare a rendu ChatGPT et Claude inaccessibles mardi.",
            {"chatgpt", "claude", "cloudflare"},
        ),
    ],
)
def test_only_the_services_hit(title: str, text: str, services: set[str]) -> None:
    o = outage(title, text)
    assert o is not None and set(o.services) == services


@pytest.mark.parametrize(
    ("title", "text", "service"),
    [
        (
            "Anthropic resserre les limites de Claude",
            "Anthropic resserre les limites de Claude pour les abonnés Pro à partir de ce lundi.",
            "claude",
        ),
        (
            "Google retire l'accès gratuit à Gemini 2.5 Pro",
            "Google retire l'accès gratuit à Gemini 2.5 Pro, son modèle le plus avancé, faute de capacité.",
            "gemini",
        ),
        (
            "Midjourney devient payant pour tous",
            "Le générateur d'images Midjourney devient payant pour tous les nouveaux venus.",
            "midjourney",
        ),
        (
            "Perplexity réduit le nombre de recherches Pro",
            "Perplexity réduit le nombre de recherches Pro offertes aux comptes gratuits.",
            "perplexity",
        ),
        (
            "OpenAI durcit l'accès à son API",
            "OpenAI durcit l'accès à l'API d'OpenAI : une vérification d'identité est désormais exigée.",
            "openai-api",
        ),
    ],
)
def test_free_tiers_withdrawn_and_limits_tightened(title: str, text: str, service: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == "restriction" and service in o.services, (title, o)


@pytest.mark.parametrize(
    ("title", "text", "service"),
    [
        (
            "Claude : des temps de réponse très longs",
            "Claude affiche des temps de réponse très longs depuis 10 h, selon Anthropic.",
            "claude",
        ),
        (
            "Gemini : des réponses tronquées",
            "Gemini renvoie des réponses tronquées et des erreurs intermittentes depuis mardi matin.",
            "gemini",
        ),
        (
            "ChatGPT répond au compte-gouttes",
            "ChatGPT répond au compte-gouttes depuis ce matin, OpenAI reconnaît des lenteurs.",
            "chatgpt",
        ),
        (
            "Copilot fonctionne en mode dégradé",
            "Copilot fonctionne en mode dégradé depuis ce matin, indique Microsoft.",
            "copilot",
        ),
    ],
)
def test_degradation_wordings(title: str, text: str, service: str) -> None:
    o = outage(title, text)
    assert o is not None and o.kind == "degradation" and service in o.services, (title, o)
