"""Unicode bidirectional controls, removed from every text we store.

A page can put U+202E (right-to-left override) in a title so that "exe.ennap" displays as "panne.exe", or hide
words from search behind isolates. French text never needs them, and right-to-left words still display in
order without them: the Unicode bidi algorithm orders them from their letters.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates and pop isolate
)
_TABLE = str.maketrans(dict.fromkeys(BIDI_CONTROLS))
T = TypeVar("T")


def strip_bidi(text: str) -> str:
    """`text` without bidirectional control characters."""
    return text.translate(_TABLE)


def strip_bidi_fields(record: T, keep: tuple[str, ...] = ()) -> T:
    """A copy of a dataclass with the controls removed from its text fields (and lists of texts), except `keep`."""
    changes: dict[str, object] = {}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if f.name in keep:
            continue
        if isinstance(value, str):
            changes[f.name] = strip_bidi(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            changes[f.name] = [strip_bidi(v) for v in value]
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]
