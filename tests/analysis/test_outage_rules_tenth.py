"""General rules for classes found in the tenth session (the tuned blind sets and the known misses of the ninth
session's note), each on short French texts written for these tests (not taken from any page)."""

from __future__ import annotations

from datetime import datetime

from .helpers import outage


def test_a_range_refines_a_round_time_said_as_just_before() -> None:
    """« juste avant 10 heures » in the lead, then « de 9 h 47 à 10 h 12 » in the body: the range is the outage."""
    title = "Gemini et Perplexity trébuchent avec leur hébergeur"
    lead = (
        "Ce jeudi 12 mars, juste avant 10 heures, une mise à jour chez l'hébergeur a fait tomber Perplexity."
    )
    text = (
        "Les utilisateurs de Perplexity ont vu leurs recherches échouer en série. "
        "De 9 h 41 à 10 h 06, l'assistant a renvoyé des erreurs à chaque requête, selon le compte rendu publié "
        "dans la soirée. Le service fonctionne normalement depuis."
    )
    report = outage(title, text, "2026-03-12T15:00", lead=lead)
    assert report is not None
    assert report.start == datetime.fromisoformat("2026-03-12T09:41:00+01:00")
    assert report.end == datetime.fromisoformat("2026-03-12T10:06:00+01:00")


def test_planned_unavailability_to_come_is_no_outage() -> None:
    """« l'API sera indisponible dimanche » announces planned work: nothing happened yet."""
    title = "Maintenance : l'API de Mistral sera indisponible dimanche"
    text = (
        "Mistral AI prévient ses clients : son API sera indisponible dimanche de 2 h à 4 h, le temps d'une "
        "intervention sur ses serveurs. Le Chat restera accessible. L'éditeur conseille de décaler les traitements "
        "lourds."
    )
    assert outage(title, text, "2025-09-10T10:00") is None


def test_an_outage_report_that_says_when_the_service_will_be_back_stays_an_outage() -> None:
    """The future rule reads unavailability to come only: « sera rétabli » after a real outage changes nothing."""
    title = "Le Chat de Mistral en panne ce mercredi matin"
    text = (
        "Depuis 9 h 20, Le Chat ne répond plus et l'API de Mistral renvoie des erreurs. L'éditeur indique que le "
        "service sera rétabli dans la matinée."
    )
    report = outage(title, text, "2025-09-10T10:30")
    assert report is not None and report.day.isoformat() == "2025-09-10"


def test_a_court_procedure_or_an_advert_suspended_is_no_restriction() -> None:
    """« suspendre » and « mettre en pause » said of a lawsuit or an advertising campaign, not of a service."""
    court = outage(
        "Droits d'auteur : la justice suspend le procès d'écrivains contre OpenAI",
        "Une juge new-yorkaise a suspendu lundi la procédure lancée par un collectif d'écrivains contre OpenAI, le "
        "temps d'une médiation. ChatGPT reste au cœur du dossier.",
        "2025-05-14T10:00",
    )
    advert = outage(
        "Gemini : Google met en pause sa campagne publicitaire après les critiques",
        "Google a retiré jeudi sa publicité pour Gemini diffusée à la télévision américaine, jugée maladroite par "
        "de nombreux spectateurs. Le film montrait un enfant confiant ses devoirs à l'assistant.",
        "2024-08-03T10:00",
    )
    assert court is None and advert is None


def test_a_supposed_outage_is_no_outage() -> None:
    """« Et si Claude tombait en panne ? », « Imaginez un mardi sans Claude » suppose an outage, report none."""
    title = "Et si Claude tombait en panne toute une semaine ?"
    text = (
        "Imaginez un mardi sans Claude. Les agences de communication ressortent leurs modèles de courriers, les "
        "développeurs relisent leur code à l'œil nu. Des chercheurs appellent les entreprises à prévoir un plan B."
    )
    assert outage(title, text, "2025-11-20T10:00") is None


