"""Uploads of activity files: store what was sent, then import it as a background job.

One form submission is one ``Upload``, however many files it holds (a single watch file, a
handful of GPX files, or a whole Strava or Garmin export): one job, one progress bar, one
result. The files go to ``UPLOAD_DIR/<runner id>/<random folder>/`` under made-up names;
the names they had on the runner's computer are kept as data (``Upload.file_names``) and put
back into every source and reason shown to people.
"""

from __future__ import annotations

import bisect
import errno
import logging
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from runcare.activities import Activity, ImportResult, import_paths
from runcare.activities.dedupe import SAME_START_S, is_same_activity
from runcare.activities.jsonio import reasons_beyond
from runcare.web.accounts.models import User
from runcare.web.parsed.store import RunnerParseCache
from runcare.web.plan.services import recording_changes, upload_cause
from runcare.web.summaries.services import mark_changed, refresh_runner
from runcare.web.training.convert import activity_to_record_fields, record_to_activity, shorten
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.5
INSERT_BATCH = 500
NAME_MAX = 255
# Skipped files listed one by one on the result page (a screenful); the rest are counted by
# reason, so that a zip of 50,000 junk files leaves a small record.
SKIPPED_LISTED_MAX = 25
# Suffixes worth keeping on a stored file: the importer recognises zips by name as a fallback,
# and readers report a file's kind by its name when its content is ambiguous.
KNOWN_SUFFIXES = (".fit", ".gpx", ".tcx", ".zip", ".csv")
FAILED_MESSAGE = (
    "The import stopped unexpectedly, so nothing from this upload was added. "
    "Please try again; if it fails again, tell the clinic."
)
MISSING_MESSAGE = "The uploaded files are no longer on the server. Please upload them again."


NO_ROOM_MESSAGE = (
    "The server has no room to store this upload right now (its upload folder is full or "
    "cannot be written). Nothing was saved. Please try again later, and tell the clinic if "
    "this goes on."
)


# A full disk, a quota, a read-only or forbidden folder: the server has no room to store.
NO_ROOM_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


class UploadRefusedError(Exception):
    """The upload was not accepted; the message says why, for the person who sent it."""


class UploadStorageError(Exception):
    """The server could not store the upload (disk full, folder read-only); nothing is kept."""


def upload_root() -> Path:
    return Path(settings.UPLOAD_DIR)


