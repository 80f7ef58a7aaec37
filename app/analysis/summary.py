"""Extractive French summaries: 2-3 central sentences, at most 450 characters, never boilerplate."""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter

from app.analysis.dates import DATELINE
from app.analysis.sentences import iter_sentence_spans
from app.textfold import fold

MAX_CHARS = 450
MAX_SENTENCES = 30
_WORD = re.compile(r"[a-z0-9]{3,}")  # words of three characters or more: shorter ones never count
_STOP = frozenset(
    "le la les un une des du de d l et en a au aux pour par sur dans avec sans ce cet cette ces son sa ses "
    "leur leurs qui que quoi dont ou est sont ete etre ont avait avoir fait plus moins tres aussi comme "
    "mais donc or ni car ne pas se s y il ils elle elles on nous vous je tu lui meme tout tous toute "
    "toutes deja encore apres avant selon depuis entre vers chez c qu n j m t".split()
)
# Second guard after clean_text: a sentence with one of these is never summary material.
# Only whether one occurs matters: alternatives grouped by first letter, so the engine skips ahead by character set.
_NOISE = re.compile(
    r"l(?:ire aussi)|s(?:ur le meme sujet|uivez-nous)|n(?:ewsletter)|a(?:bonnez)|i(?:nscrivez)|j(?:e m'abonne)|"
    r"c(?:redits? photo|ookies?|ommentaires?|liquez ici)|©|p(?:artager sur|ublicite)|g(?:oogle actualites)|"
    r"v(?:os reactions)|m(?:erci de rester courtois)|e(?:n savoir plus)"
)


# Not summary material: bracketed update notes, encyclopedic boilerplate (folded text).
_NOT_SUMMARY = re.compile(
    r"(?:\[|\(mise? a jour|mise? a jour\s*:|maj\s*:|edit\s*:|update\s*:)"
    r"|(?:fondee?|creee?|lancee?) en (?:19|20)\d\d\b"
    r"|[\w.' -]{2,40}(?:\([^)]{0,40}\) )?(?:est|etait) (?:une|un) (?:entreprise|societe|start-?up|laboratoire|groupe|"
    r"firme|editeur|fabricant|conglomerat|multinationale|agent conversationnel|chatbot|assistant)\b[^.]{0,80}"
    r"\b(?:fondee?|creee?|basee?|installee?|dont le siege|nee?|specialisee?|qui developpe)\b"
)
# (These two, and DATELINE, are used with .match(text, start): anchored at the sentence start, hence no "^".)
# A sentence that opens on a connector needs the one before it (its antecedent) in the summary too.
_CONNECTOR = re.compile(
    r"(?:d'ailleurs|pourtant|en revanche|cependant|toutefois|par ailleurs|de plus|en outre|ainsi,|mais |or,|"
    r"neanmoins|du coup|enfin,|aussi,|cela |ceci |ce dernier|cette derniere|ces derniers|celui-ci|celle-ci|"
    r"lui aussi|elle aussi|eux aussi|de son cote|de leur cote|dans la foulee|malgre tout|malgre cela|au contraire|"
    r"a l'inverse|quant a|meme si|autrement dit|c'est pourquoi|en effet|resultat|bref|la encore|il s'agit|"
    r"ils |elles |elle |il (?!y a\b|faut\b|est (?:\w+ )?(?:impossible|possible|difficile|probable|temps|rare|"
    r"encore temps|trop tot)\b))"
)
_CLOSES = (".", "!", "…", "»", '"', "”", ")")


