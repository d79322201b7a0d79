"""A runner's journey in a real browser: log in, mark pain on the body map, answer a red
flag and see the warning, upload a whole export and watch the import finish, see the
dashboard. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from runcare.care.redflags import QUESTIONS
from runcare.demo.generate import write_demo_history
from runcare.web.accounts.models import Role, User
from runcare.web.clinic.models import Intake, RedFlagLevel
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from tests.web.conftest import PASSWORD
from tests.web.phone import page_errors

PHONE = {"width": 360, "height": 780}
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def runner(transactional_db: None) -> User:
    therapist = User.objects.create_user(
        username="thea", password=PASSWORD, role=Role.THERAPIST, display_name="Thea"
    )
    return User.objects.create_user(
        username="rita", password=PASSWORD, role=Role.RUNNER, therapist=therapist,
        display_name="Rita",
    )  # fmt: skip


@pytest.fixture
def page(browser: Any, live_server: Any, runner: User) -> Any:
    page = browser.new_page(viewport=PHONE)
    errors = page_errors(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/training/")
    yield page
    assert errors == []
    page.close()


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_it_marks_pain_by_clicking_the_map_and_stops_at_a_red_flag(
    page: Any, live_server: Any, runner: User, artifacts_dir: Path
) -> None:
    page.goto(f"{live_server.url}/clinic/intake/")
    region = page.locator('.painmap-region[data-input$="buttock_left"]')
    for _ in range(3):
        region.click()
    assert page.locator("select[name=pain_buttock_left]").input_value() == "3"
    page.locator('.painmap-region[data-input$="lower_back_right"]').focus()
    page.keyboard.press("Enter")
    assert page.locator("select[name=pain_lower_back_right]").input_value() == "1"
    for question in QUESTIONS:
        answer = "yes" if question.key == "bladder_bowel" else "no"
        page.check(f"input[name=flag_{question.key}][value={answer}]")
    page.screenshot(path=str(artifacts_dir / "intake-phone.png"), full_page=True)
    page.click("form.intake-form button[type=submit]")
    alert = page.locator("[role=alert]").first
    alert.wait_for()
    assert "today" in alert.inner_text().lower()
    assert no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "intake-red-flag-phone.png"), full_page=True)
    intake = Intake.objects.get(runner=runner)
    assert intake.red_flag_level == RedFlagLevel.URGENT
    marked = {key: score for key, score in intake.pain_0_10.items() if score}
    assert marked == {"buttock_left": 3, "lower_back_right": 1}


def demo_export(tmp_path: Path) -> Path:
    folder = tmp_path / "history"
    write_demo_history(folder, end=date.today())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    export = tmp_path / "export.zip"
    export.write_bytes(buffer.getvalue())
    return export


def test_it_uploads_an_export_and_shows_the_import_finish(
    page: Any, live_server: Any, runner: User, tmp_path: Path, artifacts_dir: Path
) -> None:
    export = demo_export(tmp_path)
    page.goto(f"{live_server.url}/training/upload/")
    page.set_input_files("input[type=file]", str(export))
    page.click("form.upload-form button[type=submit]")
    page.wait_for_url("**/training/uploads/*/")
    upload = Upload.objects.get(runner=runner)
    assert upload.status == UploadStatus.QUEUED
    # The queue's own worker takes the job (it wants the main thread) while the page,
    # in the browser's process, keeps polling for progress.
    call_command("db_worker", "--batch")
    page.locator("text=Activities added").wait_for(timeout=30_000)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    assert upload.files_done == upload.files_total > 90
    assert ActivityRecord.objects.filter(runner=runner).count() == upload.activities_added > 80
    assert no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "upload-done-phone.png"), full_page=True)

    page.goto(f"{live_server.url}/training/")
    assert page.locator("[data-level]").get_attribute("data-level") == "too_much_too_soon"
    # The four load charts; the progress chart is drawn in its own figure.
    assert page.locator("figure.load-figure svg.chart").count() == 4
    assert no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "dashboard-phone.png"), full_page=True)
    assert timezone.now()  # the dashboard was computed as of today's date
