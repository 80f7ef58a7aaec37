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
