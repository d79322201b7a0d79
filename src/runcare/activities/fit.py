"""Reader for Garmin FIT activity files (kind ``"fit"``).

One :class:`Activity` per session message (a multisport file gives several), taken from
the device's own totals, which it measured with its sensors and its pause logic:
distance is ``total_distance``, moving time ``total_timer_time``, duration
``total_elapsed_time``; ascent and heart rate come from the session too. These come
from a fast walk (:mod:`fit_fast`) that decodes only the summary messages.

A file with no session message (a watch that crashed or ran out of battery before it
wrote one) is decoded in full with fitdecode and summarised from its record messages by
:func:`track.summarise`.

Times: a FIT date_time counts seconds since 1989-12-31T00:00:00Z, except that a value
below 0x10000000 counts seconds since the device was switched on (its clock was not
set). Such a time is placed through a timestamp_correlation message, else a later
absolute timestamp, else the file's creation time; a time that cannot be placed makes
the file unreadable rather than an activity dated 1989. The UTC offset is the activity
message's ``local_timestamp`` minus its ``timestamp``.

Damage is reported, not hidden: a wrong CRC or a cut-off file gives what could be read,
with a note. ``read`` raises nothing but UnreadableFileError, whatever the bytes.
"""

from __future__ import annotations

import io
import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import fitdecode

from runcare.activities.fit_fast import (
    MIN_ABSOLUTE_FIT_TIME,
    FitFormatError,
    FitScan,
    Message,
    scan,
)
from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.activities.track import TrackPoint, summarise

KIND = "fit"
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
FILE_TYPE_ACTIVITY = 4
SEMICIRCLE_DEG = 180 / 2**31
# Real offsets run from UTC-12 to UTC+14; anything else is two clocks that disagree.
MAX_UTC_OFFSET_S = 14 * 3600

RELATIVE_TIME = "start time is relative to device power-on and cannot be placed in time"
NO_SPORT = "the file does not say which sport this was; counted as other"

log = logging.getLogger(__name__)

# FIT "file" types other than activity, named as a person would say them.
FILE_TYPES = {
    1: "device information",
    2: "settings",
    3: "sport settings",
    5: "a workout",
    6: "a course",
    7: "schedules",
    9: "weight measurements",
    10: "totals",
    11: "goals",
    14: "blood pressure measurements",
    15: "monitoring data",
    20: "an activity summary",
    28: "daily monitoring data",
    32: "monitoring data",
    34: "a segment",
    35: "a segment list",
}

# FIT sport -> our sport; running's sub_sports are told apart below.
FIT_SPORTS = {1: Sport.RUNNING, 2: Sport.CYCLING, 5: Sport.SWIMMING, 11: Sport.WALKING}
FIT_SPORTS |= {17: Sport.HIKING, 16: Sport.HIKING, 21: Sport.CYCLING}
# Running sub_sports: 1 treadmill, 3 trail, 45 indoor running, 58 virtual activity.
RUNNING_SUB_SPORTS = {1: Sport.TREADMILL_RUNNING, 45: Sport.TREADMILL_RUNNING}
RUNNING_SUB_SPORTS |= {58: Sport.TREADMILL_RUNNING, 3: Sport.TRAIL_RUNNING}

MANUFACTURERS = {
    1: "Garmin",
    2: "Garmin",
    13: "Dynastream",
    15: "Dynastream",
    16: "Timex",
    23: "Suunto",
    32: "Wahoo",
    70: "SIGMA",
    71: "TomTom",
    89: "Tacx",
    95: "Stryd",
    123: "Polar",
    260: "Zwift",
    265: "Strava",
    267: "Bryton",
    289: "Hammerhead",
    294: "COROS",
    310: "Decathlon",
}
DEVELOPMENT = 255
# A few common Garmin products (the FIT profile's garmin_product numbers).
GARMIN_PRODUCTS = {
    717: "Forerunner 405",
    1018: "Forerunner 310XT",
    1036: "Edge 500",
    1169: "Edge 800",
    1328: "Forerunner 910XT",
    1345: "Forerunner 610",
    1561: "Edge 510",
    1567: "Edge 810",
    1623: "Forerunner 620",
    1632: "Forerunner 220",
    1765: "Forerunner 920XT",
    1836: "Edge 1000",
    1967: "fenix 2",
    2050: "fenix 3",
    2067: "Edge 520",
    2153: "Forerunner 225",
    2156: "Forerunner 630",
    2157: "Forerunner 230",
    2158: "Forerunner 735XT",
    2431: "Forerunner 235",
    2530: "Edge 820",
    2691: "Forerunner 935",
    2697: "fenix 5",
    2700: "vivoactive 3",
    3076: "Forerunner 245",
    3113: "Forerunner 945",
    3290: "fenix 6",
    3589: "Forerunner 745",
    3869: "Forerunner 55",
    3906: "fenix 7",
    3992: "Forerunner 255",
    4024: "Forerunner 955",
    4257: "Forerunner 265",
    4315: "Forerunner 965",
    4432: "Forerunner 165",
}


