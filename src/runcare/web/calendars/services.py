"""Load appointments, turn them into ``runcare.calendar`` events, write the ``.ics`` bytes.

This module queries; ``runcare.calendar`` decides what a feed holds and writes the files.
The words are the reader's own: a runner reads her therapist's name, a therapist her
client's. Nothing else about either person goes into a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet

from runcare.calendar import (
    CANCELLED_KEPT,
    PAST_KEPT,
    CalendarEvent,
    build_calendar,
    select_for_feed,
)
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment, Status

RUNNER_NOTE = "Booked in runcare. To move or cancel it, open runcare or call your therapist."
THERAPIST_NOTE = "Booked in runcare."


def summary_for(appointment: Appointment, reader: User) -> str:
    if reader.pk == appointment.therapist_id:
        return f"Massage session: {appointment.runner.name}"
    return f"Massage session with {appointment.therapist.name}"


def event_for(appointment: Appointment, reader: User) -> CalendarEvent:
    """The appointment as ``reader`` (its runner or its therapist) sees it in a calendar."""
    mine = reader.pk == appointment.therapist_id
    return CalendarEvent(
        uid=appointment.uid,
        start_utc=appointment.start_utc,
        end_utc=appointment.end_utc,
        summary=summary_for(appointment, reader),
        sequence=appointment.sequence,
        cancelled=appointment.status == Status.CANCELLED,
        updated_utc=appointment.updated_at,
        cancelled_utc=appointment.cancelled_at,
        description=THERAPIST_NOTE if mine else RUNNER_NOTE,
    )


def appointment_ics(appointment: Appointment, reader: User, now: datetime) -> bytes:
    """One appointment as a file to open once (``METHOD:PUBLISH``)."""
    return build_calendar([event_for(appointment, reader)], now=now, method="PUBLISH")


def appointments_of(person: User, now: datetime) -> QuerySet[Appointment]:
    """The appointments a feed of ``person`` may hold: hers as runner or as therapist, from
    the kept past on. ``select_for_feed`` then applies the exact rule."""
    mine = Q(therapist=person) if person.is_therapist else Q(runner=person)
    recent = Q(status=Status.BOOKED, end_utc__gte=now - PAST_KEPT) | Q(
        status=Status.CANCELLED, updated_at__gte=now - CANCELLED_KEPT
    )
    return (
        Appointment.objects.filter(mine & recent)
        .select_related("therapist", "runner")
        .order_by("start_utc", "pk")
    )


def feed_name(person: User) -> str:
    return "runcare: my clients" if person.is_therapist else "runcare: my massage sessions"


def feed_ics(person: User, now: datetime) -> bytes:
    """``person``'s subscribed calendar: her appointments, cancelled ones for a while."""
    events: Iterable[CalendarEvent] = (event_for(a, person) for a in appointments_of(person, now))
    return build_calendar(select_for_feed(events, now), now=now, name=feed_name(person))
