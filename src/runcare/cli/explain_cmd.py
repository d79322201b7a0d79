"""``runcare explain INTAKE.json [PATH...]``: "why do my hips and lower back hurt?", answered."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from runcare.care.explain import Explanation, Statement, explain
from runcare.care.explain_json import explanation_to_json_dict
from runcare.care.intake_json import IntakeFile, IntakeFileError, parse_intake, template
from runcare.care.redflags import screen
from runcare.cli.argtypes import DATE_FORM, iso_day, system_zone_name
from runcare.cli.check_cmd import UsageError
from runcare.cli.check_cmd import _zone as zone
from runcare.cli.format import skipped_lines
from runcare.cli.history import add_cache_flag, read_history
from runcare.load import Verdict, build_report

NAME = "runcare explain"


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="why may my hips and lower back hurt? an explanation from an intake file",
        description=(
            "Read an intake (what hurts, where, when, and the warning-sign answers) from a "
            "JSON file and explain it: a doctor first if any warning sign is answered yes; "
            "otherwise the muscles that may be involved and why, the training part when "
            "activity files are given (the verdict of 'runcare check'), what usually helps "
            "and when to see a doctor, each with its sources. It explains; it never "
            "diagnoses. Start from 'runcare explain --template > intake.json'."
        ),
    )
    parser.add_argument(
        "intake", nargs="?", metavar="INTAKE.json", help="the intake file ('-' reads stdin)"
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="activity files, folders or zips"
    )
    parser.add_argument(
        "--as-of", type=iso_day, metavar=DATE_FORM, help="the day to explain (today)"
    )
    parser.add_argument(
        "--tz",
        default=None,
        metavar="ZONE",
        help=(
            "time zone of 'today' and of files that carry none, e.g. Europe/Berlin "
            "(default: the system's zone, as for 'runcare check')"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    parser.add_argument(
        "--template", action="store_true", help="print a filled-in intake file to start from"
    )
    add_cache_flag(parser)


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    try:
        tz = zone(args.tz or system_zone_name())
        as_of = args.as_of or datetime.now(tz).date()
        if args.template:
            json.dump(template(as_of), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
            return 0
        intake = read_intake(args.intake, as_of)
    except (UsageError, IntakeFileError) as exc:
        err.print(f"{NAME}: {exc}", markup=False, highlight=False, soft_wrap=True)
        return 2
    verdict = read_verdict(args.paths, as_of, tz, err, not args.no_cache) if args.paths else None
    screened = screen(intake.red_flags)
    explanation = explain(intake.answers, screened, verdict, as_of=as_of)
    if args.json:
        json.dump(explanation_to_json_dict(explanation), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_explanation(Console(), explanation)
    return 0


def read_intake(name: str | None, as_of: date) -> IntakeFile:
    """The checked intake from a file (or stdin for ``-``); ``UsageError`` / ``IntakeFileError``
    with a message naming the file and the field."""
    if name is None:
        raise UsageError("give an intake file (start from 'runcare explain --template')")
    stdin = name == "-"
    if stdin:
        name = "stdin"
    try:
        text = sys.stdin.read() if stdin else Path(name).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name} is not UTF-8 text") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    try:
        intake = parse_intake(data)
    except IntakeFileError as exc:
        raise IntakeFileError(f"{name}: {exc.field}", exc.message) from exc
    since = intake.answers.pain_since
    if since is not None and since > as_of:
        raise IntakeFileError(f"{name}: pain_since", f"{since} is after the as-of date {as_of}")
    return intake


def read_verdict(paths: list[Path], as_of: date, tz: Any, err: Console, use_cache: bool) -> Verdict:
    imported = read_history(paths, err, use_cache=use_cache)
    for line in skipped_lines(imported.skipped):
        err.print(
            line,
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    return build_report(imported.activities, as_of=as_of, tz=tz).verdict


def print_explanation(console: Console, explanation: Explanation) -> None:
    """The explanation for a terminal: headings, bullets, and numbered sources at the end."""
    numbers = {source: n for n, source in enumerate(explanation.sources, start=1)}
    doctor = explanation.doctor_first
    if doctor is not None:
        _heading(console, doctor.headline, "bold red")
        _line(console, doctor.message)
        if doctor.flagged:
            _line(console, "Your answers that need a doctor:")
            for question in doctor.flagged:
                _line(console, f"  - {question.text} Yes.")
        _line(console, f"Source: [{numbers[doctor.source]}]")
    else:
        _body(console, explanation, numbers)
    _heading(console, "Sources", "bold")
    for source, number in numbers.items():
        # Soft wrap: a link broken over two lines could not be copied.
        console.print(f"[{number}] {source}", markup=False, highlight=False, soft_wrap=True)


def _body(console: Console, explanation: Explanation, numbers: dict[str, int]) -> None:
    _heading(console, explanation.headline, "bold")
    _line(console, f"As of {explanation.as_of.isoformat()}.")
    _bullets(console, explanation.intro, numbers)
    for finding in explanation.findings:
        _heading(console, finding.title, "bold cyan")
        if finding.regions:
            where = ", ".join(f"{r.label} {r.pain_0_10}/10" for r in finding.regions)
            _line(console, f"Where: {where}")
        if finding.muscles:
            names = "; ".join(f"{m.name} ({m.plain_name})" for m in finding.muscles)
            _line(console, f"Muscles that may be involved: {names}")
        _bullets(console, finding.statements, numbers)
    sections = (
        ("The training part", explanation.training.statements if explanation.training else ()),
        ("What usually helps", explanation.helps),
        ("When to see a doctor", explanation.see_a_doctor_if),
    )
    for title, said in sections:
        if said:
            _heading(console, title, "bold cyan")
            _bullets(console, said, numbers)


def _bullets(console: Console, said: tuple[Statement, ...], numbers: dict[str, int]) -> None:
    # A grid gives each bullet a hanging indent when the terminal wraps it.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for statement in said:
        refs = "".join(f"[{numbers[s]}]" for s in statement.sources)
        text = Text(f"{statement.subject}: ", style="bold") if statement.subject else Text()
        text.append(f"{statement.text} {refs}")
        grid.add_row("-", text)
    console.print(grid)


def _heading(console: Console, text: str, style: str) -> None:
    console.print()
    console.print(text, style=style, markup=False, highlight=False)


def _line(console: Console, text: str) -> None:
    console.print(text, markup=False, highlight=False)
