"""Booking, moving and cancelling appointments; the free slots a page offers.

This module queries and stores; ``runcare.booking`` decides. Every change takes the
therapist's ``BookingSettings`` row with ``select_for_update()`` inside one transaction and
checks for overlaps only then, so two people booking the same time at the same moment are
served one after the other and the second is refused. (SQLite runs each transaction with
``BEGIN IMMEDIATE``, which serialises writers the same way.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from runcare.booking import (
    Busy,
    Hours,
    Refusal,
    Slot,
    change_refusal,
    free_slots,
    refusal,
)
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment, BookingSettings, OpeningHours, Status
from runcare.web.care.models import SessionNote


class BookingRefusedError(Exception):
    """A booking, move or cancellation that cannot be done; ``str()`` is for a person."""

    def __init__(self, why: Refusal) -> None:
        super().__init__(why.value)
        self.why = why


class NotAllowedError(Exception):
    """The person acting is neither the runner nor the runner's therapist."""


def settings_for(therapist: User) -> BookingSettings:
    """Her settings row, created with the defaults the first time (it is also the lock)."""
    row, _ = BookingSettings.objects.get_or_create(therapist=therapist)
    return row


def read_settings(therapist: User) -> BookingSettings:
    """Her settings for reading: the stored row, else the defaults (nothing written)."""
    row = BookingSettings.objects.filter(therapist=therapist).first()
    return row or BookingSettings(therapist=therapist)


def hours_of(therapist: User) -> list[Hours]:
    return [row.hours() for row in OpeningHours.objects.filter(therapist=therapist)]


def busy_of(therapist: User, after: datetime, *, leave_out: int | None = None) -> list[Busy]:
    rows = Appointment.objects.filter(therapist=therapist, status=Status.BOOKED, end_utc__gt=after)
    if leave_out is not None:
        rows = rows.exclude(pk=leave_out)
    return [row.busy() for row in rows]


def _therapist_of(runner: User, by: User) -> User:
    therapist = runner.therapist
    if therapist is None or not runner.is_runner:
        raise NotAllowedError("only a runner with a therapist has appointments")
    if by.pk not in (runner.pk, therapist.pk):
        raise NotAllowedError("only the runner or their therapist books for them")
    return therapist


def _cutoff_for(by: User, settings: BookingSettings) -> int:
    # The therapist keeps her own diary: the cut-off binds the runner only.
    return 0 if by.is_therapist else settings.cutoff_h


def _lock(therapist: User) -> BookingSettings:
    return BookingSettings.objects.select_for_update().get(therapist=therapist)


def _check(
    settings: BookingSettings,
    start_utc: datetime,
    length_min: int,
    by: User,
    *,
    now: datetime,
    leave_out: int | None = None,
) -> None:
    therapist = settings.therapist
    if length_min not in settings.lengths():
        raise BookingRefusedError(Refusal.LENGTH)
    why = refusal(
        start_utc,
        length_min,
        hours_of(therapist),
        therapist.zone,
        busy_of(therapist, now - timedelta(days=1), leave_out=leave_out),
        now=now,
        cutoff_h=_cutoff_for(by, settings),
    )
    if why is not None:
        raise BookingRefusedError(why)


def book(
    runner: User,
    start_utc: datetime,
    length_min: int,
    by: User,
    *,
    now: datetime,
    session_note: SessionNote | None = None,
) -> Appointment:
    """Book ``length_min`` minutes from ``start_utc`` for ``runner`` with their therapist.

    Raises ``BookingRefusedError`` (the time is taken, closed, past or too soon; runners may not
    book) or ``NotAllowedError`` (``by`` is neither the runner nor their therapist).
    """
    therapist = _therapist_of(runner, by)
    settings_for(therapist)
    with transaction.atomic():
        settings = _lock(therapist)
        if by.is_runner and not settings.runners_may_book:
            raise BookingRefusedError(Refusal.RUNNERS_MAY_NOT_BOOK)
        _check(settings, start_utc, length_min, by, now=now)
        return Appointment.objects.create(
            therapist=therapist,
            runner=runner,
            start_utc=start_utc,
            end_utc=start_utc + timedelta(minutes=length_min),
            booked_by=by,
            created_at=now,
            updated_at=now,
            session_note=session_note,
        )