def format_bytes(size: int) -> str:
    """A size for people: ``1 GB``, ``250 MB``, ``3.4 MB``, ``12 KB``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= factor:
            value = size / factor
            text = f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}"
            return f"{text} {unit}"
    return f"{max(1, round(size / 1024))} KB"


def check_upload_size(total_bytes: int) -> None:
    """The one size rule: all files of one upload together at most ``UPLOAD_MAX_BYTES``."""
    if total_bytes > settings.UPLOAD_MAX_BYTES:
        raise UploadRefusedError(too_large_message(total_bytes))


def too_large_message(size_bytes: int | None = None) -> str:
    """The refusal people read; ``size_bytes`` is ``None`` when the full size is not known."""
    size = f"{format_bytes(size_bytes)}, " if size_bytes is not None else ""
    return (
        f"This upload is {size}more than the limit of "
        f"{format_bytes(settings.UPLOAD_MAX_BYTES)} per upload. "
        "Upload fewer files at a time, or split the export."
    )


def store_upload(
    runner: User, uploaded_by: User, files: Sequence[UploadedFile], now: datetime
) -> Upload:
    """Copy the submitted files to the upload folder and record them as one queued upload.

    Raises ``UploadRefusedError`` (and keeps nothing) when there is no file or the files are
    larger than the limit, which is checked again on the bytes actually written, and
    ``UploadStorageError`` (keeping nothing either) when the upload folder is full or cannot
    be written.
    """
    if not files:
        raise UploadRefusedError("Choose at least one file to upload.")
    check_upload_size(sum(f.size or 0 for f in files))
    relative = Path(str(runner.pk), secrets.token_hex(16))
    folder = upload_root() / relative
    try:
        folder.mkdir(parents=True, mode=0o700)
        return _store_files(runner, uploaded_by, files, now, relative)
    except OSError as exc:
        logger.error("Cannot store an upload in %s: %s", upload_root(), exc)
        raise UploadStorageError(NO_ROOM_MESSAGE) from exc


def _store_files(
    runner: User, uploaded_by: User, files: Sequence[UploadedFile], now: datetime, relative: Path
) -> Upload:
    """Copy the files into their new folder and record them; on any failure remove it."""
    folder = upload_root() / relative
    try:
        written = 0
        for index, uploaded in enumerate(files):
            target = folder / f"{index:04d}{stored_suffix(uploaded.name or '')}"
            written += _copy_capped(uploaded, target, settings.UPLOAD_MAX_BYTES - written)
        names = [original_name(f) for f in files]
        return Upload.objects.create(
            runner=runner,
            uploaded_by=uploaded_by,
            created_at=now,
            original_name=display_name(names),
            stored_path=relative.as_posix(),
            file_names=names,
            size_bytes=written,
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def original_name(uploaded: UploadedFile) -> str:
    """The name the file had on the sender's computer, as shown: at most ``NAME_MAX``
    characters, cut in the middle (a name of 10,000 characters keeps both ends)."""
    return shorten(Path(uploaded.name or "unnamed").name, NAME_MAX)


def stored_suffix(original_name: str) -> str:
    """The harmless suffix of a file name (``.fit.gz``, ``.zip``), or ``""``."""
    lower = original_name.lower()
    gz = ".gz" if lower.endswith(".gz") else ""
    stem = lower.removesuffix(".gz")
    known = next((suffix for suffix in KNOWN_SUFFIXES if stem.endswith(suffix)), "")
    return known + gz


def display_name(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    others = len(names) - 1
    return shorten(f"{names[0]} and {others} more file{'s' if others > 1 else ''}", NAME_MAX)


def _copy_capped(uploaded: UploadedFile, target: Path, budget: int) -> int:
    written = 0
    with target.open("xb") as out:
        # Django's chunks() streams from its temporary file: memory stays flat for large exports.
        for chunk in uploaded.chunks():
            written += len(chunk)
            if written > budget:
                # The announced size can be wrong; the bytes actually received decide.
                raise UploadRefusedError(too_large_message())
            out.write(chunk)
    return written


def run_import(
    upload_id: int,
    now_fn: Callable[[], datetime],
    *,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Import one upload's files into the runner's activities.

    Progress is written to the upload as the files are read. The new activities and the
    result are then saved in one transaction: on any failure nothing is added and the upload
    is marked failed with a message for people. An upload already done is left alone, so a
    job that runs twice adds nothing twice.
    """
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None or upload.status == UploadStatus.DONE:
        return
    _update(upload_id, status=UploadStatus.RUNNING, files_done=0, files_total=0, error="")
    folder = upload_root() / upload.stored_path
    if not folder.is_dir():
        _update(upload_id, status=UploadStatus.FAILED, error=MISSING_MESSAGE, finished_at=now_fn())
        return
    try:
        progress = ProgressWriter(upload_id, clock)
        files = sorted(path for path in folder.iterdir() if path.is_file())
        cache = RunnerParseCache(upload.runner_id, upload.pk)
        result = import_paths(files, now=now_fn(), progress=progress, cache=cache)
        save_result(upload, _with_public_names(result, folder, upload.file_names), progress, now_fn)
        cache.save()
    except Exception:
        logger.exception("Import of upload %s failed", upload_id)
        _update(upload_id, status=UploadStatus.FAILED, error=FAILED_MESSAGE, finished_at=now_fn())
        return
    try:
        refresh_runner(upload.runner_id, now_fn())
    except Exception:
        # The activities are in; the summary stays marked stale and is recomputed when read.
        logger.exception("Summary of runner %s after upload %s failed", upload.runner_id, upload_id)


