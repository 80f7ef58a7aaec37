"""The learned outage fallback: logistic regression over words and word pairs, read from a JSON file.

Pure Python (no numpy, no scikit-learn): the weights are trained by `bench/learned_outage.py --export` (the optional
`[train]` dependency group) and shipped as app/analysis/learned_outage.json. The features are computed here, once,
for both the training script and the scorer, so the two cannot drift apart.

Wired in analyse_document as a recall fallback (`fallback_outage`): when the rules report no outage, the model's
probability reaches the model file's threshold and an AI product is named in the title or lead, the page reports an
outage of those products (kind, day and time found by the rules' own helpers), marked `detected_by="model"`. When
the model file is missing or unreadable the analysis runs on its rules alone and logs it once.

Features (all binary, on folded text: lower-case, accents off):
- words and word pairs of the title (`t:`), the lead (`l:`) and the body (`b:`); every named AI product becomes the
  token `xprodx` and every company `xcompx`, every number `0`, so that what is learned is the wording, not the name;
- per zone, `s:<zone>:prod+out` when one sentence names a product and a generic outage-ish word (a short list fixed
  before any evaluation, see OUTAGE_STEMS), and `s:<zone>:prod+out:<stem>` for the word found.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.analysis import OutageReport
    from app.analysis.entities import Mention
    from app.analysis.refdate import Reference

MODEL_PATH = Path(__file__).with_name("learned_outage.json")  # written by bench/learned_outage.py --export
FORMAT = "veille-learned-outage/1"
# The kind model: on a page that reports an incident, is it a restriction (access closed, capped, withdrawn, banned)
# rather than an outage or a degradation? Same features, same file layout, its own format name.
KIND_MODEL_PATH = Path(__file__).with_name("learned_kind.json")
KIND_FORMAT = "veille-learned-kind/1"

# Generic French outage-ish word stems (fixed a priori, not tuned on any set): they feed the sentence features only.
OUTAGE_STEMS = (
    "panne",
    "indisponib",
    "inaccessib",
    "perturb",
    "dysfonction",
    "erreur",
    "bug",
    "ralenti",
    "lenteur",
    "coupure",
    "incident",
    "hors service",
    "hors ligne",
    "plante",
    "restreint",
    "restriction",
    "suspend",
    "quota",
    "limite",
    "degrad",
    "rame",
    "tombe",
)
_STEM_RX = re.compile(r"\b(" + "|".join(re.escape(s) for s in OUTAGE_STEMS) + r")")
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_BODY_CHARS = 6000  # the facts come first: the rest of a long page adds noise and time


class ModelError(ValueError):
    """The model file is missing, unreadable or not a model of this format."""


@dataclass(frozen=True)
class OutageModel:
    bias: float
    weights: dict[str, float]
    threshold: float  # probability from which the model alone is trusted (chosen on the forward folds)

    def logit(self, features: set[str]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: set[str]) -> float:
        return _sigmoid(self.logit(features))

    @cached_property
    def _index(self) -> _Index:
        return _Index.of(self.weights)

    def page_probability(self, full_f: str, title_len: int, head_len: int, mentions: list[Mention]) -> float:
        """probability(features(full_f, title_len, head_len, mentions)), without building the feature strings: the
        page's tokens and token pairs are looked up in the weights directly (the same features, each counted
        once; tests/analysis/test_learned.py checks that the two agree on every labelled page)."""
        index = self._index
        z = self.bias
        for prefix, text in _zones(full_f, title_len, head_len, mentions):
            toks = _TOKEN.findall(text)
            unigrams = index.unigrams.get(prefix, {})
            z += sum(unigrams[t] for t in set(toks) & unigrams.keys())
            pairs = index.pairs.get(prefix, {})
            seen = {(a, b) for a, b in zip(toks, toks[1:], strict=False) if a in pairs and b in pairs[a]}
            z += sum(pairs[a][b] for a, b in seen)
            z += sum(self.weights.get(k, 0.0) for k in _sentence_features(prefix, text))
        return _sigmoid(z)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@dataclass(frozen=True)
class _Index:
    """A model's token weights by zone: "b:panne" as unigrams["b"]["panne"], "b:en_panne" as pairs["b"]["en"]["panne"]
    (sentence features, "s:…", are looked up by name)."""

    unigrams: dict[str, dict[str, float]]
    pairs: dict[str, dict[str, dict[str, float]]]

    @staticmethod
    def of(weights: dict[str, float]) -> _Index:
        unigrams: dict[str, dict[str, float]] = {}
        pairs: dict[str, dict[str, dict[str, float]]] = {}
        for key, w in weights.items():
            prefix, _, rest = key.partition(":")
            if prefix == "s" or not rest:
                continue
            a, sep, b = rest.partition("_")  # (tokens hold no "_": a pair splits once)
            if sep:
                pairs.setdefault(prefix, {}).setdefault(a, {})[b] = w
            else:
                unigrams.setdefault(prefix, {})[a] = w
        return _Index(unigrams, pairs)


def load_model(path: Path = MODEL_PATH, fmt: str = FORMAT) -> OutageModel:
    """Read and check a model file; a missing, corrupted or foreign file raises ModelError (never a bare error)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"learned model missing: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"learned model unreadable: {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise ModelError(f"learned model has not the format {fmt!r}: {path}")
    bias, weights, threshold = data.get("bias"), data.get("weights"), data.get("threshold")
    if not isinstance(bias, int | float) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ModelError(f"learned model has a bad bias or threshold: {path}")
    if not isinstance(weights, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) and math.isfinite(v) for k, v in weights.items()
    ):
        raise ModelError(f"learned model has bad weights: {path}")
    return OutageModel(float(bias), {k: float(v) for k, v in weights.items()}, float(threshold))


