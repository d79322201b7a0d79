"""The import job: stored files in, the runner's activities out, progress on the way, and
nothing half-done when it fails."""

from __future__ import annotations

import argparse
import io
import signal
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from runcare.activities import Activity, ImportResult, Sport
from runcare.cli import worker_cmd
from runcare.web.accounts.models import User
from runcare.web.training import services
from runcare.web.training.convert import activity_to_record_fields, record_to_activity
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from runcare.web.training.services import (
    FAILED_MESSAGE,
    ProgressWriter,
    UploadRefusedError,
    run_import,
    store_upload,
)
from runcare.web.training.tasks import enqueue_import
from tests.builders import START, gpx_run, zip_bytes
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
DOCS = Path(__file__).resolve().parents[2] / "docs"


def now() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    # Password hashing is not under test here; Argon2 would make every persona slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


def three_runs() -> dict[str, bytes]:
    return {
        f"activities/run{day}.gpx": gpx_run(START + timedelta(days=day), distance_m=4000 + day)
        for day in (0, 2, 4)
    }


def upload_of(runner: User, files: dict[str, bytes]) -> Upload:
    uploaded = [SimpleUploadedFile(name, data) for name, data in files.items()]
    return store_upload(runner, runner, uploaded, NOW)


def imported(runner: User, files: dict[str, bytes]) -> Upload:
    upload = upload_of(runner, files)
    run_import(upload.pk, now)
    upload.refresh_from_db()
    return upload


def test_it_imports_every_run_of_an_export_and_reaches_the_total(personas: Personas) -> None:
    upload = imported(personas.runner, {"export.zip": zip_bytes(three_runs())})
    assert upload.status == UploadStatus.DONE
    assert (upload.activities_added, upload.duplicates, upload.skipped) == (3, 0, [])
    assert upload.files_done == upload.files_total == 3
    assert upload.finished_at == NOW
    records = ActivityRecord.objects.filter(runner=personas.runner, upload=upload)
    assert [r.start for r in records] == [START + timedelta(days=d) for d in (0, 2, 4)]
    assert records[0].source == "export.zip!activities/run0.gpx"
    assert records[0].distance_m == pytest.approx(4000, rel=0.01)


def test_it_adds_nothing_twice_when_the_same_export_comes_again(personas: Personas) -> None:
    imported(personas.runner, {"export.zip": zip_bytes(three_runs())})
    again = imported(personas.runner, {"export-again.zip": zip_bytes(three_runs())})
    assert (again.status, again.activities_added, again.duplicates) == ("done", 0, 3)
    assert ActivityRecord.objects.filter(runner=personas.runner).count() == 3


def test_it_compares_with_this_runners_activities_only(personas: Personas) -> None:
    imported(personas.stranger, {"export.zip": zip_bytes(three_runs())})
    upload = imported(personas.runner, {"export.zip": zip_bytes(three_runs())})
    assert (upload.activities_added, upload.duplicates) == (3, 0)


def test_it_skips_a_corrupt_file_with_its_reason_and_imports_the_rest(
    personas: Personas,
) -> None:
    members = {**three_runs(), "activities/broken.gpx": gpx_run()[:300]}
    upload = imported(personas.runner, {"export.zip": zip_bytes(members)})
    assert upload.activities_added == 3
    [skipped] = upload.skipped
    assert skipped["source"] == "export.zip!activities/broken.gpx"
    assert skipped["reason"]


def test_it_names_loose_files_as_they_were_uploaded(personas: Personas) -> None:
    upload = imported(
        personas.runner, {"monday.gpx": gpx_run(), "notes.txt": b"just some words, no run"}
    )
    assert upload.original_name == "monday.gpx and 1 more file"
    assert [r.source for r in ActivityRecord.objects.filter(upload=upload)] == ["monday.gpx"]
    assert [s["source"] for s in upload.skipped] == ["notes.txt"]
    assert str(django_settings.UPLOAD_DIR) not in str(upload.skipped)


