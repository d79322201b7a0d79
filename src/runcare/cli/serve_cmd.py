"""``runcare serve``: the clinic web app on this machine, in one command.

Creates or updates the database, optionally adds the demo clinic, then runs two child
processes: gunicorn serving ``runcare.web.wsgi`` and ``runcare worker`` for the import jobs.
Both are started in their own process groups, so Ctrl+C reaches only this process, which
then stops them in order and waits for them. A child that dies (a crash, ``kill -9``, the
machine short of memory) is started again after a short pause that grows while it keeps
dying, with a line in the log; a worker started again takes up the import it was running.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import Any

from runcare.cli.django_env import SetupError, migrate, setup_django
from runcare.cli.seed_demo_cmd import print_demo_logins, seed

WEB_WORKERS = 2
# Threads per web worker: requests waiting on a slow client or the database share a process.
WEB_THREADS = 16
STOP_TIMEOUT_S = 10.0
POLL_S = 0.5
MAX_BACKOFF_S = 60
# A child that ran this long before it died was working: its next restart waits 1 s again.
STABLE_S = 60.0
# A first run that exits on its own within this time failed to start (gunicorn gives up on a
# port in use after five tries a second apart).
FIRST_START_GRACE_S = 15.0


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
    if args.demo and not is_loopback(args.host):
        raise SetupError(demo_on_a_network(args.host, "--demo adds accounts"))
    migrate()
    refuse_demo_accounts_on_a_network(args.host)
    check_port_is_free(args.host, args.port)
    logins = seed() if args.demo else []
    children = start_children(args.host, args.port)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"runcare is running at http://{host}:{args.port}/  (Ctrl+C to stop)")
    print(f"  data: {data_location()}")
    if logins:
        print_demo_logins(logins)
    elif not has_accounts():
        print(
            "  Nobody can log in yet: create the first therapist with\n"
            "    runcare add-therapist USERNAME --name 'Her Name'\n"
            "  (in another terminal), or try the demo clinic with: runcare serve --demo"
        )
    sys.stdout.flush()
    return supervise(children)


def data_location() -> str:
    """Where this app keeps its data, for the person starting it (never a password)."""
    from django.conf import settings  # noqa: PLC0415

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        return f"{database['NAME']} (uploads in {settings.UPLOAD_DIR})"
    where = database.get("HOST") or "localhost"
    return f"database {database['NAME']} on {where} (uploads in {settings.UPLOAD_DIR})"


def has_accounts() -> bool:
    from runcare.web.accounts.models import User  # noqa: PLC0415

    found: bool = User.objects.exists()
    return found


def demo_on_a_network(host: str, what: str) -> str:
    return (
        f"{what} whose password is printed in the documentation, so the demo clinic serves "
        f"only this machine (--host 127.0.0.1), not {host}"
    )


def refuse_demo_accounts_on_a_network(host: str) -> None:
    """Anyone on the network could log in to a demo account: keep them off the network."""
    if is_loopback(host):
        return
    from runcare.web.demo import accounts_with_demo_password  # noqa: PLC0415

    found = accounts_with_demo_password()
    if found:
        names = ", ".join(found)
        raise SetupError(
            demo_on_a_network(host, f"this database has demo accounts ({names})")
            + "; use a database without them (RUNCARE_DATA_DIR or DATABASE_URL)"
        )


def check_port_is_free(host: str, port: int) -> None:
    """Bind the address once before the web server does, so a port in use is one clear line
    rather than the server's retries and a stack of log lines."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM
        )[0]
    except socket.gaierror as exc:
        raise SetupError(f"--host: cannot find the address {host} ({exc.strerror})") from exc
    with socket.socket(family, kind, proto) as probe:
        # As the web server does: a port left in TIME_WAIT by a stopped server is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise SetupError(port_refusal(host, port, exc)) from exc


def port_refusal(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"--port: port {port} on {host} is already in use (another runcare, or another "
            f"program); stop it, or choose another port: runcare serve --port {port + 1} "
            f"(make run PORT={port + 1})"
        )
    reason = exc.strerror or type(exc).__name__
    return f"--host/--port: cannot listen on {host} port {port} ({reason})"


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