def _shipped(path: Path, fmt: str, fallback: str) -> OutageModel | None:
    """A shipped model, or None when it cannot be loaded (logged once with what the analysis does without it)."""
    import logging

    try:
        return load_model(path, fmt)
    except ModelError as exc:
        logging.getLogger(__name__).error("%s: %s", exc, fallback)
        return None


@lru_cache(maxsize=1)
def default_model() -> OutageModel | None:
    """The exported model, or None when it cannot be loaded (a caller then runs on its rules alone, and says so)."""
    # (MODEL_PATH read at call time: tests repoint it)
    return _shipped(MODEL_PATH, FORMAT, "outage analysis runs on rules only")


@lru_cache(maxsize=1)
def default_kind_model() -> OutageModel | None:
    """The exported kind model, or None when it cannot be loaded (the rules' kind then stands alone)."""
    return _shipped(KIND_MODEL_PATH, KIND_FORMAT, "incident kinds come from the rules only")


def restriction_likely(
    full_f: str, title_len: int, head_len: int, mentions: list[Mention], model: OutageModel | None = None
) -> bool:
    """Whether the kind model reads a restriction in a page that reports an incident (probability at or above its
    threshold). The rules' kind words miss restrictions worded without them (« cesse de vendre des crédits », « ne
    répond plus dans la messagerie », « réservé aux abonnés Max »); a bag of words over the whole page catches the
    class. Called only once an incident was found: the model never decides whether there is one. The page is given
    as `features` takes it."""
    model = model if model is not None else default_kind_model()
    if model is None:
        return False
    return model.page_probability(full_f, title_len, head_len, mentions) >= model.threshold


def _masked(folded: str, mentions: list[Mention], start: int, end: int) -> str:
    """The folded slice [start, end) with product and company names replaced by placeholders."""
    parts: list[str] = []
    pos = start
    for m in mentions:
        if m.end <= start or m.start >= end or m.start < pos:
            continue
        parts.append(folded[pos : m.start])
        parts.append(" xprodx " if m.entity.kind == "product" else " xcompx ")
        pos = m.end
    parts.append(folded[pos:end])
    return _DIGITS.sub("0", "".join(parts))


def _sentence_features(prefix: str, text: str) -> set[str]:
    """A sentence naming a product beside an outage stem, and which stem."""
    out: set[str] = set()
    for sent in _SENTENCE_END.split(text):
        if "xprodx" in sent and (m := _STEM_RX.search(sent)):
            out.add(f"s:{prefix}:prod+out")
            out.add(f"s:{prefix}:prod+out:{m.group(1)}")
    return out


