"""Search snippets keep the article's line breaks readable: a heading (a line without final punctuation) is set
apart with " — " instead of running into the next sentence; other line breaks become spaces."""

from __future__ import annotations

from app.search.highlight import excerpt


def test_a_heading_line_does_not_run_into_the_next_sentence() -> None:
    body = "Le robot se tait une matinée entière\nLes requêtes restent sans réponse.\nRetour à 11 h."
    out = excerpt(body, "", "requêtes")
    assert "entière — Les <mark>requêtes</mark>" in out
    assert "réponse. Retour" in out and "\n" not in out


def test_the_fallback_is_joined_too() -> None:
    assert excerpt("", "Titre sans point\nSuite du texte.", "zzz") == "Titre sans point — Suite du texte."
