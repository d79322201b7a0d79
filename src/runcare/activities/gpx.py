"""Reader for GPX 1.0 and 1.1 files (kind ``"gpx"``).

Choices, each for a reason:

* **One activity per file.** Watches and Strava/Garmin exports write one ``<trk>`` per
  activity file; files with several tracks come from tools such as GPSBabel dumping one
  outing that was stopped and restarted. Splitting those would turn one long run into
  several short ones and hide exactly the spike the load rules look for. Every ``<trkseg>``
  of every track is kept as its own segment, so no distance is ever counted across a
  pause, and a note says when several tracks were joined.
* **Namespace-agnostic.** Elements are matched by local name, so GPX 1.0, 1.1 and files
  with no namespace at all read the same way.
* **Sport from ``<type>``.** Strava writes a number (``9`` is Run) or a word, Garmin
  Connect words such as ``running`` or ``trail_running``, other apps ``Run`` or ``run``.
  Words are matched whole (``brunch`` is not a run). A file that names no sport, or one
  we do not know, counts as ``Sport.OTHER`` with a note: counting an unlabelled bike ride
  as a run would invent a load spike, while a run counted as "other" is visible and can be
  corrected by hand.
* **Times in UTC.** Times with an offset are converted; the first point's offset (when it
  wrote one other than ``Z``) becomes ``utc_offset_s``. Times without any zone are taken as
  UTC, with a note, since that is what the GPX schema prescribes.
* **Only recorded tracks.** A file holding only routes or waypoints is a plan, not a run,
  and is refused; so is a track whose points carry no time, since it cannot be placed in
  the training history.

Distance, moving time, ascent and heart rate come from :func:`track.summarise`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.activities.safexml import TagCodes, local_name, parse, xml_datetime, xml_float
from runcare.activities.track import TrackPoint, summarise

KIND = "gpx"

ROUTE_ONLY = "no recorded track: this GPX holds only a route or waypoints"
NO_POINTS = "no recorded track: this GPX holds no track points"
NO_TIMES = "no recorded track: the track points carry no times, so the run cannot be dated"

# Local names that extensions use for heart rate: Garmin TrackPointExtension (``hr``),
# Cluetrust gpxdata (``hr``), and apps that write ``heartrate`` or ``heart_rate``.
HR_NAMES = frozenset({"hr", "heartrate", "heart_rate", "heartratebpm"})

# Strava's numeric activity types as written in its GPX exports.
STRAVA_TYPE_CODES = {
    "1": Sport.CYCLING,
    "4": Sport.HIKING,
    "9": Sport.RUNNING,
    "10": Sport.WALKING,
    "16": Sport.SWIMMING,
}

_RUN_WORDS = frozenset({"run", "running", "jog", "jogging"})
_WORD_SPORTS = (
    (frozenset({"walk", "walking"}), Sport.WALKING),
    (frozenset({"hike", "hiking"}), Sport.HIKING),
    (frozenset({"ride", "cycling", "biking", "bike", "bicycle", "mtb"}), Sport.CYCLING),
    (frozenset({"swim", "swimming"}), Sport.SWIMMING),
)
_INDOOR_WORDS = frozenset({"treadmill", "indoor", "virtual"})


def read(data: bytes, source: str) -> list[Activity]:
    """The activity recorded in a GPX file (a list of one), or UnreadableFileError."""
    root = parse(data)
    if local_name(root.tag) != "gpx":
        raise UnreadableFileError(f"not a GPX file (its root element is <{local_name(root.tag)}>)")
    collected = _Collected()
    for track in root.iter("{*}trk"):
        _collect_track(track, collected)
    _check_recorded(root, collected)
    return [_activity(root, collected, source)]


@dataclass
class _Collected:
    """What the walk over the tracks found; mutable only while one file is read."""

    segments: list[list[TrackPoint]] = field(default_factory=list)
    tracks_with_points: int = 0
    type_label: str | None = None
    point_count: int = 0
    untimed_points: int = 0
    unreadable_values: int = 0
    naive_times: int = 0
    first_time: datetime | None = None
    first_offset_s: int | None = None


def _collect_track(track: etree._Element, collected: _Collected) -> None:
    had_points = False
    for child in track:
        name = local_name(child.tag)
        if name == "type" and collected.type_label is None and child.text:
            collected.type_label = child.text.strip() or None
        elif name == "trkseg":
            points = _segment_points(child, collected)
            if points:
                collected.segments.append(points)
                had_points = True
    collected.tracks_with_points += had_points


# Child elements of a track point, coded by their local name (see TagCodes).
_OTHER, _TIME, _ELE, _EXTENSIONS = range(4)
_POINT_CODES = TagCodes({"time": _TIME, "ele": _ELE, "extensions": _EXTENSIONS}, _OTHER)


_new_tuple = tuple.__new__


def _segment_points(segment: etree._Element, collected: _Collected) -> list[TrackPoint]:  # noqa: C901, PLR0912, PLR0915 - a hot loop, written out
    """The points of one ``<trkseg>``, in order.

    Runs for every point of every file, so it is written as one loop with the common cases
    inline (a UTC time ending in "Z", plain numbers, a heart rate that is a plain number)
    and everything else handed to _number, _time and _extension_hr, which give the same
    answers the slow way. A child met twice in one point counts its last value; the first
    readable time in the file dates it.
    """
    points: list[TrackPoint] = []
    append = points.append
    codes_get = _POINT_CODES.known.get
    fromisoformat = datetime.fromisoformat
    isfinite = math.isfinite
    untimed = 0
    for element in segment.iter("{*}trkpt"):
        lat_text, lon_text = element.get("lat"), element.get("lon")
        lat: float | None
        lon: float | None
        try:
            lat, lon = float(lat_text), float(lon_text)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            lat = _number(lat_text, collected, -90.0, 90.0)
            lon = _number(lon_text, collected, -180.0, 180.0)
        # Comparisons with NaN are false, so this also turns away "nan".
        if lat is None or lon is None:
            lat = lon = None
        elif not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            collected.unreadable_values += 1
            lat = lon = None
        time = alt = hr = None
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
                        elif collected.first_time is None:
                            # What xml_datetime gives for this text: UTC, zoned, no offset.
                            collected.first_time = time
                            collected.first_offset_s = None
                if time is None:
                    time = _time(text, collected)
            elif code == _ELE:
                text = child.text
                try:
                    alt = float(text)  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    alt = _number(text, collected)
                else:
                    if not isfinite(alt):
                        alt = _number(text, collected)
            elif code == _EXTENSIONS:
                hr = _extension_hr(child, collected)
        if time is None:
            untimed += 1
        # tuple.__new__ directly: the named tuple's own __new__ is one more Python call per
        # point, and every field is given here.
        append(_new_tuple(TrackPoint, (time, lat, lon, alt, hr, None)))
    collected.point_count += len(points)
    collected.untimed_points += untimed
    return points


def _number(
    text: str | None,
    collected: _Collected,
    low: float = -math.inf,
    high: float = math.inf,
) -> float | None:
    value = xml_float(text, low, high)
    if value is None and text is not None:
        collected.unreadable_values += 1
    return value


def _time(text: str | None, collected: _Collected) -> datetime | None:
    moment = xml_datetime(text)
    if moment is None:
        collected.unreadable_values += text is not None and bool(text.strip())
        return None
    collected.naive_times += not moment.zoned
    if collected.first_time is None:
        collected.first_time = moment.utc
        collected.first_offset_s = moment.offset_s
    return moment.utc


_HR_TAGS = TagCodes(dict.fromkeys(HR_NAMES, 1), 0, fold_case=True)
_HR_KNOWN = _HR_TAGS.known  # read per extension element without an attribute lookup


def _extension_hr(extensions: etree._Element, collected: _Collected) -> float | None:
    # Below <extensions> only: the element itself is never a heart rate.
    for element in extensions.iterdescendants():
        is_hr = _HR_KNOWN.get(element.tag)
        if is_hr is None:
            is_hr = _HR_TAGS.code(element.tag)
        if is_hr:
            text = element.text
            try:
                value = float(text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                pass
            else:
                # A plain number in range, as _number would find it; anything else goes
                # through _number, which also counts it as unreadable.
                if 0.0 <= value <= 300.0:
                    return value
            hr = _number(text, collected, 0.0, 300.0)
            if hr is not None:
                return hr
    return None


def _check_recorded(root: etree._Element, collected: _Collected) -> None:
    if not collected.point_count:
        has_plan = any(local_name(child.tag) in {"rte", "wpt"} for child in root)
        raise UnreadableFileError(ROUTE_ONLY if has_plan else NO_POINTS)
    if collected.first_time is None:
        raise UnreadableFileError(NO_TIMES)


def _activity(root: etree._Element, collected: _Collected, source: str) -> Activity:
    summary = summarise(collected.segments)
    sport, sport_note = sport_from_label(collected.type_label)
    start = collected.first_time
    assert start is not None  # _check_recorded refused files without times
    creator = (root.get("creator") or "").strip()
    return Activity(
        start=start,
        sport=sport,
        source=source,
        kind=KIND,
        utc_offset_s=collected.first_offset_s,
        duration_s=summary.duration_s,
        moving_s=summary.moving_s,
        distance_m=summary.distance_m,
        ascent_m=summary.ascent_m,
        avg_hr_bpm=summary.avg_hr_bpm,
        max_hr_bpm=summary.max_hr_bpm,
        device=creator or None,
        has_track=summary.has_track,
        notes=_notes(collected, sport_note),
    )


def _notes(collected: _Collected, sport_note: str | None) -> tuple[str, ...]:
    notes = []
    if sport_note:
        notes.append(sport_note)
    if collected.tracks_with_points > 1:
        notes.append(
            f"{collected.tracks_with_points} tracks in the file were read as one activity; "
            "no distance is counted across the gaps between them"
        )
    if collected.naive_times:
        notes.append("times in the file carry no time zone and were taken as UTC")
    if collected.untimed_points:
        notes.append(
            f"{collected.untimed_points} of {collected.point_count} track points have no time"
        )
    if collected.unreadable_values:
        notes.append(f"{collected.unreadable_values} unreadable values were left out")
    return tuple(notes)


def sport_from_label(label: str | None) -> tuple[Sport, str | None]:
    """Map a file's free-text sport label onto Sport, with a note when it is a guess.

    Returns ``(Sport.OTHER, note)`` when the label is missing or not recognised.
    """
    if label is None:
        return Sport.OTHER, "the file does not say which sport this was; counted as other"
    sport = STRAVA_TYPE_CODES.get(label) or _sport_from_words(_words(label))
    if sport is None:
        return Sport.OTHER, f"sport {label!r} is not one runcare knows; counted as other"
    return sport, None


def _sport_from_words(words: set[str]) -> Sport | None:
    if words & _RUN_WORDS:
        if "trail" in words:
            return Sport.TRAIL_RUNNING
        return Sport.TREADMILL_RUNNING if words & _INDOOR_WORDS else Sport.RUNNING
    for vocabulary, sport in _WORD_SPORTS:
        if words & vocabulary:
            return sport
    return None


def _words(label: str) -> set[str]:
    """``TrailRun`` / ``trail_running`` / ``Trail run`` -> ``{"trail", "run(ning)"}``."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    return {word for word in re.split(r"[^a-z0-9]+", spaced.lower()) if word}
