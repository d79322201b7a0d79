"""The documented JSON form of activities and skipped files (docs/cli.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from runcare.activities.model import Activity, ImportResult, Skipped


def utc_iso(moment: datetime) -> str:
    """``2024-05-01T06:30:00Z``; sub-second parts are kept only when present."""
    text = moment.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")


def _number(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def activity_to_json(activity: Activity) -> dict[str, Any]:
    return {
        "start": utc_iso(activity.start),
        "utc_offset_s": activity.utc_offset_s,
        "sport": activity.sport.value,
        "distance_m": _number(activity.distance_m),
        "duration_s": _number(activity.duration_s),
        "moving_s": _number(activity.moving_s),
        "ascent_m": _number(activity.ascent_m),
        "avg_hr_bpm": _number(activity.avg_hr_bpm),
        "max_hr_bpm": _number(activity.max_hr_bpm),
        "source": activity.source,
    }


def skipped_to_json(skipped: Skipped) -> dict[str, Any]:
    return {"source": skipped.source, "reason": skipped.reason}


def import_result_to_json(result: ImportResult) -> dict[str, Any]:
    return {
        "activities": [activity_to_json(a) for a in result.activities],
        "skipped": [skipped_to_json(s) for s in result.skipped],
    }
