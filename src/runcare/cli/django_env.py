"""Start Django for the commands that run the web app (serve, worker, seed-demo, manage,
add-therapist).

Django is imported inside the functions, not at the top, so the other commands start without
it. A configuration mistake found here (a malformed variable, a database that cannot be
opened, a data folder that cannot be written) becomes a ``SetupError``: one line naming the
setting, exit status 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

SETTINGS_MODULE = "runcare.web.settings"


class SetupError(Exception):
    """The app cannot start as configured; the message names the setting and the fault."""


def one_line(text: object) -> str:
    # Database drivers answer in several lines (PostgreSQL adds hints); the person needs one.
    return " ".join(str(text).split())


def setup_django(*, open_database: bool = True) -> None:
    """Start Django; ``open_database=False`` for commands that may not need one (``manage
    check``): they meet a database fault when they first query, through ``database_errors``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    from runcare.web.env import ConfigError  # noqa: PLC0415

    try:
        django.setup()
    except (ConfigError, ImproperlyConfigured) as exc:
        raise SetupError(one_line(exc)) from exc
    _prepare_folders()
    if open_database:
        with database_errors():
            from django.db import connection  # noqa: PLC0415

            connection.ensure_connection()


def _prepare_folders() -> None:
    from django.conf import settings  # noqa: PLC0415

    from runcare.web.filemodes import tighten_install  # noqa: PLC0415

    for name, folder in (
        ("RUNCARE_DATA_DIR", Path(settings.DATA_DIR)),
        ("RUNCARE_UPLOAD_DIR", Path(settings.UPLOAD_DIR)),
    ):
        check_writable_folder(name, folder)
    tighten_install()


def check_writable_folder(name: str, folder: Path) -> None:
    """Create ``folder`` (owner only) if needed and prove it can be written, by writing."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(descriptor)
        Path(probe).unlink()
    except FileExistsError as exc:
        raise SetupError(f"{name}: {folder} is not a folder") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SetupError(f"{name}: cannot write to the folder {folder} ({reason})") from exc


@contextlib.contextmanager
def database_errors() -> Iterator[None]:
    """A database that cannot be opened or queried becomes a ``SetupError`` naming it."""
    from django.db import DatabaseError  # noqa: PLC0415

    try:
        yield
    except DatabaseError as exc:
        raise SetupError(f"DATABASE_URL: cannot open the database ({one_line(exc)})") from exc


def migrate(*, quiet: bool = True) -> None:
    """Create the database (SQLite: in the data folder) or bring its tables up to date."""
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)


def require_migrated() -> None:
    """Stop, saying what to do, when the database's tables are missing or older than this
    runcare: for commands run from cron (``send-reminders``), which should not change the
    tables behind the back of the person who upgrades the app."""
    from django.db import connection  # noqa: PLC0415
    from django.db.migrations.executor import MigrationExecutor  # noqa: PLC0415

    with database_errors():
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise SetupError(
            "DATABASE_URL: the database has no runcare tables yet, or older ones than this "
            "version needs; run 'runcare manage migrate' (or start 'runcare serve' once), "
            "then run this again"
        )
