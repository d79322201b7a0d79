"""The upload pages: who may upload for whom, the size limit, the status page and its JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from runcare.web.training.models import ActivityRecord, Upload
from runcare.web.training.services import run_import
from tests.builders import gpx_run, zip_bytes
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

PROGRESS_KEYS = {
    "status",
    "status_label",
    "files_done",
    "files_total",
    "activities_added",
    "duplicates",
    "skipped",
    "skipped_more",
    "skipped_total",
    "stopped",
    "error",
}


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    # Password hashing is not under test here; Argon2 would make every persona slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


def export_zip() -> SimpleUploadedFile:
    members = {"activities/run.gpx": gpx_run(), "activities/broken.fit": b"not a fit file"}
    return SimpleUploadedFile("export.zip", zip_bytes(members), "application/zip")


def post_upload(client: Client, url: str, **extra: Any) -> Any:
    return client.post(url, {"files": [export_zip()]}, **extra)


def queued_upload(personas: Personas) -> Upload:
    return Upload.objects.create(
        runner=personas.runner,
        uploaded_by=personas.runner,
        created_at="2024-06-01T12:00:00Z",
        original_name="export.zip",
        stored_path="nowhere",
        size_bytes=1234,
    )


def test_it_shows_the_runner_the_form_with_the_size_limit(runner_client: Client) -> None:
    response = runner_client.get(reverse("training:upload"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'label for="id_files"' in html
    assert 'id="id_files"' in html and "multiple" in html
    assert "Up to 1 GB per upload" in html
    assert "runcare/upload.js" in html


def test_it_shows_the_therapist_the_form_for_her_client(
    personas: Personas, therapist_client: Client
) -> None:
    response = therapist_client.get(reverse("training:upload_for", args=[personas.runner.pk]))
    assert response.status_code == 200
    assert "Upload activities for Rita Runner" in response.content.decode()


@pytest.mark.parametrize("who", ["other_therapist", "stranger", "runner"])
def test_it_hides_a_clients_upload_form_from_everyone_but_her_therapist(
    personas: Personas, who: str
) -> None:
    url = reverse("training:upload_for", args=[personas.runner.pk])
    client = client_for(getattr(personas, who))
    assert client.get(url).status_code == 404
    assert post_upload(client, url).status_code == 404
    assert not Upload.objects.exists()


def test_it_keeps_the_runners_own_upload_page_for_runners(therapist_client: Client) -> None:
    response = therapist_client.get(reverse("training:upload"))
    assert (response.status_code, response["Location"]) == (302, reverse("home"))


def test_it_sends_anonymous_visitors_to_log_in() -> None:
    response = Client().get(reverse("training:upload"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_stores_a_runners_upload_and_queues_its_import(
    personas: Personas, runner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = post_upload(runner_client, reverse("training:upload"))
    upload = Upload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:upload_status", args=[upload.pk])
    assert (upload.runner, upload.uploaded_by) == (personas.runner, personas.runner)
    assert (upload.original_name, upload.status) == ("export.zip", "queued")
    [job] = DBTaskResult.objects.all()
    assert job.args_kwargs["args"] == [upload.pk]


def test_it_lets_the_therapist_upload_for_her_client(
    personas: Personas, therapist_client: Client
) -> None:
    url = reverse("training:upload_for", args=[personas.runner.pk])
    assert post_upload(therapist_client, url).status_code == 302
    upload = Upload.objects.get()
    assert (upload.runner, upload.uploaded_by) == (personas.runner, personas.therapist)


def test_it_answers_the_page_script_with_json(runner_client: Client) -> None:
    response = post_upload(
        runner_client, reverse("training:upload"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 201
    upload = Upload.objects.get()
    assert response.json() == {"status_url": reverse("training:upload_status", args=[upload.pk])}


def test_it_takes_several_files_as_one_upload(runner_client: Client) -> None:
    files = [SimpleUploadedFile(f"run{i}.gpx", gpx_run()) for i in range(3)]
    assert runner_client.post(reverse("training:upload"), {"files": files}).status_code == 302
    upload = Upload.objects.get()
    assert upload.file_names == ["run0.gpx", "run1.gpx", "run2.gpx"]
    assert upload.original_name == "run0.gpx and 2 more files"


def test_it_asks_for_a_file_when_none_was_chosen(runner_client: Client) -> None:
    response = runner_client.post(reverse("training:upload"), {})
    assert response.status_code == 400
    assert "Choose at least one file to upload." in response.content.decode()


def test_it_refuses_files_over_the_size_limit_with_a_clear_message(
    runner_client: Client, settings: Any, upload_dir: Path
) -> None:
    settings.UPLOAD_MAX_BYTES = 10 * 1024
    big = SimpleUploadedFile("big.gpx", gpx_run(distance_m=20_000))
    response = runner_client.post(reverse("training:upload"), {"files": [big]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "more than the limit of 10 KB per upload" in html
    assert not Upload.objects.exists()
    assert not upload_dir.exists() or not any(upload_dir.rglob("*.gpx"))


def test_it_refuses_an_oversized_request_before_reading_it(
    runner_client: Client, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("huge.zip", b"x" * (2 * 1024**2))
    response = runner_client.post(
        reverse("training:upload"), {"files": [big]}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 413
    [message] = response.json()["errors"]
    assert "more than the limit of 1 KB per upload" in message
    assert not Upload.objects.exists()


def test_it_answers_a_malformed_length_with_400_not_a_crash(runner_client: Client) -> None:
    response = runner_client.post(
        reverse("training:upload"),
        {"files": [export_zip()]},
        CONTENT_LENGTH="12abc",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == ["The upload could not be read. Please try again."]
    assert not Upload.objects.exists()


def test_it_still_checks_the_csrf_token(runner_client: Client, personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.runner)
    assert post_upload(client, reverse("training:upload")).status_code == 403
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("runner", 200), ("therapist", 200), ("other_therapist", 404), ("stranger", 404)],
)
def test_it_shows_an_upload_only_to_the_runner_and_her_therapist(
    personas: Personas, who: str, expected: int
) -> None:
    upload = queued_upload(personas)
    client = client_for(getattr(personas, who))
    status = client.get(reverse("training:upload_status", args=[upload.pk]))
    progress = client.get(reverse("training:progress", args=[upload.pk]))
    assert (status.status_code, progress.status_code) == (expected, expected)


def test_it_answers_404_for_an_upload_that_does_not_exist(runner_client: Client) -> None:
    assert runner_client.get(reverse("training:upload_status", args=[999])).status_code == 404
    assert runner_client.get(reverse("training:progress", args=[999])).status_code == 404


def test_it_shows_a_waiting_import_with_a_bar_that_refreshes_without_script(
    personas: Personas, runner_client: Client
) -> None:
    upload = queued_upload(personas)
    html = runner_client.get(reverse("training:upload_status", args=[upload.pk])).content
    page = html.decode()
    assert "<progress" in page and 'label for="import-bar"' in page
    assert "0 of 0 files" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "runcare worker" in page
    assert reverse("training:progress", args=[upload.pk]) in page


def test_it_reports_progress_as_json(personas: Personas, runner_client: Client) -> None:
    upload = queued_upload(personas)
    Upload.objects.filter(pk=upload.pk).update(status="running", files_done=3, files_total=8)
    response = runner_client.get(reverse("training:progress", args=[upload.pk]))
    data = response.json()
    assert set(data) == PROGRESS_KEYS
    assert (data["status"], data["files_done"], data["files_total"]) == ("running", 3, 8)
    assert response["Cache-Control"] == "no-store"


def test_it_shows_the_result_once_imported(
    personas: Personas, therapist_client: Client, runner_client: Client
) -> None:
    url = reverse("training:upload_for", args=[personas.runner.pk])
    post_upload(therapist_client, url)
    upload = Upload.objects.get()
    run_import(upload.pk, lambda: upload.created_at)
    assert ActivityRecord.objects.filter(runner=personas.runner).count() == 1
    page = runner_client.get(reverse("training:upload_status", args=[upload.pk])).content.decode()
    assert "Activities added" in page and "Merged: the same activity again, kept once" in page
    assert "export.zip!activities/broken.fit" in page
    assert "http-equiv" not in page
    data = runner_client.get(reverse("training:progress", args=[upload.pk])).json()
    assert (data["status"], data["activities_added"], data["duplicates"]) == ("done", 1, 0)
    assert data["files_done"] == data["files_total"] == 2
    assert [s["source"] for s in data["skipped"]] == ["export.zip!activities/broken.fit"]


def test_it_shows_why_an_import_failed(personas: Personas, runner_client: Client) -> None:
    upload = queued_upload(personas)
    run_import(upload.pk, lambda: upload.created_at)
    page = runner_client.get(reverse("training:upload_status", args=[upload.pk])).content.decode()
    assert "The import failed." in page
    assert "no longer on the server" in page
