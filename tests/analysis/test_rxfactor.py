"""Word-list regexes grouped by first letter find exactly what the plain ones find."""

from __future__ import annotations

import re

import pytest

from app.analysis.outage_words import KIND_RX
from app.analysis.rxfactor import factored, split_alternatives
from app.textfold import fold

TEXT = fold(
    "ChatGPT est tombé en panne hier, puis a calé ; l'API renvoie des erreurs 503, l'assistant rame "
    "et les recharges sont suspendues. Ralentissements, lenteurs, plafonds : six vidéos par jour. "
    "Les inscriptions fermées aux nouveaux comptes, l'accès est suspendu en Italie."
)


def test_split_respects_groups_classes_and_escapes() -> None:
    assert split_alternatives(r"a(?:b|c)|[|x]d|e\|f|g") == ["a(?:b|c)", "[|x]d", r"e\|f", "g"]


def test_factored_pattern_finds_the_same_matches() -> None:
    plain = re.compile(r"\b(panne|plante|plantage|(?:est|sont) tombee?s?|pannes?|hors service|rame)\b")
    fast = factored(plain)
    assert fast.pattern != plain.pattern
    sample = "le service est tombe en panne, plante, hors service ; pannes et plantage ; il rame"
    assert [m.span() for m in fast.finditer(sample)] == [m.span() for m in plain.finditer(sample)]


def test_the_kind_patterns_still_find_every_kind() -> None:
    found = {k: rx.findall(TEXT) for k, rx in KIND_RX.items()}
    assert "en panne" in found["outage"] and "a cale" in found["outage"]
    assert {"ralentissements", "lenteurs", "rame"} <= set(found["degradation"])
    assert "videos par jour" in found["restriction"]


def test_a_pattern_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="expects a pattern"):
        factored(re.compile(r"panne|coupure"))


def test_a_group_of_opening_words_is_written_out_in_order() -> None:
    from app.analysis.rxfactor import letter_forms

    assert letter_forms("(?:est|sont) tombee?s?") == ["est tombee?s?", "sont tombee?s?"]
    assert letter_forms("(?:date de )?fin de vie") == ["date de fin de vie", "fin de vie"]
    assert letter_forms("(?:a|b)+c") is None  # a repeated group cannot be written out
    assert letter_forms("(?:(a)|b)c") is None  # nor one that captures: the groups would be numbered anew
    assert letter_forms(r"\d+ images") is None


def test_letters_are_grouped_two_levels_down_and_other_openings_keep_their_place() -> None:
    fast = factored(r"\b(panne|plante|(?:est|sont) tombee?s?|p\w+ique|pas bon|eteint)\b")
    # (the "p\\w+ique" alternative keeps its place: the "p" letters before it and after it are grouped apart)
    assert r"p(?:a(?:nne)|l(?:ante)|\w+ique|a(?:s bon))" in fast.pattern
    sample = "en panne, plante, est tombee, sont tombes, pratique, pas bon, eteint"
    plain = re.compile(r"\b(panne|plante|(?:est|sont) tombee?s?|p\w+ique|pas bon|eteint)\b")
    assert [m.span() for m in fast.finditer(sample)] == [m.span() for m in plain.finditer(sample)]


def test_every_factored_pattern_finds_what_its_plain_form_finds_on_the_evaluation_pages() -> None:
    """Each pattern the analysis factors, against its plain source in the order factoring tries alternatives
    (those that cannot be led by a letter, then those written out, then the letter-led ones), on the text of every
    labelled page (tags stripped, folded as the analysis folds it): the same matches, at the same places."""
    import html
    from pathlib import Path

    import app.analysis  # noqa: F401  (compiles every factored pattern)
    from app.analysis.rxfactor import FACTORED, letter_forms

    root = Path(__file__).resolve().parents[2]
    texts = []
    for folder in ("tests/blind/pages", "tests/eval/pages", "app/demo/pages"):
        for page in sorted((root / folder).rglob("*.html")):
            raw = page.read_text("utf-8", errors="replace")
            raw = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", raw)
            texts.append(fold(html.unescape(re.sub(r"(?s)<[^>]+>", " ", raw))))
    assert len(texts) > 1000 and len(FACTORED) >= 7
    for source, flags, fast in FACTORED:
        alts = split_alternatives(source[3:-3])
        led = [a for a in alts if a[:1].isalpha() and a[1:2] not in ("?", "*", "+", "{")]
        written = [a for a in alts if a not in led and letter_forms(a) is not None]
        other = [a for a in alts if a not in led and a not in written]
        plain = re.compile(r"\b(" + "|".join(other + written + led) + r")\b", flags)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (
                source[:80]
            )
