"""The learned outage scorer (bench/learned_model.py): pure Python, its model file checked, its features stable.

The scorer is not wired into the analysis (bench/learned-results.md); these tests keep it loadable and honest so
that wiring it later is a move. Every sentence below is written for the tests.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import pytest

from bench import learned_model as lm


def _write(path: Path, **over: object) -> Path:
    data: dict[str, object] = {
        "format": lm.FORMAT,
        "bias": -2.0,
        "threshold": 0.9,
        "weights": {"s:t:prod+out": 3.0, "s:l:prod+out": 1.5, "t:lance": -2.0, "t:en_panne": 1.0},
    }
    data.update(over)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_loads_a_model_and_scores_sentences(tmp_path: Path) -> None:
    model = lm.load_model(_write(tmp_path / "m.json"))
    assert model.threshold == 0.9 and model.bias == -2.0
    down = lm.page_features(
        "ChatGPT en panne pour des milliers d'usagers",
        "Depuis 14 h, ChatGPT renvoie un message d'erreur à chaque requête.",
        "Le service de statut parle d'un incident en cours.",
    )
    launch = lm.page_features(
        "OpenAI lance un nouveau modèle de raisonnement",
        "ChatGPT gagne une option de recherche approfondie.",
        "La fonction arrive d'abord chez les abonnés.",
    )
    p_down, p_launch = model.probability(down), model.probability(launch)
    # -2 + 3 (title: product + panne) + 1.5 (lead: product + erreur) + 1 (t:en_panne)
    assert p_down == pytest.approx(1 / (1 + math.exp(-3.5)))
    assert p_down >= model.threshold
    assert p_launch < 0.5 and p_launch < model.threshold


def test_features_mask_names_and_numbers() -> None:
    f = lm.page_features("Claude indisponible depuis 9 h 30", "", "Anthropic enquête.")
    assert {"t:xprodx", "t:xprodx_indisponible", "t:depuis_0", "s:t:prod+out", "s:t:prod+out:indisponib"} <= f
    assert "b:xcompx" in f  # a company, not a product
    assert not any("claude" in x or "anthropic" in x for x in f)  # the name itself is never a feature
    # an outage word with no product in the sentence: no sentence feature
    assert not any(
        x.startswith("s:") for x in lm.page_features("Panne d'électricité à Lyon", "", "Rien d'autre.")
    )


def test_body_is_read_up_to_a_bound() -> None:
    far = "mot " * 3000 + "sentinelle"
    assert "b:sentinelle" not in lm.page_features("Titre", "", far)
    assert "b:sentinelle" in lm.page_features("Titre", "", "sentinelle")


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(lm.ModelError, match="missing"):
        lm.load_model(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ('{"format": "veille-learned-outage/1", "bias": 1.0, "weights": {', "unreadable"),
        (b"\xff\xfe\x00garbage", "unreadable"),
        ('["not", "a", "model"]', "format"),
        ('{"format": "other/9", "bias": 0, "threshold": 0.9, "weights": {}}', "format"),
    ],
)
def test_corrupted_model_is_a_clear_error(tmp_path: Path, content: str | bytes, match: str) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(lm.ModelError, match=match):
        lm.load_model(path)


@pytest.mark.parametrize(
    ("over", "match"),
    [
        ({"bias": "high"}, "bias or threshold"),
        ({"threshold": 1.5}, "bias or threshold"),
        ({"threshold": 0}, "bias or threshold"),
        ({"weights": {"t:panne": "lourd"}}, "bad weights"),
        ({"weights": {"t:panne": float("nan")}}, "bad weights"),
        ({"weights": ["t:panne", 1.0]}, "bad weights"),
    ],
)
def test_bad_fields_are_rejected(tmp_path: Path, over: dict, match: str) -> None:
    with pytest.raises(lm.ModelError, match=match):
        lm.load_model(_write(tmp_path / "m.json", **over))


def test_default_model_falls_back_to_none_and_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A caller of default_model() runs on its rules alone when the file is missing or corrupted."""
    for path in (tmp_path / "absent.json", tmp_path / "broken.json"):
        if path.name == "broken.json":
            path.write_text("{", encoding="utf-8")
        monkeypatch.setattr(lm, "MODEL_PATH", path)
        lm.default_model.cache_clear()
        with caplog.at_level(logging.ERROR, logger=lm.__name__):
            assert lm.default_model() is None
        assert "rules only" in caplog.text
        caplog.clear()
    monkeypatch.setattr(lm, "MODEL_PATH", _write(tmp_path / "good.json"))
    lm.default_model.cache_clear()
    assert lm.default_model() is not None
    lm.default_model.cache_clear()
