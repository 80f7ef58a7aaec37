"""General rules for classes found in the eleventh session (the tuned blind sets ET–EW and twelve never-read sets
drawn at random and turned into tuned ones), each on short French texts written for these tests (not taken from any
page)."""

from __future__ import annotations

from datetime import datetime

from app.analysis.clean import clean_text
from app.analysis.outage_words import EXAMPLE_OF, STAFF_BAN
from app.analysis.outages import _kinds
from app.analysis.timeexpr import find_clocks, find_days
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import outage


def _services(title: str, text: str, published: str, lead: str | None = None) -> tuple[str, ...]:
    report = outage(title, text, published, lead=lead)
    assert report is not None
    return report.services


# --- services named beside the one hit are not hit -------------------------------------------------------------

# Neutral sentences that push an aside far from the headline, as a real article's body does
_FILLER = (
    "La mesure a été présentée en conseil des ministres. Les syndicats n'ont pas été consultés. "
    "Les services informatiques ont reçu une note détaillée. Les postes seront vérifiés à distance. "
    "Les contrevenants s'exposent à une sanction disciplinaire. Les collectivités restent libres de leur choix. "
    "Plusieurs élus ont salué une décision de bon sens. D'autres y voient une mesure d'affichage. "
    "Le ministère promet un bilan dans six mois. Les éditeurs européens se disent prêts à prendre le relais. "
)


def test_another_maker_s_parallel_story_is_not_part_of_the_incident() -> None:
    """« OpenAI a, de son côté, activé un contrôle parental dans ChatGPT » under a Character.AI restriction."""
    title = "Character.AI ferme les conversations libres aux adolescents"
    text = (
        "Les moins de 18 ans n'ont plus accès aux conversations ouvertes de Character.AI depuis ce mardi. "
        + _FILLER
        + "OpenAI a, de son côté, activé fin septembre un contrôle parental dans ChatGPT, qui permet notamment de "
        "fixer des heures de coupure."
    )
    services = _services(title, text, "2025-11-25T10:00")
    assert "character-ai" in services and "chatgpt" not in services, services


def test_a_service_given_as_an_example_is_read_as_one() -> None:
    """« l'usage d'assistants comme ChatGPT »: the words right before the name make it an example."""
    f = fold("plusieurs organismes avaient déjà restreint l'usage d'assistants comme ChatGPT")
    assert EXAMPLE_OF.search(f, 0, f.index("chatgpt")) is not None
    f = fold("les outils d'IA générative tels que Claude")
    assert EXAMPLE_OF.search(f, 0, f.index("claude")) is not None
    f = fold("OpenAI a restreint l'usage de ChatGPT")
    assert EXAMPLE_OF.search(f, 0, f.index("chatgpt")) is None


def test_an_earlier_outage_the_headline_dates_against_is_not_hit() -> None:
    """« …, deux jours après le trou d'air de ChatGPT » at the end of a Google Cloud headline."""
    title = "Panne mondiale de Google Cloud : l'API Gemini, Vertex AI et Spotify à terre, deux jours après le trou d'air de ChatGPT"
    text = (
        "Jeudi soir, une erreur dans la gestion des quotas de Google Cloud a fait tomber Vertex AI et l'API Gemini "
        "pendant plusieurs heures. Les développeurs ont reçu des erreurs 503 en série. Google a publié un premier "
        "compte rendu dans la nuit."
    )
    services = _services(title, text, "2025-06-13T08:00")
    assert "vertex-ai" in services and "chatgpt" not in services and "openai-api" not in services, services


def test_the_service_another_was_just_built_into_is_not_hit() -> None:
    """« le soir même de son arrivée dans Siri »: Siri is where ChatGPT arrived, ChatGPT is what broke."""
    title = "ChatGPT tombe en panne le soir même de son arrivée dans Siri"
    text = (
        "Le robot conversationnel d'OpenAI est devenu inaccessible mercredi soir, emportant Sora et l'API avec lui. "
        "Les utilisateurs ont vu s'afficher des erreurs pendant plus de quatre heures."
    )
    services = _services(title, text, "2024-12-12T08:00")
    assert "chatgpt" in services and "siri" not in services, services


