"""A job whose worker died is queued again once, then failed with a reason the runner
reads; a job of a live worker, or of another machine, is left alone."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from runcare.cli import worker_cmd
from runcare.web.training import recovery
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from runcare.web.training.recovery import (
    INTERRUPTED_MESSAGE,
    recover_interrupted_jobs,
    this_worker_id,
    worker_is_gone,
)
from runcare.web.training.services import run_import, store_upload
from runcare.web.training.tasks import enqueue_import
from tests.builders import START, gpx_run
from tests.web.conftest import Personas, client_for

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
HOST = socket.gethostname().replace("/", "_")[:24]


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


@pytest.fixture
def restore_signals() -> Iterator[None]:
    # The worker installs its own SIGINT/SIGTERM handlers; later tests need pytest's back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def dead_pid() -> int:
    # A child that ended and was reaped: its id names no process until the system hands it
    # out again, which takes a full turn of the process ids.
    probe = subprocess.Popen([sys.executable, "-c", "pass"])
    probe.wait()
    return probe.pid


def worker_id(pid: int, host: str = HOST, boot: str | None = None) -> str:
    return f"{host}/{boot or recovery._boot_id()}/{pid}/abcdef"


def interrupted(personas: Personas, *worker_ids: str) -> tuple[Upload, DBTaskResult]:
    """An upload whose import job was claimed by ``worker_ids`` in turn and is 'running'."""
    upload = store_upload(
        personas.runner,
        personas.runner,
        [SimpleUploadedFile("run.gpx", gpx_run(START, distance_m=6000.0))],
        NOW,
    )
    enqueue_import(upload)
    job = DBTaskResult.objects.get()
    job.status = "RUNNING"
    job.worker_ids = list(worker_ids)
    job.started_at = NOW
    job.save()
    Upload.objects.filter(pk=upload.pk).update(status=UploadStatus.RUNNING, files_done=1)
    return upload, job


def run_worker_batch() -> None:
    assert worker_cmd.run(argparse.Namespace(batch=True, interval=1.0, quiet=True)) == 0


def test_it_names_a_worker_by_machine_boot_and_process() -> None:
    name = this_worker_id()
    host, _boot, pid, rand = name.split("/")
    assert (host, int(pid), len(rand)) == (HOST, os.getpid(), 6)
    assert len(name) <= 64
    assert this_worker_id() != name


@pytest.mark.parametrize(
    ("name", "gone"),
    [
        (lambda: worker_id(dead_pid()), True),
        (lambda: worker_id(os.getppid()), False),
        (lambda: worker_id(os.getpid()), True),  # our own id from an earlier life
        (lambda: worker_id(os.getppid(), boot="00000000"), True),  # before a reboot
        (lambda: worker_id(dead_pid(), host="another-machine"), False),
        (lambda: "cGxhaW4gb2xkIHJhbmRvbSB3b3JrZXIgaWQ", True),  # an id from before the rule
        (lambda: f"{HOST}/{recovery._boot_id()}/not-a-pid/abcdef", True),
    ],
)
def test_it_tells_which_workers_are_gone(name: Any, gone: bool) -> None:
    assert worker_is_gone(name()) is gone


@pytest.mark.django_db(transaction=True)
def test_it_runs_an_interrupted_import_again_and_adds_each_activity_once(
    personas: Personas, restore_signals: None
) -> None:
    upload, job = interrupted(personas, worker_id(dead_pid()))
    run_worker_batch()
    job.refresh_from_db()
    upload.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert len(job.worker_ids) == 2
    assert (upload.status, upload.activities_added) == ("done", 1)
    assert ActivityRecord.objects.filter(runner=personas.runner).count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_adds_nothing_twice_when_the_killed_worker_had_saved_already(
    personas: Personas, restore_signals: None
) -> None:
    # Killed after its transaction committed, before the job was marked done.
    upload, job = interrupted(personas, worker_id(dead_pid()))
    run_import(upload.pk, lambda: NOW)
    DBTaskResult.objects.filter(pk=job.pk).update(status="RUNNING")
    run_worker_batch()
    assert ActivityRecord.objects.filter(runner=personas.runner).count() == 1
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_it_fails_a_job_whose_worker_died_twice_with_a_reason_the_runner_reads(
    personas: Personas,
) -> None:
    upload, job = interrupted(personas, worker_id(dead_pid()), worker_id(dead_pid()))
    recovered = recover_interrupted_jobs(NOW)
    assert recovered.failed == [str(job.id)]
    job.refresh_from_db()
    upload.refresh_from_db()
    assert job.status == "FAILED"
    assert "WorkerLostError" in job.exception_class_path
    assert (upload.status, upload.error, upload.finished_at) == ("failed", INTERRUPTED_MESSAGE, NOW)
    assert not ActivityRecord.objects.exists()
    page = client_for(personas.runner).get(f"/training/uploads/{upload.pk}/")
    assert "stopped twice while reading these files" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_it_leaves_the_job_of_a_live_worker_alone(personas: Personas) -> None:
    upload, job = interrupted(personas, worker_id(os.getppid()))
    assert recover_interrupted_jobs(NOW).requeued == []
    job.refresh_from_db()
    upload.refresh_from_db()
    assert (job.status, upload.status) == ("RUNNING", "running")


@pytest.mark.django_db(transaction=True)
def test_it_leaves_another_machines_job_to_that_machine(personas: Personas) -> None:
    _upload, job = interrupted(personas, worker_id(dead_pid(), host="another-machine"))
    assert recover_interrupted_jobs(NOW).requeued == []
    job.refresh_from_db()
    assert job.status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_requeued_upload_as_waiting(personas: Personas) -> None:
    upload, job = interrupted(personas, worker_id(dead_pid()))
    assert recover_interrupted_jobs(NOW).requeued == [str(job.id)]
    upload.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, job.started_at, upload.status) == ("READY", None, "queued")
