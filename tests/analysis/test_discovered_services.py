"""AI services the gazetteer does not know, introduced by the headline ("l'application X", "X, son robot…").

Real coverage reports blocks and shutdowns of apps nobody listed (a regulator blocks a "nudify" app; a lab switches
off its Twitter chatbot a day after launch). Such a name is followed like a known product for this article only:
the outage is found and dated, the summary names it, the incident is titled by it, and nothing unlisted is stored
as an entity. The pages below are written for this test; the apps' names are made up.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.analysis import analyse_document
from app.analysis.discovered import parse_token
from app.services.ingest import prepare, store
from tests.helpers import incidents_as_json

from .helpers import doc, page

REGULATOR_TITLE = "Faux nus : le gendarme italien de la vie privée bloque l'application Dévêtix"
REGULATOR_LEAD = (
    "Par une décision d'urgence prise ce jeudi 9 octobre 2025, l'autorité ordonne à Dévêtix de cesser de traiter "
    "les données des personnes en Italie, une application d'IA qui fabrique des images dénudées."
)
REGULATOR_TEXT = (
    "La décision est lourde de conséquences : l'éditeur de Dévêtix, installé hors d'Europe, ne peut plus traiter "
    "les données de qui que ce soit en Italie, ce qui revient à lui fermer le pays.\n"
    "L'autorité reproche au service de ne signaler nulle part que ses images sont fabriquées et de ne vérifier "
    "l'âge de personne. Elle ouvre une enquête sur toute la famille des applications de « déshabillage ».\n"
    "Ce n'est pas une première : le même gendarme avait déjà bloqué ChatGPT au printemps 2023, puis DeepSeek "
    "en janvier dernier. Dévêtix n'a pas répondu à nos questions."
)


def test_a_regulator_block_of_an_unlisted_app_is_a_restriction_named_after_it() -> None:
    a = analyse_document(doc(REGULATOR_TITLE, REGULATOR_TEXT, "2025-10-09T15:10", REGULATOR_LEAD))
    assert a.outage is not None and a.outage.kind == "restriction"
    assert str(a.outage.day) == "2025-10-09"
    assert [parse_token(s) for s in a.outage.services] == [("Dévêtix", None)]
    # recalled blocks are entities of the article, not of this incident; the unlisted app is stored nowhere
    assert {"chatgpt", "deepseek"} <= set(a.products)
    assert not any(parse_token(p) for p in a.products)
    assert not any(k.startswith("product:~") for k in a.mentions)
    assert "Dévêtix" in a.summary


TAY_TITLE = "Microsoft suspend Parlotte, son robot bavard devenu incontrôlable en une journée"
TAY_TEXT = (
    "Elle devait converser comme une adolescente et apprendre de chaque échange. Vingt heures plus tard, "
    "Parlotte se taisait. Microsoft a suspendu ce jeudi 24 mars le robot conversationnel qu'il testait sur "
    "Twitter, après que des internautes lui ont fait publier des messages haineux.\n"
    "« Nous avons mis Parlotte hors ligne le temps de procéder à des ajustements », a fait savoir le groupe, qui "
    "dénonce une campagne coordonnée pour détourner son programme. Aucune date de retour n'est annoncée."
)


def test_a_chatbot_the_headline_gives_to_its_maker_is_that_makers_incident(session: Session) -> None:
    a = analyse_document(doc(TAY_TITLE, TAY_TEXT, "2016-03-24T18:00"))
    assert a.is_ai, "a chatbot named in the headline makes the article AI news"
    assert a.outage is not None and a.outage.kind == "restriction"
    assert str(a.outage.day) == "2016-03-24"
    assert [parse_token(s) for s in a.outage.services] == [("Parlotte", "microsoft")]
    assert "Parlotte" in a.summary and "suspendu" in a.summary

    # through the real ingest path: the incident is titled by the chatbot, linked to its maker only
    res = store(
        session,
        prepare(
            page(
                TAY_TITLE,
                TAY_TEXT.split("\n"),
                "2016-03-24T18:00",
                "https://www.exemple-tech.fr/parlotte-microsoft-debranche.html",
            )
        ),
    )
    assert res.status == "stored", res
    session.commit()
    [inc] = incidents_as_json(session)
    assert inc["title"].startswith("Parlotte : ")
    assert [c["slug"] for c in inc["companies"]] == ["microsoft"]
    assert inc["products"] == []


def test_names_that_follow_a_kind_without_being_a_service_are_not_discovered() -> None:
    # a platform ("l'application Android"), a big non-AI app, a country after a comma, a name said only once
    text = (
        "OpenAI ferme les inscriptions à ChatGPT sur l'application Android ce jeudi 3 avril, faute de serveurs. "
        "Les nouveaux comptes sont refusés en Italie, une application d'IA très demandée ayant déjà saturé. "
        "L'assistant Nimbo, cité par un lecteur, n'a rien à voir."
    )
    a = analyse_document(
        doc("ChatGPT : OpenAI ferme les inscriptions sur l'application Android", text, "2025-04-03T12:00")
    )
    assert a.outage is not None
    assert a.outage.services == ("chatgpt",)


def test_an_unlisted_name_said_once_is_not_a_service() -> None:
    a = analyse_document(
        doc(
            "Le chatbot Brindille inaccessible ce mardi",
            "Des utilisateurs signalent des erreurs depuis ce mardi matin sur un assistant d'IA peu connu.",
            "2025-04-01T12:00",
        )
    )
    assert a.outage is None or not any(parse_token(s) for s in a.outage.services)
