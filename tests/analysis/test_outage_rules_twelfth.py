"""General rules for classes found in the twelfth session (set FL's buried outages, the tuned blind sets FR, FS, FT
and FV), each on short French texts written for these tests (not taken from any page)."""

from __future__ import annotations

from app.analysis import analyse_document
from app.analysis.outage_words import BEYOND
from app.analysis.outages import _kinds
from app.analysis.timeexpr import find_clocks, find_days
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc, outage, paris


def test_a_coding_agent_in_the_headline_is_ai_news() -> None:
    """« une journée avec un agent de code »: a coding agent is AI vocabulary, like « agent de programmation »."""
    title = "Graphistes indépendants : une semaine avec un agent de code"
    lead = "Ils ont confié à un outil la moitié de leurs scripts. Reportage auprès de trois freelances."
    text = (
        "Margaux Petit ouvre son terminal à huit heures. Elle lance Claude Code sur le dépôt d'un client et relit "
        "ce que l'outil propose. Le reste de la journée se passe en réunions. Les tarifs n'ont pas bougé. "
        "Le soir, elle relit les modifications de Claude Code avant de les envoyer."
    )
    assert analyse_document(doc(title, text, "2026-03-03T09:00", lead=lead)).is_ai
    # guard: without the coding agent, a freelance reportage is not AI news
    plain = doc(
        "Graphistes indépendants : une semaine avec un nouveau client",
        text.replace("Claude Code", "Figma"),
        "2026-03-03T09:00",
        lead=lead.replace("un outil", "un stagiaire"),
    )
    assert not analyse_document(plain).is_ai


# --- an outage told in one paragraph deep in a long article -----------------------------------------------------

# Neutral sentences of a business piece, which push the outage paragraph deep into the body
_BUSINESS = (
    "Les cabinets de conseil multiplient les contrats avec les éditeurs. Les licences se négocient par poste. "
    "Les directions financières réclament des chiffres. Les équipes suivent des formations d'une demi-journée. "
    "Certains associés restent sceptiques. D'autres ont fait des assistants un argument commercial. "
    "Les clients posent des questions sur la confidentialité. Les contrats prévoient des clauses nouvelles. "
    "Les tarifs publics ont peu bougé depuis l'an dernier. Les remises dépendent du volume. "
    "Les cabinets de taille moyenne hésitent encore. Les plus grands ont déjà tranché. "
    "La profession attend les recommandations de son ordre. Les syndicats de salariés observent. "
    "Quatre heures à l'arrêt\n"
    "La fragilité de ces organisations est apparue au grand jour cette semaine. "
)


def test_systems_that_gave_way_under_the_load_are_down() -> None:
    """« ses systèmes avaient plié sous un afflux jamais vu »: an outage word, like « saturés »."""
    kinds = _kinds(fold("Anthropic a expliqué que ses serveurs avaient plié sous un afflux jamais vu"))
    assert IncidentKind.OUTAGE in kinds, kinds
    assert not _kinds(fold("Le cabinet a plié bagage en juin"))


def test_a_buried_report_naming_only_the_maker_hits_the_product_its_paragraph_names() -> None:
    """A heading three sentences up (« Quatre heures à l'arrêt »), then « Lundi, … dès 12 h 49 … sur le site de
    Claude », then « Anthropic a expliqué que ses systèmes avaient plié… ; l'API, elle, continuait de répondre
    normalement »: Claude, on Monday; the API spared, and a cap named earlier in the article not part of it."""
    title = "Développeurs indépendants : le coût caché des assistants d'IA"
    half = _BUSINESS.index("Les tarifs publics")
    text = (
        _BUSINESS[:half]
        + "Certains jonglent entre deux abonnements pour ne jamais rester bloqués par les plafonds d'usage de l'API "
        "d'Anthropic. "
        + _BUSINESS[half:]
        + "Lundi, dès 12 h 49, une foule d'abonnés s'est heurtée à un écran de connexion récalcitrant sur le site de "
        "Claude, et ce jusqu'à 16 h 47. Anthropic a expliqué que ses systèmes d'identification avaient plié sous un "
        "afflux jamais vu ; l'API, elle, continuait de répondre normalement. Les forums ont vite fait circuler des "
        "conseils."
    )
    report = outage(title, text, "2026-03-03T09:00")
    assert report is not None and report.services == ("claude",), report and report.services
    assert str(report.day) == "2026-03-02", report.day


