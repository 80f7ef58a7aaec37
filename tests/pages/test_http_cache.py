"""ETag / Last-Modified on feeds, API and pages; 304 to conditional requests; caches follow the data."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest

from app.db import make_engine, make_sessionmaker, unit_of_work
from app.http_cache import Stamp, is_fresh
from app.services.ingest import prepare, store

EXTRA = Path(__file__).resolve().parents[1] / "fixtures" / "pages_extra" / "copilot-panne-septembre.html"
CACHED = [
    "/",
    "/?product=chatgpt",
    "/api/incidents",
    "/api/articles?q=panne",
    "/flux/pannes.atom",
    "/flux/pannes.json",
    "/export/incidents.csv",
    "/export/incidents.json",
    "/recherche?q=panne",
    "/entites/openai",
    "/api/entites/openai",
]


@pytest.mark.parametrize("path", CACHED)
def test_answers_carry_validators_and_304_when_unchanged(site, path: str) -> None:
    client, _ = site
    r = client.get(path)
    assert r.status_code == 200
    etag, modified = r.headers["etag"], r.headers["last-modified"]
    assert etag.startswith('W/"') and parsedate_to_datetime(modified)
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    older = format_datetime(parsedate_to_datetime(modified) - timedelta(seconds=1), usegmt=True)
    assert client.get(path, headers={"If-Modified-Since": older}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110): a stale tag means a full answer.
    assert (
        client.get(path, headers={"If-None-Match": 'W/"autre"', "If-Modified-Since": modified}).status_code
        == 200
    )


def test_each_url_has_its_own_etag(site) -> None:
    client, _ = site
    a = client.get("/?product=chatgpt").headers["etag"]
    b = client.get("/?product=claude").headers["etag"]
    assert a != b
    assert client.get("/?product=claude", headers={"If-None-Match": a}).status_code == 200


def test_bad_conditional_headers_are_ignored_not_errors(site) -> None:
    client, _ = site
    r = client.get("/api/incidents", headers={"If-Modified-Since": "hier soir"})
    assert r.status_code == 200
    assert client.get("/api/incidents", headers={"If-None-Match": "***"}).status_code == 200


def test_new_data_changes_validators_and_cached_timeline(site, settings) -> None:
    client, _ = site
    first = client.get("/")
    assert "Panne de GitHub Copilot" not in first.text  # (the live status names every followed service)
    engine = make_engine(settings.db_url)
    with unit_of_work(make_sessionmaker(engine)) as session:
        result = store(session, prepare(EXTRA.read_bytes()))
    engine.dispose()
    assert result.status == "stored" and result.incident_id
    r = client.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert r.status_code == 200
    assert r.headers["etag"] != first.headers["etag"]
    assert "Panne de GitHub Copilot" in r.text
    assert "jeudi 18 septembre 2025" in r.text


def test_timeline_html_is_rendered_once_per_data_state(site, monkeypatch) -> None:
    client, _ = site
    import app.routes.incidents as incidents

    calls = []
    real = incidents._render_timeline
    monkeypatch.setattr(incidents, "_render_timeline", lambda *a: calls.append(a) or real(*a))
    for _ in range(3):
        assert client.get("/?kind=outage").status_code == 200
    assert len(calls) == 1
    client.get("/?kind=degradation")
    assert len(calls) == 2


def test_post_and_static_are_left_alone(site) -> None:
    client, _ = site
    assert "etag" not in {k.lower() for k in client.post("/api/incidents").headers}
    assert client.get("/healthz").headers.get("etag") is None


def test_freshness_rules() -> None:
    from datetime import UTC, datetime

    stamp = Stamp(token="t", modified=datetime(2025, 4, 2, 12, 0, tzinfo=UTC))
    tag = stamp.etag("/x")
    assert is_fresh({"if-none-match": f'"other", {tag}'}, tag, stamp)
    assert is_fresh({"if-none-match": tag.removeprefix("W/")}, tag, stamp)  # weak comparison
    assert is_fresh({"if-none-match": "*"}, tag, stamp)
    assert not is_fresh({}, tag, stamp)
    assert is_fresh({"if-modified-since": "Wed, 02 Apr 2025 12:00:00 GMT"}, tag, stamp)
    assert not is_fresh({"if-modified-since": "Wed, 02 Apr 2025 11:59:59 GMT"}, tag, stamp)
