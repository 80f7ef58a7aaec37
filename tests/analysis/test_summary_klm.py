"""Issue 10, classes found on sets K, L and M: outage summaries that say what happened, homonyms of AI names,
AI providers' API errors as AI news, investors as companies. Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.analysis.entities import gazetteer
from app.analysis.summary import summarise
from app.textfold import fold

from .helpers import doc

# --- summaries: the news sentence, not its background or the writer's anecdote -------------------------------------


def test_background_opening_gives_way_to_the_news_sentence() -> None:
    text = (
        "Jusqu'ici, Anthropic ne proposait pas ses offres grand public aux résidents turcs.\n"
        "Depuis ce jeudi 12 mars, l'accès à Claude est interdit aux comptes ouverts depuis la Turquie, quelle que "
        "soit l'offre souscrite.\n"
        "La mesure, qui vaut aussi pour les entreprises installées à Ankara ou à Istanbul, s'applique sans délai de "
        "grâce ni période de transition annoncée.\n"
        "Les développeurs turcs interrogés disent chercher d'autres fournisseurs pour leurs services en ligne.\n"
        "Plusieurs d'entre eux évoquent des solutions hébergées en Europe ou des modèles ouverts installés en local."
    )
    out = summarise(
        text, "Claude fermé aux utilisateurs de Turquie", names=("claude",), day=date(2026, 3, 12)
    )
    f = fold(out)
    assert "interdit" in f and "jeudi 12 mars" in f
    assert not f.startswith("jusqu'ici")


def test_an_anecdote_opening_keeps_the_day_and_the_news_joins_it() -> None:
    text = (
        "Mardi dernier, au beau milieu d'une démonstration, une cliente m'appelle : son robot de réponse reste muet.\n"
        "Le jour même, OpenAI avait retiré l'accès à son API aux sociétés contrôlées par des fonds sanctionnés, "
        "sans préavis.\n"
        "Nous avons basculé sur un autre fournisseur dans la soirée, au prix de quelques réglages de prompts.\n"
        "Morale de l'histoire : lisez les conditions d'utilisation de vos fournisseurs au moins une fois par an."
    )
    out = summarise(
        text,
        "Une cliente privée de l'API d'OpenAI du jour au lendemain",
        must=((0, text.index("\n")),),
        names=("api d'openai", "openai"),
        day=date(2026, 2, 10),
    )
    f = fold(out)
    assert "mardi" in f and "retire l'acces" in f
    assert "morale" not in f


def test_the_day_named_is_the_outage_day_not_the_announcement_day() -> None:
    text = (
        "Le modèle de Gemini mis en ligne vendredi répondait à côté des questions les plus simples.\n"
        "Google a annoncé mardi le retrait de cette version de Gemini, après une vague de critiques d'utilisateurs "
        "professionnels et d'enseignants.\n"
        "Depuis vendredi, les captures de réponses incohérentes de Gemini circulaient sur les réseaux sociaux.\n"
        "Le groupe promet des tests plus longs avant chaque nouvelle version de son assistant."
    )
    out = summarise(
        text,
        "Google retire une version de Gemini jugée défaillante",
        names=("gemini",),
        day=date(2026, 1, 16),
    )
    f = fold(out)
    assert "vendredi" in f and "gemini" in f
    assert "incoheren" in f or "a cote des questions" in f


def test_this_morning_in_a_note_about_last_night_is_not_the_outage_day() -> None:
    text = (
        "Il était presque 22 heures hier soir quand mes requêtes ont commencé à échouer.\n"
        "Rapidement, les forums ont confirmé que Le Chat était en panne pour beaucoup d'utilisateurs.\n"
        "Mistral AI a expliqué plus tard qu'un déploiement raté avait saturé ses serveurs.\n"
        "Ce matin, j'ai ajouté une seconde clé d'API, chez un autre fournisseur, à ma configuration."
    )
    out = summarise(
        text,
        "Le Chat en rade hier soir : mes notes",
        must=((text.index("Rapidement"), text.index("Mistral AI") - 1),),
        names=("le chat",),
        day=date(2026, 4, 14),
        today=date(2026, 4, 15),
    )
    f = fold(out)
    assert "hier soir" in f and "le chat etait en panne" in f


def test_a_short_sentence_is_taken_when_it_alone_gives_the_day() -> None:
    text = (
        "Pendant des semaines, des abonnés ont trouvé Perplexity moins précis, ses sources plus approximatives.\n"
        "Jeudi 9 octobre, l'entreprise a publié un compte rendu : trois bugs distincts expliquaient la baisse de "
        "qualité.\n"
        "Tout a commencé le 2 septembre.\n"
        "Un changement de configuration envoyait une partie des requêtes vers des serveurs mal réglés."
    )
    out = summarise(text, "Perplexity reconnaît trois bugs", names=("perplexity",), day=date(2025, 9, 2))
    f = fold(out)
    assert "2 septembre" in f and "bugs" in f and "perplexity" in f


def test_a_summary_sharing_no_word_with_the_headline_gives_way_to_the_story() -> None:
    """The central sentence is a side remark (it names the service as never sold there) and the report sentence is
    the announcement: together they name a service, a day and outage words, but not the headline's story."""
    text = (
        "Rubrique Monde\n"
        "Ce mardi, Google a commencé à refuser les appels venant de Biélorussie, comme le groupe l'avait annoncé.\n"
        "La firme range ce territoire parmi les régions non desservies : Gemini n'y a jamais été commercialisé "
        "officiellement, mais bien des sociétés locales passaient par des serveurs situés à l'étranger, souvent loués "
        "au mois ou à l'année auprès d'hébergeurs peu regardants, pour atteindre malgré tout les régions non "
        "desservies.\n"
        "Le préavis était tombé par courriel le 3 mars.\n"
        "Les sociétés locales cherchent maintenant d'autres serveurs à l'étranger, hors des régions non desservies.\n"
        "Plusieurs sociétés locales disent que les régions non desservies se multiplient pour les serveurs loués."
    )
    must = ((text.index("Le préavis"), text.index("Les sociétés locales cherchent") - 1),)
    out = summarise(
        text,
        "Google ferme la porte aux développeurs de Biélorussie",
        must=must,
        names=("gemini",),
        day=date(2026, 3, 3),
    )
    assert fold(out).startswith("ce mardi, google a commence a refuser les appels")


