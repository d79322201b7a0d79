"""An upload cannot hold the worker or bloat the database: bombs stop early, the next job
runs, and thousands of skipped files leave a small record."""

from __future__ import annotations

import io
import json
import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from runcare.web.accounts.models import User
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from runcare.web.training.services import run_import, store_upload
from runcare.web.training.tasks import enqueue_import
from tests.builders import START, gpx_run, repeated_member_zip
from tests.test_import_limits import nested_bomb
from tests.web.conftest import Personas, client_for

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


@pytest.fixture
def restore_signals() -> Iterator[None]:
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def upload_of(runner: User, files: dict[str, bytes]) -> Upload:
    uploaded = [SimpleUploadedFile(name, data) for name, data in files.items()]
    return store_upload(runner, runner, uploaded, NOW)


@pytest.mark.django_db(transaction=True)
def test_it_stops_a_nested_zip_bomb_and_the_worker_takes_the_next_job(
    personas: Personas, restore_signals: None
) -> None:
    bomb = upload_of(personas.runner, {"export.zip": nested_bomb()})
    enqueue_import(bomb)
    after = upload_of(personas.runner, {"later.gpx": gpx_run(START.replace(day=9))})
    enqueue_import(after)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    bomb.refresh_from_db()
    after.refresh_from_db()
    assert bomb.status == after.status == UploadStatus.DONE
    assert "times their packed size" in bomb.stopped
    assert bomb.stopped.startswith("The import stopped at export.zip!month0.zip!")
    # The run read before the stop is kept, and so is the next upload's.
    sources = sorted(ActivityRecord.objects.values_list("source", flat=True))
    assert sources == ["export.zip!a-run.gpx", "later.gpx"]


@pytest.mark.django_db
def test_it_keeps_a_small_record_of_fifty_thousand_skipped_files(personas: Personas) -> None:
    junk = repeated_member_zip((f"junk/{i:05d}.txt" for i in range(50_000)), b"x")
    upload = upload_of(personas.runner, {"junk.zip": junk})
    run_import(upload.pk, lambda: NOW)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert upload.skipped_total == 50_000
    assert len(upload.skipped) == 25
    assert upload.skipped_more == [
        {"reason": "not an activity file (no FIT, GPX or TCX content found)", "count": 49_975}
    ]
    client = client_for(personas.runner)
    progress = client.get(reverse("training:progress", args=[upload.pk]))
    assert len(progress.content) < 10_000
    assert json.loads(progress.content)["skipped_total"] == 50_000
    page = client.get(reverse("training:upload_status", args=[upload.pk])).content.decode()
    assert len(page) < 50_000
    assert "… and 49975 more" in page
    assert "<dd>50000</dd>" in page


@pytest.mark.django_db
def test_it_shows_the_merged_count_and_the_stop_on_the_result_page(personas: Personas) -> None:
    upload = upload_of(
        personas.runner,
        {"a.gpx": gpx_run(), "copy-of-a.gpx": gpx_run(), "b.gpx": gpx_run(START.replace(day=2))},
    )
    run_import(upload.pk, lambda: NOW)
    upload.refresh_from_db()
    assert (upload.activities_added, upload.duplicates, upload.skipped_total) == (2, 1, 0)
    page = client_for(personas.runner).get(reverse("training:upload_status", args=[upload.pk]))
    html = page.content.decode()
    assert "Merged: the same activity again, kept once</dt><dd>1</dd>" in html
    assert "stopped early" not in html
