"""Status-page JSON in both documented formats, written from the field names in SOURCES.md."""

from __future__ import annotations

import json
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


def test_google_keeps_every_update_and_the_posting_time() -> None:
    """Google lists its updates newest first; the acknowledgement is the incident's first one, not the latest."""
    from app.services.official import official_item
    from app.services.press_lead import acknowledged_at

    listed = {
        "id": "g-upd",
        "begin": "2025-06-12T07:40:00+00:00",
        "created": "2025-06-12T08:02:00+00:00",
        "end": "2025-06-12T11:15:00+00:00",
        "external_desc": "Gemini users may see errors",
        "status_impact": "SERVICE_DISRUPTION",
        "updates": [
            {"when": "2025-06-12T11:15:00+00:00", "text": "Resolved.", "status": "AVAILABLE"},
            {
                "when": "2025-06-12T09:30:00+00:00",
                "text": "Mitigation under way.",
                "status": "SERVICE_DISRUPTION",
            },
            {
                "when": "2025-06-12T08:02:00+00:00",
                "text": "We are investigating.",
                "status": "SERVICE_DISRUPTION",
            },
        ],
        "most_recent_update": {
            "when": "2025-06-12T11:15:00+00:00",
            "text": "Resolved.",
            "status": "AVAILABLE",
        },
    }
    latest_only = {
        "id": "g-latest",
        "begin": "2025-06-13T07:40:00+00:00",
        "created": "2025-06-13T07:51:00+00:00",
        "end": "",
        "external_desc": "Gemini app unavailable",
        "status_impact": "SERVICE_OUTAGE",
        "most_recent_update": {
            "when": "2025-06-13T10:00:00+00:00",
            "text": "Still working.",
            "status": "SERVICE_OUTAGE",
        },
    }
    broken = {"id": "g-bad", "external_desc": "x", "updates": "not a list", "created": 42}
    records = parse_status(json.dumps([listed, latest_only, broken]).encode(), "google")
    full, latest, bad = records
    assert [u["body"] for u in full.updates] == [
        "We are investigating.",
        "Mitigation under way.",
        "Resolved.",
    ]
    assert [u["status"] for u in latest.updates] == ["posted", "SERVICE_OUTAGE"]
    assert bad.updates == []

    class Row:  # the stored shape official_item reads
        provider, title, url, status, impact = "google", "t", None, None, None
        started_at = datetime(2025, 6, 13, 7, 40, tzinfo=UTC)
        resolved_at = None

    Row.updates = latest.updates  # type: ignore[attr-defined]
    assert acknowledged_at(official_item(Row())) == datetime(2025, 6, 13, 7, 51, tzinfo=UTC)  # type: ignore[arg-type]
    Row.updates = full.updates  # type: ignore[attr-defined]
    assert acknowledged_at(official_item(Row())) == datetime(2025, 6, 12, 8, 2, tzinfo=UTC)  # type: ignore[arg-type]