def read(data: bytes, source: str) -> list[Activity]:
    """The activities in a FIT file, or UnreadableFileError with a reason for a person."""
    try:
        return _read(data, source)
    except UnreadableFileError:
        raise
    except Exception as error:
        # The last guard of the reader's promise: odd bytes are a skip reason, not a crash.
        log.debug("FIT reader failed on %s", source, exc_info=True)
        raise UnreadableFileError("the FIT file is damaged and could not be read") from error


def _read(data: bytes, source: str) -> list[Activity]:
    try:
        found = scan(data)
    except FitFormatError as error:
        raise UnreadableFileError(str(error)) from error
    _refuse_other_files(found)
    if found.sessions:
        return _from_sessions(found, data, source)
    return [_from_records(found, data, source)]


def _refuse_other_files(found: FitScan) -> None:
    file_type = found.file_type
    if file_type is None or file_type == FILE_TYPE_ACTIVITY:
        return
    what = FILE_TYPES.get(file_type, "something other than an activity")
    raise UnreadableFileError(
        f"not an activity file: this FIT file holds {what} (file type {file_type})"
    )


# ---------------------------------------------------------------- times


@dataclass(frozen=True, slots=True)
class DeviceClock:
    """How to turn seconds-since-power-on into FIT time: add ``offset_s``."""

    offset_s: int
    how: str

    @property
    def note(self) -> str:
        return f"the device's clock counted from power-on; times were placed using {self.how}"


def to_datetime(fit_time: int, clock: DeviceClock | None) -> datetime | None:
    """A FIT date_time as UTC; None when it counts from power-on and cannot be placed."""
    if fit_time < MIN_ABSOLUTE_FIT_TIME:
        if clock is None:
            return None
        fit_time += clock.offset_s
    return FIT_EPOCH + timedelta(seconds=fit_time)


def _is_relative(value: object) -> bool:
    return isinstance(value, int) and value < MIN_ABSOLUTE_FIT_TIME


def device_clock(found: FitScan) -> DeviceClock | None:
    """The offset from power-on time to FIT time, from the best hint the file gives."""
    for correlation in found.correlations:
        utc, system = correlation.get("timestamp"), correlation.get("system_timestamp")
        if isinstance(utc, int) and isinstance(system, int) and not _is_relative(utc):
            return DeviceClock(utc - system, "the file's timestamp correlation")
    ends = [int(s["timestamp"]) for s in found.sessions if _is_relative(s.get("timestamp"))]
    for activity in found.activities:
        stamp = activity.get("timestamp")
        # The activity message is written as the last session closes: the same moment.
        if isinstance(stamp, int) and not _is_relative(stamp) and ends:
            return DeviceClock(stamp - max(ends), "the activity's closing time")
    starts = [int(s["start_time"]) for s in found.sessions if _is_relative(s.get("start_time"))]
    for file_id in found.file_ids:
        created = file_id.get("time_created")
        # The file is created as recording starts, so this is right to a few seconds.
        if isinstance(created, int) and not _is_relative(created) and starts:
            return DeviceClock(created - min(starts), "the file's creation time")
    return None


def utc_offset_s(found: FitScan) -> int | None:
    """The activity message's local_timestamp minus its timestamp, if plausible."""
    for activity in found.activities:
        local, utc = activity.get("local_timestamp"), activity.get("timestamp")
        if isinstance(local, int) and isinstance(utc, int):
            offset = local - utc
            if abs(offset) <= MAX_UTC_OFFSET_S:
                return offset
    return None


# ---------------------------------------------------------------- sport and device


def fit_sport(sport: object, sub_sport: object) -> Sport | None:
    """Our sport for FIT sport/sub_sport numbers; None when the file does not say."""
    if not isinstance(sport, int):
        return None
    if sport == 1:
        return (
            RUNNING_SUB_SPORTS.get(sub_sport, Sport.RUNNING)
            if isinstance(sub_sport, int)
            else Sport.RUNNING
        )
    return FIT_SPORTS.get(sport, Sport.OTHER)