def child_commands(host: str, port: int) -> dict[str, list[str]]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "web server": [
            sys.executable,
            "-m",
            "gunicorn",
            "runcare.web.wsgi",
            # Threads: an idle or slow connection holds one thread, not a whole process, and
            # a gthread worker tells the master it is alive while its threads read a long
            # upload, so the worker timeout never cuts one off.
            "--worker-class",
            "gthread",
            "--workers",
            str(WEB_WORKERS),
            "--threads",
            str(WEB_THREADS),
            "--bind",
            bind,
            "--access-logfile",
            "-",
            # Its runtime control socket lives in the home folder, one per user: a second
            # runcare (or any gunicorn) on the machine would take it over. Nothing uses it.
            "--no-control-socket",
        ],
        "worker": [sys.executable, "-m", "runcare.cli.main", "worker", "--quiet"],
    }


@dataclass
class Child:
    """One supervised process and what is known of its restarts."""

    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts_in_a_row: int = 0
    restart_at: float | None = None
    runs: int = 0

    def start(self, now: float) -> None:
        # A session of its own: Ctrl+C in the terminal reaches only ``runcare serve``, and a
        # child's own children can be cleaned up with it (``killpg``).
        self.process = subprocess.Popen(self.command, start_new_session=True)  # noqa: S603
        self.started_at = now
        self.restart_at = None
        self.runs += 1

    def died(self) -> int | None:
        """The exit status if the process has ended since it was started, else None."""
        if self.process is None or self.restart_at is not None:
            return None
        return self.process.poll()


def start_children(host: str, port: int) -> list[Child]:
    children = [Child(name, command) for name, command in child_commands(host, port).items()]
    try:
        for child in children:
            child.start(time.monotonic())
    except BaseException:
        stop(children)
        raise
    return children


def backoff_s(restarts_in_a_row: int) -> float:
    """1 s, 2 s, 4 s ... up to a minute: a child that keeps dying must not spin the CPU."""
    return float(min(MAX_BACKOFF_S, 2 ** min(restarts_in_a_row, 6)))


def supervise(children: Sequence[Child], clock: Callable[[], float] = time.monotonic) -> int:
    """Keep the children running until Ctrl+C or SIGTERM; then stop them all. A child that
    dies is started again after a short, growing pause, logged. Exit status: 0 when asked to
    stop, 1 when a child could not start at all (its output says why: a port in use, ...)."""
    # Both signals are handled explicitly: a shell that starts a job in the background
    # ignores SIGINT for it, and Python then raises no KeyboardInterrupt on its own.
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            for child in children:
                if not tend(child, clock()):
                    print(f"runcare: the {child.name} could not start; stopping.", file=sys.stderr)
                    return 1
            time.sleep(POLL_S)
    except KeyboardInterrupt:
        print("runcare: stopping ...", file=sys.stderr)
        return 0
    finally:
        stop(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def tend(child: Child, now: float) -> bool:
    """Notice a death, schedule a restart, restart when due. False: it could not start."""
    status = child.died()
    if status is not None:
        assert child.process is not None
        _kill_group(child.process)
        up_for_s = now - child.started_at
        # A first run that fails on its own at once (the port in use) will fail again: stop
        # and say so, rather than retry forever. A kill (status < 0) is always recovered.
        if child.runs == 1 and status > 0 and up_for_s < FIRST_START_GRACE_S:
            return False
        if up_for_s >= STABLE_S:
            child.restarts_in_a_row = 0
        pause_s = backoff_s(child.restarts_in_a_row)
        child.restart_at = now + pause_s
        print(
            f"runcare: the {child.name} stopped ({describe(status)}); "
            f"starting it again in {pause_s:.0f} s.",
            file=sys.stderr,
            flush=True,
        )
    if child.restart_at is not None and now >= child.restart_at:
        child.restarts_in_a_row += 1
        child.start(now)
    return True


def describe(status: int) -> str:
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit status {status}"


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    # What a killed gunicorn master leaves behind (its workers, holding the port) goes too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def stop(children: Sequence[Child]) -> None:
    """SIGTERM to each child (gunicorn finishes its requests, the worker its job); SIGKILL
    for any that has not ended after ``STOP_TIMEOUT_S``."""
    running = [c.process for c in children if c.process is not None and c.process.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in running:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a service manager, ``kill``) stops the children the way Ctrl+C does.
    raise KeyboardInterrupt
