"""Erase a runner with everything of hers (GDPR article 17): rows, files, sessions.

One transaction removes the rows; the files go once it has committed, so a failed
erasure keeps both. What is left is one ``Erasure`` line: that a client was erased, by
whom and when.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from functools import partial
from pathlib import Path

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from runcare.web.accounts.models import (
    Invitation,
    LoginAttempt,
    ResetRequest,
    User,
    reset_key,
    throttle_key,
)
from runcare.web.care.models import AuditEvent, SessionNote
from runcare.web.rights.models import Erasure, ErasureRequest
from runcare.web.summaries.tasks import refresh_summary
from runcare.web.training.activities import remove_folder, stored_folder
from runcare.web.training.models import Upload
from runcare.web.training.services import upload_root
from runcare.web.training.tasks import import_upload


def confirms(runner: User, typed: str) -> bool:
    """Whether ``typed`` is the client's name or user name (case and spacing aside)."""

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return bool(norm(typed)) and norm(typed) in {norm(runner.name), norm(runner.username)}


def erase_runner(runner: User, actor: User, *, now: datetime) -> Erasure:
    """Delete ``runner`` and every row and file of hers; returns the line that says so."""
    with transaction.atomic():
        runner = User.objects.select_for_update().get(pk=runner.pk)
        requested = ErasureRequest.objects.filter(runner=runner).exists()
        folders = [runner_folder(runner)] + [
            folder for upload in runner.uploads.all() if (folder := stored_folder(upload))
        ]
        number, therapist_id = runner.pk, runner.therapist_id
        _delete_rows(runner)
        erasure = Erasure.objects.create(
            at=now,
            actor=actor,
            actor_name=actor.name,
            therapist_id=therapist_id,
            client_number=number,
            requested_by_client=requested,
        )
        for folder in folders:
            transaction.on_commit(partial(remove_folder, folder))
    return erasure


def runner_folder(runner: User) -> Path:
    """The folder that holds every upload of ``runner`` (``UPLOAD_DIR/<id>/``)."""
    return upload_root().resolve() / str(runner.pk)


def _delete_rows(runner: User) -> None:
    # A note protects its plan, so notes (and their addenda) go before the account's cascade.
    SessionNote.objects.filter(runner=runner).delete()
    AuditEvent.objects.filter(Q(runner=runner) | Q(actor=runner)).delete()
    Invitation.objects.filter(runner=runner).delete()
    LoginAttempt.objects.filter(username=throttle_key(runner.username)).delete()
    if runner.email:
        ResetRequest.objects.filter(email_key=reset_key(runner.email)).delete()
    _delete_import_jobs(runner)
    _delete_sessions(runner)
    runner.delete()


def _delete_import_jobs(runner: User) -> None:
    """The jobs that imported (or were to import) her uploads: their arguments name them."""
    upload_ids = set(Upload.objects.filter(runner=runner).values_list("pk", flat=True))
    jobs = DBTaskResult.objects.filter(task_path=import_upload.module_path)
    doomed = [
        job.pk
        for job in jobs.only("pk", "args_kwargs").iterator()
        if set((job.args_kwargs or {}).get("args", [])[:1]) & upload_ids
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()
    # The jobs that were to recompute her summary name her by her id.
    summaries = DBTaskResult.objects.filter(task_path=refresh_summary.module_path)
    DBTaskResult.objects.filter(
        pk__in=[
            job.pk
            for job in summaries.only("pk", "args_kwargs").iterator()
            if (job.args_kwargs or {}).get("args", [])[:1] == [runner.pk]
        ]
    ).delete()


def _delete_sessions(runner: User) -> None:
    """Log her out everywhere: sessions are stored signed, so each is decoded to find hers."""
    mine = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == str(runner.pk)
    ]
    Session.objects.filter(pk__in=mine).delete()
