"""Write events as an iCalendar (RFC 5545) object with the ``icalendar`` library.

All times are written in UTC (``DTSTART:20260329T080000Z``): a UTC time means one instant
whatever the reader's zone and whatever daylight saving does, and every calendar app shows
it in the phone's own zone. No VTIMEZONE is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from icalendar import Calendar, Event, vDuration

from runcare.calendar.model import CalendarEvent, as_utc

PRODID = "-//runcare//appointments//EN"
UID_DOMAIN = "runcare"
# How often a subscribed feed asks to be fetched again (RFC 7986 REFRESH-INTERVAL, and the
# older X-PUBLISHED-TTL that some apps read instead). Apps may wait longer; none may not.
REFRESH = timedelta(hours=1)
METHODS = frozenset({"PUBLISH"})


def event_uid(uid: UUID) -> str:
    """The UID calendars know the appointment by: ``<uuid>@runcare``, the same forever."""
    return f"{uid}@{UID_DOMAIN}"


def build_calendar(
    events: Iterable[CalendarEvent], *, now: datetime, name: str = "", method: str | None = None
) -> bytes:
    """A VCALENDAR holding ``events``, as the bytes of an ``.ics`` file.

    ``method="PUBLISH"`` marks a file sent once (a download, an e-mail attachment): then each
    DTSTAMP is ``now``, the moment the file was made. Without a method (a subscribed feed)
    DTSTAMP is when the appointment last changed (RFC 5545, 3.8.7.2), so an unchanged event
    reads the same on every fetch. ``name`` is the calendar's name in the phone's list.
    """
    if method is not None and method not in METHODS:
        raise ValueError(f"unsupported METHOD {method!r}")
    now = as_utc(now, "now")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    else:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    for event in events:
        stamp = now if method is not None else (event.updated_utc or now)
        calendar.add_component(_vevent(event, stamp))
    return bytes(calendar.to_ical())


def _vevent(event: CalendarEvent, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event.uid))
    vevent.add("dtstamp", as_utc(stamp, "the stamp"))
    vevent.add("dtstart", event.start_utc)
    vevent.add("dtend", event.end_utc)
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    # Busy while booked; a cancelled slot no longer blocks the reader's time.
    vevent.add("transp", "TRANSPARENT" if event.cancelled else "OPAQUE")
    summary = f"Cancelled: {event.summary}" if event.cancelled else event.summary
    vevent.add("summary", summary)
    if event.updated_utc is not None:
        vevent.add("last-modified", event.updated_utc)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    return vevent
