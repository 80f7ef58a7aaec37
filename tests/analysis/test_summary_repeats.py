"""A summary never says the same thing twice: a standfirst and the body's first sentence often tell the news in other
words; the summary keeps the one that says more and gives the room to another sentence. Short French texts written
for these tests."""

from __future__ import annotations

from app.analysis import analyse_document
from app.analysis.summary import summarise

from .helpers import doc


def test_the_lead_repeated_by_the_body_appears_once() -> None:
    lead = "Le Chat a cessé de répondre jeudi après-midi."
    text = (
        "Écran figé, messages d'erreur en boucle : Le Chat a cessé de répondre jeudi 6 février après-midi, pendant "
        "près de deux heures. Mistral AI a d'abord évoqué une opération de maintenance qui aurait mal tourné. "
        "Les abonnés professionnels ont été prévenus par courriel en fin de journée."
    )
    a = analyse_document(doc("Le Chat de Mistral AI en panne", text, "2025-02-06T19:00", lead=lead))
    assert a.outage is not None
    assert "Le Chat a cessé de répondre jeudi après-midi." not in a.summary, a.summary
    assert a.summary.count("a cessé de répondre") == 1, a.summary
    assert "jeudi 6 février" in a.summary, a.summary
    # the room the repeat left goes to a sentence that says something else
    assert "maintenance" in a.summary, a.summary


def test_two_sentences_that_say_exactly_the_same_keep_the_earlier() -> None:
    text = (
        "La start-up ouvre une consultation publique de quatre semaines sur ses conditions d'utilisation. "
        "La start-up ouvre une consultation publique de quatre semaines sur ses conditions d'utilisation. "
        "Les réponses seront publiées au printemps, promet-elle."
    )
    summary = summarise(text, "Consultation publique sur les conditions d'utilisation")
    assert summary.count("consultation publique") == 1, summary


def test_sentences_that_only_share_their_subject_are_both_kept() -> None:
    """Guard: two sentences on the same subject that each add facts are not repeats."""
    text = (
        "Les signalements ont surtout afflué du Royaume-Uni et d'Irlande pendant la matinée. "
        "Les services de l'éditeur ont connu une perturbation de deux heures, surtout ressentie au Royaume-Uni, "
        "avant un retour progressif. Un correctif a été déployé vers midi."
    )
    summary = summarise(text, "Perturbation des services de l'éditeur au Royaume-Uni")
    assert "Irlande" in summary and "perturbation de deux heures" in summary, summary