class ProgressWriter:
    """The importer's progress callback: writes files done/total, at most every interval.

    Each write is its own statement outside any transaction, so it is committed at once and
    the status page sees it while the import runs.
    """

    def __init__(
        self, upload_id: int, clock: Callable[[], float], interval_s: float = PROGRESS_INTERVAL_S
    ) -> None:
        self.upload_id = upload_id
        self.clock = clock
        self.interval_s = interval_s
        self.done = 0
        self.total = 0
        self._last_write = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        now = self.clock()
        if now - self._last_write < self.interval_s:
            return
        self._last_write = now
        _update(self.upload_id, files_done=min(done, total), files_total=total)

    @property
    def final_total(self) -> int:
        return max(self.done, self.total)


def save_result(
    upload: Upload, result: ImportResult, progress: ProgressWriter, now_fn: Callable[[], datetime]
) -> None:
    """Add the activities not already stored for the runner, and the result, atomically."""
    with transaction.atomic():
        # Two imports for one runner at once must not both add the same run (PostgreSQL; on
        # SQLite the write transaction already runs alone).
        User.objects.select_for_update().filter(pk=upload.runner_id).exists()
        fresh = new_activities(upload.runner_id, result.activities)
        if fresh:
            # New runs re-plan at once; what that changed is kept with its cause.
            with recording_changes(upload.runner, upload_cause(len(fresh)), now_fn()):
                insert_activities(upload, fresh)
        mark_changed(upload.runner_id, queue=False)  # this job recomputes it next
        total = progress.final_total
        _update(
            upload.pk,
            status=UploadStatus.DONE,
            files_done=total,
            files_total=total,
            activities_added=len(fresh),
            duplicates=len(result.merged) + len(result.activities) - len(fresh),
            skipped=[
                {"source": s.source, "reason": s.reason}
                for s in result.skipped[:SKIPPED_LISTED_MAX]
            ],
            skipped_more=reasons_beyond(result.skipped, SKIPPED_LISTED_MAX),
            skipped_total=len(result.skipped),
            stopped=result.stopped or "",
            error="",
            finished_at=now_fn(),
        )


def new_activities(runner_id: int, activities: Sequence[Activity]) -> list[Activity]:
    """The activities of ``activities`` that are not the same as one the runner already has."""
    if not activities:
        return []
    window = timedelta(seconds=SAME_START_S)
    stored = ActivityRecord.objects.filter(
        runner_id=runner_id,
        start__gte=min(a.start for a in activities) - window,
        start__lte=max(a.start for a in activities) + window,
    ).order_by("start")
    known = [record_to_activity(record) for record in stored]
    starts = [a.start for a in known]
    fresh = []
    for activity in activities:
        lo = bisect.bisect_left(starts, activity.start - window)
        hi = bisect.bisect_right(starts, activity.start + window)
        if not any(is_same_activity(activity, other) for other in known[lo:hi]):
            fresh.append(activity)
    return fresh


def insert_activities(upload: Upload, activities: Sequence[Activity]) -> None:
    records = [
        ActivityRecord(runner_id=upload.runner_id, upload=upload, **activity_to_record_fields(a))
        for a in activities
    ]
    for start in range(0, len(records), INSERT_BATCH):
        ActivityRecord.objects.bulk_create(records[start : start + INSERT_BATCH])


def _with_public_names(result: ImportResult, folder: Path, names: Sequence[str]) -> ImportResult:
    """The result with stored paths replaced by the names the files were uploaded with."""
    stored = re.compile(re.escape(f"{folder}{os.sep}") + r"(\d+)(?:\.[a-z]+)*")

    def public(text: str) -> str:
        def name(match: re.Match[str]) -> str:
            index = int(match[1])
            return names[index] if index < len(names) else "unnamed"

        return stored.sub(name, text)

    return ImportResult(
        activities=tuple(
            replace(a, source=public(a.source), notes=tuple(public(n) for n in a.notes))
            for a in result.activities
        ),
        skipped=tuple(replace(s, source=public(s.source)) for s in result.skipped),
        merged=tuple(
            replace(m, source=public(m.source), kept=public(m.kept)) for m in result.merged
        ),
        stopped=None if result.stopped is None else public(result.stopped),
    )


def _update(upload_id: int, **fields: object) -> None:
    Upload.objects.filter(pk=upload_id).update(**fields)
