"""French sentence splitting with offsets, keeping "M. Dupont", "15 h 30", "« … »", "1,5 milliard" and "etc." whole."""

from __future__ import annotations

import re

# Abbreviations whose dot never ends a sentence when a word follows ("M. Dupont", "p. ex. des").
_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|St|Ste|cf|env|av|apr|p|ex|vol|n°|no|art|chap|fig|coll|éd|trad|"
    r"J\.-C|min|max|approx|réf|tél|janv|févr|sept|oct|nov|déc)|\b[A-Z])\.$"
)
# A sentence end: . ! ? … (optionally closed by » or a quote), then space, then something that opens a sentence.
_END = re.compile(r"(?<=[.!?…])(?:\s*[»\"”)])?\s+(?=[«\"“(]?\s*[A-ZÀ-ÖØ-Þ0-9])")


def sentence_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence (the first `limit` ones when given); lines are hard breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if limit is not None and len(spans) >= limit:
            return spans[:limit]
        start = pos
        pos += len(line) + 1
        cut = start
        for m in _END.finditer(line):
            head = line[: m.start()].rstrip()
            if _ABBREV.search(head) or _inside_guillemets(line, m.start()):
                continue
            if head.endswith("etc.") and not line[m.end():m.end() + 1].isupper():
                continue
            end = start + m.end()
            _push(text, spans, cut, end)
            cut = end
        _push(text, spans, cut, start + len(line))
    return spans if limit is None else spans[:limit]


def _inside_guillemets(line: str, pos: int) -> bool:
    """A full stop inside « … » that does not close the quotation does not end the sentence."""
    before = line[:pos]
    return before.count("«") > before.count("»") and not line[pos:].lstrip().startswith("»")


def _push(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    if end - trail > start + lead:
        spans.append((start + lead, end - trail))


def split_sentences(text: str) -> list[str]:
    """French sentences of a text."""
    return [text[s:e] for s, e in sentence_spans(text)]