# --- summaries: a behaviour incident says how the service misbehaved ---------------------------------------------


def test_a_misbehaving_model_is_summarised_with_the_failure_word() -> None:
    text = (
        "Cette nuit, vers une heure, Copilot s'est mis à répondre en mélangeant trois langues dans la même phrase.\n"
        "Les réponses arrivaient vite, mais elles étaient parfaitement incohérentes.\n"
        "Le « Resolved » est apparu ce matin à 7 h 30 sur la page d'état de Microsoft.\n"
        "Microsoft évoque une mise à jour du serveur d'inférence, retirée depuis."
    )
    out = summarise(text, "Copilot déraisonne toute une nuit", names=("copilot",), day=date(2026, 5, 6))
    f = fold(out)
    assert "copilot" in f and "cette nuit" in f and "incoheren" in f


def test_a_summary_that_already_says_everything_is_left_alone() -> None:
    text = (
        "ChatGPT est inaccessible depuis ce lundi 4 mai, vers 14 h, pour une partie des utilisateurs européens.\n"
        "OpenAI dit enquêter sur l'incident, qui touche aussi son API.\n"
        "Les développeurs se sont rabattus sur d'autres assistants en attendant le retour du service."
    )
    out = summarise(text, "Panne de ChatGPT ce lundi", names=("chatgpt",), day=date(2026, 5, 4))
    assert out.startswith("ChatGPT est inaccessible depuis ce lundi 4 mai")


# --- relevance: homonyms of AI names, API errors of AI providers -------------------------------------------------


def test_a_racing_driver_named_kimi_is_no_ai_news() -> None:
    an = analyse_document(
        doc(
            "Kimi, l'homme qui ne parlait qu'à sa monoplace",
            "Kimi Räikkönen a couru son dernier Grand Prix de Formule 1 dimanche, au volant d'une Alfa Romeo.\n"
            "Le pilote finlandais n'a jamais aimé les conférences de presse.\n"
            "Kimi, lui, préférait les réglages de sa voiture aux micros tendus dans le paddock.\n"
            "Ses mécaniciens se souviennent d'un homme drôle, à condition de le connaître.",
        )
    )
    assert not an.is_ai and "kimi" not in an.products


