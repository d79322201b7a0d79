"""Weekly totals on ISO weeks and week-over-week change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport
from runcare.load.series import daily_series
from runcare.load.weekly import WeekTotal, change_pct, last_full_weeks, week_start, weekly_totals

UTC_ZONE = ZoneInfo("UTC")
MONDAY = date(2024, 4, 29)


def run(day: date, km: float, minutes: float = 60.0, hour: int = 7) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        sport=Sport.RUNNING,
        source=f"{day}-{hour}",
        kind="fit",
        utc_offset_s=0,
        distance_m=km * 1000.0,
        duration_s=minutes * 60.0,
    )


def weeks_of(runs: list[Activity], as_of: date) -> tuple[WeekTotal, ...]:
    return weekly_totals(daily_series(runs, as_of=as_of, tz=UTC_ZONE))


# EVIDENCE 1.4: weekly totals 70, 77, 91 -> +10.0 %, +18.2 % (18.18 rounded).
def test_it_reproduces_the_worked_weekly_change() -> None:
    runs = [run(MONDAY + timedelta(weeks=i), km) for i, km in enumerate((70, 77, 91))]
    weeks = weeks_of(runs, MONDAY + timedelta(days=20))
    assert [w.distance_m for w in weeks] == [70_000, 77_000, 91_000]
    assert weeks[0].change_pct is None
    assert weeks[1].change_pct == pytest.approx(10.0)
    assert weeks[2].change_pct == pytest.approx(18.1818, abs=1e-4)


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2024, 4, 29), date(2024, 4, 29)),  # Monday
        (date(2024, 5, 5), date(2024, 4, 29)),  # Sunday belongs to the week before
        (date(2024, 5, 6), date(2024, 5, 6)),
        (date(2025, 1, 1), date(2024, 12, 30)),  # ISO week 1 of 2025 starts in 2024
    ],
)
def test_it_starts_weeks_on_monday(day: date, monday: date) -> None:
    assert week_start(day) == monday


def test_it_totals_distance_duration_and_runs() -> None:
    runs = [run(MONDAY, 10, 50), run(MONDAY + timedelta(days=2), 8, 45), run(MONDAY, 5, 30, 18)]
    (week,) = weeks_of(runs, MONDAY + timedelta(days=6))
    assert (week.distance_m, week.duration_s, week.runs) == (23_000, 125 * 60, 3)
    assert week.load == pytest.approx(23.0)
    assert week.complete


def test_it_has_no_change_for_partial_weeks() -> None:
    # Starts on a Wednesday and ends on a Thursday: first and last weeks are partial.
    wednesday = MONDAY + timedelta(days=2)
    runs = [run(wednesday + timedelta(days=i), 5) for i in range(0, 16, 2)]
    weeks = weeks_of(runs, wednesday + timedelta(days=15))
    assert [w.complete for w in weeks] == [False, True, False]
    assert [w.change_pct for w in weeks] == [None, None, None]


def test_it_lists_empty_weeks_and_has_no_change_after_one() -> None:
    runs = [run(MONDAY, 10), run(MONDAY + timedelta(weeks=2), 12)]
    weeks = weeks_of(runs, MONDAY + timedelta(weeks=2, days=6))
    assert [w.runs for w in weeks] == [1, 0, 1]
    assert weeks[1].change_pct == pytest.approx(-100.0)
    assert weeks[2].change_pct is None  # from nothing, no percentage


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(70, 77, 10.0), (77, 91, 18.181818), (50, 25, -50.0), (0, 10, None), (0, 0, None)],
)
def test_it_computes_change_in_percent(before: float, after: float, expected: float | None) -> None:
    result = change_pct(before, after)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("as_of", "last_full_monday"),
    [
        (MONDAY + timedelta(weeks=2, days=6), MONDAY + timedelta(weeks=2)),  # a Sunday
        (MONDAY + timedelta(weeks=3), MONDAY + timedelta(weeks=2)),  # the Monday after
        (MONDAY + timedelta(weeks=3, days=5), MONDAY + timedelta(weeks=2)),  # Saturday
    ],
)
def test_it_finds_the_last_full_week(as_of: date, last_full_monday: date) -> None:
    runs = [run(MONDAY + timedelta(days=i), 5) for i in range(0, 28, 2)]
    pair = last_full_weeks(weeks_of(runs, as_of), as_of)
    assert pair is not None
    assert pair[1].week_start == last_full_monday
    assert pair[0].week_start == last_full_monday - timedelta(weeks=1)


def test_it_finds_no_pair_when_the_week_before_is_partial() -> None:
    tuesday = MONDAY + timedelta(days=1)
    as_of = MONDAY + timedelta(weeks=1, days=6)
    assert last_full_weeks(weeks_of([run(tuesday, 5)], as_of), as_of) is None


day_runs = st.lists(
    st.tuples(st.integers(0, 50), st.floats(0.5, 40.0), st.floats(5.0, 200.0)), max_size=20
)


@settings(max_examples=100, deadline=None)
@given(day_runs, st.tuples(st.integers(0, 50), st.floats(0.5, 40.0), st.floats(5.0, 200.0)))
def test_it_never_lowers_a_weekly_total_when_a_run_is_added(
    runs: list[tuple[int, float, float]], extra: tuple[int, float, float]
) -> None:
    as_of = MONDAY + timedelta(days=55)

    def build(rows: list[tuple[int, float, float]]) -> dict[date, WeekTotal]:
        activities = [
            run(MONDAY + timedelta(days=d), km, minutes, hour=i % 24)
            for i, (d, km, minutes) in enumerate(rows)
        ]
        return {w.week_start: w for w in weeks_of(activities, as_of)}

    before, after = build(runs), build([*runs, extra])
    for start, week in before.items():
        grown = after[start]
        assert grown.distance_m >= week.distance_m
        assert grown.duration_s >= week.duration_s
        assert grown.runs >= week.runs
        assert grown.load >= week.load
    assert sum(w.runs for w in after.values()) == len(runs) + 1
