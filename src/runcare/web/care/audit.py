"""The audit log of a client's plans and notes: one function writes it, every view calls it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from runcare.web.accounts.models import User
from runcare.web.care.models import AuditAction, AuditEvent


def record(
    actor: User,
    runner: User,
    action: AuditAction,
    what: str,
    object_id: int | None,
    *,
    now: datetime,
) -> AuditEvent:
    """Log that ``actor`` did ``action`` to ``runner``'s ``what`` (e.g. "session note")."""
    return AuditEvent.objects.create(
        at=now,
        actor=actor,
        actor_name=actor.name,
        runner=runner,
        runner_name=runner.name,
        therapist_id=runner.therapist_id,
        action=action,
        what=what,
        object_id=object_id,
    )


def events_for(therapist: User, runner: User | None = None) -> QuerySet[AuditEvent]:
    """The events of ``therapist``'s clients (one client's when ``runner`` is given), newest
    first; the id breaks ties, so a page never repeats or skips an entry of the same second."""
    events = AuditEvent.objects.filter(therapist=therapist)
    if runner is not None:
        events = events.filter(runner=runner)
    return events.order_by("-at", "-pk")
