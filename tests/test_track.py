"""The shared track summary: haversine distance, jitter, glitches, segments, ascent."""

from __future__ import annotations

import math
import random
from datetime import timedelta

import pytest

from runcare.activities.track import (
    EARTH_RADIUS_M,
    MAX_CLIMB_M_S,
    TrackPoint,
    haversine_m,
    summarise,
)
from tests.builders import M_PER_DEG_LAT, START


def at(
    north_m: float, seconds: float | None, *, east_m: float = 0.0, alt_m: float | None = None
) -> TrackPoint:
    """A point ``north_m``/``east_m`` from 46 N 14.5 E, ``seconds`` after START."""
    return TrackPoint(
        time=START + timedelta(seconds=seconds) if seconds is not None else None,
        lat_deg=46.0 + north_m / M_PER_DEG_LAT,
        lon_deg=14.5 + east_m / (M_PER_DEG_LAT * math.cos(math.radians(46.0))),
        alt_m=alt_m,
    )


def jog(
    from_m: float, to_m: float, start_s: float = 0.0, *, east_m: float = 0.0
) -> list[TrackPoint]:
    """Northward at 2.5 m/s, a point every 10 m."""
    steps = round((to_m - from_m) / 10)
    return [at(from_m + 10 * i, start_s + 4 * i, east_m=east_m) for i in range(steps + 1)]


@pytest.mark.parametrize(
    ("a", "b", "expected_m"),
    [
        # One degree along a meridian is R * pi / 180 on the mean-radius sphere.
        ((0.0, 0.0), (1.0, 0.0), EARTH_RADIUS_M * math.pi / 180),
        # ... and so is one degree along the equator.
        ((0.0, 10.0), (0.0, 11.0), EARTH_RADIUS_M * math.pi / 180),
        # Pole to equator is a quarter of a great circle.
        ((90.0, 0.0), (0.0, 45.0), EARTH_RADIUS_M * math.pi / 2),
        # Antipodes: half a great circle (asin clamped at 1).
        ((0.0, 0.0), (0.0, 180.0), EARTH_RADIUS_M * math.pi),
        ((46.0, 14.5), (46.0, 14.5), 0.0),
    ],
)
def test_it_measures_great_circle_distance(
    a: tuple[float, float], b: tuple[float, float], expected_m: float
) -> None:
    assert haversine_m(*a, *b) == pytest.approx(expected_m, rel=1e-9, abs=1e-6)
    assert haversine_m(*b, *a) == pytest.approx(expected_m, rel=1e-9, abs=1e-6)


def test_it_sums_a_straight_line_exactly() -> None:
    summary = summarise([jog(0, 1000)])
    assert summary.distance_m == pytest.approx(1000.0, abs=0.01)
    assert summary.moving_s == 400.0
    assert summary.duration_s == 400.0
    assert summary.start == START


def test_it_adds_nothing_for_jitter_while_standing_still() -> None:
    # Within 0.7 m of the spot each way, no two fixes are JITTER_M (2 m) apart, yet
    # consecutive fixes often move over 0.5 m in a second, the moving-speed threshold.
    rng = random.Random(7)
    wander = [
        at(rng.uniform(-0.7, 0.7), second, east_m=rng.uniform(-0.7, 0.7)) for second in range(600)
    ]
    summary = summarise([wander])
    assert summary.distance_m == 0.0
    assert summary.moving_s == 0.0
    assert summary.duration_s == 599.0


def test_it_never_bridges_a_segment_break() -> None:
    summary = summarise([jog(0, 1000), jog(0, 1000, 1000, east_m=5000)])
    assert summary.distance_m == pytest.approx(2000.0, abs=0.01)
    # The 600 s between the segments is a pause, not moving time.
    assert summary.moving_s == 800.0


def test_it_drops_a_glitch() -> None:
    points = jog(0, 500)
    # One fix 2 km off to the east, one second after its neighbour: 2,000 m/s.
    points.insert(26, at(250, 101, east_m=2000))
    summary = summarise([points])
    assert summary.distance_m == pytest.approx(500.0, abs=0.01)


def test_it_does_not_judge_speed_when_times_do_not_advance() -> None:
    # Some writers stamp every point with one time; the distance must still count.
    points = [at(10 * i, 0) for i in range(101)]
    assert summarise([points]).distance_m == pytest.approx(1000.0, abs=0.01)


def test_it_keeps_points_without_time_for_distance() -> None:
    points = [at(10 * i, None) for i in range(101)]
    summary = summarise([points])
    assert summary.distance_m == pytest.approx(1000.0, abs=0.01)
    assert summary.start is None
    assert summary.moving_s is None


def test_it_counts_no_moving_time_across_a_long_gap() -> None:
    points = [*jog(0, 100), *jog(100, 200, 300)]
    # 40 s + 40 s of jogging; the 260 s gap in between is over PAUSE_GAP_S.
    assert summarise([points]).moving_s == 80.0


@pytest.mark.parametrize(
    ("alts", "expected_m"),
    [
        ([300, 301, 300, 302, 300, 301, 299, 300], 0.0),  # noise under the hysteresis
        ([300, 303, 306, 309, 312], 12.0),  # steady climb
        # Small steps count once 3 m are reached: +4, +4, and the last 2 m not yet.
        ([300, 302, 304, 306, 308, 310], 8.0),
        ([300, 310, 300, 310], 20.0),  # two real climbs
        ([300, 301, 302], 0.0),  # a climb still under 3 m is not counted yet
    ],
)
def test_it_adds_up_ascent_with_hysteresis(alts: list[float], expected_m: float) -> None:
    points = [at(10 * i, 10 * i, alt_m=alt) for i, alt in enumerate(alts)]
    assert summarise([points]).ascent_m == pytest.approx(expected_m)


def test_it_ignores_a_barometer_settling_after_switch_on() -> None:
    # 1,000 m "climbed" in 8 s, then a real 20 m climb at a walking 0.5 m/s.
    settling = [1258, 1913, 2032, 2145, 2201, 2229, 2243, 2251, 2258]
    climb = [2258 + 2 * i for i in range(1, 11)]
    points = [at(i, i, alt_m=alt) for i, alt in enumerate(settling)]
    points += [at(10 + i, 8 + 4 * (i + 1), alt_m=alt) for i, alt in enumerate(climb)]
    assert summarise([points]).ascent_m == pytest.approx(20.0)


def test_it_counts_a_fast_but_human_climb() -> None:
    rate_m_s = MAX_CLIMB_M_S / 2
    points = [at(i, i, alt_m=100 + rate_m_s * i) for i in range(11)]
    assert summarise([points]).ascent_m == pytest.approx(10 * rate_m_s)


def test_it_gives_none_for_what_the_points_do_not_hold() -> None:
    summary = summarise([[TrackPoint(time=START), TrackPoint(time=START + timedelta(seconds=5))]])
    assert summary.distance_m is None
    assert summary.ascent_m is None
    assert summary.avg_hr_bpm is None
    assert not summary.has_track
