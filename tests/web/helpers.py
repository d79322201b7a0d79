"""Builders for the dashboard tests: stored runs, uploads and intakes, relative to a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from runcare.care.redflags import QUESTIONS
from runcare.web.accounts.models import User
from runcare.web.clinic.models import Intake
from runcare.web.clinic.services import record_intake
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus

# The same four runs every week (Monday = 0), in km: no spike, no weekly jump.
STEADY_WEEK_KM = {1: 6.0, 3: 7.0, 5: 5.0, 6: 12.0}
PACE_S_PER_KM = 350.0


def today() -> date:
    return timezone.localdate()


def steady_runs(end: date, weeks: int = 10) -> list[tuple[date, float]]:
    first = end - timedelta(days=weeks * 7 - 1)
    days = (first + timedelta(days=n) for n in range((end - first).days + 1))
    return [(day, STEADY_WEEK_KM[day.weekday()]) for day in days if day.weekday() in STEADY_WEEK_KM]


def spiky_runs(end: date) -> list[tuple[date, float]]:
    """Steady training, then a run 50 % over the longest of the month before, 5 days ago."""
    return [*steady_runs(end - timedelta(days=6)), (end - timedelta(days=5), 18.0)]


def add_runs(
    runner: User, runs: Iterable[tuple[date, float]], upload: Upload | None = None
) -> None:
    ActivityRecord.objects.bulk_create(
        ActivityRecord(
            runner=runner,
            upload=upload,
            start=datetime.combine(day, time(7, 0), tzinfo=UTC),
            utc_offset_s=0,
            sport="running",
            kind="gpx",
            duration_s=km * PACE_S_PER_KM,
            moving_s=km * PACE_S_PER_KM,
            distance_m=km * 1000.0,
            source=f"{day:%Y-%m-%d}.gpx",
        )
        for day, km in runs
    )


def add_upload(runner: User, at: datetime, name: str = "export.zip") -> Upload:
    return Upload.objects.create(
        runner=runner,
        uploaded_by=runner,
        created_at=at,
        original_name=name,
        stored_path=f"{runner.pk}/test",
        file_names=[name],
        size_bytes=1000,
        status=UploadStatus.DONE,
        finished_at=at,
    )


def add_intake(
    runner: User,
    *,
    by: User | None = None,
    pain: dict[str, int] | None = None,
    flags: Iterable[str] = (),
    now: datetime | None = None,
) -> Intake:
    yes = set(flags)
    data: dict[str, Any] = {
        "question": "Why do my hips hurt after I run?",
        "pain_0_10": pain if pain is not None else {"hip_front_left": 4},
        "timing": ["after_runs"],
        "red_flags": {q.key: q.key in yes for q in QUESTIONS},
    }
    return record_intake(runner, by or runner, data, now or timezone.now())
