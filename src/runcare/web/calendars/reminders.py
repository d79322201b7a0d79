"""E-mail reminders of booked appointments, each sent exactly once.

``runcare send-reminders`` runs this from cron every few minutes, possibly on two machines
at once. Each reminder is claimed before it is sent, with one conditional UPDATE
(``reminder_sent_at`` from empty to now): the database lets exactly one claimer change the
row, and only that one sends. A send that fails gives its claim back, so the next run tries
again. A moved appointment has its ``reminder_sent_at`` emptied by the booking app (it gets a
reminder of its new time); a cancelled one is never claimed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import QuerySet
from django.urls import reverse

from runcare.web.booking.models import Appointment, Status
from runcare.web.calendars.services import appointment_ics

logger = logging.getLogger(__name__)

DEFAULT_BEFORE = timedelta(hours=24)


@dataclass
class ReminderRun:
    """What one run did, by appointment id."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    # Due, but the runner has no e-mail address: nothing to claim, nothing sent.
    no_address: list[int] = field(default_factory=list)
    # Due and addressed (a dry run sends none of them).
    due: list[Appointment] = field(default_factory=list)


def due(now: datetime, before: timedelta) -> QuerySet[Appointment]:
    """Booked appointments starting after ``now`` and at most ``before`` later, not yet
    reminded, of runners who may still log in."""
    return (
        Appointment.objects.filter(
            status=Status.BOOKED,
            runner__is_active=True,
            reminder_sent_at__isnull=True,
            start_utc__gt=now,
            start_utc__lte=now + before,
        )
        .select_related("runner", "therapist")
        .order_by("start_utc", "pk")
    )


def claim(appointment: Appointment, now: datetime) -> bool:
    """Whether this caller won the reminder of ``appointment`` as it was read.

    Outside any transaction the UPDATE commits at once. On PostgreSQL a second claimer waits
    for the first one's row lock, then finds ``reminder_sent_at`` set and changes nothing; on
    SQLite writers take turns. The time and sequence must still be those read: an
    appointment moved meanwhile is left for the next run, which reads its new time.
    """
    claimed = Appointment.objects.filter(
        pk=appointment.pk,
        reminder_sent_at__isnull=True,
        status=Status.BOOKED,
        sequence=appointment.sequence,
        start_utc=appointment.start_utc,
    ).update(reminder_sent_at=now)
    return claimed == 1


def release(appointment: Appointment, claimed_at: datetime) -> None:
    """Give a claim back after a failed send, unless something changed the row since."""
    Appointment.objects.filter(pk=appointment.pk, reminder_sent_at=claimed_at).update(
        reminder_sent_at=None
    )


def message(
    appointment: Appointment, now: datetime, connection: BaseEmailBackend | None = None
) -> EmailMessage:
    """The reminder: when and with whom, in the runner's zone, and the appointment's file.

    Nothing about health: e-mail passes through other people's servers and is read on lock
    screens.
    """
    runner, therapist = appointment.runner, appointment.therapist
    start = appointment.start_utc.astimezone(runner.zone)
    when = f"{start:%A} {start.day} {start:%B} at {start:%H:%M}"
    body = "\n\n".join(
        (
            f"Hello {runner.name},",
            f"a reminder of your massage session with {therapist.name}: {when} "
            f"({start.tzname()}, {appointment.length_min} minutes).",
            *_how_to_change(appointment),
        )
    )
    reply_to = [therapist.email] if therapist.email else []
    mail = EmailMessage(
        # One line whatever a name holds: a line break in a header is refused by Django.
        subject=" ".join(f"Reminder: massage session with {therapist.name}, {when}".split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[runner.email],
        reply_to=reply_to,
        connection=connection,
    )
    mail.attach(
        "massage-session.ics",
        appointment_ics(appointment, runner, now),
        "text/calendar; charset=utf-8; method=PUBLISH",
    )
    return mail


def _how_to_change(appointment: Appointment) -> tuple[str, ...]:
    """Where to move or cancel the session: its page and file when the site's public address
    is set (``RUNCARE_SITE_URL``), else the words alone. A cron job has no request to take
    the address from, and a guessed one would send runners to the wrong place.

    The links name the appointment's number only; both pages ask the runner to log in.
    """
    site = settings.SITE_URL
    if not site:
        return (
            "To move or cancel it, open runcare, or call your therapist if it is too close "
            "to the session to change it there.",
            "The attached file adds the session to your calendar.",
        )
    page = site + reverse("booking:appointment", args=[appointment.pk])
    ics = site + reverse("calendars:appointment", args=[appointment.pk])
    # Each address on a line of its own: a mail program then links the whole of it.
    return (
        "To move or cancel it, open it in runcare, or call your therapist if it is too "
        f"close to the session to change it there:\n{page}",
        f"The attached file adds the session to your calendar; it is also here:\n{ics}",
    )


def send_reminders(
    now: datetime, before: timedelta = DEFAULT_BEFORE, *, dry_run: bool = False
) -> ReminderRun:
    """Send the reminder of every due appointment that this run manages to claim."""
    run = ReminderRun()
    for appointment in due(now, before):
        if not appointment.runner.email:
            run.no_address.append(appointment.pk)
            continue
        run.due.append(appointment)
    if dry_run:
        return run
    connection = get_connection()
    for appointment in run.due:
        if not claim(appointment, now):
            continue
        try:
            message(appointment, now, connection).send()
        except Exception:
            # SMTP refused, the network is down, a bug: the claim goes back for the next run.
            logger.exception("Reminder for appointment %s not sent", appointment.pk)
            release(appointment, now)
            run.failed.append(appointment.pk)
        else:
            run.sent.append(appointment.pk)
    return run
