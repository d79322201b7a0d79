"""Builders for the booking tests: a therapist's week of opening hours, a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from runcare.web.accounts.models import User
from runcare.web.booking.models import BookingSettings, OpeningHours

# Monday 2 June 2031, 06:00 UTC: far enough ahead that the live tests' real clock is before it.
NOW = datetime(2031, 6, 2, 6, 0, tzinfo=UTC)
ZONE = "Europe/Berlin"


def open_weekdays(therapist: User, *, lengths: list[int] | None = None, cutoff_h: int = 24) -> None:
    """Monday to Friday 9-12 and 13-17 in Berlin, sessions of ``lengths`` minutes."""
    therapist.time_zone = ZONE
    therapist.save(update_fields=["time_zone"])
    BookingSettings.objects.update_or_create(
        therapist=therapist,
        defaults={"session_lengths_min": lengths or [60], "cutoff_h": cutoff_h},
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            therapist=therapist, weekday=weekday, start=time(9), end=time(12)
        )
        OpeningHours.objects.create(
            therapist=therapist, weekday=weekday, start=time(13), end=time(17)
        )


def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
