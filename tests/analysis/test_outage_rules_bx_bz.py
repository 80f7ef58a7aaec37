"""Issue 10, classes found on sets BX, BY and BZ (scored blind first, then read): a launch that excludes a region by
name, a government ordering its agencies off a company named by what it is, a block lifted in the standfirst, a
rubric line above the standfirst, outages kept at bay ("loin de la panne sèche") and services silenced for hours.
Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.extract import Document
from app.kinds import IncidentKind

from .helpers import doc, paris


def test_a_launch_that_excludes_a_region_by_name_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Confier ses ordonnances à ChatGPT ? Pas depuis Lyon",
            "Peut-on demander à un assistant de décrypter une ordonnance ? Outre-Atlantique, oui.\n"
            "Présenté jeudi soir, ChatGPT Santé prend la forme d'un onglet à part dans l'application.\n"
            "L'éditeur exclut noir sur blanc l'Espace économique européen et la Suisse, sans calendrier.\n"
            "Ailleurs, il faut encore s'inscrire sur une liste d'attente.",
            "2026-01-09T08:00",
            lead="OpenAI a lancé le jeudi 8 janvier un espace santé dans son assistant. Européens et Suisses en sont "
            "tenus à l'écart.",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("chatgpt",) and a.outage.day == date(2026, 1, 8)


def test_a_government_ordering_its_agencies_off_a_start_up_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Washington tourne le dos aux outils de la start-up qui a tenu tête à l'armée",
            "États-Unis\n"
            "Le président a ordonné à toutes les agences fédérales de cesser d'utiliser la technologie de la jeune "
            "pousse, au terme d'un bras de fer avec le ministère de la Défense.\n"
            "Dans un message publié vendredi 27 février, la Maison-Blanche a enjoint à l'ensemble des administrations "
            "fédérales de « cesser immédiatement » tout recours aux produits d'Anthropic, qui développe Claude.\n"
            "Les ministères disposent de six mois pour s'en passer ; les particuliers ne sont pas concernés.",
            "2026-02-28T08:40",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2026, 2, 27)
    assert "claude" in a.outage.services


def test_a_block_lifted_in_the_standfirst_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "La Malaisie rouvre la porte à Grok, sous conditions",
            "Malaisie\n"
            "Kuala Lumpur a levé le blocage du chatbot de xAI, imposé trois semaines plus tôt.\n"
            "Trois semaines après l'avoir bloqué, le régulateur autorise de nouveau Grok, après des engagements de X.\n"
            "Le 11 janvier, le pays avait bloqué l'assistant d'Elon Musk après une vague d'images truquées.",
            "2026-02-03T09:00",
        )
    )
    assert a.is_ai
    assert a.outage is None


def test_a_rubric_line_above_the_standfirst_does_not_hide_it() -> None:
    # no lead, no AI word in the headline: the standfirst under the rubric says what the story is about
    text = (
        "Streaming\n"
        "Critiqué pour un résumé faux d'une série, le service a retiré les récapitulatifs produits par intelligence "
        "artificielle qu'il testait.\n"
        "Le groupe a retiré cette semaine les résumés vidéo générés par intelligence artificielle de sa plateforme, "
        "après des erreurs relevées par les spectateurs dans l'un d'eux.\n"
        "Le dispositif assemblait des extraits et une voix de synthèse pour rappeler l'intrigue avant une nouvelle "
        "saison. " + "Les abonnés avaient relevé plusieurs contresens sur la chronologie de la série. " * 12
    )
    d = Document(
        url="https://www.exemple-tech.fr/streaming/resumes.html",
        title="Des récapitulatifs truffés d'erreurs : la plateforme vidéo débranche son résumé automatique",
        text=text,
        published_at=paris("2025-12-12T10:00"),
        lead=None,
        language="fr",
    )
    assert analyse_document(d).is_ai


def test_an_outage_kept_at_bay_is_a_metaphor() -> None:
    a = analyse_document(
        doc(
            "Mistral AI : 2 milliards dans le réservoir, l'IA française loin de la panne sèche",
            "Mardi, Mistral AI a annoncé une levée de fonds de 2 milliards d'euros menée par un industriel européen.\n"
            "La start-up, qui édite l'assistant Le Chat, vaut désormais 12 milliards d'euros.\n"
            "Ses dirigeants gardent le contrôle du capital.",
            "2025-09-09T12:00",
        )
    )
    assert a.outage is None


def test_a_service_silenced_for_hours_is_an_outage_not_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Le nuage de Microsoft s'enraye : Copilot réduit au silence des heures durant",
            "Mercredi 29 octobre, à partir de 16 h 45, Copilot est resté muet pour une foule d'utilisateurs.\n"
            "Une erreur de configuration du réseau de Microsoft a fait décrocher de nombreux serveurs.\n"
            "Le service est revenu dans la nuit.",
            "2025-10-30T08:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


def test_a_security_tool_blocked_is_not_a_restriction_of_the_assistant_named_later() -> None:
    a = analyse_document(
        doc(
            "Windows à genoux : une mise à jour ratée paralyse aéroports et hôpitaux",
            "Des millions de PC se sont bloqués vendredi sur un écran bleu, après l'envoi d'un fichier erroné à "
            "l'outil de sécurité d'un éditeur américain.\n"
            "Dans les aéroports, les vols ont été retardés ou annulés.\n"
            "Sur les forums, des administrateurs disent avoir interrogé leur assistant Copilot pour retrouver la "
            "bonne commande de redémarrage, sans grand succès.",
            "2024-07-19T18:00",
        )
    )
    assert a.outage is None


def test_a_launch_at_a_slow_pace_and_on_invitation_is_a_launch() -> None:
    a = analyse_document(
        doc(
            "Veo 4 : Google lance son application vidéo, au compte-gouttes et sur invitation",
            "Google a présenté mardi la quatrième version de Veo, accompagnée d'une application mobile.\n"
            "Seuls les résidents américains peuvent la télécharger, et l'inscription passe par un code d'invitation.\n"
            "L'entreprise dit vouloir monter en charge progressivement.",
            "2025-10-01T08:45",
        )
    )
    assert a.outage is None


# --- sets CA, CB and CC (scored blind first, then read) -------------------------------------------------------------


def test_an_anniversary_look_back_at_old_outages_is_no_incident() -> None:
    # the only days the text gives are months or years old: a look back, not this article's incident
    a = analyse_document(
        doc(
            "Trois ans de Claude : les soirées où l'assistant d'Anthropic a calé",
            "Lancé le 14 mars 2023, l'assistant fête ses trois ans ; ce samedi, tout fonctionne.\n"
            "Le mardi 4 juin 2024, Claude avait été inaccessible une bonne partie de la soirée.\n"
            "En août 2025, des bogues avaient dégradé ses réponses pendant des semaines.",
            "2026-03-14T10:00",
        )
    )
    assert a.outage is None


def test_an_explainer_about_outages_in_general_is_no_incident() -> None:
    a = analyse_document(
        doc(
            "Downdetector ou page d'état : qui dit vrai quand une IA ne répond plus ?",
            "Quand ChatGPT cesse de répondre, deux sources semblent se contredire.\n"
            "Le 20 octobre 2025, la panne d'AWS avait fait grimper les courbes de Perplexity.\n"
            "Le 18 novembre, Cloudflare avait fait apparaître ChatGPT parmi les services en panne.",
            "2025-12-01T10:00",
            lead="Notre mode d'emploi pour lire les deux thermomètres de la disponibilité.",
        )
    )
    assert a.outage is None


def test_cutting_ties_with_a_supplier_after_a_breach_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Fuite chez un prestataire : OpenAI coupe les ponts avec son outil d'analyse",
            "Des adresses liées à des comptes de l'API d'OpenAI ont été dérobées chez un sous-traitant.\n"
            "Les conversations ne sont pas touchées et aucun service n'a été interrompu.\n"
            "OpenAI a cessé de travailler avec ce prestataire mercredi.",
            "2025-11-27T09:30",
        )
    )
    assert a.outage is None


def test_the_assistant_named_by_its_owner_is_grok() -> None:
    a = analyse_document(
        doc(
            "La Malaisie coupe l'accès à l'assistant d'Elon Musk",
            "KUALA LUMPUR, 11 janvier – Le régulateur a annoncé dimanche le blocage temporaire de Grok, l'assistant "
            "conversationnel de xAI, accusé de laisser produire des images truquées.\n"
            "La Malaisie devient ainsi le deuxième pays à couper l'accès à l'outil.",
            "2026-01-11T18:00",
        )
    )
    assert "grok" in a.products
    assert (
        a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION and a.outage.services == ("grok",)
    )


def test_the_assistant_of_a_maker_named_in_the_headline_is_its_product() -> None:
    a = analyse_document(
        doc(
            "Royaume-Uni : l'assistant de Microsoft lâche les bureaux en pleine matinée",
            "LONDRES – Des courriels restés à l'état de brouillon, des réunions sans compte rendu : mardi matin, "
            "dans de nombreuses entreprises britanniques, le travail a pris du retard.\n"
            "Copilot, l'assistant que Microsoft a glissé dans ses logiciels de bureau, ne répondait plus.\n"
            "L'éditeur a confirmé le problème peu après 10 h à Londres et l'a attribué à une hausse du trafic. "
            + "Les administrateurs ont relancé leurs postes en attendant un correctif. "
            * 20,
            "2025-12-09T16:05",
        )
    )
    assert a.outage is not None and a.outage.services == ("copilot",)
    assert a.outage.day == date(2025, 12, 9)


def test_a_measure_in_force_since_a_weekday_started_that_day() -> None:
    a = analyse_document(
        doc(
            "Corée du Sud : DeepSeek ne se télécharge plus",
            "SÉOUL, 17 février – L'application DeepSeek a disparu des magasins d'applications coréens, a confirmé "
            "lundi le régulateur de la vie privée.\n"
            "Les nouveaux téléchargements de DeepSeek sont suspendus depuis samedi, 18 heures à Séoul.",
            "2025-02-17T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2025, 2, 15)


def test_a_head_of_state_ordering_each_agency_off_a_service_dates_it_by_the_order() -> None:
    a = analyse_document(
        doc(
            "Les administrations fédérales sommées de renoncer à Claude",
            "WASHINGTON – Donald Trump a enjoint vendredi à chaque agence fédérale de « cesser immédiatement » "
            "d'utiliser la technologie d'Anthropic.\n"
            "Les services qui ont intégré Claude disposent de six mois pour s'en passer.",
            "2026-02-28T09:12",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.day == date(2026, 2, 27)
