"""General rules for the classes sets CN, CO and CQ missed, each on short French texts written for these tests (not
taken from their pages): a company banning chatbots from its own workstations, a service's behaviour told to a
generic "vous" and an earlier outage named by its month, a restriction announced for a year not yet over, the day of
a launch a participle describes, a wire's year-less dateline over a guess of 1 January, subscriptions "gelées", an
earlier blow in the pluperfect, an embeddings model as AI news, and a party's win in court that blocks a service."""

from __future__ import annotations

from datetime import date, datetime

from app.analysis import analyse_document
from app.analysis.dates import PARIS
from app.analysis.outage_words import PAST, SIGNUP_STOP
from app.analysis.refdate import INFERRED, reference
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc, outage


def test_a_company_banning_chatbots_from_its_workstations_is_its_own_rule() -> None:
    text = (
        "Une note de la direction défend à ses équipes d'utiliser ChatGPT ou Gemini pour rédiger des documents.\n"
        "Le groupe craint que des plans confidentiels ne finissent sur les serveurs d'un fournisseur."
    )
    for title, lead in (
        ("Amazon ferme l'accès à ChatGPT sur les postes de travail de ses entrepôts", None),
        (
            "Après une fuite, Amazon ferme la porte aux assistants d'IA",
            "Le groupe ferme la porte aux outils d'IA générative sur son matériel et ses réseaux.",
        ),
    ):
        assert outage(title, text, "2025-05-02T10:00", lead=lead) is None, title
    # a provider closing its service to the public is still a restriction
    report = outage(
        "OpenAI ferme les inscriptions à ChatGPT Plus",
        "OpenAI a fermé mercredi les inscriptions de nouveaux abonnés à ChatGPT Plus, faute de serveurs.",
        "2025-05-02T10:00",
    )
    assert report is not None and report.kind == IncidentKind.RESTRICTION


def test_a_generic_you_and_an_outage_named_by_its_month_report_nothing() -> None:
    title = "« Un modèle ne tombe jamais vraiment en panne » : paroles d'une ingénieure de garde"
    text = (
        "Elle surveille les services d'une banque en ligne branchés sur des modèles de langage.\n"
        "Un soir de grande affluence, l'API d'Anthropic peut vous renvoyer des erreurs de surcharge une requête "
        "sur dix.\n"
        "Elle fait lire à chaque recrue le bilan publié par OpenAI après sa longue interruption de décembre 2024.\n"
        "Selon elle, un bon tableau de bord vaut mieux que mille alertes."
    )
    assert outage(title, text, "2025-09-12T10:00") is None
    # the same API's errors told as this evening's facts are an outage report
    live = "L'API d'Anthropic renvoie des erreurs depuis 18 h ce jeudi, et Claude ne répond plus."
    assert outage("Claude en panne ce jeudi soir", live, "2025-09-11T20:00") is not None