def test_a_real_outage_told_with_si_in_the_present_still_counts() -> None:
    """The supposition rule reads the imperfect after « si »: a report of what happened is untouched."""
    title = "Claude en panne ce mardi : Anthropic confirme l'incident"
    text = (
        "Depuis 10 h 15, Claude est inaccessible pour une grande partie des utilisateurs européens. Anthropic "
        "indique sur sa page d'état enquêter sur la cause."
    )
    report = outage(title, text, "2025-11-18T11:00")
    assert report is not None and report.day.isoformat() == "2025-11-18"


def test_a_subject_followed_by_a_name_is_another_service() -> None:
    """« La plateforme Remotasks a coupé l'accès… » after a sentence naming OpenAI: Remotasks is not OpenAI."""
    title = "Grève chez Scale AI : les annotateurs de données posent les outils"
    text = (
        "Des centaines d'annotateurs employés par Scale AI, sous-traitant d'OpenAI et de Meta, ont cessé le "
        "travail jeudi pour dénoncer des retards de paiement. La plateforme Remotasks a coupé l'accès de certains "
        "comptes au Kenya."
    )
    assert outage(title, text, "2025-04-18T10:00") is None
    # the bare subject still stands for the service named just before
    kept = outage(
        "Claude en rade",
        "Anthropic a confirmé des difficultés mardi. La plateforme a cessé de répondre vers 14 h pour de nombreux "
        "utilisateurs.",
        "2025-04-17T10:00",
    )
    assert kept is not None and kept.services == ("claude",)


def test_an_office_closed_is_no_restriction() -> None:
    title = "OpenAI ferme son bureau de Pékin"
    text = (
        "OpenAI a fermé mardi son bureau de représentation en Chine, faute de clients. L'entreprise continue de "
        "refuser l'accès à ChatGPT depuis le pays, comme depuis 2023."
    )
    assert outage(title, text, "2025-04-17T10:00") is None


def test_a_live_entry_stamp_is_when_the_note_was_written() -> None:
    """« 16h05 – Le fournisseur assure que le problème est corrigé depuis 13h20 »: an update's stamp, after the
    publication time, and a fix time are neither the start nor a reason to move the day back."""
    title = "Mistral AI : Le Chat hors service, la faute à son hébergeur"
    text = (
        "16h05 – L'hébergeur assure que le problème de réseau à l'origine de la panne est corrigé depuis 13h20, "
        "mais le retour à la normale sera progressif. "
        "Article initial, publié à 11h30. "
        "Le Chat est resté quasi muet ce mardi matin. Depuis 9h10 environ, l'assistant de Mistral AI multiplie "
        "les messages d'erreur et ne répond plus."
    )
    report = outage(title, text, "2025-10-21T11:30")
    assert report is not None and report.day.isoformat() == "2025-10-21"
    assert report.start == datetime.fromisoformat("2025-10-21T09:10:00+02:00")


def test_everything_tipped_over_at_gives_the_start() -> None:
    """« tout a basculé à 15 h 16 mercredi, heure de San Francisco, c'est-à-dire 0 h 16 jeudi à Paris »."""
    title = "Nuit blanche pour ChatGPT"
    text = (
        "Le chatbot d'OpenAI s'est tu durant la nuit de mercredi à jeudi. Les étudiants qui révisaient ont dû "
        "ressortir leurs fiches. Les développeurs, eux, ont vu leurs scripts s'arrêter net. Au bureau, le café a "
        "remplacé les questions au robot. Selon la page d'état de l'entreprise, tout a basculé à 15 h 16 mercredi, "
        "heure de San Francisco, c'est-à-dire 0 h 16 jeudi à Paris."
    )
    report = outage(title, text, "2024-12-12T09:00")
    assert report is not None and report.day.isoformat() == "2024-12-12"
    assert report.start == datetime.fromisoformat("2024-12-12T00:16:00+01:00")


