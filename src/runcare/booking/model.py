"""The plain records of booking: weekly hours, busy intervals, slots, refusals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum


class BookingError(ValueError):
    """Hours or a length that make no sense (an end before its start, a zero length)."""


@dataclass(frozen=True, order=True)
class Hours:
    """One opening range on a weekday (0 = Monday .. 6 = Sunday), in wall-clock time of the
    therapist's zone. Several per weekday make a lunch gap; ``end`` is after ``start`` on the
    same day (a range cannot run past midnight)."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise BookingError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        if self.end <= self.start:
            raise BookingError(f"opening hours end ({self.end}) before they start ({self.start})")


@dataclass(frozen=True)
class Busy:
    """A time already taken (a booked appointment), aware UTC, end exclusive."""

    start_utc: datetime
    end_utc: datetime

    def overlaps(self, start_utc: datetime, end_utc: datetime) -> bool:
        # Half-open intervals: one appointment may start the minute another ends.
        return start_utc < self.end_utc and self.start_utc < end_utc


@dataclass(frozen=True, order=True)
class Slot:
    """A bookable time, aware UTC."""

    start_utc: datetime
    end_utc: datetime


class Refusal(Enum):
    """Why a chosen time cannot be booked; the value is what a person reads."""

    PAST = "That time has already passed."
    CUTOFF = "That time is too soon: it is inside the cut-off for booking and changes."
    CLOSED = "That time is outside the opening hours."
    TAKEN = "That time was just taken. Please choose another."
    LENGTH = "That session length is not offered."
    RUNNERS_MAY_NOT_BOOK = "Your therapist books sessions herself; please ask her for one."
    TOO_LATE_TO_CHANGE = (
        "It is too late to change this appointment here; please call your therapist."
    )
    NOT_BOOKED = "This appointment is cancelled already."
    STARTED = "This appointment has begun or is over; it can no longer be moved or cancelled."


def may_change(start_utc: datetime, now: datetime, cutoff_h: float) -> bool:
    """Whether an appointment starting at ``start_utc`` may still be moved or cancelled by
    someone the cut-off binds: until ``cutoff_h`` hours before its start, inclusive."""
    return change_refusal(start_utc, now, cutoff_h) is None


def change_refusal(start_utc: datetime, now: datetime, cutoff_h: float) -> Refusal | None:
    """Why an appointment starting at ``start_utc`` may no longer be moved or cancelled, or
    ``None`` if it may. One that has begun is history for everybody, the therapist too (her
    cut-off is zero, but a session already under way or over cannot be undone); before that,
    the cut-off binds: changes are fine until ``cutoff_h`` hours before the start, inclusive."""
    if now >= start_utc:
        return Refusal.STARTED
    if now > start_utc - timedelta(hours=cutoff_h):
        return Refusal.TOO_LATE_TO_CHANGE
    return None


def merge_hours(hours: list[Hours] | tuple[Hours, ...]) -> tuple[Hours, ...]:
    """The ranges sorted, with overlapping or touching ranges of a weekday joined, so a
    session may run across the seam of 9-12 and 12-17."""
    merged: list[Hours] = []
    for item in sorted(hours):
        last = merged[-1] if merged else None
        if last is not None and last.weekday == item.weekday and item.start <= last.end:
            merged[-1] = Hours(last.weekday, last.start, max(last.end, item.end))
        else:
            merged.append(item)
    return tuple(merged)
