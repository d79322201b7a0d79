"""Jobs whose worker died: taken up again once, or failed with a reason the runner reads.

django-tasks' database backend marks a job "running" when a worker claims it and records the
worker's id, but nothing marks it again if that process is killed (``kill -9``, the machine
short of memory): the job, and its upload, would say "running" for ever. So a runcare worker
names itself after its machine, the machine's boot and its process id, and when a worker
starts it looks at every running job of a worker of this machine that no longer exists:

* run once so far: the job is queued again (an import is idempotent: activities already
  stored are recognised as duplicates, and a half-done import saved nothing);
* already run again: the job and its upload are marked failed, with a message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from runcare.web.training.models import Upload, UploadStatus
from runcare.web.training.tasks import import_upload

logger = logging.getLogger("runcare")

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
# A job is run at most this often: a file that kills its worker must not kill them all.
MAX_RUNS = 2
INTERRUPTED_MESSAGE = (
    "The import stopped twice while reading these files (the importer was shut down), so "
    "nothing from this upload was added. Please upload them again; if it happens again, "
    "upload fewer files at a time and tell the clinic."
)


class WorkerLostError(Exception):
    """Recorded as the failure of a job whose worker died twice while running it."""


def _boot_id() -> str:
    # Process ids start again after a reboot: a job of an earlier boot is orphaned whatever
    # its id. Without /proc (not Linux), the id only tells whether that process exists.
    try:
        return BOOT_ID.read_text().strip()[:8]
    except OSError:
        return "-"


def this_worker_id() -> str:
    """``host/boot/pid/random``: under the 64 characters django-tasks-db allows."""
    host = socket.gethostname().replace("/", "_")[:24]
    return f"{host}/{_boot_id()}/{os.getpid()}/{secrets.token_hex(3)}"


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def worker_is_gone(worker_id: str) -> bool:
    """True when the worker that wrote ``worker_id`` certainly no longer runs.

    A worker of another machine is not judged from here: its own restart recovers its jobs.
    An id of another form comes from a worker older than this rule, gone since an upgrade.
    """
    parts = worker_id.split("/")
    if len(parts) != 4:
        return True
    host, boot, pid_text, _ = parts
    if host != socket.gethostname().replace("/", "_")[:24]:
        return False
    if boot != _boot_id():
        return True
    try:
        pid = int(pid_text)
    except ValueError:
        return True
    # Our own id from an earlier life (a container starts its worker as pid 1 every time).
    return pid == os.getpid() or not _process_exists(pid)


@dataclass
class Recovered:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def recover_interrupted_jobs(now: datetime) -> Recovered:
    """Queue again, or fail, every running job whose worker is gone (see the module)."""
    recovered = Recovered()
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for job in running:
            if job.worker_ids and not worker_is_gone(job.worker_ids[-1]):
                continue
            if len(job.worker_ids) >= MAX_RUNS:
                _fail(job, now)
                recovered.failed.append(str(job.id))
            else:
                _requeue(job)
                recovered.requeued.append(str(job.id))
    return recovered


def _upload_of(job: DBTaskResult[Any, Any]) -> int | None:
    if job.task_path != import_upload.module_path:
        return None
    with contextlib.suppress(KeyError, IndexError, TypeError):
        return int(job.args_kwargs["args"][0])
    return None


def _requeue(job: DBTaskResult[Any, Any]) -> None:
    job.status = TaskResultStatus.READY
    job.started_at = None
    job.save(update_fields=["status", "started_at"])
    upload_id = _upload_of(job)
    if upload_id is not None:
        Upload.objects.filter(pk=upload_id, status=UploadStatus.RUNNING).update(
            status=UploadStatus.QUEUED
        )
    logger.warning(
        "runcare worker: job %s (%s) was interrupted when its worker stopped; running it again",
        job.id,
        f"upload {upload_id}" if upload_id is not None else job.task_path,
    )


def _fail(job: DBTaskResult[Any, Any], now: datetime) -> None:
    job.set_failed(WorkerLostError(f"its worker stopped {len(job.worker_ids)} times"))
    upload_id = _upload_of(job)
    if upload_id is not None:
        Upload.objects.filter(pk=upload_id).exclude(status=UploadStatus.DONE).update(
            status=UploadStatus.FAILED, error=INTERRUPTED_MESSAGE, finished_at=now
        )
    logger.warning(
        "runcare worker: job %s (%s) was interrupted %d times; marked failed",
        job.id,
        f"upload {upload_id}" if upload_id is not None else job.task_path,
        len(job.worker_ids),
    )
