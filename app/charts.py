"""Server-rendered SVG chart of incidents per month, stacked by company (no script, styled by the site CSS)."""

from __future__ import annotations

import zlib
from html import escape

from markupsafe import Markup

from app.schemas import Chart, ChartSeries
from app.templating import month_label, plural

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 42


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


# A company keeps its colour from one view to the next (the whole timeline, the timeline filtered to it, another
# month range): the colour follows the company, not its rank in the chart. The best-known companies have their own;
# any other takes one from its name's hash. Two companies of one chart never share a colour: the lower ranked takes
# the next free one. "Autres" is always grey (s5).
COMPANY_CLASSES = ("s0", "s1", "s2", "s3", "s4", "s6", "s7", "s8")
OTHERS_CLASS = "s5"
PREFERRED = {  # (indexes into COMPANY_CLASSES; the six most frequent far apart in hue)
    "openai": 0,
    "anthropic": 1,
    "google": 2,
    "mistral-ai": 3,
    "microsoft": 6,
    "deepseek": 5,
    "meta": 4,
    "xai": 7,
}


def series_classes(series: list[ChartSeries]) -> list[str]:
    """The colour class of each series, in order: the company's own colour, or grey for « Autres »."""
    taken: set[int] = set()
    classes = []
    for s in series:
        if not s.slug:
            classes.append(OTHERS_CLASS)
            continue
        n = len(COMPANY_CLASSES)
        want = PREFERRED.get(s.slug, zlib.crc32(s.slug.encode()) % n)
        pick = next((i for i in ((want + k) % n for k in range(n)) if i not in taken), want)
        taken.add(pick)
        classes.append(COMPANY_CLASSES[pick])
    return classes


def describe(chart: Chart) -> str:
    """A sentence that says what the chart shows (its text alternative, with the table)."""
    if not chart.months:
        return "Aucun incident à représenter."
    counts = chart.incidents
    peak = max(range(len(counts)), key=lambda i: (counts[i], i))
    first, last = month_label(chart.months[0]), month_label(chart.months[-1])
    # Each company says how many incidents hit it: an incident that hits two counts for both here, once in the
    # stack (`involved` is at least what the stack shows).
    leaders = ", ".join(f"{s.name} ({max(s.involved, sum(s.counts))})" for s in chart.series[:3])
    return (
        f"{plural(chart.total, 'incident')} de {first} à {last}. "
        f"Mois le plus touché : {month_label(chart.months[peak])} ({counts[peak]}). "
        f"Entreprises les plus concernées : {leaders}."
    )


def outage_chart(
    chart: Chart, title: str = "Incidents par mois et par entreprise", classes: list[str] | None = None
) -> Markup:
    """Stacked bars, one per month; each company its own colour class (`classes`, from series_classes when not
    given: the page's legend uses the same) so dark mode can restyle it."""
    months = chart.months
    if not months:
        return Markup("")
    n = len(months)
    stack_max = max(max(chart.incidents), *(sum(s.counts[i] for s in chart.series) for i in range(n)))
    top = max(1, stack_max)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar = max(2.0, slot * 0.7)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-t chart-d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-t">{escape(title)}</title><desc id="chart-d">{escape(describe(chart))}</desc>',
    ]
    for t in _ticks(top):
        y = TOP + plot_h - t / top * plot_h
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{t}</text>')
    every = max(1, -(-n // 12))  # at most a dozen month labels
    classes = classes if classes is not None else series_classes(chart.series)
    for i, key in enumerate(months):
        x = LEFT + i * slot + (slot - bar) / 2
        y = TOP + plot_h
        for si, s in enumerate(chart.series):
            c = s.counts[i]
            if not c:
                continue
            h = c / top * plot_h
            y -= h
            label = f"{month_label(key)}, {s.name} : {plural(c, 'incident')}"
            parts.append(
                f'<rect class="{classes[si]}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}">'
                f"<title>{escape(label)}</title></rect>"
            )
        if i % every == 0:
            cx = LEFT + i * slot + slot / 2
            parts.append(
                f'<text class="axis" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                f"{escape(month_label(key, short=True))}</text>"
            )
    parts.append(
        f'<line class="base" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def chart_context(chart: Chart) -> dict[str, object]:
    """What the timeline template reads of the chart: the SVG, the legend's colour classes (the bars' own) and the
    text alternative. One place, for the route and the render benchmark alike."""
    classes = series_classes(chart.series)
    return {
        "chart_svg": outage_chart(chart, classes=classes),
        "chart_classes": classes,
        "chart_text": describe(chart),
    }
