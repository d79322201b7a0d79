"""``runcare export-client USERNAME OUT.zip``: everything runcare holds about one runner, as
the zip the web app's "Download all data" gives (see docs/data-rights.md)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from runcare.cli.django_env import migrate, setup_django

PROG = "runcare export-client"


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="write everything runcare holds about one runner to a zip file",
        description=(
            "Write one runner's account, activities, uploads (with the files as sent), "
            "intakes, doctor's visits, session plans, notes and audit entries to a zip file, "
            "readable by its owner only. The same file as the web app's 'Download all data'."
        ),
    )
    parser.add_argument("username", help="the runner's user name")
    parser.add_argument("out", type=Path, help="the zip file to write (must not exist)")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists():
        print(f"{PROG}: {out} exists; give a new file name", file=sys.stderr)
        return 2
    if not out.parent.is_dir():
        print(f"{PROG}: the folder {out.parent} does not exist", file=sys.stderr)
        return 2
    setup_django()
    migrate()
    from django.utils import timezone  # noqa: PLC0415

    from runcare.web.accounts.models import Role, User  # noqa: PLC0415
    from runcare.web.rights.export import write_export  # noqa: PLC0415

    runner = User.objects.filter(username=args.username, role=Role.RUNNER).first()
    if runner is None:
        print(f"{PROG}: no runner is called {args.username!r}", file=sys.stderr)
        return 2
    # Written beside the target (0600 by mkstemp) and renamed at the end: an interrupted
    # export leaves no half-written zip under the name asked for.
    descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=".runcare-export-")
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            summary = write_export(runner, handle, now=timezone.now())
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in summary.counts.items())
    print(f"Wrote {out}: {counts}, {len(summary.files)} uploaded files.")
    return 0
