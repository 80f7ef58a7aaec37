"""General rules for the classes set N missed, each on short French texts written for these tests (not taken from
its pages): a service withdrawn from a platform by the platform's rules or after a complaint (a restriction of the
service withdrawn, not of the platform named as the place), the reference day of a wire with a year-less dateline,
a writer's "panne sèche" (a metaphor), a log-in failure for everyone (an outage) and an AI assistant slow on a day
its host network is down (a degradation of the assistant). Each class has look-alikes that must not fire."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.analysis import analyse_document
from app.analysis.refdate import reference
from app.extract import Document
from app.kinds import IncidentKind
from app.textfold import fold

from .helpers import doc

# --- 1. a service withdrawn from a platform by the platform's rules: a restriction of that service ------------------

WITHDRAWN = [
    (
        "Telegram : Claude et Le Chat débranchés de la messagerie",
        "Depuis mardi 3 mars, Claude et Le Chat ont été débranchés de Telegram, dont les nouvelles conditions "
        "réservent les robots généralistes à son propre assistant.",
        {"claude", "le-chat"},
    ),
    (
        "Perplexity quitte Instagram après un changement de règles",
        "Perplexity quitte Instagram ce mardi 3 mars : les nouvelles règles de la plateforme n'y autorisent plus "
        "les assistants venus d'ailleurs.",
        {"perplexity"},
    ),
    (
        "Les abonnés perdent leur assistant sur Messenger",
        "Depuis ce mardi 3 mars, ChatGPT n'est plus disponible dans Messenger. L'assistant ne répond plus aux "
        "messages qu'on lui envoie sur la messagerie.",
        {"chatgpt"},
    ),
]


@pytest.mark.parametrize(("title", "text", "hit"), WITHDRAWN)
def test_a_service_withdrawn_from_a_platform_is_a_restriction(title: str, text: str, hit: set[str]) -> None:
    a = analyse_document(doc(title, text, "2026-03-03T18:00"))
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert hit <= set(a.outage.services)
    assert a.outage.day == date(2026, 3, 3)


def test_the_one_service_left_on_the_platform_is_not_hit() -> None:
    a = analyse_document(
        doc(
            "Telegram : ChatGPT a disparu de la messagerie, Perplexity reste seul",
            "Depuis mardi 3 mars, l'assistant ChatGPT n'est plus accessible dans Telegram, qui a changé ses "
            "conditions.",
            "2026-03-03T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("chatgpt",)


def test_a_service_down_on_a_platform_with_an_outage_noun_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "Panne : ChatGPT ne répond plus dans WhatsApp",
            "Une panne empêche depuis 10 h ce mardi ChatGPT de répondre dans WhatsApp ; OpenAI enquête sur "
            "l'incident.",
            "2026-03-03T12:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- 2. a model withdrawn from a product after a complaint: the model is restricted, the product is the place -------


def test_a_model_withdrawn_from_a_product_is_a_restriction_of_the_model() -> None:
    a = analyse_document(
        doc(
            "Gemma retiré d'AI Studio après la lettre d'un élu",
            "Google a retiré vendredi son modèle Gemma de sa plateforme AI Studio, après qu'un élu a dénoncé des "
            "réponses inventées à son sujet. Les développeurs gardent l'accès par l'API.",
            "2026-03-09T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert a.outage.services == ("gemma",)
    assert a.outage.day == date(2026, 3, 6)  # the withdrawal day, not the publication day


def test_a_withdrawn_model_summary_says_it_was_withdrawn() -> None:
    a = analyse_document(
        doc(
            "Gemma a disparu d'AI Studio : mon banc d'essai s'en passera",
            "Ce matin, j'ai ouvert AI Studio pour relancer mes comparaisons. Google a retiré Gemma de son interface "
            "AI Studio vendredi, après une plainte. Mes scripts passent par l'API, ils tournent toujours.",
            "2026-03-09T10:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "retir" in fold(a.summary)


def test_money_withdrawn_from_an_account_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "OpenAI retire 2 milliards de son compte pour financer ses centres de données",
            "OpenAI a retiré vendredi deux milliards de dollars de ses réserves pour payer ses nouveaux serveurs.",
            "2026-03-09T10:00",
        )
    )
    assert a.outage is None


# --- 3. a wire with a year-less dateline and no date of its own ------------------------------------------------------


def test_a_year_less_dateline_sets_the_reference_after_the_months_the_text_reports() -> None:
    text = (
        "Messagerie : Claude quitte Telegram\n\n"
        "BERLIN, 12 févr (ADC) - Claude n'est plus accessible dans Telegram depuis jeudi. La plateforme avait "
        "changé ses conditions en novembre 2025."
    )
    d = Document(
        url="https://www.depeches.example/tech/1234-claude-telegram",
        title="Messagerie : Claude quitte Telegram",
        text=text,
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
        date_source="htmldate",
        lead=None,
        language="fr",
    )
    ref = reference(d, fold(text), datetime(2026, 12, 1, tzinfo=UTC))
    assert ref.moment.date() == date(2026, 2, 12)


# --- 4. precision: a writer's dry spell is no outage -------------------------------------------------------------


def test_a_writers_panne_seche_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Billet : ma libraire, ChatGPT et la panne sèche d'idées",
            "Chaque dimanche, ma libraire tombait en panne sèche d'idées pour sa lettre aux clients. Elle écrit "
            "désormais ses brouillons avec ChatGPT, puis les réécrit à la main.",
            "2026-03-09T10:00",
        )
    )
    assert a.outage is None


# --- 5. kinds: log-ins refused to all is an outage; an assistant slow while its host network is down degrades ------


def test_login_refused_to_everyone_is_an_outage() -> None:
    a = analyse_document(
        doc(
            "Claude refuse toutes les connexions : « Authentication failure » ce mercredi",
            "Impossible de se reconnecter à Claude, l'assistant d'Anthropic, ce mercredi : des milliers d'utilisateurs sont renvoyés vers un "
            "message d'erreur.",
            "2026-03-11T20:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


def test_an_assistant_slow_while_its_host_network_is_down_is_degraded() -> None:
    a = analyse_document(
        doc(
            "X coupé à trois reprises, Grok au ralenti : Musk accuse des pirates",
            "Le réseau social a connu plusieurs interruptions ce mercredi ; l'assistant de xAI répondait lentement "
            "ou plus du tout. Deux coupures pour X, et un Grok qui peine : xAI reconnaît des erreurs sur son "
            "assistant.",
            "2026-03-11T20:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION
    assert a.outage.services == ("grok",)


def test_an_assistant_down_with_its_host_network_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "X et Grok en panne ce mercredi",
            "Grok est tombé en panne ce mercredi vers 15 h, en même temps que le réseau social X.",
            "2026-03-11T20:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE


# --- 6. start times: a robot gone quiet at a time; the first public reports before the first alert we read -----------


def test_a_robot_gone_quiet_at_a_time_gives_the_start() -> None:
    a = analyse_document(
        doc(
            "Panne de Grok : le gîte de Lans a repris le carnet de réservations",
            "Hier après-midi, durant de longues heures, Grok et le réseau social ont cessé de fonctionner. Le "
            "gîte s'en souvient. Mardi, vers 15 heures, le robot qui répond à ses clients sur X s'est tu.",
            "2026-03-11T07:30",
        )
    )
    assert a.outage is not None and a.outage.start is not None
    assert (a.outage.start.day, a.outage.start.hour, a.outage.start.minute) == (10, 15, 0)


def test_the_first_public_reports_before_our_first_alert_give_the_start() -> None:
    a = analyse_document(
        doc(
            "Grok muet cet après-midi : mon script d'alerte l'a vu",
            "Cet après-midi, à 15 h 09, mon script m'a signalé un délai dépassé sur Grok. Les premiers signalements "
            "publics sont arrivés vers 15 heures, et Grok est tombé avec le réseau social.",
            "2026-03-10T19:00",
        )
    )
    assert a.outage is not None and a.outage.start is not None
    assert (a.outage.start.hour, a.outage.start.minute) == (15, 0)


def test_history_gone_from_the_interface_is_not_a_withdrawal() -> None:
    a = analyse_document(
        doc(
            "ChatGPT : l'historique des conversations a disparu de l'interface",
            "Depuis ce matin, l'historique a disparu de l'interface de ChatGPT pour de nombreux abonnés, et les "
            "anciennes conversations ne s'ouvrent plus.",
            "2026-03-11T12:00",
        )
    )
    assert a.outage is None or a.outage.kind != IncidentKind.RESTRICTION


def test_users_leaving_a_messaging_app_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Des millions d'utilisateurs quittent WhatsApp pour Signal, ChatGPT en profite",
            "Des millions d'utilisateurs quittent WhatsApp pour Signal cette semaine ; ChatGPT gagne des abonnés.",
            "2026-03-11T12:00",
        )
    )
    assert a.outage is None


def test_an_assistant_down_with_its_host_apps_stays_an_outage() -> None:
    a = analyse_document(
        doc(
            "Panne géante de WhatsApp et d'Instagram : Meta AI inaccessible aussi",
            "Depuis 18 h ce mercredi, WhatsApp est en panne et Meta AI est inaccessible dans toutes les "
            "applications du groupe.",
            "2026-03-11T20:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.OUTAGE
    assert "meta-ai" in a.outage.services
