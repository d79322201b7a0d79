"""The words around the numbers, shared by the terminal and the HTML report."""

from __future__ import annotations

from datetime import date

from runcare.load.daily import DayRow
from runcare.report.summary import context_rows


def day(**values: object) -> DayRow:
    fields: dict[str, object] = {
        "day": date(2024, 5, 19), "load": 10.0, "acwr_coupled": 1.1, "acwr_uncoupled": None,
        "acwr_ewma": 0.987, "fitness": 20.04, "fatigue": 25.3, "form": -4.0,
        "fitness_reliable": True, "monotony": 1.234, "strain": 40.1,
    }  # fmt: skip
    return DayRow(**{**fields, **values})  # type: ignore[arg-type]


def test_it_lists_every_context_metric_with_its_source_and_unit() -> None:
    rows = {name: (value, source) for name, value, source in context_rows(day(), "km")}
    assert rows["ACWR uncoupled 7:21"] == ("not defined yet", "Lolli et al. 2019")
    assert rows["ACWR EWMA"] == ("0.99", "Williams et al. 2017")
    assert rows["Strain (km)"] == ("40", "Foster 1998")
    assert rows["Fitness (km/day)"] == ("20.0", "Banister model")
    assert len(rows) == 8


def test_it_says_when_fitness_is_still_settling() -> None:
    names = [name for name, _, _ in context_rows(day(fitness_reliable=False), "min")]
    assert "Fitness (min/day) (settling: < 126 days)" in names
