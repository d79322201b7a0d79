"""The documented JSON form of activities and skipped files (docs/cli.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from runcare.activities.model import Activity, ImportResult, Merged, Skipped

JSON_LIST_MAX = 1000
"""``skipped`` and ``merged`` list at most this many; ``counts`` always says how many in all,
so that an archive of 50,000 junk files gives a short answer."""


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


def merged_to_json(merged: Merged) -> dict[str, Any]:
    return {"source": merged.source, "kept": merged.kept, "why": merged.why}


def reasons_beyond(skipped: Sequence[Skipped], limit: int) -> list[dict[str, Any]]:
    """The skipped files after the first ``limit``, counted by reason, commonest first."""
    counts = Counter(item.reason for item in skipped[limit:])
    return [{"reason": reason, "count": count} for reason, count in counts.most_common()]


def import_result_to_json(result: ImportResult, list_max: int = JSON_LIST_MAX) -> dict[str, Any]:
    """The documented JSON of an import (docs/cli.md); long lists are cut at ``list_max``."""
    return {
        "activities": [activity_to_json(a) for a in result.activities],
        "skipped": [skipped_to_json(s) for s in result.skipped[:list_max]],
        "merged": [merged_to_json(m) for m in result.merged[:list_max]],
        "skipped_more": reasons_beyond(result.skipped, list_max),
        "counts": {
            "read": result.records_read,
            "activities": len(result.activities),
            "merged": len(result.merged),
            "skipped": len(result.skipped),
        },
        "stopped": result.stopped,
    }
