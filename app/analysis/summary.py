"""Extractive French summaries: 2-3 central sentences, at most 450 characters, never boilerplate."""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter

from app.analysis.dates import fold
from app.analysis.sentences import iter_sentence_spans, split_sentences

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


def summarise(text: str, title: str = "", folded: str | None = None) -> str:
    """The most central sentences (mean similarity to the others, plus the title), in text order."""
    text_f = folded if folded is not None and len(folded) == len(text) else fold(text)
    # centrality is quadratic and the facts are in the first part anyway: the first MAX_SENTENCES usable ones
    usable = ((s, e) for s, e in iter_sentence_spans(text) if 40 <= e - s <= 400 and not _NOISE.search(text_f, s, e))
    spans = list(itertools.islice(usable, MAX_SENTENCES))
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
    for u in units:
        for w, x in u.items():
            total[w] = total.get(w, 0.0) + x
    scores = []
    for i, v in enumerate(vectors):
        centrality = (_dot(units[i], total) - _dot(units[i], units[i])) / max(1, n - 1)
        relevance = centrality * 0.6 + _dot(v, title_vec) / (norms[i] * title_norm) * 0.4
        # a light lead bias that only breaks near-ties: French news puts the facts first, but an off-topic
        # opening line (weather, anecdote) has no centrality to multiply
        scores.append(relevance * (1.0 + 0.3 / (1 + i)))
    ranked = sorted(range(n), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    length = 0
    for i in ranked:
        if len(chosen) == 3:
            break
        extra = len(sentences[i]) + (1 if chosen else 0)
        if length + extra > MAX_CHARS:
            continue
        chosen.append(i)
        length += extra
    if len(chosen) < 2 and n > 1:
        # two short sentences beat one long one: fall back to the two shortest central ones
        pair = sorted(ranked[:4], key=lambda i: len(sentences[i]))[:2]
        if sum(len(sentences[i]) for i in pair) + 1 <= MAX_CHARS:
            chosen = pair
    if not chosen:
        return sentences[0][: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return " ".join(sentences[i] for i in sorted(chosen))


__all__ = ["summarise", "split_sentences", "MAX_CHARS"]
