"""The one translation between stored ``ActivityRecord`` rows and the core's ``Activity``.

Every service that loads a runner's history for the core (imports, dashboards, reports) goes
through ``record_to_activity``; every service that stores core activities goes through
``activity_to_record_fields``. Units and field names are the same on both sides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

from runcare.activities import Activity, Sport
from runcare.web.training.models import ActivityRecord

# Column widths of ActivityRecord; PostgreSQL refuses longer text, SQLite would not.
SOURCE_MAX = ActivityRecord._meta.get_field("source").max_length or 1000
DEVICE_MAX = ActivityRecord._meta.get_field("device").max_length or 120
KIND_MAX = ActivityRecord._meta.get_field("kind").max_length or 16


def record_to_activity(record: ActivityRecord) -> Activity:
    return Activity(
        start=record.start,
        sport=_sport(record.sport),
        source=record.source,
        kind=record.kind,
        utc_offset_s=record.utc_offset_s,
        duration_s=record.duration_s,
        moving_s=record.moving_s,
        distance_m=record.distance_m,
        ascent_m=record.ascent_m,
        avg_hr_bpm=record.avg_hr_bpm,
        max_hr_bpm=record.max_hr_bpm,
        device=record.device or None,
        has_track=record.has_track,
        notes=tuple(str(note) for note in record.notes or ()),
    )


# The columns ``row_to_activity`` reads, in its order.
ACTIVITY_COLUMNS = (
    "start",
    "sport",
    "source",
    "kind",
    "utc_offset_s",
    "duration_s",
    "moving_s",
    "distance_m",
    "ascent_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "device",
    "has_track",
    "notes",
)


def activities_from(records: QuerySet[ActivityRecord]) -> Iterator[Activity]:
    """The activities of ``records`` read as plain tuples (no model instance a row), the
    same as ``record_to_activity`` gives for each."""
    for row in records.values_list(*ACTIVITY_COLUMNS):
        yield row_to_activity(row)


def row_to_activity(row: Sequence[Any]) -> Activity:
    """An ``Activity`` from the values of ``ACTIVITY_COLUMNS``, in that order."""
    (start, sport, source, kind, offset, duration, moving, distance, ascent, avg_hr, max_hr,
     device, has_track, notes) = row  # fmt: skip
    return Activity(
        start=start,
        sport=_sport(sport),
        source=source,
        kind=kind,
        utc_offset_s=offset,
        duration_s=duration,
        moving_s=moving,
        distance_m=distance,
        ascent_m=ascent,
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        device=device or None,
        has_track=has_track,
        notes=tuple(str(note) for note in notes or ()),
    )


def activity_to_record_fields(activity: Activity) -> dict[str, Any]:
    """Keyword arguments for ``ActivityRecord`` (without ``runner`` and ``upload``)."""
    return {
        "start": activity.start,
        "utc_offset_s": activity.utc_offset_s,
        "sport": activity.sport.value,
        "kind": activity.kind[:KIND_MAX],
        "duration_s": activity.duration_s,
        "moving_s": activity.moving_s,
        "distance_m": activity.distance_m,
        "ascent_m": activity.ascent_m,
        "avg_hr_bpm": activity.avg_hr_bpm,
        "max_hr_bpm": activity.max_hr_bpm,
        "device": (activity.device or "")[:DEVICE_MAX],
        "has_track": activity.has_track,
        "source": shorten(activity.source, SOURCE_MAX),
        "notes": list(activity.notes),
    }


def shorten(text: str, limit: int) -> str:
    """``text`` cut in the middle to ``limit`` characters; both ends of a path say the most."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return f"{text[:head]}…{text[-tail:]}"


def _sport(value: str) -> Sport:
    # A value written by a newer version with a sport this one does not know reads as "other".
    try:
        return Sport(value)
    except ValueError:
        return Sport.OTHER
