"""How much does keeping parsed files save on years of history?

Two measurements on demo histories (20-week copies of the demo runner, each ending 20 weeks
before the next, drawn with another seed), as ``benchmarks/import_speed.py`` builds them:

1. ``runcare check --json`` on ten years of files, as a separate process like a runner
   starts it: with ``--no-cache``, with an empty cache folder (the first run), and with the
   cache it filled (every later run). Goal: the second run under a fifth of the first.
2. A re-upload in the web app: one zip export of at least 5,110 files stored and imported
   for a runner (``store_upload`` + ``run_import``, as the worker runs it) and then the same
   zip again. Goal: the re-upload under 3 s. SQLite in a scratch folder; with
   ``--database-url postgres://...`` (an empty database) on PostgreSQL too.

The answers are compared: the three ``check`` runs must print the same JSON, and the
re-upload must add nothing and count every activity as already there; otherwise exit 1.

    .venv/bin/python benchmarks/history_cache.py [--quick] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from runcare.demo.generate import write_demo_history

DEMO_END = date(2026, 6, 28)
DEMO_WEEKS = 20
DEMO_SEED = 7
YEARS_COPIES = 26  # 26 x 20 weeks = 10 years
UPLOAD_FILES = 5_110
CHECK_GOAL = 5.0
# The installed command, as a runner starts it (the venv's bin beside this Python).
CHECK = [str(Path(sys.executable).with_name("runcare")), "check"]
UPLOAD_GOAL_S = 3.0


@dataclass(frozen=True, slots=True)
class Mode:
    copies: int
    upload_files: int
    repeats: int


FULL = Mode(YEARS_COPIES, UPLOAD_FILES, 3)
QUICK = Mode(3, 300, 1)


def write_copy(root: Path, copy: int) -> int:
    end = DEMO_END - timedelta(weeks=DEMO_WEEKS * copy)
    manifest = write_demo_history(root / f"history-{copy:02d}", end=end, seed=DEMO_SEED + copy)
    return len(manifest.files)


def write_histories(root: Path, copies: int) -> int:
    with ProcessPoolExecutor() as pool:
        return sum(pool.map(write_copy, [root] * copies, range(copies)))


def files_below(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def median_of(timings: Sequence[Timing], what: str) -> float:
    return statistics.median(getattr(timing, what) for timing in timings)


def print_timings(rows: Sequence[tuple[str, Sequence[Timing]]]) -> None:
    """Median, minimum and maximum of wall and CPU time: on a machine shared with other
    work the wall time mostly measures waiting for a core, the CPU time what was done."""
    print(
        f"{'':<24}{'wall s: median':>15}{'min':>7}{'max':>7}"
        f"{'cpu s: median':>15}{'min':>7}{'max':>7}"
    )
    for label, timings in rows:
        walls = [t.wall_s for t in timings]
        cpus = [t.cpu_s for t in timings]
        print(
            f"{label:<24}{statistics.median(walls):>15.2f}{min(walls):>7.2f}{max(walls):>7.2f}"
            f"{statistics.median(cpus):>15.2f}{min(cpus):>7.2f}{max(cpus):>7.2f}"
        )


# ---------------------------------------------------------------- runcare check


@dataclass(frozen=True, slots=True)
class Timing:
    wall_s: float
    cpu_s: float


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_check(history: Path, cache_home: Path, *extra: str) -> tuple[Timing, str]:
    started, cpu = time.perf_counter(), children_cpu_s()
    done = subprocess.run(
        [*CHECK, str(history), "--json", "--as-of", DEMO_END.isoformat(), "--tz", "UTC", *extra],
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = Timing(time.perf_counter() - started, children_cpu_s() - cpu)
    if done.returncode not in (0, 1) or done.stderr.strip():
        raise SystemExit(f"runcare check failed ({done.returncode}): {done.stderr}")
    return elapsed, done.stdout


def check_section(history: Path, scratch: Path, mode: Mode) -> list[str]:
    files = files_below(history)
    print(f"\nrunning check on {len(files):,} files ({mode.copies * DEMO_WEEKS / 52:.1f} years)")
    answers = set()
    plain: list[Timing] = []
    cold: list[Timing] = []
    warm: list[Timing] = []
    for repeat in range(mode.repeats):
        home = scratch / f"cache-home-{repeat}"
        elapsed, out = run_check(history, home, "--no-cache")
        plain.append(elapsed)
        answers.add(out)
        elapsed, out = run_check(history, home)
        cold.append(elapsed)
        answers.add(out)
        elapsed, out = run_check(history, home)
        warm.append(elapsed)
        answers.add(out)
    cache_file = scratch / "cache-home-0" / "runcare" / "parsed-files.sqlite3"
    print_timings(
        [("--no-cache", plain), ("first (empty cache)", cold), ("second (cache filled)", warm)]
    )
    for what in ("cpu_s", "wall_s"):
        ratio = median_of(cold, what) / median_of(warm, what)
        verdict = "met" if ratio >= CHECK_GOAL else "below target"
        print(f"first / second, {what[:-2]}: {ratio:.1f}x (goal {CHECK_GOAL:g}x: {verdict})")
    print(f"cache file: {cache_file.stat().st_size / 1024**2:.1f} MB")
    return [] if len(answers) == 1 else ["check printed different JSON with and without cache"]


# ---------------------------------------------------------------- re-upload


def zip_export(folders: Sequence[Path], target: Path, limit: int) -> int:
    """The first ``limit`` files below ``folders`` in one zip, as a runner would send them."""
    files = [(folder, path) for folder in folders for path in files_below(folder)][:limit]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, path in files:
            archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return len(files)


def setup_django(data_dir: Path, database_url: str | None) -> None:
    os.environ["RUNCARE_DATA_DIR"] = str(data_dir)
    os.environ["RUNCARE_UPLOAD_DIR"] = str(data_dir / "uploads")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runcare.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed_upload(runner: object, export: Path) -> tuple[Timing, object]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from runcare.web.training.models import Upload
    from runcare.web.training.services import run_import, store_upload

    def now() -> datetime:
        return datetime.now(UTC)

    sent = SimpleUploadedFile(export.name, export.read_bytes())
    started, cpu = time.perf_counter(), time.process_time()
    upload = store_upload(runner, runner, [sent], now())  # type: ignore[arg-type]
    run_import(upload.pk, now)
    elapsed = Timing(time.perf_counter() - started, time.process_time() - cpu)
    return elapsed, Upload.objects.get(pk=upload.pk)


def upload_section(export: Path, files: int, database: str, mode: Mode) -> list[str]:
    from runcare.web.accounts.models import User

    print(f"\nre-upload of one {files:,}-file zip export ({database})")
    first: list[Timing] = []
    again: list[Timing] = []
    problems: list[str] = []
    for repeat in range(mode.repeats):
        runner = User.objects.create_user(
            username=f"bench-{repeat}-{time.time_ns()}", role="runner"
        )
        elapsed, upload = timed_upload(runner, export)
        first.append(elapsed)
        elapsed, reupload = timed_upload(runner, export)
        again.append(elapsed)
        added = getattr(upload, "activities_added", 0)
        if getattr(reupload, "activities_added", None) != 0 or added == 0:
            problems.append(f"re-upload added {getattr(reupload, 'activities_added', '?')}")
        if getattr(reupload, "status", "") != "done":
            problems.append(f"re-upload ended {getattr(reupload, 'status', '?')}")
    print_timings([("first upload", first), ("same export again", again)])
    for what in ("cpu_s", "wall_s"):
        seconds = median_of(again, what)
        verdict = "met" if seconds < UPLOAD_GOAL_S else "below target"
        print(
            f"re-upload, {what[:-2]}: {seconds:.2f} s (goal under {UPLOAD_GOAL_S:g} s: {verdict})"
        )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small history, one repeat")
    parser.add_argument(
        "--database-url", help="time the re-upload on this (empty) database instead of SQLite"
    )
    parser.add_argument("--only", choices=["check", "upload"], help="run one measurement")
    args = parser.parse_args(argv)
    mode = QUICK if args.quick else FULL
    started = time.perf_counter()
    print("runcare parsed-file cache benchmark" + (" (quick)" if args.quick else ""))
    print(f"method: median of {mode.repeats}; each check a separate process")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="runcare-cache-bench-") as name:
        scratch = Path(name)
        history = scratch / "ten-years"
        write_histories(history, mode.copies)
        if args.only != "upload":
            problems += check_section(history, scratch, mode)
        if args.only != "check":
            more = scratch / "more"
            copy = mode.copies
            while len(files_below(history)) + len(files_below(more)) < mode.upload_files:
                write_copy(more, copy)
                copy += 1
            export = scratch / "export.zip"
            files = zip_export([history, more], export, mode.upload_files)
            setup_django(scratch / "web", args.database_url)
            database = "PostgreSQL" if args.database_url else "SQLite"
            problems += upload_section(export, files, database, mode)
    print(f"\nfinished in {time.perf_counter() - started:.0f} s; {len(problems)} problems")
    for problem in problems:
        print(f"problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
