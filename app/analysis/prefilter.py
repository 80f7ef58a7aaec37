"""Which of many patterns may match a text, from one Aho-Corasick pass over literal anchors.

The outage rules run some thirty patterns over every sentence with outage words, and most of them match none:
each search still walks the whole sentence in Python's regex engine. Every pattern here gets a set of literal
anchors, strings such that each of its matches contains at least one of them ("tombe" for `(?:est|sont)
tombee?s?`, {"panne", "plante"} for `\\b(panne|plante\\w*)\\b`). One automaton holds the anchors of every
pattern; one pass over a sentence tells which patterns may match, and the others are not run: their answer is
known (no match). A pattern without anchors long enough to be selective is always run. The answers are the
same as running every pattern (tests/analysis/test_prefilter.py checks it on every pattern and sentence of the
evaluation sets).

Written by hand: RE2 and Hyperscan derive such prefilters for their own engines, and no maintained library does it
for Python's `re` patterns (whose lookarounds the rules need). The anchors come from Python's own parser of
regular expressions (re._parser), so that escapes, classes and groups are read as the engine reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

MAX_EXACT = 256  # cross products of exact strings stop beyond this many
MIN_ANCHOR = 3  # shorter anchors (one or two letters) are in nearly every sentence: no use as a filter
_Anchors = frozenset[str] | None  # None: no anchor (the pattern may match without any literal)


def anchors(rx: re.Pattern[str] | str) -> frozenset[str] | None:
    """Literal strings at least one of which is in every match of `rx`, or None when none can be told apart (a
    pattern that may match without a literal of MIN_ANCHOR characters, or a case-insensitive one)."""
    if isinstance(rx, re.Pattern):
        if rx.flags & re.IGNORECASE:
            return None
        pattern = rx.pattern
    else:
        pattern = rx
    parsed = P.parse(pattern)  # kept alive while the memo keys on its nodes' ids
    try:
        found = _anchors(list(parsed))
    finally:
        _EXACT_MEMO.clear()
    return found if found and min(map(len, found)) >= MIN_ANCHOR else None


def _better(a: _Anchors, b: _Anchors) -> _Anchors:
    """The more selective of two anchor sets: its shortest anchor longer, then fewer anchors."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _exact(items: list[tuple[object, Any]]) -> set[str] | None:
    """Every string the sequence can match, when they are few (zero-width assertions match ""), else None."""
    out = {""}
    for op, av in items:
        one = _exact_item(op, av)
        if one is None:
            return None
        out = {a + b for a in out for b in one}
        if len(out) > MAX_EXACT:
            return None
    return out


# id(av) -> _exact_item(op, av), while one anchors() call holds the parse those nodes belong to
_EXACT_MEMO: dict[int, set[str] | None] = {}


def _exact_item(op: object, av: Any) -> set[str] | None:
    if op is C.LITERAL:
        return {chr(av)}
    key = id(av)
    if key not in _EXACT_MEMO:
        _EXACT_MEMO[key] = _exact_item_uncached(op, av)
    return _EXACT_MEMO[key]


def _exact_item_uncached(op: object, av: Any) -> set[str] | None:
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}  # consumes nothing
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av
        return None if (add | delete) & re.IGNORECASE else _exact(list(sub))
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            one = _exact(list(branch))
            if one is None:
                return None
            union |= one
        return union if len(union) <= MAX_EXACT else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        one = _exact(list(sub))
        if one is None or high > 2:
            return None
        out = {""} if low == 0 else set()
        for n in range(max(low, 1), high + 1):
            out |= {"".join(t) for t in _power(one, n)}
        return out if len(out) <= MAX_EXACT else None
    if op is C.IN:
        chars = {chr(v) for o, v in av if o is C.LITERAL}
        return chars if len(chars) == len(av) else None
    return None


def _power(strings: set[str], n: int) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for _ in range(n):
        out = [t + (s,) for t in out for s in strings]
    return out


