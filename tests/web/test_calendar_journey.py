"""The whole way through the real booking services: the therapist books a client's next
session, both see it in their feeds, it moves and both feeds move it, the reminder arrives
once, and a cancellation shows as cancelled."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from runcare.web.booking.services import book, cancel, move
from runcare.web.calendars.models import CalendarFeed
from runcare.web.calendars.reminders import send_reminders
from tests.web.booking_helpers import NOW, berlin, open_weekdays
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2031, 6, 4)


@pytest.fixture(autouse=True)
def quick(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def feed_events(url: str) -> list[Any]:
    response = Client().get(url)
    assert response.status_code == 200
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_booked_moved_reminded_once_and_cancelled_in_both_calendars(personas: Personas) -> None:
    therapist, runner = personas.therapist, personas.runner
    runner.email = "rita@example.org"
    runner.time_zone = "Europe/Berlin"
    runner.save()
    open_weekdays(therapist)
    urls = {}
    for person in (runner, therapist):
        _, token = CalendarFeed.issue(person, NOW)
        urls[person.username] = reverse("calendars:feed", args=[token])

    booked = book(runner, berlin(WEDNESDAY, 10), 60, therapist, now=NOW)
    mine, hers = (feed_events(urls[p.username])[0] for p in (runner, therapist))
    assert str(mine["UID"]) == str(hers["UID"]) == f"{booked.uid}@runcare"
    assert str(mine["SUMMARY"]) == "Massage session with Thea Therapist"
    assert str(hers["SUMMARY"]) == "Massage session: Rita Runner"
    assert mine.decoded("DTSTART") == berlin(WEDNESDAY, 10)

    moved = move(booked, berlin(WEDNESDAY, 14), 60, therapist, NOW + timedelta(hours=1))
    for url in urls.values():
        (event,) = feed_events(url)
        assert str(event["UID"]) == f"{booked.uid}@runcare"
        assert int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART") == berlin(WEDNESDAY, 14)
        assert str(event["STATUS"]) == "CONFIRMED"

    the_day_before = berlin(WEDNESDAY, 14) - timedelta(hours=20)
    for minutes in (0, 5, 10):
        send_reminders(the_day_before + timedelta(minutes=minutes), timedelta(hours=24))
    (reminder,) = mail.outbox
    assert reminder.to == ["rita@example.org"] and "at 14:00" in reminder.subject

    cancel(moved, therapist, the_day_before + timedelta(hours=1))
    for url in urls.values():
        (event,) = feed_events(url)
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == 2
