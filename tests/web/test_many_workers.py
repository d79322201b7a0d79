"""Two `runcare worker` processes on one PostgreSQL database import twenty queued uploads side
by side: no job is taken twice, no run is stored twice, and every runner's stored summary
ends current (computed from her latest data, equal to a fresh computation).

Real processes against a database of their own (created beside RUNCARE_TEST_POSTGRES_URL and
dropped afterwards): the test's own database is a transaction the workers could not see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNNERS = 5
UPLOADS_EACH = 4
RUNS_PER_UPLOAD = 6

SEED = f"""
from datetime import timedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from runcare.web.accounts.models import Role, User
from runcare.web.training.services import store_upload
from runcare.web.training.tasks import enqueue_import
from tests.builders import gpx_run

now = timezone.now()
therapist = User.objects.create(username="thea", role=Role.THERAPIST)
for r in range({RUNNERS}):
    runner = User.objects.create(username=f"runner_{{r}}", role=Role.RUNNER, therapist=therapist)
    for u in range({UPLOADS_EACH}):
        # Each upload overlaps the next by half: the same runs come twice, in two jobs.
        days = range(u * {RUNS_PER_UPLOAD} // 2, u * {RUNS_PER_UPLOAD} // 2 + {RUNS_PER_UPLOAD})
        files = [
            SimpleUploadedFile(
                f"run-{{d}}.gpx",
                gpx_run(now - timedelta(days=40 - d, hours=3), distance_m=5000.0 + 300 * d),
            )
            for d in days
        ]
        with transaction.atomic():
            enqueue_import(store_upload(runner, runner, files, now))
print("seeded")
"""

CHECK = f"""
from collections import Counter
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from runcare.report.runner_summary import summarize
from runcare.web.accounts.models import Role, User
from runcare.web.summaries.models import RunnerSummary
from runcare.web.summaries.services import is_stale, summary_of
from runcare.web.training.models import ActivityRecord, Upload
from runcare.web.training.queries import load_report
from runcare.web.training.tasks import import_upload

jobs = list(DBTaskResult.objects.filter(task_path=import_upload.module_path))
assert len(jobs) == {RUNNERS * UPLOADS_EACH}, len(jobs)
assert {{job.status for job in jobs}} == {{"SUCCESSFUL"}}, [job.status for job in jobs]
# Each job was claimed once, by one worker.
assert all(len(job.worker_ids) == 1 for job in jobs), [job.worker_ids for job in jobs]
by_worker = Counter(job.worker_ids[0].rsplit("/", 2)[1] for job in jobs)
assert len(by_worker) == 2, by_worker  # both processes took jobs
assert {{u.status for u in Upload.objects.all()}} == {{"done"}}
now = timezone.now()
for runner in User.objects.filter(role=Role.RUNNER):
    starts = list(ActivityRecord.objects.filter(runner=runner).values_list("start", flat=True))
    expected = {UPLOADS_EACH - 1} * {RUNS_PER_UPLOAD} // 2 + {RUNS_PER_UPLOAD}
    assert len(starts) == len(set(starts)) == expected, (runner.username, len(starts))
    row = RunnerSummary.objects.get(runner=runner)
    assert not is_stale(row, now), runner.username
    assert summary_of(row) == summarize(load_report(runner, now)), runner.username
print("jobs by worker:", dict(by_worker))
"""


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = os.environ.get("RUNCARE_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("RUNCARE_TEST_POSTGRES_URL is not set: several workers need PostgreSQL")
    import psycopg

    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/') or 'runcare'}_workers_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url: str, data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "RUNCARE_DATA_DIR": str(data_dir)}
    env.pop("RUNCARE_ENV", None)
    env["PYTHONPATH"] = str(REPO)
    return env


def django_script(body: str, env: dict[str, str]) -> str:
    setup = "from runcare.cli.django_env import migrate, setup_django\nsetup_django()\nmigrate()\n"
    done = subprocess.run(
        [sys.executable, "-c", setup + body],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    runcare = Path(sys.executable).with_name("runcare")
    return subprocess.Popen(
        [str(runcare), "worker", "--interval", "0.2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


def wait_for(predicate: object, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.timeout(600)
def test_two_workers_import_twenty_uploads_once_each(postgres_url: str, tmp_path: Path) -> None:
    env = environment(postgres_url, tmp_path / "data")
    django_script("", env)  # the tables, before two workers race to create them
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [start_worker(env, log) for log in logs]
    try:
        wait_for(
            lambda: all("Starting worker" in log.read_text(errors="replace") for log in logs),
            120,
            "both workers to start",
        )
        assert "seeded" in django_script(SEED, env)
        pending = "from runcare.web.training.models import Upload\n" + (
            "print(Upload.objects.filter(status__in=['queued', 'running']).count())"
        )
        wait_for(lambda: django_script(pending, env).strip() == "0", 300, "every import")
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    assert "jobs by worker" in django_script(CHECK, env)
