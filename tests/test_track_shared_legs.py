"""The track summary computes each leg once for distance and moving time; the answer is
exactly that of the plain walk that computed every leg where it was needed.

``plain_*`` below is that walk, kept as the reference: the rules are in
``runcare.activities.track``'s docstring, and the fast version must not move any figure by
even the last bit of a float.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from runcare.activities.track import (
    ASCENT_HYSTERESIS_M,
    GLITCH_SPEED_M_S,
    JITTER_M,
    MAX_CLIMB_M_S,
    MOVING_SPEED_M_S,
    PAUSE_GAP_S,
    TIME_RESOLUTION_S,
    TrackPoint,
    haversine_m,
    summarise,
)
from tests.builders import M_PER_DEG_LAT, START


def plain_distance_m(segments: Sequence[Sequence[TrackPoint]]) -> float | None:
    values = [p.distance_m for s in segments for p in s if p.distance_m is not None]
    if values:
        return max(values) - min(values) if len(values) > 1 else values[0]
    total = 0.0
    seen_position = False
    for segment in segments:
        positioned = [p for p in segment if p.lat_deg is not None and p.lon_deg is not None]
        seen_position = seen_position or bool(positioned)
        total += sum(plain_legs_m(positioned))
    return total if seen_position else None


def plain_legs_m(points: Sequence[TrackPoint]) -> Iterable[float]:
    if not points:
        return
    anchor = points[0]
    for point in points[1:]:
        leg = haversine_m(anchor.lat_deg, anchor.lon_deg, point.lat_deg, point.lon_deg)  # type: ignore[arg-type]
        if leg < JITTER_M:
            continue
        if anchor.time is not None and point.time is not None:
            dt = (point.time - anchor.time).total_seconds()
            if dt > 0 and leg / max(dt, TIME_RESOLUTION_S) > GLITCH_SPEED_M_S:
                continue
        yield leg
        anchor = point


def plain_moving_s(segments: Sequence[Sequence[TrackPoint]]) -> float | None:
    total = 0.0
    any_interval = False
    for segment in segments:
        timed = [p for p in segment if p.time is not None]
        if not timed:
            continue
        anchor = timed[0]
        for point in timed[1:]:
            dt = (point.time - anchor.time).total_seconds()  # type: ignore[operator]
            if dt <= 0:
                continue
            any_interval = True
            covered = plain_leg_m(anchor, point)
            if covered is not None and covered < JITTER_M and dt <= PAUSE_GAP_S:
                continue
            if dt <= PAUSE_GAP_S and (covered is None or covered / dt >= MOVING_SPEED_M_S):
                total += dt
            anchor = point
    return total if any_interval else None


def plain_ascent_m(segments: Sequence[Sequence[TrackPoint]]) -> float | None:
    points = [p for s in segments for p in s if p.alt_m is not None]
    if len(points) < 2:
        return None
    ascent = 0.0
    reference: float = points[0].alt_m  # type: ignore[assignment]
    for previous, point in itertools.pairwise(points):
        alt: float = point.alt_m  # type: ignore[assignment]
        jump = False
        if previous.time is not None and point.time is not None:
            dt = (point.time - previous.time).total_seconds()
            rise = alt - previous.alt_m  # type: ignore[operator]
            jump = dt > 0 and rise / max(dt, TIME_RESOLUTION_S) > MAX_CLIMB_M_S
        if jump:
            reference += alt - previous.alt_m  # type: ignore[operator]
            continue
        if alt >= reference + ASCENT_HYSTERESIS_M:
            ascent += alt - reference
            reference = alt
        elif alt <= reference - ASCENT_HYSTERESIS_M:
            reference = alt
    return ascent


def plain_leg_m(a: TrackPoint, b: TrackPoint) -> float | None:
    if a.distance_m is not None and b.distance_m is not None:
        return max(0.0, b.distance_m - a.distance_m)
    if None not in (a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg):
        return haversine_m(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg)  # type: ignore[arg-type]
    return None


# Steps of a few metres and seconds, so that jitter, glitches, pauses and standing still
# all happen; sometimes a field is missing, as in real files.
step = st.tuples(
    st.floats(-30.0, 30.0),  # metres north
    st.floats(-30.0, 30.0),  # metres east
    st.sampled_from([0, 0, 1, 1, 1, 2, 5, 5, 10, 61, -3]),  # seconds
    st.booleans() | st.just(True),  # has a position
    st.booleans() | st.just(True),  # has a time
    st.none() | st.floats(-5.0, 40.0),  # device distance step
)


def track(steps: list[tuple[float, float, int, bool, bool, float | None]]) -> list[TrackPoint]:
    points = []
    north = east = seconds = 0.0
    device: float | None = 0.0
    for dn, de, ds, positioned, timed, dd in steps:
        north, east, seconds = north + dn, east + de, seconds + ds
        # Altitude wanders with the steps: climbs, noise and jumps of many metres a second.
        alt_m = None if dd is not None and dd < 0 else 100.0 + dn + de * 0.3
        device = None if dd is None else (device or 0.0) + dd
        points.append(
            TrackPoint(
                time=START + timedelta(seconds=seconds) if timed else None,
                lat_deg=46.0 + north / M_PER_DEG_LAT if positioned else None,
                lon_deg=14.5 + east / M_PER_DEG_LAT if positioned else None,
                alt_m=alt_m,
                distance_m=device,
            )
        )
    return points


segments = st.lists(st.lists(step, max_size=40).map(track), max_size=3)
without_device = st.lists(
    st.lists(step.map(lambda s: (*s[:5], None)), max_size=40).map(track), max_size=3
)

# A GPX track: every point has a position and a time, no device distance; small steps, so
# that the anchor often stays behind (jitter) and the legs from it are not the steps.
gpx_like = st.lists(
    st.lists(
        st.tuples(
            st.floats(-4.0, 4.0) | st.floats(-300.0, 300.0),
            st.floats(-4.0, 4.0),
            st.sampled_from([0, 1, 1, 5, 61]),
            st.just(True),
            st.just(True),
            st.none(),
        ),
        max_size=40,
    ).map(track),
    max_size=2,
)


@given(st.one_of(segments, without_device, gpx_like))
def test_it_gives_exactly_the_plain_walks_distance_moving_time_and_ascent(
    found: list[list[TrackPoint]],
) -> None:
    summary = summarise(found)
    assert summary.distance_m == plain_distance_m(found)
    assert summary.moving_s == plain_moving_s(found)
    assert summary.ascent_m == plain_ascent_m(found)
