"""Reader for Garmin Training Center XML v2 files (kind ``"tcx"``).

One :class:`Activity` per ``<Activity>`` (a multisport session gives several). The
device's lap totals are preferred over anything derived from the track, because the
device measured them with its own sensors and its own pause logic:

* distance: the sum of the laps' ``DistanceMeters``;
* moving time: the sum of the laps' ``TotalTimeSeconds`` (the timer, which stops on pause);
* heart rate: the laps' ``AverageHeartRateBpm`` averaged with each lap's time as its
  weight, and the highest ``MaximumHeartRateBpm``;
* start: the first lap's ``StartTime``, else the activity's ``Id`` (Garmin writes the
  start time there), else the first trackpoint's time.

When the laps leave a value out it comes from the trackpoints through
:func:`track.summarise` (each ``<Track>`` is a segment: Garmin starts a new one after a
pause). Ascent always comes from the trackpoints' ``AltitudeMeters``, since TCX has no
lap total for it. Times follow the same rules as GPX (see :mod:`safexml`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lxml import etree

from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.activities.safexml import TagCodes, XmlTime, local_name, parse, xml_datetime, xml_float
from runcare.activities.track import TrackPoint, TrackSummary, summarise

KIND = "tcx"

# The schema's whole vocabulary for the Sport attribute.
TCX_SPORTS = {"running": Sport.RUNNING, "biking": Sport.CYCLING, "other": Sport.OTHER}

NO_ACTIVITY = "no recorded activity: this TCX holds no <Activity>"
COURSE_ONLY = "no recorded activity: this TCX holds only a course (a planned route)"
NO_LAPS = "the activity has no laps, so it holds nothing to import"
EMPTY_LAPS = "the activity's laps are empty (no time, distance or trackpoints)"
NO_START = "the activity has no readable start time"


def read(data: bytes, source: str) -> list[Activity]:
    """The activities recorded in a TCX file, or UnreadableFileError if there are none.

    An ``<Activity>`` that cannot be read is left out when others in the file can be; when
    none can, the first one's reason is raised.
    """
    root = parse(data)
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise UnreadableFileError(f"not a TCX file (its root element is <{local_name(root.tag)}>)")
    elements = list(root.iter("{*}Activity"))
    if not elements:
        has_course = next(root.iter("{*}Course"), None) is not None
        raise UnreadableFileError(COURSE_ONLY if has_course else NO_ACTIVITY)
    activities: list[Activity] = []
    reasons: list[str] = []
    for element in elements:
        try:
            activities.append(_activity(element, source))
        except UnreadableFileError as exc:
            reasons.append(str(exc))
    if not activities:
        raise UnreadableFileError(reasons[0])
    return activities


@dataclass(frozen=True, slots=True)
class _Lap:
    start: XmlTime | None
    total_s: float | None
    distance_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    segments: tuple[tuple[TrackPoint, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not (self.total_s or self.distance_m or self.segments)


def _activity(element: etree._Element, source: str) -> Activity:
    laps = [_lap(child) for child in element if local_name(child.tag) == "Lap"]
    if not laps:
        raise UnreadableFileError(NO_LAPS)
    if all(lap.is_empty for lap in laps):
        raise UnreadableFileError(EMPTY_LAPS)
    summary = summarise([segment for lap in laps for segment in lap.segments])
    start = _start(element, laps, summary)
    sport, sport_note = _sport(element.get("Sport"))
    avg_hr, max_hr = _lap_hr(laps)
    return Activity(
        start=start.utc,
        sport=sport,
        source=source,
        kind=KIND,
        utc_offset_s=start.offset_s,
        duration_s=_duration_s(start.utc, laps, summary),
        moving_s=_lap_sum([lap.total_s for lap in laps], summary.moving_s),
        distance_m=_lap_sum([lap.distance_m for lap in laps], summary.distance_m),
        ascent_m=summary.ascent_m,
        avg_hr_bpm=avg_hr if avg_hr is not None else summary.avg_hr_bpm,
        max_hr_bpm=max_hr if max_hr is not None else summary.max_hr_bpm,
        device=_device(element),
        has_track=summary.has_track,
        notes=(sport_note,) if sport_note else (),
    )


def _lap(element: etree._Element) -> _Lap:
    values: dict[str, float | None] = {}
    segments = []
    for child in element:
        name = local_name(child.tag)
        if name in {"TotalTimeSeconds", "DistanceMeters"}:
            values[name] = xml_float(child.text, 0.0)
        elif name in {"AverageHeartRateBpm", "MaximumHeartRateBpm"}:
            values[name] = _bpm(child)
        elif name == "Track":
            points = _track_points(child)
            if points:
                segments.append(points)
    return _Lap(
        start=xml_datetime(element.get("StartTime")),
        total_s=values.get("TotalTimeSeconds"),
        distance_m=values.get("DistanceMeters"),
        avg_hr_bpm=values.get("AverageHeartRateBpm"),
        max_hr_bpm=values.get("MaximumHeartRateBpm"),
        segments=tuple(segments),
    )


def _bpm(element: etree._Element) -> float | None:
    """``<HeartRateBpm><Value>143</Value></HeartRateBpm>``; zero means no strap."""
    for child in element:
        if local_name(child.tag) == "Value":
            # xml_float(text, 0.0, 300.0), then zero as none, written out (once a point):
            # NaN fails the comparison, infinity the bound, zero and -0.0 the first test.
            try:
                value = float(child.text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return None
            return value if 0.0 < value <= 300.0 else None
    return None


# Child elements of a trackpoint, coded by their local name (see TagCodes).
_OTHER, _TIME, _POSITION, _ALTITUDE, _DISTANCE, _HR, _LAT, _LON = range(8)
_POINT_CODES = TagCodes(
    {
        "Time": _TIME,
        "Position": _POSITION,
        "AltitudeMeters": _ALTITUDE,
        "DistanceMeters": _DISTANCE,
        "HeartRateBpm": _HR,
        "LatitudeDegrees": _LAT,
        "LongitudeDegrees": _LON,
    },
    _OTHER,
)
_POINT_KNOWN = _POINT_CODES.known  # read in the hot loops without an attribute lookup

_new_tuple = tuple.__new__


def _track_points(track: etree._Element) -> tuple[TrackPoint, ...]:  # noqa: C901, PLR0912 - a hot loop, written out
    """The trackpoints below one ``<Track>``, in order.

    Runs for every point of every file, so it is one loop with the common cases written out
    (a UTC time ending in "Z", a plain finite number); other times go through _time, which
    gives the same answer for the common case. A child met twice in one point counts its
    last value.
    """
    points: list[TrackPoint] = []
    append = points.append
    codes_get = _POINT_KNOWN.get
    fromisoformat = datetime.fromisoformat
    isfinite = math.isfinite
    for element in track.iter("{*}Trackpoint"):
        time = lat = lon = alt = hr = distance = None
        for child in element:
            code = codes_get(child.tag)
            if code is None:
                code = _POINT_CODES.code(child.tag)
            if code == _TIME:
                text = child.text
                time = None
                if text and text[-1] == "Z":
                    try:
                        time = fromisoformat(text)
                    except ValueError:
                        pass
                    else:
                        if time.tzinfo is not UTC:
                            time = None
                if time is None:
                    time = _time(text)
            elif code == _POSITION:
                lat, lon = _position(child)
            elif code == _ALTITUDE:
                try:
                    alt = float(child.text)  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    alt = None
                else:
                    if not isfinite(alt):
                        alt = None
            elif code == _DISTANCE:
                try:
                    distance = float(child.text)  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    distance = None
                else:
                    # Not finite or below zero: not a distance (comparisons with NaN fail).
                    if not 0.0 <= distance < math.inf:
                        distance = None
            elif code == _HR:
                hr = _bpm(child)
        # tuple.__new__ directly: the named tuple's own __new__ is one more Python call per
        # point, and every field is given here.
        append(_new_tuple(TrackPoint, (time, lat, lon, alt, hr, distance)))
    return tuple(points)


def _time(text: str | None) -> datetime | None:
    if text and text[-1] == "Z":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is UTC:
            return moment
    parsed = xml_datetime(text)
    return parsed.utc if parsed is not None else None


def _position(element: etree._Element) -> tuple[float | None, float | None]:  # noqa: C901 - a hot loop, written out
    lat = lon = None
    for child in element:
        code = _POINT_KNOWN.get(child.tag)
        if code is None:
            code = _POINT_CODES.code(child.tag)
        # A finite number in range (NaN fails the comparison, infinity the bound).
        if code == _LAT:
            try:
                lat = float(child.text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                lat = None
            else:
                if not -90.0 <= lat <= 90.0:
                    lat = None
        elif code == _LON:
            try:
                lon = float(child.text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                lon = None
            else:
                if not -180.0 <= lon <= 180.0:
                    lon = None
    # Half a position is no position.
    return (lat, lon) if lat is not None and lon is not None else (None, None)


def _start(element: etree._Element, laps: list[_Lap], summary: TrackSummary) -> XmlTime:
    lap_starts = [lap.start for lap in laps if lap.start is not None]
    if lap_starts:
        return min(lap_starts, key=lambda moment: moment.utc)
    for child in element:
        if local_name(child.tag) == "Id":
            started = xml_datetime(child.text)
            if started is not None:
                return started
    if summary.start is not None:
        return XmlTime(summary.start, None, zoned=True)
    raise UnreadableFileError(NO_START)


def _duration_s(start: datetime, laps: list[_Lap], summary: TrackSummary) -> float | None:
    """Elapsed time, pauses included: from the start to the later of the last trackpoint
    and the end of the last lap (its start plus its timer time)."""
    ends = []
    if summary.start is not None and summary.duration_s is not None:
        ends.append(summary.start + timedelta(seconds=summary.duration_s))
    last = laps[-1]
    if last.start is not None and last.total_s is not None:
        ends.append(last.start.utc + timedelta(seconds=last.total_s))
    if not ends:
        return None
    return max(0.0, (max(ends) - start).total_seconds())


def _lap_sum(values: list[float | None], fallback: float | None) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else fallback


def _lap_hr(laps: list[_Lap]) -> tuple[float | None, float | None]:
    weighted = [
        (lap.avg_hr_bpm, lap.total_s)
        for lap in laps
        if lap.avg_hr_bpm is not None and lap.total_s is not None and lap.total_s > 0
    ]
    total_s = sum(seconds for _, seconds in weighted)
    avg = sum(bpm * seconds for bpm, seconds in weighted) / total_s if weighted else None
    maxima = [lap.max_hr_bpm for lap in laps if lap.max_hr_bpm is not None]
    return avg, max(maxima) if maxima else None


def _sport(label: str | None) -> tuple[Sport, str | None]:
    if label is None:
        return Sport.OTHER, "the file does not say which sport this was; counted as other"
    sport = TCX_SPORTS.get(label.strip().lower())
    if sport is None:
        return Sport.OTHER, f"sport {label!r} is not one runcare knows; counted as other"
    return sport, None


def _device(element: etree._Element) -> str | None:
    for child in element:
        if local_name(child.tag) == "Creator":
            for part in child:
                if local_name(part.tag) == "Name" and part.text and part.text.strip():
                    return part.text.strip()
    return None
