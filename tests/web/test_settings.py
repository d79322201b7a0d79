"""A person's own settings: display name and the time zone of their calendar days."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from runcare.activities import Activity, Sport
from runcare.web.training.queries import report_from, runner_zone
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
URL = "/accounts/settings/"


def test_it_lets_a_runner_choose_their_time_zone(personas: Personas, runner_client: Client) -> None:
    page = runner_client.get(URL)
    assert page.status_code == 200
    assert b"Europe/Berlin" in page.content
    saved = runner_client.post(URL, {"display_name": "Rita R", "time_zone": "Europe/Berlin"})
    assert saved.status_code == 302
    personas.runner.refresh_from_db()
    assert personas.runner.time_zone == "Europe/Berlin"
    assert runner_zone(personas.runner) == ZoneInfo("Europe/Berlin")


def test_it_refuses_a_zone_that_does_not_exist(personas: Personas, runner_client: Client) -> None:
    response = runner_client.post(URL, {"display_name": "", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    personas.runner.refresh_from_db()
    assert personas.runner.time_zone == ""


def test_it_falls_back_to_the_clinics_zone(personas: Personas, settings: Any) -> None:
    settings.TIME_ZONE = "America/Chicago"
    assert runner_zone(personas.runner) == ZoneInfo("America/Chicago")


def test_it_counts_a_late_gpx_run_on_the_runners_own_day(personas: Personas) -> None:
    # 22:30 UTC on 30 June is 00:30 on 1 July in Berlin (summer time, UTC+2).
    run = Activity(
        start=datetime(2024, 6, 30, 22, 30, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="late.gpx",
        kind="gpx",
        distance_m=8000.0,
    )
    now = datetime(2024, 7, 2, 12, 0, tzinfo=UTC)
    personas.runner.time_zone = "UTC"
    assert report_from(personas.runner, [run], now).runs[0].day.isoformat() == "2024-06-30"
    personas.runner.time_zone = "Europe/Berlin"
    assert report_from(personas.runner, [run], now).runs[0].day.isoformat() == "2024-07-01"


def test_it_asks_anyone_to_log_in_first() -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