def test_it_keeps_nothing_when_the_job_fails_midway(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload = upload_of(personas.runner, {"export.zip": zip_bytes(three_runs())})
    real_bulk_create = ActivityRecord.objects.bulk_create
    calls: list[int] = []

    def fail_on_second_batch(records: list[ActivityRecord], **kwargs: Any) -> Any:
        calls.append(len(records))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_bulk_create(records, **kwargs)

    monkeypatch.setattr(services, "INSERT_BATCH", 1)
    monkeypatch.setattr(ActivityRecord.objects, "bulk_create", fail_on_second_batch)
    run_import(upload.pk, now)
    upload.refresh_from_db()
    assert calls == [1, 1]  # a first row was written before the failure
    assert not ActivityRecord.objects.exists()
    assert (upload.status, upload.error) == (UploadStatus.FAILED, FAILED_MESSAGE)
    assert (upload.activities_added, upload.skipped) == (0, [])


def test_it_fails_with_a_message_when_the_stored_files_are_gone(personas: Personas) -> None:
    upload = upload_of(personas.runner, {"run.gpx": gpx_run()})
    upload.stored_path = "missing/folder"
    upload.save()
    run_import(upload.pk, now)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED
    assert "no longer on the server" in upload.error


def test_it_shows_progress_while_the_files_are_read(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload = upload_of(personas.runner, {"run.gpx": gpx_run()})
    seen: list[tuple[str, int, int]] = []

    def slow_import(paths: list[Path], *, now: datetime, progress: Any, cache: Any) -> ImportResult:
        progress(1, 4)
        row = Upload.objects.get(pk=upload.pk)
        seen.append((row.status, row.files_done, row.files_total))
        return ImportResult((), ())

    monkeypatch.setattr(services, "import_paths", slow_import)
    run_import(upload.pk, now)
    assert seen == [("running", 1, 4)]
    upload.refresh_from_db()
    assert (upload.status, upload.files_done, upload.files_total) == ("done", 4, 4)


def test_it_writes_progress_at_most_twice_a_second(personas: Personas) -> None:
    upload = upload_of(personas.runner, {"run.gpx": gpx_run()})
    ticks = iter([0.0, 0.1, 0.3, 0.6])
    writer = ProgressWriter(upload.pk, clock=lambda: next(ticks))
    written = []
    for done in (1, 2, 3, 4):
        writer(done, 10)
        written.append(Upload.objects.get(pk=upload.pk).files_done)
    assert written == [1, 1, 1, 4]


def test_it_does_not_import_an_upload_twice(personas: Personas) -> None:
    upload = imported(personas.runner, {"run.gpx": gpx_run()})
    run_import(upload.pk, now)
    upload.refresh_from_db()
    assert (upload.activities_added, ActivityRecord.objects.count()) == (1, 1)


def test_it_stores_files_under_the_upload_dir_with_made_up_names(
    personas: Personas, upload_dir: Path
) -> None:
    upload = upload_of(personas.runner, {"../../evil name.gpx": gpx_run()})
    folder = upload_dir / upload.stored_path
    [stored] = list(folder.iterdir())
    assert folder.parent == upload_dir / str(personas.runner.pk)
    assert stored.name == "0000.gpx"
    assert stored.read_bytes() == gpx_run()
    assert upload.file_names == ["evil name.gpx"]


def test_it_keeps_the_default_upload_dir_out_of_everything_served() -> None:
    upload_dir = Path(django_settings.UPLOAD_DIR).resolve()
    served = [Path(django_settings.BASE_DIR)]
    if django_settings.STATIC_ROOT:
        served.append(Path(django_settings.STATIC_ROOT))
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            served.append(Path(storage.location))
    for root in served:
        assert not upload_dir.is_relative_to(root.resolve()), root


def test_it_refuses_an_upload_over_the_limit_and_keeps_nothing(
    personas: Personas, settings: Any, upload_dir: Path
) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(UploadRefusedError, match="more than the limit of 1 KB per upload"):
        upload_of(personas.runner, {"big.gpx": gpx_run()})
    assert not Upload.objects.exists()
    assert not list(upload_dir.rglob("*.gpx"))


def test_it_counts_the_bytes_received_not_the_size_announced(
    personas: Personas, settings: Any, upload_dir: Path
) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    lying = SimpleUploadedFile("big.gpx", gpx_run())
    lying.size = 10
    with pytest.raises(UploadRefusedError, match="limit"):
        store_upload(personas.runner, personas.runner, [lying], NOW)
    assert not list(upload_dir.rglob("*.gpx"))


def test_it_round_trips_an_activity_through_a_record(personas: Personas) -> None:
    activity = Activity(
        start=START,
        sport=Sport.TRAIL_RUNNING,
        source="export.zip!a.fit",
        kind="fit",
        utc_offset_s=7200,
        duration_s=3600.0,
        moving_s=3500.0,
        distance_m=10_000.0,
        ascent_m=250.0,
        avg_hr_bpm=150.0,
        max_hr_bpm=175.0,
        device="Forerunner",
        has_track=True,
        notes=("also found in b.gpx",),
    )
    record = ActivityRecord.objects.create(
        runner=personas.runner, **activity_to_record_fields(activity)
    )
    record.refresh_from_db()
    assert record_to_activity(record) == activity


@pytest.fixture
def restore_signals() -> Iterator[None]:
    # The worker installs its own SIGINT/SIGTERM handlers; the test process keeps its own.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


# The worker checks its connection between jobs and would drop one held in a test's
# transaction; these tests commit for real, as the web process and the worker do.
@pytest.mark.django_db(transaction=True)
def test_it_queues_the_job_in_the_database_and_the_worker_runs_it(
    personas: Personas, restore_signals: None
) -> None:
    with transaction.atomic():
        upload = upload_of(personas.runner, {"export.zip": zip_bytes(three_runs())})
        enqueue_import(upload)
        assert not DBTaskResult.objects.exists()  # queued only once the upload is committed
    [job] = DBTaskResult.objects.all()
    assert job.task_path.endswith("tasks.import_upload")
    assert job.args_kwargs["args"] == [upload.pk]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    job.refresh_from_db()
    upload.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert (upload.status, upload.activities_added) == ("done", 3)


@pytest.mark.django_db(transaction=True)
def test_it_runs_queued_jobs_with_runcare_worker_batch(
    personas: Personas, restore_signals: None
) -> None:
    upload = upload_of(personas.runner, {"run.gpx": gpx_run()})
    enqueue_import(upload)
    args = argparse.Namespace(batch=True, interval=1.0, quiet=True)
    assert worker_cmd.run(args) == 0
    upload.refresh_from_db()
    assert upload.status == "done"


def test_it_has_help_and_docs_for_the_worker_command(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="runcare")
    worker_cmd.add_parser(parser.add_subparsers(), "worker")
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["worker", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--batch" in out and "uploaded" in out
    assert "runcare worker" in (DOCS / "cli.md").read_text()
    assert "runcare worker" in (DOCS / "uploads.md").read_text()