def test_a_live_page_status_words_give_the_start_and_an_improvement_the_end() -> None:
    """Newest first: « une amélioration sensible depuis 16 h 54 » ends the outage; « À 8 h 36, … une hausse du taux
    d'échec des requêtes » starts it."""
    title = "Claude au ralenti : erreurs en série sur l'assistant et l'API d'Anthropic"
    text = (
        "Ce jeudi 12 juin, Claude se traîne. Nous suivons la situation. "
        "Éclaircie en fin d'après-midi. Anthropic fait état d'une amélioration sensible depuis 16 h 54 et surveille "
        "le retour à la normale. "
        "Vers 14 h 35, un message publié sur la page d'état annonce que la cause est identifiée. "
        "Les développeurs voient leurs appels à l'API d'Anthropic échouer une fois sur deux. "
        "Vous n'êtes pas seuls. À 8 h 36, Anthropic a admis sur sa page d'état une hausse du taux d'échec des "
        "requêtes sur Claude comme sur son API."
    )
    report = outage(title, text, "2025-06-12T17:30")
    assert report is not None
    assert report.start == datetime.fromisoformat("2025-06-12T08:36:00+02:00")
    assert report.end == datetime.fromisoformat("2025-06-12T16:54:00+02:00")


def test_a_coding_agent_story_is_ai_news() -> None:
    """« l'agent de programmation de Replit », « vibe coding »: AI vocabulary even with no known product."""
    from app.analysis import analyse_document

    from .helpers import doc

    a = analyse_document(
        doc(
            "Vibe coding : l'agent de programmation de Replit efface une base de données",
            "Après une semaine de vibe coding, un entrepreneur a vu l'agent de programmation de Replit supprimer "
            "les données de son application, malgré ses consignes. La plateforme, elle, fonctionnait normalement.",
            "2025-07-21T10:00",
        )
    )
    assert a.is_ai and a.outage is None


def test_a_fact_check_headline_reports_nothing() -> None:
    """« Non, … n'a pas décidé d'interdire Claude », « « Le Chat a disparu » ? Non, … »: the page clears a rumour."""
    ban = outage(
        "Non, le gouvernement n'a pas décidé d'interdire Claude dans les administrations",
        "Une capture d'écran virale affirme que l'assistant d'Anthropic sera bloqué dans tous les ministères dès "
        "lundi. Aucun texte ne va dans ce sens : la circulaire citée n'existe pas, confirme Matignon.",
        "2025-10-02T10:00",
    )
    renamed = outage(
        "« Le Chat a disparu » ? Non, Mistral AI a simplement changé son application",
        "Depuis jeudi, des utilisateurs croient que Le Chat a fermé : l'icône a changé et l'ancienne version ne "
        "s'ouvre plus. Le service, lui, fonctionne normalement dans sa nouvelle application.",
        "2025-10-02T10:00",
    )
    rumour = outage(
        "Anthropic ruinée, Claude condamné à fermer ? Ce que vaut vraiment la rumeur",
        "Un billet de blog prédit la fin d'Anthropic avant l'été. Ses recettes plafonneraient à quelques milliards, "
        "selon l'auteur, qui n'avance aucune source. Claude fonctionne comme d'habitude.",
        "2025-10-02T10:00",
    )
    assert ban is None and renamed is None and rumour is None
    # a headline that confirms the outage is no fact-check
    confirmed = outage(
        "Non, vous n'êtes pas seul : Claude est en panne ce jeudi",
        "Depuis 10 h 05, Claude affiche un message d'erreur à la plupart des utilisateurs européens. Anthropic dit "
        "enquêter.",
        "2025-10-02T11:00",
    )
    assert confirmed is not None and confirmed.day.isoformat() == "2025-10-02"
    reassured = outage(
        "Non, vous n'étiez pas fous : Le Chat répondait vraiment moins bien début octobre",
        "Mistral AI a publié mercredi un compte rendu : la dégradation de Le Chat était bien réelle, et elle avait "
        "commencé dès le 1er octobre, avec des réponses tronquées et des erreurs en série.",
        "2025-10-16T10:00",
    )
    assert reassured is not None and reassured.day.isoformat() == "2025-10-01"


