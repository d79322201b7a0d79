"""One run, one record: the same activity seen twice is kept once, and the copy is listed.

Two records are the same activity when they start within ``SAME_START_S`` seconds, are of
the same sport, and a measure they both carry agrees: their distances within
``SAME_DISTANCE_FRACTION``, or, when one has no distance, their durations within
``SAME_DURATION_FRACTION``. Records with nothing to compare are never taken for one another:
a file holding only a start time must not vanish into a ride that began the same minute.
The richer record is kept; see ``Activity.richness``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from runcare.activities.model import Activity, Merged, Sport

SAME_START_S = 60.0
SAME_DISTANCE_FRACTION = 0.02
SAME_DURATION_FRACTION = 0.02


def is_same_activity(a: Activity, b: Activity) -> bool:
    return same_activity_reason(a, b) is not None


def same_activity_reason(a: Activity, b: Activity) -> str | None:
    """Why ``a`` and ``b`` are one activity, in plain words; ``None`` when they are not."""
    if abs((a.start - b.start).total_seconds()) > SAME_START_S or not _same_sport(a, b):
        return None
    start = f"same start (within {SAME_START_S:.0f} s)"
    if a.distance_m is not None and b.distance_m is not None:
        if _close(a.distance_m, b.distance_m, SAME_DISTANCE_FRACTION, slack=0.0):
            return f"{start} and distance (within {SAME_DISTANCE_FRACTION:.0%})"
        return None
    # Two recordings of one outing may start and stop a few seconds apart.
    if (
        a.duration_s is not None
        and b.duration_s is not None
        and _close(a.duration_s, b.duration_s, SAME_DURATION_FRACTION, slack=SAME_START_S)
    ):
        return f"{start} and duration (within {SAME_DURATION_FRACTION:.0%}), no distance"
    return None


def _same_sport(a: Activity, b: Activity) -> bool:
    # "other" is a sport the file did not name (a GPX without a type), not a different one.
    if Sport.OTHER in (a.sport, b.sport):
        return True
    return a.sport is b.sport or (a.sport.is_running and b.sport.is_running)


def _close(x: float, y: float, fraction: float, *, slack: float) -> bool:
    return abs(x - y) <= max(slack, fraction * max(abs(x), abs(y)))


def merge_duplicates(activities: Iterable[Activity]) -> tuple[list[Activity], list[Merged]]:
    """Activities in start order with duplicates folded, and each record folded away.

    A ``Merged`` names the record that was kept in the end, even when a richer copy found
    later replaced the one it was first folded into.
    """
    kept: list[Activity] = []
    folded: list[tuple[str, int, str]] = []
    for activity in sorted(activities, key=lambda a: (a.start, a.source)):
        match = _find_recent_match(kept, activity)
        if match is None:
            kept.append(activity)
            continue
        index, why = match
        richer, other = _richer_first(kept[index], activity)
        kept[index] = _fold(richer, other)
        folded.append((other.source, index, why))
    return kept, [Merged(source, kept[index].source, why) for source, index, why in folded]


def _find_recent_match(kept: list[Activity], activity: Activity) -> tuple[int, str] | None:
    # Kept records are in start order, so only the tail can be within the start window.
    for index in range(len(kept) - 1, -1, -1):
        candidate = kept[index]
        if (activity.start - candidate.start).total_seconds() > SAME_START_S:
            return None
        why = same_activity_reason(candidate, activity)
        if why is not None:
            return index, why
    return None


def _richer_first(a: Activity, b: Activity) -> tuple[Activity, Activity]:
    return (a, b) if a.richness >= b.richness else (b, a)


def _fold(richer: Activity, other: Activity) -> Activity:
    note = f"also found in {other.source}"
    return replace(
        richer,
        # A file that carries no offset can borrow it from its twin.
        utc_offset_s=richer.utc_offset_s if richer.utc_offset_s is not None else other.utc_offset_s,
        notes=(*richer.notes, note),
    )
