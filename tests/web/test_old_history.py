"""Every page answers for a runner whose last run was five years ago.

Such a history once drew an axis whose range was a few 1e-20 km and never finished it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, add_upload, steady_runs, today

pytestmark = pytest.mark.django_db

# Five charts at most on a page (the four load charts and progress), each with at most
# seven grid lines.
MAX_GRID_LINES = 5 * 7


@pytest.fixture
def old_runner(personas: Personas) -> Personas:
    five_years_ago = today() - timedelta(days=5 * 365)
    add_runs(personas.runner, steady_runs(five_years_ago, weeks=30))
    add_intake(personas.runner)
    add_upload(personas.runner, timezone.now() - timedelta(days=5 * 365))
    return personas


def _runner_pages(personas: Personas) -> list[str]:
    intake = personas.runner.intakes.latest("created_at")
    upload = personas.runner.uploads.latest("created_at")
    return [
        reverse("training:dashboard"),
        reverse("clinic:intake"),
        reverse("clinic:intake_result", args=[intake.pk]),
        reverse("training:upload"),
        reverse("training:upload_status", args=[upload.pk]),
        reverse("accounts:settings"),
        reverse("runplan:plan", args=[personas.runner.pk]),
        reverse("runplan:pain"),
        reverse("runplan:settings"),
    ]


def _therapist_pages(personas: Personas) -> list[str]:
    runner_id = personas.runner.pk
    return [
        reverse("clinic:client_list"),
        reverse("clinic:client_detail", args=[runner_id]),
        reverse("clinic:intake_for", args=[runner_id]),
        reverse("training:upload_for", args=[runner_id]),
        reverse("accounts:settings"),
        reverse("runplan:plan", args=[runner_id]),
    ]


def _assert_page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert html.count('class="grid"') <= MAX_GRID_LINES, url
    return html


def test_it_shows_the_runner_every_page(old_runner: Personas, runner_client: Client) -> None:
    for url in _runner_pages(old_runner):
        _assert_page(runner_client, url)
    dashboard = _assert_page(runner_client, reverse("training:dashboard"))
    assert 'data-level="not_enough_data"' in dashboard
    assert "No run in the last 14 days, so there is nothing recent to judge." in dashboard
    assert ">OK<" not in dashboard
    assert "<svg" in dashboard


def test_it_shows_the_therapist_every_page(old_runner: Personas, therapist_client: Client) -> None:
    for url in _therapist_pages(old_runner):
        _assert_page(therapist_client, url)
    listing = _assert_page(therapist_client, reverse("clinic:client_list"))
    assert old_runner.runner.display_name in listing
