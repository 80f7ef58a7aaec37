"""French formatting filters, the SVG chart and the cached-page answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.charts import describe, outage_chart
from app.schemas import Chart
from app.templating import date_fr, datetime_fr, duration_fr, month_label, plural, query_string, time_fr


def test_french_dates() -> None:
    assert date_fr(date(2025, 4, 2)) == "mercredi 2 avril 2025"
    assert date_fr(date(2025, 6, 1)) == "dimanche 1er juin 2025"
    assert date_fr(date(2025, 4, 2), weekday=False) == "2 avril 2025"
    # 21:30 UTC on 31 December is already 1 January in Paris.
    assert date_fr(datetime(2024, 12, 31, 23, 30, tzinfo=UTC)) == "mercredi 1er janvier 2025"
    assert time_fr(datetime(2025, 4, 2, 13, 5, tzinfo=UTC)) == "15 h 05"
    assert datetime_fr(datetime(2025, 4, 2, 14, 5, tzinfo=UTC)) == "mercredi 2 avril 2025 à 16 h 05"
    assert date_fr(None) == "" and time_fr(None) == ""
    assert month_label("2025-08") == "août 2025" and month_label("2025-02", short=True) == "févr. 25"


def test_durations_and_plurals() -> None:
    assert duration_fr(45) == "45 min"
    assert duration_fr(180) == "3 h"
    assert duration_fr(150) == "2 h 30"
    assert duration_fr(26 * 60) == "1 j 2 h"
    assert duration_fr(None) == ""
    assert plural(1, "article") == "1 article" and plural(3, "article") == "3 articles"
    assert query_string({"q": "panne", "page": 2}, page=None) == "?q=panne"


CHART = Chart.model_validate(
    {
        "months": ["2025-03", "2025-04", "2025-05"],
        "series": [
            {"slug": "openai", "name": "OpenAI", "counts": [1, 3, 0]},
            {"slug": "", "name": "Autres <script>", "counts": [0, 1, 0]},
        ],
        "incidents": [1, 4, 0],
        "total": 5,
    }
)


def test_chart_is_accessible_svg() -> None:
    svg = str(outage_chart(CHART))
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert svg.count("<rect ") == 3  # zero counts draw nothing
    assert "avril 2025, OpenAI : 3 incidents" in svg
    assert "<script>" not in svg and "Autres &lt;script&gt;" in svg  # names are escaped
    assert describe(CHART) == (
        "5 incidents de mars 2025 à mai 2025. Mois le plus touché : avril 2025 (4). "
        "Entreprises les plus concernées : OpenAI (4), Autres <script> (1)."
    )
    assert str(outage_chart(Chart())) == ""


def test_cached_pages_are_served_gzipped_and_to_head(site) -> None:
    client, _ = site
    first = client.get("/entites")
    assert first.status_code == 200
    raw = client.get("/entites", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip" and raw.headers["vary"] == "accept-encoding"
    assert raw.text == first.text  # httpx decodes it
    plain = client.get("/entites", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == first.content
    head = client.head("/entites", headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(first.content)


def test_autres_keeps_its_grey_whatever_its_position() -> None:
    """« Autres » is drawn in the last colour (grey) even when fewer than five companies come before it."""
    from app.charts import outage_chart
    from app.schemas import Chart, ChartSeries

    chart = Chart(
        months=["2025-05", "2025-06"],
        series=[
            ChartSeries(slug="openai", name="OpenAI", counts=[1, 2], involved=3),
            ChartSeries(slug="", name="Autres", counts=[1, 0], involved=1),
        ],
        incidents=[2, 2],
        total=4,
    )
    svg = str(outage_chart(chart))
    assert svg.count('class="s0"') == 2 and svg.count('class="s5"') == 1 and 'class="s1"' not in svg


def test_a_company_keeps_its_colour_whatever_its_rank() -> None:
    """A series' colour follows its company, not its rank; two companies of one chart never share a colour."""
    from app.charts import COMPANY_CLASSES, series_classes
    from app.schemas import ChartSeries

    def series(*slugs: str) -> list[ChartSeries]:
        return [ChartSeries(slug=s, name=s or "Autres", counts=[1]) for s in slugs]

    first = series_classes(series("openai", "anthropic", ""))
    alone = series_classes(series("anthropic"))
    assert alone[0] == first[1] and first[2] == "s5"
    # Companies without a colour of their own keep theirs from view to view too.
    own = series_classes(series("perplexity"))[0]
    other = "anthropic" if own == "s0" else "openai"
    assert series_classes(series(other, "perplexity")) == [series_classes(series(other))[0], own]
    many = [f"startup-{i}" for i in range(len(COMPANY_CLASSES))]
    classes = series_classes(series(*many, ""))
    assert len(set(classes[:-1])) == len(COMPANY_CLASSES) and classes[-1] == "s5"
