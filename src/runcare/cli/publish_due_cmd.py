"""``runcare publish-due [--now ISO]``: publish the scheduled posts whose time has come.

Safe to run from cron on several machines at once: each post is published by one
conditional UPDATE, so it is published once (``runcare.web.posts.services.publish_due``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from runcare.cli.django_env import database_errors, migrate, setup_django

PROG = "runcare publish-due"


def _aware(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time like 2026-03-15T07:00+01:00"
        ) from exc
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs its UTC offset, e.g. +00:00")
    return moment.astimezone(UTC)


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="publish the scheduled posts whose time has come (for cron)",
        description=(
            "Publish every scheduled post of every series whose planned time has come. "
            "A post whose text has a problem meanwhile (a picture whose credit is no longer "
            "complete) stays scheduled and is named. Safe to run from cron every few "
            "minutes, on more than one machine: each post is published once."
        ),
    )
    parser.add_argument(
        "--now",
        type=_aware,
        default=None,
        help="act as if it were this time (ISO 8601 with its offset); default: now",
    )
    parser.add_argument("--quiet", action="store_true", help="print only problems")


def run(args: argparse.Namespace) -> int:
    setup_django()
    migrate()
    from runcare.web.posts.services import publish_due  # noqa: PLC0415

    now = args.now or datetime.now(UTC)
    with database_errors():
        result = publish_due(now)
    if not args.quiet:
        for post in result.published:
            print(f"published {post.series.title} {post.of_planned}: {post.title}")
        if not result.published:
            print("nothing to publish")
    for post, problems in result.held:
        print(f"{PROG}: not published, {post.series.title} {post.of_planned}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    return 1 if result.held else 0
