"""``runcare`` entry point: parse arguments, dispatch to one module per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from runcare import __version__
from runcare.cli import (
    check_cmd,
    credit_cmd,
    demo_cmd,
    explain_cmd,
    import_cmd,
    manage_cmd,
    seed_demo_cmd,
    serve_cmd,
    therapist_cmd,
    worker_cmd,
)

COMMANDS = {
    "import": import_cmd,
    "check": check_cmd,
    "explain": explain_cmd,
    "demo-data": demo_cmd,
    "worker": worker_cmd,
    "serve": serve_cmd,
    "seed-demo": seed_demo_cmd,
    "manage": manage_cmd,
    "add-therapist": therapist_cmd,
    "credit": credit_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runcare",
        description=(
            "Care for runners whose hips and lower back hurt: read a runner's watch files "
            "and exports, and check whether they are running too much too soon."
        ),
        epilog="Run 'runcare COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"runcare {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        module.add_parser(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        print("runcare: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # Bad input is handled where it is read; this is the last guard for a bug of ours.
        if os.environ.get("RUNCARE_DEBUG") == "1":
            raise
        print(
            f"runcare: internal error ({type(exc).__name__}: {exc}). "
            "Run again with RUNCARE_DEBUG=1 for details, and please report it.",
            file=sys.stderr,
        )
        return 70
    return code


if __name__ == "__main__":
    sys.exit(main())