def test_a_money_headline_may_bury_a_fresh_outage() -> None:
    """« …la facture suit » (money words), then four sections on « Ce mardi 9 décembre… Copilot est devenu muet…
    les demandes tournaient dans le vide »: the degradation of that day."""
    title = "Cabinets comptables : l'assistant d'IA entre dans les dossiers, la facture suit"
    text = _BUSINESS.replace("Quatre heures à l'arrêt\n", "La dépendance revient sur la table\n") + (
        "Ce mardi 9 décembre, les équipes ont eu un aperçu très concret de ce risque. Dès la matinée, Copilot est "
        "devenu muet pour bon nombre de ses clients : les demandes tournaient dans le vide ou finissaient sur un "
        "message d'erreur. Microsoft a reconnu l'incident sur sa page d'état des services. Les comptes rendus ont "
        "été refaits au clavier."
    )
    report = outage(title, text, "2025-12-09T17:30")
    assert report is not None and report.services == ("copilot",) and str(report.day) == "2025-12-09", report
    # guard: the same paragraph about the month before is a recall
    old = text.replace("Ce mardi 9 décembre, les équipes ont eu", "En novembre, les équipes avaient eu")
    assert (
        analyse_document(doc(title, old.replace("Dès la matinée", "Un matin"), "2025-12-09T17:30")).outage
        is None
    )


def test_a_buried_report_is_dated_by_its_own_paragraph() -> None:
    """Three paragraphs before « Mardi soir, vers 21 heures, … ChatGPT était en panne », the review says « un
    dimanche consacré au ménage »: the outage is Tuesday's, not Sunday's."""
    title = "Trois semaines avec la formule d'entrée de gamme d'un assistant d'IA"
    text = (
        _BUSINESS.replace("Quatre heures à l'arrêt\n", "")
        + "Nous n'avons touché le plafond de messages qu'une seule fois, un dimanche consacré au ménage des papiers. "
        "La formule convient à un usage familial. Les réponses restent rapides. Le mode vocal est inclus. "
        "Mardi soir, vers 21 heures, l'application s'est figée puis a refusé toute question en affichant un message "
        "d'erreur. ChatGPT était en panne pour tout le monde, quelle que soit la formule. Le lendemain matin, tout "
        "fonctionnait."
    )
    report = outage(title, text, "2026-02-04T12:10")
    assert report is not None and str(report.day) == "2026-02-03", report and report.day


def test_the_day_said_with_the_end_gives_the_start_s_day_before_it() -> None:
    """« dès 16 h 45, une panne… Copilot est resté muet… n'a déclaré l'incident clos qu'à 1 h 05 jeudi matin »:
    Thursday is the end's day; the start at 16:45 came the day before."""
    title = "Sept jours en ligne : OpenAI change de statut, le nuage de Microsoft se voile"
    text = (
        "Dès 16 h 45 à Paris, une panne d'Azure Front Door a déclenché une avalanche d'erreurs. Copilot, "
        "l'assistant d'IA de Microsoft, est resté muet une bonne partie de la soirée. "
        "L'entreprise est revenue à une "
        "version antérieure et n'a déclaré l'incident clos qu'à 1 h 05 jeudi matin, soit plus de huit heures de "
        "perturbations."
    )
    report = outage(title, text, "2025-11-01T08:00")
    assert report is not None and str(report.day) == "2025-10-29", report and report.day
    assert report.start is not None and report.start.hour == 16, report.start


