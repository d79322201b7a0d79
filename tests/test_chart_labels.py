"""Chart words stay readable: zone labels are drawn over the lines, with a halo."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from runcare.load.report import build_report
from runcare.report.charts import acwr_chart
from tests.test_chart_bounds import _run

SVG = "{http://www.w3.org/2000/svg}"


def _order(svg: str) -> tuple[list[int], list[int]]:
    elements = list(etree.fromstring(svg.encode()).iter())
    lines = [i for i, e in enumerate(elements) if e.tag == f"{SVG}polyline"]
    labels = [i for i, e in enumerate(elements) if e.get("class") == "zone-label"]
    return lines, labels


def test_the_zone_labels_are_drawn_over_the_lines() -> None:
    as_of = date(2026, 6, 1)
    runs = [_run(as_of - timedelta(days=2 * i), 6000.0 + 900 * (i % 5)) for i in range(90)]
    svg = acwr_chart(build_report(runs, as_of=as_of, tz=ZoneInfo("UTC")))
    lines, labels = _order(svg)
    assert lines
    assert len(labels) == 2
    assert min(labels) > max(lines)
    tree = etree.fromstring(svg.encode())
    for label in tree.iter(f"{SVG}text"):
        if label.get("class") == "zone-label":
            assert label.get("paint-order") == "stroke"
            assert label.get("stroke") == "#fff"
