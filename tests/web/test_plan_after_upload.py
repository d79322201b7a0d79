"""An upload's new runs re-plan at once, and what that changed is kept with its cause."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from runcare.web.accounts.models import User
from runcare.web.plan.models import PlanChange
from runcare.web.training.models import Upload, UploadStatus
from runcare.web.training.services import run_import, store_upload
from tests.builders import gpx_run
from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, steady_runs

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
TODAY = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def trained(personas: Personas) -> Personas:
    add_runs(personas.runner, steady_runs(TODAY - timedelta(days=2)))
    add_intake(personas.runner, now=NOW)
    return personas


def imported(runner: User, files: dict[str, bytes]) -> Upload:
    uploaded = [SimpleUploadedFile(name, data) for name, data in files.items()]
    upload = store_upload(runner, runner, uploaded, NOW)
    run_import(upload.pk, lambda: NOW)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    return upload


def long_run_yesterday() -> dict[str, bytes]:
    start = datetime(2024, 5, 31, 7, 0, tzinfo=UTC)
    return {"long.gpx": gpx_run(start, distance_m=21000)}


def test_new_runs_that_change_the_plan_are_recorded_with_their_cause(trained: Personas) -> None:
    upload = imported(trained.runner, long_run_yesterday())
    assert upload.activities_added == 1
    change = PlanChange.objects.get(runner=trained.runner)
    assert change.cause == "1 new activity uploaded"
    assert change.as_of == TODAY
    assert change.created_at == NOW
    assert change.changes and all(isinstance(text, str) and text for text in change.changes)


def test_several_new_runs_are_counted_in_the_cause(trained: Personas) -> None:
    files = {
        f"run{n}.gpx": gpx_run(datetime(2024, 5, 31 - n, 18, 0, tzinfo=UTC), distance_m=16000)
        for n in range(2)
    }
    imported(trained.runner, files)
    assert PlanChange.objects.get(runner=trained.runner).cause == "2 new activities uploaded"


def test_the_same_upload_again_adds_nothing_and_records_no_change(trained: Personas) -> None:
    imported(trained.runner, long_run_yesterday())
    again = imported(trained.runner, long_run_yesterday())
    assert again.activities_added == 0
    assert PlanChange.objects.filter(runner=trained.runner).count() == 1


def test_a_run_that_leaves_the_plan_as_it_was_records_nothing(trained: Personas) -> None:
    # Years before the plan's window: it is imported but moves no planned run.
    old = {"old.gpx": gpx_run(datetime(2019, 5, 1, 7, 0, tzinfo=UTC), distance_m=5000)}
    assert imported(trained.runner, old).activities_added == 1
    assert not PlanChange.objects.filter(runner=trained.runner).exists()


def test_the_plan_page_says_what_the_upload_changed(
    personas: Personas, runner_client: Client
) -> None:
    # The page plans from today's clock, so this history ends today.
    now = datetime.now(UTC)
    add_runs(personas.runner, steady_runs(now.date() - timedelta(days=2)))
    add_intake(personas.runner, now=now)
    run = gpx_run(now - timedelta(days=1), distance_m=21000)
    upload = store_upload(personas.runner, personas.runner, [SimpleUploadedFile("a.gpx", run)], now)
    run_import(upload.pk, lambda: now)
    page = runner_client.get(reverse("runplan:plan", args=[personas.runner.pk])).content.decode()
    assert "after 1 new activity uploaded" in page
    change = PlanChange.objects.get(runner=personas.runner)
    assert all(escape(text) in page for text in change.changes)