def test_a_spare_wheel_is_not_hit() -> None:
    """« prévoir une roue de secours, qu'il s'agisse de Claude, de Gemini ou du Chat de Mistral »."""
    title = "ChatGPT en panne une bonne partie de la journée"
    text = (
        "ChatGPT a renvoyé des erreurs en série mardi pendant plus de dix heures. "
        + _FILLER
        + "Pour les habitués, la parade ne change pas d'un incident à l'autre : prendre son mal en patience et "
        "prévoir une roue de secours, qu'il s'agisse de Claude, de Gemini ou du Chat de Mistral."
    )
    assert _services(title, text, "2025-06-10T20:00") == ("chatgpt",)


def test_a_service_given_for_comparison_is_not_hit() -> None:
    """« Pour comparaison, aucun signalement notable n'a visé Claude… ni Gemini »."""
    title = "ChatGPT, l'API et Sora coupés en pleine nuit"
    text = (
        "Les services d'OpenAI sont restés muets plus de quatre heures dans la nuit de mercredi à jeudi. "
        + _FILLER
        + "Pour comparaison, aucun signalement notable n'a visé Claude, l'assistant d'Anthropic, ni Gemini pendant "
        "la même fenêtre : la coupure est restée propre à OpenAI."
    )
    services = _services(title, text, "2024-12-12T09:00")
    assert "chatgpt" in services and not {"claude", "gemini"} & set(services), services


def test_a_service_named_beside_the_hit_one_without_aside_stays_hit() -> None:
    """Guard: « ChatGPT, Sora et l'API » all down, no aside word: all three are hit."""
    title = "ChatGPT, Sora et l'API d'OpenAI en panne dans la nuit"
    text = (
        "ChatGPT, Sora et l'API d'OpenAI sont restés inaccessibles pendant quatre heures dans la nuit de mercredi "
        "à jeudi. OpenAI a rétabli ses services à l'aube."
    )
    services = _services(title, text, "2024-12-12T08:00")
    assert {"chatgpt", "sora", "openai-api"} <= set(services), services


# --- what is not a restriction -----------------------------------------------------------------------------------


def test_a_quota_that_grows_is_no_restriction() -> None:
    """« le nombre de messages quotidiens passe de 50 … à 150 »: more, not less."""
    title = "Le week-end chargé d'OpenAI : o3-mini pour tous vendredi soir, Deep Research dimanche"
    lead = (
        "En trois jours, OpenAI a ouvert un modèle de raisonnement aux comptes gratuits et présenté un agent."
    )
    text = (
        "Vendredi soir, l'entreprise a mis en ligne o3-mini et l'a ouvert aux utilisateurs gratuits de ChatGPT. "
        "Pour les comptes gratuits, le modèle se déclenche avec un nouveau bouton. Les abonnés payants y gagnent "
        "aussi : chez ChatGPT Plus, le nombre de messages quotidiens passe de 50, avec l'ancien o1-mini, à 150 avec "
        "o3-mini. Deep Research, présenté dimanche, compile un dossier sourcé en quelques dizaines de minutes."
    )
    assert outage(title, text, "2025-02-03T08:00", lead=lead) is None


def test_a_quota_that_shrinks_is_still_a_restriction() -> None:
    """Guard: « passe de 150 à 50 » is a quota cut."""
    title = "OpenAI rationne ChatGPT Plus"
    text = (
        "Depuis mardi, le nombre de messages quotidiens passe de 150 à 50 pour les abonnés de ChatGPT Plus, "
        "annonce OpenAI, qui invoque la charge de ses serveurs."
    )
    report = outage(title, text, "2025-02-04T10:00")
    assert report is not None and report.kind.value == "restriction"


def test_a_denied_restriction_is_none() -> None:
    """« L'assistant n'est pas rationné » under a piece on launches delayed by a lack of chips."""
    title = "OpenAI manque de puces, et ses prochaines nouveautés en font les frais"
    lead = (
        "Sam Altman a reconnu que la pénurie de capacités de calcul l'obligeait à arbitrer entre ses projets."
    )
    text = (
        "Jeudi, Sam Altman s'est prêté au jeu des questions des internautes. "
        + _FILLER
        + "Le successeur du générateur d'images n'a pas de date.\nL'assistant n'est pas rationné\n"
        "Que les utilisateurs se rassurent : ChatGPT fonctionne normalement. Ce sont les lancements à venir qui "
        "patinent."
    )
    assert outage(title, text, "2024-11-01T10:00", lead=lead) is None


