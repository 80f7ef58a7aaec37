"""Context rules for ambiguous aliases, applied to the matches of the one Aho-Corasick pass.

Rules look at a window of words around each match instead of running one regex per entity: a negative cue nearby
("crypto" for Gemini, "croquettes" for Le Chat), a capitalised neighbour that makes the match part of another proper
name ("Claude Martin", "Le Chat Gourmand", "Kent Apple Growers"), and for the weakest names an AI cue nearby.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from app.textfold import fold

if TYPE_CHECKING:
    from app.analysis.entities import Mention

WINDOW = 20  # words each side
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Folded words that say the neighbourhood is about AI.
AI_CUES = frozenset(
    "ia intelligence artificielle chatbot chatbots assistant assistants modele modeles llm llms generative generatif "
    "generatifs generatives agent agents prompt prompts requete requetes openai anthropic google deepmind mistral "
    "conversationnel conversationnelle developpeurs api sonnet opus haiku reponses repondre genere generer "
    "entrainement algorithme algorithmes neurones gpt chatgpt startup".split()
)
# Capitalised words that may follow a product name without making it another proper name.
_CONTINUATIONS = frozenset(
    "pro plus max ultra flash live studio vision code ai ia search voice enterprise team business mini nano "
    "app web desktop mobile api advanced free deep instant thinking experimental robotics labs agent agents "
    "pages chat actions notebooks daily gov edu research embedding embeddings".split()
)
# A bare short name shared by a family: bare slug -> (sibling slug, folded cue word that selects the sibling).
# A mention is bare unless its surface holds the brand word ("Microsoft Copilot", "Microsoft 365 Copilot").
_BARE_FAMILY = {"copilot": ("github-copilot", "github", "microsoft")}


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\u00a0")
    return not before or before[-1] in '.!?»:\n…"«(—–-'


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def disambiguate(text: str, mentions: list[Mention], folded_text: str | None = None) -> list[Mention]:
    """Mentions with ambiguous aliases checked against their neighbourhood, bare family names resolved."""
    if not any(m.surface in m.entity.ambiguous or m.entity.slug in _BARE_FAMILY for m in mentions):
        return mentions
    spans = _word_spans(
        text, [m for m in mentions if m.surface in m.entity.ambiguous or m.entity.slug in _BARE_FAMILY]
    )
    starts = [s for s, _ in spans]
    ft = folded_text if folded_text is not None and len(folded_text) == len(text) else fold(text)
    folded = [ft[s:e] for s, e in spans]
    firm = {m.entity.key for m in mentions if m.surface not in m.entity.ambiguous}
    firm |= {
        f"company:{m.entity.company}"
        for m in mentions
        if m.surface not in m.entity.ambiguous and m.entity.company
    }
    # an article that already names two AI services firmly makes "Claude" or "Gemini" likely to be the AI ones
    ai_doc = (
        sum(
            1
            for m in mentions
            if m.surface not in m.entity.ambiguous and (m.entity.kind == "product" or m.entity.ai_native)
        )
        >= 2
    )
    out: list[Mention] = []
    pending: list[Mention] = []  # rejected only for want of an AI cue nearby
    vetoed: set[str] = set()  # entities one of whose ambiguous mentions sits beside a cue of the other sense
    for m in mentions:
        ent = m.entity
        if m.surface not in ent.ambiguous:
            out.append(m)
            continue
        i = bisect.bisect_left(starts, m.start)
        if i and spans[i - 1][1] > m.start:
            i -= 1  # the match starts inside a word: "l'Apple" is one word with its elided article
        j = max(i, bisect.bisect_left(starts, m.end) - 1)
        window = folded[max(0, i - WINDOW) : j + 1 + WINDOW]
        joined = " " + " ".join(window) + " "
        if any(f" {cue} " in joined for cue in ent.negative):
            vetoed.add(ent.key)
            continue
        # after an elided article ("d'Apple") the word before is not glued to the name
        elided = spans[i][0] < m.start if i < len(spans) else False
        if _inside_other_name(text, spans, i, j, ent.continuations, check_before=not elided):
            continue
        if ent.requires_company and f"company:{ent.company}" not in firm:
            # neither its company nor one of its products is named: "les rapports Deep Research" in a Gemini
            # article are Google's feature, not OpenAI's
            continue
        if ent.needs_context and _is_person(text, folded, i, m.end):
            continue
        if ent.needs_context:
            company_firm = ent.company is not None and f"company:{ent.company}" in firm
            near_ai = any(w in AI_CUES for w in window) or ent.key in firm or company_firm or ai_doc
            if not near_ai:
                pending.append(m)
                continue
        out.append(m)
    if vetoed:
        # one sense per article: "les Mistral de Saint-Nazaire… la classe Mistral… le vent du Midi" are all ships
        # or wind; a bare name far from the cue is the AI one only where the article also names it firmly
        out = [
            m
            for m in out
            if m.entity.key not in vetoed
            or m.surface not in m.entity.ambiguous
            or m.entity.key in firm
            or (m.entity.company is not None and f"company:{m.entity.company}" in firm)
        ]
        pending = [m for m in pending if m.entity.key not in vetoed]
    if pending:
        # one sense per article: "Panne de Gemini" in a title far from any AI cue is the Gemini the body confirms
        confirmed = {m.entity.key for m in out if m.surface in m.entity.ambiguous}
        kept = [m for m in pending if m.entity.key in confirmed]
        out = sorted(out + kept, key=lambda m: m.start) if kept else out
    return _resolve_families(out, folded, starts)


_REACH = 300  # characters scanned each side of a mention: 20 French words take about half of it


def _cut(text: str, pos: int, step: int) -> int:
    """The nearest position from `pos` (moving by `step`) where no word can straddle: a space, a dash, the end."""
    while 0 < pos < len(text) and (text[pos].isalnum() or text[pos] in "'’"):
        pos += step
    return max(0, min(pos, len(text)))


def _word_spans(text: str, around: list[Mention]) -> list[tuple[int, int]]:
    """Word offsets around the given mentions, the same as a whole-text scan gives for every window read.

    Words never hold a space or punctuation, so a scan that starts and stops on such a character finds the words
    a whole-text scan finds there. Each mention needs WINDOW words (plus one) on each side inside its own stretch;
    when one lacks them (long tokens, dense mentions at a stretch end) the whole text is scanned instead.
    """
    n = len(text)
    stretches: list[list[int]] = []
    for m in sorted(around, key=lambda m: m.start):
        lo, hi = _cut(text, m.start - _REACH, -1), _cut(text, m.end + _REACH, 1)
        if stretches and lo <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], hi)
        else:
            stretches.append([lo, hi])
    if len(stretches) == 1 and stretches[0] == [0, n] or not stretches:
        return [(w.start(), w.end()) for w in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    bounds: list[tuple[int, int, int, int]] = []  # (text lo, text hi, first word index, end word index)
    for lo, hi in stretches:
        first = len(spans)
        spans.extend((w.start(), w.end()) for w in _WORD.finditer(text, lo, hi))
        bounds.append((lo, hi, first, len(spans)))
    starts = [s for s, _ in spans]
    for m in around:
        lo, hi, first, end = next(b for b in bounds if b[0] <= m.start < b[1])
        i = bisect.bisect_left(starts, m.start)
        j = max(i, bisect.bisect_left(starts, m.end) - 1)
        if (lo > 0 and i - 1 - WINDOW < first) or (hi < n and j + 1 + WINDOW >= end):
            return [(w.start(), w.end()) for w in _WORD.finditer(text)]
    return spans


_AGE = re.compile(r"\s*,\s*\d{1,3}\s+ans\b")
_TITLES = frozenset(
    "m mme mlle monsieur madame dr docteur pr professeur prenomme prenommee appelle oncle tante".split()
)


def _is_person(text: str, folded: list[str], i: int, end: int) -> bool:
    """ "M. Claude", "Claude, 54 ans": a first name, whatever the AI words around it."""
    return bool(_AGE.match(text, end)) or (i > 0 and folded[i - 1] in _TITLES)


def _inside_other_name(
    text: str,
    spans: list[tuple[int, int]],
    i: int,
    j: int,
    own: frozenset[str] = frozenset(),
    check_before: bool = True,
) -> bool:
    """The match is glued to a capitalised word that is not a known continuation: another proper name."""
    if j + 1 < len(spans):
        ns, ne = spans[j + 1]
        gap = text[spans[j][1] : ns]
        word = text[ns:ne]
        if gap.strip(" \u00a0") == "" and _is_capitalised(word) and fold(word) not in _CONTINUATIONS | own:
            if not word.isupper() or len(word) > 3:  # "Claude AI"-like acronyms are continuations
                return True
    if i > 0 and check_before:
        ps, pe = spans[i - 1]
        gap = text[pe : spans[i][0]]
        word = text[ps:pe]
        if gap.strip(" \u00a0") == "" and _is_capitalised(word) and not _sentence_initial(text, ps):
            return True
    return False


# Words near a bare family name that pick one member: the sibling's world (a developer's: "code", "extension",
# "programmation") or the bare name's own brand ("Windows", "Office", "Microsoft").
_FAMILY_CUES = {
    "copilot": (
        frozenset(
            "developpeur developpeurs code programmation programmeurs ide vscode extension extensions completions "
            "completion depot depots pull".split()
        ),
        frozenset("microsoft windows office bing edge 365 word excel outlook teams powerpoint".split()),
    )
}


def _resolve_families(mentions: list[Mention], folded: list[str], starts: list[int]) -> list[Mention]:
    """A bare "Copilot" beside "GitHub" or in a developer's context (code, extension) means GitHub Copilot; beside
    Microsoft, Windows or Office, Microsoft Copilot. With no cue nearby, the member the rest of the article names
    (explicitly or by such cues) more often; on a tie, the last one named explicitly."""
    from app.analysis.entities import gazetteer

    g = gazetteer()
    out: list[Mention] = []
    last_explicit: dict[str, str] = {}
    votes: dict[str, Counter[str]] = {}
    open_: list[int] = []  # bare mentions with no cue nearby, settled once the whole article is read
    for m in mentions:
        slug = m.entity.slug
        family = _BARE_FAMILY.get(slug) if m.entity.kind == "product" else None
        if family and family[2] not in fold(m.surface):
            sibling, cue, _brand = family
            dev, brand = _FAMILY_CUES.get(slug, (frozenset(), frozenset()))
            i = bisect.bisect_left(starts, m.start)
            near = folded[max(0, i - 8) : i + 8]
            if cue in near:
                m = replace(m, entity=g.entities[f"product:{sibling}"])
            elif any(w in brand for w in near):
                pass
            elif any(w in dev for w in folded[max(0, i - 15) : i + 15]):
                m = replace(m, entity=g.entities[f"product:{sibling}"])
            else:
                open_.append(len(out))
                out.append(m)
                last = last_explicit.get(slug)
                out[-1] = replace(m, entity=g.entities[f"product:{last}"]) if last == sibling else m
                continue
            votes.setdefault(slug, Counter())[m.entity.slug] += 1
        else:
            for bare, (sibling, _cue, _brand) in _BARE_FAMILY.items():
                if slug in (bare, sibling):
                    last_explicit[bare] = slug
                    votes.setdefault(bare, Counter())[slug] += 1
        out.append(m)
    for k in open_:
        bare = next(b for b, (sib, _c, _b) in _BARE_FAMILY.items() if out[k].entity.slug in (b, sib))
        v = votes.get(bare, Counter())
        sibling = _BARE_FAMILY[bare][0]
        if v[sibling] != v[bare]:
            out[k] = replace(
                out[k], entity=g.entities[f"product:{sibling if v[sibling] > v[bare] else bare}"]
            )
    return out
