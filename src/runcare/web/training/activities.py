"""A runner's stored activities as she sees them: listed, corrected, deleted.

The verdict and the charts of one runner are computed from the activities on her pages
(``queries.load_report``), so a correction or a deletion shows at once; the stored summary of
the client list is marked out of date in the same transaction and recomputed.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from django.db import transaction

from runcare.activities import Sport
from runcare.load.series import local_day
from runcare.web.accounts.models import User
from runcare.web.summaries.services import mark_changed
from runcare.web.training.convert import record_to_activity
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from runcare.web.training.services import upload_root

logger = logging.getLogger(__name__)

SPORT_LABELS = {sport.value: sport.value.replace("_", " ").capitalize() for sport in Sport}


class UploadBusyError(Exception):
    """The upload is still being imported; it can be deleted once that has finished."""


@dataclass(frozen=True)
class ActivityRow:
    record: ActivityRecord
    day: date
    local_start: datetime

    @property
    def sport_label(self) -> str:
        return SPORT_LABELS.get(self.record.sport, self.record.sport)

    @property
    def time_text(self) -> str:
        # Formatted here: a template would move it to the viewer's zone, not the file's.
        return f"{self.local_start:%H:%M}"

    @property
    def distance_text(self) -> str:
        distance_m = self.record.distance_m
        return "-" if distance_m is None else f"{distance_m / 1000:.2f} km"

    @property
    def duration_text(self) -> str:
        return duration_text(self.record.duration_s)


def duration_text(duration_s: float | None) -> str:
    """``1:05:09`` for an hour and more, ``42:07`` below; ``-`` when unknown."""
    if duration_s is None:
        return "-"
    minutes, seconds = divmod(round(duration_s), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def activity_row(record: ActivityRecord, runner: User) -> ActivityRow:
    """The record with its calendar day counted as the load model counts it
    (``local_day``: the file's own offset, else the runner's zone)."""
    activity = record_to_activity(record)
    if record.utc_offset_s is not None:
        local = record.start.astimezone(timezone(timedelta(seconds=record.utc_offset_s)))
    else:
        local = record.start.astimezone(runner.zone)
    return ActivityRow(record=record, day=local_day(activity, runner.zone), local_start=local)


def activity_rows(runner: User) -> list[ActivityRow]:
    """All of ``runner``'s activities, newest first."""
    records = ActivityRecord.objects.filter(runner=runner).select_related("upload")
    return [activity_row(r, runner) for r in records.order_by("-start", "-pk")]


def correct_sport(record: ActivityRecord, sport: str) -> None:
    """Set the activity's sport; ``sport`` must be a ``Sport`` value."""
    with transaction.atomic():
        record.sport = Sport(sport).value
        record.save(update_fields=["sport"])
        mark_changed(record.runner_id)


def delete_activity(record: ActivityRecord) -> None:
    with transaction.atomic():
        record.delete()
        mark_changed(record.runner_id)


def delete_upload(upload: Upload) -> int:
    """Delete the upload, the activities it added and its files; the number of activities.

    An activity of this upload that another upload also held was stored once, by the
    upload that came first, so deleting the later upload leaves it alone.
    """
    if upload.status in {UploadStatus.QUEUED, UploadStatus.RUNNING}:
        raise UploadBusyError("This upload is still being imported. Delete it once it is done.")
    with transaction.atomic():
        deleted, _ = ActivityRecord.objects.filter(upload=upload).delete()
        folder = stored_folder(upload)
        upload.delete()
        mark_changed(upload.runner_id)
        # Files go only once the rows are gone for good: a rolled-back deletion keeps both.
        if folder is not None:
            transaction.on_commit(partial(remove_folder, folder))
    return deleted


def stored_folder(upload: Upload) -> Path | None:
    """The upload's folder, or None when its stored path would lead out of the upload folder."""
    root = upload_root().resolve()
    folder = (root / upload.stored_path).resolve()
    if folder == root or not folder.is_relative_to(root):
        return None
    return folder


def remove_folder(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return
    except OSError as exc:
        logger.error("Could not remove the uploaded files in %s: %s", folder, exc)
