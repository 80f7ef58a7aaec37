"""Outage detection, kind, and dating against the publication time, on short French texts."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document

from .helpers import doc, outage, paris


def test_plain_outage_with_weekday_and_clock() -> None:
    o = outage(
        "ChatGPT en panne ce mercredi soir",
        "Depuis 21 h, ChatGPT est inaccessible pour de nombreux utilisateurs. OpenAI dit enquêter sur "
        "l'incident et promet un retour rapide du chatbot.",
        "2025-04-02T22:10",
    )
    assert o is not None and o.kind == "outage"
    assert o.day == date(2025, 4, 2)
    assert o.services == ("chatgpt",)


def test_metaphor_is_not_an_outage() -> None:
    o = outage(
        "L'innovation européenne en IA est en panne",
        "Face à OpenAI, l'Europe peine à suivre. L'innovation est en panne, estime l'auteur de cette "
        "tribune, qui cite Le Chat de Mistral comme une exception. Les modèles d'IA européens manquent "
        "de financements.",
    )
    assert o is None


def test_passing_mention_of_an_old_outage_is_not_a_report() -> None:
    o = outage(
        "Après la panne de l'an dernier, OpenAI mise sur la redondance",
        "Après la panne de l'an dernier, OpenAI veut éviter qu'une défaillance prive de ChatGPT des "
        "millions d'utilisateurs. L'entreprise multiplie les accords avec les fournisseurs de cloud pour "
        "ses modèles d'IA.",
    )
    assert o is None


def test_non_ai_outage_is_not_on_the_timeline() -> None:
    a = analyse_document(
        doc(
            "WhatsApp en panne : les messages bloqués samedi soir",
            "Les utilisateurs de WhatsApp n'ont pas pu envoyer de messages samedi soir. Meta indique "
            "avoir corrigé le problème dans la nuit. Le service de messagerie est rétabli.",
            "2025-04-12T22:15",
        )
    )
    assert not a.is_ai and a.outage is None


def test_non_ai_outage_counts_when_an_ai_service_is_hit() -> None:
    o = outage(
        "X et Grok coupés par la panne de Cloudflare",
        "Hier, en milieu de journée, X est devenu inaccessible. Grok, le chatbot de xAI, était lui aussi "
        "indisponible pendant près de 3 heures. La panne venait de Cloudflare.",
        "2025-11-19T08:00",
    )
    assert o is not None and o.day == date(2025, 11, 18)
    assert "grok" in o.services and "cloudflare" in o.services
    assert o.duration_minutes == 180


def test_degradation_kind() -> None:
    o = outage(
        "Claude au ralenti : lenteurs et taux d'erreur élevé",
        "Ce matin, dès 9 h 10, Claude a multiplié les réponses lentes et les erreurs. Anthropic évoque "
        "une dégradation des performances de son assistant.",
        "2025-06-05T11:00",
    )
    assert o is not None and o.kind == "degradation"
    assert o.day == date(2025, 6, 5) and o.start == paris("2025-06-05T09:10")


def test_restriction_kind_without_outage_words() -> None:
    o = outage(
        "Sora : la génération vidéo fermée aux nouveaux comptes",
        "Victime de son succès, OpenAI a suspendu hier les inscriptions à Sora. La génération de vidéos "
        "est fermée aux nouveaux comptes, le temps d'ajouter des serveurs.",
        "2024-12-10T09:00",
    )
    assert o is not None and o.kind == "restriction" and o.day == date(2024, 12, 9)


def test_hier_soir_against_an_early_morning_publication() -> None:
    o = outage(
        "Panne de ChatGPT hier soir",
        "Hier soir, vers 21 heures, ChatGPT est tombé en panne. Ce matin, le service est rétabli, "
        "assure OpenAI.",
        "2026-02-04T07:15",
    )
    assert o is not None and o.day == date(2026, 2, 3)
    assert o.start == paris("2026-02-03T21:00")
    assert o.recovered


def test_la_veille_and_approximate_duration() -> None:
    o = outage(
        "AWS : quinze heures de panne pour les services d'IA",
        "Il a fallu environ quinze heures pour rétablir la panne survenue la veille. Perplexity a été "
        "indisponible toute la matinée et ChatGPT a connu des erreurs.",
        "2025-10-21T12:04",
    )
    assert o is not None and o.day == date(2025, 10, 20) and o.duration_minutes == 900


def test_explicit_day_without_year_and_night_of() -> None:
    o = outage(
        "ChatGPT, Sora et l'API coupés dans la nuit",
        "Dans la nuit de mercredi à jeudi, au petit matin du 12 décembre, ChatGPT a cessé de fonctionner. "
        "Les erreurs ont débuté à 0 h 16, heure de Paris. Le service n'a été rétabli qu'à 4 h 38.",
        "2024-12-12T10:02",
    )
    assert o is not None and o.day == date(2024, 12, 12)
    assert o.start == paris("2024-12-12T00:16") and o.end == paris("2024-12-12T04:38")
    assert o.duration_minutes == 262


def test_night_from_monday_to_tuesday_with_early_clock() -> None:
    o = outage(
        "GitHub Copilot au ralenti",
        "Dans la nuit de lundi à mardi, vers 1 h 30, les suggestions de GitHub Copilot sont devenues très "
        "lentes. Le taux d'erreur est resté élevé pendant quelques heures.",
        "2025-09-16T22:40",
    )
    assert o is not None and o.day == date(2025, 9, 16) and o.start == paris("2025-09-16T01:30")
    assert o.services == ("github-copilot",)


def test_weekday_with_date_and_no_year_late_publication() -> None:
    o = outage(
        "ChatGPT en panne ce mardi 3 février",
        "ChatGPT est inaccessible depuis ce mardi 3 février, vers 21 h. OpenAI a reconnu un incident.",
        "2026-02-03T22:47",
    )
    assert o is not None and o.day == date(2026, 2, 3) and o.start == paris("2026-02-03T21:00")


def test_explicit_date_in_january_about_december() -> None:
    o = outage(
        "Retour sur la panne de Claude du 30 décembre",
        "Le 30 décembre, Claude a été inaccessible pendant plus de dix heures. Anthropic publie son "
        "rapport sur l'incident.",
        "2026-01-04T10:00",
    )
    assert o is not None and o.day == date(2025, 12, 30) and o.duration_minutes == 600


def test_eastern_time_is_converted() -> None:
    o = outage(
        "ChatGPT perturbé toute la journée",
        "Les ennuis ont commencé à 2 h 45 du matin, heure de l'Est. OpenAI signale un taux d'erreur élevé "
        "sur ChatGPT et son API.",
        "2025-06-10T23:30",
    )
    assert o is not None and o.start == paris("2025-06-10T08:45")


def test_eastern_time_with_french_conversion_keeps_the_french_time() -> None:
    o = outage(
        "Panne d'AWS : Perplexity et ChatGPT touchés",
        "La panne a débuté vers 3 h 48, heure de l'Est, soit 9 h 48 en France. Perplexity est "
        "inaccessible et ChatGPT affiche des erreurs.",
        "2025-10-20T21:55",
    )
    assert o is not None and o.start == paris("2025-10-20T09:48")


def test_est_de_retour_sets_recovery_and_refers_to_the_outage_day() -> None:
    o = outage(
        "ChatGPT est de retour après la panne de mardi soir",
        "ChatGPT fonctionne de nouveau normalement. OpenAI a déclaré l'incident résolu dans la nuit de "
        "mardi à mercredi, quelques heures après l'interruption.",
        "2026-02-04T10:00",
    )
    assert o is not None and o.recovered and o.day == date(2026, 2, 3)


def test_clock_and_durations_grammar() -> None:
    from app.analysis.timeexpr import find_clocks, find_duration

    assert [(c.hour, c.minute) for c in find_clocks("des 14 h 35 (heure de paris)")] == [(14, 35)]
    assert [(c.hour, c.minute) for c in find_clocks("aux alentours de 19 heures")] == [(19, 0)]
    assert [(c.hour, c.minute) for c in find_clocks("peu apres minuit")] == [(0, 0)]
    assert find_clocks("pendant 3 heures") == []
    assert find_duration("pendant quelques heures") == 180
    assert find_duration("plus de dix heures") == 600
    assert find_duration("pres de 5 heures") == 300
    assert find_duration("une demi-heure") == 30
    assert find_duration("pendant une heure et demie") == 90


def test_a_guide_about_hypothetical_outages_is_not_a_report() -> None:
    o = outage(
        "Que faire si ChatGPT tombe en panne ?",
        "Si ChatGPT tombe en panne, pas de panique : plusieurs alternatives existent. Claude, Gemini ou Le "
        "Chat de Mistral peuvent prendre le relais quand votre chatbot est indisponible.",
    )
    assert o is None


def test_whatsapp_outage_with_meta_ai_hit_is_on_the_timeline() -> None:
    o = outage(
        "Panne de WhatsApp : Meta AI aussi inaccessible",
        "Ce samedi soir, WhatsApp est resté inaccessible pendant deux heures. Meta AI, l'assistant d'IA "
        "intégré à la messagerie, ne répondait plus non plus. Le service a été rétabli vers 23 h.",
        "2025-04-12T23:30",
    )
    assert o is not None and o.services == ("meta-ai",) and o.recovered
    assert o.end == paris("2025-04-12T23:00") and o.duration_minutes == 120


def test_last_weekday_and_evening_of_an_explicit_day() -> None:
    o = outage(
        "Le Chat de Mistral saturé lundi dernier",
        "Lundi dernier, Le Chat a été saturé par l'afflux d'utilisateurs, avec des erreurs en série.",
        "2025-02-10T09:00",
    )  # a Monday: "lundi dernier" is the Monday before
    assert o is not None and o.day == date(2025, 2, 3)
    o = outage(
        "Retour sur la panne de Gemini",
        "Dans la soirée du 2 avril, Gemini est devenu inaccessible pour de nombreux utilisateurs de Google.",
        "2025-04-05T10:00",
    )
    assert o is not None and o.day == date(2025, 4, 2)


def test_company_only_outage_falls_back_on_its_most_named_product() -> None:
    o = outage(
        "Grosse panne chez OpenAI ce matin",
        "Depuis 9 h, les services d'OpenAI sont inaccessibles. Les utilisateurs de ChatGPT voient un "
        "message d'erreur. OpenAI enquête sur l'incident.",
        "2025-04-12T11:00",
    )
    assert o is not None and o.services == ("chatgpt",) and o.start == paris("2025-04-12T09:00")


def test_coordinated_days_start_on_the_first() -> None:
    o = outage(
        "Midjourney très lent ce week-end",
        "Samedi et dimanche, Midjourney a connu d'importants ralentissements. Les images du générateur "
        "d'images par IA mettaient plusieurs minutes à apparaître.",
        "2025-05-05T09:00",
    )
    assert o is not None and o.kind == "degradation" and o.day == date(2025, 5, 3)


def test_a_promised_return_is_not_a_recovery() -> None:
    o = outage(
        "Le mode vocal de ChatGPT désactivé temporairement",
        "OpenAI a désactivé temporairement le mode vocal de ChatGPT ce vendredi après des bugs. La fonction "
        "devrait revenir la semaine prochaine.",
        "2025-05-02T20:00",
    )
    assert o is not None and o.kind == "restriction" and not o.recovered


def test_clock_range_gives_start_end_and_duration() -> None:
    o = outage(
        "ElevenLabs : incident résolu après une coupure",
        "La plateforme de synthèse vocale par IA ElevenLabs a été coupée jeudi entre 14 h et 16 h 30. "
        "Le service fonctionne de nouveau.",
        "2025-05-09T18:00",
    )
    assert o is not None and o.day == date(2025, 5, 8)
    assert o.start == paris("2025-05-08T14:00") and o.end == paris("2025-05-08T16:30")
    assert o.duration_minutes == 150 and o.recovered


def test_days_ago_and_weekend() -> None:
    from app.analysis.timeexpr import find_days

    monday = paris("2025-05-05T09:00")
    assert [d.day for d in find_days("il y a deux jours", monday)] == [date(2025, 5, 3)]
    assert [d.day for d in find_days("ce week-end", monday)] == [date(2025, 5, 3)]
    assert [d.day for d in find_days("avant-hier", monday)] == [date(2025, 5, 3)]
    assert [d.day for d in find_days("lundi dernier", monday)] == [date(2025, 4, 28)]
    assert [d.day for d in find_days("ce lundi", monday)] == [date(2025, 5, 5)]
