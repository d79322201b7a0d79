"""``runcare plan PATH...``: the runs of the next weeks, from the runner's own files."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from runcare.cli.argtypes import DATE_FORM, iso_day, system_zone_name
from runcare.cli.check_cmd import UsageError, _zone
from runcare.cli.history import add_cache_flag, read_history
from runcare.plan import (
    Plan,
    PlanError,
    RunSettings,
    build_plan,
    done_runs,
    parse_weekdays,
    plan_to_json_dict,
)
from runcare.plan.jsonio import pain_entries_from_json
from runcare.plan.model import PainEntry

NAME = "runcare plan"


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="the runs of the next weeks, each capped by the 30-day longest run",
        description=(
            "Read the runner's files like 'runcare check' and plan the next weeks: no run "
            "longer than 110 % of the longest run, done or planned, of the 30 days before it "
            "(Frandsen et al. 2025), weekly totals rising by a capped amount, pain entries "
            "stepping back or holding progression. See docs/run-plan.md."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file, folder or zip")
    parser.add_argument("--as-of", type=iso_day, metavar=DATE_FORM, help="today (in --tz)")
    parser.add_argument("--tz", default=None, metavar="ZONE", help="e.g. Europe/Berlin")
    parser.add_argument("--weeks", type=int, default=2, metavar="N", help="1-12 (default 2)")
    parser.add_argument("--runs-per-week", type=int, default=3, metavar="N", help="default 3")
    parser.add_argument(
        "--days", default="tue,thu,sat", metavar="mon,wed,sat", help="days you can run"
    )
    parser.add_argument("--goal-km", type=float, default=None, metavar="KM", help="weekly goal")
    parser.add_argument(
        "--rise-pct", type=float, default=10.0, metavar="PCT", help="weekly rise (default 10)"
    )
    parser.add_argument("--run-walk", action="store_true", help="run/walk intervals")
    parser.add_argument(
        "--pain",
        type=Path,
        metavar="FILE",
        help='JSON list of {"day","during_0_10","after_0_10","next_morning_0_10"}',
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    add_cache_flag(parser)


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        err.print(f"{NAME}: no such file or folder: {', '.join(missing)}", markup=False)
        return 1
    try:
        tz = _zone(args.tz or system_zone_name())
        as_of = args.as_of or datetime.now(tz).date()
        settings = _settings(args)
        pain = _pain(args.pain)
        if not 1 <= args.weeks <= 12:
            raise UsageError("--weeks must be between 1 and 12")
    except (UsageError, PlanError) as exc:
        err.print(f"{NAME}: {exc}", markup=False)
        return 2
    imported = read_history(args.paths, err, use_cache=not args.no_cache)
    done = done_runs(imported.activities, as_of=as_of, tz=tz)
    # The command line has no health questions, so it never sees a red flag: the web app,
    # which has the runner's intake, passes it.
    plan = build_plan(done, settings, as_of=as_of, weeks=args.weeks, pain=pain)
    if args.json:
        json.dump(plan_to_json_dict(plan), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print(Console(), plan)
    return 0


def _settings(args: argparse.Namespace) -> RunSettings:
    try:
        days = parse_weekdays(args.days)
    except PlanError as exc:
        raise UsageError(f"--{exc}") from None
    goal_m = None if args.goal_km is None else args.goal_km * 1000.0
    try:
        return RunSettings(args.runs_per_week, days, goal_m, args.rise_pct, args.run_walk)
    except PlanError as exc:
        option = {
            "runs_per_week": "--runs-per-week",
            "weekly_goal_m": "--goal-km",
            "weekly_rise_pct": "--rise-pct",
        }
        text = str(exc)
        for field, flag in option.items():
            text = text.replace(field, flag)
        raise UsageError(text) from None


def _pain(path: Path | None) -> tuple[PainEntry, ...]:
    if path is None:
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"--pain: cannot read {path}: {exc.strerror}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"--pain: {path} is not JSON: {exc}") from None
    try:
        return pain_entries_from_json(data)
    except PlanError as exc:
        raise UsageError(f"--pain: {exc}") from None


def _print(out: Console, plan: Plan) -> None:
    out.print(f"Run plan as of {plan.as_of:%a %d %b %Y}: {plan.status.value.replace('_', ' ')}")
    for run in plan.runs:
        intervals = f" ({run.intervals})" if run.intervals else ""
        out.print(
            f"  {run.day:%a %d %b}  {run.distance_m / 1000:5.1f} km{intervals}"
            f"  cap {run.cap_m / 1000:.1f} km",
            markup=False,
            highlight=False,
        )
        out.print(f"      {run.why}", markup=False, highlight=False)
    for week in plan.weeks:
        out.print(
            f"  Week from {week.week_start:%d %b}: {week.distance_m / 1000:.1f} km", markup=False
        )
    for note in plan.notes:
        out.print(f"- {note}", markup=False, highlight=False)
