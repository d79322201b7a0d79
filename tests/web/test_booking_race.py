"""Many people, one slot, the same moment: exactly one booking wins and the others read
"that time was just taken". Runs on SQLite and, with DATABASE_URL set, on PostgreSQL; each
thread has a database connection of its own, and the last test sends real HTTP requests to
the live server at once."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from runcare.web.accounts.models import User
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


def _session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _post_booking(base_url: str, user: User, runner: User, start: str) -> tuple[int, str]:
    """Log in by cookie, read the page's CSRF token, post the slot: as a browser does."""
    url = base_url + reverse("booking:book", args=[runner.pk])
    jar = [_session_cookie(user)]
    with urlopen(Request(url, headers={"Cookie": jar[0]})) as page:  # noqa: S310 - the live test server
        html = page.read().decode()
        for header in page.headers.get_all("Set-Cookie") or []:
            jar.append(header.split(";", 1)[0])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    body = urlencode({"csrfmiddlewaretoken": token.group(1), "start": start, "length": "60"})
    headers = {"Cookie": "; ".join(jar), "Referer": url}
    request = Request(url, data=body.encode(), headers=headers)  # noqa: S310 - the live test server
    with urlopen(request) as answer:  # noqa: S310 - the live test server
        return answer.status, answer.read().decode()


def test_simultaneous_http_requests_for_one_slot_book_it_once(
    personas: Personas, runners: list, live_server: Any
) -> None:
    when = berlin(WEDNESDAY, 15)
    answers: list[tuple[int, str]] = []
    start = threading.Barrier(len(runners))

    def run(runner: User) -> None:
        try:
            start.wait()
            answers.append(_post_booking(live_server.url, runner, runner, when.isoformat()))
        finally:
            connection.close()

    with override_settings(ALLOWED_HOSTS=["*"]):
        threads = [threading.Thread(target=run, args=(r,)) for r in runners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert len(answers) == len(runners)
    # The winner is redirected to the appointment; every other page says the time was taken.
    won = [html for _, html in answers if "<h1>Appointment</h1>" in html]
    taken = [html for _, html in answers if "That time was just taken" in html]
    assert (len(won), len(taken)) == (1, len(runners) - 1)
    assert Appointment.objects.filter(status=Status.BOOKED, start_utc=when).count() == 1
