"""Background jobs of the training app, run by ``runcare worker`` (django-tasks)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from runcare.web.training.models import Upload
from runcare.web.training.services import run_import


@task()
def import_upload(upload_id: int) -> None:
    run_import(upload_id, timezone.now)


def enqueue_import(upload: Upload) -> None:
    """Queue the upload's import once the upload itself is committed.

    A worker polling another database connection must never find a job whose upload it
    cannot see yet.
    """
    transaction.on_commit(partial(import_upload.enqueue, upload.pk))
