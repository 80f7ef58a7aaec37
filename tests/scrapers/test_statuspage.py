"""Status-page JSON in both documented formats, written from the field names in SOURCES.md."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.scrapers.statuspage import StatusPageError, matching, parse_status
from tests.fakesite import FIXTURES


def test_statuspage_v2_incidents() -> None:
    records = parse_status((FIXTURES / "statuspage-v2.json").read_bytes(), "statuspage-v2")
    assert [r.external_id for r in records] == ["inc-copilot-0610", "inc-copilot-0520", "inc-actions-0611"]
    first = records[0]
    assert first.title == "Disruption with Copilot completions"
    assert first.impact == "major" and first.status == "resolved"
    assert first.started_at == datetime(2025, 6, 10, 12, 58, tzinfo=UTC)
    assert first.resolved_at == datetime(2025, 6, 10, 15, 2, tzinfo=UTC)
    assert first.url == "https://stspg.example/cop1"
    assert first.components == ["Copilot"]
    assert [u["status"] for u in first.updates] == ["investigating", "resolved"]  # oldest first
    kept = matching(records, ("Copilot",))
    assert [r.external_id for r in kept] == ["inc-copilot-0610", "inc-copilot-0520"]


def test_google_incidents() -> None:
    records = parse_status((FIXTURES / "google.json").read_bytes(), "google", "https://status.example.test/")
    gem, drive = records
    assert gem.title.startswith("Gemini users") and gem.impact == "minor" and gem.status == "resolved"
    assert gem.started_at == datetime(2025, 6, 12, 7, 40, tzinfo=UTC)
    assert gem.url == "https://status.example.test/incidents/gq1AbC"
    assert drive.resolved_at is None and drive.impact == "major" and drive.status == "SERVICE_OUTAGE"
    assert [r.external_id for r in matching(records, ("Gemini",))] == ["gq1AbC"]


@pytest.mark.parametrize(
    ("raw", "fmt", "message"),
    [
        (b"{pas du json", "statuspage-v2", "JSON illisible"),
        (b'{"page": {}}', "statuspage-v2", "liste « incidents »"),
        (b'{"incidents": 3}', "statuspage-v2", "liste « incidents »"),
        (b'{"id": 1}', "google", "liste d'incidents"),
    ],
)
def test_bad_status_json_is_refused(raw: bytes, fmt: str, message: str) -> None:
    with pytest.raises(StatusPageError, match=message):
        parse_status(raw, fmt)


def test_incidents_without_id_are_skipped() -> None:
    raw = b'{"incidents": [{"name": "sans id"}, {"id": "a", "name": "ok", "created_at": "2025-01-02T03:04:05Z"}]}'
    [r] = parse_status(raw, "statuspage-v2")
    assert r.external_id == "a" and r.started_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
