"""Start Django for the commands that run the web app (serve, seed-demo, manage).

Django is imported inside the function, not at the top, so the other commands start without it.
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "runcare.web.settings"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django  # noqa: PLC0415

    django.setup()


def migrate(*, quiet: bool = True) -> None:
    """Create the database (SQLite: in the data folder) or bring its tables up to date."""
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)