def _usable(text: str, text_f: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of a sentence fit for a summary (dateline cut), or None: headings (no closing punctuation),
    questions, notes and boilerplate are not."""
    d = DATELINE.match(text, s, e)
    if d is not None and d.end() < e:
        s = d.end()
    if not 40 <= e - s <= 400 or not text[s:e].rstrip().endswith(_CLOSES):
        return None
    if _NOISE.search(text_f, s, e) or _NOT_SUMMARY.match(text_f, s, e):
        return None
    return s, e


def _tokens(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence) if w not in _STOP]


def _norm(v: dict[str, float]) -> float:
    values = v.values()
    return math.sqrt(sum(map(operator.mul, values, values))) or 1.0


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = [w for w in a if w in b]
    return sum(map(operator.mul, map(a.__getitem__, common), map(b.__getitem__, common)))


def summarise(
    text: str,
    title: str = "",
    folded: str | None = None,
    must: tuple[tuple[int, int], ...] = (),
    names: tuple[str, ...] = (),
) -> str:
    """The most central sentences (mean similarity to the others, plus the title), in text order.

    `must` are spans of sentences that go in first whatever their score (an outage article's report sentences:
    what broke, how and when); `names` (folded) are the services such a summary must name: when the chosen
    sentences say "l'entreprise" or "le service" only, the sentences just before, back to one that names it, come
    along.
    """
    text_f = folded if folded is not None and len(folded) == len(text) else fold(text)
    # centrality is quadratic and the facts are in the first part anyway: the first MAX_SENTENCES usable ones
    usable = (u for s, e in iter_sentence_spans(text) if (u := _usable(text, text_f, s, e)) is not None)
    spans = list(itertools.islice(usable, MAX_SENTENCES))
    forced = [u for m in must if (u := _usable(text, text_f, *m)) is not None]
    if forced:
        extra = [f for f in forced if f not in spans]
        spans = sorted(set(spans[: MAX_SENTENCES - len(extra)]) | set(extra))
    if not spans:
        return ""
    sentences = [text[s:e] for s, e in spans]
    counts = [Counter(_tokens(text_f[s:e])) for s, e in spans]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(sentences)
    idf = {w: math.log(1 + n / k) for w, k in df.items()}
    vectors = [{w: k * idf[w] for w, k in c.items()} for c in counts]
    title_vec = {w: 1.0 for w in _tokens(fold(title))}
    title_norm = _norm(title_vec)
    norms = [_norm(v) for v in vectors]
    # sum over j != i of cos(i, j) = (v_i / |v_i|) . (sum_j v_j / |v_j|) - cos(i, i): linear, not quadratic
    units = [{w: x / nv for w, x in v.items()} for v, nv in zip(vectors, norms, strict=True)]
    total: dict[str, float] = {}
    for unit in units:
        for w, x in unit.items():
            total[w] = total.get(w, 0.0) + x
    scores = []
    for i, v in enumerate(vectors):
        centrality = (_dot(units[i], total) - _dot(units[i], units[i])) / max(1, n - 1)
        relevance = centrality * 0.6 + _dot(v, title_vec) / (norms[i] * title_norm) * 0.4
        # a light lead bias that only breaks near-ties: French news puts the facts first, but an off-topic
        # opening line (weather, anecdote) has no centrality to multiply
        scores.append(relevance * (1.0 + 0.3 / (1 + i)))
    ranked = sorted(range(n), key=lambda i: (-scores[i], i))
    if forced:
        first = [spans.index(f) for f in forced]
        ranked = first + [i for i in ranked if i not in first]
    connector = [bool(_CONNECTOR.match(text_f, s, e)) for s, e in spans]
    # the sentence right before in the text, when the two were adjacent there (the antecedent of a connector)
    previous = [i - 1 if i and _adjacent(text, spans[i - 1], spans[i]) else None for i in range(n)]
    chosen: list[int] = []
    length = 0
    for i in ranked:
        if len(chosen) == 3:
            break
        group = [i]
        if connector[i] and previous[i] not in chosen:
            p = previous[i]
            if p is None or connector[p]:
                continue  # no antecedent at hand: the sentence would not make sense alone
            group = [p, i]
        if len(chosen) + len(group) > 3:
            continue
        added = sum(len(sentences[k]) for k in group) + len(group) - (0 if chosen else 1)
        if length + added > MAX_CHARS:
            continue
        chosen.extend(group)
        length += added
    if names and forced and not any(nm in text_f[spans[i][0] : spans[i][1]] for i in chosen for nm in names):
        chosen = _named_chain(chosen, [spans.index(f) for f in forced], spans, text, text_f, names) or chosen
    if len(chosen) < 2 and n > 1:
        # two short sentences beat one long one: fall back to the two shortest central ones
        pair = sorted((i for i in ranked[:4] if not connector[i]), key=lambda i: len(sentences[i]))[:2]
        if (
            len(pair) == 2
            and sum(len(sentences[i]) for i in pair) + 1 <= MAX_CHARS
            and (not forced or not chosen or chosen[0] in pair)
        ):
            chosen = pair
    if not chosen:
        plain = next((i for i in ranked if not connector[i]), ranked[0])
        return sentences[plain][: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return " ".join(sentences[i] for i in sorted(set(chosen)))


def _named_chain(
    chosen: list[int],
    forced: list[int],
    spans: list[tuple[int, int]],
    text: str,
    text_f: str,
    names: tuple[str, ...],
) -> list[int] | None:
    """A forced sentence with the adjacent ones before it, back to one that names the service (three at most)."""
    for f in forced:
        group = [f]
        i = f
        while len(group) < 3 and i > 0 and _adjacent(text, spans[i - 1], spans[i]):
            i -= 1
            group.insert(0, i)
            if any(nm in text_f[spans[i][0] : spans[i][1]] for nm in names):
                if sum(spans[k][1] - spans[k][0] + 1 for k in group) - 1 <= MAX_CHARS:
                    return group
                break
    return None


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two sentence spans with only spaces or a line break between them."""
    return not text[a[1] : b[0]].strip()