def test_a_restriction_announced_for_a_year_not_over_is_reported() -> None:
    title = "Les nouveautés d'IA d'Apple privées d'Europe"
    text = (
        "Apple a fait savoir jeudi qu'Apple Intelligence ne serait pas déployée en 2025 dans l'Union européenne, "
        "faute d'accord sur les règles du DMA.\n"
        "Le constructeur dit vouloir discuter avec Bruxelles."
    )
    report = outage(title, text, "2025-03-14T10:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    # the same words two years on recall a past decision
    assert outage(title, text.replace("jeudi", "le 13 mars 2025"), "2027-03-14T10:00") is None


def test_the_day_of_a_launch_a_participle_describes_is_not_the_restrictions() -> None:
    title = "OpenAI ferme l'accès à Sora aux nouveaux venus"
    text = (
        "OpenAI a indiqué mardi que Sora, présenté lors d'une diffusion en direct le 9 décembre, "
        "n'accepte plus de nouveaux comptes, faute de capacités.\n"
        "Les abonnés existants gardent leur accès."
    )
    report = outage(title, text, "2024-12-11T10:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2024, 12, 10)
    # a participle that opens the sentence dates what it reports: the waiting list opened with the launch
    fronted = (
        "Présenté lundi lors d'une diffusion en direct, Sora ne s'ouvre qu'au compte-gouttes, par une liste "
        "d'attente, a indiqué mercredi un porte-parole."
    )
    report = outage(title, fronted, "2024-12-11T10:00")
    assert report is not None and report.day == date(2024, 12, 9)


def test_a_wire_dateline_beats_a_guess_of_the_first_of_january() -> None:
    # htmldate's guess of a year alone (an archive menu), a year-less dateline whose second sentence gives the
    # weekday: the dispatch's day, in the latest year where 21 June fell on a Friday
    text = (
        "CUPERTINO, 21 juin (ATP) – Les Européens devront encore patienter. Apple a fait savoir vendredi que ses "
        "fonctions d'IA attendraient."
    )
    d = Document(
        url="https://www.agence.example/fil/apple-ia-europe",
        title="Apple retarde ses fonctions d'IA en Europe",
        text=text,
        published_at=datetime(2026, 1, 1, tzinfo=PARIS),
        date_source="htmldate",
        language="fr",
    )
    full_f = fold(f"{d.title}\n\n{text}")
    ref = reference(d, full_f, datetime(2026, 12, 1, tzinfo=PARIS))
    assert ref.precision == INFERRED and ref.moment.date() == date(2024, 6, 21)
    # a guess that is a real day is kept
    d2 = Document(
        url=d.url,
        title=d.title,
        text=text,
        published_at=datetime(2024, 6, 22, tzinfo=PARIS),
        date_source="htmldate",
        language="fr",
    )
    assert reference(d2, full_f, datetime(2026, 12, 1, tzinfo=PARIS)).moment.date() == date(2024, 6, 22)


def test_frozen_subscriptions_and_an_earlier_blow_in_the_pluperfect() -> None:
    title = "Trop de monde : Anthropic ferme la porte aux nouveaux abonnés Max"
    text = (
        "Anthropic ne prend plus de nouveaux abonnés à sa formule Max.\n"
        "Son dirigeant l'a annoncé mercredi : les nouvelles souscriptions à l'offre sont gelées jusqu'à nouvel "
        "ordre.\n"
        "La semaine avait été rude : le 3 juin, des erreurs à répétition avaient frappé Claude et son API."
    )
    report = outage(title, text, "2025-06-12T10:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2025, 6, 11)
    assert SIGNUP_STOP.search(fold("les nouvelles souscriptions à l'offre sont gelées jusqu'à nouvel ordre"))
    assert PAST.search(fold("des erreurs à répétition avaient frappé Claude et son API"))
    assert not PAST.search(fold("des erreurs à répétition frappent Claude et son API"))


def test_an_embeddings_model_is_ai_news() -> None:
    title = "Google présente Gemini Embedding 3, qui range textes et images dans un même espace"
    text = (
        "Le nouveau modèle de plongements transforme des documents, des photos et des extraits sonores en "
        "vecteurs comparables.\n"
        "Il sert surtout aux moteurs de recherche internes et aux bases vectorielles des entreprises.\n"
        "Il est proposé par l'API Gemini et sur Vertex AI."
    )
    a = analyse_document(doc(title, text, "2026-03-10T10:00"))
    assert a.is_ai and "gemini" in a.products


def test_a_partys_win_in_court_that_blocks_a_service_is_a_restriction() -> None:
    title = "Un libraire obtient en justice le blocage de l'agent d'achat de Perplexity"
    text = (
        "Un juge new-yorkais a prononcé vendredi une injonction provisoire qui interdit à l'agent de Perplexity "
        "de commander sur le site du libraire.\n"
        "La start-up peut faire appel."
    )
    report = outage(title, text, "2026-04-04T10:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert "perplexity" in report.services
    # a lawsuit that only asks for it is not one
    asked = outage(
        "Un libraire poursuit Perplexity et demande l'arrêt de son agent d'achat",
        "Le libraire a déposé plainte vendredi contre l'agent conversationnel de Perplexity ; l'audience est "
        "prévue en juin.",
        "2026-04-04T10:00",
    )
    assert asked is None


def test_errors_again_and_again_are_a_degradation() -> None:
    title = "Claude Code en proie à des erreurs à répétition"
    text = (
        "Depuis lundi matin, l'outil de programmation d'Anthropic répond mal : des requêtes expirent et des tâches "
        "s'arrêtent en chemin.\n"
        "Anthropic a ouvert un incident sur sa page d'état, déclaré résolu deux fois avant que les erreurs ne "
        "reviennent."
    )
    report = outage(title, text, "2026-03-10T10:00")
    assert report is not None and report.kind == IncidentKind.DEGRADATION


def test_a_court_that_forbids_a_party_is_a_restriction() -> None:
    title = "La justice allemande interdit à l'agent de Perplexity de réserver des billets de train"
    text = (
        "Un tribunal de Francfort a donné raison vendredi à la compagnie ferroviaire.\n"
        "L'ordonnance interdit à Perplexity d'utiliser son agent conversationnel pour acheter des billets sur le "
        "site de la compagnie."
    )
    report = outage(title, text, "2026-04-04T10:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION and "perplexity" in report.services


def test_a_rivals_past_outage_recalled_in_a_story_about_newcomers_is_no_incident() -> None:
    title = "Le Chat gagne des adeptes, dont certains arrivés un soir de panne de ChatGPT"
    text = (
        "PARIS, 3 juillet (ATP) – Pour Hugo, graphiste à Nantes, tout est parti d'un rendu en retard.\n"
        "Le 10 juin dernier, quand ChatGPT a multiplié les erreurs toute la journée, il a essayé Le Chat de "
        "Mistral AI pour boucler son travail.\n"
        "Trois semaines plus tard, il l'utilise encore.\n"
        "Avoir un deuxième assistant en réserve, comme Claude, évite de rester les bras croisés un soir de panne."
    )
    assert outage(title, text, "2025-07-03T10:00") is None


def test_the_answer_to_what_happened_on_a_questions_page_is_its_news() -> None:
    title = "Mémoire effacée : vos questions après la soirée où les conversations ont disparu"
    lead = "Des discussions envolées, des pages blanches : le point, question par question."
    text = (
        "Questions-réponses\n"
        "« Où sont passées mes discussions ? » La question a fait le tour des réseaux sociaux en une heure.\n"
        "Elle a inquiété tous ceux qui rangent dans leur assistant des mois de notes et de brouillons.\n"
        "La réponse est rassurante, mais l'épisode mérite qu'on s'y arrête.\n"
        "Voici ce que l'on sait.\n"
        "Les utilisateurs de la version web ont été les plus nombreux à s'en inquiéter.\n"
        "Que s'est-il passé ?\n"
        "Mardi soir, ChatGPT a cessé de fonctionner pour de très nombreux utilisateurs, en Europe comme aux "
        "États-Unis."
    )
    report = outage(title, text, "2025-12-03T08:00", lead=lead)
    assert report is not None and report.services == ("chatgpt",) and report.day == date(2025, 12, 2)
