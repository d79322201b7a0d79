"""``runcare send-reminders [--before-h 24] [--dry-run]``: e-mail each runner a reminder of
her booked massage session, once, through the web app's e-mail settings. Safe from cron every
few minutes and from several machines at once (see docs/calendars.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from runcare.cli.django_env import database_errors, require_migrated, setup_django

PROG = "runcare send-reminders"
MAX_BEFORE_H = 7 * 24


def hours(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of hours") from None
    if not 1 <= value <= MAX_BEFORE_H:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and {MAX_BEFORE_H} hours")
    return value


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="e-mail runners a reminder of their next massage session, once each",
        description=(
            "E-mail a reminder (with the appointment as a calendar file) to the runner of "
            "every booked appointment that starts within the next hours and has had no "
            "reminder yet. Each reminder is claimed in the database before it is sent, so "
            "running this from cron every few minutes, even on two machines at once, sends "
            "each one exactly once. A failed send is tried again on the next run."
        ),
    )
    parser.add_argument(
        "--before-h",
        type=hours,
        default=24,
        metavar="H",
        help=f"remind of appointments starting within H hours (1-{MAX_BEFORE_H}; default 24)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list the reminders that are due; send nothing"
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    # Unlike 'serve' and 'worker' it does not migrate: cron starts it every few minutes, and
    # an upgrade's migration is the upgrader's step (docs/deploy.md), not a side effect.
    require_migrated()
    from datetime import timedelta  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    from runcare.web.calendars.reminders import send_reminders  # noqa: PLC0415

    now = timezone.now()
    with database_errors():
        done = send_reminders(now, timedelta(hours=args.before_h), dry_run=args.dry_run)
    if args.dry_run:
        for appointment in done.due:
            print(
                f"due: appointment {appointment.pk} at {appointment.start_utc:%Y-%m-%d %H:%M} UTC"
            )
        print(f"{_reminders(len(done.due))} due; none sent (dry run).")
    else:
        print(f"Sent {_reminders(len(done.sent))}.")
    if done.no_address:
        ids = ", ".join(str(pk) for pk in done.no_address)
        print(f"No e-mail address for the runner of appointment {ids}: no reminder.")
    if done.failed:
        ids = ", ".join(str(pk) for pk in done.failed)
        print(
            f"{PROG}: could not send for appointment {ids}; tried again next run", file=sys.stderr
        )
        return 1
    return 0


def _reminders(count: int) -> str:
    return f"{count} reminder" if count == 1 else f"{count} reminders"
