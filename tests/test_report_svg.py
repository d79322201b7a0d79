"""The SVG chart primitives: valid markup, honest gaps, round ticks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml import etree

from runcare.report.svg import Bar, Line, Zone, bar_chart, line_chart, nice_ticks

DAYS = [date(2024, 1, 1) + timedelta(days=i) for i in range(10)]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("low", "high", "first", "last"),
    [(0, 10, 0, 10), (0, 0.37, 0, 0.4), (-3.2, 7.9, -5, 10), (0, 1, 0, 1), (5, 5, 5, 6)],
)
def test_it_picks_round_ticks_covering_the_range(
    low: float, high: float, first: float, last: float
) -> None:
    ticks = nice_ticks(low, high)
    assert ticks[0] == pytest.approx(first)
    assert ticks[-1] == pytest.approx(last)
    assert ticks == sorted(ticks)


def test_it_leaves_a_gap_where_a_value_is_undefined() -> None:
    values = [1.0, 1.1, None, None, 1.3, 1.2, 1.0, None, 0.9, 1.0]
    svg = etree.fromstring(line_chart(DAYS, [Line("x", values, "#000")], y_label="r", title="t"))
    lines = svg.findall(f"{SVG}polyline")
    assert [len(p.get("points").split()) for p in lines] == [2, 3, 2]


def test_it_draws_zones_titles_and_labels() -> None:
    svg = line_chart(
        DAYS, [Line("a", [1.0] * 10, "#000")], zones=[Zone(0.8, 1.3, "#0f0", "sweet")],
        y_label="ratio (-)", title="Ratio over time",
    )  # fmt: skip
    tree = etree.fromstring(svg)
    assert tree.get("role") == "img"
    assert tree.findtext(f"{SVG}title") == "Ratio over time"
    assert "ratio (-)" in svg
    assert "sweet" in svg


def test_it_scales_bars_and_marks_to_the_same_axis() -> None:
    svg = etree.fromstring(
        bar_chart([Bar("a", 10, "#111", mark=5), Bar("b", 20, "#222")], y_label="km", title="t")
    )
    rects = svg.findall(f"{SVG}rect")
    heights = [float(r.get("height")) for r in rects]
    assert heights[1] == pytest.approx(2 * heights[0])
    mark = next(el for el in svg.findall(f"{SVG}line") if el.get("stroke") == "#1b1f24")
    bottom = float(rects[0].get("y")) + heights[0]
    assert bottom - float(mark.get("y1")) == pytest.approx(heights[0] / 2, abs=0.2)


def test_it_escapes_labels() -> None:
    svg = bar_chart([Bar("<b>", 1, "#000", title="a & b")], y_label="x", title="<t>")
    etree.fromstring(svg)  # still well-formed
    assert "<b>" not in svg
