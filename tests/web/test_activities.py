"""A runner's imported activities: listed for her and her therapist, sport corrected,
an activity or a whole upload deleted, and the verdict following at once."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from runcare.web.accounts.models import User
from runcare.web.training.activities import duration_text
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from tests.web.conftest import Personas, client_for
from tests.web.helpers import add_runs, add_upload, spiky_runs, steady_runs, today

pytestmark = pytest.mark.django_db


def upload_with_files(runner: User, name: str) -> Upload:
    """An upload whose folder exists on disk, as the upload page leaves it."""
    upload = add_upload(runner, timezone.now(), name=name)
    upload.stored_path = f"{runner.pk}/{secrets.token_hex(16)}"
    upload.save()
    folder = Path(settings.UPLOAD_DIR) / upload.stored_path
    folder.mkdir(parents=True)
    (folder / "0000.gpx").write_text("<gpx/>")
    return upload


def spiky_history(runner: User) -> tuple[Upload, Upload]:
    """Steady weeks from one upload; the run 50 % over the month's longest from another."""
    runs = spiky_runs(today())
    steady, spike = upload_with_files(runner, "steady.zip"), upload_with_files(runner, "long.gpx")
    add_runs(runner, runs[:-1], upload=steady)
    add_runs(runner, runs[-1:], upload=spike)
    return steady, spike


def level(client: Client, runner: User) -> str:
    response = client.get(reverse("clinic:client_detail", args=[runner.pk]))
    return str(response.context["level"])


