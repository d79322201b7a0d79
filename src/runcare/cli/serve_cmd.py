"""``runcare serve``: the clinic web app on this machine, in one command.

Creates or updates the database, optionally adds the demo clinic, then runs two child
processes: gunicorn serving ``runcare.web.wsgi`` and ``runcare worker`` for the import jobs.
Both are started in their own process groups, so Ctrl+C reaches only this process, which
then stops them in order and waits for them.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from types import FrameType
from typing import Any

from runcare.cli.django_env import SetupError, migrate, setup_django
from runcare.cli.seed_demo_cmd import print_demo_logins, seed

WEB_WORKERS = 2
STOP_TIMEOUT_S = 10.0
POLL_S = 0.5


def port_number(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("must be a port number from 1 to 65535")
    return value


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="run the clinic web app and its worker on this machine",
        description=(
            "Create or update the web app's database (SQLite in the user's data folder, or "
            "RUNCARE_DATA_DIR, or DATABASE_URL), then serve the app with gunicorn and run "
            "the background worker that imports uploads. Ctrl+C stops both. With --demo, "
            "first add a demo therapist and three runners and print their logins."
        ),
    )
    parser.add_argument(
        "--demo", action="store_true", help="add the demo clinic first (safe to repeat)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    parser.add_argument(
        "--port", type=port_number, default=8000, help="port to listen on (default: 8000)"
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    refuse_debug_on_a_network(args.host)
    migrate()
    logins = seed() if args.demo else []
    children = start_children(args.host, args.port)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"runcare is running at http://{host}:{args.port}/  (Ctrl+C to stop)")
    if logins:
        print_demo_logins(logins)
    sys.stdout.flush()
    return supervise(children)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to a public address


def refuse_debug_on_a_network(host: str) -> None:
    """Debug pages show settings, code and queries to whoever opens them: this machine only."""
    from django.conf import settings  # noqa: PLC0415

    if settings.DEBUG and not is_loopback(host):
        raise SetupError(
            f"RUNCARE_DEBUG: debug mode shows internal details to anyone who can reach the "
            f"app, so it serves only this machine (--host 127.0.0.1), not {host}"
        )


def child_commands(host: str, port: int) -> list[list[str]]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        [
            sys.executable,
            "-m",
            "gunicorn",
            "runcare.web.wsgi",
            "--workers",
            str(WEB_WORKERS),
            "--bind",
            bind,
            "--access-logfile",
            "-",
        ],
        [sys.executable, "-m", "runcare.cli.main", "worker", "--quiet"],
    ]


def start_children(host: str, port: int) -> list[subprocess.Popen[bytes]]:
    children: list[subprocess.Popen[bytes]] = []
    try:
        for command in child_commands(host, port):
            children.append(subprocess.Popen(command, start_new_session=True))  # noqa: S603
    except BaseException:
        stop(children)
        raise
    return children


def supervise(children: Sequence[subprocess.Popen[bytes]]) -> int:
    """Wait until Ctrl+C, SIGTERM or a child's exit; then stop every child. Exit status:
    0 when asked to stop, 1 when a child ended on its own (its output says why)."""
    # Both signals are handled explicitly: a shell that starts a job in the background
    # ignores SIGINT for it, and Python then raises no KeyboardInterrupt on its own.
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while all(child.poll() is None for child in children):
            time.sleep(POLL_S)
        print("runcare: a server process stopped; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("runcare: stopping ...", file=sys.stderr)
        return 0
    finally:
        stop(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop(children: Sequence[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each child (gunicorn finishes its requests, the worker its job); SIGKILL
    for any that has not ended after ``STOP_TIMEOUT_S``."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a service manager, ``kill``) stops the children the way Ctrl+C does.
    raise KeyboardInterrupt
