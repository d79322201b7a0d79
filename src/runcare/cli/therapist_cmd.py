"""``runcare add-therapist USERNAME``: create the account of a therapist (who then invites
her runners from the web app)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from runcare.cli.django_env import migrate, setup_django


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="create a therapist's account in the web app",
        description=(
            "Create a therapist's account in the web app's database (created or updated "
            "first). The password is asked for twice, or read from standard input with "
            "--password-stdin. The therapist then logs in and invites her runners."
        ),
    )
    parser.add_argument("username", help="the name she logs in with")
    parser.add_argument("--email", default="", help="her email address")
    parser.add_argument("--name", default="", help="her name as runners see it")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("runcare add-therapist: the two passwords differ", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    password = _password(args)
    if password is None:
        return 2
    setup_django()
    migrate()
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    from runcare.web.accounts.services import create_therapist  # noqa: PLC0415

    try:
        user = create_therapist(args.username, password, email=args.email, name=args.name)
    except ValidationError as exc:
        for message in exc.messages:
            print(f"runcare add-therapist: {message}", file=sys.stderr)
        return 2
    print(f"Therapist {user.username!r} created. She can log in and invite her runners.")
    return 0