def test_a_network_outage_that_clears_the_ai_service_is_no_outage_of_it() -> None:
    """« ChatGPT ne marche plus » : chez les abonnés Bouygues, le chatbot n'y est pour rien."""
    report = outage(
        "« ChatGPT ne marche plus » : chez les abonnés Bouygues, le chatbot n'y est pour rien",
        "Chez les autres opérateurs, ChatGPT et son robot conversationnel répondent comme d'habitude. L'opérateur "
        "promet un retour à la normale dans la soirée.",
        "2025-06-16T15:00",
        lead="Depuis midi, des lecteurs nous écrivent que ChatGPT ne répond plus. L'assistant d'OpenAI fonctionne "
        "pourtant normalement : c'est le réseau de l'opérateur qui est tombé, partout en France.",
    )
    assert report is None


def test_a_guide_for_a_trouble_on_the_reader_machine_is_no_outage() -> None:
    report = outage(
        "Claude refuse de s'ouvrir, mais seulement chez vous ? Vérifiez d'abord votre extension",
        "Page blanche ou contrôle anti-robots sans fin : l'assistant d'Anthropic peut sembler en panne alors que le "
        "blocage vient de votre navigateur. Trois tests simples permettent de le savoir.",
        "2026-01-21T10:00",
    )
    assert report is None


def test_a_denied_metaphor_in_a_funding_headline_is_no_outage() -> None:
    """« Pas de panne sèche pour Mistral AI : … remplit le réservoir »."""
    report = outage(
        "Pas de panne sèche pour Mistral AI : un fonds saoudien remplit le réservoir",
        "Mistral AI lève 600 millions d'euros, annonce la start-up ce mardi. Le Chat compte désormais plusieurs "
        "millions d'utilisateurs, et l'entreprise recrute à Paris comme à Londres.",
        "2025-09-09T10:00",
    )
    assert report is None


def test_an_option_folded_into_a_price_rise_is_no_restriction() -> None:
    """A bundle that raises the price: the options that « disparaissent du catalogue » are now included."""
    report = outage(
        "Microsoft 365 : Copilot inclus d'office, et une facture qui grimpe de trois euros",
        "Microsoft a annoncé jeudi que Copilot serait désormais intégré à tous ses abonnements grand public. "
        "L'option Copilot Pro, vendue 22 euros par mois, disparaît du catalogue. Les abonnés existants verront "
        "la hausse à leur prochain renouvellement.",
        "2025-01-17T10:00",
    )
    assert report is None


def test_a_pilot_with_a_waitlist_after_an_anecdote_is_a_launch() -> None:
    """The launch said in the fifth sentence, after a quote and an anecdote: the waitlist is its rollout."""
    title = "OpenAI installe son agent dans le navigateur, mais pour quelques testeurs seulement"
    lead = (
        "L'agent clique, remplit et réserve à votre place. Un pilote très encadré, avec une liste d'attente."
    )
    text = (
        "« Réserve-moi une table pour quatre vendredi soir. » Ce genre de demande, l'agent la traite seul : il "
        "ouvre le site, choisit l'horaire et confirme. OpenAI a présenté jeudi cet agent pour ChatGPT, réservé dans "
        "un premier temps aux abonnés Pro. Les autres peuvent s'inscrire sur une liste d'attente."
    )
    assert outage(title, text, "2025-07-18T10:00", lead=lead) is None


def test_a_provider_not_to_blame_still_had_its_outage() -> None:
    """« OpenAI n'y est pour rien, c'est Cloudflare qui a flanché »: ChatGPT was down all the same."""
    report = outage(
        "ChatGPT injoignable ce mardi : OpenAI n'y est pour rien, c'est Cloudflare qui a flanché",
        "Pendant plus de trois heures, le chatbot a affiché des pages d'erreur un peu partout dans le monde. La "
        "panne venait d'un intermédiaire technique dont dépendent des millions de sites.",
        "2025-11-18T18:00",
    )
    assert report is not None and report.day.isoformat() == "2025-11-18" and "chatgpt" in report.services


