"""Appointments for the calendar and reminder tests, stored as the booking app stores them."""

from __future__ import annotations

from datetime import datetime, timedelta

from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment


def appointment(
    runner: User, start_utc: datetime, now: datetime, length_min: int = 60
) -> Appointment:
    assert runner.therapist is not None
    return Appointment.objects.create(
        therapist=runner.therapist,
        runner=runner,
        start_utc=start_utc,
        end_utc=start_utc + timedelta(minutes=length_min),
        booked_by=runner.therapist,
        created_at=now,
        updated_at=now,
    )
