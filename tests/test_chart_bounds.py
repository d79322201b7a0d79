"""Charts and axes stay small and finish at once, whatever numbers and dates they are fed.

Every bound here is a count (ticks, labels, rows drawn), never a wall-clock time: a loop
whose length depends on the data's values rather than its size would break a count first.
"""

from __future__ import annotations

import itertools
import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from runcare.activities.model import Activity, Sport
from runcare.load.report import build_report
from runcare.load.series import MAX_HISTORY_DAYS, daily_series
from runcare.report.charts import (
    CHART_DAYS,
    acwr_chart,
    fitness_chart,
    spikes_chart,
    weekly_chart,
)
from runcare.report.html import render_html
from runcare.report.svg import MAX_AXIS, Bar, Line, bar_chart, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
COUNT = 5
MAX_TICKS = COUNT + 2
AS_OF = date(2026, 6, 1)
UTC_ZONE = ZoneInfo("UTC")

any_float = st.floats(allow_nan=True, allow_infinity=True)
finite = st.floats(allow_nan=False, allow_infinity=False)


GEOMETRY = ("x", "y", "x1", "x2", "y1", "y2", "width", "height")


def _finite_geometry(svg: str) -> bool:
    tree = etree.fromstring(svg)
    numbers = [float(el.get(a)) for el in tree.iter() for a in GEOMETRY if el.get(a) is not None]
    points = [
        float(n)
        for el in tree.iter(f"{SVG}polyline")
        for pair in el.get("points", "").split()
        for n in pair.split(",")
    ]
    return all(math.isfinite(n) for n in numbers + points)


def _grid_lines(svg: str) -> int:
    tree = etree.fromstring(svg)
    return sum(1 for el in tree.iter(f"{SVG}line") if el.get("class") == "grid")


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (0.0, 1e-12),  # the range that once never returned
        (0.0, 1e-300),
        (0.0, 5e-324),
        (1e15, 1e15 + 1),
        (1e300, 1e300),
        (-1.7e308, 1.7e308),
        (math.nan, math.nan),
        (-math.inf, math.inf),
        (3.0, math.nan),
    ],
)
def test_it_returns_few_distinct_ticks_for_extreme_ranges(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= MAX_TICKS
    assert all(math.isfinite(t) for t in ticks)
    assert all(a < b for a, b in itertools.pairwise(ticks))


@settings(max_examples=400)
@given(any_float, any_float, st.integers(1, 12), any_float)
def test_it_bounds_ticks_for_any_floats(low: float, high: float, count: int, span: float) -> None:
    ticks = nice_ticks(low, high, count, min_span=span)
    assert 2 <= len(ticks) <= count + 2
    assert all(math.isfinite(t) for t in ticks)
    assert all(a < b for a, b in itertools.pairwise(ticks))


@settings(max_examples=300)
@given(finite, finite)
def test_it_covers_any_finite_range_within_the_axis_limit(a: float, b: float) -> None:
    low, high = sorted((max(min(a, MAX_AXIS), -MAX_AXIS), max(min(b, MAX_AXIS), -MAX_AXIS)))
    ticks = nice_ticks(low, high)
    slack = 1e-9 * max(abs(low), abs(high), 1e-300)
    assert ticks[0] <= low + slack
    assert ticks[-1] >= high - slack


def test_it_widens_a_tiny_chart_axis_to_one_unit() -> None:
    days = [AS_OF - timedelta(days=i) for i in range(3)]
    svg = line_chart(days, [Line("fitness", [1e-20, 5e-21, 0.0], "#000")], y_label="km", title="t")
    texts = [el.text for el in etree.fromstring(svg).iter(f"{SVG}text")]
    assert "1" in texts
    assert not any("e-" in (t or "") for t in texts)


values_lists = st.lists(st.one_of(st.none(), any_float), max_size=60)


@settings(max_examples=150)
@given(st.lists(values_lists, min_size=0, max_size=3), st.integers(0, 400))
def test_it_draws_any_line_series_with_a_bounded_axis(
    series: list[list[float | None]], n_days: int
) -> None:
    days = [AS_OF - timedelta(days=n_days - i) for i in range(n_days)]
    lines = [Line(f"l{i}", values, "#000") for i, values in enumerate(series)]
    svg = line_chart(days, lines, y_label="x", title="t")
    tree = etree.fromstring(svg)
    assert _grid_lines(svg) <= MAX_TICKS
    # y labels, at most six dates, the axis label and one legend entry per line
    assert len(list(tree.iter(f"{SVG}text"))) <= MAX_TICKS + 6 + 1 + len(lines)
    assert _finite_geometry(svg)


@settings(max_examples=150)
@given(st.lists(st.tuples(any_float, st.one_of(st.none(), any_float)), max_size=40))
def test_it_draws_any_bars_with_a_bounded_axis(pairs: list[tuple[float, float | None]]) -> None:
    bars = [Bar(f"b{i}", value, "#000", mark=mark) for i, (value, mark) in enumerate(pairs)]
    svg = bar_chart(bars, y_label="km", title="t")
    tree = etree.fromstring(svg)
    assert _grid_lines(svg) <= MAX_TICKS
    assert len(tree.findall(f"{SVG}rect")) == len(bars)
    assert _finite_geometry(svg)


def _run(day: date, distance_m: float) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        sport=Sport.RUNNING,
        source=f"{day}.fit",
        kind="fit",
        utc_offset_s=0,
        duration_s=max(distance_m, 1.0) * 0.35,
        distance_m=distance_m,
    )