def test_an_outage_past_the_sentences_read_first_is_found() -> None:
    """A reportage whose outage paragraph starts past its fortieth sentence: « Un peu après 19 heures, ChatGPT s'est
    arrêté net : … chaque nouvelle question se soldait par un message d'erreur » (two outage words and its own
    time: no other sentence of outage words needed)."""
    title = "Devoirs du soir : l'assistant d'IA s'invite à la table de la cuisine"
    filler = " ".join(
        f"La famille numéro {n} raconte une soirée ordinaire autour des cahiers." for n in range(45)
    )
    text = (
        filler
        + " Mardi soir, justement, la séance de Margaux a tourné court. Un peu après 19 heures, ChatGPT s'est "
        "arrêté net : la colonne de ses conversations passées s'est vidée, et chaque nouvelle question se soldait "
        "par un message d'erreur. Son père a redémarré la box. Elle a rouvert son manuel."
    )
    report = outage(title, text, "2025-12-03T06:30")
    assert report is not None and report.services == ("chatgpt",) and str(report.day) == "2025-12-02", report
    # guard: without its own time, the lone sentence is not enough
    untimed = text.replace("Un peu après 19 heures, ChatGPT", "Ce soir-là, ChatGPT")
    assert analyse_document(doc(title, untimed, "2025-12-03T06:30")).outage is None


# --- dating (set FS: night outages, other zones, days of other events) ------------------------------------------


def test_this_night_from_one_weekday_to_the_next_and_minutes_spelled_out() -> None:
    """« Cette nuit, de mercredi à jeudi » is the night (its second day for a time after midnight); « minuit seize »
    is 0:16; « Sora, que le grand public découvre depuis lundi, » is a description, not the outage's day."""
    pub = paris("2024-12-12T08:50")
    (night,) = find_days(fold("Cette nuit, de mercredi à jeudi, plus rien ne répondait"), pub)
    assert (str(night.day), str(night.night_to)) == ("2024-12-11", "2024-12-12")
    assert [(c.hour, c.minute) for c in find_clocks(fold("entre minuit seize et 4 h 38 à Paris"))] == [
        (0, 16),
        (4, 38),
    ]
    assert [(c.hour, c.minute) for c in find_clocks(fold("vers midi vingt-cinq"))] == [(12, 25)]
    title = "OpenAI plonge dans le noir : quatre heures sans ChatGPT"
    text = (
        "Cette nuit, de mercredi à jeudi, plus rien ne répondait chez OpenAI à compter de 0 h 16 en France. "
        "Peu après minuit, ChatGPT ne produisait plus que des pages d'erreur, et il n'était pas seul : Sora, que le "
        "grand public découvre depuis lundi, était aussi en panne."
    )
    report = outage(title, text, "2024-12-12T08:50")
    assert report is not None and str(report.day) == "2024-12-12", report and report.day


def test_the_day_after_an_end_verb_and_a_clock_read_on_beijing_s_clocks() -> None:
    """« Commencée dimanche…, la panne ne s'est achevée que lundi matin » starts on Sunday; « 21 h 35 aux horloges
    de Pékin, 15 h 35 aux nôtres » is 15:35 in Paris."""
    clocks = find_clocks(fold("il était 21 h 35 aux horloges de Pékin, 15 h 35 aux nôtres"))
    assert [(c.hour, c.minute) for c in clocks] == [(15, 35)], clocks
    title = "DeepSeek coupé près de treize heures : la plus longue panne de l'assistant chinois"
    lead = (
        "Commencée dimanche en soirée chinoise, en plein après-midi français, la panne de DeepSeek ne s'est achevée "
        "que lundi matin à Pékin."
    )
    report = outage(title, "Les utilisateurs ont patienté toute la nuit.", "2026-03-30T12:40", lead=lead)
    assert report is not None and str(report.day) == "2026-03-29", report and report.day