def test_an_employer_the_gazetteer_does_not_know_keeping_its_staff_away_is_no_incident() -> None:
    """« Apple tient ses salariés à distance de ChatGPT »: a company's rule for its own people."""
    title = "Apple tient ses salariés à distance de ChatGPT et de GitHub Copilot"
    lead = "La firme encadre l'usage des assistants d'IA extérieurs par son personnel, par crainte de fuites."
    text = (
        "Selon un document interne révélé jeudi, le groupe a restreint l'utilisation de ChatGPT et d'autres outils "
        "d'intelligence artificielle par ses employés. Il développe ses propres modèles en parallèle."
    )
    assert outage(title, text, "2023-05-19T10:00", lead=lead) is None


def test_generative_ai_closed_at_the_office_is_no_incident() -> None:
    """« Samsung ferme la porte aux IA génératives au bureau »."""
    title = "Code confidentiel confié à un chatbot : Samsung ferme la porte aux IA génératives au bureau"
    text = (
        "Après la fuite d'un code source collé dans ChatGPT par un ingénieur, Samsung proscrit les outils d'IA "
        "générative sur les appareils de l'entreprise. La règle vaut jusqu'à nouvel ordre."
    )
    assert outage(title, text, "2023-05-02T10:00") is None


def test_an_assembly_unplugging_ai_from_its_members_tablets_is_a_staff_rule() -> None:
    """« Le Parlement européen débranche les assistants d'IA des tablettes de ses élus »."""
    assert STAFF_BAN.search(
        fold("Le Parlement européen débranche les assistants d'IA des tablettes de ses élus")
    )
    assert STAFF_BAN.search(fold("Le service a mis en sommeil les outils d'IA des tablettes des eurodéputés"))
    assert not STAFF_BAN.search(fold("Le Parlement européen débranche TikTok"))


# --- restrictions said in other words ------------------------------------------------------------------------------


def test_a_restriction_told_with_a_gerund() -> None:
    """« a réagi vendredi 17 février en limitant sévèrement la durée des conversations »."""
    kinds = _kinds(
        fold(
            "Le groupe de Redmond a réagi vendredi 17 février en limitant sévèrement la durée des conversations."
        )
    )
    assert IncidentKind.RESTRICTION in kinds, kinds


def test_a_feature_family_ended_is_a_restriction() -> None:
    """« ChatGPT tire un trait sur ses plugins »."""
    title = "ChatGPT tire un trait sur ses plugins : impossible d'en lancer un nouveau depuis ce mardi"
    lead = "Les extensions de ChatGPT ne peuvent plus être activées dans une nouvelle discussion depuis le 19 mars."
    text = (
        "OpenAI renvoie ses abonnés vers les GPTs, lancés en novembre. Les discussions déjà ouvertes avec une "
        "extension pourront continuer quelques semaines."
    )
    report = outage(title, text, "2024-03-19T18:00", lead=lead)
    assert report is not None and report.kind.value == "restriction"


# --- start times -------------------------------------------------------------------------------------------------


def test_an_exact_time_the_outage_dates_from_refines_midday() -> None:
    """« ce mardi midi » in the lead, then « Le décrochage date de ce mardi 18 novembre, à 12 h 20 »."""
    title = "Panne de Cloudflare : ChatGPT et X ont décroché, nos réponses à vos questions"
    lead = "Un fichier trop gros a mis à genoux une partie du Web ce mardi midi. Ce qui est arrivé, à qui, et pourquoi."
    text = (
        "Panne de Cloudflare : pourquoi ChatGPT et X ont décroché ce mardi\n"
        "Pendant plus de trois heures, des millions d'internautes sont tombés sur des pages d'erreur. "
        "Le coupable n'était ni OpenAI ni X, mais l'intermédiaire qui se tient devant eux.\n"
        "Que s'est-il passé ?\n"
        "Le décrochage date de ce mardi 18 novembre, à 12 h 20 : à cet instant, l'infrastructure de Cloudflare "
        "s'est mise à produire des erreurs par millions. Les plus visibles ont été ChatGPT et X."
    )
    report = outage(title, text, "2025-11-18T19:00", lead=lead)
    assert report is not None
    assert report.start == datetime.fromisoformat("2025-11-18T12:20:00+01:00")


