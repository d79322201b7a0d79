"""``runcare worker``: run the background jobs the web app queues (imports of uploads)."""

from __future__ import annotations

import argparse
from typing import Any

from runcare.cli.django_env import migrate, setup_django


def positive_seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be a number of seconds above 0")
    return value


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="run the background worker that imports uploaded activity files",
        description=(
            "Run the job queue of the web app: imports of uploaded watch files and exports. "
            "Jobs wait in the app's database (SQLite or PostgreSQL, from DATABASE_URL) until a "
            "worker takes them, so keep one worker running beside the web server; several "
            "workers may share one PostgreSQL database. Stop it with Ctrl+C: a job in progress "
            "is finished first."
        ),
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="run the jobs waiting now, then exit (for cron or a one-off catch-up)",
    )
    parser.add_argument(
        "--interval",
        type=positive_seconds,
        default=1.0,
        metavar="SECONDS",
        help="how long to wait before looking again when the queue is empty (default: 1)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="log nothing but errors (default: one line a job)"
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    # As 'serve' does: a worker started first on a fresh database finds its tables.
    migrate()
    # Django is imported here, not at the top, so the other commands start without it.
    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from runcare.web.training.recovery import (  # noqa: PLC0415
        recover_interrupted_jobs,
        this_worker_id,
    )

    # Before taking new jobs: those a killed worker of this machine left "running".
    recover_interrupted_jobs(timezone.now())
    call_command(
        "db_worker",
        batch=args.batch,
        interval=args.interval,
        reload=False,
        verbosity=0 if args.quiet else 1,
        worker_id=this_worker_id(),
    )
    return 0
