"""In a real browser, on a phone: a runner resets her forgotten password from the e-mail,
corrects an activity's sport and deletes an upload, watching the verdict follow; her
therapist downloads all of her data."""

from __future__ import annotations

import json
import re
import secrets
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from runcare.web.accounts.models import Role, User
from runcare.web.training.models import ActivityRecord, Upload
from tests.web.conftest import PASSWORD
from tests.web.helpers import add_runs, add_upload, spiky_runs, today
from tests.web.phone import page_errors

PHONE = {"width": 360, "height": 780}
NEW_PASSWORD = "a quiet lake at dawn 42"  # noqa: S105 - a test fixture
pytestmark = pytest.mark.django_db(transaction=True)


def upload_on_disk(runner: User, name: str) -> Upload:
    upload = add_upload(runner, timezone.now(), name=name)
    upload.stored_path = f"{runner.pk}/{secrets.token_hex(16)}"
    upload.save()
    folder = Path(settings.UPLOAD_DIR) / upload.stored_path
    folder.mkdir(parents=True)
    (folder / "0000.gpx").write_text("<gpx/>")
    return upload


@pytest.fixture
def runner(transactional_db: None) -> User:
    """Steady weeks from one upload, and a long run that a GPX file without a sport
    brought in as "other", from a second upload."""
    therapist = User.objects.create_user(
        username="thea", password=PASSWORD, role=Role.THERAPIST, display_name="Thea"
    )
    rita = User.objects.create_user(
        username="rita", password=PASSWORD, role=Role.RUNNER, therapist=therapist,
        display_name="Rita", email="rita@example.org",
    )  # fmt: skip
    runs = spiky_runs(today())
    add_runs(rita, runs[:-1], upload=upload_on_disk(rita, "watch-export.zip"))
    long_run = upload_on_disk(rita, "long-run.gpx")
    add_runs(rita, runs[-1:], upload=long_run)
    ActivityRecord.objects.filter(upload=long_run).update(sport="other")
    return rita


@pytest.fixture
def phone(browser: Any) -> Any:
    page = browser.new_page(viewport=PHONE, accept_downloads=True)
    errors = page_errors(page)
    yield page
    assert errors == []
    page.close()


def verdict(page: Any, url: str) -> str:
    page.goto(url)
    return str(page.locator("[data-level]").first.get_attribute("data-level"))


def test_it_resets_a_password_then_corrects_a_sport_and_deletes_an_upload(
    phone: Any, live_server: Any, runner: User, artifacts_dir: Path
) -> None:
    base = live_server.url
    phone.goto(f"{base}/accounts/login/")
    phone.click("text=Forgot your password?")
    phone.fill("input[name=email]", "rita@example.org")
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/accounts/password/reset/sent/")
    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body)
    assert link
    phone.goto(link[0])
    phone.fill("input[name=new_password1]", NEW_PASSWORD)
    phone.fill("input[name=new_password2]", NEW_PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/accounts/reset/done/")
    phone.goto(f"{base}/accounts/login/")
    phone.fill("#id_username", "rita")
    phone.fill("#id_password", NEW_PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/training/")

    before = verdict(phone, f"{base}/training/")
    assert before != "too_much_too_soon"
    phone.click("text=My activities")
    phone.locator("tr[data-activity] th a").first.click()
    phone.select_option("select[name=sport]", "running")
    phone.screenshot(path=str(artifacts_dir / "activity-sport-phone.png"), full_page=True)
    phone.click("text=Save the sport")
    assert "The sport is corrected" in phone.inner_text("main")
    assert phone.locator("tr[data-activity] td[data-field=sport]").first.inner_text() == "Running"
    assert verdict(phone, f"{base}/training/") == "too_much_too_soon"

    phone.click("text=My activities")
    phone.locator("tr[data-activity] th a").first.click()
    phone.click("text=Delete its whole upload")
    phone.click("button:has-text('Delete the upload')")
    phone.wait_for_url(f"{base}/training/runners/{runner.pk}/activities/")
    assert "long-run.gpx" in phone.inner_text("main")
    assert not Upload.objects.filter(original_name="long-run.gpx").exists()
    remaining = [p.name for p in (Path(settings.UPLOAD_DIR) / str(runner.pk)).iterdir()]
    assert len(remaining) == 1
    assert verdict(phone, f"{base}/training/") == before
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_it_lets_the_therapist_download_all_of_a_clients_data(
    phone: Any, live_server: Any, runner: User, tmp_path: Path
) -> None:
    base = live_server.url
    phone.goto(f"{base}/accounts/login/")
    phone.fill("#id_username", "thea")
    phone.fill("#id_password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/clinic/clients/")
    phone.click("text=Rita")
    phone.click("text=Download all their data")
    with phone.expect_download() as waiting:
        phone.click("button:has-text('Download the zip file')")
    saved = tmp_path / "rita.zip"
    waiting.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        activities = json.loads(archive.read("activities.json"))["records"]
        manifest = json.loads(archive.read("runcare-export.json"))
    assert len(activities) == ActivityRecord.objects.filter(runner=runner).count()
    assert len(manifest["files"]) == 2