def test_start_words_beyond_the_opening() -> None:
    """« le premier accroc survient vers 0 h 16 », « les écrans d'erreur commencent à s'accumuler », « les premières
    plaintes sont remontées vers 10 h 30 », « la courbe des signalements s'est envolée », « dès 10 h 30 »: each
    gives the start even far from the headline."""
    filler = (
        "Le service compte des centaines de millions d'utilisateurs chaque semaine. "
        "Beaucoup s'en servent pour leur travail quotidien. "
        "Les entreprises l'intègrent à leurs outils internes. "
        "Les écoles en débattent depuis deux ans. "
        "Les concurrents se multiplient. "
        "Le modèle a été mis à jour récemment. "
    )
    cases = [
        (
            "Ramené à l'heure de Paris, le premier accroc survient vers 0 h 16, au tout début du jeudi.",
            "00:16",
        ),
        ("Un peu après 19 h 10, les écrans d'erreur commencent à s'accumuler chez les abonnés.", "19:10"),
        ("Les premières plaintes sont remontées vers 10 h 30, et leur nombre a grimpé en flèche.", "10:30"),
        (
            "La courbe des signalements s'est envolée aux alentours de 10 h 30, surtout depuis la France.",
            "10:30",
        ),
        (
            "Dès 10 h 30 ou à peu près, l'interface s'est mise à encaisser les requêtes sans rien répondre.",
            "10:30",
        ),
    ]
    for sentence, hhmm in cases:
        report = outage("ChatGPT en panne ce jeudi", filler + sentence, "2024-12-12T23:50")
        assert report is not None, sentence
        assert report.start is not None and report.start.strftime("%H:%M") == hhmm, (sentence, report.start)


# --- second round (sets EZ, FA, FB, FD) --------------------------------------------------------------------------


def test_a_rubric_named_like_a_comments_heading_does_not_cut_the_article() -> None:
    """« Courrier des lecteurs » above a reader's letter is the rubric, not the start of the comments."""
    text = (
        "Courrier des lecteurs\n"
        "« Mercredi, Gemini m'a laissée seule devant trente copies »\n"
        "Madame, Monsieur,\n"
        "Je suis professeure de lettres et j'utilise Gemini pour rédiger les appréciations des bulletins. Mercredi, "
        "à midi et demi, plus rien : l'assistant tournait dans le vide, puis affichait un message d'erreur.\n"
        "Réactions\n"
        "Un lecteur : même chose chez moi."
    )
    cleaned = clean_text(text, "« Mercredi, Gemini m'a laissée seule devant trente copies »")
    assert "affichait un message d'erreur" in cleaned, cleaned
    assert "même chose chez moi" not in cleaned, cleaned


def test_a_model_retired_on_notice_is_a_restriction_dated_by_the_notice() -> None:
    """« a prévenu lundi … que Claude 3 Opus quittera son API le 5 janvier 2026 »: announced Monday 30 June."""
    title = "Anthropic fixe la date de départ de Claude 3 Opus"
    lead = "Anthropic a prévenu lundi les développeurs que Claude 3 Opus quittera son API le 5 janvier 2026."
    text = (
        "Un ancien fleuron d'Anthropic a reçu son préavis. Lundi, l'entreprise a écrit aux clients de son API : "
        "Claude 3 Opus cessera de répondre le 5 janvier 2026. Six mois pour migrer vers un modèle plus récent."
    )
    report = outage(title, text, "2025-07-01T10:30", lead=lead)
    assert report is not None and report.kind.value == "restriction"
    assert str(report.day) == "2025-06-30"


def test_a_status_page_s_beginning_and_end() -> None:
    """« Les horloges de la page d'état indiquent un début à 12 h 49 et une fin à 16 h 47 »."""
    title = "« Quatre heures sans Claude Code » : un directeur technique raconte"
    text = (
        "Lundi après-midi, claude.ai et Claude Code ont refusé les connexions de toute l'équipe. "
        + _FILLER
        + "Les horloges de la page d'état d'Anthropic indiquent un début à 12 h 49 et une fin à 16 h 47."
    )
    report = outage(title, text, "2026-03-03T09:00")
    assert report is not None
    assert report.start == datetime.fromisoformat("2026-03-02T12:49:00+01:00")
    assert report.end == datetime.fromisoformat("2026-03-02T16:47:00+01:00")


