"""Pages that talk about outages without reporting one (issue 10, precision): a study ranking services by their
outages, an interview, a product test, an explainer's generic question, the newsroom's own week without an assistant,
a rumour in the conditional, a security leak sealed, a service's community server locked, a pause recalled in the
pluperfect (« avait dû suspendre »), plus guides, launches and look-backs that already held. Short French texts written for these tests."""

from __future__ import annotations

import pytest

from .helpers import outage

TRAPS = {
    "study": (
        "Fiabilité des assistants IA : Claude et ChatGPT, champions des interruptions selon une étude",
        "Selon un rapport publié ce mardi par un cabinet de mesure du Web, les assistants d'IA ont connu 51 journées de fortes perturbations au premier trimestre. Claude arrive en tête avec 39 journées, devant ChatGPT. Les pannes les plus longues ont duré plus de six heures. Les auteurs recommandent aux entreprises de prévoir un second fournisseur.",
        "2026-05-06T10:00",
    ),
    "sla": (
        "IA générative : comment négocier un contrat de service quand l'assistant tombe en panne",
        "Votre entreprise dépend de l'API d'OpenAI ou d'Anthropic ? Une panne de quelques heures peut bloquer vos équipes. Les contrats d'entreprise promettent souvent 99,9 % de disponibilité, soit près de neuf heures d'interruption tolérées par an. Prévoyez un mode dégradé et un fournisseur de secours.",
        "2025-10-02T09:00",
    ),
    "gateway": (
        "Cloudflare lance une passerelle pour les applications d'IA",
        "Cloudflare a présenté mercredi AI Gateway, un service qui s'intercale entre une application et les API d'OpenAI ou de Hugging Face. L'outil met les réponses en cache, applique une limitation du débit et peut basculer vers un autre fournisseur quand l'API principale est indisponible. Le service est gratuit pendant sa phase de test.",
        "2023-09-27T18:00",
    ),
    "year-in-review": (
        "2025, l'année où l'IA a appris à tomber en panne",
        "Le 10 juin, ChatGPT a connu plus de dix heures d'erreurs. Le 18 novembre, une panne de Cloudflare a rendu l'assistant inaccessible pendant trois heures. Claude, Gemini et DeepSeek ont eux aussi vécu leurs journées noires. Retour sur douze mois d'interruptions qui ont montré notre dépendance.",
        "2025-12-30T08:00",
    ),
    "interview": (
        "« Une panne de ChatGPT ne doit plus arrêter nos équipes » : entretien avec le directeur technique d'une fintech",
        "Quand ChatGPT est tombé le 18 novembre, nos développeurs ont basculé sur Claude en dix minutes, explique-t-il. Nous testons chaque trimestre une coupure simulée de notre fournisseur principal. La dépendance à un seul modèle est un risque que nous ne prenons plus.",
        "2026-01-15T09:00",
    ),
    "insurer": (
        "Des assureurs proposent de couvrir les erreurs et les pannes des outils d'IA",
        "Des assureurs du marché londonien commercialisent une police qui indemnise les entreprises quand un chatbot se trompe ou cesse de fonctionner. Les contrats couvrent les pertes liées aux hallucinations et aux interruptions de service d'un assistant comme ChatGPT. Les primes dépendent des tests menés sur le modèle.",
        "2025-05-13T09:00",
    ),
    "bank": (
        "Panne géante chez une banque en ligne : les clients privés de paiement toute la matinée",
        "Les clients de la banque n'ont pas pu payer par carte ni consulter leurs comptes ce mardi matin. La banque évoque un incident technique chez un prestataire. Son assistant virtuel, alimenté par l'IA générative, répondait pourtant aux questions des clients inquiets. Le service est revenu vers midi.",
        "2026-03-10T14:00",
    ),
    "review": (
        "Test du Pixel 10 : Gemini partout, mais quelques bugs à corriger",
        "Le Pixel 10 fait de Gemini son assistant par défaut. Pendant notre test, l'assistant a parfois refusé de répondre hors connexion et l'application a planté deux fois. Ces bugs devraient être corrigés par une mise à jour. L'autonomie reste excellente.",
        "2025-09-02T09:00",
    ),
    "explainer": (
        "Pourquoi les IA comme ChatGPT tombent-elles en panne ?",
        "Les pannes de ChatGPT, Claude ou Gemini ont presque toujours les mêmes causes : un pic de trafic, une mise à jour ratée ou un prestataire défaillant. Les modèles tournent sur des milliers de processeurs graphiques répartis dans des centres de données. Quand un maillon lâche, c'est tout le service qui devient inaccessible.",
        "2025-06-20T09:00",
    ),
    "bourse": (
        "Nvidia : coup d'arrêt en Bourse après l'annonce de DeepSeek",
        "Le titre de Nvidia a perdu près de 17 % lundi, effaçant près de 600 milliards de dollars de capitalisation. La start-up chinoise DeepSeek affirme avoir entraîné son modèle pour une fraction du coût des géants américains. Les investisseurs craignent un coup de frein sur les commandes de puces.",
        "2025-01-28T09:00",
    ),
    "forecast": (
        "Les centres de données de l'IA menacent le réseau électrique cet été",
        "Le gestionnaire du réseau prévient que la consommation des centres de données d'IA pourrait provoquer des coupures en cas de canicule. Les services comme ChatGPT ou Claude risquent alors d'être ralentis. Des plans de délestage sont à l'étude.",
        "2026-06-02T09:00",
    ),
    "anniv": (
        "Il y a un an, la panne de Cloudflare privait le monde de ChatGPT",
        "Le 18 novembre 2025, un fichier de configuration trop lourd faisait tomber Cloudflare et, avec lui, ChatGPT et X pendant plusieurs heures. Un an plus tard, l'entreprise a revu ses procédures de déploiement. Retour sur une journée qui a rappelé la fragilité du Web.",
        "2026-11-18T09:00",
    ),
    "experiment": (
        "Nous avons passé une semaine sans ChatGPT : récit d'un sevrage",
        "Pendant une semaine, la rédaction s'est privée de l'assistant d'OpenAI. Premier constat : les courriels prennent deux fois plus de temps. Deuxième constat : personne n'a regretté les réponses inventées. L'expérience s'achève vendredi.",
        "2025-04-11T09:00",
    ),
    "lawsuit": (
        "Des abonnés de ChatGPT Plus réclament un remboursement après les pannes de juin",
        "Une association de consommateurs demande à OpenAI de rembourser une partie des abonnements après les interruptions répétées de juin. Le 10 juin, le service était resté perturbé plus de dix heures. OpenAI n'a pas répondu.",
        "2025-07-15T09:00",
    ),
    "rumour": (
        "OpenAI envisagerait de limiter la version gratuite de ChatGPT",
        "Selon un média américain, OpenAI réfléchirait à réduire le nombre de messages offerts aux comptes gratuits. Aucune décision n'a été prise, précise une source interne. L'entreprise n'a pas commenté.",
        "2025-08-20T09:00",
    ),
    "layoffs": (
        "Amazon supprime 14 000 postes et mise tout sur l'IA",
        "Le groupe va supprimer 14 000 emplois de bureau, une décision qu'il justifie par les gains de productivité attendus de l'IA générative. Son assistant Alexa+ et ses modèles Nova doivent prendre le relais sur certaines tâches.",
        "2025-10-28T09:00",
    ),
    "hack": (
        "DeepSeek : une base de données exposée laissait fuiter des historiques de conversation",
        "Des chercheurs en sécurité ont découvert une base de données de DeepSeek accessible sans mot de passe. Elle contenait plus d'un million de lignes, dont des historiques de conversation et des clés d'API. La start-up a coupé l'accès en moins d'une heure après avoir été prévenue.",
        "2025-01-30T09:00",
    ),
    "school": (
        "ChatGPT : les universités françaises encadrent son usage aux examens",
        "Plusieurs universités ont adopté une charte qui interdit l'usage de ChatGPT pendant les examens, sauf autorisation de l'enseignant. Les étudiants qui enfreignent la règle s'exposent à des sanctions disciplinaires.",
        "2025-01-20T09:00",
    ),
    "price": (
        "Mistral AI augmente le prix de Le Chat Pro",
        "L'abonnement Pro de Le Chat passe de 14,99 à 17,99 euros par mois à partir du 1er septembre. Les abonnés actuels conservent l'ancien tarif pendant six mois. La formule gratuite ne change pas.",
        "2025-08-01T09:00",
    ),
    "tips": (
        "ChatGPT : dix astuces pour économiser vos messages quand vous approchez du quota",
        "Le quota de messages de ChatGPT dépend de votre formule. Regroupez vos questions, évitez de relancer la génération et passez au modèle léger pour les tâches simples. Quand la limite est atteinte, l'assistant bascule automatiquement.",
        "2025-05-12T09:00",
    ),
    "status": (
        "OpenAI refond sa page de statut pour mieux informer lors des pannes",
        "OpenAI a mis en ligne mercredi une nouvelle page de statut qui détaille la disponibilité de ChatGPT, de Sora et de l'API composant par composant. Chaque incident y sera décrit avec son heure de début et de fin. La précédente version avait été critiquée lors des pannes de décembre.",
        "2025-05-21T09:00",
    ),
    "guide-stat": (
        "Downdetector, page de statut : comment savoir si ChatGPT est vraiment en panne",
        "Avant de redémarrer votre ordinateur, consultez la page de statut d'OpenAI. Downdetector agrège les signalements des internautes. Si les deux sont au vert, le problème vient sans doute de votre connexion.",
        "2025-03-03T09:00",
    ),
    "origins": (
        "Mises à jour ratées, prestataires fragiles : d'où viennent les pannes des assistants d'IA",
        "Derrière chaque message d'erreur se cache l'un de trois scénarios bien connus des ingénieurs. Le 18 novembre, "
        "un fichier de configuration de Cloudflare a coupé de nombreux internautes de ChatGPT. En décembre 2024, un "
        "outil de télémétrie avait fait tomber les grappes de machines d'OpenAI.",
        "2026-02-20T09:00",
    ),
    "newsroom-block": (
        "Une journée sans ChatGPT ni Claude : notre rédaction a joué le jeu",
        "L'idée est venue au lendemain de la panne de ChatGPT qui avait privé d'assistant bon nombre d'utilisateurs "
        "le 10 mars. Jeudi, de 9 heures à 19 heures, la rédaction s'est privée de tout assistant génératif. Notre "
        "service informatique a bloqué l'accès à ChatGPT, Claude et Gemini sur le réseau du bureau, et désactivé pour "
        "la journée les fonctions de Copilot dans la messagerie. Les journalistes ont dû retrouver leurs vieux "
        "réflexes. Le bilan est mitigé.",
        "2026-03-13T09:00",
    ),
    "community-server": (
        "Mistral verrouille le serveur Discord de Le Chat après une avalanche de messages moqueurs",
        "Le serveur Discord officiel de Le Chat ne laisse plus entrer personne depuis samedi. Mistral AI a suspendu "
        "les invitations et masqué plusieurs salons, en invoquant une vague de spam. L'assistant, lui, fonctionne "
        "normalement.",
        "2026-04-06T09:00",
    ),
    "forced-earlier": (
        "Apple confie à Gemini le moteur du futur Siri : ce que l'on sait",
        "Apple s'appuiera sur un modèle de Google pour la prochaine version de Siri, selon plusieurs médias "
        "américains. Le montant du contrat n'a pas été confirmé. La refonte de Siri a déjà été repoussée une fois, "
        "et la marque avait dû suspendre un temps ses résumés de notifications, truffés d'erreurs.",
        "2026-01-13T09:00",
    ),
}


@pytest.mark.parametrize("name", sorted(set(TRAPS) - {"bank"}))
def test_no_outage_is_reported(name: str) -> None:
    title, text, published = TRAPS[name]
    assert outage(title, text, published) is None


def test_a_bank_outage_is_not_ai_news() -> None:
    from app.analysis import analyse_document

    from .helpers import doc

    title, text, published = TRAPS["bank"]  # a bank's outage, its AI chatbot named in passing
    a = analyse_document(doc(title, text, published))
    assert not a.is_ai and a.outage is None
