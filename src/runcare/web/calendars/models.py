"""A person's private calendar feed: a secret link that phone calendars subscribe to.

Only a SHA-256 hash of the secret is stored, like an invitation's: a copy of the database
cannot be used to read anyone's appointments, and the link is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import models

from runcare.web.accounts.models import User


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """One live feed per person; making a new link replaces the row, so the old one stops."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    @classmethod
    def issue(cls, person: User, now: datetime) -> tuple[CalendarFeed, str]:
        """A new secret for ``person``, revoking the old one; returns the row and the secret."""
        # 32 random bytes: a link nobody can guess, whatever the number of tries.
        token = secrets.token_urlsafe(32)
        feed, _ = cls.objects.update_or_create(
            person=person, defaults={"token_sha256": hash_token(token), "created_at": now}
        )
        return feed, token

    @classmethod
    def find(cls, token: str) -> CalendarFeed | None:
        """The feed of ``token``, if its person may still log in. The database compares
        hashes, never the secret itself, so how long a comparison takes says nothing about
        the secret."""
        # A deactivated account's calendar stops with its log-in.
        found = cls.objects.select_related("person").filter(token_sha256=hash_token(token))
        return found.filter(person__is_active=True).first()
