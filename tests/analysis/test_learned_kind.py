"""The learned kind model (app/analysis/learned.py, `restriction_likely`): once the rules or the fallback found an
incident, a page worded as a restriction without the rules' restriction words is a restriction. Its file is checked
like the outage model's; without it, the rules' kind stands. Every sentence below is written for the tests.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import tomllib
from datetime import date
from pathlib import Path

import pytest

from app.analysis import analyse_document
from app.analysis import learned as lm
from app.kinds import IncidentKind
from tests.analysis.helpers import doc, page

ROOT = Path(__file__).resolve().parents[2]

# A provider shutting a rival's engineers out of its API: no « restreint », « suspend » or « bloqué » anywhere.
CUT_OFF = (
    "Anthropic coupe Claude aux ingénieurs d'OpenAI",
    "Depuis mardi 29 juillet, les équipes d'OpenAI ne peuvent plus interroger Claude par l'API : Anthropic leur a"
    " retiré leurs clés.",
    [
        "Selon Anthropic, des ingénieurs d'OpenAI se servaient de Claude Code pour comparer leurs propres modèles, ce"
        " que les conditions d'utilisation proscrivent.",
        "L'accès reste ouvert pour les tests de sécurité croisés, précise l'entreprise.",
        "OpenAI dit regretter la décision et rappelle que son API reste ouverte à Anthropic.",
    ],
)
OUTAGE = (
    "ChatGPT en panne dans le monde entier mardi soir",
    "Le service d'OpenAI a cessé de répondre mardi 10 juin vers 21 h, heure de Paris, pendant près de trois heures.",
    [
        "Les utilisateurs voyaient s'afficher un message d'erreur à chaque question.",
        "OpenAI a confirmé l'incident sur sa page d'état avant d'annoncer un retour à la normale peu après minuit.",
    ],
)


@pytest.fixture
def kind_model() -> lm.OutageModel:
    lm.default_kind_model.cache_clear()
    model = lm.default_kind_model()
    assert model is not None
    return model


def _analyse(parts: tuple, published: str) -> object:
    title, lead, body = parts
    return analyse_document(doc(title, "\n".join(body), published=published, lead=lead)).outage


def test_shipped_kind_model_is_packaged(kind_model: lm.OutageModel) -> None:
    data = json.loads(lm.KIND_MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == lm.KIND_FORMAT and data["seed"] == 0
    assert (
        kind_model.threshold == 0.9
    )  # chosen on the forward folds (bench/learned-results.md), not on a test set
    # trained on labelled sets only, never on one kept blind (tests/eval/RESULTS.md)
    assert {"a", "e", "k", "av"} <= set(data["trained_on"])
    assert not {"u", "y", "ac", "ad", "ai", "aj", "ao", "as"} & set(data["trained_on"])
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["app"]
    assert any(fnmatch.fnmatch("analysis/learned_kind.json", g) for g in globs)


def test_a_model_file_of_the_other_kind_is_refused() -> None:
    with pytest.raises(lm.ModelError, match="format"):
        lm.load_model(lm.KIND_MODEL_PATH)  # read as an outage model
    with pytest.raises(lm.ModelError, match="format"):
        lm.load_model(lm.MODEL_PATH, lm.KIND_FORMAT)


def test_restriction_without_restriction_words(
    kind_model: lm.OutageModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    title, lead, body = CUT_OFF
    assert kind_model.probability(lm.page_features(title, lead, " ".join(body))) >= kind_model.threshold
    found = _analyse(CUT_OFF, "2025-07-30T10:00")
    assert found is not None and found.detected_by == "rules"
    assert found.kind == IncidentKind.RESTRICTION and found.services == ("claude",)
    assert found.day == date(2025, 7, 29)
    monkeypatch.setattr(lm, "default_kind_model", lambda: None)  # the rules' kind alone
    alone = _analyse(CUT_OFF, "2025-07-30T10:00")
    assert alone is not None and alone.kind == IncidentKind.OUTAGE


def test_an_outage_stays_an_outage(kind_model: lm.OutageModel) -> None:
    title, lead, body = OUTAGE
    assert kind_model.probability(lm.page_features(title, lead, " ".join(body))) < 0.5
    found = _analyse(OUTAGE, "2025-06-11T08:00")
    assert found is not None and found.kind == IncidentKind.OUTAGE and found.day == date(2025, 6, 10)


def test_the_kind_model_never_makes_an_incident(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with no incident stays without one, even under a kind model that reads a restriction everywhere; an
    incident it does not move to a restriction keeps its kind."""
    monkeypatch.setattr(lm, "default_kind_model", lambda: lm.OutageModel(50.0, {}, 0.9))
    title = "Mistral AI ouvre un bureau à Singapour pour Le Chat"
    lead = "La start-up parisienne recrute une cinquantaine d'ingénieurs pour servir ses clients d'Asie."
    body = ["Le Chat compte déjà des entreprises clientes au Japon.", "Le bureau ouvrira au printemps."]
    assert analyse_document(doc(title, "\n".join(body), lead=lead)).outage is None
    found = _analyse(OUTAGE, "2025-06-11T08:00")
    assert found is not None and found.kind == IncidentKind.RESTRICTION
    monkeypatch.setattr(lm, "default_kind_model", lambda: lm.OutageModel(-50.0, {}, 0.9))
    assert _analyse(CUT_OFF, "2025-07-30T10:00").kind == IncidentKind.OUTAGE  # the model only ever adds


@pytest.mark.parametrize("content", [None, "{", '{"format": "veille-learned-kind/1", "bias": 0}'])
def test_missing_or_broken_kind_model_keeps_the_rules_kind_and_logs_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, content: str | None
) -> None:
    path = tmp_path / "learned_kind.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(lm, "KIND_MODEL_PATH", path)
    lm.default_kind_model.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger=lm.__name__):
            first = _analyse(CUT_OFF, "2025-07-30T10:00")
            second = _analyse(CUT_OFF, "2025-07-30T10:00")
        assert first is not None and second is not None
        assert first.kind == second.kind == IncidentKind.OUTAGE
        assert [r.getMessage().count("rules only") for r in caplog.records] == [1]
    finally:
        lm.default_kind_model.cache_clear()


def test_restriction_through_ingest(session_factory: object) -> None:
    """The real ingest path into a database: the page becomes a restriction incident of the product."""
    from sqlalchemy import select

    from app.models import Incident
    from app.services.ingest import ingest_bytes

    title, lead, body = CUT_OFF
    url = "https://www.exemple-tech.fr/ia/anthropic-coupe-claude-openai.html"
    lm.default_kind_model.cache_clear()
    with session_factory() as s:  # type: ignore[operator]
        res = ingest_bytes(s, page(title, [lead, *body], "2025-07-30T10:00", url), url=url)
        s.commit()
        assert res.status == "stored" and res.is_outage and res.kind == "restriction"
        assert res.incident_date == "2025-07-29"
        incident = s.scalars(select(Incident)).one()
        assert incident.id == res.incident_id and incident.kind == "restriction"
