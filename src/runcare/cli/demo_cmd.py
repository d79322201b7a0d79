"""``runcare demo-data DIR``: write the demo runner's 20-week history."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from runcare.cli.argtypes import DATE_FORM, iso_day
from runcare.demo.generate import write_demo_history


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="write a realistic 20-week demo history (FIT, GPX, TCX) to a folder",
        description=(
            "Write the demo runner's history: 20 weeks of runs, walks and rides as FIT, GPX "
            "and TCX files, including a long run more than 30 %% over the longest run of the "
            "30 days before it, and one run recorded twice."
        ),
    )
    parser.add_argument(
        "directory", type=Path, metavar="DIR", help="new or empty folder to write into"
    )
    parser.add_argument(
        "--end",
        type=iso_day,
        default=None,
        metavar=DATE_FORM,
        help="last day of the history (default: today)",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")


def run(args: argparse.Namespace) -> int:
    end = args.end or date.today()
    folder: Path = args.directory
    try:
        problem = unusable_reason(folder)
        if problem is None:
            manifest = write_demo_history(folder, end=end, seed=args.seed)
    except OSError as exc:
        problem = f"cannot write to {folder}: {exc.strerror or exc}"
    if problem is not None:
        print(f"runcare demo-data: {problem}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Wrote {len(manifest.files)} files of the demo history to {args.directory}")
    return 0


def unusable_reason(folder: Path) -> str | None:
    """Why ``folder`` must not receive the demo history, or None when it may."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    # Another history (a different --end or --seed) or a runner's own files would be mixed
    # in, and importing the folder would no longer show the demo runner's story.
    if folder.is_dir() and any(folder.iterdir()):
        return f"{folder} is not empty; give a new or empty folder"
    return None
