"""French sentence splitting with offsets, keeping "M. Dupont", "15 h 30", "« … »", "1,5 milliard" and "etc." whole."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

# Abbreviations whose dot never ends a sentence when a word follows ("M. Dupont", "p. ex. des").
_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|St|Ste|cf|env|av|apr|p|ex|vol|n°|no|art|chap|fig|coll|éd|trad|"
    r"J\.-C|min|max|approx|réf|tél|janv|févr|fév|avr|juil|sept|oct|nov|déc)|\b[A-Z])\.$"
)
# A sentence end: . ! ? … (optionally closed by » or a quote), then space, then something that opens a sentence.
_END = re.compile(r"(?<=[.!?…])(?:\s*[»\"”)])?\s+(?=[«\"“(]?\s*[A-ZÀ-ÖØ-Þ0-9])")


def sentence_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence (the first `limit` ones when given); lines are hard breaks."""
    if limit is None:
        return list(iter_sentence_spans(text))
    return list(itertools.islice(iter_sentence_spans(text), limit))


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """The sentence offsets of `sentence_spans`, one at a time (callers that need the first few stop early)."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = start
        for m in _END.finditer(line):
            head = line[: m.start()].rstrip()
            # an abbreviation is at most 7 characters with its dot: the tail (plus the boundary before) decides
            if _ABBREV.search(head[-9:]) or _inside_guillemets(line, m.start()):
                continue
            if head.endswith("etc.") and not line[m.end() : m.end() + 1].isupper():
                continue
            end = start + m.end()
            span = _trim(text, cut, end)
            if span is not None:
                yield span
            cut = end
        span = _trim(text, cut, start + len(line))
        if span is not None:
            yield span


def _inside_guillemets(line: str, pos: int) -> bool:
    """A full stop inside « … » that does not close the quotation does not end the sentence."""
    before = line[:pos]
    return before.count("«") > before.count("»") and not line[pos:].lstrip().startswith("»")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    return (start + lead, end - trail) if end - trail > start + lead else None


def split_sentences(text: str) -> list[str]:
    """French sentences of a text."""
    return [text[s:e] for s, e in sentence_spans(text)]
