"""``runcare seed-demo``: create the web app's database and fill it with the demo clinic."""

from __future__ import annotations

import argparse
from typing import Any

from runcare.cli.django_env import migrate, setup_django


def add_parser(sub: Any, name: str) -> None:
    sub.add_parser(
        name,
        help="create the web app's database and add a demo therapist and three runners",
        description=(
            "Create or update the web app's database, then add the demo clinic: one "
            "therapist and three runners with 20 weeks of watch files and an intake each "
            "(one with a red flag, one running too much too soon, one fine). Running it "
            "again adds nothing twice; a demo history made on an earlier day is made again "
            "so that it ends today. Prints the demo logins."
        ),
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    migrate()
    print_demo_logins(seed())
    return 0


def seed() -> list[tuple[str, str]]:
    from django.utils import timezone  # noqa: PLC0415

    from runcare.web.demo import seed_demo  # noqa: PLC0415

    return seed_demo(timezone.now()).logins


def print_demo_logins(logins: list[tuple[str, str]]) -> None:
    from runcare.web.demo import DEMO_PASSWORD  # noqa: PLC0415

    print("Demo logins (demo data only; one password for all of them):")
    for username, who in logins:
        print(f"  {username:<10} {who}")
    print(f"  password:  {DEMO_PASSWORD}")