def test_traffic_finding_its_way_back_is_the_end_not_the_start() -> None:
    """« le gros des requêtes retrouvait son chemin dès 15 h 30 »: the return, not the start."""
    title = "Le jour où Cloudflare a débranché ChatGPT à l'heure du déjeuner"
    text = (
        "Ce mardi, ChatGPT affichait une page d'erreur et X ne chargeait plus. "
        "D'après Cloudflare, le gros des requêtes retrouvait son chemin dès 15 h 30 à peu près."
    )
    report = outage(title, text, "2025-11-18T21:00")
    assert report is not None
    assert report.start is None or report.start.strftime("%H:%M") != "15:30", report.start


def test_between_two_weekdays_in_the_dead_of_night_is_the_night() -> None:
    """« entre mercredi et jeudi, en pleine nuit, tout s'est figé : à 0 h 16 » is Thursday 00:16."""
    f = fold("entre mercredi et jeudi, en pleine nuit, tout s'est figé")
    days = find_days(f, datetime.fromisoformat("2024-12-12T09:00:00+01:00"))
    assert [(str(d.day), str(d.night_to), d.evening) for d in days] == [("2024-12-11", "2024-12-12", False)]
    # guard: two weekdays without the night are two days
    days = find_days(
        fold("entre lundi et mardi, les ventes"), datetime.fromisoformat("2024-12-12T09:00:00+01:00")
    )
    assert all(d.night_to is None for d in days)


def test_the_previous_outage_recalled_in_the_lead_does_not_date_today_s() -> None:
    """« Le précédent gros incident remonte au 12 décembre » under « ChatGPT de nouveau à terre ce jeudi soir »."""
    title = "ChatGPT de nouveau à terre ce jeudi soir, deux semaines après sa nuit blanche"
    lead = (
        "Erreurs en série sur ChatGPT, Sora et l'API d'OpenAI depuis le début de soirée. Le précédent gros incident "
        "remonte au 12 décembre."
    )
    text = (
        "Depuis 19 heures environ, ChatGPT oppose à beaucoup de ceux qui s'y connectent un bandeau d'erreur. "
        "Le dernier incident de cette ampleur ne date que du 12 décembre."
    )
    report = outage(title, text, "2024-12-26T21:35", lead=lead)
    assert report is not None
    assert str(report.day) == "2024-12-26", report.day


def test_a_chronology_of_a_year_s_outages_reports_none() -> None:
    """« la chronologie des grandes pannes de l'IA », « retour, mois par mois, sur une année de défaillances »."""
    title = "2025 vue depuis les pages de statut : la chronologie des grandes pannes de l'IA"
    lead = "Assistants muets, générateurs rationnés : retour, mois par mois, sur une année de défaillances."
    text = (
        "Janvier. ChatGPT renvoie des erreurs à une partie de ses utilisateurs, de midi à 16 heures. "
        "Juin. ChatGPT, l'API d'OpenAI et Sora subissent plus de dix heures d'erreurs. "
        "Novembre. Cloudflare s'effondre peu après midi ; ChatGPT et X deviennent inaccessibles."
    )
    assert outage(title, text, "2025-12-30T10:00", lead=lead) is None


def test_the_first_signal_is_the_start_and_the_publication_time_is_not() -> None:
    """« Le premier signal est venu à 12 h 30 environ », « au moment de la publication de cet article, vers 18 heures »."""
    title = "Gemini en rade dans Gmail et Docs : le panneau latéral n'affiche plus qu'un message d'erreur"
    text = (
        "Depuis le début de l'après-midi de ce mercredi 10 juin, Gemini renvoie des erreurs en cascade. "
        "Dans Gmail, le panneau latéral de l'assistant n'affiche plus qu'un message d'erreur. Dans Docs, l'aide à la "
        "rédaction ne répond plus. Les courriels, eux, continuent d'arriver. Les résumés automatiques ont disparu. "
        "Les entreprises clientes de Workspace ont inondé le support. Google dit enquêter sur l'incident. "
        "Les utilisateurs de l'application Gemini sur téléphone voient le même message. "
        "Le premier signal est venu à 12 h 30 environ, à l'heure française. "
        "Le taux d'erreur a baissé par paliers, mais des échecs ponctuels persistaient encore au moment de la "
        "publication de cet article, vers 18 heures."
    )
    report = outage(title, text, "2026-06-10T18:05")
    assert report is not None
    assert report.start == datetime.fromisoformat("2026-06-10T12:30:00+02:00"), report.start