def test_the_moonshot_assistant_kimi_is_still_found() -> None:
    an = analyse_document(
        doc(
            "Kimi, le chatbot de Moonshot AI, dépasse les cent millions d'utilisateurs",
            "Le chatbot Kimi, développé par la start-up pékinoise Moonshot AI, revendique cent millions "
            "d'utilisateurs.\nKimi rivalise avec les modèles de DeepSeek sur les tâches de raisonnement.",
        )
    )
    assert an.is_ai and "kimi" in an.products


def test_ships_named_mistral_are_not_mistral_ai_even_beside_the_word_modele() -> None:
    an = analyse_document(
        doc(
            "Les Mistral de Saint-Nazaire, dix ans après",
            "Les deux porte-hélicoptères de la classe Mistral, construits à Saint-Nazaire, ont rejoint la marine "
            "égyptienne en 2016.\nLes navires du même modèle restés en France portent les noms Mistral, Tonnerre et "
            "Dixmude.\nLe chantier naval emploie toujours près de trois mille personnes sur le site nazairien.\n"
            "Un troisième Mistral, livré plus tard, a été salué pour sa manœuvrabilité dans le port.",
        )
    )
    assert not an.is_ai and "mistral-ai" not in an.companies


def test_mistral_ai_named_firmly_survives_a_weather_word() -> None:
    an = analyse_document(
        doc(
            "Mistral AI ouvre un bureau à Marseille",
            "Mistral AI installe une équipe de quarante personnes près du Vieux-Port.\n"
            "Les locaux, exposés au vent, dominent la rade.\nMistral y développera ses modèles de langage.",
        )
    )
    assert an.is_ai and "mistral-ai" in an.companies


def test_a_client_note_on_overloaded_errors_is_ai_news() -> None:
    an = analyse_document(
        doc(
            "3 h 10, overloaded_error en série",
            "Vers 3 h 10, nos appels vers l'API d'Anthropic sont revenus un par un en overloaded_error.\n"
            "Nos relances automatiques ont aggravé la file d'attente pendant près d'une heure.\n"
            "La page de statut a signalé l'incident une vingtaine de minutes plus tard.\n"
            "Prochaine étape : un délai exponentiel et un plafond de requêtes en vol devant chaque worker de la "
            "chaîne de traitement, pour ne plus transformer une alerte en tempête de relances.",
            lead="Une astreinte agitée et des relances qui s'emballent.",
        )
    )
    assert an.is_ai


def test_a_web_server_note_on_http_errors_is_not_ai_news() -> None:
    an = analyse_document(
        doc(
            "3 h 10, erreurs 503 en série",
            "Vers 3 h 10, notre serveur web a renvoyé des erreurs 503 sur la moitié des pages.\n"
            "Nos relances automatiques ont aggravé la file d'attente pendant près d'une heure.\n"
            "Prochaine étape : un délai exponentiel devant chaque worker.",
        )
    )
    assert not an.is_ai


# --- entities: investors of AI rounds are companies ---------------------------------------------------------------


def test_usual_investors_of_ai_rounds_are_companies() -> None:
    an = analyse_document(
        doc(
            "Anthropic lève de nouveaux fonds",
            "Le tour de table d'Anthropic réunit Fidelity, Coatue, General Atlantic et le fonds MGX.\n"
            "La start-up dit vouloir financer ses centres de calcul pour Claude.",
        )
    )
    assert {"fidelity", "coatue", "general-atlantic", "mgx", "anthropic"} <= set(an.companies)


def test_the_gazetteer_knows_investors_as_non_ai_companies() -> None:
    g = gazetteer()
    for slug in ("fidelity", "mgx", "tiger-global", "insight-partners", "founders-fund"):
        ent = g.entities[f"company:{slug}"]
        assert not ent.ai_native


# --- summaries read the standfirst (fourth session, 2026-12-06) -----------------------------------------------------


