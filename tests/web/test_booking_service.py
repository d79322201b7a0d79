"""Booking, moving and cancelling through the service every page calls: who may, when, and
the refusals a person reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcare.booking import Refusal
from runcare.web.booking.models import Appointment, BookingSettings, Status
from runcare.web.booking.services import (
    BookingRefusedError,
    NotAllowedError,
    book,
    can_change,
    cancel,
    move,
    next_for,
    offer,
    upcoming,
)
from runcare.web.exercises.handout import next_appointment
from tests.web.booking_helpers import NOW, berlin, open_weekdays
from tests.web.conftest import Personas

TUESDAY = date(2031, 6, 3)
WEDNESDAY = date(2031, 6, 4)


@pytest.fixture
def opened(personas: Personas) -> Personas:
    open_weekdays(personas.therapist, lengths=[30, 60])
    return personas


def test_it_books_a_free_time_for_the_runner_with_their_therapist(opened: Personas) -> None:
    runner = opened.runner
    appointment = book(runner, berlin(WEDNESDAY, 10), 60, runner, now=NOW)
    assert appointment.therapist == opened.therapist
    assert appointment.end_utc - appointment.start_utc == timedelta(minutes=60)
    assert (appointment.status, appointment.sequence) == (Status.BOOKED, 0)
    assert appointment.booked_by == runner
    assert appointment.uid is not None


def test_a_second_booking_of_an_overlapping_time_is_refused(opened: Personas) -> None:
    book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.therapist, now=NOW)
    with pytest.raises(BookingRefusedError, match="just taken") as refused:
        book(opened.runner, berlin(WEDNESDAY, 10, 30), 30, opened.runner, now=NOW)
    assert refused.value.why is Refusal.TAKEN
    # Back to back is fine, and a cancelled time is free again.
    book(opened.runner, berlin(WEDNESDAY, 11), 60, opened.runner, now=NOW)


def test_a_cancelled_time_is_free_again(opened: Personas) -> None:
    first = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    cancel(first, opened.runner, NOW)
    again = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    assert again.uid != first.uid


def test_the_cutoff_binds_the_runner_but_not_the_therapist(opened: Personas) -> None:
    soon = berlin(TUESDAY, 9)  # 25 hours ahead, then only 3 hours ahead
    with pytest.raises(BookingRefusedError, match="too soon"):
        book(opened.runner, berlin(date(2031, 6, 2), 11), 60, opened.runner, now=NOW)
    appointment = book(opened.runner, soon, 60, opened.runner, now=NOW)
    later = soon - timedelta(hours=3)
    assert not can_change(appointment, opened.runner, later)
    with pytest.raises(BookingRefusedError, match="please call"):
        cancel(appointment, opened.runner, later)
    with pytest.raises(BookingRefusedError, match="please call"):
        move(appointment, berlin(WEDNESDAY, 9), 60, opened.runner, later)
    assert can_change(appointment, opened.therapist, later)
    moved = move(appointment, berlin(WEDNESDAY, 9), 60, opened.therapist, later)
    assert moved.uid == appointment.uid
    assert moved.sequence == 1
    cancelled = cancel(moved, opened.therapist, later)
    assert (cancelled.status, cancelled.sequence, cancelled.cancelled_at) == (
        Status.CANCELLED,
        2,
        later,
    )


def test_a_move_may_overlap_its_own_old_time_but_not_another(opened: Personas) -> None:
    appointment = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    book(opened.runner, berlin(WEDNESDAY, 13), 60, opened.therapist, now=NOW)
    moved = move(appointment, berlin(WEDNESDAY, 10, 30), 60, opened.runner, NOW)
    assert moved.start_utc == berlin(WEDNESDAY, 10, 30)
    with pytest.raises(BookingRefusedError, match="just taken"):
        move(moved, berlin(WEDNESDAY, 13, 30), 60, opened.runner, NOW)
    with pytest.raises(BookingRefusedError, match="outside the opening hours"):
        move(moved, berlin(WEDNESDAY, 11, 30), 60, opened.runner, NOW)


def test_a_cancelled_appointment_cannot_be_moved_or_cancelled_again(opened: Personas) -> None:
    appointment = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    cancel(appointment, opened.runner, NOW)
    with pytest.raises(BookingRefusedError, match="cancelled already"):
        cancel(appointment, opened.therapist, NOW)
    with pytest.raises(BookingRefusedError, match="cancelled already"):
        move(appointment, berlin(WEDNESDAY, 14), 60, opened.therapist, NOW)


def test_a_length_not_offered_is_refused(opened: Personas) -> None:
    with pytest.raises(BookingRefusedError, match="length"):
        book(opened.runner, berlin(WEDNESDAY, 10), 45, opened.runner, now=NOW)


def test_runners_may_not_book_when_she_books_herself(opened: Personas) -> None:
    BookingSettings.objects.filter(therapist=opened.therapist).update(runners_may_book=False)
    with pytest.raises(BookingRefusedError, match="ask her"):
        book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.therapist, now=NOW)


def test_nobody_else_books_for_a_runner(opened: Personas) -> None:
    for outsider in (opened.other_therapist, opened.stranger):
        with pytest.raises(NotAllowedError):
            book(opened.runner, berlin(WEDNESDAY, 10), 60, outsider, now=NOW)
    # A stranger cannot book with another therapist either: they have their own.
    with pytest.raises(NotAllowedError):
        book(opened.stranger, berlin(WEDNESDAY, 10), 60, opened.therapist, now=NOW)
    assert not Appointment.objects.exists()


def test_the_offer_leaves_out_a_booked_time_and_the_runners_cutoff(opened: Personas) -> None:
    book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    for_runner = offer(opened.runner, opened.runner, 60, NOW)
    starts = {s.start_utc for s in for_runner.slots}
    assert berlin(WEDNESDAY, 10) not in starts and berlin(WEDNESDAY, 11) in starts
    assert min(starts) >= NOW + timedelta(hours=24)
    for_her = offer(opened.runner, opened.therapist, 30, NOW)
    assert for_her.length_min == 30 and for_her.lengths_min == [30, 60]
    assert min(s.start_utc for s in for_her.slots) == berlin(date(2031, 6, 2), 9)
    # An unknown length falls back to her first.
    assert offer(opened.runner, opened.runner, 999, NOW).length_min == 30


def test_the_next_appointment_is_the_soonest_booked_one_not_yet_started(
    opened: Personas,
) -> None:
    later = book(opened.runner, berlin(date(2031, 6, 11), 10), 60, opened.runner, now=NOW)
    sooner = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    assert next_for(opened.runner, NOW) == sooner
    assert next_appointment(opened.runner, NOW) == sooner.start_utc
    cancel(sooner, opened.therapist, NOW)
    assert next_for(opened.runner, NOW) == later
    assert [a.pk for a in upcoming(now=NOW, therapist=opened.therapist)] == [later.pk]
    assert next_for(opened.runner, later.start_utc + timedelta(minutes=1)) is None
    assert next_appointment(opened.stranger, NOW) is None


def test_a_runner_who_changed_therapist_cannot_change_the_old_appointment(
    opened: Personas,
) -> None:
    appointment = book(opened.runner, berlin(WEDNESDAY, 10), 60, opened.runner, now=NOW)
    opened.runner.therapist = opened.other_therapist
    opened.runner.save(update_fields=["therapist"])
    appointment.refresh_from_db()
    with pytest.raises(NotAllowedError):
        cancel(appointment, opened.runner, NOW)