def _anchors(items: list[tuple[object, Any]]) -> _Anchors:
    """Anchors of a sequence: the strings of its runs of items with few exact strings (cross products: "d" then
    "own|isparu" gives "down", "disparu"), or the anchors of one of its other items, the most selective."""
    best: _Anchors = None
    run: list[tuple[object, Any]] = []

    def close() -> None:
        # the run's cross product, cut into consecutive pieces where it would grow past MAX_EXACT strings
        nonlocal best, run
        piece = {""}
        for op, av in run:
            one = _exact_item(op, av)
            assert one is not None
            grown = {a + b for a in piece for b in one} if len(piece) * len(one) <= MAX_EXACT else None
            if grown is None:
                if "" not in piece:
                    best = _better(best, frozenset(piece))
                grown = one
            piece = grown
        if "" not in piece:
            best = _better(best, frozenset(piece))
        run = []

    for i, (op, av) in enumerate(items):
        if _exact_item(op, av) is not None:
            if not run:
                # a run starts: what every match of the rest begins with ("d" then "own\\w*" gives "down")
                lead = _lead(items[i:])
                if "" not in lead:
                    best = _better(best, frozenset(lead))
            run.append((op, av))
            continue
        close()
        best = _better(best, _item(op, av))
    close()
    return best


def _lead(items: list[tuple[object, Any]]) -> set[str]:
    """Strings one of which begins every match of the sequence ({""} when nothing is known)."""
    out = {""}
    for op, av in items:
        one = _exact_item(op, av)
        last = one is None
        if one is None:
            one = _lead_item(op, av)
        if len(out) * len(one) > MAX_EXACT:
            return out
        out = {a + b for a in out for b in one}
        if last:
            return out
    return out


def _lead_item(op: object, av: Any) -> set[str]:
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av
        return {""} if (add | delete) & re.IGNORECASE else _lead(list(sub))
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            union |= _lead(list(branch))
        return union
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _lead(list(av[2]))
    return {""}


def _item(op: object, av: Any) -> _Anchors:
    """Anchors of one item that has too many exact strings (or infinitely many)."""
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av
        return None if (add | delete) & re.IGNORECASE else _anchors(list(sub))
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _anchors(list(branch))
            if found is None:
                return None  # a branch without anchors may match without any
            union |= found
        return frozenset(union)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _anchors(list(sub)) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _anchors(list(av))
    return None  # classes, lookarounds, groups referred to: nothing that must be in the match


class Screen:
    """The patterns of a rule set and their anchors in one automaton: `possible(text)` gives the patterns that may
    match `text` (those without anchors always)."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.always: set[int] = set()
        self.screened: set[int] = set()
        by_anchor: dict[str, set[int]] = {}
        for rx in patterns:
            found = anchors(rx)
            if found is None:
                self.always.add(id(rx))
                continue
            self.screened.add(id(rx))
            for a in found:
                by_anchor.setdefault(a, set()).add(id(rx))
        self._automaton: ahocorasick.Automaton | None = None
        if by_anchor:  # (an automaton without words cannot be searched)
            self._automaton = ahocorasick.Automaton()
            for a, ids in by_anchor.items():
                self._automaton.add_word(a, frozenset(ids))
            self._automaton.make_automaton()

    def possible(self, text: str) -> set[int]:
        """ids of the patterns that may match somewhere in `text`."""
        out = set(self.always)
        if self._automaton is not None:
            for _end, ids in self._automaton.iter(text):
                out |= ids
        return out

    def may(self, rx: re.Pattern[str], possible: set[int]) -> bool:
        """Whether `rx` may match a text whose possible patterns are `possible` (or any part of that text)."""
        key = id(rx)
        return key in possible or key not in self.screened


class Screened:
    """A text and the patterns that may match it, kept current as the rules rewrite the text: a pattern whose
    anchors are absent is answered without running it."""

    def __init__(self, screen: Screen, text: str, possible: set[int] | None = None) -> None:
        self.screen = screen
        self.text = text
        self._possible = screen.possible(text) if possible is None else possible  # (already known for text)

    def search(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        return rx.search(self.text) if self.screen.may(rx, self._possible) else None

    def count(self, rx: re.Pattern[str]) -> int:
        return len(rx.findall(self.text)) if self.screen.may(rx, self._possible) else 0

    def sub(self, rx: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        """Rewrite the text in place (`rx.sub(repl, text)`); what may match is looked at again if it changed."""
        if not self.screen.may(rx, self._possible):
            return
        new = rx.sub(repl, self.text)
        if new != self.text:
            self.text = new
            self._possible = self.screen.possible(new)
