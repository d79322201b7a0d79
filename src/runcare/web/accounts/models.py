"""Therapists, their runners, single-use invitations, the login and reset throttles."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac


def validate_time_zone(name: str) -> None:
    if name and name not in available_timezones():
        raise ValidationError(f"{name!r} is not a time zone runcare knows (e.g. Europe/Berlin).")


class Role(models.TextChoices):
    THERAPIST = "therapist", "Therapist"
    RUNNER = "runner", "Runner"


class User(AbstractUser):
    """A person who logs in. A runner belongs to exactly one therapist."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RUNNER)
    therapist = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clients",
        limit_choices_to={"role": Role.THERAPIST},
    )
    display_name = models.CharField(max_length=120, blank=True)
    # Where this person's calendar days are counted when a file carries no UTC offset
    # (GPX, TCX, Strava rows); blank means the app's RUNCARE_TIME_ZONE.
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    # A client the therapist no longer sees: hidden from her list, every record kept.
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="runner_has_therapist_or_is_therapist",
                condition=models.Q(role="therapist", therapist__isnull=True)
                | models.Q(role="runner"),
            )
        ]

    @property
    def zone(self) -> ZoneInfo:
        """The zone of this person's calendar days (their own, else the app's)."""
        try:
            return ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_runner(self) -> bool:
        return self.role == Role.RUNNER

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def can_see(self, runner: User) -> bool:
        """The one ownership rule: a runner sees themself, a therapist her own clients."""
        if self.is_runner:
            return self.pk == runner.pk
        return runner.therapist_id == self.pk


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self, now: datetime) -> InvitationQuerySet:
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """A single-use, expiring link a therapist sends to a new runner.

    Only a hash of the token is stored, so a copy of the database cannot be used to sign up.
    """

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    display_name = models.CharField(max_length=120, blank=True)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    runner = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    objects = InvitationQuerySet.as_manager()

    @classmethod
    def issue(
        cls, therapist: User, email: str, *, now: datetime, days: int, display_name: str = ""
    ) -> tuple[Invitation, str]:
        """Create an invitation; returns it with the clear token, shown once."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            therapist=therapist,
            email=email,
            display_name=display_name,
            token_sha256=_hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token: str, *, now: datetime) -> Invitation | None:
        return cls.objects.usable(now).filter(token_sha256=_hash_token(token)).first()


def throttle_key(username: str) -> str:
    """The name a failed login is counted under.

    The login form strips spaces and applies NFKC before it looks the user up, so "rita ",
    "RITA" and full-width letters must all count as "rita", or each spelling would get a
    fresh allowance of guesses.
    """
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


class LoginAttempt(models.Model):
    """A failed login, counted per user name and address to slow guessing down
    (``runcare.web.accounts.throttle``)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    # Longer than any window the throttle looks at; the rows are not kept beyond that.
    KEEP = timedelta(days=1)

    @classmethod
    def record_failure(cls, username: str, ip: str | None, *, now: datetime) -> None:
        cls.objects.create(username=throttle_key(username), ip_address=ip, at=now)
        cls.objects.filter(at__lt=now - cls.KEEP).delete()

    @classmethod
    def forget(cls, username: str, ip: str | None) -> None:
        """The right password from this address: its earlier failures for the name end."""
        cls.objects.filter(username=throttle_key(username), ip_address=ip).delete()


def reset_key(email: str) -> str:
    """The name a password reset request is counted under: a keyed digest of the address.

    Anyone may type any address, so the address itself is not stored. It is normalised the
    way the reset form looks accounts up (case-insensitively), or each spelling of one
    address would get a fresh allowance of mails.
    """
    normal = unicodedata.normalize("NFKC", email).strip().casefold()
    return salted_hmac("runcare.accounts.reset-request", normal).hexdigest()[:40]


class ResetRequest(models.Model):
    """A "Forgot your password?" request, counted per e-mail address and per client address
    so the form cannot be used to flood a mailbox (``runcare.web.accounts.throttle``)."""

    email_key = models.CharField(max_length=40, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    # Longer than the hour the throttle looks at; the rows are not kept beyond that.
    KEEP = timedelta(days=1)

    @classmethod
    def record(cls, email: str, ip: str | None, *, now: datetime) -> None:
        cls.objects.create(email_key=reset_key(email), ip_address=ip, at=now)
        cls.objects.filter(at__lt=now - cls.KEEP).delete()