def test_a_search_engine_that_stopped_returning_results_is_down() -> None:
    """« Bing a cessé de renvoyer des résultats »."""
    assert IncidentKind.OUTAGE in _kinds(
        fold("Ce jeudi, vers 8 h 45, Bing a cessé de renvoyer des résultats.")
    )


# --- third round (sets FF, FG, FI, FK) ---------------------------------------------------------------------------


def test_projects_or_a_launch_suspended_are_no_restriction() -> None:
    """« suspend plusieurs projets » (a customer leaving a supplier), « suspend le lancement de son modèle ouvert »
    (nothing existing taken away), « qu'OpenAI peut brider ou couper à distance » (a capability)."""
    assert (
        outage(
            "Google suspend plusieurs projets avec Scale AI après l'arrivée de Meta",
            "Le premier client de Scale AI suspend plusieurs projets ; OpenAI et xAI prennent aussi leurs distances. "
            "Des annotateurs ont appris par courriel que leurs tâches s'arrêtaient.",
            "2025-06-14T10:00",
        )
        is None
    )
    assert (
        outage(
            "OpenAI suspend le lancement de son modèle ouvert, sans nouvelle date",
            "La sortie du modèle à poids ouverts est mise en pause pour des tests de sécurité. À la différence d'un "
            "service comme ChatGPT, qu'OpenAI peut corriger, brider ou couper à distance, un modèle téléchargé vit sa "
            "propre vie.",
            "2025-07-12T10:00",
        )
        is None
    )


def test_a_company_s_offices_closing_for_a_week_is_no_outage() -> None:
    """« OpenAI à l'arrêt une semaine : les bureaux ferment »: the staff off work, the services running."""
    title = "OpenAI à l'arrêt une semaine : les bureaux ferment, Meta continue de recruter"
    lead = "OpenAI offre une semaine de repos à presque tous ses salariés, au moment où Meta débauche ses chercheurs."
    text = (
        "Les services en ligne d'OpenAI, ChatGPT en tête, restent surveillés par des équipes resserrées, et rien ne "
        "doit être coupé du côté des utilisateurs."
    )
    assert outage(title, text, "2025-06-30T10:00", lead=lead) is None


def test_where_the_cause_began_is_not_the_outage_s_day() -> None:
    """« Le point de départ remonte au 29 mai » in a report on the outage of Thursday 12 June."""
    title = "Google Cloud : une politique de quotas aux champs vides a fait tomber Service Control"
    lead = "Google a publié le rapport complet de sa panne du 12 juin, qui a renvoyé des erreurs 503."
    text = (
        "Le rapport complet de Google sur la panne du jeudi 12 juin est en ligne. De nombreux produits de Google "
        "Cloud, dont Vertex AI et l'API Gemini, ont renvoyé des erreurs 503 à leurs utilisateurs. "
        "Le point de départ remonte au 29 mai, quand un contrôle de quotas a été ajouté sans protection."
    )
    report = outage(title, text, "2025-06-16T09:40", lead=lead)
    assert report is not None and str(report.day) == "2025-06-12", report and report.day


def test_a_zone_named_ahead_of_the_times_of_its_sentence() -> None:
    """« En heure californienne, … à 15 h 16 ce mercredi 11 décembre » is 00:16 on Thursday 12 in Paris."""
    clocks = find_clocks(
        fold("En heure californienne, l'incident commence à 15 h 16 et se termine à 19 h 38.")
    )
    assert [(c.hour, c.minute, str(c.zone)) for c in clocks] == [
        (15, 16, "America/Los_Angeles"),
        (19, 38, "America/Los_Angeles"),
    ]
    assert find_clocks(fold("À 15 h 16. En heure californienne, rien."))[0].zone is None  # (another sentence)
    title = "La télémétrie qui a éteint OpenAI : le rapport de la nuit du 12 décembre, traduit"
    text = (
        "OpenAI s'explique sur l'incident qui a privé ChatGPT, Sora et son API de service pendant plus de quatre "
        "heures. En heure californienne, le document fait commencer l'incident à 15 h 16 ce mercredi 11 décembre, "
        "et le termine à 19 h 38."
    )
    report = outage(title, text, "2024-12-14T10:05")
    assert report is not None
    assert report.start == datetime.fromisoformat("2024-12-12T00:16:00+01:00"), report.start


