"""How fast are the therapist's client list, a client's page and a runner's dashboard as the
clinic grows?

Seeds one therapist with N clients (each with one to two years of runs, inserted in bulk)
plus one client with ten years of runs, brings the stored summaries up to date as the worker
and cron would, then times the pages through Django's test client after a real login:

- ``client_list``: the therapist's client list, first page, default order;
- ``client_detail``: the ten-year client's page, as her therapist;
- ``dashboard``: the ten-year runner's own dashboard.

For each N (ascending; the clinic grows between sizes) and each database (SQLite, and
PostgreSQL when ``RUNCARE_TEST_POSTGRES_URL`` is set: a database of its own is created and
dropped) it prints the median, minimum and maximum time and the number of queries.

    .venv/bin/python benchmarks/web_scale.py                      # 50, 200, 1,000, 5,000
    .venv/bin/python benchmarks/web_scale.py --clients 200 1000 --json

Each database runs in a child process of its own (Django reads its settings once). Goals
(docs/performance.md): the list under 150 ms at 1,000 and 5,000 clients with at most 10
queries; the ten-year client's page and dashboard under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_CLIENTS = (50, 200, 1000, 5000)
REPEATS = 7
PASSWORD = "a long benchmark passphrase"  # noqa: S105 - a made-up account
TEN_YEARS = 10
INSERT_BATCH = 5000
PAGES = ("client_list", "client_detail", "dashboard")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=list(DEFAULT_CLIENTS),
        metavar="N",
        help="clinic sizes to seed and measure (default: %(default)s)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=REPEATS,
        metavar="K",
        help="timed requests per page (default: %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgresql"),
        nargs="+",
        help="the databases to measure (default: SQLite, and PostgreSQL when "
        "RUNCARE_TEST_POSTGRES_URL is set)",
    )
    parser.add_argument("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.clients))
    if args.child:
        return child(args.child, sizes, args.repeats)
    results: list[dict[str, Any]] = []
    for db in args.db or databases():
        results.extend(run_child(db, sizes, args.repeats, quiet=args.json))
    if args.json:
        print(json.dumps({"results": results}))
    else:
        print_table(results)
    return 0


def databases() -> list[str]:
    """SQLite always; PostgreSQL when a server to create a database on is named."""
    return ["sqlite", "postgresql"] if os.environ.get("RUNCARE_TEST_POSTGRES_URL") else ["sqlite"]


def run_child(db: str, sizes: list[int], repeats: int, *, quiet: bool) -> list[dict[str, Any]]:
    command = [sys.executable, __file__, "--child", db, "--repeats", str(repeats), "--clients"]
    with tempfile.TemporaryDirectory(prefix="runcare-web-scale-") as data_dir:
        env = {
            **os.environ,
            "RUNCARE_DATA_DIR": data_dir,
            "ALLOWED_HOSTS": "testserver",
        }
        for name in ("DATABASE_URL", "RUNCARE_ENV", "RUNCARE_DEBUG"):
            env.pop(name, None)
        with database(db) as url:
            if url:
                env["DATABASE_URL"] = url
            done = subprocess.run(
                command + [str(n) for n in sizes],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
    if not quiet:
        sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.stderr.write(done.stderr if quiet else "")
        raise SystemExit(f"web_scale: the {db} run failed (status {done.returncode})")
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


@contextmanager
def database(db: str) -> Iterator[str | None]:
    """A fresh PostgreSQL database beside the test one, dropped afterwards; SQLite: None."""
    if db == "sqlite":
        yield None
        return
    import psycopg

    base = os.environ["RUNCARE_TEST_POSTGRES_URL"]
    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/') or 'runcare'}_web_scale_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the child: one database --------------------------------------------------------------


def child(db: str, sizes: list[int], repeats: int) -> int:
    from runcare.cli.django_env import migrate, setup_django

    setup_django()
    migrate()
    from django.utils import timezone

    now = timezone.now()
    clinic = Clinic(now)
    rows: list[dict[str, Any]] = []
    for size in sizes:
        started = time.perf_counter()
        added = clinic.grow_to(size)
        seeded_s = time.perf_counter() - started
        started = time.perf_counter()
        refreshed = clinic.refresh()
        refresh_s = time.perf_counter() - started
        log(
            f"{db}: {size} clients: seeded {added:,} activities in {seeded_s:.1f} s, "
            f"{refreshed} summaries in {refresh_s:.1f} s"
        )
        for page, fetch in clinic.pages().items():
            timing = measure(fetch, repeats)
            cpu_ms = timing.pop("cpu_ms")
            rows.append({"db": db, "clients": size, "page": page, **timing})
            log(
                f"  {page}: median {timing['median_ms']} ms, {timing['queries']} queries, "
                f"median CPU time of this process {cpu_ms} ms"
            )
    print(json.dumps(rows))
    return 0


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure(fetch: Callable[[], int], repeats: int) -> dict[str, Any]:
    from django.db import connection

    queries = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = fetch()  # also warms the caches a real server would have warm
    if status != 200:
        raise SystemExit(f"web_scale: a page answered {status}")
    times_ms = []
    cpu_ms = []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        fetch()
        times_ms.append((time.perf_counter() - started) * 1000.0)
        # On a busy machine the wall time includes waiting for a core; the CPU time of this
        # process (the database server's excluded) shows the page's own cost.
        cpu_ms.append((time.process_time() - cpu) * 1000.0)
    return {
        "cpu_ms": round(statistics.median(cpu_ms), 1),
        "median_ms": round(statistics.median(times_ms), 1),
        "min_ms": round(min(times_ms), 1),
        "max_ms": round(max(times_ms), 1),
        "queries": len(queries),
    }


class Clinic:
    """One therapist, her clients (grown in steps) and the ten-year runner."""

    def __init__(self, now: datetime) -> None:
        from django.contrib.auth.hashers import make_password

        from runcare.web.accounts.models import Role, User

        self.now = now
        self.rng = random.Random(13)
        # One hash for every account: hashing 5,000 passwords would be the whole benchmark.
        self.password = make_password(PASSWORD)
        self.therapist = User.objects.create(
            username="bench_therapist", role=Role.THERAPIST, password=self.password
        )
        self.count = 0
        self.veteran = self._add_runners(1, prefix="veteran")[0]
        self._add_runs(self.veteran.pk, years=TEN_YEARS)
        self.fresh: list[Any] = [self.veteran]

    def grow_to(self, size: int) -> int:
        """Add clients until there are ``size`` besides the ten-year one; activities added."""
        from runcare.web.training.models import ActivityRecord

        added = 0
        new = self._add_runners(size - self.count, prefix="client")
        pending: list[Any] = []
        for runner in new:
            pending += self._runs(runner.pk, years=self.rng.uniform(1.0, 2.0))
            # Many clients to one INSERT: a statement a client would be most of the time.
            if len(pending) >= INSERT_BATCH or runner is new[-1]:
                ActivityRecord.objects.bulk_create(pending, batch_size=INSERT_BATCH)
                added += len(pending)
                pending = []
        self.fresh.extend(new)
        return added

    def refresh(self) -> int:
        from runcare.web.summaries.services import refresh

        written = refresh(self.fresh, self.now)
        self.fresh = []
        return written

    def _add_runners(self, n: int, prefix: str) -> list[Any]:
        from runcare.web.accounts.models import Role, User

        if n <= 0:
            return []
        first = self.count
        self.count += n if prefix == "client" else 0
        users = [
            User(
                username=f"{prefix}_{first + i:05d}",
                display_name=f"{prefix.title()} {first + i:05d}",
                role=Role.RUNNER,
                therapist=self.therapist,
                password=self.password,
                time_zone=self.rng.choice(["", "Europe/Berlin", "America/New_York"]),
            )
            for i in range(n)
        ]
        User.objects.bulk_create(users, batch_size=INSERT_BATCH)
        names = [u.username for u in users]
        return list(User.objects.filter(username__in=names).order_by("pk"))

    def _add_runs(self, runner_id: int, years: float) -> int:
        from runcare.web.training.models import ActivityRecord

        records = self._runs(runner_id, years)
        ActivityRecord.objects.bulk_create(records, batch_size=INSERT_BATCH)
        return len(records)

    def _runs(self, runner_id: int, years: float) -> list[Any]:
        """About four runs a week over ``years`` up to today, as unsaved rows."""
        today = self.now.date()
        first = today - timedelta(days=round(365 * years))
        longest_km = self.rng.uniform(8.0, 16.0)
        records = []
        day = first
        while day <= today:
            if self.rng.random() < 4 / 7:
                km = self.rng.uniform(4.0, longest_km)
                if self.rng.random() < 0.02:  # now and then a run well past the month's longest
                    km = longest_km * self.rng.uniform(1.1, 1.5)
                records.append(run_record(runner_id, day, km, self.rng))
            day += timedelta(days=1)
        return records

    def pages(self) -> dict[str, Callable[[], int]]:
        from django.test import Client
        from django.urls import reverse

        therapist = Client()
        runner = Client()
        # A real login: the password checked by the authentication backend, a session stored.
        assert therapist.login(username=self.therapist.username, password=PASSWORD)
        assert runner.login(username=self.veteran.username, password=PASSWORD)
        urls = {
            "client_list": (therapist, reverse("clinic:client_list")),
            "client_detail": (therapist, reverse("clinic:client_detail", args=[self.veteran.pk])),
            "dashboard": (runner, reverse("training:dashboard")),
        }
        return {page: _getter(*urls[page]) for page in PAGES}


def _getter(client: Any, url: str) -> Callable[[], int]:
    def fetch() -> int:
        status: int = client.get(url).status_code
        return status

    return fetch


def run_record(runner_id: int, day: date, km: float, rng: random.Random) -> Any:
    from runcare.web.training.models import ActivityRecord

    pace_s = rng.uniform(300.0, 390.0)
    start = datetime(day.year, day.month, day.day, 6, rng.randint(0, 59), tzinfo=UTC)
    return ActivityRecord(
        runner_id=runner_id,
        start=start,
        utc_offset_s=3600,
        sport="running",
        kind="fit",
        duration_s=km * pace_s,
        moving_s=km * pace_s,
        distance_m=round(km * 1000.0, 1),
        source=f"{day:%Y-%m-%d}.fit",
    )


def print_table(results: list[dict[str, Any]]) -> None:
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores,")
    print(f"  {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"{'db':<11} {'clients':>7}  {'page':<14} {'median':>8} {'min':>8} {'max':>8} queries")
    for row in results:
        print(
            f"{row['db']:<11} {row['clients']:>7}  {row['page']:<14} {row['median_ms']:>6.1f}ms"
            f" {row['min_ms']:>6.1f}ms {row['max_ms']:>6.1f}ms {row['queries']:>7}"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
