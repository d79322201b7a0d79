"""Which appointments a person's subscribed feed holds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from runcare.calendar.model import CalendarEvent, as_utc

# A cancelled appointment stays in the feed, marked cancelled, for this long after it was
# cancelled: a phone that syncs only now and then must still see the cancellation, or it
# would keep showing the old appointment. After that it has been seen (or the day is past).
CANCELLED_KEPT = timedelta(days=30)
# Past appointments stay a while so the phone's calendar keeps the recent history.
PAST_KEPT = timedelta(days=90)


def select_for_feed(events: Iterable[CalendarEvent], now: datetime) -> list[CalendarEvent]:
    """The events a feed written at ``now`` holds, earliest first.

    Booked ones that ended at most ``PAST_KEPT`` ago, and cancelled ones cancelled at most
    ``CANCELLED_KEPT`` ago (a cancelled event without a cancellation time counts as
    cancelled when it last changed, else at its start).
    """
    now = as_utc(now, "now")
    kept = []
    for event in events:
        if event.cancelled:
            when = event.cancelled_utc or event.updated_utc or event.start_utc
            keep = when >= now - CANCELLED_KEPT
        else:
            keep = event.end_utc >= now - PAST_KEPT
        if keep:
            kept.append(event)
    return sorted(kept, key=lambda e: (e.start_utc, str(e.uid)))
