"""General rules for the classes sets DL, DM and DO missed, each on short French texts written for these tests (not
taken from their pages): quotas slashed (« sabre », « divisés par dix »), limits counted harder at peak hours, a free
plan whose limits are only wondered about (« reste à voir si », « Combien de … ? »), a live page updated the same day,
its key facts (« Début des ennuis à… »), an earlier outage recalled as « avait, elle, privé de service », a buyer's
guide (« quel abonnement choisir »), and a note on the page's time convention kept out of the summary."""

from __future__ import annotations

from datetime import date

from app.kinds import IncidentKind

from .helpers import outage


def test_a_free_tier_slashed_is_a_restriction_even_when_its_effect_is_errors() -> None:
    title = "Mistral sabre la formule gratuite de son API, les bricoleurs déchantent"
    lead = "Requêtes quotidiennes divisées par cinq : les petits projets reçoivent des refus depuis samedi."
    text = (
        "Depuis samedi 14 mars, de nombreux scripts branchés sur l'API de Mistral AI renvoient des erreurs 429. "
        "L'éditeur a réduit fortement les limites de son offre sans prévenir personne."
    )
    report = outage(title, text, "2026-03-16T09:00", lead=lead)
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2026, 3, 14)


def test_limits_counted_faster_at_peak_hours_are_a_restriction() -> None:
    title = "Copilot : vos crédits s'épuisent plus vite en fin de journée"
    text = (
        "Microsoft a confirmé mardi avoir modifié la manière dont sont décomptées les requêtes de Copilot aux heures "
        "chargées. Concrètement, les abonnés atteignent plus vite le plafond entre 16 heures et 20 heures."
    )
    report = outage(title, text, "2026-04-09T11:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2026, 4, 7)


def test_limits_only_wondered_about_are_no_restriction() -> None:
    title = "Gemini gratuit : que peut-on faire avec l'assistant IA de Google sans abonnement ?"
    text = (
        "L'application du chatbot connaît un afflux d'inscrits depuis sa mise à jour de la semaine dernière. "
        "Combien de vidéos par jour ? Google ne le précise pas, et personne n'a encore buté sur un mur. "
        "Reste à voir si cette affluence conduira le groupe à serrer la vis sur sa formule gratuite."
    )
    assert outage(title, text, "2026-02-11T18:00") is None


def test_a_live_page_updated_the_same_evening_keeps_its_afternoon_times_on_that_day() -> None:
    """A live page published at noon and updated at 19:40: « à 15 h 10 » is that afternoon, not the day before."""
    from app.analysis import analyse_document
    from app.extract import Document

    from .helpers import paris

    text = (
        "Les serveurs de Mistral AI renvoient des erreurs depuis la fin de matinée et Le Chat ne répond plus. "
        "Message de l'éditeur à 15 h 10 : un correctif est en cours de déploiement et l'incident serait résolu."
    )
    d = Document(
        url="https://www.exemple-tech.fr/direct-le-chat.html",
        title="EN DIRECT – Le Chat de Mistral en panne",
        text=text,
        published_at=paris("2026-02-04T12:05"),
        modified_at=paris("2026-02-04T19:40"),
        language="fr",
    )
    report = analyse_document(d).outage
    assert report is not None and report.day == date(2026, 2, 4)


def test_a_live_pages_key_facts_give_the_start() -> None:
    title = "EN DIRECT – Claude inaccessible : ce que l'on sait"
    text = (
        "Anthropic enquête sur une panne de Claude signalée par des milliers d'utilisateurs. "
        "Les développeurs sont les premiers à s'en plaindre sur les forums. "
        "Ce qu'il faut retenir.\n"
        "- Les entreprises clientes ont reçu un courriel d'excuses.\n"
        "- Début des ennuis à 9 h 35 à Paris ce jeudi 5 mars, selon la page d'état d'Anthropic.\n"
        "- Message de l'éditeur à 13 h 15 : un correctif a été appliqué, l'incident est résolu."
    )
    report = outage(title, text, "2026-03-05T11:00")
    assert report is not None and report.day == date(2026, 3, 5)
    assert report.start is not None and (report.start.hour, report.start.minute) == (9, 35)


def test_an_earlier_outage_recalled_in_the_pluperfect_with_its_subject_repeated() -> None:
    """« La panne d'AWS du lundi 2 mars avait, elle, privé de service… »: an earlier blow, not this one's day."""
    from app.analysis import analyse_document
    from app.extract import Document

    d = Document(
        url="https://www.exemple-tech.fr/2026/03/12/gemini-panne.html",
        title="Après Amazon, Google : une erreur de configuration fait tomber Gemini",
        lead="Dix jours après le fiasco d'Amazon Web Services, l'assistant de Google a flanché à son tour.",
        text=(
            "Dix jours après le fiasco d'Amazon Web Services, c'est Gemini qui a flanché hier en fin de matinée, "
            "privant de réponses des millions d'utilisateurs. Mercredi, vers 11 heures à Paris, l'application a "
            "commencé à afficher des erreurs. Google a rétabli la dernière configuration fiable en début "
            "d'après-midi. La panne d'Amazon Web Services du lundi 2 mars avait, elle, privé de service Snapchat "
            "et Fortnite."
        ),
        language="fr",
    )
    report = analyse_document(d).outage
    assert report is not None and report.day == date(2026, 3, 11)


def test_a_buyers_guide_naming_past_outages_and_caps_is_no_report() -> None:
    title = "ChatGPT, Claude ou Le Chat : quel abonnement IA choisir pour la rentrée ?"
    text = (
        "Les trois assistants se laissent essayer sans payer, à condition d'accepter des plafonds de messages qui "
        "varient selon l'affluence. Aucun n'est infaillible : Claude a connu plusieurs heures d'erreurs le 2 "
        "septembre, puis ChatGPT a subi le 3 l'une de ses pannes les plus longues."
    )
    assert outage(title, text, "2025-09-10T09:00") is None


def test_a_note_on_the_pages_time_convention_is_not_summary_material() -> None:
    from app.analysis import analyse_document

    from .helpers import doc

    text = (
        "Une défaillance dans un centre de données de Microsoft a coupé Copilot ce mardi matin. "
        "Les horaires sont donnés à l'heure de Paris, avec l'heure du Pacifique employée par Microsoft. "
        "Vers 10 h 15, l'assistant affichait des erreurs pour la plupart des utilisateurs européens."
    )
    a = analyse_document(
        doc("Panne de Copilot : l'assistant de Microsoft hors ligne", text, "2026-01-13T12:00")
    )
    assert a.outage is not None
    assert "horaires sont donnés" not in a.summary and "10 h 15" in a.summary


def test_a_restrictions_day_from_its_makers_cleft_sentence() -> None:
    """« C'est mardi que Google a choisi de réagir », then the caps told with no day: the caps date from Tuesday."""
    title = "Gemini rationne son nouveau générateur vidéo"
    text = (
        "Des chats qui dansent, des grands-parents en super-héros. "
        "Depuis quelques jours, ces clips inondent les réseaux, tous sortis du nouveau générateur vidéo de Gemini. "
        "Le phénomène a pris une ampleur que personne n'avait prévue. "
        "Les files d'attente se sont allongées jusqu'à plusieurs minutes par vidéo. "
        "C'est mardi que Google a choisi de réagir.\n"
        "Des plafonds « provisoires »\n"
        "Le patron de la division a annoncé l'instauration de quotas sur le nombre de vidéos que chaque compte peut "
        "demander."
    )
    report = outage(title, text, "2026-05-14T09:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2026, 5, 12)


def test_a_restrictions_day_from_the_sentence_right_before_it() -> None:
    """« Mardi 12 mai, le patron a écrit… Il a annoncé dans la foulée des limites »: the limits date from the 12th."""
    title = "Submergé, Google serre la vis sur les vidéos de Gemini"
    text = (
        "On ne compte plus les chats de salon et les photos de mariage transformés en clips animés. "
        "Depuis le début de la semaine, la tendance a tout emporté sur son passage. "
        "Derrière cette vague, on trouve le générateur vidéo logé au cœur de l'application Gemini.\n"
        "« Nos serveurs chauffent »\n"
        "La fête a toutefois un prix. Mardi 12 mai, le patron de la division a écrit sur X que ses serveurs "
        "« chauffaient » sous les demandes. Il a annoncé dans la foulée l'instauration de limites temporaires, le temps "
        "de rendre l'outil plus efficace."
    )
    report = outage(title, text, "2026-05-14T09:00")
    assert report is not None and report.kind == IncidentKind.RESTRICTION
    assert report.day == date(2026, 5, 12)


def test_a_since_in_another_clause_does_not_date_the_outage() -> None:
    """« … : depuis le 2 juin, l'entreprise présente une nouveauté par jour » dates the launches, not the outage."""
    title = "Gemini plongé dans le noir une bonne partie de la nuit"
    text = (
        "Peu après 23 heures, l'application Gemini a cessé de répondre à ses utilisateurs. "
        "Le retour à la normale n'est venu qu'au petit matin. "
        "L'incident survient en pleine semaine d'annonces : depuis le 2 juin, l'entreprise présente une nouveauté "
        "chaque jour. Ce jeudi 5 juin, vers 23 h 10, les premiers messages d'erreur sont apparus."
    )
    report = outage(title, text, "2025-06-06T08:00")
    assert report is not None and report.day == date(2025, 6, 5)


def test_the_day_the_american_press_gives_yields_to_the_paris_day() -> None:
    title = "ChatGPT muet une partie de la nuit"
    text = (
        "Les services d'OpenAI ont cessé de répondre peu après minuit, heure de Paris. "
        "D'où l'écart de date : la presse américaine parle d'une panne du 11 mars, alors que, vue de France, la "
        "coupure a démarré jeudi, quelques minutes après minuit."
    )
    report = outage(title, text, "2026-03-12T09:00")
    assert report is not None and report.day == date(2026, 3, 12)


def test_an_assembly_switching_off_ai_on_its_members_devices_is_no_incident() -> None:
    title = "L'Assemblée nationale coupe les fonctions d'IA intégrées aux appareils des députés"
    text = (
        "Le service informatique a désactivé les assistants de rédaction des tablettes et téléphones professionnels. "
        "Copilot et les outils de résumé ne sont plus disponibles sur ces appareils, pour des raisons de sécurité."
    )
    assert outage(title, text, "2026-02-17T10:00") is None


def test_a_question_the_article_asks_is_no_report() -> None:
    """« Combien d'images par jour ? » asks about a limit, it reports none; a statement with « combien » is not a
    question."""
    from app.analysis.outage_words import PAST

    for question in ("combien d'images par jour ?", "et combien de messages ?", "jusqu'ou peut-on aller ?"):
        assert PAST.search(question), question
    assert not PAST.search("on ne sait pas combien de temps la panne a dure.")


def test_a_day_on_the_pacific_coast_yields_to_the_paris_day() -> None:
    title = "Le cloud d'Amazon se grippe : Perplexity et Alexa à l'arrêt"
    text = (
        "Réveils muets, recherches sans réponse : des millions d'internautes ont été privés de leurs applications.\n"
        "Amazon fait remonter le début des difficultés à 23 h 40 dimanche sur la côte Pacifique ; en France, il était "
        "déjà 8 h 40 ce lundi. Perplexity et Alexa sont restés inaccessibles une bonne partie de la matinée."
    )
    report = outage(title, text, "2025-10-20T14:00")
    assert report is not None and report.day == date(2025, 10, 20)