def test_a_trend_that_goes_beyond_one_service_tells_another_s_story() -> None:
    """« La tendance dépasse le seul chatbot d'OpenAI : l'Australie, depuis le 10 décembre, ferme l'accès… »: not the
    day of ChatGPT's restriction, announced « ce mardi »."""
    title = "ChatGPT estime désormais l'âge de chaque compte et restreint ceux qu'il croit mineurs"
    lead = "OpenAI active ce mardi un modèle de prédiction de l'âge : les comptes estimés mineurs sont restreints."
    text = (
        "Le modèle s'appuie sur les habitudes d'usage. Les adultes mal classés pourront prouver leur âge. "
        "La tendance dépasse le seul chatbot d'OpenAI : l'Australie, depuis le 10 décembre, ferme l'accès des "
        "plateformes sociales aux moins de 16 ans."
    )
    report = outage(title, text, "2026-01-20T21:05", lead=lead)
    assert report is not None and str(report.day) == "2026-01-20", report and report.day
    assert BEYOND.search(fold("la tendance dépasse le seul chatbot d'")) is not None
    # guard: a service named beside a house-made tool is not a reference ("l'outil d'IA maison de Microsoft")
    assert BEYOND.search(fold("l'outil d'IA maison de ")) is None


def test_a_brake_put_on_image_generation_dated_by_the_statement_before_it() -> None:
    """« le coup de frein d'OpenAI » and « des limites de débit temporaires » are restriction words; the decision is
    dated by the sentence before, « Jeudi 27 mars, Sam Altman a reconnu… », not by the launch two days before."""
    assert IncidentKind.RESTRICTION in _kinds(fold("six questions sur le coup de frein d'OpenAI"))
    assert IncidentKind.RESTRICTION in _kinds(
        fold("des limites de débit temporaires s'appliquent aux images")
    )
    assert not _kinds(fold("un coup de frein sur la croissance des ventes"))
    title = "Images façon Ghibli dans ChatGPT : six questions sur le coup de frein d'OpenAI"
    text = (
        "Votre fil d'actualité ressemble à un festival d'animation ? Vous n'êtes pas seul. Derrière ces portraits se "
        "joue une histoire moins poétique. Voici l'essentiel, en six questions. D'où sort cette vague de dessins ? "
        "Tout part d'une nouveauté. "
        "Mardi 25 mars, ChatGPT s'est doté d'une fonction de création d'images native. Le succès a été immédiat. "
        "Les réseaux débordent de portraits pastel. Les illustrateurs s'inquiètent. Le débat sur le droit d'auteur "
        "reprend. Jeudi 27 mars, Sam Altman a reconnu sur X que la demande dépassait les capacités de l'entreprise. "
        "Conséquence annoncée dans le même message : des limites de débit temporaires s'appliquent à la génération "
        "d'images."
    )
    report = outage(title, text, "2025-03-28T12:30")
    assert (
        report is not None and report.kind == IncidentKind.RESTRICTION and str(report.day) == "2025-03-27"
    ), report


# --- precision (set FT) and buried paragraphs (set FR) -----------------------------------------------------------


def test_a_rumour_the_headline_says_does_not_hold_is_no_restriction() -> None:
    """« la rumeur d'un ChatGPT réduit au silence ne tient pas »: a fact-check, no incident."""
    title = "Santé, droit : la rumeur d'un ChatGPT réduit au silence ne tient pas"
    text = (
        "Ce week-end, des milliers de publications ont affirmé qu'OpenAI venait de museler ChatGPT : l'assistant "
        "n'aurait plus le droit de donner un avis médical. Lundi, un responsable d'OpenAI a démenti sur X. Les règles "
        "d'usage n'ont pas changé, a-t-il précisé."
    )
    assert analyse_document(doc(title, text, "2025-11-04T10:15")).outage is None