STANDFIRST_BODY = [
    "Vers midi, les premiers messages d'erreur ont remplacé les réponses de l'assistant d'OpenAI.",
    "Sur ChatGPT, les conversations se figeaient au milieu d'une phrase, et le site affichait une page blanche chez "
    "beaucoup d'abonnés.",
    "Le prestataire qui protège le site contre les attaques avait changé une configuration dans la matinée, selon "
    "ses ingénieurs.",
    "Le service est revenu en milieu d'après-midi pour la plupart des utilisateurs que nous avons pu joindre.",
]


def test_the_standfirst_that_alone_names_the_day_goes_into_the_summary() -> None:
    lead = "Une panne chez un prestataire réseau a privé mardi les abonnés de ChatGPT d'accès pendant trois heures."
    d = doc(
        "ChatGPT inaccessible une bonne partie de l'après-midi",
        "\n".join(STANDFIRST_BODY),
        published="2025-11-18T18:00",
        lead=lead,
    )
    a = analyse_document(d)
    assert a.outage is not None and a.outage.day == date(2025, 11, 18)
    assert "mardi" in fold(a.summary) and a.summary.count(lead) == 1, a.summary


def test_a_standfirst_repeated_by_the_body_is_not_said_twice() -> None:
    lead = "Une panne chez un prestataire réseau a privé mardi les abonnés de ChatGPT d'accès pendant trois heures."
    d = doc(
        "ChatGPT inaccessible une bonne partie de l'après-midi",
        "\n".join([lead, *STANDFIRST_BODY]),
        published="2025-11-18T18:00",
        lead=lead,
    )
    summary = analyse_document(d).summary
    assert summary.count("a privé mardi") == 1, summary


def test_the_summary_names_the_headlines_service_not_only_a_service_dragged_along() -> None:
    """Under « ChatGPT a lâché…, entraînant Sora… », a summary naming Sora only does not say whose outage it was."""
    text = (
        "La coupure a commencé jeudi 26 décembre vers 19 heures, heure de Paris.\n"
        "Le chatbot d'OpenAI s'est alors mis à renvoyer des messages d'erreur à la chaîne. Sora, le générateur "
        "vidéo de la maison, a flanché au même moment, tout comme l'interface proposée aux développeurs.\n"
        "La page d'état de l'entreprise a reconnu un incident majeur peu après.\n"
        "Pour beaucoup d'abonnés, ChatGPT est resté inaccessible jusqu'au milieu de la nuit.\n"
        "Le service est revenu vendredi matin, selon l'entreprise."
    )
    a = analyse_document(
        doc(
            "Soirée noire : ChatGPT a lâché pendant des heures, entraînant Sora et l'API d'OpenAI avec lui",
            text,
            published="2024-12-27T09:00",
        )
    )
    assert a.outage is not None and "chatgpt" in a.outage.services and "sora" in a.outage.services
    assert "chatgpt" in fold(a.summary), a.summary


def test_a_summary_says_where_when_the_headline_names_the_region() -> None:
    # the central sentences tell the failure and the day; where (the headline's country) only a later one says, by
    # its adjective
    text = (
        "Depuis ce mardi 9 décembre au matin, Copilot est en panne et affiche des erreurs à la chaîne.\n"
        "Les requêtes restent sans réponse de longues minutes, quand elles ne sont pas rejetées avec un message "
        "d'erreur laconique.\n"
        "Microsoft évoque un afflux inattendu de trafic et dit ajuster ses capacités au fil de la matinée.\n"
        "Les salariés britanniques ont dû se rabattre sur leurs vieilles méthodes de travail.\n"
        "Les sites de signalement ont compté plusieurs milliers de plaintes en deux heures."
    )
    out = summarise(text, "Copilot en panne au Royaume-Uni", names=("copilot",), day=date(2025, 12, 9))
    f = fold(out)
    assert "britanni" in f, out
    assert "copilot" in f and "mardi 9 decembre" in f and "panne" in f


def test_a_summary_says_again_the_headlines_plain_word_for_what_happened() -> None:
    # the central sentences say it in images ("porte close", "sourd"); the headline's plain word comes in a short,
    # less central one
    text = (
        "Les utilisateurs de Grok ont trouvé porte close ce jeudi 14 août, dès les premières heures de la journée.\n"
        "Le chatbot de Grok est resté sourd aux questions des utilisateurs, sur le web comme dans les applications "
        "de Grok.\n"
        "Les utilisateurs de Grok ont multiplié les plaintes, faute de réponse du chatbot de xAI.\n"
        "Le site était inaccessible.\n"
        "La société n'a donné aucune explication à l'heure où nous écrivons."
    )
    out = summarise(text, "Grok inaccessible ce jeudi 14 août", names=("grok",), day=date(2025, 8, 14))
    f = fold(out)
    assert "inaccessible" in f, out
    assert "grok" in f and "jeudi 14 aout" in f


