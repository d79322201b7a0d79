"""``runcare import PATH...``: what was read and what was skipped."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from runcare.activities import ImportResult
from runcare.activities.jsonio import import_result_to_json
from runcare.cli.argtypes import system_zone_name, zone
from runcare.cli.format import activity_table, skipped_table
from runcare.cli.history import add_cache_flag, read_history

# Up to this many activities are listed one by one; more are summarised by sport.
LIST_MAX_ACTIVITIES = 40


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="read activity files, folders, zip archives and Strava/Garmin exports",
        description=(
            "Read FIT, GPX and TCX files (also .gz), folders of them, zip archives, a Strava "
            "bulk export (zip or unpacked folder) or a Garmin Connect export, and list what was "
            "read and what was skipped. The same activity found twice is kept once."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file, folder or zip")
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON (see docs/cli.md)"
    )
    parser.add_argument(
        "--tz",
        type=zone,
        metavar="ZONE",
        help="time zone the start times are shown in (default: this computer's)",
    )
    add_cache_flag(parser)


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    result = read_history(args.paths, err, use_cache=not args.no_cache)
    if args.json:
        # Compact, exactly as documented in docs/cli.md: scripts may compare it as text.
        data = import_result_to_json(result)
        # One string, then one write: json.dump streams through the pure-Python encoder.
        sys.stdout.write(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        print_result(Console(), result, args.tz or ZoneInfo(system_zone_name()))
    return 1 if result.stopped or (not result.activities and result.skipped) else 0


def print_result(console: Console, result: ImportResult, tz: tzinfo) -> None:
    activities = result.activities
    if not activities:
        console.print("[bold]No activities found.[/bold]")
    elif len(activities) <= LIST_MAX_ACTIVITIES:
        console.print(activity_table(activities, tz, console.width))
    else:
        console.print(sport_summary(result))
    first, last = (activities[0], activities[-1]) if activities else (None, None)
    line = plural(len(activities), "activity", "activities")
    if first and last:
        line += (
            f" from {first.start.astimezone(tz):%Y-%m-%d} to {last.start.astimezone(tz):%Y-%m-%d}"
        )
    line += f"; {plural(len(result.skipped), 'file')} skipped."
    console.print(line)
    if result.skipped:
        console.print(skipped_table(result.skipped, console.width))
    print_accounting(console, result)


def print_accounting(console: Console, result: ImportResult) -> None:
    """A sum that adds up: every record read is an activity, a merged copy, or skipped."""
    console.print(
        f"{result.records_read} read: {plural(len(result.activities), 'activity', 'activities')}"
        f", {plural(len(result.merged), 'copy', 'copies')} of an activity merged into it"
        f", {len(result.skipped)} skipped."
    )
    if result.stopped:
        console.print(f"[bold red]{escape(result.stopped)}[/bold red]")


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def sport_summary(result: ImportResult) -> Table:
    table = Table(title="Activities by sport")
    for column in ("Sport", "Activities", "Distance (km)", "Time (h)"):
        table.add_column(column, justify="left" if column == "Sport" else "right")
    counts = Counter(a.sport for a in result.activities)
    for sport, count in counts.most_common():
        same = [a for a in result.activities if a.sport is sport]
        km = sum(a.distance_m or 0 for a in same) / 1000
        hours = sum(a.duration_s or 0 for a in same) / 3600
        table.add_row(sport.value.replace("_", " "), str(count), f"{km:,.1f}", f"{hours:,.1f}")
    return table