run_days = st.dates(min_value=date(1900, 1, 1), max_value=AS_OF)
distances = st.one_of(st.floats(1.0, 1e6), st.sampled_from([1.0, 1.0000001, 1e-3, 1e9, 1e15, 0.0]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(run_days, distances), min_size=0, max_size=8))
def test_it_draws_every_chart_of_any_history_with_few_ticks(
    runs: list[tuple[date, float]],
) -> None:
    report = build_report([_run(day, km) for day, km in runs], as_of=AS_OF, tz=UTC_ZONE)
    assert len(report.days) <= MAX_HISTORY_DAYS
    for chart in (weekly_chart, spikes_chart, acwr_chart, fitness_chart):
        svg = chart(report)
        assert _grid_lines(svg) <= MAX_TICKS
        assert _finite_geometry(svg)
        tree = etree.fromstring(svg)
        for polyline in tree.iter(f"{SVG}polyline"):
            assert len(polyline.get("points", "").split()) <= CHART_DAYS


@pytest.mark.parametrize("last_run", [date(2021, 6, 1), date(1990, 3, 4), date(1930, 1, 1)])
def test_it_reports_a_history_that_ended_years_ago(last_run: date) -> None:
    runs = [_run(last_run - timedelta(days=7 * i), 8000.0 + 100 * i) for i in range(20)]
    report = build_report(runs, as_of=AS_OF, tz=UTC_ZONE)
    html = render_html(report, generated_at=datetime(2026, 6, 1, 12, tzinfo=UTC))
    assert html.count('class="grid"') <= 4 * MAX_TICKS
    assert html.count("<svg") == 4


def test_it_leaves_out_history_older_than_the_limit() -> None:
    ancient = AS_OF - timedelta(days=MAX_HISTORY_DAYS + 10)
    series = daily_series(
        [_run(ancient, 5000.0), _run(AS_OF - timedelta(days=3), 5000.0)], as_of=AS_OF, tz=UTC_ZONE
    )
    assert series.first_day == AS_OF - timedelta(days=3)
    assert len(series.activities) == 1


def test_it_takes_a_history_near_the_first_calendar_day() -> None:
    series = daily_series([_run(date(1, 1, 5), 5000.0)], as_of=date(1, 2, 1), tz=UTC_ZONE)
    assert series.first_day == date(1, 1, 5)


@pytest.mark.parametrize("values", [[], [None], [5.0], [math.nan], [math.inf, -math.inf], [0.0]])
def test_it_draws_an_empty_or_one_point_line(values: list[float | None]) -> None:
    days = [AS_OF - timedelta(days=i) for i in range(len(values))][::-1]
    svg = line_chart(days, [Line("x", values, "#000")], y_label="km", title="t")
    assert 2 <= _grid_lines(svg) <= MAX_TICKS
    assert _finite_geometry(svg)


@pytest.mark.parametrize("values", [[], [0.0], [7.5], [math.nan], [-3.0]])
def test_it_draws_no_bars_or_one_bar(values: list[float]) -> None:
    svg = bar_chart([Bar("b", v, "#000") for v in values], y_label="km", title="t")
    assert 2 <= _grid_lines(svg) <= MAX_TICKS
    assert _finite_geometry(svg)


@pytest.mark.parametrize("runs", [[], [(AS_OF, 5000.0)], [(date(1990, 1, 1), 5000.0)]])
def test_it_draws_every_chart_of_an_empty_or_one_run_history(
    runs: list[tuple[date, float]],
) -> None:
    report = build_report([_run(day, m) for day, m in runs], as_of=AS_OF, tz=UTC_ZONE)
    for chart in (weekly_chart, spikes_chart, acwr_chart, fitness_chart):
        svg = chart(report)
        assert 2 <= _grid_lines(svg) <= MAX_TICKS
        assert _finite_geometry(svg)