def test_a_restriction_that_ends_is_none() -> None:
    """« la suite d'outils cesse d'être tenue à l'écart des iPhone de l'Union européenne »: lifted."""
    title = "Apple Intelligence arrive enfin en France avec iOS 18.4"
    text = (
        "Avec iOS 18.4, disponible ce lundi, les outils d'IA d'Apple arrivent sur les iPhone utilisés en France. "
        "Surtout, la suite d'outils cesse d'être tenue à l'écart des iPhone et des iPad utilisés dans l'Union "
        "européenne. Apple Intelligence parle désormais français."
    )
    assert analyse_document(doc(title, text, "2025-03-31T20:30")).outage is None
    assert not _kinds(fold("ChatGPT n'est plus bloqué en Italie"))


def test_a_buried_paragraph_may_open_three_sentences_up_and_keeps_its_own_kind() -> None:
    """« Ce mercredi 29 octobre, … les ennuis ont débuté à 16 h 45 », then the provider's brick, the suite, then
    « Copilot … ne répondait plus »: Copilot's outage of that day, deep in a quarterly-results piece."""
    title = "Microsoft : un trimestre à 77,7 milliards de dollars, Azure en hausse de 40 %"
    text = _BUSINESS.replace(
        "Quatre heures à l'arrêt\n", "La journée a rappelé la fragilité de la machine.\n"
    ) + (
        "Ce mercredi 29 octobre, quelques heures avant les comptes, les ennuis ont débuté pour une partie des "
        "clients du groupe à 16 h 45, heure française. La brique qui accueille le trafic a commencé à aligner les "
        "erreurs. Outlook et Teams sont devenus inaccessibles ou très lents. Copilot, l'assistant d'IA du groupe, ne "
        "répondait plus pour nombre d'utilisateurs. Microsoft a mis en cause une modification de configuration. "
        "Le rétablissement progressait en soirée."
    )
    report = outage(title, text, "2025-10-29T23:40")
    assert report is not None and report.kind == IncidentKind.OUTAGE and report.services == ("copilot",), (
        report
    )
    assert str(report.day) == "2025-10-29", report.day


def test_a_night_between_two_dated_weekdays() -> None:
    """« entre le mardi 20 et le mercredi 21 février, au cœur de la nuit » and « dans la nuit du mardi 20 au mercredi
    21 février » are the night of the 20th to the 21st (not « entre le 20 et le 21 février, les ventes »)."""
    pub = paris("2024-02-22T09:00")
    for text in (
        "Entre le mardi 20 et le mercredi 21 février, au cœur de la nuit européenne, ChatGPT a déraillé",
        "Dans la nuit du mardi 20 au mercredi 21 février, ChatGPT a déraillé",
    ):
        (night,) = find_days(fold(text), pub)
        assert (str(night.day), str(night.night_to)) == ("2024-02-20", "2024-02-21"), text
    assert all(
        d.night_to is None for d in find_days(fold("entre le 20 et le 21 février, les ventes ont chuté"), pub)
    )


def test_the_night_said_before_two_weekdays() -> None:
    """« pendant la nuit, entre mercredi et jeudi » is a night (as « entre mercredi et jeudi, en pleine nuit » was);
    « entre mardi et mercredi, les ventes » is not."""
    pub = paris("2024-12-13T09:00")
    (night,) = find_days(fold("l'interruption est survenue pendant la nuit, entre mercredi et jeudi."), pub)
    assert (str(night.day), str(night.night_to)) == ("2024-12-11", "2024-12-12")
    (night,) = find_days(fold("dans la nuit parisienne, entre mardi et mercredi, ChatGPT a déraillé"), pub)
    assert str(night.night_to) == "2024-12-11"
    assert all(
        d.night_to is None for d in find_days(fold("entre mardi et mercredi, les ventes ont chuté"), pub)
    )


