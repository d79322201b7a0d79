"""The demo diary: opening hours, a past session for each runner, the next one for Mia and
Lena (booked from Mia's signed note), none for Jonas while a red flag is open, and one of
Lena's within the reminders' window, whatever the time of the seeding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from runcare.cli.main import main
from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.booking.demo import SOON_LEAD, seed_hours, seed_soon
from runcare.web.booking.models import Appointment, OpeningHours
from runcare.web.booking.services import next_for, offer
from runcare.web.calendars.reminders import DEFAULT_BEFORE
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def test_the_demo_has_hours_and_a_sensible_diary_once() -> None:
    now = timezone.now()
    demo.seed_demo(now)
    therapist = User.objects.get(username=demo.THERAPIST)
    assert OpeningHours.objects.filter(therapist=therapist).count() == 11
    for username in (demo.TOO_MUCH, demo.RED_FLAG, demo.FINE):
        runner = User.objects.get(username=username)
        past = Appointment.objects.filter(runner=runner, start_utc__lt=now)
        assert past.count() == 1, username
        upcoming = next_for(runner, now)
        later = Appointment.objects.filter(runner=runner, start_utc__gte=now + timedelta(days=7))
        if username == demo.RED_FLAG:
            assert upcoming is None
        else:
            assert upcoming is not None and later.count() == 1, username
        if username == demo.TOO_MUCH:
            assert upcoming == later.get()
        if username == demo.FINE:
            assert upcoming is not None and upcoming != later.get()
            assert now + SOON_LEAD <= upcoming.start_utc < now + DEFAULT_BEFORE
    mia = User.objects.get(username=demo.TOO_MUCH)
    mia_next = next_for(mia, now)
    assert mia_next is not None and mia_next.session_note is not None
    count = Appointment.objects.count()
    demo.seed_demo(now + timedelta(minutes=5))
    assert Appointment.objects.count() == count
    assert OpeningHours.objects.count() == 11
    times = sorted((a.start_utc, a.end_utc) for a in Appointment.objects.all())
    assert all(end <= start for (_, end), (start, _) in pairwise(times))


def test_send_reminders_on_the_demo_sends_lenas_reminder_once(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    demo.seed_demo(timezone.now())
    assert main(["send-reminders"]) == 0
    assert "Sent 1 reminder." in capsys.readouterr().out
    (reminder,) = mail.outbox
    assert reminder.to == ["lena@example.org"]
    assert "Hanna Berg" in reminder.subject
    demo.seed_demo(timezone.now())
    assert main(["send-reminders"]) == 0
    assert "Sent 0 reminders." in capsys.readouterr().out
    assert len(mail.outbox) == 1


# Any minute of a week (and of the nights the clocks change in Berlin).
SEEDING_TIMES = st.datetimes(
    min_value=datetime(2026, 3, 23), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)
)


@hypothesis_settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(now=SEEDING_TIMES)
# A Saturday evening before the spring clock change: no opening hour in the next day.
@example(now=datetime(2026, 3, 28, 19, 0, tzinfo=UTC))
# A Friday evening: Saturday morning's hours are in the window.
@example(now=datetime(2026, 10, 23, 18, 30, tzinfo=UTC))
def test_the_soon_session_starts_inside_the_window_on_a_working_hour(
    personas: Personas, now: datetime
) -> None:
    therapist, runner = personas.therapist, personas.runner
    therapist.time_zone = demo.DEMO_TIME_ZONE
    therapist.save()
    seed_hours(therapist)
    with transaction.atomic():
        offered = offer(runner, therapist, 60, now).slots
        soon = seed_soon(runner, therapist, now, DEFAULT_BEFORE)
        assert now + SOON_LEAD <= soon.start_utc < now + DEFAULT_BEFORE
        local = soon.start_utc.astimezone(therapist.zone)
        assert 9 <= local.hour <= 17 and local.minute % 15 == 0
        assert soon.end_utc == soon.start_utc + timedelta(minutes=60)
        in_hours = [s for s in offered if now + SOON_LEAD <= s.start_utc < now + DEFAULT_BEFORE]
        # Within her hours whenever they leave a free hour in the window, and then the first.
        assert (soon.start_utc == in_hours[0].start_utc) if in_hours else local.minute == 0
        transaction.set_rollback(True)