def test_minors_turned_away_is_a_restriction() -> None:
    """« refuse aux comptes de mineurs toute conversation ouverte », « fin des discussions … pour les mineurs »."""
    report = outage(
        "Talkie : fin des discussions libres pour les mineurs dès ce lundi",
        "C'est une décision attendue par de nombreux parents. Une semaine plus tard, le bilan reste à faire. "
        "Des associations saluent le geste. Les adolescents, eux, protestent sur les réseaux. Depuis ce lundi "
        "2 mars, Character.AI refuse aux comptes de mineurs toute conversation ouverte avec ses personnages.",
        "2026-03-02T18:00",
    )
    assert (
        report is not None and report.kind.value == "restriction" and report.day.isoformat() == "2026-03-02"
    )


def test_an_app_that_left_the_stores_on_a_full_date_in_another_zone() -> None:
    """« a quitté le catalogue d'Apple … le samedi 15 février 2025 au soir, heure de Séoul », then « a précisé lundi »
    on a page with no date of its own: the full date, though in Seoul's zone, beats the vague weekday."""
    from dataclasses import replace

    from app.analysis import analyse_document

    from .helpers import doc, paris

    d = replace(
        doc(
            "Le Chat, c'est fini au Japon pour l'instant",
            "TOKYO — Les fans de l'assistant français devront patienter. L'application avait séduit des "
            "milliers d'étudiants. Le régulateur local enquêtait depuis janvier. "
            "L'assistant de Mistral AI a quitté le catalogue d'Apple comme celui de Google Play le samedi "
            "15 mars 2025 au soir, heure de Tokyo. Le régulateur a précisé lundi que la mesure durerait le temps "
            "d'une enquête.",
        ),
        # (the page's only date, found in its text by the date finder: a day without a time, not the page's own)
        published_at=paris("2025-03-15T00:00"),
        date_source="htmldate",
    )
    a = analyse_document(d, seen_at=paris("2025-03-20T09:00"))
    assert a.outage is not None and a.outage.kind.value == "restriction"
    assert a.outage.day.isoformat() == "2025-03-15"


def test_the_narrative_present_dates_the_first_of_several_faults() -> None:
    """« Tout commence le 5 août avec un problème de routage », then later faults on the 25th: the first day."""
    title = "Les réponses de Mistral se sont dégradées cet été : l'éditeur avoue deux bugs"
    text = (
        "Pendant des semaines, des utilisateurs ont dénoncé des réponses plus pauvres. L'éditeur publie une analyse "
        "détaillée le 17 septembre. Il nie toute baisse volontaire. Tout commence le 5 août avec un problème de "
        "routage qui envoie une partie des requêtes vers de mauvais serveurs. La deuxième défaillance est apparue "
        "le 25 août, après une configuration erronée : Le Chat renvoyait alors des erreurs de syntaxe en série."
    )
    report = outage(title, text, "2025-09-17T10:00")
    assert report is not None and report.day.isoformat() == "2025-08-05"


def test_a_denial_that_goes_on_to_report_what_did_happen_is_a_report() -> None:
    """Past the denial, the headline tells a real restriction or outage."""
    partial = outage(
        "Non, l'API de Mistral n'est pas fermée : seules les recharges de crédit sont suspendues",
        "Depuis jeudi 6 février, il est impossible d'acheter de nouveaux crédits pour l'API de Mistral AI. Les "
        "comptes déjà approvisionnés continuent de fonctionner.",
        "2025-02-07T10:00",
    )
    assert partial is not None and partial.kind.value == "restriction"
    outage_told = outage(
        "Non, vos conversations Claude n'ont pas été effacées : retour sur la panne de mardi soir",
        "Claude a été en panne dans le monde entier ce mardi 2 décembre au soir. Anthropic a rétabli le service "
        "et assure que les échanges n'ont jamais été perdus.",
        "2025-12-03T10:00",
    )
    assert outage_told is not None and outage_told.day.isoformat() == "2025-12-02"


