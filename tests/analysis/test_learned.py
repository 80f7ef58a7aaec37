"""The learned outage fallback (app/analysis/learned.py): pure Python, its model file checked, its features stable,
and wired in analyse_document after the rules (bench/learned-results.md). Every sentence below is written for the
tests.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import math
import tomllib
from datetime import date
from pathlib import Path

import pytest

from app.analysis import analyse_document
from app.analysis import learned as lm
from app.kinds import IncidentKind
from tests.analysis.helpers import doc, page


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


# --- the shipped model and the fallback in the analysis ---------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]

# An outage told in words the rules do not know (answers turned to word salad): the model reads it, the rules miss it
SALAD_TITLE = "Copilot mélangeait les langues et inventait des mots hier matin"
SALAD_LEAD = (
    "Hier matin, entre 8 h et 10 h 30, Copilot répondait aux utilisateurs par des phrases sans queue ni tête, "
    "mêlant anglais, allemand et mots inventés."
)
SALAD_BODY = [
    "Des milliers d'utilisateurs ont partagé des captures d'écran de ces réponses sur les réseaux sociaux.",
    "L'entreprise dit avoir identifié un réglage fautif de ses serveurs vers 10 h. Selon Microsoft, aucune donnée "
    "des comptes n'a été touchée.",
    "Copilot répond de nouveau normalement depuis la fin de matinée, a indiqué l'entreprise dans un message publié "
    "à 11 h.",
]
# a how-to and a funding story that name AI products in their titles: no outage
GUIDE = (
    "ChatGPT : le mode d'emploi pour tirer le meilleur de la version gratuite",
    "Quelques habitudes simples permettent d'obtenir davantage de ChatGPT sans payer d'abonnement.",
    [
        "Regroupez vos questions dans un seul message plutôt que d'en envoyer dix à la suite.",
        "Gardez les longs documents pour les heures creuses et résumez-les par morceaux.",
        "Enfin, ouvrez une nouvelle conversation quand la précédente devient trop longue : l'outil y gagne en "
        "clarté et vous en temps.",
    ],
)
FUNDING = (
    "Mistral AI boucle une levée de fonds record pour Le Chat",
    "La jeune pousse parisienne annonce avoir réuni plusieurs centaines de millions d'euros auprès d'investisseurs.",
    [
        "Cet argent doit financer de nouveaux centres de calcul en France et le recrutement d'ingénieurs.",
        "Le Chat, son assistant grand public, revendique plusieurs millions d'utilisateurs depuis son lancement.",
        "L'entreprise promet de nouvelles fonctions pour les entreprises dans les prochains mois.",
    ],
)


@pytest.fixture
def shipped_model() -> lm.OutageModel:
    lm.default_model.cache_clear()
    model = lm.default_model()
    assert model is not None
    return model


def test_shipped_model_is_packaged_and_pure_python(shipped_model: lm.OutageModel) -> None:
    data = json.loads(lm.MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped_model.threshold == 0.905  # chosen on the forward folds, not on a test set
    assert {"a", "b", "e", "i", "j", "k", "demo"} <= set(data["trained_on"]) and data["seed"] == 0
    # `pip install .` ships it: a package-data glob of pyproject.toml matches it
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["app"]
    assert any(fnmatch.fnmatch("analysis/learned_outage.json", g) for g in globs)
    # the scorer needs neither numpy nor scikit-learn
    for f in (ROOT / "app").rglob("*.py"):
        assert not any(
            line.lstrip().startswith(("import sklearn", "from sklearn", "import numpy", "from numpy"))
            for line in f.read_text(encoding="utf-8").splitlines()
        ), f


def test_model_finds_an_outage_the_rules_miss(
    shipped_model: lm.OutageModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = doc(SALAD_TITLE, "\n".join(SALAD_BODY), published="2025-06-12T19:00", lead=SALAD_LEAD)
    assert shipped_model.probability(lm.page_features(SALAD_TITLE, SALAD_LEAD, " ".join(SALAD_BODY))) >= 0.905
    found = analyse_document(d).outage
    assert found is not None and found.detected_by == "model"
    assert found.services == ("copilot",) and found.day == date(2025, 6, 11)  # "hier matin"
    # answers « sans queue ni tête » while the service answers: a degradation, by the rules' kind scorer
    assert found.kind == IncidentKind.DEGRADATION and found.start is not None and found.start.hour == 8
    monkeypatch.setattr(lm, "default_model", lambda: None)  # rules only
    assert analyse_document(d).outage is None


@pytest.mark.parametrize("parts", [GUIDE, FUNDING], ids=["guide", "funding"])
def test_guides_and_funding_stay_non_outages(shipped_model: lm.OutageModel, parts: tuple) -> None:
    title, lead, body = parts
    assert shipped_model.probability(lm.page_features(title, lead, " ".join(body))) < shipped_model.threshold
    a = analyse_document(doc(title, "\n".join(body), lead=lead))
    assert a.products and a.outage is None


def test_rival_named_as_a_fallback_is_not_hit(shipped_model: lm.OutageModel) -> None:
    lead = SALAD_LEAD + " Beaucoup se tournent vers ChatGPT."
    found = analyse_document(doc(SALAD_TITLE, "\n".join(SALAD_BODY), published="2025-06-12T19:00", lead=lead))
    assert found.outage is not None and found.outage.detected_by == "model"
    assert found.outage.services == ("copilot",)


@pytest.mark.parametrize("content", [None, "{", '{"format": "veille-learned-outage/1", "bias": 0}'])
def test_missing_or_broken_model_runs_rules_only_and_logs_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, content: str | None
) -> None:
    path = tmp_path / "learned_outage.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(lm, "MODEL_PATH", path)
    lm.default_model.cache_clear()
    try:
        d = doc(SALAD_TITLE, "\n".join(SALAD_BODY), published="2025-06-12T19:00", lead=SALAD_LEAD)
        with caplog.at_level(logging.ERROR, logger=lm.__name__):
            assert analyse_document(d).outage is None
            assert analyse_document(d).outage is None
            # an outage the rules know is still found
            ruled = analyse_document(doc("ChatGPT en panne ce mardi", "ChatGPT est en panne depuis 14 h."))
        assert ruled.outage is not None and ruled.outage.detected_by == "rules"
        assert [r.getMessage().count("rules only") for r in caplog.records] == [1]
    finally:
        lm.default_model.cache_clear()


def test_model_outage_through_ingest(session_factory: object) -> None:
    """The real ingest path into a SQLite database: the page becomes an incident of the product, on its day."""
    from sqlalchemy import select

    from app.models import Incident
    from app.services.ingest import ingest_bytes

    raw = page(
        SALAD_TITLE,
        [SALAD_LEAD, *SALAD_BODY],
        "2025-06-12T19:00",
        "https://www.exemple-tech.fr/ia/copilot-mots-inventes.html",
    )
    lm.default_model.cache_clear()
    with session_factory() as s:  # type: ignore[operator]
        res = ingest_bytes(s, raw, url="https://www.exemple-tech.fr/ia/copilot-mots-inventes.html")
        s.commit()
        assert res.status == "stored" and res.is_outage and res.incident_date == "2025-06-11"
        assert "copilot" in res.products and res.kind == "outage"
        incident = s.scalars(select(Incident)).one()
        assert incident.id == res.incident_id
    for title, lead, body in (GUIDE, FUNDING):
        with session_factory() as s:  # type: ignore[operator]
            res = ingest_bytes(
                s,
                page(
                    title, [lead, *body], "2025-06-12T19:00", f"https://www.exemple-tech.fr/{len(title)}.html"
                ),
            )
            s.commit()
            assert res.status == "stored" and res.is_ai and not res.is_outage


def test_page_probability_equals_the_probability_of_the_page_s_features() -> None:
    """The fast path (tokens looked up in the weights) gives what the feature set gives, for both shipped models, on
    every labelled page's title, lead and text as extraction gives them."""
    from app.analysis.clean import clean_text
    from app.analysis.entities import gazetteer, norm_space
    from app.extract import ExtractionError, extract
    from app.textfold import fold

    models = [m for m in (lm.default_model(), lm.default_kind_model()) if m is not None]
    assert len(models) == 2
    root = Path(__file__).resolve().parents[2]
    pages = sorted((root / "tests/blind/pages").rglob("*.html"))[::7] + sorted(
        (root / "tests/eval/pages").rglob("*.html")
    )
    checked = 0
    for path in pages:
        try:
            d = extract(path.read_bytes(), url="https://exemple.invalid/" + path.name)
        except ExtractionError:
            continue
        title, lead = norm_space(d.title), norm_space(d.lead or "")
        head = f"{title}\n{lead}\n"
        full = head + norm_space(clean_text(d.text, d.title))
        full_f = fold(full)
        mentions = gazetteer().find(full, full_f)
        feats = lm.features(full_f, len(title), len(head), mentions)
        for model in models:
            slow = model.probability(feats)
            assert model.page_probability(full_f, len(title), len(head), mentions) == pytest.approx(
                slow, abs=1e-12
            )
        checked += 1
    assert checked > 200