def _locked_appointment(
    appointment: Appointment, by: User, now: datetime
) -> tuple[Appointment, BookingSettings]:
    """The appointment read again under its therapist's lock, checked still changeable."""
    therapist = _therapist_of(appointment.runner, by)
    if therapist.pk != appointment.therapist_id:
        raise NotAllowedError("the runner has moved to another therapist")
    settings = _lock(therapist)
    fresh = Appointment.objects.get(pk=appointment.pk)
    if not fresh.is_booked:
        raise BookingRefusedError(Refusal.NOT_BOOKED)
    why = change_refusal(fresh.start_utc, now, _cutoff_for(by, settings))
    if why is not None:
        raise BookingRefusedError(why)
    return fresh, settings


def move(
    appointment: Appointment, start_utc: datetime, length_min: int, by: User, now: datetime
) -> Appointment:
    """Move a booked appointment; its ``uid`` stays and its ``sequence`` rises by one."""
    settings_for(appointment.therapist)
    with transaction.atomic():
        fresh, settings = _locked_appointment(appointment, by, now)
        _check(settings, start_utc, length_min, by, now=now, leave_out=fresh.pk)
        fresh.start_utc = start_utc
        fresh.end_utc = start_utc + timedelta(minutes=length_min)
        fresh.sequence += 1
        fresh.updated_at = now
        # A moved appointment deserves a reminder of its new time.
        fresh.reminder_sent_at = None
        # Only what a move changes: the reminder sender writes its own field without our lock.
        fresh.save(
            update_fields=["start_utc", "end_utc", "sequence", "updated_at", "reminder_sent_at"]
        )
        return fresh


def cancel(appointment: Appointment, by: User, now: datetime) -> Appointment:
    """Cancel a booked appointment; it is kept, marked cancelled, ``sequence`` + 1."""
    settings_for(appointment.therapist)
    with transaction.atomic():
        fresh, _ = _locked_appointment(appointment, by, now)
        fresh.status = Status.CANCELLED
        fresh.cancelled_at = now
        fresh.sequence += 1
        fresh.updated_at = now
        fresh.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        return fresh


def why_not_change(appointment: Appointment, by: User, now: datetime) -> Refusal | None:
    """Why ``by`` may not move or cancel it now (what the pages say), or ``None`` if they may."""
    if not appointment.is_booked:
        return Refusal.NOT_BOOKED
    cutoff_h = 0 if by.is_therapist else read_settings(appointment.therapist).cutoff_h
    return change_refusal(appointment.start_utc, now, cutoff_h)


def can_change(appointment: Appointment, by: User, now: datetime) -> bool:
    """Whether ``by`` may still move or cancel it (for showing the buttons or "please call").
    One that has begun is history: nobody moves it, the therapist neither."""
    return why_not_change(appointment, by, now) is None


def upcoming(
    *, now: datetime, runner: User | None = None, therapist: User | None = None
) -> list[Appointment]:
    """Booked appointments not yet over, soonest first, for one runner or one therapist."""
    rows = Appointment.objects.filter(status=Status.BOOKED, end_utc__gt=now)
    if runner is not None:
        rows = rows.filter(runner=runner)
    if therapist is not None:
        rows = rows.filter(therapist=therapist)
    return list(rows.select_related("runner", "therapist"))


def next_for(runner: User, now: datetime) -> Appointment | None:
    """The runner's next booked appointment that has not started yet."""
    return (
        Appointment.objects.filter(runner=runner, status=Status.BOOKED, start_utc__gte=now)
        .order_by("start_utc")
        .first()
    )


@dataclass(frozen=True)
class Offer:
    """The free slots shown for one session length."""

    length_min: int
    lengths_min: list[int]
    slots: list[Slot]


def offer(
    runner: User, by: User, length_min: int | None, now: datetime, *, leave_out: int | None = None
) -> Offer:
    """The free slots of the runner's therapist for ``length_min`` (else her first length),
    as ``by`` may book them (the cut-off binds a runner); ``leave_out`` is the appointment
    being moved, whose own time counts as free."""
    therapist = _therapist_of(runner, by)
    settings = read_settings(therapist)
    lengths = settings.lengths()
    chosen = length_min if length_min in lengths else lengths[0]
    slots = free_slots(
        hours_of(therapist),
        therapist.zone,
        chosen,
        busy_of(therapist, now, leave_out=leave_out),
        now,
        cutoff_h=_cutoff_for(by, settings),
    )
    return Offer(chosen, lengths, slots)
