"""General rules for the classes sets CE, CF, CG (and CH, CI, CK, at the end) missed, each on short French texts written for these tests (not
taken from their pages): an anniversary the learned fallback took for an outage, advice titles with no count, a
data leak called "l'incident", "un nombre restreint", a region told it "devra patienter", a party deprived with the
verb active, dated bylines, an opening passed over rubric lines, a headline naming the service as "leur assistant
d'IA", a provider's outage told in the standfirst with the AI services hit early in the body, and a fallback rival
on which "aucune perturbation n'y a été constatée"."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.clean import clean_text
from app.analysis.entities import gazetteer
from app.analysis.learned import OutageModel, fallback_outage
from app.analysis.refdate import reference
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc, outage

ALWAYS = OutageModel(bias=50.0, weights={}, threshold=0.5)  # the model's verdict is not what is tested here


def test_the_learned_fallback_takes_an_anniversary_for_a_look_back() -> None:
    # the model may be sure; the only day the page gives is the launch, three years before it: no incident
    title = "Trois ans de Claude : une ascension ponctuée de quelques trous d'air"
    lead = (
        "Apparu le 14 mars 2023, l'assistant d'Anthropic fête son anniversaire avec des millions d'abonnés."
    )
    text = (
        "Claude a été présenté le 14 mars 2023, d'abord réservé à quelques entreprises partenaires.\n"
        "Depuis, le service a connu quelques journées sans réponse, vite oubliées par ses abonnés."
    )
    d = doc(title, text, "2026-03-14T09:00", lead=lead)
    full = f"{title}\n{lead}\n{text}"
    full_f = fold(full)
    mentions = gazetteer().find(full, full_f)
    assert fallback_outage(title, lead, text, full_f, mentions, reference(d, full_f), model=ALWAYS) is None
    # the same page written the day after an outage is still the fallback's to report
    lead2 = "L'assistant d'Anthropic a laissé ses abonnés sans réponse ce lundi 9 mars."
    text2 = "Claude a connu lundi 9 mars une journée sans réponse, de longues heures durant."
    d2 = doc(title, text2, "2026-03-10T09:00", lead=lead2)
    full2 = f"{title}\n{lead2}\n{text2}"
    mentions2 = gazetteer().find(full2, fold(full2))
    report = fallback_outage(
        title, lead2, text2, fold(full2), mentions2, reference(d2, fold(full2)), model=ALWAYS
    )
    assert report is not None and report.day == date(2026, 3, 9)


def test_advice_titles_without_a_count_report_no_outage() -> None:
    text = (
        "Quand Gemini ne répond plus, commencez par vérifier votre connexion, puis la page d'état de Google.\n"
        "Gardez un second assistant sous la main et exportez régulièrement vos conversations importantes."
    )
    for title in (
        "Gemini en panne : les bons réflexes pour vérifier, patienter et continuer",
        "Gemini en panne : nos conseils pour ne pas rester bloqué",
        "Votre assistant de code tombe en panne ? Le plan B à préparer dès maintenant",
    ):
        assert outage(title, text, "2026-05-20T08:00") is None, title
    # a checklist that dates an outage under way is news
    news = outage(
        "Gemini en panne ce matin : les bons réflexes pour patienter",
        "Gemini est en panne depuis 8 h ce mercredi 20 mai : les requêtes échouent sur le web et sur mobile.\n"
        + text,
        "2026-05-20T10:00",
    )
    assert news is not None and news.day == date(2026, 5, 20)


def test_a_data_leak_called_the_incident_is_not_an_outage() -> None:
    title = "Fuite de données chez un sous-traitant de Mistral AI : ce que l'on sait de l'incident"
    lead = "Des adresses de clients de La Plateforme ont été dérobées chez un prestataire. Aucun service n'a été interrompu."
    text = (
        "Mistral AI a prévenu jeudi soir une partie de ses clients d'un incident de sécurité survenu chez un "
        "prestataire d'analyse d'audience.\n"
        "Les noms et adresses électroniques de développeurs de La Plateforme figurent parmi les données exposées."
    )
    assert outage(title, text, "2026-02-13T10:00", lead=lead) is None
    # a real outage beside a leak keeps its own outage words
    down = outage(
        "Le Chat en panne, Mistral AI évoque une fuite de données",
        "Le Chat est en panne depuis 9 h ce vendredi 13 février : l'assistant ne répond plus.\n"
        "Mistral AI dit enquêter sur une fuite de données chez un prestataire.",
        "2026-02-13T11:00",
    )
    assert down is not None and down.kind == IncidentKind.OUTAGE


def test_a_restricted_number_is_few_not_a_restriction() -> None:
    text = (
        "Le tribunal de Hambourg a donné tort mardi 4 novembre à OpenAI dans un litige sur des textes de presse.\n"
        "OpenAI fait valoir que la décision ne concerne qu'un nombre restreint d'articles et ne change rien pour "
        "les utilisateurs de ChatGPT.\n"
        "Un cercle restreint de juristes suivait le dossier depuis deux ans."
    )
    assert (
        outage("Droit d'auteur : la justice allemande donne tort à OpenAI", text, "2025-11-04T18:00") is None
    )


def test_a_region_told_it_will_have_to_wait_is_left_out_of_a_launch() -> None:
    for title in (
        "Codex, l'agent d'OpenAI, démarre aux États-Unis : la France devra patienter",
        "Codex démarre aux États-Unis, l'Europe attendra",
    ):
        o = outage(
            title,
            "OpenAI a ouvert jeudi 16 janvier Codex à ses abonnés américains, sans calendrier pour les autres pays.",
            "2025-01-17T08:00",
        )
        assert o is not None and o.kind == IncidentKind.RESTRICTION, title
        assert o.day == date(2025, 1, 16)
    # a region that will wait for a result is no restriction
    assert (
        outage(
            "Codex démarre aux États-Unis : l'Europe attendra les premiers retours",
            "OpenAI a ouvert jeudi 16 janvier Codex à tous, en Europe comme aux États-Unis.",
            "2025-01-17T08:00",
        )
        is None
    )


def test_a_party_deprived_with_the_verb_active_is_a_restriction() -> None:
    o = outage(
        "Character.AI va priver les mineurs de ses conversations libres",
        "La start-up a annoncé mercredi 29 octobre que les moins de 18 ans perdraient l'accès aux discussions "
        "ouvertes avec ses personnages.",
        "2025-10-30T09:00",
    )
    assert o is not None and o.kind == IncidentKind.RESTRICTION and o.services == ("character-ai",)


def test_dated_bylines_are_not_the_article_text() -> None:
    text = (
        "Par la rédaction tech · diffusé le samedi 24 janvier 2026 à 10:20\n"
        "Service sciences et tech · mise en ligne : mardi 9 décembre 2025 à 17 h 10\n"
        "Copilot a cessé de répondre ce mardi matin à Londres."
    )
    assert clean_text(text, "Titre") == "Copilot a cessé de répondre ce mardi matin à Londres."


def test_an_early_report_is_counted_past_rubric_lines_and_the_standfirst_printed_again() -> None:
    # the body opens on a rubric, the standfirst printed again and a short heading; the report comes sixth, the
    # title names no service
    lead = "Des réponses envolées et une explication arrivée après coup."
    text = (
        "Questions-réponses\n"
        "Des réponses envolées et une explication arrivée après coup.\n"
        "Dossier pratique · lecture 5 min\n"
        "La question a été posée des milliers de fois sur les réseaux sociaux en une heure à peine.\n"
        "La réponse est plutôt rassurante, mais l'épisode mérite qu'on s'y arrête longuement.\n"
        "Que s'est-il passé ?\n"
        "Mardi soir, Le Chat a cessé de fonctionner pour une foule d'utilisateurs, à Paris comme à Lyon.\n"
        "Mistral AI a ensuite imputé la panne à un mauvais réglage de ses serveurs."
    )
    o = outage("Trou noir géant : vos questions après la soirée perdue", text, "2026-01-14T08:00", lead=lead)
    assert o is not None and o.services == ("le-chat",) and o.day == date(2026, 1, 13)


def test_a_headline_naming_the_service_as_their_assistant_is_the_main_services_report() -> None:
    # the body names the service once, without outage words; what happened is "il a fait défaut", "l'incident"
    text = (
        "En début de matinée à Madrid, le même message d'excuse s'affiche sur des milliers d'écrans de bureau.\n"
        "L'assistant en question, Gemini, est devenu la vitrine de Google dans les outils de bureautique.\n"
        "Ce mardi 3 février, il a fait défaut à nombre de ses utilisateurs espagnols.\n"
        "L'incident porte un numéro dans la console des administrateurs."
    )
    o = outage(
        "En Espagne, des bureaux privés de leur assistant d'IA pendant une matinée", text, "2026-02-03T17:00"
    )
    assert o is not None and o.services == ("gemini",) and o.kind == IncidentKind.OUTAGE
    assert o.day == date(2026, 2, 3)
    # a headline about another outage that names no AI service does not take one
    other = analyse_document(
        doc(
            "Panne géante chez Orange : des abonnés privés de leur box",
            "Orange a connu mardi 3 février une panne de son réseau fixe.\n"
            "Gemini, l'assistant de Google, a répondu aux questions des abonnés sur les réseaux sociaux.",
            "2026-02-03T17:00",
        )
    )
    assert other.outage is None


def test_a_providers_outage_in_the_standfirst_and_the_ai_services_hit_early_in_the_body() -> None:
    lead = (
        "Une erreur interne chez un intermédiaire technique majeur a rendu de nombreux sites inaccessibles."
    )
    text = (
        "Un fichier de configuration trop lourd a fait tomber une partie du réseau de l'hébergeur mardi 18 novembre.\n"
        "Parmi les victimes les plus visibles de ce mardi figurent ChatGPT et Perplexity, restés hors d'atteinte.\n"
        "Les premiers accrocs datent de 12 h 20 à Paris."
    )
    a = analyse_document(
        doc(
            "Un fichier devenu trop lourd fait vaciller une partie du Web",
            text,
            "2025-11-18T19:00",
            lead=lead,
        )
    )
    assert a.is_ai
    assert a.outage is not None and set(a.outage.services) == {"chatgpt", "perplexity"}
    assert a.outage.day == date(2025, 11, 18)


def test_a_rival_readers_fell_back_on_is_not_hit() -> None:
    text = (
        "Vers 19 heures ce mardi 2 décembre, ChatGPT a cessé d'afficher les conversations passées de ses abonnés.\n"
        "Pendant ce temps, les concurrents fonctionnaient normalement.\n"
        "Des lecteurs racontent s'être repliés sur Claude, chez Anthropic, le temps que la situation se tasse : "
        "aucune perturbation n'y a été constatée ce soir-là."
    )
    o = outage("ChatGPT en panne mardi soir : les historiques vides", text, "2025-12-02T22:00")
    assert o is not None and o.services == ("chatgpt",)


# --- sets CH, CI, CK ------------------------------------------------------------------------------------------------


def test_availability_figures_over_a_period_are_no_incident() -> None:
    text = (
        "Sur les trois derniers mois, ChatGPT affiche 99,71 % de disponibilité et Gemini 99,12 %, selon un relevé "
        "indépendant publié lundi 18 mai.\n"
        "Ramené au temps réel, l'écart représente plusieurs heures d'interruption par trimestre.\n"
        "Les coupures recensées, désormais résorbées, ont surtout touché les connexions au service."
    )
    for title in (
        "Pannes à répétition : sur 90 jours, ChatGPT et Gemini restent loin des standards du cloud",
        "ChatGPT et Gemini : leur taux de disponibilité passé au crible",
    ):
        assert outage(title, text, "2026-05-18T08:00") is None, title


def test_outages_guarded_against_and_a_growth_stall_are_no_incident() -> None:
    assert (
        outage(
            "Pour se prémunir des pannes, Mistral AI vend de la disponibilité garantie",
            "Mistral AI propose depuis mardi 3 mars aux gros clients de La Plateforme une capacité réservée et un "
            "engagement de disponibilité de 99,9 %.",
            "2026-03-04T08:00",
        )
        is None
    )
    assert (
        outage(
            "500 millions d'utilisateurs : Gemini ne connaît pas la panne de croissance",
            "Google a annoncé mardi 20 mai que Gemini comptait désormais 500 millions d'utilisateurs chaque mois.",
            "2026-05-21T08:00",
        )
        is None
    )


def test_an_update_note_and_a_note_about_the_article_are_no_summary_material() -> None:
    from app.analysis.summary import summarise

    text = (
        "Mise à jour, 13 h 05 : l'affichage des conversations de Gemini est revenu. Tout semble rentré dans "
        "l'ordre un peu avant midi.\n"
        "Depuis ce mercredi 9 avril au matin, Gemini n'affiche plus l'historique des conversations de ses "
        "utilisateurs.\n"
        "Gemini répond encore aux nouvelles questions, mais très lentement et avec des erreurs fréquentes.\n"
        "Cet article, publié à 11 h 20, a été complété depuis."
    )
    out = fold(summarise(text, "Gemini en panne ce mercredi", names=("gemini",), day=date(2025, 4, 9)))
    assert "mise a jour" not in out and "rentre dans l'ordre" not in out and "cet article" not in out, out
    assert "gemini" in out and "mercredi 9 avril" in out


def test_boilerplate_opening_a_paragraph_leaves_the_rest_of_it_to_the_summary() -> None:
    from app.analysis.summary import summarise

    text = (
        "Mistral AI est une start-up française fondée en 2023 et installée à Paris. Le Chat est resté en panne "
        "toute la matinée de ce mardi 3 juin, sur le web comme sur mobile.\n"
        "Les développeurs de La Plateforme ont reçu des erreurs en série pendant la même période."
    )
    out = fold(summarise(text, "Le Chat en panne ce mardi", names=("le chat",), day=date(2025, 6, 3)))
    assert "panne" in out and "mardi 3 juin" in out and "fondee en 2023" not in out, out


def test_a_comment_thread_headed_with_its_count_is_dropped() -> None:
    text = (
        "Gemini n'affiche plus l'historique ce mercredi.\n"
        "Vos réactions (3)\n"
        "Morgane_L\n"
        "Mes projets ont disparu pendant une heure, j'ai eu des sueurs froides."
    )
    assert clean_text(text, "Titre") == "Gemini n'affiche plus l'historique ce mercredi."


# --- set CM ---------------------------------------------------------------------------------------------------------


def test_a_label_taken_off_a_stop_asked_for_and_outages_conceded_are_no_incident() -> None:
    # a model out of preview: the label is withdrawn, not the service
    assert (
        outage(
            "Test de Claude Sonnet 4, version finale : un rival sérieux pour ChatGPT",
            "Anthropic a retiré l'étiquette « bêta » de Claude Sonnet 4 jeudi 22 mai. Nous l'avons utilisé une "
            "semaine pour écrire et programmer.",
            "2025-05-29T08:00",
        )
        is None
    )
    # a lawsuit: the plaintiffs ask, nobody stopped anything
    assert (
        outage(
            "Des éditeurs traînent Perplexity en justice et réclament l'arrêt des résumés de leurs articles",
            "Les éditeurs ont saisi mardi 3 juin un tribunal de New York. Ils ne demandent pas de suspendre "
            "Perplexity dans son ensemble, mais d'obliger l'entreprise à cesser de reproduire leurs textes.",
            "2025-06-04T08:00",
        )
        is None
    )
    # money news that concedes outages recalled in passing
    assert (
        outage(
            "Anthropic lève 13 milliards de dollars : l'argent de l'IA coule à flots, malgré les pannes",
            "La start-up a annoncé mardi 2 septembre une levée de fonds menée par de grands investisseurs.\n"
            "Mardi, ChatGPT a peiné du matin au soir, mais les investisseurs n'ont pas levé le pied.",
            "2025-09-03T08:00",
        )
        is None
    )
    # a service withdrawn stays a restriction
    gone = outage(
        "Google retire Gemini 2.5 Pro de l'offre gratuite",
        "Google a retiré mardi 3 juin Gemini 2.5 Pro de l'offre gratuite de l'API : seuls les comptes payants y "
        "ont désormais accès.",
        "2025-06-03T18:00",
    )
    assert gone is not None and gone.kind == IncidentKind.RESTRICTION


# --- set CL ---------------------------------------------------------------------------------------------------------


def test_a_staff_rule_with_the_company_in_the_headline_and_the_rule_in_the_lead_is_no_incident() -> None:
    lead = (
        "Redoutant les fuites, le groupe de Séoul restreint l'usage de ChatGPT en interne, selon une note révélée "
        "mardi 2 mai."
    )
    text = "La consigne vise ChatGPT et les autres assistants conversationnels installés sur les postes de travail."
    assert (
        outage(
            "Samsung ferme la porte à ChatGPT… pour ses propres salariés", text, "2023-05-02T18:00", lead=lead
        )
        is None
    )
    # a company that restricts its service for everyone stays a restriction
    cut = outage(
        "OpenAI restreint l'accès à ChatGPT en Italie",
        "OpenAI a restreint vendredi 31 mars l'accès à ChatGPT pour les internautes situés en Italie.",
        "2023-03-31T18:00",
    )
    assert cut is not None and cut.kind == IncidentKind.RESTRICTION