def _zones(full_f: str, title_len: int, head_len: int, mentions: list[Mention]) -> list[tuple[str, str]]:
    """The title, lead and body (its first _BODY_CHARS) of a page, names masked, each with its feature prefix."""
    ms = sorted(mentions, key=lambda m: m.start)
    return [
        ("t", _masked(full_f, ms, 0, title_len)),
        ("l", _masked(full_f, ms, title_len + 1, head_len)),
        ("b", _masked(full_f, ms, head_len, min(len(full_f), head_len + _BODY_CHARS))),
    ]


def features(full_f: str, title_len: int, head_len: int, mentions: list[Mention]) -> set[str]:
    """The features of a page given as analyse_document sees it: `full_f` is fold("title\\nlead\\nbody")."""
    out: set[str] = set()
    for prefix, text in _zones(full_f, title_len, head_len, mentions):
        toks = _TOKEN.findall(text)
        out.update(f"{prefix}:{t}" for t in toks)
        out.update(f"{prefix}:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
        out |= _sentence_features(prefix, text)
    return out


def page_features(title: str, lead: str, body: str) -> set[str]:
    """The features of a page from its title, lead and (cleaned) body, found the way analyse_document finds them."""
    from app.analysis.entities import gazetteer, norm_space
    from app.textfold import fold

    title, lead, body = norm_space(title), norm_space(lead), norm_space(body)
    head = f"{title}\n{lead}\n"
    full = head + body
    full_f = fold(full)
    return features(full_f, len(title), len(head), gazetteer().find(full, full_f))


def fallback_outage(
    title: str,
    lead: str,
    text: str,
    full_f: str,
    mentions: list[Mention],
    ref: Reference,
    model: OutageModel | None = None,
) -> OutageReport | None:
    """The outage the model reads in a page the rules passed over, or None.

    Called by analyse_document only when the rules report no outage. An outage is reported when an AI product is
    named in the title or lead and the model's probability reaches its threshold; its services are the products
    the title and lead name as hit (the rules' filters set apart rivals used as fallbacks, makers, comparisons and
    the party a restriction is aimed at), its kind is the rules' kind over the sentences naming them (else an
    outage), its day and start time come from the rules' dating of those sentences (else the reference date).
    `title`, `lead`, `text` are normalised as analyse_document has them; `full_f` is fold("title\nlead\ntext").
    """
    model = model if model is not None else default_model()
    head_len = len(title) + 1 + len(lead) + 1
    if model is None or not any(m.entity.kind == "product" and m.start < head_len for m in mentions):
        return None
    if model.page_probability(full_f, len(title), head_len, mentions) < model.threshold:
        return None
    from app.analysis import OutageReport
    from app.analysis import outages as rules
    from app.analysis.outage_words import (
        DENIED_NEWS,
        FUTURE,
        KEPT_WORKING,
        LAUNCH,
        LAWSUIT,
        MONEY_TITLE,
        SECURITY_NEWS,
        SINCE_CLOCK,
        START_CUE,
    )
    from app.analysis.refdate import EXACT
    from app.analysis.timeexpr import find_duration
    from app.kinds import IncidentKind

    full = f"{title}\n{lead}\n{text}"
    sents = rules._sentences(full, full_f, len(title), head_len, mentions)
    head = [s for s in sents if s.where != "body"]
    if not sents[0].kinds and (
        MONEY_TITLE.search(sents[0].folded)
        or (LAUNCH.search(sents[0].folded) and not any(s.raw_kind for s in sents))
        or (
            not any(s.kinds for s in head)
            and any(
                DENIED_NEWS.search(s.folded) or SECURITY_NEWS.search(s.folded) or LAWSUIT.search(s.folded)
                for s in head
            )
        )
    ):
        # money news without an outage word in its headline ("condamné à 5 millions d'euros d'amende"), launch news
        # without one anywhere ("Claude ouvre ses portes au Brésil"), a rumour denied or a security finding with no
        # outage word in the head ("Non, ChatGPT ne refuse pas…", "DeepSeek a laissé une base de données ouverte", a
        # lawsuit: "Disney et Universal traînent Midjourney en justice"):
        # the model's guess alone is not enough
        return None
    if rules._staff_rule(sents) or rules._ends_a_restriction(sents) or rules._no_event(sents):
        return None  # a staff rule, a restriction lifted or a service back after weeks away, a drill: whatever the words
    if not any(s.kinds for s in head) and any(
        not s.excluded and KEPT_WORKING.search(s.folded) for s in sents[: rules._BODY_SENTENCES]
    ):
        # "Perplexity restait accessible et fonctionnait normalement pour ses utilisateurs": the story (here its
        # crawlers blocked by Cloudflare) says the service kept working, and the rules read no outage in its head
        return None
    primary = [
        m
        for s in head
        for m in s.services
        if m.entity.kind == "product" and not rules._spared(full_f, s, m) and not rules._customer(s, m)
    ]
    slugs = {m.entity.slug for m in primary}
    if not slugs:
        return None
    naming = [
        s for s in sents if not s.excluded and any(m.entity.slug in slugs for m in s.services)
    ]  # the title and lead sentences that name them, then the body's (its first sentences: see rules._sentences)
    reported = [s for s in naming if s.kinds]
    if (
        reported
        and all(rules._older(s, ref.moment) for s in reported if s.where == "body")
        and not any(s.kinds for s in head)
    ):
        return None  # the only outage words recall an event weeks older than the page (a launch recalling it)
    weight = {"title": 3.0, "lead": 2.0, "body": 1.0}
    # the sentences naming the service say how it was hit; when none does ("La version européenne se limite au
    # texte", its subject left implicit), the page's other sentences say it
    told = naming if any(s.kinds for s in naming) else [s for s in sents if not s.excluded]
    kind = rules._kind_of([(s, weight[s.where]) for s in told])
    kind = rules._page_kind(kind, sents, slugs | {m.entity.company or m.entity.slug for m in primary})
    if kind != IncidentKind.RESTRICTION and restriction_likely(full_f, len(title), head_len, mentions):
        kind = IncidentKind.RESTRICTION
    # a body sentence about an earlier event ("Le 26 décembre 2024, un incident … avait rendu ChatGPT muet", in a
    # December 2025 page) neither dates nor tells this one
    recent = [s for s in naming if s.where == "body" and not rules._older(s, ref.moment)]
    said = {s.start for s in recent}
    # and, as the rules read them, the first sentences and an early one that says when it started without naming
    # the service ("Les utilisateurs qui cherchaient mardi…", "Le fait de la semaine s'est produit mardi, à 12 h 20")
    started = [
        s
        for i, s in enumerate(sents[: rules._BODY_SENTENCES])
        if s.where == "body"
        and s.start not in said
        and not s.excluded
        and (i < 4 or s.search(START_CUE) or s.search(SINCE_CLOCK))
        and not rules._older(s, ref.moment)
    ]
    candidates = [s for s in head if not s.excluded] + sorted(recent + started, key=lambda s: s.start)
    day, start, end, cue, _ = rules._when(
        candidates, ref.moment, full, ref.precision == EXACT, decision=kind == IncidentKind.RESTRICTION
    )
    if rules._look_back(ref, day):
        return None  # dated months or years before the page: a look back, as for the rules
    duration = find_duration(" ".join(s.folded for s in candidates))
    if start and end and end > start:
        duration = int((end - start).total_seconds() // 60)
    return OutageReport(
        kind=kind,
        day=day,
        services=tuple(sorted(slugs)),
        companies=tuple(sorted({m.entity.company or m.entity.slug for m in primary})),
        start=start,
        end=end,
        duration_minutes=duration,
        recovered=any(s.recovery and not s.excluded and not FUTURE.search(s.folded) for s in sents[:4]),
        date_precision=rules._precision(cue, ref.precision),
        report_spans=tuple((s.start, s.end) for s in recent if s.kinds)[:2],
        detected_by="model",
    )
