"""One run, one record: the same activity seen twice is kept once.

Two records are the same activity when they start within ``SAME_START_S`` seconds and
their distances agree within ``SAME_DISTANCE_FRACTION`` (a FIT and a GPX of one run, or two
overlapping exports). The richer record is kept; see ``Activity.richness``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from runcare.activities.model import Activity

SAME_START_S = 60.0
SAME_DISTANCE_FRACTION = 0.02


def is_same_activity(a: Activity, b: Activity) -> bool:
    if abs((a.start - b.start).total_seconds()) > SAME_START_S:
        return False
    if a.distance_m is None or b.distance_m is None:
        # Without two distances, a near-identical start of the same kind of sport decides.
        return a.sport.is_running == b.sport.is_running
    longer = max(a.distance_m, b.distance_m)
    if longer == 0:
        return True
    return abs(a.distance_m - b.distance_m) / longer <= SAME_DISTANCE_FRACTION


def merge_duplicates(activities: Iterable[Activity]) -> tuple[list[Activity], int]:
    """Activities in start order with duplicates folded; also how many were dropped."""
    kept: list[Activity] = []
    dropped = 0
    for activity in sorted(activities, key=lambda a: (a.start, a.source)):
        match = _find_recent_match(kept, activity)
        if match is None:
            kept.append(activity)
            continue
        dropped += 1
        kept[match] = _keep_richer(kept[match], activity)
    return kept, dropped


def _find_recent_match(kept: list[Activity], activity: Activity) -> int | None:
    # Kept records are in start order, so only the tail can be within the start window.
    for index in range(len(kept) - 1, -1, -1):
        candidate = kept[index]
        if (activity.start - candidate.start).total_seconds() > SAME_START_S:
            return None
        if is_same_activity(candidate, activity):
            return index
    return None


def _keep_richer(a: Activity, b: Activity) -> Activity:
    richer, other = (a, b) if a.richness >= b.richness else (b, a)
    note = f"also found in {other.source}"
    return replace(
        richer,
        # A file that carries no offset can borrow it from its twin.
        utc_offset_s=richer.utc_offset_s if richer.utc_offset_s is not None else other.utc_offset_s,
        notes=(*richer.notes, note),
    )
