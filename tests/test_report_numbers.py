"""Numbers as people write them: never "-0", whole amounts without ".0"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.load.daily import DayRow
from runcare.load.report import build_report
from runcare.report.html import load_in_words, render_html
from runcare.report.numbers import fixed, trimmed
from runcare.report.summary import context_rows
from tests.test_chart_bounds import _run

NEGATIVE_ZERO = re.compile(r"(?<![\w.])-0(?:\.0+)?(?![\d.])")


@pytest.mark.parametrize(
    ("value", "places", "sign", "expected"),
    [
        (-0.04, 0, False, "0"),
        (-0.04, 1, False, "0.0"),
        (-0.0, 1, True, "0.0"),
        (-0.04, 0, True, "0"),
        (0.04, 0, True, "0"),
        (0.6, 0, True, "+1"),
        (-0.6, 0, True, "-1"),
        (12.345, 1, True, "+12.3"),
        (-4.0, 1, False, "-4.0"),
        (39.4, 0, True, "+39"),
    ],
)
def test_it_rounds_without_a_negative_zero(
    value: float, places: int, sign: bool, expected: str
) -> None:
    assert fixed(value, places, sign=sign) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("3.0"), "3"),
        (Decimal("3"), "3"),
        (Decimal("2.5"), "2.5"),
        (Decimal("0.0"), "0"),
        (Decimal("10.0"), "10"),
        (Decimal("-0.01"), "0"),
        (12.25, "12.2"),
    ],
)
def test_it_writes_an_entered_amount_without_trailing_zeros(
    value: Decimal | float, expected: str
) -> None:
    assert trimmed(value) == expected


@given(st.floats(-1e6, 1e6), st.integers(0, 3), st.booleans())
def test_it_never_writes_minus_zero(value: float, places: int, sign: bool) -> None:
    text = fixed(value, places, sign=sign)
    assert not NEGATIVE_ZERO.fullmatch(text)
    assert float(text) == pytest.approx(value, abs=0.5 * 10**-places + 1e-9)


def test_it_shows_a_form_of_almost_nothing_as_zero() -> None:
    row = DayRow(
        day=date(2024, 5, 19), load=0.0, acwr_coupled=None, acwr_uncoupled=None,
        acwr_ewma=None, fitness=3.0, fatigue=3.04, form=-0.04, fitness_reliable=True,
        monotony=None, strain=-0.2,
    )  # fmt: skip
    rows = {name: value for name, value, _ in context_rows(row, "km")}
    assert rows["Form"] == "0.0"
    assert rows["Strain (km)"] == "0"


def test_the_report_names_the_runner_and_the_load_in_words() -> None:
    as_of = date(2026, 6, 1)
    runs = [_run(as_of - timedelta(days=3 * i), 8000.0 + 50 * i) for i in range(40)]
    report = build_report(runs, as_of=as_of, tz=ZoneInfo("UTC"))
    html = render_html(
        report, generated_at=datetime(2026, 6, 1, 12, tzinfo=UTC), runner_name="Mia <Schneider>"
    )
    assert "The training of <strong>Mia &lt;Schneider&gt;</strong>" in html
    assert "<title>runcare: training load for Mia &lt;Schneider&gt; as of" in html
    assert "distance_km" not in html
    assert "load measured as distance, in kilometres" in html
    assert not NEGATIVE_ZERO.search(re.sub(r"<[^>]+>", " ", html))
    anonymous = render_html(report, generated_at=datetime(2026, 6, 1, 12, tzinfo=UTC))
    assert "The training of" not in anonymous


@pytest.mark.parametrize(
    ("measure", "words"),
    [
        ("distance_km", "distance, in kilometres"),
        ("duration_min", "duration, in minutes"),
        ("trimp", "heart-rate TRIMP"),
        ("srpe", "session RPE, in arbitrary units"),
        ("made_up", "made_up"),
    ],
)
def test_it_names_every_load_measure_in_words(measure: str, words: str) -> None:
    assert load_in_words(measure) == words
