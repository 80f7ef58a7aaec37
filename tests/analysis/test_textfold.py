"""Text folding: one character for one, and the spelling out the search index does before it."""

from __future__ import annotations

import pytest

from app.textfold import _FOLD, fold, spell_out


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Œuvre Générée à Noël, façade", "œuvre generee a noel, facade"),
        ("ChatGPT EST TOMBÉ", "chatgpt est tombe"),
        ("Straße, ﬁnancement…", "straße, fnancement."),  # a compatibility form keeps its first letter only
        ("Panne\u00a0: l’API", "panne : l’api"),  # a no-break space is a space; the apostrophe stays
        ("ΟΔΟΣ", "οδοσ"),  # each letter alone: no final sigma
        ("한국", "한국"),  # a syllable of several letters stays whole
    ],
)
def test_fold_lowercases_and_strips_accents_one_character_for_one(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_fold_is_the_character_table_over_every_character() -> None:
    # fold() replaces each distinct character then lowercases the ASCII left: that equals folding each character
    # alone only because every folded character is its own fold and its own lowercase
    codes = [c for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(map(chr, codes))
    assert fold(text) == "".join(_FOLD[c] for c in codes)
    assert all(fold(_FOLD[c]) == _FOLD[c] == _FOLD[c].lower() for c in codes)


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("Œuvre et cœur", "OEuvre et coeur"),
        ("ﬁnancement², Straße", "financement2, Strasse"),
        ("de\u0301cide\u0301", "décidé"),  # decomposed accents are composed, so that fold() strips them
        ("plain ascii", "plain ascii"),
    ],
)
def test_spell_out_writes_ligatures_and_compatibility_forms_in_full(text: str, spelt: str) -> None:
    assert spell_out(text) == spelt


def test_the_index_folds_what_is_spelt_out() -> None:
    assert fold(spell_out("L'Œuvre générée, le ﬁnancement")) == "l'oeuvre generee, le financement"
