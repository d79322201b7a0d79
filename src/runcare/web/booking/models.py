"""A therapist's booking settings and opening hours, and the appointments booked with her.

The rules (which times are free, which may be booked) live in ``runcare.booking``; these rows
turn into its records through ``BookingSettings.lengths()``, ``OpeningHours.hours()`` and
``Appointment.busy()``. Booking itself goes through ``runcare.web.booking.services.book``,
which holds the lock that keeps two appointments of one therapist from overlapping.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from runcare.booking import MAX_LENGTH_MIN, Busy, Hours
from runcare.web.accounts.models import User
from runcare.web.care.models import SessionNote

DEFAULT_LENGTHS_MIN = [60]


def default_lengths() -> list[int]:
    return list(DEFAULT_LENGTHS_MIN)


class BookingSettings(models.Model):
    """One row per therapist. Its row is also the lock every booking with her takes."""

    therapist = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="booking_settings"
    )
    # Minutes, e.g. [30, 45, 60]; the first is the one offered first.
    session_lengths_min = models.JSONField(default=default_lengths)
    # Runners may move or cancel until this many hours before the start.
    cutoff_h = models.PositiveSmallIntegerField(default=24, validators=[MaxValueValidator(24 * 14)])
    runners_may_book = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def lengths(self) -> list[int]:
        valid = [int(m) for m in self.session_lengths_min if 0 < int(m) <= MAX_LENGTH_MIN]
        return sorted(set(valid)) or list(DEFAULT_LENGTHS_MIN)


class OpeningHours(models.Model):
    """One opening range on a weekday, wall-clock time in the therapist's zone."""

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(6)]
    )
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["therapist", "weekday", "start"]
        constraints = [
            models.CheckConstraint(
                name="opening_hours_end_after_start", condition=models.Q(end__gt=models.F("start"))
            ),
            models.CheckConstraint(
                name="opening_hours_weekday_0_6", condition=models.Q(weekday__lte=6)
            ),
        ]

    def hours(self) -> Hours:
        return Hours(self.weekday, self.start, self.end)


class Status(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class Appointment(models.Model):
    """A session booked between a therapist and her runner.

    ``uid`` is the appointment's identity in calendars and never changes; ``sequence`` rises
    by one on every move or cancellation so a calendar replaces its copy.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="appointments_given")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="appointments")
    start_utc = models.DateTimeField()
    end_utc = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    sequence = models.PositiveIntegerField(default=0)
    booked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    session_note = models.ForeignKey(
        SessionNote,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_appointments",
    )
    # When the reminder email went out; set by the reminder sender, once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start_utc"]
        indexes = [models.Index(fields=["therapist", "status", "start_utc"])]
        constraints = [
            models.CheckConstraint(
                name="appointment_ends_after_start",
                condition=models.Q(end_utc__gt=models.F("start_utc")),
            )
        ]

    @property
    def is_booked(self) -> bool:
        return self.status == Status.BOOKED

    @property
    def length_min(self) -> int:
        return int((self.end_utc - self.start_utc).total_seconds() // 60)

    def busy(self) -> Busy:
        return Busy(self.start_utc, self.end_utc)
