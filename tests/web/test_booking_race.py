"""Many people, one slot, the same moment: exactly one booking wins and the others read
"that time was just taken". Runs on SQLite and, with DATABASE_URL set, on PostgreSQL; each
thread has a database connection of its own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection

from runcare.web.booking.models import Appointment, Status
from runcare.web.booking.services import BookingRefusedError, book, cancel, move
from tests.web.booking_helpers import NOW, berlin, open_weekdays
from tests.web.conftest import Personas, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WEDNESDAY = date(2031, 6, 4)


def race(attempts: list[Callable[[], object]]) -> list[str]:
    start = threading.Barrier(len(attempts))
    outcomes: list[str] = []

    def run(attempt: Callable[[], object]) -> None:
        try:
            start.wait()
            attempt()
            outcomes.append("won")
        except BookingRefusedError as refused:
            outcomes.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


@pytest.fixture
def runners(personas: Personas) -> list:
    open_weekdays(personas.therapist, lengths=[30, 60])
    others = [make_user(f"runner_{i}", "runner", personas.therapist) for i in range(5)]
    return [personas.runner, *others]


@pytest.mark.parametrize("rounds", range(3))
def test_of_six_simultaneous_bookings_of_one_slot_exactly_one_wins(
    personas: Personas, runners: list, rounds: int
) -> None:
    when = berlin(WEDNESDAY, 10)
    outcomes = race([lambda r=r: book(r, when, 60, r, now=NOW) for r in runners])
    assert outcomes.count("won") == 1
    assert all("just taken" in o for o in outcomes if o != "won")
    assert Appointment.objects.filter(status=Status.BOOKED).count() == 1
    assert rounds >= 0


@pytest.mark.parametrize("rounds", range(3))
def test_overlapping_not_equal_times_booked_at_once_do_not_both_win(
    personas: Personas, runners: list, rounds: int
) -> None:
    starts = [berlin(WEDNESDAY, 10, m) for m in (0, 15, 30, 45)]
    attempts = [
        lambda r=r, s=s: book(r, s, 60, personas.therapist, now=NOW)
        for r, s in zip(runners, starts, strict=False)
    ]
    outcomes = race(attempts)
    assert outcomes.count("won") == 1
    assert Appointment.objects.filter(status=Status.BOOKED).count() == 1
    assert rounds >= 0


def test_a_move_into_a_time_booked_at_the_same_moment_loses_one_of_them(
    personas: Personas, runners: list
) -> None:
    mine = book(runners[0], berlin(WEDNESDAY, 9), 60, runners[0], now=NOW)
    target = berlin(WEDNESDAY, 14)
    outcomes = race(
        [
            lambda: move(mine, target, 60, runners[0], NOW),
            lambda: book(runners[1], target, 60, runners[1], now=NOW),
        ]
    )
    assert outcomes.count("won") == 1
    assert Appointment.objects.filter(status=Status.BOOKED, start_utc=target).count() == 1


def test_two_cancellations_at_once_raise_the_sequence_once(
    personas: Personas, runners: list
) -> None:
    mine = book(runners[0], berlin(WEDNESDAY, 9), 60, runners[0], now=NOW)
    outcomes = race(
        [lambda: cancel(mine, runners[0], NOW), lambda: cancel(mine, personas.therapist, NOW)]
    )
    assert outcomes == ["This appointment is cancelled already.", "won"]
    mine.refresh_from_db()
    assert (mine.status, mine.sequence) == (Status.CANCELLED, 1)