def test_an_erratum_or_a_company_proxy_reports_nothing() -> None:
    erratum = outage(
        "Rectificatif : l'autorité italienne n'a pas suspendu Claude",
        "Dans un article publié jeudi, nous avons écrit que le régulateur avait ordonné la suspension de "
        "l'assistant d'Anthropic. C'est inexact : aucune décision n'a été prise. Nous présentons nos excuses.",
        "2025-02-01T10:00",
    )
    proxy = outage(
        "« ChatGPT est en panne ! » : dans une PME de Cosne, le vrai coupable était le pare-feu",
        "Lundi matin, les salariés ont cru à une panne de ChatGPT et ne pouvaient plus rien lui demander.",
        "2025-03-10T18:00",
        lead="Des salariés ont cru à une panne de l'assistant. L'outil fonctionnait : le pare-feu de l'entreprise, "
        "modifié pendant le week-end, bloquait tout.",
    )
    assert erratum is None and proxy is None


def test_a_scam_quoting_a_suspension_is_no_restriction() -> None:
    scam = outage(
        "« Votre compte Claude est bloqué » : ne cliquez pas, c'est une arnaque",
        "De faux courriels aux couleurs d'Anthropic prétendent qu'un paiement a échoué et menacent de couper l'accès "
        "à Claude, l'assistant d'intelligence artificielle, sous 24 heures. Objectif des escrocs : vos coordonnées "
        "bancaires. Claude fonctionne comme d'habitude.",
        "2025-05-12T10:00",
    )
    assert scam is None
    # an outage that scammers exploit is still an outage
    real = outage(
        "Claude en panne ce lundi : attention aux arnaques qui en profitent",
        "Depuis 9 h 30, Claude, l'assistant d'Anthropic, est inaccessible pour de nombreux utilisateurs. De faux "
        "courriels promettent déjà "
        "un remboursement : ne cliquez pas.",
        "2025-05-12T11:00",
    )
    assert real is not None and real.day.isoformat() == "2025-05-12"


def test_a_weekend_named_with_its_sunday_is_the_sunday() -> None:
    """« Le week-end dernier, … à partir de dimanche soir »: the Sunday, not the weekend's Saturday."""
    report = outage(
        "DeepSeek inaccessible pendant des heures",
        "Le week-end dernier, DeepSeek a été inaccessible pendant des heures, à partir de dimanche soir. La "
        "start-up n'a pas donné d'explication.",
        "2026-04-01T10:00",
    )
    assert report is not None and report.day.isoformat() == "2026-03-29"


def test_times_in_the_francophone_press_outside_france_are_converted() -> None:
    """Montréal (Eastern time), Dakar (GMT), Tunis (UTC+1 all year) to Paris; the Paris day follows."""
    montreal = outage(
        "Claude en panne",
        "Claude, l'assistant d'Anthropic, est tombé mardi soir vers 18 h 15 heure de Montréal.",
        "2025-11-19T09:00",
    )
    dakar = outage(
        "Claude en panne",
        "Claude, l'assistant d'Anthropic, est inaccessible depuis 10 h 20, heure de Dakar, ce mardi.",
        "2025-11-18T15:00",
    )
    tunis = outage(
        "ChatGPT ralenti ce matin",
        "Depuis 7 h 45 heure de Tunis, ChatGPT répond avec lenteur et multiplie les erreurs.",
        "2025-06-10T10:00",
    )
    assert montreal is not None and montreal.start == datetime.fromisoformat("2025-11-19T00:15:00+01:00")
    assert montreal.day.isoformat() == "2025-11-19"
    assert dakar is not None and dakar.start == datetime.fromisoformat("2025-11-18T11:20:00+01:00")
    assert tunis is not None and tunis.start == datetime.fromisoformat("2025-06-10T08:45:00+02:00")