def test_it_lists_the_activities_for_the_runner_and_her_therapist_only(
    personas: Personas,
) -> None:
    add_runs(personas.runner, steady_runs(today(), weeks=1))
    add_runs(personas.stranger, steady_runs(today(), weeks=2))
    url = reverse("training:activity_list", args=[personas.runner.pk])
    for user in (personas.runner, personas.therapist):
        page = client_for(user).get(url)
        assert page.status_code == 200
        assert (
            len(page.context["rows"])
            == ActivityRecord.objects.filter(runner=personas.runner).count()
        )
    for user in (personas.other_therapist, personas.stranger):
        assert client_for(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_it_shows_day_sport_distance_duration_and_file(
    personas: Personas, runner_client: Client
) -> None:
    upload = add_upload(personas.runner, timezone.now(), name="watch.zip")
    ActivityRecord.objects.create(
        runner=personas.runner,
        upload=upload,
        start=datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        sport="running",
        kind="gpx",
        duration_s=3909.4,
        distance_m=10_512.0,
        source="watch.zip/morning.gpx",
    )
    personas.runner.time_zone = "Europe/Berlin"
    personas.runner.save()
    page = runner_client.get(reverse("training:activity_list", args=[personas.runner.pk]))
    text = page.content.decode()
    # 23:30 UTC is already the next day in Berlin: the day the training check counts it on.
    assert 'datetime="2026-03-02"' in text
    assert "00:30" in text
    for shown in ("Running", "10.51 km", "1:05:09", "watch.zip/morning.gpx"):
        assert shown in text
    assert reverse("training:upload_status", args=[upload.pk]) in text


def test_it_counts_a_file_with_its_own_offset_on_its_own_day(
    personas: Personas, runner_client: Client
) -> None:
    ActivityRecord.objects.create(
        runner=personas.runner,
        start=datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        utc_offset_s=-5 * 3600,
        sport="running",
        kind="fit",
        source="a.fit",
    )
    page = runner_client.get(reverse("training:activity_list", args=[personas.runner.pk]))
    text = page.content.decode()
    assert 'datetime="2026-03-01"' in text
    assert "18:30" in text


def test_it_corrects_the_sport_and_the_verdict_follows(
    personas: Personas, therapist_client: Client
) -> None:
    runs = spiky_runs(today())
    add_runs(personas.runner, runs)
    assert level(therapist_client, personas.runner) == "too_much_too_soon"
    spike = ActivityRecord.objects.filter(runner=personas.runner).latest("start")
    response = therapist_client.post(
        reverse("training:activity", args=[spike.pk]), {"sport": "cycling"}
    )
    assert response.status_code == 302
    spike.refresh_from_db()
    assert spike.sport == "cycling"
    assert level(therapist_client, personas.runner) != "too_much_too_soon"


@pytest.mark.parametrize("bad", ["", "flying", "running; drop table"])
def test_it_refuses_a_sport_it_does_not_know(
    personas: Personas, runner_client: Client, bad: str
) -> None:
    add_runs(personas.runner, steady_runs(today(), weeks=1))
    record = ActivityRecord.objects.filter(runner=personas.runner).first()
    assert record is not None
    response = runner_client.post(reverse("training:activity", args=[record.pk]), {"sport": bad})
    assert response.status_code == 200
    assert "sport" in response.context["form"].errors
    record.refresh_from_db()
    assert record.sport == "running"


def test_it_lets_only_the_runner_and_her_therapist_touch_an_activity(
    personas: Personas,
) -> None:
    add_runs(personas.runner, steady_runs(today(), weeks=1))
    record = ActivityRecord.objects.filter(runner=personas.runner).first()
    assert record is not None
    for user in (personas.other_therapist, personas.stranger):
        browser = client_for(user)
        assert browser.get(reverse("training:activity", args=[record.pk])).status_code == 404
        post = browser.post(reverse("training:activity", args=[record.pk]), {"sport": "other"})
        assert post.status_code == 404
        delete = browser.post(reverse("training:activity_delete", args=[record.pk]))
        assert delete.status_code == 404
    record.refresh_from_db()
    assert record.sport == "running"
    for user in (personas.runner, personas.therapist):
        assert (
            client_for(user).get(reverse("training:activity", args=[record.pk])).status_code == 200
        )


def test_it_asks_before_deleting_an_activity(personas: Personas, runner_client: Client) -> None:
    add_runs(personas.runner, steady_runs(today(), weeks=1))
    record = ActivityRecord.objects.filter(runner=personas.runner).first()
    assert record is not None
    url = reverse("training:activity_delete", args=[record.pk])
    confirm = runner_client.get(url)
    assert confirm.status_code == 200
    assert "Delete the activity" in confirm.content.decode()
    assert ActivityRecord.objects.filter(pk=record.pk).exists()
    response = runner_client.post(url)
    assert response.status_code == 302
    assert not ActivityRecord.objects.filter(pk=record.pk).exists()


def test_it_deletes_an_upload_its_activities_and_its_files_and_the_verdict_follows(
    personas: Personas, therapist_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    steady, spike = spiky_history(personas.runner)
    folder = Path(settings.UPLOAD_DIR) / spike.stored_path
    assert level(therapist_client, personas.runner) == "too_much_too_soon"
    url = reverse("training:upload_delete", args=[spike.pk])
    confirm = therapist_client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["activity_count"] == 1
    assert folder.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        response = therapist_client.post(url)
    assert response.status_code == 302
    assert not Upload.objects.filter(pk=spike.pk).exists()
    assert not ActivityRecord.objects.filter(upload_id=spike.pk).exists()
    assert not folder.exists()
    # The other upload, its files and its runs are untouched.
    assert (Path(settings.UPLOAD_DIR) / steady.stored_path / "0000.gpx").is_file()
    assert ActivityRecord.objects.filter(upload=steady).count() == len(spiky_runs(today())) - 1
    assert level(therapist_client, personas.runner) != "too_much_too_soon"


def test_it_keeps_an_upload_that_is_still_importing(
    personas: Personas, runner_client: Client
) -> None:
    upload = upload_with_files(personas.runner, "busy.zip")
    Upload.objects.filter(pk=upload.pk).update(status=UploadStatus.RUNNING)
    response = runner_client.post(reverse("training:upload_delete", args=[upload.pk]))
    assert response.status_code == 409
    assert "still being imported" in response.content.decode()
    assert Upload.objects.filter(pk=upload.pk).exists()
    assert (Path(settings.UPLOAD_DIR) / upload.stored_path).is_dir()


def test_it_never_removes_a_folder_outside_the_upload_dir(
    personas: Personas,
    runner_client: Client,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("x")
    upload = add_upload(personas.runner, timezone.now())
    Upload.objects.filter(pk=upload.pk).update(stored_path=str(outside))
    with django_capture_on_commit_callbacks(execute=True):
        runner_client.post(reverse("training:upload_delete", args=[upload.pk]))
    assert not Upload.objects.filter(pk=upload.pk).exists()
    assert (outside / "keep.txt").is_file()


def test_it_lets_nobody_else_delete_an_upload(personas: Personas) -> None:
    upload = upload_with_files(personas.runner, "mine.zip")
    for user in (personas.other_therapist, personas.stranger):
        browser = client_for(user)
        assert browser.get(reverse("training:upload_delete", args=[upload.pk])).status_code == 404
        assert browser.post(reverse("training:upload_delete", args=[upload.pk])).status_code == 404
    assert Upload.objects.filter(pk=upload.pk).exists()


@pytest.mark.parametrize(
    ("duration_s", "text"),
    [(None, "-"), (0, "0:00"), (59.6, "1:00"), (3599.4, "59:59"), (3600, "1:00:00")],
)
def test_it_writes_durations_as_people_do(duration_s: float | None, text: str) -> None:
    assert duration_text(duration_s) == text


@given(st.floats(min_value=0, max_value=10 * 24 * 3600))
def test_it_writes_every_duration_back_to_the_same_second(duration_s: float) -> None:
    parts = [int(p) for p in duration_text(duration_s).split(":")]
    seconds = sum(value * 60**power for power, value in enumerate(reversed(parts)))
    assert seconds == round(duration_s)
    assert all(p < 60 for p in parts[1:])
