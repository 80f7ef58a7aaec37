"""Extractive French summaries: 2-3 central sentences, at most 450 characters."""

from __future__ import annotations

import math
import re
from collections import Counter

from app.analysis.dates import fold

MAX_CHARS = 450
_ABBREV = ("M.", "MM.", "Mme.", "Dr.", "etc.", "cf.", "p. ex.", "env.", "av.", "apr.", "J.-C.", "St.", "n°.")
_SPLIT = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = set(
    "le la les un une des du de d l et en a au aux pour par sur dans avec sans ce cet cette ces son sa ses "
    "leur leurs qui que quoi dont ou est sont ete etre a ont avait avoir fait plus moins tres aussi comme "
    "mais donc or ni car ne pas se s y il ils elle elles on nous vous je tu lui meme tout tous toute "
    "toutes deja encore apres avant selon depuis entre vers chez c qu n j m t".split()
)
_NOISE = re.compile(
    r"(a lire aussi|lire aussi|newsletter|abonnez|inscrivez|credit photo|©|cookies?|partager|"
    r"suivez-nous|google actualites|publicite|commentaires?)",
)


def split_sentences(text: str) -> list[str]:
    """French sentence split that keeps "M. Dupont", "15 h 30", "1,5 milliard" and "etc." whole."""
    protected = text
    for i, ab in enumerate(_ABBREV):
        protected = protected.replace(ab + " ", f"{ab[:-1]}\x00{i}\x00 ")
    out: list[str] = []
    for para in protected.split("\n"):
        for piece in _SPLIT.split(para.strip()):
            piece = re.sub(r"\x00(\d+)\x00", ".", piece).strip()
            if piece:
                out.append(piece)
    return out


def _tokens(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(fold(sentence)) if w not in _STOP and len(w) > 2]


def summarise(text: str, title: str = "") -> str:
    """Pick the most central sentences (cosine to the document centroid, title-weighted), in text order."""
    sentences = [s for s in split_sentences(text) if 40 <= len(s) <= 400 and not _NOISE.search(fold(s))]
    if not sentences:
        return ""
    vectors = [Counter(_tokens(s)) for s in sentences]
    df: Counter[str] = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(sentences)
    centroid: Counter[str] = Counter()
    for v in vectors:
        for w, c in v.items():
            centroid[w] += c * math.log(1 + n / df[w])
    for w in _tokens(title):
        centroid[w] += 2.0 * max(centroid.values(), default=1)

    def norm(v: Counter[str] | dict[str, float]) -> float:
        return math.sqrt(sum(x * x for x in v.values())) or 1.0

    cnorm = norm(centroid)
    scores = []
    for i, v in enumerate(vectors):
        weighted = {w: c * math.log(1 + n / df[w]) for w, c in v.items()}
        cos = sum(weighted[w] * centroid.get(w, 0.0) for w in weighted) / (norm(weighted) * cnorm)
        position = 1.0 / (1 + i * 0.15)  # a light lead bias: French news puts the facts first
        scores.append(cos * 0.75 + position * 0.25)
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
    if not chosen:
        return sentences[0][: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return " ".join(sentences[i] for i in sorted(chosen))
