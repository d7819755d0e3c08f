"""Charts for the Clerk's dashboard, drawn on the server as accessible SVG (no JavaScript, no library).

Plain functions: data in, a Chart out. A Chart carries escaped SVG markup (`role="img"` with a
`<title>` and a `<desc>` that says what the data show) and the same data as table columns and rows,
which the template shows as a GOV.UK table. Bars are told apart by pattern and by the labels and
values written beside them, never by colour alone; text is near-black on white.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field
from typing import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

TEXT = "#0b0c0c"  # GOV.UK text colour: 19:1 on white
MUTED = "#505a5f"  # secondary text: 7:1 on white
GRID = "#b1b4b6"
FONT = "arial, sans-serif"
# Fill colours (each at least 3:1 against white) and the pattern drawn over each.
COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#505a5f", "#6f3c00")
PATTERNS = ("solid", "diagonal", "dots", "horizontal", "crosshatch", "vertical")
PATTERN_NAMES = {"solid": "solid", "diagonal": "diagonal stripes", "dots": "dots", "horizontal": "horizontal lines",
                 "crosshatch": "cross-hatching", "vertical": "vertical lines"}
MAX_SERIES = len(PATTERNS)
WIDTH = 720


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # one or two sentences: what the data show (also the SVG's <desc>)
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: SafeString = field(default_factory=lambda: mark_safe(""))
    empty_text: str = "No data yet."

    @property
    def empty(self) -> bool:
        return not self.rows


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above value (at least 1): a round top for an axis."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            top = step * power
            return int(top) if float(top).is_integer() else top
    return 10 * power  # pragma: no cover - the loop always returns


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _defs(chart_id: str, count: int) -> SafeString:
    """One <pattern> per series: a coloured ground with white marks (none for the first)."""
    parts = []
    for i in range(count):
        colour, kind = COLOURS[i % len(COLOURS)], PATTERNS[i % len(PATTERNS)]
        marks = {
            "solid": "",
            "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="2"/>',
            "dots": '<circle cx="4" cy="4" r="1.8" fill="#ffffff"/>',
            "horizontal": '<path d="M0,4 h8" stroke="#ffffff" stroke-width="2"/>',
            "crosshatch": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.5"/>',
            "vertical": '<path d="M4,0 v8" stroke="#ffffff" stroke-width="2"/>',
        }[kind]
        parts.append(format_html('<pattern id="{}-p{}" width="8" height="8" patternUnits="userSpaceOnUse">'
                                 '<rect width="8" height="8" fill="{}"/>{}</pattern>',
                                 chart_id, i, colour, mark_safe(marks)))
    return format_html("<defs>{}</defs>", mark_safe("".join(parts)))


def _svg(chart_id: str, title: str, summary: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="herald-chart" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{id}-title {id}-desc" focusable="false" '
        'font-family="{font}" font-size="14" fill="{text}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{summary}</desc>{body}</svg>',
        w=WIDTH, h=height, id=chart_id, font=FONT, text=TEXT, title=title, summary=summary, body=body)


def bar_chart(*, chart_id: str, title: str, data: Sequence[tuple[str, float]], label_header: str,
              value_header: str, summary: str = "", unit: str = "", empty_text: str = "No data yet.") -> Chart:
    """Horizontal bars, one per (label, value), each labelled with its name and value."""
    data = [(str(label), value) for label, value in data]
    rows = tuple((label, _number(value)) for label, value in data)
    if not summary:
        summary = "; ".join(f"{label}: {_number(value)}{unit}" for label, value in data) + "." if data else ""
    if not data:
        return Chart(chart_id, title, empty_text, (label_header, value_header), (), empty_text=empty_text)
    label_w, value_w, row_h, top = 230, 90, 30, 8
    bar_w = WIDTH - label_w - value_w
    top_value = nice_max(max(v for _, v in data))
    height = top + row_h * len(data) + 24
    bars = []
    for i, (label, value) in enumerate(data):
        y = top + i * row_h
        width = 0 if top_value == 0 else round(bar_w * value / top_value, 1)
        bars.append(format_html(
            '<g><text x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
            '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{id}-p0)" stroke="{text}" stroke-width="0.5"/>'
            '<text x="{vx}" y="{ty}">{value}{unit}</text></g>',
            lx=label_w - 8, ty=y + row_h / 2 + 5, label=_short(label), x=label_w, y=y + 4, w=width,
            h=row_h - 8, id=chart_id, text=TEXT, vx=label_w + width + 6, value=_number(value), unit=unit))
    axis_y = top + row_h * len(data) + 2
    axis = format_html(
        '<path d="M{x},{t} V{b} H{r}" stroke="{grid}" fill="none"/>'
        '<text x="{x}" y="{ly}" fill="{muted}" font-size="12">0</text>'
        '<text x="{r}" y="{ly}" text-anchor="end" fill="{muted}" font-size="12">{top}{unit}</text>',
        x=label_w, t=top, b=axis_y, r=label_w + bar_w, grid=GRID, ly=axis_y + 16, muted=MUTED,
        top=_number(top_value), unit=unit)
    body = format_html("{}{}{}", _defs(chart_id, 1), mark_safe("".join(bars)), axis)
    return Chart(chart_id, title, summary, (label_header, value_header), rows,
                 _svg(chart_id, title, summary, height + 4, body), empty_text)


def stacked_column_chart(*, chart_id: str, title: str, categories: Sequence[str],
                         series: Sequence[tuple[str, Sequence[int]]], category_header: str,
                         summary: str = "", empty_text: str = "No data yet.") -> Chart:
    """One column per category (for example a month), stacked by series (for example a channel),
    each series with its own pattern in the legend; each column's total is written above it.
    More series than patterns are summed into "Other"."""
    series = [(name, list(values)) for name, values in series]
    if len(series) > MAX_SERIES:
        keep = sorted(series, key=lambda s: -sum(s[1]))[: MAX_SERIES - 1]
        rest = [s for s in series if s not in keep]
        other = [sum(values[i] for _, values in rest) for i in range(len(categories))]
        series = [s for s in series if s in keep] + [(f"Other ({len(rest)} channels)", other)]
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    columns = (category_header, *(name for name, _ in series), "Total")
    rows = tuple((str(cat), *(_number(values[i]) for _, values in series), _number(totals[i]))
                 for i, cat in enumerate(categories))
    if not series or not any(totals):
        return Chart(chart_id, title, empty_text, columns, (), empty_text=empty_text)
    if not summary:
        peak = max(range(len(categories)), key=lambda i: totals[i])
        summary = (f"{_number(sum(totals))} in all across {len(series)} series; the most, "
                   f"{_number(totals[peak])}, in {categories[peak]}.")
    left, right, top, plot_h = 48, 12, 24, 220
    plot_w = WIDTH - left - right
    slot = plot_w / len(categories)
    col_w = min(40, slot * 0.7)
    top_value = nice_max(max(totals))
    scale = plot_h / top_value
    base = top + plot_h
    parts = []
    ticks = (0, top_value / 2, top_value) if float(top_value / 2).is_integer() else (0, top_value)  # whole counts
    for tick in ticks:
        y = round(base - tick * scale, 1)
        parts.append(format_html('<path d="M{l},{y} H{r}" stroke="{grid}" stroke-width="{sw}"/>'
                                 '<text x="{tx}" y="{ty}" text-anchor="end" fill="{muted}" font-size="12">{v}</text>',
                                 l=left, y=y, r=WIDTH - right, grid=GRID, sw=1 if tick == 0 else 0.5,
                                 tx=left - 6, ty=y + 4, muted=MUTED, v=_number(tick)))
    for i, category in enumerate(categories):
        x = round(left + slot * i + (slot - col_w) / 2, 1)
        y = base
        for s, (_name, values) in enumerate(series):
            if not values[i]:
                continue
            h = round(values[i] * scale, 1)
            y = round(y - h, 1)
            parts.append(format_html('<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{id}-p{s})" '
                                     'stroke="#ffffff" stroke-width="1"/>', x=x, y=y, w=col_w, h=h, id=chart_id, s=s))
        if totals[i]:
            parts.append(format_html('<text x="{x}" y="{y}" text-anchor="middle" font-size="12">{v}</text>',
                                     x=round(x + col_w / 2, 1), y=round(y - 4, 1), v=_number(totals[i])))
        parts.append(format_html('<text x="{x}" y="{y}" text-anchor="middle" font-size="12">{label}</text>',
                                 x=round(left + slot * i + slot / 2, 1), y=base + 18, label=category))
    per_row, entry_w = 3, plot_w / 3
    legend_top = base + 40
    for s, (name, _values) in enumerate(series):
        lx = round(left + entry_w * (s % per_row), 1)
        ly = legend_top + 24 * (s // per_row)
        pattern = PATTERNS[s % len(PATTERNS)]
        parts.append(format_html('<g><rect x="{x}" y="{y}" width="16" height="16" fill="url(#{id}-p{s})" '
                                 'stroke="{text}" stroke-width="0.5"/><text x="{tx}" y="{ty}">{name} ({pattern})</text></g>',
                                 x=lx, y=ly, id=chart_id, s=s, text=TEXT, tx=lx + 22, ty=ly + 13, name=_short(name, 22),
                                 pattern=PATTERN_NAMES[pattern]))
    height = legend_top + 24 * math.ceil(len(series) / per_row) + 4
    body = format_html("{}{}", _defs(chart_id, len(series)), mark_safe("".join(parts)))
    return Chart(chart_id, title, summary, columns, rows, _svg(chart_id, title, summary, height, body), empty_text)


# --- the dashboard's four charts, from selector data ---------------------------------------------

def last_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, ending with today's month."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def posts_per_channel_chart(counts: Sequence[tuple[str, dt.date, int]], *, today: dt.date) -> Chart:
    """counts: (channel name, first day of the month, posts published) from the posts selector."""
    months = last_months(today)
    index = {m: i for i, m in enumerate(months)}
    by_channel: dict[str, list[int]] = {}
    for name, month, count in counts:
        if month in index:
            by_channel.setdefault(name, [0] * len(months))[index[month]] += count
    series = sorted(by_channel.items(), key=lambda s: s[0].lower())
    labels = [f"{m:%b} {m:%y}" for m in months]
    chart = stacked_column_chart(chart_id="chart-posts", title="Posts published per channel per month",
                                 categories=labels, series=series, category_header="Month",
                                 empty_text="No posts were published in the last 12 months.")
    if chart.empty:
        return chart
    total = sum(sum(v) for _, v in series)
    busiest = max(series, key=lambda s: sum(s[1]))
    summary = (f"{total:,} post{'s' if total != 1 else ''} published on {len(series)} "
               f"channel{'s' if len(series) != 1 else ''} in the 12 months from {months[0]:%B %Y} to "
               f"{months[-1]:%B %Y}; the most on {busiest[0]} ({sum(busiest[1]):,}).")
    return stacked_column_chart(chart_id="chart-posts", title=chart.title, categories=labels, series=series,
                                category_header="Month", summary=summary)


def findings_by_clause_chart(counts: Sequence[tuple[str, int]], *, limit: int = 10) -> Chart:
    """counts: (clause id, posts with a finding under it), most first."""
    counts = sorted(counts, key=lambda c: (-c[1], c[0]))
    shown = list(counts[:limit])
    if len(counts) > limit:
        shown.append((f"{len(counts) - limit} other clauses", sum(c for _, c in counts[limit:])))
    summary = ""
    if shown:
        top = shown[0]
        summary = (f"Screening findings in the last 12 months, by the policy clause they cite: most often {top[0]} "
                   f"({top[1]:,} post{'s' if top[1] != 1 else ''}). "
                   + "; ".join(f"{c}: {n:,}" for c, n in shown) + ".")
    return bar_chart(chart_id="chart-findings", title="Screening findings by policy clause", data=shown,
                     label_header="Clause", value_header="Posts with a finding", summary=summary,
                     empty_text="No screening findings in the last 12 months.")


def complaint_outcomes_chart(counts: Sequence[tuple[str, int]]) -> Chart:
    """counts: (outcome label, cases), in the order to show them."""
    counts = [(label, n) for label, n in counts if n]
    total = sum(n for _, n in counts)
    summary = (f"{total:,} complaint{'s' if total != 1 else ''} decided in the last 12 months: "
               + "; ".join(f"{label}: {n:,}" for label, n in counts) + ".") if counts else ""
    return bar_chart(chart_id="chart-outcomes", title="Complaint outcomes", data=counts, label_header="Outcome",
                     value_header="Complaints", summary=summary,
                     empty_text="No complaints were decided in the last 12 months.")


RESOLUTION_BUCKETS = ((0, 5), (6, 10), (11, 15), (16, 20), (21, None))


def resolution_time_chart(working_days: Sequence[int], *, target: int = 20) -> Chart:
    """working_days: for each complaint decided, the working days from receipt to decision."""
    days = [int(d) for d in working_days]
    data = []
    for low, high in RESOLUTION_BUCKETS:
        label = f"{low} to {high} working days" if high is not None else f"More than {low - 1} working days"
        data.append((label, sum(1 for d in days if d >= low and (high is None or d <= high))))
    summary = ""
    if days:
        median = statistics.median(days)
        late = sum(1 for d in days if d > target)
        summary = (f"Median time to decide a complaint: {_number(median)} working day{'s' if median != 1 else ''} "
                   f"(from {len(days):,} decided in the last 12 months); {late:,} took longer than the "
                   f"{target}-working-day target.")
    return bar_chart(chart_id="chart-resolution", title="Time to decide complaints",
                     data=data if days else [], label_header="Working days from receipt to decision",
                     value_header="Complaints", summary=summary,
                     empty_text="No complaints were decided in the last 12 months.")
