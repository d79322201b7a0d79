"""Each person's pages in their own time zone; a new account takes the browser's zone.

The clinic's zone (``RUNCARE_TIME_ZONE``, Django's ``TIME_ZONE``) is set per test, so that a
time shown in the runner's zone cannot also be right by chance in the server's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.middleware import UserTimeZoneMiddleware
from runcare.web.accounts.models import Invitation, Role, User
from runcare.web.training.models import ActivityRecord
from runcare.web.training.queries import load_report
from tests.web.conftest import PASSWORD, Personas, client_for
from tests.web.helpers import add_upload

pytestmark = pytest.mark.django_db

CLINIC_ZONE = "Europe/London"


@pytest.fixture(autouse=True)
def clinic_zone() -> Any:
    with override_settings(TIME_ZONE=CLINIC_ZONE):
        yield


def _zone_seen_by(user: User | None) -> str:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    UserTimeZoneMiddleware(view)(request)
    return seen[0]


def test_it_activates_the_persons_own_zone_for_the_request(personas: Personas) -> None:
    personas.runner.time_zone = "Asia/Tokyo"
    assert _zone_seen_by(personas.runner) == "Asia/Tokyo"


def test_it_uses_the_clinics_zone_for_a_person_without_one(personas: Personas) -> None:
    assert personas.therapist.time_zone == ""
    assert _zone_seen_by(personas.therapist) == CLINIC_ZONE
    assert _zone_seen_by(None) == CLINIC_ZONE


def test_it_leaves_no_zone_behind_for_the_next_request(personas: Personas) -> None:
    personas.runner.time_zone = "Pacific/Auckland"
    _zone_seen_by(personas.runner)
    assert timezone.get_current_timezone_name() == CLINIC_ZONE


def test_it_shows_times_on_the_pages_in_the_viewers_zone(personas: Personas) -> None:
    personas.runner.time_zone = "Asia/Tokyo"
    personas.runner.save()
    upload = add_upload(personas.runner, datetime(2026, 3, 1, 22, 30, tzinfo=UTC))
    url = reverse("training:upload_status", args=[upload.pk])
    runner_page = client_for(personas.runner).get(url).content.decode()
    assert "sent 2 Mar 2026, 07:30" in runner_page  # Tokyo is UTC+9
    # The therapist reads the same upload in her own (the clinic's) zone.
    therapist_page = client_for(personas.therapist).get(url).content.decode()
    assert "sent 1 Mar 2026, 22:30" in therapist_page
    assert client_for(personas.stranger).get(url).status_code == 404


def _join(personas: Personas, browser_zone: str | None) -> User:
    _, token = Invitation.issue(personas.therapist, "nia@example.org", now=timezone.now(), days=7)
    browser = Client()
    browser.get(reverse("accounts:accept", args=[token]))
    form = {"username": "nia", "password": PASSWORD, "password_again": PASSWORD}
    if browser_zone is not None:
        form["time_zone"] = browser_zone
    assert browser.post(reverse("accounts:join"), form).status_code == 302
    return User.objects.get(username="nia")


@pytest.mark.parametrize(
    ("browser_zone", "stored", "zone"),
    [
        ("America/Chicago", "America/Chicago", "America/Chicago"),
        (None, "", CLINIC_ZONE),  # no JavaScript: the clinic's zone
        ("", "", CLINIC_ZONE),
        ("Mars/Olympus_Mons", "", CLINIC_ZONE),  # not a zone: ignored, not an error
        ("localtime", "", CLINIC_ZONE),
    ],
)
def test_it_gives_a_new_runner_the_browsers_zone_else_the_clinics(
    personas: Personas, browser_zone: str | None, stored: str, zone: str
) -> None:
    nia = _join(personas, browser_zone)
    assert nia.role == Role.RUNNER
    assert nia.time_zone == stored
    assert nia.zone.key == zone


def test_it_counts_a_new_runners_runs_on_her_own_local_days(personas: Personas) -> None:
    nia = _join(personas, "Pacific/Auckland")
    # 20:00 UTC on 19 May is 08:00 on 20 May in Auckland; a GPX file records no offset.
    ActivityRecord.objects.create(
        runner=nia,
        start=datetime(2024, 5, 19, 20, 0, tzinfo=UTC),
        utc_offset_s=None,
        sport="running",
        kind="gpx",
        duration_s=1800.0,
        distance_m=5000.0,
        source="evening.gpx",
    )
    report = load_report(nia, datetime(2024, 5, 25, 12, tzinfo=UTC))
    assert [run.day.isoformat() for run in report.runs] == ["2024-05-20"]
    assert report.tz == "Pacific/Auckland"


def test_it_fills_the_zone_with_a_static_script_not_an_inline_one(personas: Personas) -> None:
    _, token = Invitation.issue(personas.therapist, "nia@example.org", now=timezone.now(), days=7)
    browser = Client()
    browser.get(reverse("accounts:accept", args=[token]))
    html = browser.get(reverse("accounts:join")).content.decode()
    assert 'type="hidden" name="time_zone"' in html
    assert "data-browser-time-zone" in html
    assert f'<script src="{settings.STATIC_URL}runcare/timezone.js' in html
    assert "<script>" not in html
