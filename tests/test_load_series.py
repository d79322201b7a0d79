"""Activities to a daily load series: local days, rest days, sports and measures."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport
from runcare.load.series import (
    MEASURES,
    HeartRateProfile,
    MeasureInputs,
    daily_series,
    get_measure,
    local_day,
)

UTC_ZONE = ZoneInfo("UTC")
AS_OF = date(2024, 5, 19)


def activity(
    day: date,
    km: float | None = 10.0,
    *,
    hour: int = 7,
    sport: Sport = Sport.RUNNING,
    moving_s: float | None = None,
    duration_s: float | None = 3600.0,
    hr: float | None = None,
) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        sport=sport,
        source=f"{day.isoformat()}-{hour}.fit",
        kind="fit",
        utc_offset_s=0,
        duration_s=duration_s,
        moving_s=moving_s,
        distance_m=None if km is None else km * 1000.0,
        avg_hr_bpm=hr,
    )


def test_it_puts_a_late_utc_run_on_the_next_local_day_when_the_file_says_utc_plus_2() -> None:
    run = Activity(
        start=datetime(2024, 5, 18, 23, 30, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="a.fit",
        kind="fit",
        utc_offset_s=7200,
    )
    assert local_day(run, UTC_ZONE) == date(2024, 5, 19)


def test_it_uses_the_configured_zone_when_the_file_has_no_offset() -> None:
    run = Activity(
        start=datetime(2024, 5, 18, 23, 30, tzinfo=UTC), sport=Sport.RUNNING, source="a", kind="gpx"
    )
    assert local_day(run, ZoneInfo("Europe/Berlin")) == date(2024, 5, 19)  # CEST, UTC+2
    assert local_day(run, ZoneInfo("America/New_York")) == date(2024, 5, 18)
    assert local_day(run, UTC_ZONE) == date(2024, 5, 18)


def test_it_prefers_the_files_own_offset_to_the_configured_zone() -> None:
    run = Activity(
        start=datetime(2024, 5, 18, 23, 30, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="a",
        kind="fit",
        utc_offset_s=-4 * 3600,
    )
    assert local_day(run, ZoneInfo("Europe/Berlin")) == date(2024, 5, 18)


def test_it_moves_load_to_the_local_day_in_the_series() -> None:
    late = Activity(
        start=datetime(2024, 5, 18, 23, 30, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="a",
        kind="fit",
        utc_offset_s=7200,
        distance_m=8000.0,
    )
    series = daily_series([activity(date(2024, 5, 17), 5), late], as_of=AS_OF, tz=UTC_ZONE)
    assert series.first_day == date(2024, 5, 17)
    assert series.load.tolist() == [5.0, 0.0, 8.0]


def test_it_fills_rest_days_with_zero_from_the_first_day_to_as_of() -> None:
    series = daily_series(
        [activity(date(2024, 5, 10), 6), activity(date(2024, 5, 13), 8)],
        as_of=AS_OF,
        tz=UTC_ZONE,
    )
    assert len(series.load) == 10
    assert series.load.tolist() == [6, 0, 0, 8, 0, 0, 0, 0, 0, 0]
    assert series.days()[0] == date(2024, 5, 10)
    assert series.days()[-1] == AS_OF


def test_it_adds_two_runs_on_one_day() -> None:
    day = date(2024, 5, 19)
    series = daily_series(
        [activity(day, 5, hour=6), activity(day, 7, hour=18)], as_of=AS_OF, tz=UTC_ZONE
    )
    assert series.load.tolist() == [12.0]


def test_it_ignores_activities_after_as_of() -> None:
    series = daily_series(
        [activity(date(2024, 5, 18), 5), activity(date(2024, 5, 20), 50)], as_of=AS_OF, tz=UTC_ZONE
    )
    assert series.load.tolist() == [5.0, 0.0]


def test_it_starts_on_the_first_activity_day_of_any_sport() -> None:
    # EVIDENCE 1.1: "from the first activity day"; a walk is an activity, not load.
    walk = activity(date(2024, 5, 18), 5, sport=Sport.WALKING)
    run = activity(date(2024, 5, 19), 8)
    series = daily_series([run, walk], as_of=AS_OF, tz=UTC_ZONE)
    assert series.first_day == date(2024, 5, 18)
    assert series.first_counted_day == date(2024, 5, 19)
    assert series.load.tolist() == [0.0, 8.0]


def test_it_is_all_rest_days_with_only_walks() -> None:
    walk = activity(date(2024, 5, 18), 5, sport=Sport.WALKING)
    series = daily_series([walk], as_of=AS_OF, tz=UTC_ZONE)
    assert series.first_day == date(2024, 5, 18)
    assert series.first_counted_day is None
    assert series.load.tolist() == [0.0, 0.0]
    assert series.activities == ()


def test_it_is_empty_without_any_activity() -> None:
    series = daily_series([], as_of=AS_OF, tz=UTC_ZONE)
    assert series.first_day is None
    assert len(series.load) == 0
    assert series.days() == []


@pytest.mark.parametrize(
    ("sport", "counted"),
    [
        (Sport.RUNNING, True),
        (Sport.TRAIL_RUNNING, True),
        (Sport.TREADMILL_RUNNING, True),
        (Sport.WALKING, False),
        (Sport.HIKING, False),
        (Sport.CYCLING, False),
        (Sport.SWIMMING, False),
        (Sport.OTHER, False),
    ],
)
def test_it_counts_only_running_by_default(sport: Sport, counted: bool) -> None:
    runs = [activity(date(2024, 5, 18), 5), activity(AS_OF, 3, sport=sport)]
    series = daily_series(runs, as_of=AS_OF, tz=UTC_ZONE)
    assert series.load.tolist() == [5.0, 3.0 if counted else 0.0]


def test_it_counts_walks_when_asked() -> None:
    walk = activity(AS_OF, 3, sport=Sport.WALKING)
    series = daily_series(
        [walk], as_of=AS_OF, tz=UTC_ZONE, sports=frozenset({Sport.RUNNING, Sport.WALKING})
    )
    assert series.load.tolist() == [3.0]


def test_it_has_the_four_measures_in_its_registry() -> None:
    assert set(MEASURES) == {"distance_km", "duration_min", "trimp", "srpe"}
    assert all(name == m.name for name, m in MEASURES.items())


def test_it_names_the_choices_for_an_unknown_measure() -> None:
    with pytest.raises(ValueError, match="distance_km, duration_min, srpe, trimp"):
        get_measure("pace")


@pytest.mark.parametrize(
    ("moving_s", "duration_s", "minutes"),
    [
        (3000.0, 3600.0, 50.0),
        (None, 3600.0, 60.0),
        (0.0, 1800.0, 30.0),
        (0.5, 0.4, None),
        (None, None, None),
    ],
)
def test_it_measures_duration_as_moving_time_else_elapsed(
    moving_s: float | None, duration_s: float | None, minutes: float | None
) -> None:
    run = activity(AS_OF, 10, moving_s=moving_s, duration_s=duration_s)
    assert get_measure("duration_min").of(run, MeasureInputs()) == minutes


@pytest.mark.parametrize(
    ("avg_hr", "b", "expected"),
    [
        # 60 min at HRr 0.5: 60 x 0.5 x 0.64 x e^(0.96) = 50.13...
        (125.0, 1.92, 60 * 0.5 * 0.64 * math.exp(1.92 * 0.5)),
        (125.0, 1.67, 60 * 0.5 * 0.64 * math.exp(1.67 * 0.5)),
        (190.0, 1.92, 60 * 1.0 * 0.64 * math.exp(1.92)),
        (200.0, 1.92, 60 * 1.0 * 0.64 * math.exp(1.92)),  # above max: clamped to HRr 1
        (40.0, 1.92, 0.0),  # below resting: clamped to HRr 0
    ],
)
def test_it_computes_banister_trimp(avg_hr: float, b: float, expected: float) -> None:
    profile = HeartRateProfile(resting_hr_bpm=60, max_hr_bpm=190, trimp_b=b)
    run = activity(AS_OF, 10, duration_s=3600.0, hr=avg_hr)
    value = get_measure("trimp").of(run, MeasureInputs(hr=profile))
    assert value == pytest.approx(expected)


def test_it_leaves_trimp_unmeasured_without_heart_rate_or_profile() -> None:
    profile = HeartRateProfile(60, 190)
    assert get_measure("trimp").of(activity(AS_OF, hr=None), MeasureInputs(hr=profile)) is None
    assert get_measure("trimp").of(activity(AS_OF, hr=150), MeasureInputs()) is None


def test_it_rejects_a_heart_rate_profile_upside_down() -> None:
    with pytest.raises(ValueError, match="resting"):
        HeartRateProfile(resting_hr_bpm=190, max_hr_bpm=60)


def test_it_computes_session_rpe_from_the_mapping() -> None:
    rated, unrated = activity(AS_OF, hour=6), activity(AS_OF, hour=18)
    inputs = MeasureInputs(rpe={rated: 7.0})
    assert get_measure("srpe").of(rated, inputs) == 7.0 * 60.0
    assert get_measure("srpe").of(unrated, inputs) is None
    with pytest.raises(ValueError, match="0-10"):
        get_measure("srpe").of(rated, MeasureInputs(rpe={rated: 11.0}))


def test_it_lists_unmeasured_activities_and_counts_them_as_zero() -> None:
    no_distance = activity(AS_OF, None, sport=Sport.TREADMILL_RUNNING)
    zero_distance = activity(AS_OF, 0.0, hour=9)
    series = daily_series(
        [activity(date(2024, 5, 18), 5), no_distance, zero_distance], as_of=AS_OF, tz=UTC_ZONE
    )
    assert series.load.tolist() == [5.0, 0.0]
    assert series.unmeasured == (no_distance, zero_distance)


def test_it_keeps_the_series_read_only() -> None:
    series = daily_series([activity(AS_OF)], as_of=AS_OF, tz=UTC_ZONE)
    with pytest.raises(ValueError, match="read-only"):
        series.load[0] = 1.0


runs_strategy = st.lists(
    st.tuples(
        st.integers(0, 60),  # day offset from the start
        st.integers(0, 23),  # UTC hour
        st.sampled_from([-5 * 3600, 0, 2 * 3600, 10 * 3600, None]),
        st.floats(0.5, 42.0),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=80, deadline=None)
@given(runs_strategy)
def test_it_matches_a_per_activity_dictionary_reference(
    runs: list[tuple[int, int, int | None, float]],
) -> None:
    zone = ZoneInfo("Asia/Kolkata")  # UTC+5:30, so hours shift days both ways with offsets
    start = datetime(2024, 1, 1, tzinfo=UTC)
    activities = [
        Activity(
            start=start + timedelta(days=d, hours=h),
            sport=Sport.RUNNING,
            source=str(i),
            kind="fit",
            utc_offset_s=offset,
            distance_m=km * 1000,
        )
        for i, (d, h, offset, km) in enumerate(runs)
    ]
    as_of = date(2024, 2, 15)
    # Reference: the plainest possible reading of the convention.
    totals: dict[date, float] = defaultdict(float)
    for a in activities:
        if a.utc_offset_s is not None:
            day = (a.start.replace(tzinfo=None) + timedelta(seconds=a.utc_offset_s)).date()
        else:
            day = a.start.astimezone(zone).date()
        if day <= as_of:
            totals[day] += (a.distance_m or 0) / 1000
    series = daily_series(activities, as_of=as_of, tz=zone)
    if not totals:
        assert series.first_day is None
        return
    assert series.first_day == min(totals)
    for i, day in enumerate(series.days()):
        assert series.load[i] == pytest.approx(totals.get(day, 0.0), abs=1e-9)
