"""Text folding: how text is made comparable whatever its case and accents ("Générée" and "generee").

`fold` maps one character to one, so an offset in the folded text is the same offset in the original: the
analysis matches its patterns on folded text and slices the original with the positions it finds. The search
index keeps no offsets and wants "œuvre" to be the word "oeuvre": it writes ligatures and compatibility forms out
in full first (`spell_out`, which changes the length), then folds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters written as one character that stand for two (NFKC keeps them: they are letters of their own in Unicode).
LIGATURES = (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"))

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _letters(decomposed: str) -> str:
    return "".join(x for x in decomposed if not unicodedata.combining(x))


class _FoldTable(dict[int, str]):
    """Code point -> its folded character, computed on first sight.

    The first letter of the character's compatibility decomposition without its marks, lowercased ("É" -> "e",
    "ﬁ" -> "f", "…" -> "."). A character that stays itself: one whose lowercase is not one character, one made of
    marks only, and a syllable made of several letters (Hangul: no accent to strip, and one letter would lose the
    others). Every value is its own fold and its own lowercase (tests/analysis/test_textfold.py checks it): `fold`
    relies on both.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        letters = _letters(unicodedata.normalize("NFKD", c))
        if len(letters) > 1 and len(_letters(unicodedata.normalize("NFD", c))) > 1:
            folded = c
        else:
            lower = (letters[:1] or c).lower()
            folded = lower if len(lower) == 1 else c
        self[code] = folded
        return folded


_FOLD = _FoldTable()


@lru_cache(maxsize=128)
def fold(text: str) -> str:
    """Lowercase and strip accents, one character for one ("Œuvre Générée" -> "œuvre generee"): offsets stay aligned.

    Cached: the analysis folds the same title and body from several steps.
    """
    if text.isascii():
        return text.lower()
    # One str.replace per distinct character to fold, instead of str.translate over every character (4x faster
    # on French text, where a few accented letters come back again and again).
    for c in set(_NON_ASCII.findall(text)):
        folded = _FOLD[ord(c)]
        if folded != c:
            text = text.replace(c, folded)
    # What is left outside ASCII is folded and its own lowercase, and holds no capital sigma (the one letter
    # str.lower() maps by its context): lower() now changes the ASCII capitals only, one for one.
    return text.lower()


def spell_out(text: str) -> str:
    """Ligatures and compatibility forms written out in full, accented letters composed (NFKC): "Œuvre" -> "OEuvre",
    "ﬁn" -> "fin", "²" -> "2". The length changes: for the search index, which folds the result."""
    if text.isascii():
        return text
    for ligature, letters in LIGATURES:
        if ligature in text:  # str.replace is much faster than str.translate with a dict
            text = text.replace(ligature, letters)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
