"""Write a demo track as Garmin Training Center XML (TCX) v2: one activity, auto-laps.

Element order follows the TCX v2 schema, which is a sequence: a lap is TotalTimeSeconds,
DistanceMeters, MaximumSpeed, Calories, AverageHeartRateBpm, MaximumHeartRateBpm,
Intensity, TriggerMethod, Track; a trackpoint is Time, Position, AltitudeMeters,
DistanceMeters, HeartRateBpm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from lxml import etree

from runcare.demo.gpx_write import gpx_time
from runcare.demo.history import TrackSample

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# lxml takes None as the default namespace's prefix; its stubs only allow str keys.
NSMAP = {None: TCX_NS, "xsi": XSI_NS}
SCHEMA_LOCATION = f"{TCX_NS} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
TCX_SPORTS = frozenset({"Running", "Biking", "Other"})


@dataclass(frozen=True, slots=True)
class Lap:
    """A slice of the samples; consecutive laps share their boundary sample."""

    samples: tuple[TrackSample, ...]
    is_last: bool

    @property
    def distance_m(self) -> float:
        return self.samples[-1].distance_m - self.samples[0].distance_m

    @property
    def timer_s(self) -> float:
        """Time in motion: an interval in which no distance was covered is a pause."""
        total = 0.0
        for a, b in pairwise(self.samples):
            if b.distance_m > a.distance_m:
                total += (b.time - a.time).total_seconds()
        return total

    @property
    def max_speed_m_s(self) -> float:
        speeds = [
            (b.distance_m - a.distance_m) / (b.time - a.time).total_seconds()
            for a, b in pairwise(self.samples)
            if b.time > a.time
        ]
        return max(speeds, default=0.0)


def split_laps(samples: Sequence[TrackSample], lap_distance_m: float) -> list[Lap]:
    """Auto-laps every ``lap_distance_m`` metres, as a watch's auto-lap setting makes them."""
    bounds = [0]
    next_mark_m = lap_distance_m
    for index, sample in enumerate(samples):
        if sample.distance_m >= next_mark_m and index < len(samples) - 1:
            bounds.append(index)
            next_mark_m += lap_distance_m
    bounds.append(len(samples) - 1)
    return [
        Lap(tuple(samples[start : stop + 1]), is_last=stop == len(samples) - 1)
        for start, stop in pairwise(bounds)
        if stop > start
    ]


def tcx_bytes(
    samples: Sequence[TrackSample],
    *,
    sport: str,
    lap_distance_m: float = 1000.0,
    kcal_per_km: float = 60.0,
) -> bytes:
    """A TCX v2 document of one activity. ``sport`` is a TCX sport: Running, Biking, Other.

    ``kcal_per_km`` is a rough energy estimate for the laps' required Calories element.
    """
    if sport not in TCX_SPORTS:
        raise ValueError(f"TCX knows the sports {sorted(TCX_SPORTS)}, not {sport!r}")
    if len(samples) < 2:
        raise ValueError("a TCX activity needs at least two points")
    root = etree.Element(f"{{{TCX_NS}}}TrainingCenterDatabase", nsmap=NSMAP)  # type: ignore[arg-type]
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    activity = _child(_child(root, "Activities"), "Activity")
    activity.set("Sport", sport)
    _child(activity, "Id", gpx_time(samples[0].time))
    for lap in split_laps(samples, lap_distance_m):
        _add_lap(activity, lap, kcal_per_km)
    # Unindented: indentation would add about a third to the size of the demo folder.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)


def _add_lap(activity: etree._Element, lap: Lap, kcal_per_km: float) -> None:
    element = _child(activity, "Lap")
    element.set("StartTime", gpx_time(lap.samples[0].time))
    _child(element, "TotalTimeSeconds", f"{lap.timer_s:.1f}")
    _child(element, "DistanceMeters", f"{lap.distance_m:.1f}")
    _child(element, "MaximumSpeed", f"{lap.max_speed_m_s:.3f}")
    _child(element, "Calories", str(round(lap.distance_m / 1000.0 * kcal_per_km)))
    hrs = [s.hr_bpm for s in lap.samples]
    _value(_child(element, "AverageHeartRateBpm"), round(sum(hrs) / len(hrs)))
    _value(_child(element, "MaximumHeartRateBpm"), max(hrs))
    _child(element, "Intensity", "Active")
    _child(element, "TriggerMethod", "Manual" if lap.is_last else "Distance")
    track = _child(element, "Track")
    # The boundary sample opens the next lap; only the last lap keeps its final sample.
    points = lap.samples if lap.is_last else lap.samples[:-1]
    for sample in points:
        _add_trackpoint(track, sample)


def _add_trackpoint(track: etree._Element, sample: TrackSample) -> None:
    point = _child(track, "Trackpoint")
    _child(point, "Time", gpx_time(sample.time))
    position = _child(point, "Position")
    _child(position, "LatitudeDegrees", f"{sample.lat_deg:.7f}")
    _child(position, "LongitudeDegrees", f"{sample.lon_deg:.7f}")
    _child(point, "AltitudeMeters", f"{sample.alt_m:.1f}")
    _child(point, "DistanceMeters", f"{sample.distance_m:.1f}")
    _value(_child(point, "HeartRateBpm"), sample.hr_bpm)


def _value(parent: etree._Element, bpm: int) -> None:
    _child(parent, "Value", str(bpm))


def _child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TCX_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element
