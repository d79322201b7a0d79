"""``runcare stretch``: the home-stretch library, and a guided timer for a program."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from runcare.cli.stretch_term import TerminalKeys, play_lines, play_live, sleep_only
from runcare.exercises import (
    Library,
    Program,
    ProgramError,
    Schedule,
    build_schedule,
    library,
    read_program,
    single,
)

NAME = "runcare stretch"
# A program file is a few kilobytes; anything far bigger is not one.
MAX_PROGRAM_BYTES = 1_000_000
# The clock and the waiting of the line-by-line player; tests put a fake clock here.
CLOCK = time.monotonic
WAIT = sleep_only


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="home stretches: list the library, or time a program with a guided countdown",
        description=(
            "Guide a home-stretch program: a full-screen countdown of every hold, relax, "
            "side switch and rest, with the bell at each change. PROGRAM is an exercise key "
            "(see --list; it is played at its default dose) or a JSON program file (see "
            "docs/stretches.md). Keys: space or p pauses, n or the right arrow skips, b or "
            "the left arrow goes back, q or Ctrl+C stops."
        ),
    )
    parser.add_argument(
        "program", nargs="?", metavar="PROGRAM", help="an exercise key or a program file"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the library's exercises, one a line, key first"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the schedule as JSON and exit (docs/cli.md)"
    )
    parser.add_argument("--no-sound", action="store_true", help="no bell at each change")


def list_lines(lib: Library) -> list[str]:
    width = max(len(key) for key in lib.exercises)
    return [f"{key:<{width}}  {e.name}" for key, e in lib.exercises.items()]


def load_program(spec: str, lib: Library) -> Program:
    """The program named by ``spec``: an exercise key, else a file; ``ProgramError`` if neither."""
    if spec in lib.exercises:
        return single(lib.exercises[spec])
    path = Path(spec)
    if not path.is_file():
        raise ProgramError(
            "is neither an exercise key (see 'runcare stretch --list') nor a program file."
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROGRAM_BYTES + 1)
    except OSError as error:
        raise ProgramError(f"cannot be read: {error.strerror or error}.") from error
    if len(data) > MAX_PROGRAM_BYTES:
        raise ProgramError("is too big for a program file (at most 1 MB).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgramError("is not UTF-8 text.") from error
    return read_program(text, lib)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _play(schedule: Schedule, program: Program, sound: bool) -> int:
    if not _interactive():
        print(
            f"{NAME}: not a terminal, so each phase is printed as it starts "
            "(--json prints the whole schedule at once).",
            file=sys.stderr,
        )
        play_lines(schedule, sys.stdout, CLOCK, WAIT)
        return 0
    names = {item.exercise.key: item.exercise.name for item in program.items}
    with TerminalKeys() as keys:
        done = play_live(schedule, names, Console(), time.monotonic, keys, bell=sound)
    print("Done. Well stretched." if done else "Stopped.")
    return 0


def run(args: argparse.Namespace) -> int:
    lib = library()
    if args.list:
        print("\n".join(list_lines(lib)))
        return 0
    if args.program is None:
        print(f"{NAME}: give an exercise key or a program file, or --list.", file=sys.stderr)
        return 2
    try:
        program = load_program(args.program, lib)
    except ProgramError as error:
        print(f"{NAME}: {args.program}: {error}", file=sys.stderr)
        return 2
    schedule = build_schedule(program)
    if args.json:
        print(json.dumps(schedule.as_json(), separators=(",", ":"), ensure_ascii=False))
        return 0
    try:
        return _play(schedule, program, sound=not args.no_sound)
    except KeyboardInterrupt:
        # The terminal is already restored by the context managers on the way out.
        print("Stopped.", file=sys.stderr)
        return 130
