"""General rules for the classes set Q missed, each on short French texts written for these tests (not taken from
its pages): a launch held back in a region, a state's ban on its public sector, the day of a decision told beside an
older one, a byline whose author is a link, the writer who broke down, and requests that hang. Each class has
look-alikes that must not fire."""

from __future__ import annotations

from datetime import date

from app.analysis import analyse_document
from app.extract import extract
from app.kinds import IncidentKind

from .helpers import doc

# --- 1. a launch held back in a region ---------------------------------------------------------------------------


def test_a_launch_held_back_in_europe_is_a_restriction() -> None:
    for title, text in (
        (
            "Google renonce pour le moment à lancer Gemini Live en Europe",
            "Google a fait savoir ce jeudi qu'il ne déploierait pas Gemini Live dans l'Union européenne avant la fin "
            "de l'année, le temps d'échanger avec les autorités de protection des données.",
        ),
        (
            "Google diffère le lancement de son assistant vocal en Europe",
            "Le groupe a indiqué jeudi qu'il ne lancerait pas pour l'instant son assistant vocal Gemini Live en "
            "Europe, à la demande de plusieurs autorités nationales.",
        ),
    ):
        a = analyse_document(doc(title, text, "2025-03-13T17:00"))
        assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION, title
        assert "gemini" in a.outage.services and a.outage.day == date(2025, 3, 13)


def test_a_launch_in_europe_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Google lance enfin Gemini Live en Europe",
            "L'assistant vocal de Google arrive ce jeudi dans l'Union européenne, six mois après les États-Unis.",
            "2025-03-13T17:00",
        )
    )
    assert a.outage is None


# --- 2. a state's ban on its public sector -------------------------------------------------------------------------


def test_a_state_banning_an_assistant_from_its_public_sector_is_a_restriction() -> None:
    a = analyse_document(
        doc(
            "Taïwan interdit Claude aux agents publics",
            "Le gouvernement de l'île a annoncé ce lundi que ses fonctionnaires ne pourraient plus utiliser "
            "l'assistant d'Anthropic sur leurs postes de travail.",
            "2025-04-07T12:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.RESTRICTION
    assert "claude" in a.outage.services


def test_a_company_banning_an_assistant_for_its_staff_is_no_restriction() -> None:
    a = analyse_document(
        doc(
            "Le géant sud-coréen interdit l'IA générative à ses salariés",
            "Le groupe a demandé ce lundi à ses employés de ne plus coller de code interne dans ChatGPT, après une "
            "fuite découverte le mois dernier.",
            "2025-04-07T12:00",
        )
    )
    assert a.outage is None


# --- 3. a decision's day beside an older one -----------------------------------------------------------------------


def test_the_day_of_a_decision_wins_over_an_older_one_recalled() -> None:
    text = (
        "TAIPEI, 7 avril (DPX) - Taïwan a interdit lundi à ses services publics et aux opérateurs de réseaux "
        "sensibles d'utiliser l'assistant Claude, en invoquant la sécurité de ses données.\n"
        "Vendredi, le régulateur italien avait ordonné le blocage de DeepSeek pour d'autres motifs."
    )
    a = analyse_document(doc("Taïwan interdit Claude aux agents publics", text, "2025-04-07T12:00"))
    assert a.outage is not None and a.outage.day == date(2025, 4, 7)


# --- 4. a byline whose author is a link ----------------------------------------------------------------------------

_BYLINE_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://www.exemple-byline.fr/ia/{slug}"></head><body>
<nav><ul><li><a href="/auteurs/paul">Paul</a> · 3 mars 2024</li></ul></nav>
<article><h1>{title}</h1>
<p class="meta">Par <a href="/auteurs/victor-lahaye">Victor Lahaye</a> · <span>Samedi 1er février 2025, 11 h 30</span></p>
<p>Le ministère a tranché vendredi : les agents publics ne doivent plus se servir des outils de la jeune pousse,
décrite comme un risque pour la sécurité de l'information. La mesure vise les ordinateurs et téléphones de service
ainsi que les opérateurs de secteurs jugés vitaux, tandis que le grand public peut toujours utiliser l'application.</p>
</article></body></html>"""


def test_a_byline_with_an_author_link_gives_the_date() -> None:
    raw = _BYLINE_PAGE.format(
        title="Le ministère bannit l'application des postes de travail", slug="a"
    ).encode()
    d = extract(raw, url="https://www.exemple-byline.fr/ia/a")
    assert d.published_at is not None and d.published_at.isoformat() == "2025-02-01T11:30:00+01:00"
    assert d.date_source == "byline"


def test_an_author_link_in_a_teaser_list_gives_no_date() -> None:
    raw = _BYLINE_PAGE.replace(
        '<p class="meta">Par <a href="/auteurs/victor-lahaye">Victor Lahaye</a> · <span>Samedi 1er février 2025, '
        "11 h 30</span></p>",
        "",
    ).format(title="Le ministère bannit l'application des postes de travail", slug="b")
    d = extract(raw.encode(), url="https://www.exemple-byline.fr/ia/b")
    assert d.date_source != "byline"  # (htmldate may still guess from it: a guess, dated as such)


# --- 5. the writer who broke down ----------------------------------------------------------------------------------


def test_the_writer_breaking_down_is_no_outage() -> None:
    a = analyse_document(
        doc(
            "Deux jours avec Codestral : l'outil a tenu, c'est moi qui suis tombé en panne",
            "Samedi, j'ai confié à Codestral un vieux projet à remettre en état. Le modèle a répondu sans faiblir "
            "tout le week-end ; vers minuit, j'étais en panne sèche d'idées.",
            "2025-06-02T09:00",
        )
    )
    assert a.outage is None


def test_a_tool_breaking_down_is_still_an_outage() -> None:
    a = analyse_document(
        doc(
            "Codestral est tombé en panne ce samedi",
            "Le modèle de code de Mistral AI ne répondait plus samedi après-midi, de 14 h à 16 h, selon la page "
            "d'état de la start-up.",
            "2025-05-31T18:00",
        )
    )
    assert a.outage is not None and "codestral" in a.outage.services


# --- 6. requests that hang -----------------------------------------------------------------------------------------


def test_requests_that_hang_then_time_out_are_a_degradation() -> None:
    a = analyse_document(
        doc(
            "Claude traîne, les requêtes expirent",
            "Ce mardi après-midi, les requêtes envoyées à Claude tournaient dans le vide et finissaient par expirer "
            "au bout d'une minute, sans message d'erreur.",
            "2025-07-15T18:00",
        )
    )
    assert a.outage is not None and a.outage.kind == IncidentKind.DEGRADATION
