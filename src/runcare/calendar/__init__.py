"""Appointments as iCalendar: one ``.ics`` file per appointment, and a person's feed.

Framework-free: frozen ``CalendarEvent`` records and the time of writing in, the bytes of a
VCALENDAR out, written with the ``icalendar`` library. See docs/calendars.md.
"""

from runcare.calendar.feed import CANCELLED_KEPT, PAST_KEPT, select_for_feed
from runcare.calendar.ics import PRODID, build_calendar, event_uid
from runcare.calendar.model import CalendarError, CalendarEvent

__all__ = [
    "CANCELLED_KEPT",
    "PAST_KEPT",
    "PRODID",
    "CalendarError",
    "CalendarEvent",
    "build_calendar",
    "event_uid",
    "select_for_feed",
]
