"""``runcare refresh-summaries``: bring every stored runner summary up to date (for cron).

The client list reads stored summaries; a summary goes out of date at the runner's midnight
(the verdict's window moves with the date) and whenever her data changes. Pages recompute
what they find stale, and the worker recomputes after each change; this command does the
rest ahead of the first page view of the day. Safe to run from several machines at once: a
summary computed from older data never replaces one computed from newer data.
"""

from __future__ import annotations

import argparse
from typing import Any

from runcare.cli.django_env import migrate, setup_django


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="recompute the stored runner summaries that are out of date (for cron)",
        description=(
            "Recompute every stored runner summary (the client list's verdict, red flag, "
            "last run, weekly distance and pain trend) that is out of date: from an earlier "
            "day in the runner's time zone, from before her latest data, or from an older "
            "version of runcare. Run it hourly from cron; several machines may run it at once."
        ),
    )
    parser.add_argument(
        "--all", action="store_true", help="recompute every runner's summary, stale or not"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing when all went well")


def run(args: argparse.Namespace) -> int:
    setup_django()
    migrate()
    # Django is imported here, not at the top, so the other commands start without it.
    from django.utils import timezone  # noqa: PLC0415

    from runcare.web.accounts.models import Role, User  # noqa: PLC0415
    from runcare.web.summaries.services import refresh, refresh_stale  # noqa: PLC0415

    now = timezone.now()
    if args.all:
        written = refresh(list(User.objects.filter(role=Role.RUNNER).order_by("pk")), now)
    else:
        written = refresh_stale(now)
    if not args.quiet:
        print(f"{written} runner summar{'y' if written == 1 else 'ies'} brought up to date")
    return 0
