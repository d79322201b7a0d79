"""Summaries computed from a track of points, shared by every reader that has no device totals.

Distance method (see docs/importing.md): great-circle (haversine) distance on a sphere of
the IUGG mean Earth radius, 6,371,008.8 m, summed within each track segment and never
across a segment break. Two guards keep GPS noise out of the total:

* jitter: a point closer than ``JITTER_M`` to the last counted point is not counted yet, so
  a watch lying still does not creep up distance while its fix wanders;
* glitches: a hop implying more than ``GLITCH_SPEED_M_S`` is dropped as a bad fix (time
  steps shorter than ``TIME_RESOLUTION_S`` are taken as that long, and a track whose times
  do not advance is not judged by speed at all).

Moving time counts the intervals between timed points that are no longer than
``PAUSE_GAP_S`` and where the runner covered ground at ``MOVING_SPEED_M_S`` or faster;
like distance, ground is measured from the last point at least ``JITTER_M`` away, so a
fix wandering at a standstill is not mistaken for movement.

Ascent adds up climbs of at least ``ASCENT_HYSTERESIS_M``; a rise faster than
``MAX_CLIMB_M_S`` between two timed points is a sensor jump and is not counted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

EARTH_RADIUS_M = 6_371_008.8
_EARTH_DIAMETER_M = 2 * EARTH_RADIUS_M
_RAD_PER_DEG = math.pi / 180
JITTER_M = 2.0
GLITCH_SPEED_M_S = 60.0
TIME_RESOLUTION_S = 1.0
PAUSE_GAP_S = 60.0
MOVING_SPEED_M_S = 0.5
# Elevation changes smaller than this are treated as noise when adding up ascent.
ASCENT_HYSTERESIS_M = 3.0
# No one on foot or on a bike climbs 5 m a second (a vertical-kilometre record is about
# 0.6 m/s); a faster rise is a barometer settling after switch-on or a bad altitude fix.
MAX_CLIMB_M_S = 5.0
_JUMP_MIN_M = MAX_CLIMB_M_S * TIME_RESOLUTION_S


class TrackPoint(NamedTuple):
    """One sample. Any field may be ``None`` when the file did not record it.

    ``distance_m`` is the device's own cumulative distance (FIT records, TCX
    DistanceMeters); when present it beats distances computed from positions.
    """

    # A NamedTuple rather than a frozen dataclass: readers build one per point, and a tuple
    # is several times cheaper to create.

    time: datetime | None = None
    lat_deg: float | None = None
    lon_deg: float | None = None
    alt_m: float | None = None
    hr_bpm: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class TrackSummary:
    start: datetime | None
    duration_s: float | None
    moving_s: float | None
    distance_m: float | None
    ascent_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    has_track: bool


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    # Written for speed (it runs for every leg of every track): no ** or min() calls.
    phi1, phi2 = lat1 * _RAD_PER_DEG, lat2 * _RAD_PER_DEG
    half_dphi = math.sin((phi2 - phi1) * 0.5)
    half_dlmb = math.sin((lon2 - lon1) * (_RAD_PER_DEG * 0.5))
    h = half_dphi * half_dphi + math.cos(phi1) * math.cos(phi2) * half_dlmb * half_dlmb
    # Rounding can push h a hair over 1 for antipodal points, where asin would fail.
    return _EARTH_DIAMETER_M * math.asin(math.sqrt(h) if h < 1.0 else 1.0)


def summarise(segments: Sequence[Sequence[TrackPoint]]) -> TrackSummary:
    """Summarise a track given as segments of points (a break between segments is a pause)."""
    points = [p for segment in segments for p in segment]
    times = [p.time for p in points if p.time is not None]
    start = min(times) if times else None
    duration_s = (max(times) - start).total_seconds() if start is not None else None
    hrs = [p.hr_bpm for p in points if p.hr_bpm is not None and p.hr_bpm > 0]
    prepared = [_Segment(segment) for segment in segments]
    return TrackSummary(
        start=start,
        duration_s=duration_s,
        moving_s=_moving_s(prepared),
        distance_m=_distance_m(segments, prepared),
        ascent_m=_ascent_m(segments),
        avg_hr_bpm=sum(hrs) / len(hrs) if hrs else None,
        max_hr_bpm=max(hrs) if hrs else None,
        has_track=any(p.lat_deg is not None for p in points),
    )


class _Segment:
    """One segment's points with a position, those with a time, and, when every point has
    both and no device distance (a GPX track), the distance from each point to the next.

    Distance and moving time both walk the segment from an anchor that is nearly always the
    point before, so that leg is computed once for both; a leg from an older anchor (after
    jitter or a glitch) is computed when needed.
    """

    __slots__ = ("positioned", "steps_m", "timed")

    def __init__(self, points: Sequence[TrackPoint]) -> None:
        self.positioned = [p for p in points if p.lat_deg is not None and p.lon_deg is not None]
        self.timed = [p for p in points if p.time is not None]
        self.steps_m: list[float] | None = None
        # With the device's own distances (TCX, FIT) positions measure nothing here.
        device = any(p.distance_m is not None for p in points)
        if not device and len(self.positioned) == len(self.timed) == len(points):
            self.steps_m = _steps_m(points)


def _steps_m(points: Sequence[TrackPoint]) -> list[float]:
    """haversine_m from each point to the next, for points that all have a position.

    The same arithmetic as haversine_m, float for float, written out as one loop: a point's
    latitude in radians and its cosine are computed once and serve both legs it ends and
    starts, and no function is called per leg but the sines and square root.
    """
    sin, cos, asin, sqrt = math.sin, math.cos, math.asin, math.sqrt
    rad, half_rad, diameter = _RAD_PER_DEG, _RAD_PER_DEG * 0.5, _EARTH_DIAMETER_M
    steps: list[float] = []
    append = steps.append
    iterator = iter(points)
    first = next(iterator, None)
    if first is None:
        return steps
    lon1: float = first.lon_deg  # type: ignore[assignment]
    phi1 = first.lat_deg * rad  # type: ignore[operator]
    cos1 = cos(phi1)
    for point in iterator:
        lon2: float = point.lon_deg  # type: ignore[assignment]
        phi2 = point.lat_deg * rad  # type: ignore[operator]
        cos2 = cos(phi2)
        half_dphi = sin((phi2 - phi1) * 0.5)
        half_dlmb = sin((lon2 - lon1) * half_rad)
        h = half_dphi * half_dphi + cos1 * cos2 * half_dlmb * half_dlmb
        append(diameter * asin(sqrt(h) if h < 1.0 else 1.0))
        lon1, phi1, cos1 = lon2, phi2, cos2
    return steps


def _device_distance_m(segments: Sequence[Sequence[TrackPoint]]) -> float | None:
    values = [p.distance_m for s in segments for p in s if p.distance_m is not None]
    if not values:
        return None
    return max(values) - min(values) if len(values) > 1 else values[0]


def _distance_m(
    segments: Sequence[Sequence[TrackPoint]], prepared: Sequence[_Segment]
) -> float | None:
    device = _device_distance_m(segments)
    if device is not None:
        return device
    total = 0.0
    seen_position = False
    for segment in prepared:
        seen_position = seen_position or bool(segment.positioned)
        total += sum(_segment_legs_m(segment.positioned, segment.steps_m))
    return total if seen_position else None


def _segment_legs_m(points: Sequence[TrackPoint], steps_m: list[float] | None) -> list[float]:
    """Legs between counted points, skipping jitter and glitches (see module docstring).

    ``steps_m``: the distance from each point to the next, when known. A list rather than a
    generator: resuming a generator for every leg cost more than the legs' arithmetic.
    """
    legs: list[float] = []
    if not points:
        return legs
    append = legs.append
    anchor_index = 0
    anchor = points[0]
    for index in range(1, len(points)):
        point = points[index]
        if steps_m is not None and anchor_index == index - 1:
            leg = steps_m[anchor_index]
        else:
            leg = haversine_m(anchor.lat_deg, anchor.lon_deg, point.lat_deg, point.lon_deg)  # type: ignore[arg-type]
        if leg < JITTER_M:
            continue
        if anchor.time is not None and point.time is not None:
            dt = (point.time - anchor.time).total_seconds()
            # Times are trusted to the second only: many devices round to it and some write
            # one time for a whole track, and a hop "in a microsecond" is a clock artefact.
            # (max(dt, TIME_RESOLUTION_S) written out: the same number without the call.)
            if (
                dt > 0
                and leg / (dt if dt > TIME_RESOLUTION_S else TIME_RESOLUTION_S) > GLITCH_SPEED_M_S
            ):
                continue
        append(leg)
        anchor_index, anchor = index, point
    return legs


def _moving_s(prepared: Sequence[_Segment]) -> float | None:
    total = 0.0
    any_interval = False
    for segment in prepared:
        if segment.timed:
            moving, intervals = _segment_moving_s(segment.timed, segment.steps_m)
            total += moving
            any_interval = any_interval or intervals
    return total if any_interval else None


def _segment_moving_s(
    timed: Sequence[TrackPoint], steps_m: list[float] | None
) -> tuple[float, bool]:
    """Moving seconds of one segment, and whether time advanced in it at all.

    Like distance, movement is measured from an anchor that only moves on once the runner
    is ``JITTER_M`` away (or ``PAUSE_GAP_S`` has passed): a fix wandering by a metre each
    second while the runner waits at a crossing would otherwise read as jogging.
    """
    total = 0.0
    any_interval = False
    anchor_index = 0
    anchor = timed[0]
    for index in range(1, len(timed)):
        point = timed[index]
        dt = (point.time - anchor.time).total_seconds()  # type: ignore[operator]
        if dt <= 0:
            continue
        any_interval = True
        if steps_m is not None and anchor_index == index - 1 and point.distance_m is None:
            covered: float | None = steps_m[anchor_index]
        else:
            covered = _leg_m(anchor, point)
        if covered is not None and covered < JITTER_M and dt <= PAUSE_GAP_S:
            continue
        # No position and no device distance (an indoor file): time with a sample
        # cadence under the pause gap is taken as moving.
        if dt <= PAUSE_GAP_S and (covered is None or covered / dt >= MOVING_SPEED_M_S):
            total += dt
        anchor_index, anchor = index, point
    return total, any_interval


def _leg_m(a: TrackPoint, b: TrackPoint) -> float | None:
    if a.distance_m is not None and b.distance_m is not None:
        return max(0.0, b.distance_m - a.distance_m)
    if None not in (a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg):
        return haversine_m(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg)  # type: ignore[arg-type]
    return None


def _ascent_m(segments: Sequence[Sequence[TrackPoint]]) -> float | None:
    points = [p for s in segments for p in s if p.alt_m is not None]
    if len(points) < 2:
        return None
    ascent = 0.0
    reference: float = points[0].alt_m  # type: ignore[assignment]
    for previous, point in itertools.pairwise(points):
        alt: float = point.alt_m  # type: ignore[assignment]
        rise = alt - previous.alt_m  # type: ignore[operator]
        # A rise of at most MAX_CLIMB_M_S * TIME_RESOLUTION_S is never a jump (the time step
        # counts as at least TIME_RESOLUTION_S): most points skip the look at their times.
        if rise > _JUMP_MIN_M and _is_altitude_jump(previous, point):
            # Move the reference with the jump so that it is never counted as a climb.
            reference += rise
            continue
        # Hysteresis: a change counts only once it reaches ASCENT_HYSTERESIS_M from the
        # last reference, so GPS noise of a few metres does not add up over a long run.
        if alt >= reference + ASCENT_HYSTERESIS_M:
            ascent += alt - reference
            reference = alt
        elif alt <= reference - ASCENT_HYSTERESIS_M:
            reference = alt
    return ascent


def _is_altitude_jump(a: TrackPoint, b: TrackPoint) -> bool:
    """A rise faster than MAX_CLIMB_M_S: a barometer settling or a GPS altitude fix, not legs."""
    if a.time is None or b.time is None:
        return False
    dt = (b.time - a.time).total_seconds()
    rise = b.alt_m - a.alt_m  # type: ignore[operator]
    return dt > 0 and rise / max(dt, TIME_RESOLUTION_S) > MAX_CLIMB_M_S