def test_a_restriction_buried_in_a_business_piece_with_its_own_full_date() -> None:
    """« Vendredi 28 novembre, … OpenAI a ramené à six vidéos par jour la limite des comptes gratuits de Sora », then
    « Google a abaissé de trois à deux le nombre d'images… » deep in a piece on the economics of free AI: a
    restriction of that Friday. Without its own date, a cap in such a piece stays background."""
    assert IncidentKind.RESTRICTION in _kinds(
        fold("Google a abaissé de trois à deux le nombre d'images par jour")
    )
    title = "La gratuité de l'IA générative, un produit d'appel qui coûte cher"
    text = _BUSINESS.replace(
        "Quatre heures à l'arrêt\n", "Le week-end où les compteurs se sont resserrés\n"
    ) + (
        "Vendredi 28 novembre, OpenAI a ramené à six vidéos par jour la limite de génération des comptes gratuits de "
        "Sora. Les abonnés payants ne sont pas concernés. Le même week-end, Google a abaissé de trois à deux le "
        "nombre d'images que les comptes gratuits peuvent créer chaque jour avec Nano Banana Pro. Les analystes y "
        "voient un tournant."
    )
    report = outage(title, text, "2025-12-01T07:00")
    assert (
        report is not None and report.kind == IncidentKind.RESTRICTION and str(report.day) == "2025-11-28"
    ), report
    assert "sora" in report.services, report.services
    undated = text.replace("Vendredi 28 novembre, OpenAI a ramené", "OpenAI a ramené")
    assert analyse_document(doc(title, undated, "2025-12-01T07:00")).outage is None


def test_a_checklist_before_blaming_the_provider_and_a_vendor_s_leak_report_nothing() -> None:
    """« ChatGPT ne répond plus ? Nos sept contrôles avant d'accuser OpenAI » is a guide; « Fuite chez Mixpanel : des
    données de clients de l'API d'OpenAI exposées, ChatGPT hors de cause » is a security story (the learned model's
    guess alone does not make it an outage)."""
    title = "ChatGPT ne répond plus ? Nos sept contrôles avant d'accuser OpenAI"
    text = (
        "Un écran qui tourne, un message d'échec : avant d'accuser OpenAI, quelques contrôles simples permettent de "
        "savoir d'où vient le blocage. La page d'état indique si une panne est en cours. Un pic de signalements peut "
        "venir d'une coupure chez un seul opérateur."
    )
    assert analyse_document(doc(title, text, "2026-02-10T09:00")).outage is None
    title = "Fuite chez Mixpanel : des données de clients de l'API d'OpenAI exposées, ChatGPT hors de cause"
    lead = "OpenAI a cessé d'utiliser l'outil d'analyse Mixpanel après une intrusion chez ce prestataire."
    text = (
        "Des noms et des adresses d'utilisateurs de son API ont été dérobés. Pas d'interruption à signaler : ni "
        "ChatGPT ni l'API n'ont connu le moindre accroc. OpenAI a prévenu les clients concernés par courriel."
    )
    assert analyse_document(doc(title, text, "2025-11-27T09:30", lead=lead)).outage is None


def test_a_headline_s_service_on_its_knees_and_pages_loading_without_end() -> None:
    """« Qwen à genoux : … » is down; « l'application s'est mise à tourner en rond : pages qui chargeaient sans fin »
    is a degradation; « à genoux devant ses actionnaires » is not."""
    assert IncidentKind.OUTAGE in _kinds(fold("Qwen à genoux : l'opération d'Alibaba sature son assistant"))
    assert not _kinds(fold("OpenAI à genoux devant ses investisseurs"))
    kinds = _kinds(fold("l'application s'est mise à tourner en rond : pages qui chargeaient sans fin"))
    assert IncidentKind.DEGRADATION in kinds, kinds


