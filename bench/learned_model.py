"""A small learned outage scorer: logistic regression over words and word pairs, read from a JSON file.

Pure Python (no numpy, no scikit-learn): the weights are trained by `bench/learned_outage.py` (the optional `[train]`
dependency group) and exported to `bench/learned_outage.json` (not committed: `--export` rebuilds it). The features
are computed here, once, for both the training script and the scorer, so the two cannot drift apart.

NOT wired into the analysis (bench/learned-results.md says why). Written so that wiring it is a move: this module
to app/analysis/learned.py with its JSON, and a hook in analyse_document that calls `features` on what that
function already has (the folded "title\nlead\nbody", the title and head lengths, the gazetteer mentions).

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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.analysis.entities import Mention

MODEL_PATH = Path(__file__).with_name("learned_outage.json")  # written by learned_outage.py --export
FORMAT = "veille-learned-outage/1"

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
    threshold: float  # probability above which the model alone is trusted (chosen on leave-one-set-out folds)

    def logit(self, features: set[str]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: set[str]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def load_model(path: Path = MODEL_PATH) -> OutageModel:
    """Read and check a model file; a missing, corrupted or foreign file raises ModelError (never a bare error)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"learned outage model missing: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"learned outage model unreadable: {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"learned outage model has not the format {FORMAT!r}: {path}")
    bias, weights, threshold = data.get("bias"), data.get("weights"), data.get("threshold")
    if not isinstance(bias, int | float) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ModelError(f"learned outage model has a bad bias or threshold: {path}")
    if not isinstance(weights, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) and math.isfinite(v) for k, v in weights.items()
    ):
        raise ModelError(f"learned outage model has bad weights: {path}")
    return OutageModel(float(bias), {k: float(v) for k, v in weights.items()}, float(threshold))


@lru_cache(maxsize=1)
def default_model() -> OutageModel | None:
    """The exported model, or None when it cannot be loaded (a caller then runs on its rules alone, and says so)."""
    import logging

    try:
        return load_model(MODEL_PATH)  # read at call time: a test may point it elsewhere
    except ModelError as exc:
        logging.getLogger(__name__).error("%s: outage analysis runs on rules only", exc)
        return None


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


def _zone(prefix: str, text: str, out: set[str]) -> None:
    toks = _TOKEN.findall(text)
    out.update(f"{prefix}:{t}" for t in toks)
    out.update(f"{prefix}:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
    for sent in _SENTENCE_END.split(text):
        if "xprodx" in sent and (m := _STEM_RX.search(sent)):
            out.add(f"s:{prefix}:prod+out")
            out.add(f"s:{prefix}:prod+out:{m.group(1)}")


def features(full_f: str, title_len: int, head_len: int, mentions: list[Mention]) -> set[str]:
    """The features of a page given as analyse_document sees it: `full_f` is fold("title\\nlead\\nbody")."""
    ms = sorted(mentions, key=lambda m: m.start)
    out: set[str] = set()
    _zone("t", _masked(full_f, ms, 0, title_len), out)
    _zone("l", _masked(full_f, ms, title_len + 1, head_len), out)
    _zone("b", _masked(full_f, ms, head_len, min(len(full_f), head_len + _BODY_CHARS)), out)
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