def test_a_range_from_one_day_s_time_to_the_next_starts_on_the_first_day() -> None:
    """« De jeudi 19 h 51 à vendredi 3 h 18 »: Thursday, not Friday."""
    title = "Google Cloud : une nuit blanche pour Vertex AI et l'API Gemini"
    lead = "De jeudi 19 h 51 à vendredi 3 h 18, un fichier de règles de quotas mal formé a mis à genoux Google Cloud."
    text = "Vertex AI et l'API Gemini ont renvoyé des erreurs toute la nuit. La fiche d'incident a été close au matin."
    report = outage(title, text, "2025-06-13T10:40", lead=lead)
    assert report is not None and str(report.day) == "2025-06-12", report and report.day


def test_a_reopening_in_an_update_box_does_not_date_the_restriction() -> None:
    """« DeepSeek a rouvert les recharges ce mardi » (an update on top) then « a annoncé ce jeudi 6 février qu'elle
    interrompait… les recharges »: the restriction is Thursday's."""
    title = (
        "Plus moyen de remettre des crédits chez DeepSeek : l'API sature, la start-up bloque les paiements"
    )
    text = (
        "Mise à jour : DeepSeek a rouvert les recharges ce mardi, après presque trois semaines de gel.\n"
        "DeepSeek a annoncé ce jeudi 6 février qu'elle interrompait, jusqu'à nouvel ordre, la possibilité de "
        "recharger son solde d'API, faute de serveurs disponibles."
    )
    report = outage(title, text, "2025-02-06T10:20")
    assert report is not None and str(report.day) == "2025-02-06", report and report.day


def test_long_after_midnight_is_no_time_and_a_normal_service_since_is_the_end() -> None:
    """« tous les comptes retrouvent un service normal depuis 3 h 20 environ, soit bien après minuit »."""
    assert find_clocks(fold("soit bien après minuit, dans la nuit")) == []
    assert [(c.hour, c.minute) for c in find_clocks(fold("peu après minuit, tout tombe"))] == [(0, 0)]
    title = "Gemini muet pour des millions d'utilisateurs : codes 1076 et 1099 à l'écran"
    text = (
        "D'après le tableau de bord du groupe, tous les comptes retrouvent un service normal depuis 3 h 20 environ à "
        "Paris, soit bien après minuit, dans la nuit de mercredi vers jeudi. "
        "Depuis 12 h 30 environ mercredi, Gemini, l'assistant d'intelligence artificielle de Google, affiche chez "
        "de très nombreux utilisateurs un message d'erreur. Le chatbot ne répond plus aux questions."
    )
    report = outage(title, text, "2026-06-11T08:15")
    assert report is not None
    assert report.start == datetime.fromisoformat("2026-06-10T12:30:00+02:00"), report.start


# --- fourth round (sets FL, FM, FO, FQ) --------------------------------------------------------------------------


def test_a_false_alarm_blamed_on_someone_else_reports_nothing() -> None:
    """« Non, ChatGPT n'était pas en panne ce lundi : c'est le réseau de SFR qui avait lâché » (guard: « Non, l'API
    n'est pas fermée : seules les recharges sont suspendues » still reports, as tested with the tenth session's rules)."""
    title = "Non, ChatGPT n'était pas en panne ce lundi : c'est le réseau de SFR qui avait lâché"
    lead = "Des dizaines de messages ont annoncé la chute de ChatGPT. Le service d'OpenAI fonctionnait : les abonnés SFR étaient coupés."
    text = (
        "À l'heure du déjeuner, plusieurs dizaines de messages publiés sur X annonçaient que ChatGPT était tombé. "
        "Vérification faite, l'assistant d'OpenAI tournait normalement."
    )
    assert outage(title, text, "2025-06-16T15:00", lead=lead) is None


