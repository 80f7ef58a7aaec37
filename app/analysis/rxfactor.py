"""Faster word-list regexes: alternatives grouped by their first letters.

Python's regex engine tries every alternative of `\\b(a|b|c…)\\b` at each word boundary. Grouping the alternatives
that start with a plain letter under that letter (`p(?:anne|lante)|h(?:ors service)`) leaves about one comparison
per letter instead of one per alternative; grouping each letter's alternatives again by their second letter does the
same one level down. An alternative that opens on a group of words (`(?:est|sont) tombee?s?`, `(?:date de )?fin de
vie`) is first written out word by word (`est tombee?s?|sont tombee?s?`, `date de fin de vie|fin de vie`), in the
order the engine would try them, so that each piece joins its letter's group instead of being tried at every word.

Why the matches stay the same: two alternatives that start with different letters cannot match at the same place,
so only the order among alternatives sharing a first letter matters. At the top level the alternatives that cannot
be written with a leading letter are tried first, then the written-out ones, then the plain ones, each in their
own order; inside a group, an alternative that does not start with a plain letter (or is empty) keeps its place,
and only the letter-led alternatives between two such are grouped. tests/analysis/test_rxfactor.py checks every
factored pattern against the plain list in that order, on the evaluation pages.

Written by hand: no maintained library factors Python `re` alternations (trie-regex builders take plain words,
and these alternatives are regexes with groups and look-arounds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_QUANTIFIERS = ("?", "*", "+", "{")
_MAX_FORMS = 16  # an alternative written out into more pieces than this stays whole
_DEPTH = 2  # letters grouped under the first, then under the second
# a group that captures or a back-reference: written out twice, it would number the groups differently
_NUMBERED = re.compile(r"\((?!\?)|\(\?P<|\\[1-9]")
# every factored pattern with its plain source and flags (tests/analysis/test_rxfactor.py compares their matches)
FACTORED: list[tuple[str, int, re.Pattern[str]]] = []


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each "(", ")" and "|" of a regex source that is neither escaped
    nor inside a character class."""
    depth, i, in_class = 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def split_alternatives(body: str) -> list[str]:
    """Top-level alternatives of a regex body (escapes, groups and classes respected)."""
    cuts = [i for i, c, depth in _structure(body) if c == "|" and depth == 0]
    return [body[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]


def _letter_led(alt: str) -> bool:
    """Whether `alt` starts with a plain letter that no quantifier follows."""
    return alt[:1].isalpha() and alt[1:2] not in _QUANTIFIERS


def _closing(source: str) -> int:
    """Index of the parenthesis that closes the group `source` opens with."""
    found = next((i for i, c, depth in _structure(source) if c == ")" and depth == 0), None)
    if found is None:
        raise ValueError(f"unbalanced group: {source!r}")
    return found


def letter_forms(alt: str) -> list[str] | None:
    """`alt` written as letter-led alternatives tried in the same order (`(?:a|b)c` → `ac`, `bc`; `(?:a)?b` → `ab`,
    `b`), or None when it cannot be (another opening, a repeated group, too many pieces)."""
    if _letter_led(alt):
        return [alt]
    if not alt.startswith("(?:") or _NUMBERED.search(alt):
        return None
    end = _closing(alt)
    inner, rest = alt[3:end], alt[end + 1 :]
    optional = rest[:1] == "?" and rest[1:2] != "?"
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        return None
    out: list[str] = []
    for piece in split_alternatives(inner) + ([""] if optional else []):
        forms = letter_forms(piece + rest) if piece + rest else None
        if forms is None:
            return None
        out += forms
    return out if len(out) <= _MAX_FORMS else None


def _grouped(alts: list[str], depth: int) -> str:
    """The alternation of `alts`, its runs of letter-led alternatives grouped by letter (`depth` levels down)."""
    out: list[str] = []
    run: dict[str, list[str]] = {}

    def flush() -> None:
        for c, tails in run.items():
            out.append(c if tails == [""] else f"{c}(?:{_grouped(tails, depth - 1)})")
        run.clear()

    for alt in alts:
        if depth > 0 and _letter_led(alt):
            run.setdefault(alt[0], []).append(alt[1:])
        else:
            flush()
            out.append(alt)
    flush()
    return "|".join(out)


def factored(rx: re.Pattern[str] | str) -> re.Pattern[str]:
    """The same `\\b(…|…)\\b` word-list pattern with its alternatives grouped by letter (given compiled, or as its
    source: then only the factored form is compiled, which halves the import cost of long word lists)."""
    p, flags = (rx, 0) if isinstance(rx, str) else (rx.pattern, rx.flags)
    if not (p.startswith(r"\b(") and p.endswith(r")\b")):
        raise ValueError("factored() expects a pattern of the form \\b(alt|alt|…)\\b")
    written: dict[str, list[str]] = {}  # letter -> the written-out pieces' tails
    plain: dict[str, list[str]] = {}  # letter -> the letter-led alternatives' tails
    rest: list[str] = []
    for alt in split_alternatives(p[3:-3]):
        if _letter_led(alt):
            plain.setdefault(alt[0], []).append(alt[1:])
        elif (forms := letter_forms(alt)) is not None:
            for form in forms:
                written.setdefault(form[0], []).append(form[1:])
        else:
            rest.append(alt)
    groups = [
        f"{c}(?:{_grouped(written.get(c, []) + plain.get(c, []), _DEPTH - 1)})"
        for c in dict.fromkeys([*written, *plain])
    ]
    fast = re.compile(r"\b(" + "|".join(rest + groups) + r")\b", flags)
    FACTORED.append((p, flags, fast))
    return fast
