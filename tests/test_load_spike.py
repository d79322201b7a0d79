"""The single-run spike (Frandsen et al. 2025): bands, baseline window, own-day exclusion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport
from runcare.load.series import daily_series
from runcare.load.spike import BAND_EVIDENCE, RunSpike, SpikeBand, run_spikes, spike_band

UTC_ZONE = ZoneInfo("UTC")
DAY0 = date(2024, 4, 1)
BAND_ORDER = [SpikeBand.NONE, SpikeBand.SMALL, SpikeBand.MODERATE, SpikeBand.LARGE]


def run(day: date, km: float | None, hour: int = 7) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        sport=Sport.RUNNING,
        source=f"{day}-{hour}",
        kind="fit",
        utc_offset_s=0,
        distance_m=None if km is None else km * 1000.0,
    )


def spikes(runs: list[Activity], as_of: date) -> tuple[RunSpike, ...]:
    return run_spikes(daily_series(runs, as_of=as_of, tz=UTC_ZONE))


def last_spike(baseline_km: float, today_km: float, gap_days: int = 10) -> RunSpike:
    today = DAY0 + timedelta(days=gap_days)
    return spikes([run(DAY0, baseline_km), run(today, today_km)], today)[-1]


# EVIDENCE 1.4: longest run in previous 30 days 10 km; today 10.5 / 12 / 15 / 21 km.
@pytest.mark.parametrize(
    ("today_km", "pct", "band"),
    [
        (10.5, 5.0, SpikeBand.NONE),
        (12.0, 20.0, SpikeBand.SMALL),
        (15.0, 50.0, SpikeBand.MODERATE),
        (21.0, 110.0, SpikeBand.LARGE),
    ],
)
def test_it_reproduces_the_worked_bands(today_km: float, pct: float, band: SpikeBand) -> None:
    result = last_spike(10.0, today_km)
    assert result.longest_prev_30d_m == 10_000.0
    assert result.spike_pct == pytest.approx(pct)
    assert result.band is band


@pytest.mark.parametrize(
    ("baseline_km", "today_km", "band"),
    [
        # Boundaries belong to the lower band: "more than 10 %" etc. 11/10 is 10.000...01 %
        # in floating point and must still read as exactly 10 %.
        (10.0, 11.0, SpikeBand.NONE),
        (10.0, 11.01, SpikeBand.SMALL),
        (10.0, 13.0, SpikeBand.SMALL),
        (10.0, 13.01, SpikeBand.MODERATE),
        (10.0, 20.0, SpikeBand.MODERATE),
        (10.0, 20.01, SpikeBand.LARGE),
        (7.0, 7.7, SpikeBand.NONE),
        (3.0, 6.0, SpikeBand.MODERATE),
        (10.0, 5.0, SpikeBand.NONE),  # a regression is the reference group
        (10.0, 10.0, SpikeBand.NONE),
    ],
)
def test_it_puts_boundaries_in_the_lower_band(
    baseline_km: float, today_km: float, band: SpikeBand
) -> None:
    assert last_spike(baseline_km, today_km).band is band


@pytest.mark.parametrize(
    ("band", "hr", "low", "high"),
    [
        (SpikeBand.SMALL, 1.64, 1.31, 2.05),
        (SpikeBand.MODERATE, 1.52, 1.16, 2.00),
        (SpikeBand.LARGE, 2.28, 1.50, 3.48),
    ],
)
def test_it_carries_the_published_hazard_ratios(
    band: SpikeBand, hr: float, low: float, high: float
) -> None:
    evidence = BAND_EVIDENCE[band]
    assert (evidence.hazard_ratio, evidence.ci_low, evidence.ci_high) == (hr, low, high)


def test_it_gives_the_first_run_no_baseline() -> None:
    first = spikes([run(DAY0, 10)], DAY0)[0]
    assert first.band is SpikeBand.NO_BASELINE
    assert first.longest_prev_30d_m is None
    assert first.spike_pct is None
    assert not first.is_spike


@pytest.mark.parametrize(("gap_days", "has_baseline"), [(1, True), (30, True), (31, False)])
def test_it_looks_back_exactly_30_calendar_days(gap_days: int, has_baseline: bool) -> None:
    result = last_spike(10.0, 12.0, gap_days=gap_days)
    assert (result.band is SpikeBand.SMALL) is has_baseline
    assert (result.band is SpikeBand.NO_BASELINE) is not has_baseline


def test_it_excludes_a_run_on_the_same_local_day_from_its_own_baseline() -> None:
    runs = [
        run(DAY0, 10),
        run(DAY0 + timedelta(days=5), 5, 6),
        run(DAY0 + timedelta(days=5), 15, 18),
    ]
    morning, evening = spikes(runs, DAY0 + timedelta(days=5))[1:]
    # The morning 5 km does not lower the bar for the evening, nor the evening raise it.
    assert morning.longest_prev_30d_m == evening.longest_prev_30d_m == 10_000.0
    assert evening.band is SpikeBand.MODERATE
    assert morning.band is SpikeBand.NONE


def test_it_excludes_a_same_day_longest_run_that_is_earlier_in_utc() -> None:
    # Both on 10 April local time (UTC+2), though the first started on 9 April in UTC.
    day = DAY0 + timedelta(days=9)
    early = Activity(
        start=datetime(2024, 4, 9, 22, 30, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="early",
        kind="fit",
        utc_offset_s=7200,
        distance_m=20_000.0,
    )
    late = run(day, 12, hour=16)
    result = spikes([run(DAY0, 10), early, late], day)
    assert result[-1].longest_prev_30d_m == 10_000.0
    assert result[-1].band is SpikeBand.SMALL


def test_it_marks_a_run_without_distance_and_skips_it_as_a_baseline() -> None:
    runs = [run(DAY0, 5), run(DAY0 + timedelta(days=1), None), run(DAY0 + timedelta(days=2), 6)]
    result = spikes(runs, DAY0 + timedelta(days=2))
    assert result[1].band is SpikeBand.NO_DISTANCE
    assert result[1].distance_m is None
    assert result[2].longest_prev_30d_m == 5000.0


def test_it_returns_nothing_for_an_empty_series() -> None:
    assert spikes([], DAY0) == ()


# --- reference implementation and properties -------------------------------------------


def reference_baselines(runs: list[tuple[int, float]]) -> list[float | None]:
    """For each (day, km) run, the longest km on days day-30 .. day-1, by brute force."""
    out = []
    for day, _ in runs:
        earlier = [km for d, km in runs if day - 30 <= d <= day - 1]
        out.append(max(earlier) if earlier else None)
    return out


history = st.lists(
    st.tuples(st.integers(0, 120), st.floats(0.5, 60.0)), min_size=1, max_size=40
).map(lambda rs: sorted(rs, key=lambda r: r[0]))


def as_activities(runs: list[tuple[int, float]], scale: float = 1.0) -> list[Activity]:
    return [
        Activity(
            start=datetime(2024, 1, 1, 6, tzinfo=UTC) + timedelta(days=d, seconds=i),
            sport=Sport.RUNNING,
            source=str(i),
            kind="fit",
            utc_offset_s=0,
            distance_m=km * 1000.0 * scale,
        )
        for i, (d, km) in enumerate(runs)
    ]


@settings(max_examples=100, deadline=None)
@given(history)
def test_it_matches_a_brute_force_reference(runs: list[tuple[int, float]]) -> None:
    result = run_spikes(daily_series(as_activities(runs), as_of=date(2024, 5, 1), tz=UTC_ZONE))
    for spike, expected, (_, km) in zip(result, reference_baselines(runs), runs, strict=True):
        if expected is None:
            assert spike.longest_prev_30d_m is None
            assert spike.spike_pct is None
        else:
            assert spike.longest_prev_30d_m == pytest.approx(expected * 1000, rel=1e-12)
            assert spike.spike_pct == pytest.approx(100 * (km / expected - 1), abs=1e-6)


@given(st.floats(0.0, 1000.0), st.floats(0.0, 1000.0))
def test_it_only_raises_the_band_as_the_distance_grows(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert BAND_ORDER.index(spike_band(low)) <= BAND_ORDER.index(spike_band(high))


@settings(max_examples=60, deadline=None)
@given(history, st.floats(0.01, 100.0))
def test_it_is_unchanged_by_scaling_every_distance(runs: list[tuple[int, float]], k: float) -> None:
    as_of = date(2024, 5, 1)
    plain = run_spikes(daily_series(as_activities(runs), as_of=as_of, tz=UTC_ZONE))
    scaled = run_spikes(daily_series(as_activities(runs, k), as_of=as_of, tz=UTC_ZONE))
    for a, b in zip(plain, scaled, strict=True):
        assert (a.spike_pct is None) == (b.spike_pct is None)
        if a.spike_pct is not None and b.spike_pct is not None:
            assert b.spike_pct == pytest.approx(a.spike_pct, abs=1e-6)
            # Away from a boundary the band cannot move; right at one, rounding may tip it.
            if all(abs(a.spike_pct - edge) > 1e-6 for edge in (10.0, 30.0, 100.0)):
                assert a.band is b.band
