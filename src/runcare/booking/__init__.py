"""Booking: free slots from weekly opening hours, and whether a chosen time may be booked.

Framework-free: opening hours in the therapist's own zone, busy intervals in UTC and the
clock (``now``) in; frozen ``Slot`` records or a refusal reason out. See docs/booking.md.
"""

from runcare.booking.model import (
    BookingError,
    Busy,
    Hours,
    Refusal,
    Slot,
    change_refusal,
    may_change,
    merge_hours,
)
from runcare.booking.slots import (
    DEFAULT_HORIZON_DAYS,
    DEFAULT_STEP_MIN,
    free_slots,
    opening_intervals,
    refusal,
)
from runcare.booking.text import MAX_LENGTH_MIN, format_ranges, parse_lengths, parse_ranges

__all__ = [
    "DEFAULT_HORIZON_DAYS",
    "DEFAULT_STEP_MIN",
    "MAX_LENGTH_MIN",
    "BookingError",
    "Busy",
    "Hours",
    "Refusal",
    "Slot",
    "change_refusal",
    "format_ranges",
    "free_slots",
    "may_change",
    "merge_hours",
    "opening_intervals",
    "parse_lengths",
    "parse_ranges",
    "refusal",
]
