"""Snippets: an HTML-safe excerpt around the first matched word, every matched word (any accent, any
inflection with the same stem) wrapped in <mark>."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from app.search.query import parse
from app.search.text import stem
from app.textfold import fold, spell_out

_VARIANTS = {
    "a": "aàâäáãå",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "c": "cç",
    "y": "yÿý",
    "n": "nñ",
}


def _loose(prefix: str) -> str:
    """A regex matching `prefix` whatever the accents and ligatures of the original text."""
    out, i = [], 0
    while i < len(prefix):
        pair = prefix[i : i + 2]
        if pair in ("oe", "ae"):
            lig = "œ" if pair == "oe" else "æ"
            out.append(f"(?:{_loose_char(pair[0])}{_loose_char(pair[1])}|{lig})")
            i += 2
            continue
        out.append(_loose_char(prefix[i]))
        i += 1
    return "".join(out)


def _loose_char(c: str) -> str:
    v = _VARIANTS.get(c)
    return f"[{v}]" if v else re.escape(c)


class Highlighter:
    """Finds the words of a text that the query matched."""

    def __init__(self, q: str) -> None:
        terms = parse(q).highlights()
        self.exact = {t for t, prefix in terms if not prefix}
        self.prefixes = tuple(t for t, prefix in terms if prefix)
        # Snowball may rewrite a word's ending ("intelligence" -> "intelligent"): look for a shorter head,
        # then keep only the words whose stem really matches.
        heads = sorted(
            {t if prefix or len(t) <= 4 else t[: len(t) - 2] for t, prefix in terms}, key=len, reverse=True
        )
        self.pattern = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(_loose(h) for h in heads) + r")[^\W_]*", re.IGNORECASE)
            if heads
            else None
        )

    def _hits(self, text: str):  # type: ignore[no-untyped-def]
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            word = fold(spell_out(m.group()))
            if (
                stem(word) in self.exact
                or word.startswith(self.prefixes)
                or stem(word).startswith(self.prefixes)
            ):
                yield m.span()

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Spans of matched words."""
        return list(self._hits(text))

    def first(self, text: str) -> int | None:
        """Offset of the first matched word (stops there: article bodies are long)."""
        return next((start for start, _ in self._hits(text)), None)


@lru_cache(maxsize=256)
def highlighter(q: str) -> Highlighter:
    """One highlighter per query string (a result page calls it once per item)."""
    return Highlighter(q)


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape `text` and wrap the spans in <mark>."""
    out, i = [], 0
    for start, end in spans:
        out.append(html.escape(text[i:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        i = end
    out.append(html.escape(text[i:]))
    return "".join(out)


def _joined(piece: str) -> str:
    """The lines of an excerpt on one line: a heading or a line without final punctuation ends with " — " instead
    of running into the next sentence ("…la panne mondiale Messages sans réponse")."""
    return re.sub(r"\s*\n\s*", " ", _HEADING_END.sub(" — ", piece))


_HEADING_END = re.compile(r"(?<=[^\s.!?:;…»)\]])[ \t]*\n\s*(?=\S)")


def excerpt(body: str, fallback: str, q: str, width: int = 220) -> str:
    """An excerpt of `body` around the first match (else `fallback`), escaped and marked."""
    hl = highlighter(q)
    first = hl.first(body)
    if first is not None:
        start = max(0, first - width // 3)
        if start:
            space = body.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 30 else start
        end = min(len(body), start + width)
        if end < len(body):
            space = body.find(" ", end)
            end = space if 0 <= space < end + 30 else end
        piece = _joined(body[start:end])
        return ("…" if start else "") + mark(piece, hl.matches(piece)) + ("…" if end < len(body) else "")
    text = _joined(fallback or body[:width])
    return mark(text, hl.matches(text))
