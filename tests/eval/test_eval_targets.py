"""The evaluation targets of issues 4 and 10, checked on every labelled set through the real pipeline.

Default sets (relative to the repo root): tests/eval/pages with tests/eval/labels-*.json (sets a, b, e),
app/demo/pages with app/demo/expected.json (set demo), and the sets written blind, tests/holdout/pages with
tests/holdout/labels-*.json (c, d). VEILLE_EVAL_PAGES_DIRS (paths separated by ':') points the test at other pages
folders. Sets A–D and the demo keep issue 4's targets; set E, written from real French coverage (issue 10), has its
own gate with issue 10's targets (`test_set_e_targets`). The tests skip only when no labels file exists for a set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.eval.run_eval import (
    DEFAULT_DIRS,
    ISSUE_TARGETS,
    ROOT,
    Case,
    evaluate,
    failures,
    format_table,
    issue_failures,
    issue_figures,
    labels_for,
    load_cases,
    set_name,
    summary_says,
)

GATED_DIRS = (*DEFAULT_DIRS, ROOT / "tests/holdout/pages")
ISSUE_10_SETS = ("e",)  # gated on issue 10's targets instead of issue 4's


def _dirs() -> list[Path]:
    env = os.environ.get("VEILLE_EVAL_PAGES_DIRS")
    return [Path(p) for p in env.split(":") if p] if env else list(GATED_DIRS)


def _sets(dirs: list[Path], issue_10: bool) -> list[tuple[Path, str]]:
    out = []
    for d in dirs:
        names = [set_name(lf) for lf in labels_for(d)] or ["-"]
        out += [(d, n) for n in names if (n in ISSUE_10_SETS) == issue_10 or n == "-"]
    return out


@pytest.mark.parametrize(
    ("pages_dir", "name"), _sets(_dirs(), issue_10=False), ids=lambda v: getattr(v, "name", v)
)
def test_targets(pages_dir: Path, name: str) -> None:
    if not labels_for(pages_dir):
        pytest.skip(f"pas de fichier d'étiquettes à côté de {pages_dir}")
    cases = load_cases([pages_dir], [name])
    assert cases, f"étiquettes présentes mais aucune page trouvée sous {pages_dir} (set {name})"
    report = evaluate(cases)
    missed = failures(report["metrics"]) + issue_failures(report["metrics"])
    assert not missed, (
        format_table(f"{pages_dir} [set {name}]", report) + "\n" + "\n".join(missed + report["errors"])
    )


def test_set_e_targets() -> None:
    """Issue 10: set E (real-coverage patterns) at or above every target of the issue."""
    pages_dir = ROOT / "tests/eval/pages"
    cases = load_cases([pages_dir], ["e"])
    if not cases:
        pytest.skip("set E absent (tests/eval/labels-e.json)")
    assert len(cases) >= 60
    report = evaluate(cases)
    missed = issue_failures(report["metrics"])
    if report["metrics"]["noise"][
        "count"
    ]:  # pattern 8: boilerplate, datelines, updates are not summary material
        missed.append(f"{report['metrics']['noise']['count']} summaries with noise")
    if not report["metrics"]["grouping"]["order_independent"]:
        missed.append("grouping depends on ingest order")
    assert not missed, (
        format_table(f"{pages_dir} [set e]", report) + "\n" + "\n".join(missed + report["errors"])
    )


def test_failures_flags_every_missed_target() -> None:
    ok = {k: {"f1": 1.0} for k in ("relevance", "outage", "companies", "products", "date")}
    metrics = {**ok, "grouping": {"f1": 0.89, "order_independent": False}, "noise": {"count": 1}}
    missed = failures(metrics)
    assert any(m.startswith("grouping F1") for m in missed)
    assert "1 summaries with noise" in missed and "grouping depends on ingest order" in missed
    assert failures({**ok, "grouping": {"f1": 0.9, "order_independent": True}, "noise": {"count": 0}}) == []


def test_issue_failures_flags_misses_and_ignores_figures_with_nothing_to_measure() -> None:
    fig = {k: {"value": 1.0} for k in ISSUE_TARGETS}
    assert issue_failures({"issue": fig}) == []
    fig["restriction_recall"] = {"value": 0.89}
    fig["grouping_precision"] = {"value": 0.99}
    fig["summaries"] = {"value": None}
    missed = issue_failures({"issue": fig})
    assert missed == ["restriction_recall 0.890 < 0.9", "grouping_precision 0.990 < 1.0"]


def test_summary_must_groups_match_without_accents_or_case() -> None:
    must = [["ChatGPT"], ["panne", "indisponible"], ["mardi", "3 février"]]
    assert summary_says("Mardi soir, CHATGPT était indisponible.", must) == []
    assert summary_says("Le 3 fevrier, chatgpt en PANNE", must) == []
    assert summary_says("ChatGPT lance une nouvelle fonction mardi.", must) == [["panne", "indisponible"]]
    assert summary_says("", [["l'API"]]) == [["l'API"]]
    assert summary_says("L\u2019API d\u2019OpenAI renvoie des erreurs", [["l'api d'openai"]]) == []


def test_set_names_come_from_label_files() -> None:
    assert set_name(Path("tests/eval/labels-e.json")) == "e"
    assert set_name(Path("app/demo/expected.json")) == "demo"


def _case(file: str, label: dict, result: dict) -> Case:
    base = {"file": file, "status": "stored", "is_ai": True, "is_outage": False}
    c = Case("t", {**base, **label}, Path(file))
    c.result = {"status": "stored", "is_ai": True, **result}
    return c


def test_issue_figures_count_kind_day_entities_and_precision() -> None:
    grouping = {"p": 1.0, "r": 0.5, "n": 2, "tp": 1, "found": 1}
    restr = {
        "is_outage": True,
        "kind": "restriction",
        "incident": "x",
        "incident_date": "2025-01-27",
        "date_precision": "inferred",
        "incident_companies": ["deepseek"],
        "incident_products": ["deepseek"],
    }
    cases = [
        # found, right kind and day, but the incident also carries the rival named in comparison
        _case(
            "a.html",
            restr,
            {
                "is_outage": True,
                "kind": "restriction",
                "incident_date": "2025-01-27",
                "incident_companies": ["deepseek", "openai"],
                "incident_products": ["deepseek"],
            },
        ),
        # found as an outage of the wrong kind, on the announcement day
        _case(
            "b.html",
            restr,
            {
                "is_outage": True,
                "kind": "outage",
                "incident_date": "2025-01-28",
                "incident_companies": ["deepseek"],
                "incident_products": ["deepseek"],
            },
        ),
        # missed
        _case("c.html", restr, {"is_outage": False}),
        # a funding article whose boilerplate says "en panne", flagged as an outage
        _case("d.html", {}, {"is_outage": True, "kind": "outage"}),
        _case("e.html", {"is_ai": False, "status": "skipped"}, {"is_ai": True}),
    ]
    fig, errors = issue_figures(cases, {"grouping": grouping})
    assert (fig["outage_recall"]["ok"], fig["outage_recall"]["n"]) == (2, 3)
    assert (fig["outage_precision"]["ok"], fig["outage_precision"]["n"]) == (2, 3)
    assert (fig["restriction_recall"]["ok"], fig["restriction_recall"]["n"]) == (1, 3)
    assert (fig["start_day"]["ok"], fig["start_day"]["n"]) == (1, 2)
    assert (fig["relevance_accuracy"]["ok"], fig["relevance_accuracy"]["n"]) == (4, 5)
    assert (fig["incident_entities"]["ok"], fig["incident_entities"]["n"]) == (1, 2)
    assert fig["grouping_recall"]["value"] == 0.5 and fig["grouping_precision"]["value"] == 1.0
    assert fig["date_precision"]["value"] is None  # not exposed by the code: n/a, not a failure
    assert fig["summaries"]["value"] is None  # no summary_must labels
    assert any("incident entities t:a.html" in e and "openai" in e for e in errors)
    cases[0].result["date_precision"] = "inferred"
    cases[1].result["date_precision"] = "exact"
    fig, _ = issue_figures(cases, {"grouping": grouping})
    assert (fig["date_precision"]["ok"], fig["date_precision"]["n"]) == (1, 2)
