"""Extractive French summaries: 2-3 central sentences, at most 450 characters, never boilerplate."""

from __future__ import annotations

import math
import re
from collections import Counter

from app.analysis.dates import fold
from app.analysis.sentences import sentence_spans, split_sentences

MAX_CHARS = 450
MAX_SENTENCES = 30
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "le la les un une des du de d l et en a au aux pour par sur dans avec sans ce cet cette ces son sa ses "
    "leur leurs qui que quoi dont ou est sont ete etre ont avait avoir fait plus moins tres aussi comme "
    "mais donc or ni car ne pas se s y il ils elle elles on nous vous je tu lui meme tout tous toute "
    "toutes deja encore apres avant selon depuis entre vers chez c qu n j m t".split()
)
# Second guard after clean_text: a sentence with one of these is never summary material.
_NOISE = re.compile(
    r"(a lire aussi|lire aussi|sur le meme sujet|newsletter|abonnez|inscrivez|je m'abonne|credits? photo|©|"
    r"cookies?|partager sur|suivez-nous|google actualites|publicite|commentaires?|vos reactions|"
    r"merci de rester courtois|cliquez ici|en savoir plus)"
)


def _tokens(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence) if w not in _STOP and len(w) > 2]


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values())) or 1.0


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[w] for w, x in a.items() if w in b)


def summarise(text: str, title: str = "", folded: str | None = None) -> str:
    """The most central sentences (mean similarity to the others, plus the title), in text order."""
    text_f = folded if folded is not None and len(folded) == len(text) else fold(text)
    spans = [(s, e) for s, e in sentence_spans(text) if 40 <= e - s <= 400 and not _NOISE.search(text_f, s, e)]
    sentences = [text[s:e] for s, e in spans]
    folded_sentences = [text_f[s:e] for s, e in spans]
    sentences = sentences[:MAX_SENTENCES]  # centrality is quadratic; the facts are in the first part anyway
    if not sentences:
        return ""
    counts = [Counter(_tokens(s)) for s in folded_sentences[:MAX_SENTENCES]]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(sentences)
    vectors = [{w: k * math.log(1 + n / df[w]) for w, k in c.items()} for c in counts]
    title_vec = {w: 1.0 for w in _tokens(fold(title))}
    title_norm = _norm(title_vec)
    norms = [_norm(v) for v in vectors]
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sim[i][j] = sim[j][i] = _dot(vectors[i], vectors[j]) / (norms[i] * norms[j])
    scores = []
    for i, v in enumerate(vectors):
        centrality = sum(sim[i]) / max(1, n - 1)
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
