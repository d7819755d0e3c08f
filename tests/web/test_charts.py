"""The dashboard's server-side SVG charts: structure, accessibility and data (plain functions)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from herald.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    return root


def texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def contrast(hex_colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def assert_accessible(chart):
    root = parse(chart)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == title_id and title.text == chart.title
    assert desc.get("id") == desc_id and desc.text == chart.summary and chart.summary
    assert "style=" not in str(chart.svg) and "<script" not in str(chart.svg)
    return root


def test_text_and_fill_colours_have_enough_contrast():
    assert contrast(charts.TEXT) >= 4.5 and contrast(charts.MUTED) >= 4.5
    assert all(contrast(c) >= 3 for c in charts.COLOURS)  # graphical objects (WCAG 1.4.11)
    assert len(set(charts.PATTERNS)) == len(charts.PATTERNS) == charts.MAX_SERIES


@pytest.mark.parametrize("value, expected", [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (23, 25), (180, 200),
                                             (1001, 2000)])
def test_nice_max(value, expected):
    assert charts.nice_max(value) == expected


def test_last_months_cross_the_year():
    months = charts.last_months(dt.date(2026, 2, 14), 4)
    assert months == [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert len(charts.last_months(dt.date(2026, 12, 31))) == 12


# --- bar chart ----------------------------------------------------------------------------------

def test_bar_chart_with_no_data_is_empty_with_its_message():
    chart = charts.bar_chart(chart_id="c", title="T", data=[], label_header="L", value_header="V",
                             empty_text="Nothing yet.")
    assert chart.empty and str(chart.svg) == "" and chart.rows == () and chart.empty_text == "Nothing yet."


def test_bar_chart_with_one_point():
    chart = charts.bar_chart(chart_id="c", title="Outcomes", data=[("Upheld", 3)], label_header="Outcome",
                             value_header="Complaints")
    root = assert_accessible(chart)
    assert chart.summary == "Upheld: 3." and chart.rows == (("Upheld", "3"),)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#c-p0)"]
    assert len(bars) == 1 and float(bars[0].get("width")) > 0
    assert "Upheld" in texts(root) and "3" in texts(root)


def test_bar_chart_bars_are_proportional_and_labelled():
    data = [("a", 10), ("b", 5), ("c", 0)]
    chart = charts.bar_chart(chart_id="c", title="T", data=data, label_header="L", value_header="V")
    root = parse(chart)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#c-p0)"]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert [t for t in texts(root) if t in ("a", "b", "c")] == ["a", "b", "c"]


def test_labels_are_escaped_and_long_ones_shortened_in_the_svg_only():
    evil = "<script>alert(1)</script> and a very long label indeed"
    chart = charts.bar_chart(chart_id="c", title="T & <b>", data=[(evil, 1)], label_header="L", value_header="V")
    markup = str(chart.svg)
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "T &amp; &lt;b&gt;" in markup
    assert chart.rows[0][0] == evil  # the table has the whole label (the template escapes it)
    assert any(t.endswith("…") for t in texts(parse(chart)))


# --- stacked columns ----------------------------------------------------------------------------

def test_stacked_chart_with_no_posts_is_empty():
    chart = charts.posts_per_channel_chart([], today=dt.date(2026, 11, 20))
    assert chart.empty and "No posts were published" in chart.empty_text


def test_posts_per_channel_one_point():
    chart = charts.posts_per_channel_chart([("Town news", dt.date(2026, 11, 1), 4)], today=dt.date(2026, 11, 20))
    root = assert_accessible(chart)
    assert chart.columns == ("Month", "Town news", "Total")
    assert chart.rows[-1] == ("Nov 26", "4", "4") and chart.rows[0] == ("Dec 25", "0", "0")
    assert len(chart.rows) == 12
    assert "4 posts published on 1 channel" in chart.summary and "the most on Town news (4)" in chart.summary
    assert "Town news (solid)" in texts(root)  # the legend names each pattern


def test_posts_per_channel_many_channels_fold_into_other_and_each_has_a_pattern():
    today = dt.date(2026, 11, 20)
    months = charts.last_months(today)
    counts = [(f"Channel {n}", m, n + 1) for n in range(8) for m in months]
    counts.append(("Channel 0", dt.date(2024, 1, 1), 99))  # outside the 12 months: ignored
    chart = charts.posts_per_channel_chart(counts, today=today)
    root = assert_accessible(chart)
    assert len(chart.columns) == 1 + charts.MAX_SERIES + 1
    assert chart.columns[-2] == "Other (3 channels)"
    other = sum(n + 1 for n in range(3))  # channels 0, 1 and 2 have the fewest posts
    assert all(row[-2] == str(other) and row[-1] == str(sum(range(1, 9))) for row in chart.rows)
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {f"chart-posts-p{i}" for i in range(charts.MAX_SERIES)}
    legend = [t for t in texts(root) if "(" in t]
    assert len(legend) == charts.MAX_SERIES and len({t.rsplit("(", 1)[1] for t in legend}) == charts.MAX_SERIES
    assert "36" in texts(root)  # each month's total written above its column


# --- the complaint charts -----------------------------------------------------------------------

def test_outcomes_chart_drops_zero_outcomes():
    chart = charts.complaint_outcomes_chart([("Upheld", 2), ("Partly upheld", 0), ("Not upheld", 5)])
    assert chart.rows == (("Upheld", "2"), ("Not upheld", "5"))
    assert chart.summary == "7 complaints decided in the last 12 months: Upheld: 2; Not upheld: 5."
    assert charts.complaint_outcomes_chart([("Upheld", 0)]).empty


def test_resolution_chart_buckets_and_median():
    chart = charts.resolution_time_chart([0, 3, 5, 6, 12, 20, 21, 40], target=20)
    assert [row[1] for row in chart.rows] == ["3", "1", "1", "1", "2"]
    assert chart.rows[-1][0] == "More than 20 working days"
    assert "Median time to decide a complaint: 9 working days" in chart.summary
    assert "2 took longer than the 20-working-day target" in chart.summary
    assert_accessible(chart)
    one = charts.resolution_time_chart([1])
    assert "Median time to decide a complaint: 1 working day " in one.summary
    assert charts.resolution_time_chart([]).empty


def test_findings_chart_keeps_the_top_clauses_and_sums_the_rest():
    counts = [(f"tou.{n}", n) for n in range(1, 13)]
    chart = charts.findings_by_clause_chart(counts, limit=10)
    assert chart.rows[0] == ("tou.12", "12") and len(chart.rows) == 11
    assert chart.rows[-1] == ("2 other clauses", "3")
    assert "most often tou.12 (12 posts)" in chart.summary
    assert charts.findings_by_clause_chart([]).empty


def test_axis_ticks_are_whole_numbers():
    chart = charts.posts_per_channel_chart([("Town news", dt.date(2026, 11, 1), 3)], today=dt.date(2026, 11, 20))
    ticks = [t for t in texts(parse(chart)) if t.replace(".", "").isdigit()]
    assert "2.5" not in ticks and "5" in ticks and "0" in ticks
