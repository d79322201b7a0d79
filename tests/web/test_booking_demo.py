"""The demo diary: opening hours, a past session for each runner, the next one for Mia and
Lena (booked from Mia's signed note), none for Jonas while a red flag is open."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment, OpeningHours
from runcare.web.booking.services import next_for

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
        if username == demo.RED_FLAG:
            assert upcoming is None
        else:
            assert upcoming is not None and upcoming.start_utc >= now + timedelta(days=7)
    mia = User.objects.get(username=demo.TOO_MUCH)
    mia_next = next_for(mia, now)
    assert mia_next is not None and mia_next.session_note is not None
    count = Appointment.objects.count()
    demo.seed_demo(now + timedelta(minutes=5))
    assert Appointment.objects.count() == count
    assert OpeningHours.objects.count() == 11
    times = sorted((a.start_utc, a.end_utc) for a in Appointment.objects.all())
    assert all(end <= start for (_, end), (start, _) in pairwise(times))