def device_name(found: FitScan) -> str | None:
    """The recording device as a person would name it, e.g. "Garmin Forerunner 935"."""
    creators = [d for d in found.devices if d.get("device_index") == 0]
    for message in [*found.file_ids, *creators]:
        name = _name_of(message)
        if name is not None:
            return name
    return None


def _name_of(message: Message) -> str | None:
    manufacturer, product = message.get("manufacturer"), message.get("product")
    label = message.get("product_name")
    maker = MANUFACTURERS.get(manufacturer) if isinstance(manufacturer, int) else None
    if maker == "Garmin" and isinstance(product, int) and product in GARMIN_PRODUCTS:
        return f"Garmin {GARMIN_PRODUCTS[product]}"
    if isinstance(label, str):
        return label if maker is None or maker.lower() in label.lower() else f"{maker} {label}"
    if maker is not None:
        return f"{maker.lower()} product {product}" if isinstance(product, int) else maker
    if isinstance(manufacturer, int) and manufacturer != DEVELOPMENT:
        return f"manufacturer {manufacturer}"
    return None


# ---------------------------------------------------------------- sessions (fast path)


def _from_sessions(found: FitScan, data: bytes, source: str) -> list[Activity]:
    notes = list(found.problems)
    clock = None
    if any(_session_is_relative(s) for s in found.sessions):
        clock = device_clock(found) or _clock_from_records(found, decode_records(data).times)
        if clock is None:
            raise UnreadableFileError(RELATIVE_TIME)
    offset, device = utc_offset_s(found), device_name(found)
    activities = []
    for session in found.sessions:
        start = _session_start(session, clock)
        if start is None:
            continue
        sport = fit_sport(session.get("sport"), session.get("sub_sport"))
        activities.append(
            Activity(
                start=start,
                sport=sport or Sport.OTHER,
                source=source,
                kind=KIND,
                utc_offset_s=offset,
                duration_s=_scaled(session.get("total_elapsed_time"), 1000),
                moving_s=_scaled(session.get("total_timer_time"), 1000),
                distance_m=_scaled(session.get("total_distance"), 100),
                ascent_m=_scaled(session.get("total_ascent"), 1),
                avg_hr_bpm=_heart_rate(session.get("avg_heart_rate")),
                max_hr_bpm=_heart_rate(session.get("max_heart_rate")),
                device=device,
                # A start position means the watch had a GPS fix: the file has a track.
                has_track="start_position_lat" in session,
                notes=(*notes, *_session_notes(session, clock, sport)),
            )
        )
    if not activities:
        # Sessions without a start time: the records may still tell the story.
        return [_from_records(found, data, source)]
    return activities


def _session_notes(session: Message, clock: DeviceClock | None, sport: Sport | None) -> list[str]:
    # Only a session whose own times counted from power-on was placed by the clock.
    notes = [clock.note] if clock is not None and _session_is_relative(session) else []
    return notes if sport is not None else [*notes, NO_SPORT]


def _session_is_relative(session: Message) -> bool:
    return _is_relative(session.get("start_time")) or _is_relative(session.get("timestamp"))


def _session_start(session: Message, clock: DeviceClock | None) -> datetime | None:
    start = session.get("start_time")
    if isinstance(start, int):
        return to_datetime(start, clock)
    end, elapsed = session.get("timestamp"), session.get("total_elapsed_time")
    if isinstance(end, int) and isinstance(elapsed, int):
        placed = to_datetime(end, clock)
        return None if placed is None else placed - timedelta(seconds=elapsed / 1000)
    return None


def _heart_rate(value: object) -> float | None:
    # Some apps write 0 for "no heart-rate sensor" instead of the invalid value.
    return float(value) if isinstance(value, int) and value > 0 else None


def _scaled(value: object, scale: int) -> float | None:
    return value / scale if isinstance(value, int | float) else None


# ---------------------------------------------------------------- records (fallback)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The record messages of a full decode; times are raw FIT date_time integers."""

    times: list[int | None]
    points: list[TrackPoint]  # without times: those are placed once the clock is known
    sport: Sport | None
    problem: str | None


