"""Free slots and the check of one chosen time, DST-safe.

Opening hours are wall-clock times in the therapist's zone. On the nights the clocks change,
a wall-clock time may not exist (spring) or exist twice (autumn). Each opening range is turned
into the *narrowest* real interval its wall times allow: its start at the later reading, its
end at the earlier one. So every instant of every slot shows, on the therapist's clock, a time
inside her opening hours; a range lying wholly inside the repeated hour is simply dropped that
night.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from runcare.booking.model import BookingError, Busy, Hours, Refusal, Slot, merge_hours

DEFAULT_HORIZON_DAYS = 28
DEFAULT_STEP_MIN = 15


def _instant(day: date, wall: time, zone: ZoneInfo, *, latest: bool) -> datetime:
    """``day`` at ``wall`` in ``zone`` as UTC; where the wall time is missing or doubled,
    the later (``latest``) or earlier of the two readings."""
    readings = [
        datetime.combine(day, wall, tzinfo=zone).replace(fold=fold).astimezone(UTC)
        for fold in (0, 1)
    ]
    return max(readings) if latest else min(readings)


def opening_intervals(
    hours: Iterable[Hours], zone: ZoneInfo, first_day: date, last_day: date
) -> list[Slot]:
    """The opening ranges of each local day from ``first_day`` to ``last_day`` (inclusive)
    as real UTC intervals, sorted; empty ones (see the module note) left out."""
    by_weekday: dict[int, list[Hours]] = {}
    for item in merge_hours(list(hours)):
        by_weekday.setdefault(item.weekday, []).append(item)
    out: list[Slot] = []
    day = first_day
    while day <= last_day:
        for item in by_weekday.get(day.weekday(), []):
            start = _instant(day, item.start, zone, latest=True)
            end = _instant(day, item.end, zone, latest=False)
            if start < end:
                out.append(Slot(start, end))
        day += timedelta(days=1)
    return out


def _check_inputs(length_min: int, step_min: int, now: datetime) -> None:
    if length_min <= 0:
        raise BookingError(f"a session lasts more than 0 minutes (got {length_min})")
    if step_min <= 0:
        raise BookingError(f"the slot step is more than 0 minutes (got {step_min})")
    if now.tzinfo is None:
        raise BookingError("now must be timezone-aware")


def free_slots(
    hours: Iterable[Hours],
    zone: ZoneInfo,
    length_min: int,
    busy: Iterable[Busy],
    now: datetime,
    *,
    cutoff_h: float = 0,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    step_min: int = DEFAULT_STEP_MIN,
) -> list[Slot]:
    """Every free ``length_min``-minute slot, starting on the ``step_min`` grid of each opening
    range, from ``now`` plus ``cutoff_h`` hours to ``horizon_days`` local days after today.

    No slot overlaps a ``busy`` interval, starts before the cut-off, or leaves opening hours.
    A day without hours gives none.
    """
    _check_inputs(length_min, step_min, now)
    earliest = now + timedelta(hours=cutoff_h)
    today = now.astimezone(zone).date()
    taken = sorted(busy, key=lambda b: b.start_utc)
    length = timedelta(minutes=length_min)
    step = timedelta(minutes=step_min)
    slots: list[Slot] = []
    for interval in opening_intervals(hours, zone, today, today + timedelta(days=horizon_days)):
        start = interval.start_utc
        while start + length <= interval.end_utc:
            end = start + length
            if start >= earliest and not any(b.overlaps(start, end) for b in taken):
                slots.append(Slot(start, end))
            start += step
    return slots


def refusal(
    start_utc: datetime,
    length_min: int,
    hours: Iterable[Hours],
    zone: ZoneInfo,
    busy: Iterable[Busy],
    *,
    now: datetime,
    cutoff_h: float = 0,
) -> Refusal | None:
    """Why ``length_min`` minutes from ``start_utc`` cannot be booked, or None if they can.

    Any start inside the opening hours is allowed, not only the slot grid: a therapist may
    choose a time of her own. Pass ``cutoff_h=0`` for someone the cut-off does not bind.
    """
    _check_inputs(length_min, DEFAULT_STEP_MIN, now)
    if start_utc.tzinfo is None:
        raise BookingError("start_utc must be timezone-aware")
    end_utc = start_utc + timedelta(minutes=length_min)
    if start_utc < now:
        return Refusal.PAST
    if start_utc < now + timedelta(hours=cutoff_h):
        return Refusal.CUTOFF
    local_day = start_utc.astimezone(zone).date()
    # A day either side: a range's real interval may begin on the previous UTC date.
    intervals = opening_intervals(
        hours, zone, local_day - timedelta(days=1), local_day + timedelta(days=1)
    )
    if not any(i.start_utc <= start_utc and end_utc <= i.end_utc for i in intervals):
        return Refusal.CLOSED
    if any(b.overlaps(start_utc, end_utc) for b in busy):
        return Refusal.TAKEN
    return None
