"""``runcare manage ARGS...``: Django's management commands (what ``manage.py`` does elsewhere)."""

from __future__ import annotations

import argparse
from typing import Any

from runcare.cli.django_env import database_errors, setup_django


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="run a Django management command of the web app (migrate, collectstatic, ...)",
        description=(
            "Pass the arguments to Django's command line, as manage.py would: for example "
            "'runcare manage migrate', 'runcare manage collectstatic --no-input', "
            "'runcare manage check --deploy' or 'runcare manage createsuperuser'. Settings "
            "come from the environment (see docs/deploy.md). 'runcare manage help' lists "
            "every command."
        ),
    )
    parser.add_argument(
        "arguments",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help="the Django command and its options",
    )


def run(args: argparse.Namespace) -> int:
    # Not every command needs the database ('check', 'help'); those that do meet a fault
    # when they first query it.
    setup_django(open_database=False)
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    with database_errors():
        execute_from_command_line(["runcare manage", *(args.arguments or ["help"])])
    return 0
