"""The page queries on SQLite and PostgreSQL: timeline, chart, choices, entity page, feeds, exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import make_engine, make_sessionmaker, migrate
from app.kinds import IncidentKind
from app.services.incident_list import IncidentFilter
from app.services.timeline import filter_choices, timeline
from bench.corpus import populate


def test_pages_work_on_both_databases(any_db_url: str, tmp_path: Path) -> None:
    engine = make_engine(any_db_url)
    migrate(engine)
    counts = populate(engine, 400)
    with make_sessionmaker(engine)() as session:
        data = timeline(session, IncidentFilter(), choices=lambda: filter_choices(session))
        assert data.total == counts["incidents"]
        assert data.chart.total == counts["incidents"]
        assert data.chart.months[0] == "2024-01"
        # Each incident counts once in the stack: every month's segments add up to its incident count.
        for i, n in enumerate(data.chart.incidents):
            assert sum(s.counts[i] for s in data.chart.series) == n
        assert data.choices is not None and data.choices.years == [2025, 2024]
        by_year = timeline(session, IncidentFilter(year=2024, kind=IncidentKind.OUTAGE))
        assert by_year.items and all(i.date.year == 2024 and i.kind == "outage" for i in by_year.items)
    engine.dispose()
    from app.main import create_app

    with TestClient(create_app(Settings(database_url=any_db_url, data_dir=tmp_path))) as client:
        page = client.get("/?company=openai")
        assert page.status_code == 200 and "Incidents par mois" in page.text
        ent = client.get("/api/entites/openai").json()
        assert ent["incident_count"] > 0 and ent["per_year"][0]["year"] == 2025
        assert client.get("/entites/chatgpt?type=produit").status_code == 200
        rows = list(csv.DictReader(io.StringIO(client.get("/export/incidents.csv?since=2025-01-01").text)))
        assert rows and all(r["date"] >= "2025-01-01" for r in rows)
        assert client.get("/flux/pannes.atom?product=chatgpt").status_code == 200
        r = client.get("/recherche?product=gemini")
        assert r.status_code == 200 and "Gemini" in r.text
        first = client.get("/api/incidents").json()["items"][0]
        assert client.get(f"/incidents/{first['id']}").status_code == 200
        assert client.get(f"/articles/{first['articles'][0]['id']}").status_code == 200


def test_chart_ranks_companies_on_the_months_it_shows(any_db_url: str) -> None:
    """An incident older than the chart's range neither ranks its company nor names it « (0) » in the text."""
    from datetime import UTC, date, datetime

    from app.charts import describe
    from app.models import Entity, Incident, IncidentEntity

    engine = make_engine(any_db_url)
    migrate(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with make_sessionmaker(engine)() as session:
        openai = Entity(slug="openai", name="OpenAI", kind="company")
        microsoft = Entity(slug="microsoft", name="Microsoft", kind="company")
        session.add_all([openai, microsoft])
        session.flush()

        def incident(day: date, company: Entity) -> None:
            row = Incident(date=day, kind="outage", title="Panne", created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            session.add(IncidentEntity(incident_id=row.id, entity_id=company.id))

        incident(date(2016, 3, 24), microsoft)  # Tay: nine years before the chart's 36 months
        incident(date(2016, 3, 25), microsoft)
        incident(date(2025, 6, 10), openai)
        incident(date(2025, 12, 2), openai)
        session.commit()
        chart = timeline(session, IncidentFilter()).chart
    engine.dispose()
    assert chart.months[0] == "2023-01" and chart.months[-1] == "2025-12"
    assert [s.name for s in chart.series] == ["OpenAI"]
    assert "Entreprises les plus concernées : OpenAI (2)." in describe(chart)
    assert "Microsoft" not in describe(chart)


def test_chart_counts_an_incident_once_under_the_most_affected_company(any_db_url: str) -> None:
    """A Google Cloud outage that also takes Cloudflare down is one incident: one segment, under the company
    that more incidents hit; the text still says that both were hit. An incident with no company is « Autres »."""
    from datetime import UTC, date, datetime

    from app.charts import describe
    from app.models import Entity, Incident, IncidentEntity

    engine = make_engine(any_db_url)
    migrate(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with make_sessionmaker(engine)() as session:
        google = Entity(slug="google", name="Google", kind="company")
        cloudflare = Entity(slug="cloudflare", name="Cloudflare", kind="company")
        chatgpt = Entity(slug="chatgpt", name="ChatGPT", kind="product")
        microsoft = Entity(slug="microsoft", name="Microsoft", kind="company")
        session.add_all([google, cloudflare, chatgpt, microsoft])
        session.flush()

        def incident(day: date, *hit: Entity) -> None:
            row = Incident(date=day, kind="outage", title="Panne", created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            session.add_all(IncidentEntity(incident_id=row.id, entity_id=e.id) for e in hit)

        incident(date(2025, 6, 12), google, cloudflare, chatgpt)
        incident(date(2025, 6, 20), google)
        incident(date(2025, 6, 25), chatgpt)  # a product with no company entity
        incident(date(2025, 11, 18), cloudflare, google)
        incident(date(2025, 11, 19), cloudflare)
        incident(date(2025, 11, 20), cloudflare)
        incident(date(2025, 11, 21), cloudflare, microsoft)  # Microsoft's only incident is Cloudflare's too
        session.commit()
        chart = timeline(session, IncidentFilter()).chart
        # Filtered: only the filtered incidents count, shared ones included (the shared-incident query is
        # narrowed by the same filter, whose own subquery on the incident-entity table must not be correlated).
        by_product = timeline(session, IncidentFilter(product="chatgpt")).chart
        by_company = timeline(session, IncidentFilter(company="cloudflare")).chart
    engine.dispose()
    assert [(s.name, sum(s.counts)) for s in by_product.series] == [("Cloudflare", 1), ("Autres", 1)]
    assert [(s.name, sum(s.counts)) for s in by_company.series] == [("Cloudflare", 5)]
    june, november = chart.months.index("2025-06"), chart.months.index("2025-11")
    by_name = {s.name: s for s in chart.series}
    assert chart.incidents[june] == 3 and chart.incidents[november] == 4
    for i, n in enumerate(chart.incidents):
        assert sum(s.counts[i] for s in chart.series) == n
    # Cloudflare (5 incidents) outranks Google (3): the shared incidents go under Cloudflare.
    assert [s.name for s in chart.series] == ["Cloudflare", "Google", "Autres"]
    assert by_name["Cloudflare"].counts[june] == 1 and by_name["Cloudflare"].counts[november] == 4
    assert by_name["Google"].counts[june] == 1 and by_name["Google"].counts[november] == 0
    assert by_name["Autres"].counts[june] == 1
    assert "Entreprises les plus concernées : Cloudflare (5), Google (3), Autres (1)." in describe(chart)
    # Microsoft's one incident went to Cloudflare: no bar, so no legend entry
    assert "Microsoft" not in by_name and all(any(s.counts) for s in chart.series)
