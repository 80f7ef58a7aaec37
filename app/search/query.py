"""Our own small query language, parsed into a safe AST: words (AND), "exact phrase", -exclusion, OR, prefix*.

Nothing the user typed ever reaches MATCH or to_tsquery as syntax: the backends compile this AST, quoting every
term (FTS5) or binding it as a parameter (PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.analysis.entities import gazetteer
from app.search.text import is_term, stem, tag, words

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 12  # bounds the cost of one query whatever its length
MAX_PHRASE_WORDS = 8
MIN_PREFIX = 3  # "a*" would expand to a large part of the vocabulary: shorter prefixes are plain words


@dataclass(frozen=True)
class Word:
    """One word; `folded` feeds PostgreSQL's own French stemmer, `term` (our stem) feeds FTS5."""

    folded: str
    term: str
    prefix: bool = False
    entities: tuple[str, ...] = ()  # entity tags ("qqpchatgpt") this word also matches
    expansion: tuple[
        str, ...
    ] = ()  # for a prefix: the indexed terms it stands for, when a backend lists them


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other (stop words skipped on both sides)."""

    folded: tuple[str, ...]
    terms: tuple[str, ...]
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnyOf:
    """At least one of its options (the OR operator)."""

    options: tuple[Word | Phrase, ...]


Clause = Word | Phrase | AnyOf


@dataclass
class Query:
    """must: every clause matches; must_not: none matches."""

    must: list[Clause] = field(default_factory=list)
    must_not: list[Word | Phrase] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.must and not self.must_not

    def highlights(self) -> list[tuple[str, bool]]:
        """(stem, is_prefix) of every positive term, for snippets."""
        out: list[tuple[str, bool]] = []
        for c in self.must:
            for n in c.options if isinstance(c, AnyOf) else (c,):
                if isinstance(n, Word):
                    out.append((n.term, n.prefix))
                else:
                    out.extend((t, False) for t in n.terms)
        return out


@dataclass
class _Item:
    raw: str
    neg: bool
    quoted: bool
    prefix: bool = False


_OR = object()


def _lex(q: str) -> list[_Item | object]:
    """Split the query into items and OR markers; unbalanced quotes close at the end of the string."""
    out: list[_Item | object] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        neg = False
        if q[i] == "-":
            j = i
            while j < n and q[j] == "-":
                j += 1
            if j == n or q[j].isspace():  # a lone "-" is punctuation
                i = j
                continue
            neg, i = True, j
        if q[i] == '"':
            end = q.find('"', i + 1)
            end = n if end < 0 else end
            out.append(_Item(q[i + 1 : end], neg, quoted=True))
            i = end + 1
            continue
        j = i
        while j < n and not q[j].isspace() and q[j] != '"':
            j += 1
        chunk, i = q[i:j], j
        if chunk in ("OR", "|", "||") and not neg:
            out.append(_OR)
        else:
            out.append(_Item(chunk.rstrip("*"), neg, quoted=False, prefix=chunk.endswith("*")))
    return out


def _entity_tags(raw: str) -> tuple[str, ...]:
    """Entity tags when the whole raw text names one known company or product."""
    if not raw.strip():
        return ()
    mentions = gazetteer().find(raw.strip(), context=False)
    whole = [m for m in mentions if m.start == 0 and m.end == len(raw.strip())]
    return tuple(sorted({tag("p" if m.entity.kind == "product" else "c", m.entity.slug) for m in whole}))


def _node(item: _Item) -> Word | Phrase | None:
    folded = words(item.raw)[:MAX_PHRASE_WORDS]
    if not folded:
        return None
    ents = () if item.neg else _entity_tags(item.raw)
    if len(folded) == 1 and not item.quoted:
        w = folded[0]
        if item.prefix and len(w) >= MIN_PREFIX:
            # A stem of a truncated word is over-short ("gener" -> "gen"): keep at least 5 typed letters.
            return Word(w, w[: max(len(stem(w)), min(len(w), 5))], prefix=True)
        if not is_term(w) and not ents:
            return None
        return Word(w, stem(w), entities=ents)
    terms = tuple(stem(w) for w in folded if is_term(w))
    if not terms:
        return None
    # PostgreSQL gets the words minus lone letters (its own stop words keep their place in the phrase).
    return Phrase(tuple(w for w in folded if len(w) > 1 or w.isdigit()), terms, entities=ents)


def _merge_entities(items: list[_Item | object]) -> list[_Item | object]:
    """Join runs of plain words that together name an entity ("Mistral AI", "Le Chat") into one quoted item."""
    out = list(items)
    for size in (3, 2):
        i = 0
        while i + size <= len(out):
            run = out[i : i + size]
            plain = all(isinstance(x, _Item) and not x.neg and not x.quoted and not x.prefix for x in run)
            if plain:
                raw = " ".join(x.raw for x in run if isinstance(x, _Item))
                if _entity_tags(raw):
                    out[i : i + size] = [_Item(raw, neg=False, quoted=True)]
            i += 1
    return out


def parse(q: str) -> Query:
    """Parse any string into a Query; never raises, junk simply yields fewer (or no) clauses."""
    items = _merge_entities(_lex((q or "")[:MAX_QUERY_CHARS]))
    query = Query()
    pending_or = False
    for it in items:
        if it is _OR:
            pending_or = bool(query.must)
            continue
        assert isinstance(it, _Item)
        node = _node(it)
        if node is None:
            continue
        if it.neg:
            if len(query.must_not) < MAX_CLAUSES:
                query.must_not.append(node)
            pending_or = False
            continue
        if pending_or and query.must:
            last = query.must[-1]
            opts = last.options if isinstance(last, AnyOf) else (last,)
            query.must[-1] = AnyOf((*opts, node)[:MAX_CLAUSES])
        elif len(query.must) < MAX_CLAUSES:
            query.must.append(node)
        pending_or = False
    return query
