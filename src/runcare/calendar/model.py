"""The one record the calendar writer reads: an appointment as a calendar shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID


class CalendarError(ValueError):
    """An event that cannot be written as it is (a naive time, an end before its start)."""


def as_utc(moment: datetime, what: str) -> datetime:
    """``moment`` in UTC; a time without a zone is refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CalendarError(f"{what} has no time zone; runcare writes calendar times in UTC")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class CalendarEvent:
    """One appointment as a calendar shows it.

    ``uid`` never changes for an appointment: a calendar app recognises the same event by
    it when the time moves. ``sequence`` grows by one on each move or cancellation, so the
    app knows which version is newer. ``updated_utc`` is when the appointment last changed.
    The words (``summary``, ``description``, ``location``) are the reader's: they hold no
    health details, since calendars are synced to phones, shared and shown on lock screens.
    """

    uid: UUID
    start_utc: datetime
    end_utc: datetime
    summary: str
    sequence: int = 0
    cancelled: bool = False
    updated_utc: datetime | None = None
    cancelled_utc: datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        start = as_utc(self.start_utc, "the start")
        end = as_utc(self.end_utc, "the end")
        if end <= start:
            raise CalendarError("an appointment must end after it starts")
        if self.sequence < 0:
            raise CalendarError("the sequence number counts changes and cannot be negative")
        # Kept in UTC from here on, whatever zone the caller used.
        object.__setattr__(self, "start_utc", start)
        object.__setattr__(self, "end_utc", end)
        for name in ("updated_utc", "cancelled_utc"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_utc(value, name.removesuffix("_utc")))
