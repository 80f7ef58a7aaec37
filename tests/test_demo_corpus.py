"""The bundled demo corpus is the first fixture set: every page has its expected outcome."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import DEMO_DIR
from app.config import Settings
from app.main import create_app
from tests.helpers import json_lines, run_cli

EXPECTED = json.loads((DEMO_DIR.parent / "expected.json").read_text(encoding="utf-8"))["pages"]


def _same_instant(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, dict]]:
    tmp = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{tmp / 'demo.db'}"
    out = run_cli(["ingest", str(DEMO_DIR), "--json"], url, tmp, timeout=600)
    lines = json_lines(out.stdout)
    by_file = {str(Path(o["file"]).relative_to(DEMO_DIR)): o for o in lines}
    return url, by_file


def test_corpus_size_and_variety() -> None:
    assert len(EXPECTED) >= 24
    sites = {e["file"].split("/")[0] for e in EXPECTED}
    assert len(sites) >= 4
    outages = {e["incident"] for e in EXPECTED if e.get("incident")}
    assert len(outages) >= 6
    assert any(e["status"] == "skipped" for e in EXPECTED)
    assert any(e["is_ai"] and not e["is_outage"] for e in EXPECTED)


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_page_outcome(ingested: tuple[str, dict[str, dict]], exp: dict) -> None:
    got = ingested[1][exp["file"]]
    assert got["status"] == exp["status"], got
    if exp["status"] == "error":
        return
    assert got["reason"] == exp.get("reason")
    assert got["url"] == exp["url"]
    assert _same_instant(got["published_at"], exp.get("published_at"))
    assert got["is_ai"] == exp["is_ai"]
    if exp["status"] == "skipped":
        return
    assert got["is_outage"] == exp["is_outage"]
    assert got["kind"] == exp.get("kind")
    assert got["incident_date"] == exp.get("incident_date")
    assert set(got["companies"]) == set(exp["companies"])
    assert set(got["products"]) == set(exp["products"])
    assert got["summary"] and len(got["summary"]) <= 450
    for noise in exp.get("noise", []):
        assert noise not in got["summary"]


def test_grouping_one_incident_per_outage(ingested: tuple[str, dict[str, dict]]) -> None:
    by_label: dict[str, set[int]] = defaultdict(set)
    for exp in EXPECTED:
        if exp.get("incident") and exp["status"] == "stored":
            by_label[exp["incident"]].add(ingested[1][exp["file"]]["incident_id"])
    for label, ids in by_label.items():
        assert len(ids) == 1, f"{label} split into {ids}"
    all_ids = [next(iter(ids)) for ids in by_label.values()]
    assert len(set(all_ids)) == len(all_ids), "two outages merged"


def test_timeline_shows_each_outage_once_on_its_day(
    ingested: tuple[str, dict[str, dict]], tmp_path: Path
) -> None:
    url, _ = ingested
    dates = {exp["incident"]: exp["incident_date"] for exp in EXPECTED if exp.get("incident")}
    with TestClient(create_app(Settings(database_url=url, data_dir=tmp_path, demo=True))) as c:
        items = c.get("/api/incidents").json()["items"]
        assert sorted(i["date"] for i in items) == sorted(dates.values())
        home = c.get("/").text
        assert "Démonstration :" in home and "publications fictives" in home
        for inc in items:
            assert home.count(f'href="/incidents/{inc["id"]}"') == 1
