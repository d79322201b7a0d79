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
    export_client_cmd,
    import_cmd,
    manage_cmd,
    plan_cmd,
    publish_cmd,
    publish_due_cmd,
    refresh_summaries_cmd,
    reminders_cmd,
    seed_demo_cmd,
    serve_cmd,
    stretch_cmd,
    therapist_cmd,
    worker_cmd,
)
from runcare.cli.django_env import SetupError

# Health data: whatever a runcare process creates (database, uploads, reports) is readable
# by its owner only. Children (gunicorn, the worker) inherit it.
PRIVATE_UMASK = 0o077

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
    "export-client": export_client_cmd,
    "stretch": stretch_cmd,
    "plan": plan_cmd,
    "send-reminders": reminders_cmd,
    "publish": publish_cmd,
    "publish-due": publish_due_cmd,
    "refresh-summaries": refresh_summaries_cmd,
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
    os.umask(PRIVATE_UMASK)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = COMMANDS[args.command].run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_went_away()
    except SetupError as exc:
        print(f"runcare: {exc}", file=sys.stderr)
        return 2
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


# Python's own choice on EPIPE, and rich's (the terminal tables stop the same way).
BROKEN_PIPE_EXIT = 1


def _reader_went_away() -> int:
    """The reader of our output closed it (``runcare check --json | head -c 10``).

    Like any Unix tool, stop quietly. Whatever is still buffered for stdout can never be
    written, so stdout is pointed at /dev/null to keep the interpreter's own flush at exit
    from complaining.
    """
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return BROKEN_PIPE_EXIT  # stdout is no file (a test's capture): nothing to flush
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)
    return BROKEN_PIPE_EXIT


if __name__ == "__main__":
    sys.exit(main())
