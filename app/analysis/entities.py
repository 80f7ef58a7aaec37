"""Gazetteer of AI companies and products, matched in one Aho-Corasick pass over folded text."""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from app.textfold import fold

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.toml")


@dataclass(frozen=True)
class EntityDef:
    """One gazetteer entry."""

    slug: str
    name: str
    kind: str  # company | product
    company: str | None = None
    ai_native: bool = True  # naming it is an AI signal (False for Google, Amazon...)
    ambiguous: frozenset[str] = frozenset()  # aliases checked against their context
    negative: frozenset[str] = frozenset()  # folded cue words that veto an ambiguous alias nearby
    needs_context: bool = False  # an ambiguous alias needs an AI cue nearby
    # an ambiguous alias that several companies use for their own product ("Deep Research": OpenAI, Google,
    # Perplexity) is this entity only where the article names its company (or one of its products) firmly
    requires_company: bool = False
    continuations: frozenset[str] = frozenset()  # folded words that may follow it ("Apple Watch")
    families: frozenset[str] = (
        frozenset()
    )  # platforms it is a view of ("gemini" for API Gemini and Vertex AI)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.slug}"


@dataclass(frozen=True)
class Mention:
    """One match of an alias in a text."""

    entity: EntityDef
    start: int
    end: int
    surface: str


def norm_space(text: str) -> str:
    """No-break spaces to spaces, curly apostrophes to straight ones (same length)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


class Gazetteer:
    """Entities and an automaton over their aliases."""

    def __init__(self, data: dict) -> None:
        self.entities: dict[str, EntityDef] = {}
        self._automaton = ahocorasick.Automaton()
        patterns: dict[str, list[tuple[EntityDef, str, bool]]] = {}
        for kind in ("company", "product"):
            for row in data.get(kind, []):
                ent = EntityDef(
                    row["slug"],
                    row["name"],
                    kind,
                    row.get("company"),
                    row.get("ai_native", True),
                    frozenset(row.get("ambiguous", [])),
                    frozenset(row.get("negative", [])),
                    bool(row.get("needs_context", False)),
                    bool(row.get("requires_company", False)),
                    frozenset(fold(w) for w in row.get("continuations", [])),
                    frozenset(row.get("families", [])),
                )
                self.entities[ent.key] = ent
                for alias in row.get("aliases", []):
                    patterns.setdefault(fold(norm_space(alias)), []).append((ent, alias, False))
                for alias in row.get("strict", []):
                    patterns.setdefault(fold(norm_space(alias)), []).append((ent, alias, True))
        block = EntityDef("block", "", "block")  # hides the aliases inside its phrases, then is dropped
        for phrase in data.get("block", {}).get("phrases", []):
            patterns.setdefault(fold(norm_space(phrase)), []).append((block, phrase, False))
        for folded, targets in patterns.items():
            self._automaton.add_word(folded, (len(folded), targets))
        self._automaton.make_automaton()

    def company_of(self, product_slug: str) -> EntityDef | None:
        ent = self.entities.get(f"product:{product_slug}")
        return self.entities.get(f"company:{ent.company}") if ent and ent.company else None

    def service_keys(self, slug: str) -> frozenset[str]:
        """What an outage service stands for when grouping: itself and the platform families of the product."""
        ent = self.entities.get(f"product:{slug}")
        return frozenset({slug} | {f"family:{f}" for f in (ent.families if ent else ())})

    def find(self, text: str, folded: str | None = None, context: bool = True) -> list[Mention]:
        """Every alias occurrence on word boundaries; the longest match wins where matches overlap.

        `folded` is fold(norm_space(text)) when the caller already has it. `context=False` skips the
        disambiguation by surrounding words: a search query has no surroundings, and a capitalised
        "Le Chat" typed there means the product.
        """
        text = norm_space(text)
        folded = folded if folded is not None and len(folded) == len(text) else fold(text)
        raw: list[Mention] = []
        for end_idx, (length, targets) in self._automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if (
                start > 0
                and (folded[start - 1].isalnum() or folded[start - 1] in "-_@/")
                and not _handle(folded, start)
            ):
                continue
            if end < len(folded) and (folded[end].isalnum() or folded[end] in "_@"):
                continue
            # "GPT-4" must not match inside "GPT-4o"; "Copilot" not inside "Copilot+" is fine.
            if (
                end < len(folded)
                and folded[end] == "-"
                and end + 1 < len(folded)
                and folded[end + 1].isalnum()
            ):
                continue
            surface = text[start:end]
            for ent, alias, strict in targets:
                if strict and surface != norm_space(alias):
                    continue
                raw.append(Mention(ent, start, end, surface))
        raw.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        last_end = -1
        for m in raw:
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
            elif kept and m.start == kept[-1].start and m.end == kept[-1].end:
                kept.append(m)  # same span, several entities (company and product share a name)
        kept = [m for m in kept if m.entity.kind != "block"]
        if not context:
            return _prefer_products(kept)
        from app.analysis.context import disambiguate

        return disambiguate(text, _prefer_products(kept), folded)


def _prefer_products(mentions: list[Mention]) -> list[Mention]:
    """Where a company and its own product share one span ("DeepSeek"), keep the product."""
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_span.setdefault((m.start, m.end), []).append(m)
    out: list[Mention] = []
    for group in by_span.values():
        products = [m for m in group if m.entity.kind == "product"]
        out.extend(products or group)
    out.sort(key=lambda m: m.start)
    return out


def _handle(folded: str, start: int) -> bool:
    """An account handle ("le compte @Grok répond…"): the service's own account names it; not an address
    ("presse@openai.com")."""
    return folded[start - 1] == "@" and (
        start == 1 or not (folded[start - 2].isalnum() or folded[start - 2] in "._-")
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    with GAZETTEER_FILE.open("rb") as fh:
        return Gazetteer(tomllib.load(fh))


def count_entities(mentions: list[Mention]) -> Counter[str]:
    """Mentions per entity key ("product:chatgpt")."""
    return Counter(m.entity.key for m in mentions)