def test_a_month_s_tally_and_an_opening_clause_weeks_after_an_earlier_outage() -> None:
    """« Avril 2026, le mois où Claude a le plus flanché : notre relevé de fiabilité » reports no one event; « Moins de
    trois semaines après la coupure du 18 novembre, le réseau de Cloudflare a de nouveau renvoyé des erreurs ce
    vendredi » is Friday's outage, not the 18th's."""
    title = "Avril 2026, le mois où Claude a le plus flanché : notre relevé de fiabilité"
    text = (
        "Neuf jours avec au moins un incident déclaré sur la page d'état d'Anthropic. Le 15 avril, à 19 h 34, "
        "claude.ai est devenu inaccessible jusqu'à 20 h 52. Le 28, des erreurs intermittentes ont touché Claude Code."
    )
    assert analyse_document(doc(title, text, "2026-05-02T08:00")).outage is None
    title = "Cloudflare retombe en panne : Claude et Perplexity dans le noir"
    text = (
        "Moins de trois semaines après la coupure du 18 novembre, le réseau de Cloudflare a de nouveau renvoyé des "
        "erreurs en cascade ce vendredi : les premières sont tombées à 9 h 47. Claude et Perplexity étaient "
        "injoignables."
    )
    report = outage(title, text, "2025-12-05T12:10")
    assert report is not None and str(report.day) == "2025-12-05", report and report.day


def test_errors_one_after_another_and_a_single_point_of_failure() -> None:
    """« ChatGPT et l'API ont enchaîné les erreurs » is a degradation; « un point de défaillance unique » in an
    interview's headline is a risk, not a failure."""
    assert IncidentKind.DEGRADATION in _kinds(fold("ChatGPT et l'API d'OpenAI ont enchaîné les erreurs"))
    assert not _kinds(fold("Un seul fournisseur d'IA, c'est un point de défaillance unique"))
    title = "Armelle Duquesnoy : « Un seul fournisseur d'IA, c'est un point de défaillance unique »"
    text = (
        "La responsable data d'une mutuelle a fait passer ses conseillers à un routeur de modèles. Je me souviens "
        "très bien du 18 novembre dernier. En début d'après-midi, Cloudflare a flanché, et ChatGPT est devenu "
        "injoignable pour nos équipes pendant près de trois heures. Ce jour-là, j'ai obtenu mon budget."
    )
    assert analyse_document(doc(title, text, "2026-05-12T09:00")).outage is None


def test_others_dates_a_subscription_closed_and_a_default_setting() -> None:
    """« En Inde, …, plusieurs médias datent l'incident du mercredi 4 février » is the day others give (the outage
    was « mardi soir » in Paris); « Impossible, depuis ce mercredi 15 novembre, de souscrire » is a restriction of
    that day (not « coupés à plusieurs reprises le 8 novembre », a week before); « désactivé par défaut » is a
    setting the customer may change."""
    title = "ChatGPT en panne mardi soir : trois heures d'erreurs pour le chatbot et l'API"
    text = (
        "Les services d'OpenAI ont commencé à flancher hier vers 21 heures, heure de Paris. La panne a duré plus de "
        "trois heures. En Inde, où les signalements ont culminé à 1 h 55 du matin, heure locale, plusieurs médias "
        "datent l'incident du mercredi 4 février."
    )
    report = outage(title, text, "2026-02-04T09:00")
    assert report is not None and str(report.day) == "2026-02-03", report and report.day
    title = "ChatGPT Plus : OpenAI ferme le guichet des nouveaux abonnés"
    text = (
        "Impossible, depuis ce mercredi 15 novembre, de souscrire un nouvel abonnement à ChatGPT Plus. La demande "
        "excède ce que les serveurs peuvent absorber. Les jours précédents avaient été mouvementés : ChatGPT et l'API "
        "avaient été coupés à plusieurs reprises le 8 novembre."
    )
    report = outage(title, text, "2023-11-15T11:20")
    assert report is not None and str(report.day) == "2023-11-15", report and report.day
    assert not _kinds(fold("Claude dans Microsoft 365 Copilot : désactivé par défaut, à vous de trancher"))
