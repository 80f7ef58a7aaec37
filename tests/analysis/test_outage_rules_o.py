"""General rules for the classes set O missed, each on short French texts written for these tests (not taken from
its pages): a regulator asking the app stores to take an AI app down, models withdrawn from an assistant on a set
day, a subscription refused in third-party tools on purpose, errors on one request in two, a third-party cause
named in the title, a fix time that ends an outage, and an old outage recalled by a blog. Each class has look-alikes
that must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.kinds import IncidentKind

from .helpers import doc

# --- 1. a regulator asking the app stores to remove an app: a restriction, on the day of the request ---------------


def test_a_request_to_the_stores_to_block_an_app_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Rome demande à Google et Apple de retirer Grok de leurs boutiques",
            "L'autorité italienne de la concurrence a adressé ce mercredi sa demande aux deux magasins "
            "d'applications, estimant que l'assistant de xAI enfreint le droit européen.",
            "2026-02-11T16:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "grok" in a.outage.services
    assert a.outage.day == date(2026, 2, 11)


def test_a_request_to_the_stores_for_something_else_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Rome demande à Apple et Google des explications sur Grok",
            "L'autorité italienne a écrit ce mercredi aux deux groupes pour savoir comment l'assistant de xAI est "
            "présenté dans leurs boutiques, sans réclamer son retrait.",
            "2026-02-11T16:00",
        )
    )
    assert a.outage is None


# --- 2. models withdrawn from an assistant: a restriction of the models, not of the assistant -----------------------


def test_models_gone_from_the_picker_are_restricted_not_the_assistant() -> None:
    a = analyse_document(
        doc(
            "GPT-4.1 disparaît du sélecteur de ChatGPT, avec o4-mini",
            "Depuis ce lundi 2 mars, les abonnés ne trouvent plus GPT-4.1 ni o4-mini dans le menu : OpenAI a "
            "retiré les deux modèles comme prévu, et ChatGPT fonctionne normalement avec les modèles récents.",
            "2026-03-02T15:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert {"gpt-4-1", "o4-mini"} <= set(a.outage.services)
    assert "chatgpt" not in a.outage.services
    assert a.outage.day == date(2026, 3, 2)


def test_an_assistant_that_stops_offering_a_model_withdraws_it() -> None:
    a = analyse_document(
        doc(
            "OpenAI retire GPT-4.1 de ChatGPT",
            "OpenAI a cessé ce lundi 2 mars de proposer GPT-4.1 dans son assistant, faute d'usage.",
            "2026-03-02T15:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gpt-4-1" in a.outage.services and "chatgpt" not in a.outage.services


# --- 3. a subscription refused in third-party tools on purpose: a restriction, in Paris time -------------------------


def test_a_subscription_refused_on_purpose_is_a_restriction_on_the_paris_day() -> None:
    a = analyse_document(
        doc(
            "Mon abonnement Claude ne fonctionne plus dans mon éditeur, et c'est voulu",
            "Dans la nuit de mercredi à jeudi, vers 2 h 40 heure de Paris, Anthropic a cessé d'accepter les "
            "identifiants des abonnements dans les outils tiers : les jetons ne sont valables que pour Claude Code.",
            "2026-02-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "claude" in a.outage.services
    assert a.outage.day == date(2026, 2, 12)


def test_a_wire_time_in_gmt_with_environ_is_a_clock_time() -> None:
    a = analyse_document(
        doc(
            "Anthropic empêche les outils tiers d'utiliser les abonnements Claude",
            "Anthropic a bloqué jeudi l'utilisation des abonnements Claude par des outils concurrents. Depuis "
            "environ 01H40 GMT, ces outils reçoivent un refus : ces accès sont réservés à Claude Code.",
            "2026-02-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.start is not None and (a.outage.start.hour, a.outage.start.minute) == (2, 40)


def test_a_service_down_and_not_on_purpose_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "Claude ne marche plus ce matin, et ce n'est pas voulu",
            "Depuis 8 h 10 ce jeudi, Claude ne répond plus : Anthropic enquête sur une panne de ses serveurs.",
            "2026-02-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- 4. errors on one request in two: a degradation --------------------------------------------------------------


def test_one_request_in_two_in_error_500_is_a_degradation() -> None:
    a = analyse_document(
        doc(
            "Mistral : une requête sur deux en erreur 500",
            "Hier, lundi, Le Chat a renvoyé « API Error: 500 » à une demande sur deux, puis tout s'est calmé le "
            "soir.",
            "2026-03-03T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION
    assert a.outage.day == date(2026, 3, 2)


def test_being_led_into_error_is_no_degradation() -> None:
    a = analyse_document(
        doc(
            "Mistral : une requête mal écrite induit Le Chat en erreur",
            "Une question ambiguë suffit à tromper l'assistant, montre un chercheur dans un billet publié lundi.",
            "2026-03-03T09:00",
        )
    )
    assert a.outage is None


# --- 5. a third-party cause named in the title: the summary names it; the fix time gives a duration ----------------


def test_the_cause_named_in_the_title_is_in_the_summary_and_the_fix_ends_it() -> None:
    a = analyse_document(
        doc(
            "Cloudflare tombe : Perplexity injoignable une demi-heure",
            "Le fournisseur a rendu de nombreux sites injoignables ce mercredi matin. Perplexity affichait une page "
            "d'erreur à la place de ses réponses. Mercredi 4 mars, à 8 h 05, le réseau de Cloudflare a commencé à "
            "renvoyer des erreurs 502 en série. L'entreprise a publié un correctif à 8 h 35.",
            "2026-03-04T11:00",
        )
    )
    assert a.outage is not None and "perplexity" in a.outage.services
    assert "Cloudflare" in a.summary
    assert a.outage.duration_minutes == 30


# --- 6. an old outage recalled by a blog post is not an outage ---------------------------------------------------------


def test_an_outage_recalled_months_later_is_not_reported() -> None:
    a = analyse_document(
        doc(
            "Mes sondes maison (et ma motivation en panne)",
            "Ce billet attend depuis des semaines. Tout est parti du soir du 12 janvier, quand Gemini n'a plus "
            "répondu pendant deux heures. C'est l'assistant de Google, branché dans mon outil, qui était en panne. "
            "Depuis, mes sondes surveillent tout.",
            "2026-04-20T10:00",
        )
    )
    assert a.outage is None


def test_an_outage_of_last_week_is_still_reported() -> None:
    a = analyse_document(
        doc(
            "Gemini en panne le 14 avril",
            "Le 14 avril au soir, Gemini n'a plus répondu pendant deux heures, selon la page d'état de Google.",
            "2026-04-20T10:00",
        )
    )
    assert a.outage is not None and a.outage.day == date(2026, 4, 14)


def test_a_new_outage_told_as_a_fact_gives_its_start_before_the_statement() -> None:
    a = analyse_document(
        doc(
            "Internet : nouvelle panne chez Cloudflare, l'assistant Claude hors ligne",
            "Cloudflare a subi mercredi une nouvelle panne qui a rendu injoignable l'assistant Claude d'Anthropic. Les premières erreurs "
            "sont apparues vers 07H05 GMT, selon l'entreprise, qui a indiqué avoir déployé un correctif à 07H35 GMT.",
            "2026-03-04T11:00",
        )
    )
    assert a.outage is not None and "claude" in a.outage.services
    assert a.outage.start is not None and (a.outage.start.hour, a.outage.start.minute) == (8, 5)
    assert a.outage.duration_minutes == 30


def test_a_new_outage_feared_is_no_report() -> None:
    a = analyse_document(
        doc(
            "Cloudflare promet de mieux tester ses changements",
            "Le fournisseur veut éviter une nouvelle panne comme celle qui avait privé Claude de réseau l'an "
            "dernier, et détaille ses nouvelles procédures.",
            "2026-03-04T11:00",
        )
    )
    assert a.outage is None


# --- 7. an API's free-tier quota cut: the API is restricted, not the models it serves -----------------------------


def test_a_quota_cut_of_an_api_restricts_the_api() -> None:
    a = analyse_document(
        doc(
            "API Gemini : le palier gratuit rétrécit, mes scripts reçoivent des 429",
            "Depuis lundi 2 mars, les quotas du palier gratuit de l'API Gemini ont été nettement réduits. Mes "
            "appels à Gemini 2.5 Flash reviennent en 429 « quota dépassé » dès le milieu de matinée.",
            "2026-03-03T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("gemini-api",)


def test_a_quota_cut_of_the_assistant_stays_the_assistant() -> None:
    a = analyse_document(
        doc(
            "Google réduit les quotas gratuits de son assistant Gemini",
            "Depuis lundi 2 mars, les utilisateurs gratuits de l'assistant Gemini de Google voient leurs quotas quotidiens réduits de "
            "moitié dans l'application.",
            "2026-03-03T09:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "gemini" in a.outage.services and "gemini-api" not in a.outage.services


def test_the_vendor_tool_a_restriction_spares_is_not_hit() -> None:
    a = analyse_document(
        doc(
            "Anthropic empêche les outils tiers d'utiliser les abonnements Claude",
            "Anthropic a bloqué jeudi l'utilisation des abonnements Claude dans les éditeurs concurrents de son "
            "propre outil, Claude Code. Le jeton d'un abonnement n'est valable que pour Claude Code.",
            "2026-02-12T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("claude",)
