"""French text analysis shared by the index and the query side: words, stop words, Snowball stemming."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from app.textfold import LIGATURES, fold, spell_out

# Words too common to mean anything in a French query or document (already folded, no accents).
STOP_WORDS = frozenset(
    """
    a afin ai aie aient ainsi alors au aucun aupres auquel aussi autre autres aux avaient avais avait avant avec
    avoir avons ayant c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chacun chaque chez ci
    comme comment contre d dans de deja depuis des desquels dont du duquel elle elles en encore entre est et etaient
    etais etait etant ete etes etre eu eux fait faire fut ici il ils j je jusqu l la laquelle le lequel les lesquels
    leur leurs lors lorsqu lorsque lui m ma mais me meme memes mes moi moins mon n ne ni nos notre nous on ont ou
    par parce parmi pas pendant peu peut plus plutot pour pourquoi puis qu quand que quel quelle quelles quels qui
    quoi s sa sans se selon ses si sien soi soit sommes son sont sous suis sur t ta tandis te tes toi ton tous tout
    toute toutes tres tu un une unes uns vers via voici voila vos votre vous y
    """.split()
)

# A word for the index: letters and digits only (underscore is a separator, as in FTS5's unicode61 tokenizer).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORD = 40  # longer "words" are junk (hashes, base64) and only bloat the index

STEMMER_ALGORITHM = "french"
_STEMMER = Stemmer.Stemmer(STEMMER_ALGORITHM)


@lru_cache(maxsize=200_000)
def stem(folded_word: str) -> str:
    """The French Snowball stem of an already folded word (cached: a corpus reuses few distinct words)."""
    return _STEMMER.stemWord(folded_word)


def words(text: str) -> list[str]:
    """The words of a text, spelt out and folded ("Œuvre" -> "oeuvre"), stop words included, in order."""
    return [w for w in WORD.findall(fold(spell_out(text))) if len(w) <= MAX_WORD]


def is_term(folded_word: str) -> bool:
    """Whether a folded word is indexed: not a stop word, not a lone letter (initials, stray markup)."""
    return folded_word not in STOP_WORDS and (len(folded_word) > 1 or folded_word.isdigit())


def terms(text: str) -> list[str]:
    """Index terms of a text: folded, stop words dropped, stemmed. Index and query both go through here."""
    return [stem(w) for w in words(text) if is_term(w)]


def joined_terms(text: str) -> str:
    """The text as it is written into the FTS5 index: its terms separated by spaces."""
    return " ".join(terms(text))


def pairs(*texts: str) -> str:
    """Adjacent term pairs ("intelligent_artificiel") of each text: a phrase then costs one posting-list lookup
    per pair instead of checking positions in every document holding all its words."""
    out: list[str] = []
    for t in texts:
        ts = terms(t)
        out += [f"{a}_{b}" for a, b in zip(ts, ts[1:], strict=False)]
    return " ".join(out)


@dataclass(frozen=True)
class IndexText:
    """An article's texts as the index stores them (analysed, plus their term pairs): the CPU-heavy part of
    indexing, computed away from the database session (in the extraction workers during a crawl)."""

    title: str
    summary: str
    body: str
    pairs: str


def index_text(title: str, summary: str, body: str) -> IndexText:
    """Analyse an article's title, summary and body for the index."""
    return IndexText(
        joined_terms(title), joined_terms(summary), joined_terms(body), pairs(title, summary, body)
    )


TAG_MARK = (
    "qq"  # every tag starts with it; no French word does (an abbreviation like "qqch" is the rare clash)
)


def tag(kind: str, value: str) -> str:
    """A facet/entity token for the tags column ("qqp" + "chatgpt")."""
    return TAG_MARK + kind + re.sub(r"[^a-z0-9]", "", fold(spell_out(value)))


# Bump when the analysis changes in a way the fingerprint below could miss (a new rule in fold(), say).
# 2: one fold for the analysis and the index (app/textfold.py): words now go through spell_out() (NFKC) then the
# analysis's fold, one character for one. Words in the Latin script are the same as with version 1; some in other
# scripts differ (a Hangul syllable stays whole; kana and Arabic letters lose their marks, which used to split the
# word; a mark that composes with no letter now splits it; a final capital sigma folds to σ), so indexes written
# by version 1 are rebuilt.
ANALYSIS_VERSION = 2
# Folding, stop words, the length limit, stemming and pairs all show in the analysis of this text.
_PROBE = (
    "L'Œuvre générée par l'IA : « ChatGPT-4o » s'appuie sur des modèles de langage ; les coûts baissent "
    "de 10 % et déjà 2025 utilisateurs, naïfs ou Ærosmith, en ﬁnancement à Straße, de\u0301cide\u0301 "
    "à 한국 ou ΟΔΟΣ… " + "x" * (MAX_WORD + 1)
)


def analysis_fingerprint() -> str:
    """A digest of everything that decides what joined_terms(), pairs() and tag() write into the index.

    The SQLite index is contentless: removing an article means replaying its indexed values, recomputed from
    its stored text (app/search/fts5.py). If the analysis changed since the index was written, the replayed
    values would differ and corrupt it, so a change of fingerprint triggers a full rebuild at start-up. It
    covers the developer-bumped version, the stop words and patterns, the ligatures, the stemmer's algorithm and
    library version, the Unicode database (NFKC and NFKD folding, \\w) and, as a last net, the output on a probe
    text: a new stemmer release or a subtle edit shows there even when nobody bumps ANALYSIS_VERSION."""
    h = hashlib.sha256()
    parts = (
        str(ANALYSIS_VERSION),
        " ".join(sorted(STOP_WORDS)),
        WORD.pattern,
        str(MAX_WORD),
        repr(LIGATURES),
        STEMMER_ALGORITHM,
        Stemmer.version(),
        unicodedata.unidata_version,
        TAG_MARK,
        joined_terms(_PROBE),
        pairs(_PROBE),
        tag("p", _PROBE),
    )
    for part in parts:
        h.update(part.encode("utf-8") + b"\x00")
    return f"v{ANALYSIS_VERSION}:{h.hexdigest()[:32]}"