def test_a_summary_says_what_happened_plainly_when_the_headline_only_speaks_in_images() -> None:
    # the headline is a metaphor; the central sentences say it in images ("sans réponse", "page blanche"); the
    # plain word ("panne") comes in a short, less central sentence, and the day must stay
    text = (
        "Ce lundi 3 mars, les abonnés de Claude sont restés sans réponse dès le milieu de la matinée.\n"
        "Les abonnés de Claude ont fixé une page blanche pendant de longues minutes, sur le web comme dans "
        "l'application de Claude.\n"
        "Les abonnés de Claude ont relancé leurs requêtes de Claude encore et encore, sans obtenir la moindre "
        "ligne de Claude.\n"
        "Les abonnés de Claude sur mobile ont vécu la même matinée que les abonnés de Claude sur le web.\n"
        "Un développeur lyonnais parle d'une panne.\n"
        "Anthropic n'a donné aucune explication à l'heure où nous écrivons."
    )
    out = summarise(
        text, "Le grand silence de l'assistant d'Anthropic", names=("claude",), day=date(2025, 3, 3)
    )
    f = fold(out)
    assert "panne" in f, out
    assert "claude" in f and "lundi 3 mars" in f


def test_a_plain_word_the_text_denies_does_not_say_what_happened() -> None:
    # "ne parle ni de panne ni de bug" has the word but says the opposite: the sentence that says how the service
    # was held back stays in the summary
    text = (
        "La mise à jour publiée mardi 14 octobre apporte Gemini, que les téléphones européens ne verront pas.\n"
        "Les utilisateurs européens ont cherché en vain le bouton de Gemini dans leur barre de recherche, "
        "mardi 14 octobre, après la mise à jour.\n"
        "Google ne parle ni de panne ni de bug, et rien à voir avec une coupure du service.\n"
        "Gemini n'est pas proposé dans l'Espace économique européen, pour des raisons réglementaires."
    )
    out = summarise(text, "Gemini absent des téléphones européens", names=("gemini",), day=date(2025, 10, 14))
    f = fold(out)
    assert "ni de panne" not in f and "rien a voir" not in f, out
    assert "gemini" in f and "mardi 14 octobre" in f


def test_the_outages_day_opens_a_summary_whose_sentences_do_not_say_it() -> None:
    # every sentence that fits tells what and how, none says when: the day the analysis found opens the summary
    text = (
        "Les développeurs qui appellent Vertex AI ont vu leurs requêtes échouer une à une pendant plusieurs heures. "
        "Les assistants internes de nombreuses entreprises sont restés muets, faute de réponse du service. "
        "Google a publié un rapport détaillé sur la cause de l'incident, une règle de quota mal formée."
    )
    out = summarise(
        text,
        "Vertex AI en panne",
        names=("vertex ai",),
        day=date(2025, 6, 12),
        today=date(2025, 6, 13),
        sure_day=True,
    )
    assert out.startswith("Jeudi 12 juin – ")
    # a year not the article's own is said; a day that is only a guess (first sight) is not put forward
    later = summarise(
        text,
        "Vertex AI en panne",
        names=("vertex ai",),
        day=date(2025, 6, 12),
        today=date(2026, 1, 5),
        sure_day=True,
    )
    assert later.startswith("Jeudi 12 juin 2025 – ")
    guess = summarise(
        text, "Vertex AI en panne", names=("vertex ai",), day=date(2025, 6, 12), today=date(2025, 6, 13)
    )
    assert "juin" not in guess
    # a summary that says the day already is left as it is
    said = summarise(
        "Jeudi, " + text[0].lower() + text[1:],
        "Vertex AI en panne",
        names=("vertex ai",),
        day=date(2025, 6, 12),
        today=date(2025, 6, 13),
        sure_day=True,
    )
    assert said.startswith("Jeudi, les développeurs")