def test_a_setting_users_can_switch_off_is_no_restriction() -> None:
    """« la fonction de mémoire peut être consultée, modifiée ou désactivée dans les réglages »."""
    assert (
        _kinds(
            fold(
                "La fonction de mémoire de ChatGPT peut être consultée, modifiée ou désactivée dans les réglages."
            )
        )
        == {}
    )
    # guard: a cut that happened is still one
    assert IncidentKind.RESTRICTION in _kinds(
        fold("OpenAI a désactivé la fonction de mémoire de ChatGPT en Europe.")
    )


def test_a_yearless_weekday_and_day_dates_an_undated_page() -> None:
    """« Ce jeudi 4 décembre » opening a page with no other date: Thursday 4 December 2025, so « avant-hier soir » is
    Tuesday 2 December."""
    from app.analysis import analyse_document

    from .helpers import doc

    title = "ChatGPT : la colonne des anciens échanges soudain blanche"
    text = (
        "Ce jeudi 4 décembre, OpenAI a publié son explication. Avant-hier soir, pendant un peu plus d'une heure, "
        "ChatGPT a affiché à des milliers d'utilisateurs une colonne d'historique vide et des messages d'erreur."
    )
    d = doc(title, text, "2025-12-04T10:00")
    d = type(d)(url=d.url, title=d.title, text=d.text, published_at=None, lead=None, language="fr")
    report = analyse_document(d, seen_at=datetime.fromisoformat("2026-12-07T10:00:00+01:00")).outage
    assert report is not None and str(report.day) == "2025-12-02", report and report.day


_SOCIETY = (
    "Fiches de révision générées en une minute, quiz sur mesure, explications à toute heure : l'assistant est devenu "
    "le compagnon de révision d'une majorité d'étudiants. Les universités cherchent encore la bonne distance. "
    "Dans les amphithéâtres, les usages varient d'une filière à l'autre. Les étudiants en droit s'en servent pour "
    "résumer la jurisprudence. Ceux de médecine préfèrent les quiz. Les enseignants s'inquiètent surtout des devoirs "
    "rédigés à la maison. Certaines facultés ont revu leurs modalités d'examen. D'autres misent sur l'oral. "
    "Les bibliothèques universitaires organisent des ateliers. Les syndicats étudiants réclament un cadre clair. "
    "Le ministère prépare une charte. Les éditeurs de manuels observent la tendance de près. "
    "Les parents, eux, découvrent souvent ces outils par leurs enfants. Les écoles d'ingénieurs ont pris les devants. "
    "Un soir sans assistant\\n"
)


def test_an_outage_told_in_one_paragraph_deep_in_a_long_article_is_reported() -> None:
    """A society piece whose fourth section tells a fresh outage (« Le mardi 2 décembre, à l'heure du dîner, ChatGPT
    s'est arrêté net… OpenAI a confirmé la panne »): the outage of 2 December."""
    title = "Partiels de décembre : les étudiants, l'IA et l'art délicat de s'en passer"
    text = _SOCIETY + (
        "La dépendance s'est rappelée au bon souvenir des révisions cette semaine. Le mardi 2 décembre, à l'heure du "
        "dîner, ChatGPT s'est arrêté net pour une foule d'utilisateurs durant un peu plus d'une heure. OpenAI a "
        "confirmé la panne sur sa page de statut, puis a fait savoir que le service tournait de nouveau. "
        "À la bibliothèque, l'incident a provoqué quelques scènes de panique."
    )
    report = outage(title, text, "2025-12-03T08:15")
    assert report is not None and str(report.day) == "2025-12-02", report and report.day


def test_an_old_outage_recalled_deep_in_a_long_article_is_not() -> None:
    """Guard: the same paragraph about an outage of months before (« en juin dernier ») is a recall."""
    title = "Partiels de décembre : les étudiants, l'IA et l'art délicat de s'en passer"
    text = _SOCIETY + (
        "La dépendance s'était déjà rappelée au bon souvenir des étudiants. En juin dernier, en pleine session "
        "d'examens, ChatGPT s'était arrêté net pour une foule d'utilisateurs durant des heures. OpenAI avait confirmé "
        "la panne sur sa page de statut. À la bibliothèque, l'incident avait provoqué quelques scènes de panique."
    )
    assert outage(title, text, "2025-12-03T08:15") is None
