"""``runcare check PATH...``: "Am I running too much too soon?" from the runner's own files."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.console import Console

from runcare.activities import Activity
from runcare.activities.jsonio import import_result_to_json
from runcare.cli.argtypes import DATE_FORM, iso_day, system_zone_name
from runcare.cli.history import add_cache_flag, read_history
from runcare.cli.import_cmd import print_accounting
from runcare.load import HeartRateProfile, build_report, report_to_json_dict
from runcare.load.series import local_day
from runcare.report.html import render_html
from runcare.report.terminal import print_report

LOAD_CHOICES = {
    "distance": "distance_km",
    "duration": "duration_min",
    "trimp": "trimp",
    "srpe": "srpe",
}


class UsageError(Exception):
    """Bad options; the message is shown as it is."""


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="am I running too much too soon? the verdict, with the numbers behind it",
        description=(
            "Read the runner's files like 'runcare import', then compare every run with the "
            "longest run of the 30 days before it (Frandsen et al. 2025) and show the "
            "verdict, weekly totals and context metrics (ACWR, fitness and fatigue, "
            "monotony), each with its source."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file, folder or zip")
    parser.add_argument(
        "--as-of", type=iso_day, metavar=DATE_FORM, help="the day to judge (today, in --tz)"
    )
    parser.add_argument(
        "--tz",
        default=None,
        metavar="ZONE",
        help=(
            "time zone of 'today' and of files that carry none, e.g. Europe/Berlin "
            "(default: the system's zone, from $TZ or /etc/localtime; UTC if it has none)"
        ),
    )
    parser.add_argument(
        "--window-days",
        type=int,
        default=14,
        metavar="N",
        help="how many recent days a spike makes the verdict (default: 14)",
    )
    parser.add_argument(
        "--load",
        choices=sorted(LOAD_CHOICES),
        default="distance",
        help="load measure for the context metrics (default: distance)",
    )
    parser.add_argument("--resting-hr", type=float, metavar="BPM", help="for --load trimp")
    parser.add_argument("--max-hr", type=float, metavar="BPM", help="for --load trimp")
    parser.add_argument(
        "--rpe",
        type=Path,
        metavar="CSV",
        help="for --load srpe: a CSV with columns day,rpe (rate of perceived exertion 0-10)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    add_cache_flag(parser)
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write an HTML report")
    parser.add_argument(
        "--name",
        default="",
        metavar="NAME",
        help="whose training it is, printed at the top of the HTML report",
    )


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        # A mistyped path must not give a verdict on the other files, or on none at all.
        names = ", ".join(str(path) for path in missing)
        err.print(
            f"runcare check: no such file or folder: {names}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return 1
    try:
        tz = _zone(args.tz or system_zone_name())
        if args.window_days < 1:
            raise UsageError("--window-days must be at least 1")
        as_of = args.as_of or datetime.now(tz).date()
        hr = _heart_rate(args)
    except UsageError as exc:
        err.print(f"runcare check: {exc}")
        return 2
    imported = read_history(args.paths, err, use_cache=not args.no_cache)
    try:
        rpe = _rpe(args.rpe, imported.activities, tz) if args.load == "srpe" else None
    except UsageError as exc:
        err.print(f"runcare check: {exc}")
        return 2
    report = build_report(
        imported.activities,
        as_of=as_of,
        tz=tz,
        load=LOAD_CHOICES[args.load],
        window_days=args.window_days,
        hr=hr,
        rpe=rpe,
    )
    if args.json:
        listing = import_result_to_json(imported)
        data = report_to_json_dict(
            report, activities=listing.pop("activities"), skipped=listing.pop("skipped")
        )
        data.update(listing)
        # One string, then one write: json.dump streams through the pure-Python encoder,
        # several times slower than dumps on years of activities.
        sys.stdout.write(json.dumps(data, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        print_report(Console(), report, imported.skipped)
        print_accounting(Console(), imported)
    sys.stdout.flush()
    # Written last, so that where the report went is the last thing on the screen.
    html_ok = True
    if args.html:
        page = render_html(
            report,
            skipped=imported.skipped,
            generated_at=datetime.now(UTC),
            runner_name=args.name,
        )
        html_ok = _write_html(args.html, page, err)
    return 0 if html_ok else 1


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(f"unknown time zone {name!r} (try e.g. Europe/Berlin or UTC)") from exc


def _heart_rate(args: argparse.Namespace) -> HeartRateProfile | None:
    if args.load != "trimp":
        return None
    if args.resting_hr is None or args.max_hr is None:
        raise UsageError("--load trimp needs --resting-hr and --max-hr")
    try:
        return HeartRateProfile(args.resting_hr, args.max_hr)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _rpe(
    path: Path | None, activities: tuple[Activity, ...], tz: ZoneInfo
) -> dict[Activity, float]:
    """RPE per activity from a day,rpe CSV: every run of that local day gets the day's RPE."""
    if path is None:
        raise UsageError("--load srpe needs --rpe FILE (a CSV with columns day,rpe)")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        by_day = {date.fromisoformat(row["day"].strip()): float(row["rpe"]) for row in rows}
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(f"cannot read RPE from {path}: {exc}") from exc
    if any(not 0 <= value <= 10 for value in by_day.values()):
        raise UsageError(f"RPE in {path} must be between 0 and 10")
    days = {a: local_day(a, tz) for a in activities}
    return {a: by_day[day] for a, day in days.items() if day in by_day}


def _write_html(path: Path, html: str, err: Console) -> bool:
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        err.print(f"runcare check: cannot write the HTML report to {path}: {exc.strerror}")
        return False
    err.print(f"HTML report written to {path.resolve()}")
    return True
