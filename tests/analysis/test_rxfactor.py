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