def decode_records(data: bytes) -> Decoded:
    """Every record message, by fitdecode; a decoding error ends the list, with a reason."""
    times: list[int | None] = []
    points: list[TrackPoint] = []
    sport: Sport | None = None
    problem = None
    try:
        for frame in _frames(data):
            if frame.name == "record":
                times.append(_fit_time(frame.get_value("timestamp", fallback=None)))
                points.append(_point(frame))
            elif frame.name in ("sport", "session", "lap") and sport is None:
                sport = fit_sport(
                    frame.get_raw_value("sport", fallback=None),
                    frame.get_raw_value("sub_sport", fallback=None),
                )
    except Exception:
        # fitdecode raises its own errors and, on odd bytes, struct or index errors.
        log.debug("fitdecode stopped", exc_info=True)
        problem = f"the file is damaged after {len(points)} track points; the rest was not read"
    return Decoded(times, points, sport, problem)


def _frames(data: bytes) -> Iterator[Any]:
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                yield frame


def _fit_time(value: object) -> int | None:
    """fitdecode gives a datetime, or the raw count for a time since power-on."""
    if isinstance(value, datetime):
        return int((value - FIT_EPOCH).total_seconds())
    return value if isinstance(value, int) else None


def _point(frame: Any) -> TrackPoint:
    lat, lon = (
        frame.get_value("position_lat", fallback=None),
        frame.get_value("position_long", fallback=None),
    )
    has_position = isinstance(lat, int) and isinstance(lon, int) and abs(lat) < 2**30
    altitude = frame.get_value("enhanced_altitude", fallback=None)
    if altitude is None:
        altitude = frame.get_value("altitude", fallback=None)
    return TrackPoint(
        lat_deg=lat * SEMICIRCLE_DEG if has_position else None,
        lon_deg=lon * SEMICIRCLE_DEG if has_position else None,
        alt_m=_number(altitude),
        hr_bpm=_number(frame.get_value("heart_rate", fallback=None)),
        distance_m=_number(frame.get_value("distance", fallback=None)),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _clock_from_records(found: FitScan, times: list[int | None]) -> DeviceClock | None:
    """A clock from a relative record time followed by an absolute one, or time_created."""
    known = [t for t in times if t is not None]
    for before, after in itertools.pairwise(known):
        if before < MIN_ABSOLUTE_FIT_TIME <= after:
            # Consecutive samples: placing them at the same moment is off by one interval.
            return DeviceClock(after - before, "the first absolute time in the track")
    relative = [t for t in known if t < MIN_ABSOLUTE_FIT_TIME]
    for file_id in found.file_ids:
        created = file_id.get("time_created")
        if isinstance(created, int) and not _is_relative(created) and relative:
            return DeviceClock(created - min(relative), "the file's creation time")
    return None


def _from_records(found: FitScan, data: bytes, source: str) -> Activity:
    decoded = decode_records(data)
    clock = None
    notes = list(found.problems)
    if any(t is not None and t < MIN_ABSOLUTE_FIT_TIME for t in decoded.times):
        clock = device_clock(found) or _clock_from_records(found, decoded.times)
        if clock is None:
            raise UnreadableFileError(RELATIVE_TIME)
        notes.append(clock.note)
    points = [
        TrackPoint(
            to_datetime(t, clock) if t is not None else None,
            p.lat_deg,
            p.lon_deg,
            p.alt_m,
            p.hr_bpm,
            p.distance_m,
        )
        for t, p in zip(decoded.times, decoded.points, strict=True)
    ]
    summary = summarise([points])
    if summary.start is None:
        if not found.complete or decoded.problem is not None:
            raise UnreadableFileError("truncated before any activity data")
        raise UnreadableFileError(
            "no activity data: the FIT file has no session summary and no timed track points"
        )
    notes.insert(0, f"no session summary in the file; computed from {len(points)} track points")
    if decoded.problem is not None and found.complete:
        notes.append(decoded.problem)
    if decoded.sport is None:
        notes.append(NO_SPORT)
    return Activity(
        start=summary.start,
        sport=decoded.sport or Sport.OTHER,
        source=source,
        kind=KIND,
        utc_offset_s=utc_offset_s(found),
        duration_s=summary.duration_s,
        moving_s=summary.moving_s,
        distance_m=summary.distance_m,
        ascent_m=summary.ascent_m,
        avg_hr_bpm=summary.avg_hr_bpm,
        max_hr_bpm=summary.max_hr_bpm,
        device=device_name(found),
        has_track=summary.has_track,
        notes=tuple(notes),
    )
