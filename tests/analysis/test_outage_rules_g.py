"""General rules for the classes blind set G missed, each on short French texts written for these tests (not taken
from those pages): silent degradations (the page loads, nothing comes back), a service half up, policy restrictions
(a feature put to sleep or withdrawn, a subject refused), restrictions abroad announced days later, foreign and live
times, and the grouping that follows from them. Each class has look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.analysis import analyse_document
from app.analysis.clean import clean_text
from app.analysis.timeexpr import at, find_clocks
from app.services.ingest import prepare, store
from tests.helpers import incidents_as_json

from .helpers import doc, page, paris, undated_page

# --- 1. the page loads but nothing comes back: a degradation ----------------------------------------------------

SILENT = [
    (
        "Claude tourne à vide : les questions partent, rien ne revient",
        "Depuis 9 h 15 ce jeudi, Claude accepte les requêtes mais aucune réponse ne s'affiche dans la fenêtre de "
        "conversation. Anthropic dit enquêter sur le problème.",
    ),
    (
        "Le Chat : les réponses restent invisibles depuis ce matin",
        "Ce jeudi matin, les utilisateurs du Chat de Mistral AI voient leurs messages partir, mais les réponses ne "
        "s'affichent pas. La page se charge pourtant sans message d'alerte.",
    ),
    (
        "Copilot mouline dans le vide",
        "Ce jeudi, l'assistant Copilot de Microsoft affiche un curseur qui tourne sans fin : les résultats "
        "n'arrivent plus, même pour une question simple.",
    ),
    (
        "ChatGPT : des projets qui refusent de s'ouvrir",
        "Depuis 11 h ce jeudi, les projets enregistrés dans ChatGPT refusent de s'ouvrir et le robot d'OpenAI "
        "peinait à répondre aux nouvelles demandes, selon nos lecteurs.",
    ),
    (
        "Quand Gemini perd la mémoire",
        "Ce jeudi, l'interface de l'assistant Gemini de Google s'affichait normalement, mais le panneau des anciennes conversations "
        "restait vide pour de nombreux comptes.",
    ),
]


@pytest.mark.parametrize(("title", "text"), SILENT)
def test_a_service_that_takes_questions_and_gives_nothing_back_is_degraded(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-09-04T15:00"))
    assert a.is_ai and a.outage is not None
    assert a.outage.kind == "degradation" and a.outage.day == date(2025, 9, 4)


def test_the_start_of_a_silent_failure_is_read() -> None:
    a = analyse_document(doc(*SILENT[0], "2025-09-04T15:00"))
    assert a.outage is not None and a.outage.start == paris("2025-09-04T09:15")


def test_history_gone_with_the_site_down_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "ChatGPT en panne : site inaccessible et historique vide",
            "Depuis 19 h ce mardi, ChatGPT est inaccessible pour une majorité d'utilisateurs ; ceux qui parviennent "
            "à se connecter découvrent un historique des conversations entièrement vide.",
            "2025-12-02T20:30",
        )
    )
    assert a.outage is not None and a.outage.kind == "outage"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Mistral AI : la croissance tourne à vide au troisième trimestre",
            "Mistral AI voit sa croissance tourner à vide, selon des documents consultés par la presse financière, "
            "faute de grands contrats signés cet été.",
        ),
        (
            "Une association s'appuie sur Claude pour les malades d'Alzheimer",
            "Avec Claude, l'assistant d'IA d'Anthropic, l'association aide les malades qui perdent la mémoire à "
            "garder le fil de leurs journées.",
        ),
        (
            "Notre banque en ligne tourne à vide depuis ce matin",
            "Depuis ce matin, l'application de la banque affiche les comptes mais rien ne s'affiche quand on valide "
            "un virement ; le service client promet un correctif.",
        ),
    ],
)
def test_silent_words_without_an_ai_service_that_failed_report_nothing(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-09-04T15:00"))
    assert a.outage is None


# --- 2. errors and slowness on a service that is half up: a degradation, not an outage ----------------------------

HALF_UP = [
    (
        "Gemini ne répond plus sur le Web, l'application Android tient le coup",
        "Ce mardi, Gemini, l'assistant de Google, renvoie un message d'erreur dans le navigateur ; l'application Android continue de "
        "fonctionner chez nos lecteurs.",
    ),
    (
        "Panne de Claude : les questions sont bien envoyées, les réponses tardent",
        "Ce mardi, les questions sont bien envoyées à Claude, mais l'assistant d'Anthropic ne répond plus ou au bout "
        "d'une minute.",
    ),
    (
        "Perplexity en panne ce mardi",
        "Perplexity ne plante pas à proprement parler : la page se charge, mais les recherches échouent les unes "
        "après les autres depuis ce mardi matin.",
    ),
    (
        "Panne de Le Chat : pas de « service indisponible », juste le silence",
        "Ce mardi, Le Chat de Mistral AI accepte les prompts puis ne répond plus ; pas de page d'erreur, l'interface "
        "s'affiche normalement.",
    ),
]


@pytest.mark.parametrize(("title", "text"), HALF_UP)
def test_a_service_that_is_half_up_is_degraded(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-10T16:00"))
    assert a.outage is not None and a.outage.kind == "degradation" and a.outage.day == date(2025, 6, 10)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Panne de ChatGPT : le site et l'application mobile hors service",
            "Ce mardi, ChatGPT est inaccessible sur le Web comme sur l'application mobile ; OpenAI enquête.",
        ),
        (
            "ChatGPT inaccessible ce mardi",
            "Ce mardi, ChatGPT est inaccessible pour des millions d'utilisateurs. Beaucoup se sont tournés vers "
            "Claude, dont l'application mobile fonctionne normalement.",
        ),
    ],
)
def test_an_outage_with_nothing_half_up_of_its_own_stays_an_outage(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-06-10T16:00"))
    assert a.outage is not None and a.outage.kind == "outage" and a.outage.services == ("chatgpt",)


# --- 3. policy restrictions: a feature put to sleep or withdrawn, a subject refused -------------------------------

FEATURE_PAUSED = [
    (
        "Mistral AI met en sommeil une voix du Chat après une plainte",
        "Ce lundi, Mistral AI met en sommeil l'une des voix de son assistant Le Chat, le temps d'examiner la "
        "plainte d'un comédien.",
        "le-chat",
    ),
    (
        "Google retire la fonction de résumé vocal de Gemini",
        "Après une série de critiques, Google a retiré ce lundi la fonctionnalité de résumé vocal de Gemini.",
        "gemini",
    ),
    (
        "La voix « Orage » n'est plus proposée dans Copilot",
        "Depuis ce lundi, la voix « Orage » n'est plus proposée dans l'assistant Copilot de Microsoft, jugée trop "
        "proche de celle d'un animateur radio.",
        "copilot",
    ),
    (
        "OpenAI suspend une voix de ChatGPT",
        "L'entreprise a annoncé ce lundi qu'elle suspendait l'usage d'une des voix de ChatGPT, le temps de répondre "
        "aux questions sur la manière dont elle avait été enregistrée.",
        "chatgpt",
    ),
]


@pytest.mark.parametrize(("title", "text", "service"), FEATURE_PAUSED)
def test_a_feature_paused_or_withdrawn_is_a_restriction(title: str, text: str, service: str) -> None:
    a = analyse_document(doc(title, text, "2025-05-19T18:00"))
    assert a.outage is not None and a.outage.kind == "restriction"
    assert a.outage.services == (service,) and a.outage.day == date(2025, 5, 19)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "OpenAI met en sommeil son projet d'appareil grand public",
            "OpenAI met en sommeil son projet d'appareil sans écran, faute de fournisseur, pour se concentrer sur "
            "ChatGPT.",
        ),
        (
            "Mistral AI : le chantier du centre de données mis en sommeil",
            "Le chantier du centre de données de Mistral AI dans l'Essonne a été mis en sommeil cet été, le temps "
            "de revoir le financement.",
        ),
        (
            "Gemini : l'ancienne fonction de dictée retirée au profit d'une nouvelle version",
            "Google retire la fonction de dictée de Gemini, remplacée par une nouvelle version plus rapide.",
        ),
    ],
)
def test_a_plan_shelved_or_a_feature_replaced_is_no_restriction(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2025-05-19T18:00"))
    assert a.outage is None


TOPIC_REFUSED = [
    (
        "Élections européennes : Claude ne répond plus aux questions sur les candidats",
        "Depuis ce mardi, Claude, l'assistant d'Anthropic, décline poliment et renvoie vers les sites officiels.",
        "claude",
    ),
    (
        "Copilot refuse désormais de parler des élections",
        "Microsoft a confirmé ce mardi que Copilot refusait de répondre aux questions liées aux élections, dans "
        "tous les pays.",
        "copilot",
    ),
    (
        "Présidentielle : Le Chat botte en touche sur les questions politiques",
        "Ce mardi, Le Chat de Mistral AI botte en touche dès qu'on l'interroge sur les questions politiques.",
        "le-chat",
    ),
    (
        "Microsoft bride Copilot sur les scrutins",
        "Microsoft restreint depuis ce mardi les réponses de Copilot aux requêtes qui portent sur les scrutins.",
        "copilot",
    ),
    (
        "Élections : Grok préfère se taire",
        "Ce mardi, Grok, l'assistant de xAI, ne discute plus d'élections : il renvoie vers les autorités "
        "électorales.",
        "grok",
    ),
]


@pytest.mark.parametrize(("title", "text", "service"), TOPIC_REFUSED)
def test_an_assistant_that_refuses_a_whole_subject_is_restricted(title: str, text: str, service: str) -> None:
    a = analyse_document(doc(title, text, "2024-03-12T17:00"))
    assert a.outage is not None and a.outage.kind == "restriction"
    assert service in a.outage.services and a.outage.day == date(2024, 3, 12)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Élections : ChatGPT répond aux électeurs avec des liens officiels",
            "ChatGPT répond aux questions pratiques sur le vote en renvoyant vers les sites officiels, a indiqué "
            "OpenAI ce mardi.",
        ),
        (
            "L'IA dans la campagne présidentielle",
            "OpenAI a refusé de commenter l'usage de ChatGPT par les équipes de campagne des candidats.",
        ),
        (
            "Une étude sur Gemini et les élections",
            "Gemini, l'assistant d'IA de Google, ne répond pas toujours juste aux questions sur les élections, selon "
            "une étude universitaire publiée ce mardi.",
        ),
        (
            "Des images de Midjourney inquiètent avant le scrutin",
            "Des images créées avec Midjourney circulent avant le scrutin ; les candidats dénoncent des montages.",
        ),
    ],
)
def test_election_news_that_restricts_nothing_reports_nothing(title: str, text: str) -> None:
    a = analyse_document(doc(title, text, "2024-03-12T17:00"))
    assert a.is_ai and a.outage is None


# --- 4. a restriction abroad, dated on its start rather than its announcement -------------------------------------

ABROAD = [
    (
        "L'Indonésie gèle les téléchargements de Claude",
        "Le régulateur indonésien a fait savoir mardi que les nouveaux téléchargements de Claude, l'assistant d'Anthropic, étaient suspendus "
        "depuis dimanche soir.",
        date(2025, 2, 16),
    ),
    (
        "Perplexity introuvable en Turquie",
        "L'information n'a été rendue publique que ce mardi. Depuis dimanche, Perplexity ne figure plus dans les "
        "boutiques d'applications turques.",
        date(2025, 2, 16),
    ),
    (
        "« Application indisponible dans votre pays » : Le Chat bloqué au Vietnam",
        "Depuis samedi, l'application Le Chat de Mistral AI affiche « indisponible dans votre pays » au Vietnam, a révélé mardi "
        "l'autorité locale.",
        date(2025, 2, 15),
    ),
    (
        "Impossible d'installer Grok en Malaisie",
        "Impossible, depuis dimanche, d'installer Grok sur un téléphone malaisien : l'autorité des communications "
        "a gelé les nouveaux téléchargements, a-t-elle annoncé mardi.",
        date(2025, 2, 16),
    ),
]


@pytest.mark.parametrize(("title", "text", "day"), ABROAD)
def test_a_restriction_abroad_starts_when_it_took_effect(title: str, text: str, day: date) -> None:
    a = analyse_document(doc(title, text, "2025-02-18T15:00"))
    assert a.outage is not None and a.outage.kind == "restriction" and a.outage.day == day


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Claude enfin disponible dans votre pays",
            "Depuis ce mardi, l'application Claude est disponible en Turquie, a annoncé Anthropic.",
        ),
        (
            "Les téléchargements du Chat de Mistral s'envolent",
            "Les téléchargements de l'application Le Chat ont doublé ce week-end en France, a indiqué Mistral AI.",
        ),
    ],
)
def test_an_app_that_arrives_or_grows_abroad_is_no_restriction(title: str, text: str) -> None:
    assert analyse_document(doc(title, text, "2025-02-18T15:00")).outage is None


# --- 5. times given abroad, times in live notes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "local", "paris_time"),
    [
        ("suspendus depuis samedi, 18 heures, heure de seoul", (18, 0), "2025-02-15T10:00"),
        ("bloques a 18 h a seoul", (18, 0), "2025-02-15T10:00"),
        ("le blocage est effectif depuis 9 h kst", (9, 0), "2025-02-15T01:00"),
        ("l'incident a commence vers 17 h 30, heure de singapour", (17, 30), "2025-02-15T10:30"),
        ("les erreurs ont commence a 14 h 30, heure indienne", (14, 30), "2025-02-15T10:00"),
    ],
)
def test_asian_times_are_converted_to_paris(text: str, local: tuple[int, int], paris_time: str) -> None:
    clocks = find_clocks(text)
    assert [(c.hour, c.minute) for c in clocks] == [local]
    assert at(date(2025, 2, 15), clocks[0]) == paris(paris_time)


def test_a_weekday_then_heures_is_a_clock_time_but_a_count_is_not() -> None:
    assert [(c.hour, c.minute) for c in find_clocks("depuis samedi, 18 heures, heure de seoul")] == [(18, 0)]
    assert find_clocks("l'application est restee bloquee samedi, trois heures durant") == []


def test_a_korean_measure_in_summer_time() -> None:
    a = analyse_document(
        doc(
            "Séoul bloque l'application Le Chat",
            "Samedi à 18 heures, heure de Séoul, la commission coréenne a gelé les nouveaux téléchargements de "
            "l'application Le Chat de Mistral AI, a-t-elle fait savoir lundi.",
            "2025-07-14T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "restriction"
    assert a.outage.day == date(2025, 7, 12) and a.outage.start == paris("2025-07-12T11:00")


def test_live_notes_give_the_end_not_the_start() -> None:
    a = analyse_document(
        doc(
            "Claude tourne à vide ce jeudi",
            "[Mise à jour 13 h 10] Anthropic indique que le correctif est déployé : les réponses s'affichent de "
            "nouveau. [Mise à jour 12 h 05] La page d'état évoque une cause identifiée. Vers 10 h 30 ce jeudi, "
            "Claude a cessé d'afficher ses réponses : aucune réponse ne s'affiche, alors que la page se charge.",
            "2025-09-04T11:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "degradation"
    assert a.outage.start == paris("2025-09-04T10:30") and a.outage.end == paris("2025-09-04T13:10")
    assert a.outage.duration_minutes == 160


def test_a_rough_title_time_gives_way_to_the_precise_one() -> None:
    a = analyse_document(
        doc(
            "Perplexity en panne depuis midi",
            "Depuis 12 h 41 ce mercredi, Perplexity renvoie des erreurs et reste inaccessible pour de nombreux "
            "utilisateurs.",
            "2025-06-11T14:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-06-11T12:41")


def test_a_precise_title_time_is_kept() -> None:
    a = analyse_document(
        doc(
            "Perplexity en panne depuis 12 h 10",
            "Depuis 12 h 10 ce mercredi, Perplexity est inaccessible ; vers 12 h 40, le site renvoyait encore des "
            "erreurs.",
            "2025-06-11T14:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-06-11T12:10")


def test_the_service_is_back_gives_the_end() -> None:
    a = analyse_document(
        doc(
            "Claude inaccessible mardi après-midi",
            "Claude, l'assistant d'Anthropic, est tombé vers 14 h ce mardi ; le service est revenu vers 16 h 30.",
            "2025-06-10T18:00",
        )
    )
    assert a.outage is not None and a.outage.recovered
    assert a.outage.start == paris("2025-06-10T14:00") and a.outage.end == paris("2025-06-10T16:30")


def test_back_only_later_does_not_hide_the_converted_start() -> None:
    a = analyse_document(
        doc(
            "ChatGPT : deux coupures ce mardi",
            "ChatGPT est tombé à 0 h 21, heure du Pacifique, soit 9 h 21 en France, et n'est revenu qu'à 11 h 40.",
            "2025-06-10T18:00",
        )
    )
    assert a.outage is not None and a.outage.start == paris("2025-06-10T09:21")


# --- 6. what the text around the facts carries: bylines, news tickers, a launch context -----------------------------


def test_bylines_and_news_tickers_are_not_article_text() -> None:
    text = "\n".join(
        [
            "Par Inès Vidal · 4 septembre 2025, 9 h 05",
            "Claude accepte les questions mais n'affiche plus ses réponses.",
            "Le fil info",
            "- 8 h 12 Un opérateur promet la fibre dans tous les villages Le calendrier reste flou.",
            "- 8 h 40 Les ventes de casques audio reculent Seuls les modèles haut de gamme résistent.",
            "Tout le fil",
        ]
    )
    assert clean_text(text) == "Claude accepte les questions mais n'affiche plus ses réponses."


def test_a_byline_is_kept_when_it_is_a_sentence() -> None:
    text = "Par ailleurs, Anthropic promet un rapport détaillé sur l'incident de la semaine."
    assert clean_text(text) == text


def test_a_product_named_as_the_launch_context_is_not_hit() -> None:
    a = analyse_document(
        doc(
            "OpenAI met en sommeil une voix de ChatGPT",
            "Une semaine après l'avoir présentée avec GPT-4o, OpenAI met en sommeil l'une des voix de ChatGPT.",
            "2024-05-20T10:00",
        )
    )
    assert a.outage is not None and a.outage.services == ("chatgpt",)
    assert "gpt-4o" in a.products


def test_a_standing_rules_round_up_is_no_event() -> None:
    a = analyse_document(
        doc(
            "Quotas, files d'attente : ce que les assistants gratuits permettent",
            "Chaque assistant d'IA fixe ses règles pour les comptes gratuits. ChatGPT, chez OpenAI, accorde un nombre "
            "restreint de messages avec son meilleur modèle. Claude, chez Anthropic, plafonne les échanges par tranche de quelques heures. "
            "Notre conseil : comparez le coût des formules payantes avec le temps perdu.",
            "2025-03-05T07:30",
        )
    )
    assert a.is_ai and a.outage is None


def test_several_services_restricted_on_one_day_are_still_news() -> None:
    a = analyse_document(
        doc(
            "Les assistants gratuits se ferment aux nouveaux venus",
            "Ce mardi, ChatGPT a fermé les inscriptions gratuites. Le même jour, Claude a plafonné les échanges "
            "des comptes gratuits.",
            "2025-03-04T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "restriction"


def test_an_outage_summary_keeps_the_sentence_that_goes_on_about_the_service() -> None:
    a = analyse_document(
        doc(
            "Gemini bride les questions électorales",
            "Mardi, Google a étendu à tous les pays une règle déjà appliquée aux États-Unis : Gemini ne discute plus "
            "d'élections. Le chatbot décline, renvoie vers le moteur de recherche, et passe à autre chose. J'ai "
            "essayé ce matin avec une dizaine de questions neutres sur les européennes. On comprend la logique : "
            "Google ne veut pas d'un nouveau scandale en pleine campagne électorale.",
            "2024-03-13T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == "restriction" and a.outage.day == date(2024, 3, 12)
    assert "ne discute plus d'élections" in a.summary and "Le chatbot décline" in a.summary


# --- 7. pages about one event now meet in one incident --------------------------------------------------------------


def test_a_live_page_and_a_next_day_blog_on_one_silent_failure_are_one_incident(session: Session) -> None:
    live = page(
        "Le Chat tourne à vide : les messages partent, les réponses ne reviennent pas",
        [
            "Depuis 10 h 20 environ ce jeudi, une partie des utilisateurs du Chat de Mistral AI voient leurs "
            "messages partir sans qu'aucune réponse ne s'affiche.",
            "La page se charge et l'historique est là, mais la zone de réponse reste blanche.",
        ],
        "2025-09-04T11:00",
        "https://www.exemple-tech.fr/le-chat-reponses-invisibles.html",
    )
    blog = undated_page(
        "Deux heures de silence : ce que la panne du Chat m'a appris",
        [
            "Hier matin, Le Chat acceptait mes prompts puis abandonnait sans un mot.",
            "La page d'état de Mistral AI a fini par le confirmer : les réponses ne parvenaient plus aux "
            "utilisateurs de la version web, à partir de 10 h 20.",
            "J'en tire une leçon simple pour mes propres outils : toujours prévoir un second fournisseur.",
        ],
        "https://blog-exemple.fr/2025/09/05/le-chat-silence/",
    )
    for raw in (live, blog):
        res = store(session, prepare(raw))
        session.commit()
        assert res.kind == "degradation"
    incidents = incidents_as_json(session)
    assert len(incidents) == 1
    assert [p["slug"] for p in incidents[0]["products"]] == ["le-chat"]
